// busy-worker.ts as a worker thread loads it from the TypeScript sources (see src/threads/worker-pool.ts).
import { register } from 'tsx/esm/api';

register();
export const { spin, echo } = await import('./busy-worker.ts');
