// The cron task of one source (node-cron), with two of its defaults changed:
// - A tick that fires more than a second late is dropped by default, so a busy event loop
//   or a slow start costs a whole interval (30 minutes on a 15-minute schedule). Here a
//   late tick still runs, unless the next one is due too (node-cron then skips to that).
// - node-cron writes its own warnings (missed and overlapping ticks) with console.warn;
//   here they go to the source's logger with a constant message.
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

/** How late a tick may still run; node-cron also never runs one at or past the next tick. */
export const LATE_TICK_TOLERANCE_MS = 5 * 60_000;

export function sourceCronTask(expression: string, sourceId: string, log: Logger, onTick: (at: Date) => Promise<void>): ScheduledTask {
  const task = createTask(expression, (ctx) => onTick(ctx.date), {
    name: `source:${sourceId}`,
    noOverlap: true,
    missedExecutionTolerance: LATE_TICK_TOLERANCE_MS,
    logger: {
      info: (message) => log.debug({ cron: message }, 'cron'),
      warn: (message) => log.warn({ cron: message }, 'cron warning'),
      error: (message, err) => log.error({ cron: String(message), err }, 'cron error'),
      debug: (message, err) => log.debug({ cron: String(message), err }, 'cron'),
    },
  });
  task.on('execution:missed', (ctx) => log.warn({ tick: ctx.date.toISOString() }, 'scheduled tick missed: the next one was due already'));
  return task;
}
