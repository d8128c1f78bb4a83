// Starts a TypeScript worker thread: Node 20 ignores `execArgv: ['--import', 'tsx']` for a worker's own entry
// ("Unknown file extension .ts"), so this plain module registers tsx's loader and then imports the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
