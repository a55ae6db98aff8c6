/**
 * The one runtime builder: everything a running process works with (the store, the
 * search index, answers, related articles, the bot, push, the HTTP server and its
 * metrics) is built here, from the config, once. `newsbot start`, `newsbot chat`,
 * `newsbot push` and every fleet instance (tests/server/fleet.test.ts,
 * bench/fleetBench.ts) call `openRuntime` and take what they need; nothing below
 * builds a clock, translations, a chart renderer or a store of its own, and every
 * service a reader feature needs is a required field of `BotDeps`, so a service
 * left out is a type error, not a feature that vanishes in silence.
 *
 * The data half (store, index, ingest, answers) is `openApp` in app.ts, which the
 * commands that only read (`articles`, `search`, `ask`, `trend`, `eval`) open alone.
 */
import type { I18n } from '@grammyjs/i18n';
import type { Bot } from 'grammy';
import { openApp, type OpenAppOptions } from './app.js';
import type { AnswerService } from './answer/index.js';
import { createBot, createFileDownloader, type BotContext, type BotDeps } from './bot/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { WEB_DIST_DIR } from './paths.js';
import {
  createPush,
  createPushApi,
  createUnrecordedSends,
  createPushRenderer,
  preparePush,
  type PushServices,
} from './push/index.js';
import { createI18n } from './render/index.js';
import { createTelegramLink, reportToLink, type TelegramLink } from './process/index.js';
import type { NewsSearch } from './search/index.js';
import {
  checkHealth,
  countTooManyRequests,
  createBotServer,
  createMetrics,
  measureDeliveries,
  measureSearch,
  measureUpdates,
  webhookSecret,
  type BotServer,
  type Metrics,
} from './server/index.js';
import type { App, Runtime, RuntimeRequest } from './services.js';
import { createChartPool, readHotTopics, type HotTopics } from './trend/index.js';
import type { IngestSummary } from './types.js';
import { createReaderApi, createReaderApp, loadAssets, type ReaderAppRoute } from './webapp/index.js';

/** The reader app (`/app/`): its page as built in dist/web, its API over the bot's own stores and index. */
function readerAppRoute(
  app: App,
  search: NewsSearch,
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  token: string,
  hotTopics: HotTopics,
): ReaderAppRoute {
  const api = createReaderApi({
    articles: app.store.articles,
    search,
    subscribers: app.store.subscribers,
    clock: app.clock,
    timeZone: config.timeZone,
    pushTime: config.pushTime,
    hotTopics,
    // Known once the bot has asked Telegram who it is (getMe at start): share links need it.
    botUsername: () => (bot.isInited() ? bot.botInfo.username : null),
  });
  return createReaderApp({ botToken: token, api, assets: loadAssets(WEB_DIST_DIR), clock: app.clock, logger });
}

/** The app's options (config, logger, clock, test hooks) and what the process asks for. */
export type RuntimeOptions = OpenAppOptions & RuntimeRequest;

