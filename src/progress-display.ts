// `wirefeed run ID` on a terminal: one status line redrawn in place while the run goes.
import type { RunCounts } from './store/store.js';

export interface ProgressCounts extends RunCounts {
  unchanged: number;
  /** Pages (HTTP responses) fetched so far. */
  pages: number;
}

export interface ProgressDisplay {
  update(counts: Partial<ProgressCounts>): void;
  /** Clears the live line, so the summary line that follows stands alone. */
  done(): void;
}

/** Redraws at most every `intervalMs`; on a non-TTY stream it writes nothing. */
export function progressDisplay(stream: NodeJS.WriteStream, sourceId: string, intervalMs = 100): ProgressDisplay {
  const counts: ProgressCounts = { pages: 0, new: 0, updated: 0, unchanged: 0, failed: 0 };
  if (!stream.isTTY) return { update: (c) => Object.assign(counts, c), done: () => {} };
  let last = 0;
  let shown = false;
  const draw = () => {
    last = Date.now();
    shown = true;
    const line = `${sourceId}: ${counts.pages} pages fetched · ${counts.new} new · ${counts.updated} updated · ${counts.unchanged} unchanged · ${counts.failed} failed`;
    // A pty without a size reports 0 columns: assume 80.
    stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
  };
  return {
    update(c) {
      Object.assign(counts, c);
      if (Date.now() - last >= intervalMs) draw();
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
