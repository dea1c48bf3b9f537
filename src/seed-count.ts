/** Seeds per grid point (and per `run --seeds`) at most: enough for any interval, and a plan a machine can hold. */
export const MOST_SEEDS = 100_000;
