// The render worker's entry when wirefeed runs from its TypeScript sources (see
// src/threads/worker-pool.ts); built code uses render-worker.js.
import { register } from 'tsx/esm/api';

register();
export const { match, render } = await import('./render-worker.ts');
