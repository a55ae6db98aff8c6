import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * pino on stderr (stdout carries the CLI's data). Human-readable when stderr
 * is a terminal, JSON lines otherwise (CI, files, log collectors).
 */
export function createLogger(level: string, pretty = process.stderr.isTTY): Logger {
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ level }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
