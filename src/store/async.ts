/**
 * The store interfaces (src/types.ts) are async so that PostgreSQL fits behind them;
 * better-sqlite3 is synchronous, and its stores are written as plain functions and
 * wrapped once here rather than sprinkling `async` over every method.
 */

/** The synchronous shape of an async interface: every `Promise<R>` method returns `R`. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** Wraps a synchronous implementation: each method's result (or throw) becomes a settled Promise. */
export function toAsync<T extends object>(sync: Sync<T>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sync)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((value as (...a: unknown[]) => unknown)(...args));
            } catch (error) {
              return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
          }
        : value;
  }
  return wrapped as T;
}
