/**
 * What one instance counts, as Prometheus metrics (prom-client). Each
 * instance has its own registry (never prom-client's global one), so two
 * instances in one test process do not add up each other's numbers.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a delivery ended as, as the push side records it. */
export type DeliveryOutcome = 'sent' | 'failed' | 'blocked';

/** The recorders the starter, the bot's wrapper and push's wrapper call; plain numbers in. */
export interface Metrics {
  readonly registry: Registry;
  /** One update handled (`message`, `callback_query`, ...), and how long it took in seconds. */
  updateHandled(type: string, seconds: number): void;
  /** One search, in seconds. */
  searched(seconds: number): void;
  delivery(outcome: DeliveryOutcome): void;
  /** A 429 answer from the Bot API (also those auto-retry then waited out). */
  tooManyRequests(): void;
  /** Page files stored by this instance (upload, inbox, startup sync). */
  ingested(pages: number): void;
  /** A duplicate webhook delivery (same update_id) skipped. */
  duplicateUpdate(): void;
  /** Prometheus text exposition of every metric. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Articles in this instance's search index, read at each scrape; null while the index is not loaded. */
  readonly indexSize: () => number | null;
  /** Charts drawn, reused (cache or joined) and refused (a reader over a limit), read at each scrape (default: not exported). */
  readonly charts?: () => { readonly drawn: number; readonly reused: number; readonly refused: number };
}

/** Replies are meant to take well under a second; the long tail (an upload's ingest) up to tens of seconds. */
const REPLY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Search p95 is a few milliseconds at 20,000 articles (README). */
const SEARCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Creates the metrics of one instance, all prefixed `newsbot_`. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const updates = new Counter({
    name: 'newsbot_updates_handled_total',
    help: 'Telegram updates handled, by update type',
    labelNames: ['type'],
    registers: [registry],
  });
  const reply = new Histogram({
    name: 'newsbot_reply_seconds',
    help: 'Time from receiving an update to the end of its handling',
    labelNames: ['type'],
    buckets: REPLY_BUCKETS,
    registers: [registry],
  });
  const search = new Histogram({
    name: 'newsbot_search_seconds',
    help: 'Search latency',
    buckets: SEARCH_BUCKETS,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'newsbot_deliveries_total',
    help: 'Push deliveries (summaries and alerts) by outcome: sent, failed, blocked',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const tooMany = new Counter({
    name: 'newsbot_telegram_429_total',
    help: 'Bot API answers 429 Too Many Requests met',
    registers: [registry],
  });
  const ingests = new Counter({
    name: 'newsbot_ingested_pages_total',
    help: 'Page files stored by this instance',
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'newsbot_duplicate_updates_total',
    help: 'Webhook deliveries skipped because their update_id was handled already',
    registers: [registry],
  });
  new Gauge({
    name: 'newsbot_index_articles',
    help: 'Articles in this instance search index (0 while it is not loaded; /healthz tells which)',
    registers: [registry],
    collect() {
      this.set(options.indexSize() ?? 0);
    },
  });
  const charts = options.charts;
  if (charts) {
    new Gauge({
      name: 'newsbot_charts',
      help: 'Trend charts since start, by outcome: drawn (in a worker), reused (cache or the same chart being drawn), refused (over a limit)',
      labelNames: ['outcome'],
      registers: [registry],
      collect() {
        const counts = charts();
        for (const outcome of ['drawn', 'reused', 'refused'] as const) this.set({ outcome }, counts[outcome]);
      },
    });
  }
  // Present from the first scrape, so that a rate() over them starts at 0, not at the first event.
  for (const outcome of ['sent', 'failed', 'blocked'] as const) deliveries.inc({ outcome }, 0);

  return {
    registry,
    updateHandled(type, seconds) {
      updates.inc({ type });
      reply.observe({ type }, seconds);
    },
    searched: (seconds) => search.observe(seconds),
    delivery: (outcome) => deliveries.inc({ outcome }),
    tooManyRequests: () => tooMany.inc(),
    ingested: (pages) => ingests.inc(pages),
    duplicateUpdate: () => duplicates.inc(),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** The kind of a Telegram update: its one field besides `update_id` (`message`, `callback_query`, ...). */
export function updateType(update: object): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
