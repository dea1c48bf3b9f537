/**
 * `npm run bench`: speed and memory against the targets of the core-simulator issue.
 *   1. engine alone ≥ 5 M events/s;
 *   2. `cache-sim run` end to end ≥ 1 M simulated events/s (3 regions, 1 M reads), whole process;
 *   3. peak memory flat as reads grow (10 M reads within 10 % + 20 MiB of 1 M reads), and as
 *      writes grow (1 M writes against 0.1 M);
 *   4. the SimPy peer (shared/bench, when Debian's python3-simpy3 is installed): SimPy's loop
 *      seconds ÷ cache-sim's whole-process seconds on the same model over the same simulated
 *      time (the span SimPy's 1 M events cover), target ≥ 4×;
 *   5. (information, no target) the SimPy ratio loop against loop, over five times the
 *      simulated time, and for a bare JavaScript loop of SimPy's model (the floor Node sets);
 *      the quickstart's six strategies on one thread and on every core.
 * Prints a line per check and exits 1 if a target is missed. Timings are best of 3 (the
 * short whole-process runs: best of 5, as this machine's timings vary by ±10 %).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineEventsPerSecond } from './engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'cache-sim.js');
const peerDir = join(root, '..', 'shared', 'bench');
let missed = 0;

function report(name: string, value: string, ok: boolean, target: string): void {
  if (!ok) missed++;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name.padEnd(34)} ${value.padStart(14)}   target ${target}`);
}

function bestOf<T>(runs: number, measure: () => T, better: (a: T, b: T) => boolean): T {
  let best = measure();
  for (let i = 1; i < runs; i++) {
    const next = measure();
    if (better(next, best)) best = next;
  }
  return best;
}

/** Whole-process wall time of `cache-sim run FILE --format json` and the events it simulated. */
function timeCli(file: string, extra: string[] = [], env: NodeJS.ProcessEnv = process.env): { seconds: number; events: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, [cli, 'run', file, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const seconds = (performance.now() - started) / 1000;
  const doc = JSON.parse(out) as { strategies: Record<string, { events: number }> };
  const events = Object.values(doc.strategies).reduce((n, s) => n + s.events, 0);
  return { seconds, events };
}

/** Whole-process wall time of `node ARGS` (seconds). */
function timeProcess(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

/** One scenario run in a fresh process (bench/run-child.mjs, built code): reads, writes, simulation seconds, peak memory. */
function runChild(file: string, sets: string[]): { reads: number; writes: number; seconds: number; maxRssMiB: number } {
  const out = execFileSync(process.execPath, [join(root, 'bench', 'run-child.mjs'), file, ...sets], { encoding: 'utf8', cwd: root });
  return JSON.parse(out);
}

const engineRate = bestOf(3, () => engineEventsPerSecond(1000, 5_000_000), (a, b) => a > b);
report('engine alone (hold model, 1000)', `${(engineRate / 1e6).toFixed(2)} M ev/s`, engineRate >= 5e6, '≥ 5 M events/s');

const benchFile = join(root, 'bench', 'three-region.yaml');
const e2e = bestOf(5, () => timeCli(benchFile), (a, b) => a.seconds < b.seconds);
const e2eRate = e2e.events / e2e.seconds;
report('cache-sim run, 3 regions, 1 M reads', `${(e2eRate / 1e6).toFixed(2)} M ev/s`, e2eRate >= 1e6, `≥ 1 M events/s (${e2e.events} events in ${e2e.seconds.toFixed(2)} s)`);

/** Peak memory of a run and of one ten times longer: flat means within 10 % + 20 MiB. */
function memoryFlat(what: string, counted: (run: ReturnType<typeof runChild>) => number, sets: string[], duration: number): void {
  const small = runChild(benchFile, [...sets, `duration=${duration}s`]);
  const large = runChild(benchFile, [...sets, `duration=${duration * 10}s`]);
  report(
    `peak RSS ${(counted(small) / 1e6).toFixed(1)} M → ${(counted(large) / 1e6).toFixed(1)} M ${what}`,
    `${small.maxRssMiB.toFixed(0)} → ${large.maxRssMiB.toFixed(0)} MiB`,
    large.maxRssMiB <= small.maxRssMiB * 1.1 + 20,
    'flat (≤ +10 % + 20 MiB)',
  );
}
memoryFlat('reads', (run) => run.reads, [], 500);
// Writes: the same scenario, 100 times the write rate (commit times must not pile up).
memoryFlat('writes', (run) => run.writes, ['workload.writes_per_second=2000'], 50);
// Entries nobody reads again (L1s read by their own sessions only, expiring ones lingering until
// looked at) must not hold writes unsettled and what the checkers forget for ever.
memoryFlat('reads, expired L1 entries left unread', (run) => run.reads, ['cache.l1={hosts: 8, ttl: 2s}', 'workload.keys=20000', 'strategies=[ttl]'], 300);

// Many small L1s over a big key space: their memory must follow their capacity, not the keys.
{
  const l1s = runChild(benchFile, ['cache.l1={hosts: 100, capacity: 1000, ttl: 2s}', 'workload.keys=1000000', 'duration=60s']);
  report(
    'peak RSS, 300 L1s of 1000 entries, 1 M keys',
    `${l1s.maxRssMiB.toFixed(0)} MiB`,
    l1s.maxRssMiB <= 512,
    `≤ 512 MiB (simulation ${l1s.seconds.toFixed(2)} s)`,
  );
}

const peerScenario = join(peerDir, 'speed-model-b.yaml');
const python = '/usr/bin/python3';
if (existsSync(peerScenario) && simpyInstalled()) {
  /** SimPy's loop seconds for `events` events, and the simulated seconds they covered. */
  const simpyLoop = (events: number) => {
    const out = JSON.parse(execFileSync(python, [join(peerDir, 'simpy_bench.py'), 'b', '0', String(events), '1'], { encoding: 'utf8' }));
    return { seconds: out.seconds as number, simulatedMs: Math.round((out.now as number) * 1000) };
  };
  const simpy = bestOf(3, () => simpyLoop(1_000_000), (a, b) => a.seconds < b.seconds);
  // The same simulated work: SimPy's 1 M events cover about 910 s, not the scenario's 1000 s.
  const sameSpan = ['--set', `duration=${simpy.simulatedMs}`];
  const ours = bestOf(5, () => timeCli(peerScenario, sameSpan), (a, b) => a.seconds < b.seconds);
  const ratio = simpy.seconds / ours.seconds;
  report(
    'SimPy loop ÷ cache-sim process',
    `${ratio.toFixed(1)}×`,
    ratio >= 4,
    `≥ 4× (SimPy ${simpy.seconds.toFixed(2)} s, cache-sim ${ours.seconds.toFixed(2)} s, both ${(simpy.simulatedMs / 1000).toFixed(0)} simulated s)`,
  );
  // The same simulated work is more events here: a miss pays a local round trip to the
  // database and one to fill, a write a hop to the primary and an acknowledgement back.
  console.log(
    `info events for the same simulated time: SimPy 1.00 M, cache-sim ${(ours.events / 1e6).toFixed(2)} M (${(ours.events / 1e6 / ours.seconds).toFixed(2)} M ev/s whole process, SimPy ${(1 / simpy.seconds).toFixed(2)} M ev/s)`,
  );
  // Every Node process here parses the CA bundle NODE_EXTRA_CA_CERTS names (this sandbox sets
  // it; cache-sim opens no connection): the same figure without it, as on a usual machine.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const { NODE_EXTRA_CA_CERTS: _, ...plainEnv } = process.env;
    const plain = bestOf(5, () => timeCli(peerScenario, sameSpan, plainEnv), (a, b) => a.seconds < b.seconds);
    console.log(
      `info SimPy loop ÷ cache-sim process without NODE_EXTRA_CA_CERTS (${process.env.NODE_EXTRA_CA_CERTS}): ${(simpy.seconds / plain.seconds).toFixed(1)}× (cache-sim ${plain.seconds.toFixed(2)} s)`,
    );
  }
  // Loop against loop: SimPy's figure leaves out Python's start-up; so does this one.
  const oursLoop = bestOf(5, () => runChild(peerScenario, [`duration=${simpy.simulatedMs}`]).seconds, (a, b) => a < b);
  console.log(`info SimPy loop ÷ cache-sim simulation alone (fresh process, start-up left out): ${(simpy.seconds / oursLoop).toFixed(1)}× (cache-sim ${oursLoop.toFixed(2)} s)`);
  // The same model over five times the simulated time (SimPy: 5.5 M events ≈ 5000 s), where
  // start-up and warm-up weigh less: how the ratio moves with the length of the run.
  const simpyLong = simpyLoop(5_500_000);
  const oursLong = bestOf(3, () => timeCli(peerScenario, ['--set', `duration=${simpyLong.simulatedMs}`]), (a, b) => a.seconds < b.seconds);
  console.log(
    `info SimPy peer over ${(simpyLong.simulatedMs / 1000).toFixed(0)} simulated seconds: SimPy ${simpyLong.seconds.toFixed(2)} s, cache-sim ${oursLong.seconds.toFixed(2)} s (${(simpyLong.seconds / oursLong.seconds).toFixed(1)}×)`,
  );
  // What Node itself allows: the same model as a bare loop (bench/bare-peer.mjs, none of cache-sim),
  // and an empty Node process, both whole-process as cache-sim's figure is.
  const barePeer = join(root, 'bench', 'bare-peer.mjs');
  const bare = bestOf(5, () => timeProcess([barePeer]), (a, b) => a < b);
  const emptyNode = bestOf(5, () => timeProcess(['-e', '']), (a, b) => a < b);
  // Fed the same sfc32 stream, SimPy and the bare loop must agree event for event.
  const counts = (json: string) => {
    const { now, reads, hits, stale } = JSON.parse(json) as Record<string, number>;
    return { now, reads, hits, stale };
  };
  const bareCounts = counts(execFileSync(process.execPath, [barePeer], { encoding: 'utf8' }));
  const simpyCounts = counts(execFileSync(python, [join(peerDir, 'simpy_bench.py'), 'b', '0', '1000000', '1', 'sfc32'], { encoding: 'utf8' }));
  const same = JSON.stringify(bareCounts) === JSON.stringify(simpyCounts);
  console.log(
    `info SimPy loop ÷ a bare JavaScript loop of the same model, whole process: ${(simpy.seconds / bare).toFixed(1)}× (${bare.toFixed(2)} s, of which Node's own start-up ${emptyNode.toFixed(2)} s); ` +
      (same ? `with sfc32 both give the same ${bareCounts.reads} reads, ${bareCounts.hits} hits, ${bareCounts.stale} stale` : `MISMATCH with SimPy on sfc32: ${JSON.stringify(bareCounts)} vs ${JSON.stringify(simpyCounts)}`),
  );
} else {
  console.log('skip SimPy peer: needs ../shared/bench and Debian python3-simpy3 (apt-get install -y python3-simpy3)');
}

const quickstart = join(root, 'scenarios', 'quickstart.yaml');
const oneThread = bestOf(3, () => timeCli(quickstart, ['--workers', '1']), (a, b) => a.seconds < b.seconds);
const everyCore = bestOf(3, () => timeCli(quickstart), (a, b) => a.seconds < b.seconds);
console.log(
  `info quickstart, 6 strategies: ${oneThread.seconds.toFixed(2)} s on one thread, ${everyCore.seconds.toFixed(2)} s on ${availableParallelism()} cores (${(oneThread.seconds / everyCore.seconds).toFixed(2)}×)`,
);

function simpyInstalled(): boolean {
  try {
    execFileSync(python, ['-c', 'import simpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

process.exitCode = missed > 0 ? 1 : 0;
