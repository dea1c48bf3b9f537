import type { SpawnWorker } from '../parallel/pool.js';
import type { TextSink } from '../report/sink.js';

export interface CommandIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** Worker threads the command may start (the installed command has them; absent, all runs stay in this thread). */
  workers?: { cores: number; spawn: SpawnWorker };
}