/**
 * Opens the app (store synced with the corpus, index loaded) and builds the bot, push,
 * the server and the metrics over it. Closing the runtime closes the app.
 */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const app = await openApp(options);
  try {
    const search = await app.search();
    const answers = await app.answers();
    return assemble(app, search, answers, options);
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Builds the process's parts over the opened app, in the order they depend on each other. */
function assemble(app: App, search: NewsSearch, answers: AnswerService, options: RuntimeOptions): Runtime {
  const { config, logger, token } = options;
  const i18n = createI18n();
  // Charts are drawn in worker threads, cached and limited (trend/chartPool.ts), for the bot and push alike.
  const trendChart = createChartPool();
  const hotTopics = readHotTopics();
  const render = createPushRenderer(i18n, trendChart);
  const metrics = createMetrics({ indexSize: () => search.size, charts: () => trendChart.stats() });
  const pushServices = pushServicesOf(app, search, metrics);
  const pushOptions = options.push ?? {};
  // One link to Telegram and one memory of unrecorded sends per process: the long poll, the
  // scheduler's broadcasts and `newsbot push` report to the same link, so an outage is one story.
  const link = createTelegramLink(logger);
  const unrecorded = createUnrecordedSends();
  const push = preparePush({ ...pushOptions, services: pushServices, render, hotTopics, clock: app.clock, logger, config, link, unrecorded });
  const bot = botOf(app, options, { search: measureSearch(search, metrics), answers, trendChart, hotTopics, ...push.deps }, i18n, metrics, link);
  const webhook = webhookOf(config, token);
  const server = serverOf(app, search, bot, webhook, metrics, options, link, hotTopics);
  return {
    app,
    search,
    answers,
    bot,
    i18n,
    server,
    metrics,
    webhook,
    link,
    startPush: () => push.start(bot.api),
    pushNow: (now, run = {}) =>
      createPush({
        limiter: pushOptions.limiter,
        owner: pushOptions.owner,
        store: pushServices.subscribers,
        articles: app.store.articles,
        search,
        api: createPushApi(token, config.telegramApiRoot),
        render,
        hotTopics,
        clock: app.clock,
        logger,
        timeZone: config.timeZone,
        link,
        unrecorded,
        ...(run.drain ? { drain: run.drain } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
      }).pushNow(now, { retryFailed: run.retryFailed ?? false }),
    async close() {
      await trendChart.close();
      await app.close();
    },
  };
}

/** Push's stores and ingest, its deliveries and ingested pages counted in the metrics. */
function pushServicesOf(app: App, search: NewsSearch, metrics: Metrics): PushServices {
  const counted = (summary: IngestSummary): IngestSummary => {
    metrics.ingested(summary.files.filter((file) => file.added).length);
    return summary;
  };
  return {
    subscribers: measureDeliveries(app.store.subscribers, metrics),
    articles: app.store.articles,
    search,
    inboxDir: app.inboxDir,
    // The inbox poll runs inside the bot: a big page is parsed in a worker, as uploads are.
    ingestPaths: async (paths) => counted(await app.ingest.ingestPaths(paths, { offThread: true })),
    ingestUpload: async (bytes, fileName, caption) => counted(await app.ingest.ingestUpload(bytes, fileName, caption)),
  };
}

/** The bot over every service a reader feature needs (`services`: the ones built above), updates and 429s counted. */
function botOf(
  app: App,
  options: RuntimeOptions,
  services: Pick<BotDeps, 'search' | 'answers' | 'trendChart' | 'hotTopics' | 'subscribers' | 'pushTime' | 'ingestUpload' | 'afterIngest'>,
  i18n: I18n,
  metrics: Metrics,
  link: TelegramLink,
): Bot<BotContext> {
  const { config, logger, token } = options;
  const deps: BotDeps = {
    ...services,
    articles: app.store.articles,
    queries: app.store.queries,
    clock: app.clock,
    logger,
    adminIds: [...config.adminIds, ...(options.extraAdminIds ?? [])],
    timeZone: config.timeZone,
    downloadFile: options.downloadFile ?? createFileDownloader(token, config.telegramApiRoot),
    publicUrl: config.publicUrl,
  };
  const botOptions = options.bot ?? {};
  const bot = createBot(token, deps, {
    ...botOptions,
    i18n,
    client: { apiRoot: config.telegramApiRoot, ...botOptions.client },
    apiTransformers: [countTooManyRequests(metrics), reportToLink(link), ...(botOptions.apiTransformers ?? [])],
  });
  measureUpdates(bot, metrics);
  return bot;
}

/** WEBHOOK_URL, its path, PORT and the secret Telegram sends; null when the bot polls. */
function webhookOf(config: Config, token: string): Runtime['webhook'] {
  const { updates } = config;
  if (updates.kind !== 'webhook') return null;
  return { url: updates.url, path: new URL(updates.url).pathname, port: updates.port, secretToken: webhookSecret(updates.secret, token) };
}

/** The HTTP server: the webhook route (when there is one), /healthz and /metrics. */
function serverOf(
  app: App,
  search: NewsSearch,
  bot: Bot<BotContext>,
  webhook: Runtime['webhook'],
  metrics: Metrics,
  options: RuntimeOptions,
  link: TelegramLink,
  hotTopics: HotTopics,
): BotServer {
  const route = webhook && {
    path: webhook.path,
    secretToken: webhook.secretToken,
    firstDelivery: (updateId: number, taker: string) => app.store.updates.firstDelivery(updateId, app.clock.now(), taker),
    handleUpdate: (update: Parameters<Bot['handleUpdate']>[0]) => bot.handleUpdate(update),
  };
  return createBotServer({
    ...(route ? { webhook: route } : {}),
    health: () => checkHealth({ pingStore: () => app.store.ping(), indexSize: () => search.size, telegramDownSince: () => link.downSince }),
    metrics,
    metricsToken: options.config.metricsToken,
    logger: options.logger,
    // The reader Mini App and its data API, only where readers can reach it (PUBLIC_URL).
    routes: options.config.publicUrl === null ? [] : [readerAppRoute(app, search, bot, options.config, options.logger, options.token, hotTopics)],
  });
}
