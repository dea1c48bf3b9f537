// SimPy's peer model (b) written as a bare JavaScript loop, with none of cache-sim: a typed-array
// heap, one hit/stale counter, no latency, no checkers. Not a cache-sim feature: bench/run.ts times
// this whole process to show the floor Node itself sets for the SimPy ratio on this machine, and
// checks it is the same model: with the same sfc32 stream (`simpy_bench.py b 0 N 1 sfc32`) SimPy
// gives exactly the same reads, hits, stale reads and end time.
// Usage: node bare-peer.mjs [EVENTS]   (prints one JSON line, like simpy_bench.py)
const started = performance.now();
const TOTAL = Number(process.argv[2] ?? 1_000_000);
const KEYS = 1000;
const READ_RATE = 900; // per second, as in shared/bench/simpy_bench.py
const WRITE_RATE = 100;
const TTL = 5;
const INVALIDATION_RATE = 20; // 1 / mean delay of 50 ms
const LOSS = 0.01;
const READ = 0;
const WRITE = 1;
const DELIVER = 2;

// sfc32, seeded as shared/bench/sfc32.py
const SEED = 1;
const state = new Int32Array(4);
let mix = SEED;
for (let i = 0; i < 3; i++) {
  mix = (mix + 0x9e3779b9) >>> 0;
  let z = mix;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  state[i] = z ^ (z >>> 16);
}
state[3] = 1;
function uniform() {
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return (t >>> 0) / 4294967296;
}
for (let i = 0; i < 12; i++) uniform();
const exponential = (rate) => -Math.log(1 - uniform()) / rate;

const cdf = new Float64Array(KEYS);
let total = 0;
for (let i = 0; i < KEYS; i++) total += 1 / (i + 1) ** 0.99;
for (let i = 0, acc = 0; i < KEYS; i++) cdf[i] = acc += 1 / (i + 1) ** 0.99 / total;
cdf[KEYS - 1] = 1;
function zipfKey() {
  const u = uniform();
  let low = 0;
  let high = KEYS - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cdf[mid] < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Min-heap of slots by time (ties: no order needed, times are continuous).
const CAPACITY = 1 << 16;
const times = new Float64Array(CAPACITY);
const kinds = new Int32Array(CAPACITY);
const keys = new Int32Array(CAPACITY);
const heap = new Int32Array(CAPACITY);
const free = new Int32Array(CAPACITY);
let size = 0;
let freeCount = 0;
let fresh = 0;
function push(time, kind, key) {
  const slot = freeCount > 0 ? free[--freeCount] : fresh++;
  times[slot] = time;
  kinds[slot] = kind;
  keys[slot] = key;
  let i = size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (times[heap[parent]] <= time) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = slot;
}
function pop() {
  const top = heap[0];
  const last = heap[--size];
  const time = times[last];
  let i = 0;
  while (2 * i + 1 < size) {
    let child = 2 * i + 1;
    if (child + 1 < size && times[heap[child + 1]] < times[heap[child]]) child++;
    if (time <= times[heap[child]]) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = last;
  free[freeCount++] = top;
  return top;
}

const origin = new Int32Array(KEYS);
const cached = new Int32Array(KEYS).fill(-1);
const expires = new Float64Array(KEYS);
let events = 0;
let reads = 0;
let hits = 0;
let stale = 0;
let now = 0;
push(exponential(READ_RATE), READ, 0);
push(exponential(WRITE_RATE), WRITE, 0);
while (events < TOTAL) {
  const slot = pop();
  now = times[slot];
  const kind = kinds[slot];
  if (kind === READ) {
    const key = zipfKey();
    reads++;
    if (cached[key] >= 0 && expires[key] > now) {
      hits++;
      if (cached[key] < origin[key]) stale++;
    } else {
      cached[key] = origin[key];
      expires[key] = now + TTL;
    }
    push(now + exponential(READ_RATE), READ, 0);
  } else if (kind === WRITE) {
    const key = zipfKey();
    origin[key]++;
    if (uniform() >= LOSS) push(now + exponential(INVALIDATION_RATE), DELIVER, key);
    push(now + exponential(WRITE_RATE), WRITE, 0);
  } else {
    cached[keys[slot]] = -1;
  }
  events++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ events, seconds, now, reads, hits, stale })}\n`);
