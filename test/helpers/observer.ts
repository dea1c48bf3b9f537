/** Observers for tests of one model piece: every observation ignored but those a test listens to. */
import type { Observer } from '../../src/model/observer.js';

const noop = () => {};

export function observerOf(listening: Partial<Observer> = {}): Observer {
  return {
    commit: noop,
    writeFailed: noop,
    writeAck: noop,
    replicaApply: noop,
    read: noop,
    readFailed: noop,
    databaseRead: noop,
    fill: noop,
    stored: noop,
    fillInFlight: noop,
    fillLanded: noop,
    refreshStarted: noop,
    leaseAnswered: noop,
    entryEnd: noop,
    messageSent: noop,
    messageDelivered: noop,
    messageDuplicated: noop,
    messageLost: noop,
    messageHeld: noop,
    ...listening,
  };
}
