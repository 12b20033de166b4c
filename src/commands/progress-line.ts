// One status line on a terminal, redrawn in place while a long command goes (export,
// import, backup); nothing when the stream is not a terminal (a pipe, a log file).

export interface ProgressLine {
  update(text: string): void;
  /** Clears the line, so the summary that follows stands alone. */
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream, intervalMs = 100): ProgressLine {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      if (Date.now() - last < intervalMs) return;
      last = Date.now();
      shown = true;
      stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
