/**
 * The one wait of the process tests: polls a condition until it holds, and when it never
 * does, fails with what the process was doing (the tail of its stderr), so a timeout in CI
 * says more than "timed out".
 */

/** The last `lines` lines of a process's stderr, for an error message. */
export function stderrTail(stderr: string, lines = 40): string {
  const kept = stderr.trimEnd().split('\n').slice(-lines).join('\n');
  return kept === '' ? '(stderr empty)' : kept;
}

export interface UntilOptions {
  /** Default 120 s: below the process tests' own timeouts, far above what a loaded machine needs. */
  readonly timeoutMs?: number;
  /** The stderr of the process the wait is about: its tail goes into the error. */
  readonly stderr?: () => string;
  /** True once the process is gone: the wait fails at once instead of running out. */
  readonly exited?: () => boolean;
}

/** Resolves once `done` holds (checked every 25 ms); rejects naming `what`, with the stderr tail, on timeout or exit. */
export async function until(what: string, done: () => boolean | Promise<boolean>, options: UntilOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  const tail = () => (options.stderr ? `\nstderr (tail):\n${stderrTail(options.stderr())}` : '');
  while (!(await done())) {
    if (options.exited?.()) throw new Error(`the process exited while waiting for ${what}${tail()}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
