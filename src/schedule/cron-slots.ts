// The slots of a cron expression, computed from the expression and a given time alone:
// no task, no timer, no reading of the wall clock. node-cron parses the expression (the
// same parser that validated the config); the walk below follows node-cron's matching
// rules (day of month AND day of week, the L, W, L-n, nL and n#k tokens) in the process's
// local time zone, as node-cron does when given none.
import { parse, type ParsedFields } from 'node-cron';

export interface CronSlots {
  /** The first slot after `at` (a slot in the same second as `at` is not after it); null if there is none. */
  after(at: Date): Date | null;
  /**
   * The interval between the next two slots after `now`, and the slot one interval before
   * the next (node-cron has no "previous run"; for irregular schedules an estimate, but
   * every worker computes the same one). A schedule that never fires counts as every minute.
   */
  current(now: Date): { previous: Date; next: Date | null; intervalMs: number };
}

/** node-cron looks as far ahead: a 29 February that must also be a Monday is that rare. */
const MAX_DAYS = 366 * 100;
const FALLBACK_INTERVAL_MS = 60_000;

export function cronSlots(expression: string): CronSlots {
  const fields = parse(expression);
  const times = {
    hours: ascending(fields.hour),
    minutes: ascending(fields.minute),
    seconds: ascending(fields.second),
  };
  const after = (at: Date) => nextSlot(fields, times, at);
  return {
    after,
    current(now) {
      const next = after(now);
      const afterNext = next && after(next);
      if (!next || !afterNext) return { previous: new Date(0), next, intervalMs: FALLBACK_INTERVAL_MS };
      const intervalMs = afterNext.getTime() - next.getTime();
      return { previous: new Date(next.getTime() - intervalMs), next, intervalMs };
    },
  };
}

type Times = { hours: number[]; minutes: number[]; seconds: number[] };

function nextSlot(fields: ParsedFields, times: Times, at: Date): Date | null {
  const base = Math.floor(at.getTime() / 1000) * 1000;
  const start = new Date(base);
  let [year, month, day] = [start.getFullYear(), start.getMonth() + 1, start.getDate()];
  for (let i = 0; i < MAX_DAYS; i++) {
    if (fields.month.includes(month) && matchesDayOfMonth(fields.dayOfMonth, year, month, day) && matchesDayOfWeek(fields.dayOfWeek, year, month, day)) {
      const found = firstOnDay(times, year, month, day, i === 0 ? start : null);
      if (found) return found;
    }
    const next = new Date(year, month - 1, day + 1);
    [year, month, day] = [next.getFullYear(), next.getMonth() + 1, next.getDate()];
  }
  return null;
}

/** The first time of the day after `base` (when given); a local time that does not exist (DST gap) is skipped. */
function firstOnDay(times: Times, year: number, month: number, day: number, base: Date | null): Date | null {
  const baseSecond = base ? base.getHours() * 3600 + base.getMinutes() * 60 + base.getSeconds() : -1;
  for (const hour of times.hours) {
    if (hour * 3600 + 3599 <= baseSecond) continue;
    for (const minute of times.minutes) {
      if (hour * 3600 + minute * 60 + 59 <= baseSecond) continue;
      for (const second of times.seconds) {
        if (hour * 3600 + minute * 60 + second <= baseSecond) continue;
        const at = new Date(year, month - 1, day, hour, minute, second);
        if (at.getDate() !== day || at.getHours() !== hour || at.getMinutes() !== minute) continue;
        if (!base || at.getTime() > base.getTime()) return at;
      }
    }
  }
  return null;
}

function ascending(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The weekday nearest to `target` within the month (the W token). */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const weekday = weekdayOf(year, month, target);
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(field: (number | string)[], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  return field.some((value) => {
    if (value === day) return true;
    if (typeof value !== 'string') return false;
    if (value === 'L') return day === last;
    const weekday = /^(\d{1,2}|L)W$/.exec(value);
    if (weekday) return nearestWeekday(year, month, weekday[1] === 'L' ? last : Number(weekday[1])) === day;
    const offset = /^L-(\d{1,2})$/.exec(value);
    return offset !== null && last - Number(offset[1]) === day;
  });
}

function matchesDayOfWeek(field: (number | string)[], year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  return field.some((value) => {
    if (value === weekday) return true;
    if (typeof value !== 'string') return false;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) return Number(nth[1]) % 7 === weekday && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const lastOf = /^([0-7])L$/i.exec(value);
    return lastOf !== null && Number(lastOf[1]) % 7 === weekday && day + 7 > lastDayOfMonth(year, month);
  });
}
