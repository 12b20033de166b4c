import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stderr, so that CLI output on stdout stays machine-readable. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { name: 'wirefeed' } }, pino.destination({ fd: 2, sync: false }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
