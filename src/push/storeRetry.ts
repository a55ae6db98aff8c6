/**
 * Push's stores when the database stops answering: a call that fails with a transient
 * error (the database down, restarting, frozen past its timeouts, busy) is tried again
 * with backoff for a bounded time instead of ending the broadcast at the first
 * `ECONNRESET`; the outage is one story in the log (when it starts, once a minute, when
 * it ends). Errors that are not transient (a bug, a constraint) go through at once.
 */
import type { Logger } from '../logger.js';
import { createOutageReporter } from '../process/index.js';
import { isTransientStoreError } from '../store/index.js';

/** Default of `deadlineMs`: a database restart or a failover, with room. */
export const DEFAULT_STORE_DEADLINE_MS = 120_000;

export interface StoreRetryOptions {
  readonly logger: Logger;
  /** How long one call keeps trying before its error goes through (default 120,000 ms: a restart or a failover). */
  readonly deadlineMs?: number;
  /** First pause, doubled after each failure up to `maxPauseMs` (defaults 200 and 5,000 ms). */
  readonly firstPauseMs?: number;
  readonly maxPauseMs?: number;
  /** Stops the waiting at once (shutdown): the last error goes through. */
  readonly signal?: AbortSignal;
  /** Which errors are worth another try (default: the store's own `isTransientStoreError`). */
  readonly isTransient?: (error: unknown) => boolean;
}

/** Runs store calls, each tried again on transient errors within the deadline. */
export interface StoreRetry {
  run<T>(call: () => Promise<T>): Promise<T>;
  /** The same service with every method run through `run`. */
  wrap<S extends object>(service: S): S;
}

export function createStoreRetry(options: StoreRetryOptions): StoreRetry {
  const deadlineMs = options.deadlineMs ?? DEFAULT_STORE_DEADLINE_MS;
  const firstPause = options.firstPauseMs ?? 200;
  const maxPause = options.maxPauseMs ?? 5000;
  const isTransient = options.isTransient ?? isTransientStoreError;
  const outage = createOutageReporter(options.logger, 60_000, Date.now, 'the database');
  const signal = options.signal;
  // One listener on the shutdown signal wakes every pause: during an outage each store call in
  // flight pauses at once, and a listener apiece made Node warn of a leak past ten.
  const pausing = new Set<() => void>();
  signal?.addEventListener('abort', () => pausing.forEach((wake) => wake()), { once: true });
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        pausing.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      pausing.add(wake);
    });

  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + deadlineMs;
    let pause = firstPause;
    for (;;) {
      try {
        const result = await call();
        outage.succeeded();
        return result;
      } catch (error) {
        if (!isTransient(error) || signal?.aborted || Date.now() + pause > deadline) throw error;
        outage.failed(error instanceof Error ? error.message : String(error));
        await sleep(pause);
        pause = Math.min(pause * 2, maxPause);
      }
    }
  };

  return {
    run,
    wrap<S extends object>(service: S): S {
      const wrapped: Record<string, unknown> = {};
      const methods = service as Record<string, unknown>;
      for (const [name, value] of Object.entries(service)) {
        // Looked up at each call, not copied: a method replaced later (a test's spy) is the one called.
        wrapped[name] =
          typeof value === 'function'
            ? (...args: unknown[]) => run(() => Promise.resolve((methods[name] as (...a: unknown[]) => unknown).apply(service, args)))
            : value;
      }
      return wrapped as S;
    },
  };
}
