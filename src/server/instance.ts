/**
 * One running instance of the bot: the bot with its metrics, its HTTP server
 * (webhook, /healthz, /metrics) and push, built from the parts app.ts opened.
 * `newsbot start` runs one; the fleet test and the fleet bench run two in one
 * process over one PostgreSQL database.
 */
import { createHash } from 'node:crypto';
import type { Bot } from 'grammy';
import { createBot, type BotContext, type BotDeps, type CreateBotOptions } from '../bot/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { preparePush, type PushHandle, type PushServices, type RateLimiter } from '../push/index.js';
import type { Clock, IngestSummary, UpdateLog } from '../types.js';
import { checkHealth } from './health.js';
import { createBotServer, type BotServer } from './http.js';
import { countTooManyRequests, measureDeliveries, measureSearch, measureUpdates } from './instrument.js';
import { createMetrics, type Metrics } from './metrics.js';

export interface InstanceParts {
  readonly token: string;
  readonly config: Pick<Config, 'webhookUrl' | 'webhookSecret' | 'timeZone' | 'pushTime'>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The bot's dependencies without push's fields (app.ts's `botDepsFrom`). */
  readonly botDeps: BotDeps;
  /** Push's services (app.ts's `pushServicesFrom`). */
  readonly pushServices: PushServices;
  /** The store's health check and the update ids every instance has taken. */
  readonly store: { ping(): Promise<void>; readonly updates: UpdateLog };
  /** Articles in the search index, null while it is not loaded. */
  indexSize(): number | null;
  /** Bot options (the Api root; tests and the bench: a preset botInfo). */
  readonly botOptions?: CreateBotOptions;
  /** Push's rate limiter (default: the budget shared in the store, 25 messages/s) and inbox poll (default 10 s). */
  readonly pushOptions?: { readonly limiter?: RateLimiter; readonly pollSeconds?: number };
}

export interface Instance {
  readonly bot: Bot<BotContext>;
  /** Not listening yet: `server.listen(PORT)`. */
  readonly server: BotServer;
  readonly metrics: Metrics;
  /** WEBHOOK_URL and its path, and the secret Telegram sends; null in polling mode. */
  readonly webhook: { readonly url: string; readonly path: string; readonly secretToken: string } | null;
  /** Starts push on the bot's Api: catch-up now, then the scheduler and the inbox poll. */
  startPush(): PushHandle;
}

/** WEBHOOK_SECRET, or one derived from the token (the same on every instance of a fleet). */
export function webhookSecret(config: Pick<Config, 'webhookSecret'>, token: string): string {
  return config.webhookSecret ?? createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** Builds an instance, unstarted: nothing listens or sends until the caller says so. */
export function createInstance(parts: InstanceParts): Instance {
  const { config, logger, clock } = parts;
  const metrics = createMetrics({ indexSize: () => parts.indexSize() });
  const services = parts.pushServices;
  const counted = (summary: IngestSummary): IngestSummary => {
    metrics.ingested(summary.files.filter((file) => file.added).length);
    return summary;
  };
  const push = preparePush({
    services: {
      ...services,
      subscribers: measureDeliveries(services.subscribers, metrics),
      ingestPaths: async (paths) => counted(await services.ingestPaths(paths)),
      ingestUpload: async (bytes, fileName, caption) => counted(await services.ingestUpload(bytes, fileName, caption)),
    },
    clock,
    logger,
    config,
    ...(parts.pushOptions?.limiter ? { limiter: parts.pushOptions.limiter } : {}),
    ...(parts.pushOptions?.pollSeconds ? { pollSeconds: parts.pushOptions.pollSeconds } : {}),
  });
  const deps: BotDeps = { ...parts.botDeps, search: measureSearch(parts.botDeps.search, metrics), ...push.deps };
  const botOptions = parts.botOptions ?? {};
  const bot = createBot(parts.token, deps, {
    ...botOptions,
    apiTransformers: [countTooManyRequests(metrics), ...(botOptions.apiTransformers ?? [])],
  });
  measureUpdates(bot, metrics);

  const webhook = config.webhookUrl
    ? { url: config.webhookUrl, path: new URL(config.webhookUrl).pathname, secretToken: webhookSecret(config, parts.token) }
    : null;
  const server = createBotServer({
    ...(webhook
      ? {
          webhook: {
            path: webhook.path,
            secretToken: webhook.secretToken,
            firstDelivery: (updateId: number) => parts.store.updates.firstDelivery(updateId, clock.now()),
            handleUpdate: (update: Parameters<Bot['handleUpdate']>[0]) => bot.handleUpdate(update),
          },
        }
      : {}),
    health: () => checkHealth({ pingStore: () => parts.store.ping(), indexSize: () => parts.indexSize() }),
    metrics,
    logger,
  });

  return { bot, server, metrics, webhook, startPush: () => push.start(bot.api) };
}
