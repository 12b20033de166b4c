// What a worker thread hands back: the value, or the error's code, message and details. An
// AppError thrown across threads arrives as a plain Error, so its code travels as data.
import { AppError, errorMessage, type ErrorCode } from '../errors.js';

/** `details`: an AppError's per-field problems (a push client is answered with them). */
export type Outcome<T> = { value: T } | { error: OutcomeError };
type OutcomeError = { code: ErrorCode | null; message: string; details?: readonly string[] };

/** Runs `work` on the worker side, catching what it throws. */
export function outcome<T>(work: () => T): Outcome<T> {
  try {
    return { value: work() };
  } catch (err) {
    if (!(err instanceof AppError)) return { error: { code: null, message: errorMessage(err) } };
    return { error: { code: err.code, message: err.message, ...(err.details.length ? { details: err.details } : {}) } };
  }
}

/** On the calling side: the error again as an AppError (PARSE_FAILED when it had no code). */
export function outcomeError(error: OutcomeError, fallback: ErrorCode = 'PARSE_FAILED'): AppError {
  return new AppError(error.code ?? fallback, error.message, { details: error.details });
}

/** The value, or the error thrown again; one without a code is a plain Error when `fallback` is null (a bug, a 500). */
export function unwrap<T>(result: Outcome<T>, fallback: ErrorCode | null = 'PARSE_FAILED'): T {
  if ('value' in result) return result.value;
  if (result.error.code === null && fallback === null) throw new Error(result.error.message);
  throw outcomeError(result.error, fallback ?? undefined);
}
