// Story reads take turns with the rest of the event loop. A chunk of 25 full-text rows is
// one synchronous SQLite call of up to ~10 ms; a new feed version sends the requests of
// all its variants (formats, limits, filters) at once, and their reads would otherwise run
// back to back in one turn, while every other request waits for all of them.
import { setImmediate as nextTurn } from 'node:timers/promises';

export class ReadTurns {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `read` after the reads queued before it, each in a turn of its own. */
  run<T>(read: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => nextTurn()).then(read);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
