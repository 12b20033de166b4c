// What a worker thread hands back: the value, or the error's code and message. An
// AppError thrown across threads arrives as a plain Error, so its code travels as data.
import { AppError, errorMessage, type ErrorCode } from '../errors.js';

export type Outcome<T> = { value: T } | { error: { code: ErrorCode | null; message: string } };

/** Runs `work` on the worker side, catching what it throws. */
export function outcome<T>(work: () => T): Outcome<T> {
  try {
    return { value: work() };
  } catch (err) {
    return { error: { code: err instanceof AppError ? err.code : null, message: errorMessage(err) } };
  }
}

/** On the calling side: the error again as an AppError (PARSE_FAILED when it had no code). */
export function outcomeError(error: { code: ErrorCode | null; message: string }, fallback: ErrorCode = 'PARSE_FAILED'): AppError {
  return new AppError(error.code ?? fallback, error.message);
}

/** The value, or the error thrown again; one without a code is a plain Error when `fallback` is null (a bug, a 500). */
export function unwrap<T>(result: Outcome<T>, fallback: ErrorCode | null = 'PARSE_FAILED'): T {
  if ('value' in result) return result.value;
  if (result.error.code === null && fallback === null) throw new Error(result.error.message);
  throw outcomeError(result.error, fallback ?? undefined);
}
