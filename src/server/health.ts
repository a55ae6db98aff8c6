import type { Health } from './http.js';

/** What `/healthz` looks at. */
export interface HealthSources {
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  pingStore(): Promise<void>;
  /** Articles in the search index, or null while it is not loaded. */
  indexSize(): number | null;
}

/** A store that does not answer within this long counts as down (the balancer's check must not hang). */
const PING_TIMEOUT_MS = 2000;

/**
 * The instance's health: healthy when the store answers and the index is
 * loaded. Body: `{store: "ok" | "unavailable", index: {articles: N} | null}`.
 */
export async function checkHealth(sources: HealthSources): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('store ping timed out')), PING_TIMEOUT_MS);
  });
  const storeOk = await Promise.race([sources.pingStore(), timeout]).then(
    () => true,
    () => false,
  );
  clearTimeout(timer);
  const articles = sources.indexSize();
  return {
    healthy: storeOk && articles !== null,
    body: { store: storeOk ? 'ok' : 'unavailable', index: articles === null ? null : { articles } },
  };
}
