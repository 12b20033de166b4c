// A real parser whose story-file parses can be held at a gate the test opens: a run held
// open at a known point (after it started, before its story is stored), instead of a run
// that is hoped to be slow enough to be caught.
import type { Parser } from '../../src/sources/parser.js';

export interface HeldParse {
  /** Resolves with the file name once a parse reached the gate. */
  entered: Promise<string>;
  /** Lets that parse (and any after it) through. */
  release(): void;
}

export function parseGate(inner: Parser): { parser: Parser; hold(): HeldParse } {
  let gate: { enter(name: string): void; opened: Promise<void> } | null = null;
  const parser: Parser = {
    ...inner,
    async story(task) {
      if (gate && task.input.kind === 'file') {
        gate.enter(task.input.filename);
        await gate.opened;
      }
      return inner.story(task);
    },
  };
  return {
    parser,
    hold() {
      let enter: (name: string) => void = () => {};
      let open: () => void = () => {};
      const entered = new Promise<string>((resolve) => (enter = resolve));
      const opened = new Promise<void>((resolve) => (open = resolve));
      const held = { enter, opened };
      gate = held;
      return {
        entered,
        release() {
          if (gate === held) gate = null;
          open();
        },
      };
    },
  };
}
