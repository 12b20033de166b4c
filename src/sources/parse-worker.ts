// The parse thread's entry point: runs one parse task and hands back an Outcome, its value
// or the error's code and message (an AppError loses its class crossing threads).
import { outcome, type Outcome } from '../threads/outcome.js';
import { timedTask } from '../threads/timed-task.js';
import { PARSE_TASKS, type ParseMessage } from './parse-tasks.js';

export function run({ task, arg }: ParseMessage): Outcome<unknown> {
  return outcome(() => (PARSE_TASKS[task] as (arg: unknown) => unknown)(arg));
}

/** `run` as the pool calls it: timed, so that a stuck parse stops its thread (worker-pool.ts). */
export const timedRun = timedTask(run);
