import pino, { type Logger } from 'pino';
import type { Redactor } from './redact.js';

export type { Logger };

export interface LoggerOptions {
  /** Applied to every line as written, whatever it holds (default: none). See redact.ts. */
  readonly redact?: Redactor;
  /** Human-readable lines (default: when stderr is a terminal). */
  readonly pretty?: boolean;
}

/**
 * pino on stderr (stdout carries the CLI's data). Human-readable when stderr
 * is a terminal, JSON lines otherwise (CI, files, log collectors). `redact` sees each
 * line last, after pino has serialised the error chains: nothing nested escapes it.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const { redact, pretty = process.stderr.isTTY } = options;
  const hooks = redact ? { streamWrite: redact } : {};
  if (pretty) {
    return pino({
      level,
      hooks,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ level, hooks }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
