// A worker thread of the installed command: runs the strategy runs the main thread sends.
import { parentPort } from 'node:worker_threads';
import { bundlePath, loadBundle } from './load-bundle.js';

loadBundle(bundlePath).exports.serveStrategyRuns(parentPort);
