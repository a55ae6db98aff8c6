/**
 * The built CLI (`node dist/src/cli.js`) or `npm start` as a child process, for the tests
 * that treat newsbot as an operator would: its stderr collected, waited on by text, its
 * log lines parsed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The built CLI: `npm run build` (the vitest globalSetup) makes it. */
export const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');

export interface Running {
  readonly child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  /** stdout so far. */
  stdout(): string;
  /** Resolves when stderr has a line containing `text`. */
  waitFor(text: string): Promise<void>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `command args` in the project root with only PATH, HOME, LOG_LEVEL=info and `env`. */
export function launch(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) {
      if (stderr.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    waitFor: (text) =>
      stderr.includes(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ text, resolve });
            void exited.then(() => setTimeout(() => reject(new Error(`exited before "${text}":\n${stderr}`)), 50));
          }),
    exited,
  };
}

/** `node dist/src/cli.js args` (see `launch`). */
export function launchCli(args: string[], env: Record<string, string>): Running {
  return launch(process.execPath, [CLI, ...args], env);
}

/** Log lines (pino JSON) on stderr, parsed; other lines dropped. */
export function logLines(stderr: string): { level: number; msg: string; [key: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}
