import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests run hundreds of simulations of random scenarios: how long one takes
    // depends on the cases drawn and on the machine (CI has two cores), so 5 s is too tight.
    testTimeout: 30_000,
  },
});
