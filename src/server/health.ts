import type { Health } from './http.js';

/** What `/healthz` looks at. */
export interface HealthSources {
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  pingStore(): Promise<void>;
  /** Articles in the search index, or null while it is not loaded. */
  indexSize(): number | null;
  /** Since when Telegram has not answered this process (ms since the epoch), or null while it does. */
  telegramDownSince(): number | null;
}

/** A store that does not answer within this long counts as down (the balancer's check must not hang). */
const PING_TIMEOUT_MS = 2000;

/**
 * The instance's health: healthy when the store answers and the index is loaded (Telegram
 * being unreachable is reported, not unhealthy: every instance sees the same outage, and
 * taking them out of the balancer would not help). Body: `{store: "ok" | "unavailable",
 * index: {articles: N} | null, telegram: "ok" | "unreachable", down: [...]}`, `down` naming
 * each part that is down (`store`, `index`, `telegram`), empty when none is.
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
  const telegramOk = sources.telegramDownSince() === null;
  const down = [...(storeOk ? [] : ['store']), ...(articles === null ? ['index'] : []), ...(telegramOk ? [] : ['telegram'])];
  return {
    healthy: storeOk && articles !== null,
    body: {
      store: storeOk ? 'ok' : 'unavailable',
      index: articles === null ? null : { articles },
      telegram: telegramOk ? 'ok' : 'unreachable',
      down,
    },
  };
}
