import pino, { type Logger } from 'pino';

/** One log line as pino wrote it. */
export interface LogEntry {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** pino levels by name, for assertions (`warn` is 40). */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** A pino logger that keeps every line in memory, so tests can assert what was logged. */
export function recordingLogger(): { logger: Logger; entries: LogEntry[]; messages: (level?: number) => string[] } {
  const entries: LogEntry[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
  return {
    logger,
    entries,
    messages: (level) => entries.filter((entry) => level === undefined || entry.level === level).map((entry) => entry.msg),
  };
}
