/** cache-sim's version (package.json's; a test keeps them equal): shown by `--version`, and part of a sweep's fingerprint. */
export const VERSION = '0.1.0';
