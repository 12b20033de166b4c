// A real pino logger at trace level writing into memory, so tests can read every line logged.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export function capturingLogger(): { log: Logger; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'trace' }, sink), text: () => lines.join('') };
}
