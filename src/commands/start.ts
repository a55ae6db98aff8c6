import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { run as runPolling, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { App } from '../app.js';
import { createBot, createFileDownloader, createI18n, setBotCommands, type BotContext, type BotDeps } from '../bot/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { preparePush } from '../push/index.js';
import { run as runChat } from './chat.js';
import type { CommandEnv } from './env.js';

/** How long a stop may take before the process gives up waiting (Telegram re-sends what was not confirmed). */
const STOP_DEADLINE_MS = 8000;

export const NO_TOKEN_HELP = [
  'newsbot: BOT_TOKEN is not set, so the bot cannot reach Telegram.',
  'To get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps;',
  'then put BOT_TOKEN=123456:ABC... in .env (see .env.example) and run `npm start` again.',
  'Meanwhile, here is the bot in your terminal (newsbot chat):',
].join('\n');

/** The bot's dependencies from the opened app: what `start` and `chat` share. */
export function botDepsFrom(
  app: App,
  config: Config,
  logger: Logger,
  downloadFile: BotDeps['downloadFile'],
): BotDeps {
  return {
    search: app.search,
    articles: app.articles,
    queries: app.queries,
    clock: { now: () => new Date() },
    logger,
    adminIds: config.adminIds,
    timeZone: config.timeZone,
    downloadFile,
  };
}

/** Why the bot stops: a signal, or polling that cannot go on (bad token, another instance). */
type StopReason = NodeJS.Signals | 'fatal';

/** Resolves with the first SIGINT or SIGTERM, or when `fail` is called. */
function untilStop(): { reason: Promise<StopReason>; fail: () => void } {
  let fail: () => void = () => {};
  const reason = new Promise<StopReason>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    fail = () => resolve('fatal');
  });
  return { reason, fail };
}

/**
 * `newsbot start`: long polling (@grammyjs/runner, updates of one chat in
 * order), or a webhook server when WEBHOOK_URL is set. SIGINT/SIGTERM stop
 * taking updates, let the ones in hand finish, then close the store.
 * Without BOT_TOKEN it explains how to get one and opens `newsbot chat`.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  parseArgs({ args: argv, options: {} });
  const { config, logger } = env;
  if (!config.botToken) {
    process.stderr.write(`${NO_TOKEN_HELP}\n`);
    return runChat(argv, env);
  }
  const token = config.botToken;

  const app = env.openApp();
  const push = preparePush({ app, clock: { now: () => new Date() }, logger, config });
  const i18n = createI18n();
  const downloadFile = createFileDownloader(token, config.telegramApiRoot);
  const bot = createBot(token, { ...botDepsFrom(app, config, logger, downloadFile), ...push.deps }, {
    i18n,
    client: { apiRoot: config.telegramApiRoot },
  });
  try {
    const stopping = untilStop();
    await bot.init();
    await setBotCommands(bot.api, i18n);
    const stop = config.webhookUrl
      ? await startWebhook(bot, config, token, logger)
      : await startPolling(bot, logger, stopping.fail);
    logger.info({ bot: bot.botInfo.username, mode: config.webhookUrl ? 'webhook' : 'polling' }, 'bot started');
    // Daily summaries (caught up at once), keyword alerts, and DATA_DIR/inbox.
    const pushing = push.start(bot.api);

    const reason = await stopping.reason;
    logger.info({ reason }, 'stopping');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_DEADLINE_MS);
    });
    const stopped = Promise.all([stop(), pushing.stop()]);
    const outcome = await Promise.race([stopped.then(() => 'stopped' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      logger.warn('updates still running at the stop deadline: Telegram will send the unconfirmed ones again');
      return 1;
    }
    logger.info('stopped');
    return reason === 'fatal' ? 1 : 0;
  } finally {
    app.close();
  }
}

/**
 * Long polling with the runner. The getUpdates answers are watched so that,
 * after the last update in hand is done, its offset is confirmed: a restart
 * then neither loses nor repeats an update.
 */
async function startPolling(
  bot: Bot<BotContext>,
  logger: Logger,
  onFatal: () => void,
): Promise<() => Promise<void>> {
  let lastFetched: number | undefined;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method === 'getUpdates' && response.ok) {
      const updates = response.result as { update_id: number }[];
      const last = updates[updates.length - 1];
      if (last) lastFetched = last.update_id;
    }
    return response;
  });
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = runPolling(bot, { runner: { silent: true } });
  void runner.task()?.catch((error: unknown) => {
    logger.fatal({ err: error }, 'polling stopped: check BOT_TOKEN and that no other instance polls');
    onFatal();
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
    while (runner.size() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    if (lastFetched !== undefined) {
      await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 });
    }
  };
}

/** A webhook server on PORT: only POSTs to WEBHOOK_URL's path with the right secret token reach the bot. */
async function startWebhook(
  bot: Bot<BotContext>,
  config: Config,
  token: string,
  logger: Logger,
): Promise<() => Promise<void>> {
  const url = config.webhookUrl!;
  const path = new URL(url).pathname;
  const secretToken = config.webhookSecret ?? createHash('sha256').update(token).digest('hex').slice(0, 32);
  const handle = webhookCallback(bot, 'http', { secretToken, onTimeout: 'return' });
  const server: Server = createServer((request, response) => {
    const requestPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && requestPath === path) {
      handle(request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'webhook update failed');
        if (!response.headersSent) response.writeHead(500).end();
      });
      return;
    }
    response.writeHead(request.method === 'GET' && requestPath === '/' ? 200 : 404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  await bot.api.setWebhook(url, { secret_token: secretToken });
  logger.info({ port: config.port, path }, 'webhook server listening');
  return () =>
    new Promise<void>((resolve) => {
      // Stop accepting; the requests in hand finish (Telegram re-sends the others).
      server.close(() => resolve());
      server.closeIdleConnections();
    });
}
