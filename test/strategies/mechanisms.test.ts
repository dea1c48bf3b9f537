import { describe, expect, test } from 'vitest';
import { Clock } from '../../src/model/clock.js';
import { LEASE_DENIED, Leases, NO_LEASE } from '../../src/strategies/mechanisms/leases.js';
import { FillRefusal } from '../../src/model/observer.js';
import { SessionTokens } from '../../src/strategies/mechanisms/session-tokens.js';
import { VersionFloor } from '../../src/strategies/mechanisms/version-floor.js';
import { VersionStamps } from '../../src/strategies/mechanisms/version-stamps.js';

describe('Leases', () => {
  const settings = { leaseTtlMs: 100, retryAfterMs: 10, maxRetries: 3 };

  test('one token per key and region at a time; others are denied until it is redeemed', () => {
    const leases = new Leases(settings, 4, 2);
    const token = leases.acquire(0, 1, 0);
    expect(token).toBeGreaterThan(NO_LEASE);
    expect(leases.acquire(0, 1, 5)).toBe(LEASE_DENIED);
    expect(leases.acquire(1, 1, 5)).toBeGreaterThan(NO_LEASE); // another region
    expect(leases.acquire(0, 2, 5)).toBeGreaterThan(NO_LEASE); // another key
    expect(leases.redeem(0, 1, token, 20)).toBe(FillRefusal.None);
    expect(leases.acquire(0, 1, 21)).toBeGreaterThan(token);
  });

  test('a delete voids the outstanding token: its fill is refused and a new lease can be had', () => {
    const leases = new Leases(settings, 4, 1);
    const token = leases.acquire(0, 3, 0);
    leases.voidLease(0, 3);
    expect(leases.redeem(0, 3, token, 10)).toBe(FillRefusal.LeaseVoided);
    expect(leases.acquire(0, 3, 10)).toBeGreaterThan(token);
  });

  test('an expired lease is replaced; its late holder cannot fill; a read without lease never fills', () => {
    const leases = new Leases(settings, 1, 1);
    const first = leases.acquire(0, 0, 0);
    const second = leases.acquire(0, 0, 100);
    expect(second).not.toBe(first);
    expect(leases.redeem(0, 0, first, 150)).toBe(FillRefusal.LeaseVoided);
    expect(leases.redeem(0, 0, NO_LEASE, 150)).toBe(FillRefusal.LeaseVoided);
    expect(leases.redeem(0, 0, second, 150)).toBe(FillRefusal.None);
    const third = leases.acquire(0, 0, 200);
    expect(leases.redeem(0, 0, third, 300)).toBe(FillRefusal.LeaseExpired); // redeemed after its expiry
  });
});

describe('VersionFloor', () => {
  test('admits stamps at or above the newest heard, per region and key', () => {
    const floor = new VersionFloor(3, 2);
    expect(floor.admits(0, 0, 0)).toBe(true);
    floor.heard(0, 0, 5);
    floor.heard(0, 0, 3);
    expect(floor.admits(0, 0, 4)).toBe(false);
    expect(floor.admits(0, 0, 5)).toBe(true);
    expect(floor.admits(1, 0, 1)).toBe(true);
    expect(floor.admits(0, 1, 1)).toBe(true);
  });
});

describe('VersionStamps', () => {
  const clocks = () => [new Clock({ skewMs: 0, driftPpm: 0, jumps: [] }), new Clock({ skewMs: -10_000, driftPpm: 0, jumps: [] })];

  test('counter: the stamp is the version', () => {
    const stamps = new VersionStamps('counter', clocks(), 0, 2);
    stamps.writeIssued(0, 1, 100);
    stamps.committed(1, 1, 0, 150);
    expect([stamps.of(1, 0), stamps.of(1, 1), stamps.of(1, 7)]).toEqual([0, 1, 7]);
  });

  test('timestamp: the writer clock; a writer 10 s behind stamps a later write as older', () => {
    const stamps = new VersionStamps('timestamp', clocks(), 0, 1);
    stamps.writeIssued(0, 0, 1_000);
    stamps.committed(0, 1, 0, 1_001);
    stamps.writeIssued(1, 1, 2_000);
    stamps.committed(0, 2, 1, 2_050);
    expect(stamps.of(0, 1)).toBe(1_000);
    expect(stamps.of(0, 2)).toBe(-8_000);
    expect(stamps.of(0, 2)).toBeLessThan(stamps.of(0, 1));
    expect(stamps.of(0, 0)).toBe(-Infinity);
  });

  test('hlc: stamps increase in commit order even when a writer clock is behind', () => {
    const stamps = new VersionStamps('hlc', clocks(), 0, 1);
    stamps.writeIssued(0, 0, 1_000);
    stamps.committed(0, 1, 0, 1_001);
    stamps.writeIssued(1, 1, 1_500);
    stamps.committed(0, 2, 1, 1_550);
    expect(stamps.of(0, 2)).toBeGreaterThan(stamps.of(0, 1));
    expect(stamps.of(0, 2)).toBeCloseTo(1_550, 6);
  });
});

describe('SessionTokens', () => {
  test('keep the highest version seen per session and key', () => {
    const tokens = new SessionTokens(10);
    expect(tokens.token(1, 2)).toBe(0);
    tokens.saw(1, 2, 4);
    tokens.saw(1, 2, 3);
    tokens.saw(2, 2, 9);
    expect([tokens.token(1, 2), tokens.token(2, 2), tokens.token(1, 3)]).toEqual([4, 9, 0]);
  });

  test('tokens no copy could be older than are forgotten when the table fills; the others stay', () => {
    // Session 0's copies of every key are at version 5 or newer, session 1's may still be at 0.
    const tokens = new SessionTokens(10_000, (session) => (session === 0 ? 5 : 0));
    for (let key = 0; key < 10_000; key++) {
      tokens.saw(0, key, 5);
      tokens.saw(1, key, 5);
    }
    const kept = (session: number) => Array.from({ length: 10_000 }, (_, key) => tokens.token(session, key)).filter((t) => t > 0).length;
    // Rebuilt many times over 20,000 pairs: only the session-0 tokens set since the last are left.
    expect(kept(0)).toBeLessThan(10_000);
    expect(kept(1)).toBe(10_000);
  });
});
