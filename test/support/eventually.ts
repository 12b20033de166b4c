// Waiting for an effect by polling it, never by sleeping a guessed time.
import assert from 'node:assert/strict';

/**
 * Resolves once `check` holds. The bound is only a hang guard, far above any normal wait
 * (effects take milliseconds on a quiet machine; a loaded 2-core one may take seconds).
 */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, withinMs = 15_000): Promise<void> {
  const end = Date.now() + withinMs;
  while (!(await check())) {
    assert.ok(Date.now() < end, `${what} within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
