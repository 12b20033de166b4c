// The parse worker's entry when wirefeed runs from its TypeScript sources (tests, benches,
// `node --import tsx`): a worker thread does not inherit the parent's tsx loader, so it
// registers tsx itself before loading the TypeScript module. Built code uses parse-worker.js.
import { register } from 'tsx/esm/api';

register();
export const { run, timedRun } = await import('./parse-worker.ts');
