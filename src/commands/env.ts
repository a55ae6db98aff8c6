import { createInterface } from 'node:readline';
import type { App, Runtime, RuntimeRequest } from '../services.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../types.js';

/** An expected failure (bad flag, missing file): cli.ts prints its message as one stderr line. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** What every subcommand gets from cli.ts. */
export interface CommandEnv {
  readonly config: Config;
  readonly logger: Logger;
  readonly stdout: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** Now: the ingest day of new pages, and what relative spans (近7天) in a search count from. */
  readonly clock: Clock;
  /**
   * Opens the store and the search index. With `corpus` paths, only those
   * pages are read (into a throwaway in-memory store); without, the corpus
   * is seeds/ plus DATA_DIR/inbox/, synced into DATA_DIR's database.
   */
  openApp(corpus?: readonly string[]): Promise<App>;
  /**
   * Builds the running product (runtime.ts): the app above plus answers, the bot, push,
   * the HTTP server and its metrics, wired from the config. `start`, `chat` and `push` use it.
   */
  openRuntime(request: RuntimeRequest): Promise<Runtime>;
}

/** The parseArgs option shared by every subcommand that reads pages. */
export const corpusOption = { corpus: { type: 'string', multiple: true } } as const;

/** Writes one JSON document per line to stdout. */
export function writeJson(stdout: NodeJS.WritableStream, value: unknown, pretty = false): void {
  stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}

/** One QUESTION or QUERY on the command line, or `--stdin`: never both, never neither. */
export function requireOneInput(command: string, noun: string, stdin: boolean, positionals: readonly string[]): void {
  if (stdin && positionals.length > 0) throw new UserError(`${command}: give a ${noun} or --stdin, not both`);
  if (!stdin && positionals.length === 0) throw new UserError(`${command}: missing ${noun} (or --stdin)`);
}

/**
 * Answers `single`, or with `stdin` each line of `input` in order, one at a time (a
 * leading BOM dropped, the line trimmed), so the answers follow their questions.
 */
export async function answerEach(
  stdin: boolean,
  single: string,
  input: NodeJS.ReadableStream,
  answer: (text: string) => Promise<void>,
): Promise<void> {
  if (!stdin) {
    await answer(single);
    return;
  }
  for await (const line of createInterface({ input, crlfDelay: Infinity })) await answer(line.replace(/^\uFEFF/, '').trim());
}
