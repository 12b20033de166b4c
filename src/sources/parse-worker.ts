// The parse thread's entry point: runs one parse task and hands back an Outcome, its value
// or the error's code and message (an AppError loses its class crossing threads).
import { outcome, type Outcome } from '../threads/outcome.js';
import { PARSE_TASKS, type ParseMessage } from './parse-tasks.js';

export function run({ task, arg }: ParseMessage): Outcome<unknown> {
  return outcome(() => (PARSE_TASKS[task] as (arg: unknown) => unknown)(arg));
}
