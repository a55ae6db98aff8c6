import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { run as runPolling, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { setBotCommands, setReaderMenuButton, type BotContext } from '../bot/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import {
  acquireDataDirLock,
  connectToTelegram,
  DataDirLockedError,
  describeApiError,
  describePollingStop,
  prepareDataDir,
  TelegramConnectError,
  type DataDirLock,
} from '../process/index.js';
import type { BotServer } from '../server/index.js';
import type { Runtime } from '../services.js';
import { run as runChat } from './chat.js';
import { UserError, type CommandEnv } from './env.js';

/** How long a stop may take before the process gives up waiting (Telegram re-sends what was not confirmed). */
const STOP_DEADLINE_MS = 8000;

/** Pause between getUpdates tries while Telegram is unreachable: the bot resumes within it. */
const POLL_RETRY_MS = 3000;

export const NO_TOKEN_HELP = [
  'newsbot: BOT_TOKEN is not set, so the bot cannot reach Telegram.',
  'To get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps;',
  'then put BOT_TOKEN=123456:ABC... in .env (see .env.example) and run `npm start` again.',
  'Meanwhile, here is the bot in your terminal (newsbot chat):',
].join('\n');

/** Why the bot stops: a signal, or polling that cannot go on (bad token, another instance). */
type StopReason = NodeJS.Signals | 'fatal';

/**
 * Resolves with the first SIGINT or SIGTERM, or when `fail` is called; `signal` aborts at
 * the same moment, for the waits that must end with it (connecting to Telegram).
 * A second SIGINT/SIGTERM finds no handler and ends the process at once.
 */
function untilStop(): { reason: Promise<StopReason>; fail: () => void; signal: AbortSignal } {
  const controller = new AbortController();
  let fail: () => void = () => {};
  const reason = new Promise<StopReason>((resolve) => {
    const stop = (why: StopReason) => {
      controller.abort();
      resolve(why);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    fail = () => stop('fatal');
  });
  return { reason, fail, signal: controller.signal };
}

/**
 * `newsbot start`: long polling (@grammyjs/runner, updates of one chat in
 * order), or a webhook server when WEBHOOK_URL is set. Holds the DATA_DIR lock
 * (a second bot on the same data refuses to start, naming the first). SIGINT/SIGTERM
 * stop taking updates, let the ones in hand finish, then close the store, all
 * within 10 s. Without BOT_TOKEN it explains how to get one and opens `newsbot chat`.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  parseArgs({ args: argv, options: {} });
  const { config, logger } = env;
  if (!config.botToken) {
    process.stderr.write(`${NO_TOKEN_HELP}\n`);
    return runChat(argv, env);
  }
  const stopping = untilStop();
  prepareDataDir(config.dataDir);
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(config.dataDir, 'start', logger);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UserError(error.message);
    throw error;
  }
  try {
    return await runBot(config.botToken, env, stopping);
  } finally {
    lock.release();
  }
}

async function runBot(token: string, env: CommandEnv, stopping: ReturnType<typeof untilStop>): Promise<number> {
  const { config, logger } = env;
  // The index is loaded before the server answers: /healthz is 200 only once search works.
  const runtime = await env.openRuntime({ serving: true, token });
  const { bot, server } = runtime;
  // At the stop deadline every call still running ends, auto-retry's pauses included.
  const hardStop = abortEveryCall(bot);
  type ApiSignal = Parameters<typeof bot.api.getMe>[0];
  try {
    try {
      bot.botInfo = await connectToTelegram((signal) => bot.api.getMe(signal as ApiSignal), {
        apiRoot: config.telegramApiRoot,
        token,
        logger,
        signal: stopping.signal,
      });
    } catch (error) {
      if (stopping.signal.aborted) return 0;
      if (error instanceof TelegramConnectError) throw new UserError(error.message);
      throw error;
    }
    await setMenus(bot, runtime, config, logger);
    const { updates } = config;
    const pollingPort = updates.kind === 'polling' ? pollingServerPort(updates, config.publicUrl) : null;
    const stop =
      updates.kind === 'webhook' && runtime.webhook
        ? await startWebhook(bot, server, runtime.webhook, config.host, logger)
        : await startPolling(bot, token, logger, stopping.fail, pollingPort === null ? null : { server, port: pollingPort, host: config.host });
    logger.info({ bot: bot.botInfo.username, mode: updates.kind }, 'bot started');
    // Daily summaries (caught up at once), keyword alerts, and DATA_DIR/inbox.
    const pushing = runtime.startPush();

    const reason = await stopping.reason;
    logger.info({ reason }, 'stopping');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        hardStop.abort();
        resolve('timeout');
      }, STOP_DEADLINE_MS);
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
    await runtime.close();
  }
}

/** An abort that ends every Bot API call of `bot` still running (the stop deadline), polling's own included. */
function abortEveryCall(bot: Bot<BotContext>): AbortController {
  const hardStop = new AbortController();
  type ApiSignal = Parameters<typeof bot.api.getMe>[0];
  bot.api.config.use((prev, method, payload, signal) => {
    if (!signal) return prev(method, payload, hardStop.signal as ApiSignal);
    // The runner's signal comes from the abort-controller polyfill, which AbortSignal.any
    // accepts but never follows: join the two by their events.
    const joined = new AbortController();
    const abort = () => joined.abort();
    if (signal.aborted || hardStop.signal.aborted) abort();
    signal.addEventListener('abort', abort);
    hardStop.signal.addEventListener('abort', abort);
    return prev(method, payload, joined.signal as ApiSignal).finally(() => {
      signal.removeEventListener('abort', abort);
      hardStop.signal.removeEventListener('abort', abort);
    });
  });
  return hardStop;
}

/** The command menu and, with PUBLIC_URL, the reader app's menu button: conveniences, so a failure is a warning. */
async function setMenus(bot: Bot<BotContext>, runtime: Runtime, config: Config, logger: Logger): Promise<void> {
  try {
    await setBotCommands(bot.api, runtime.i18n);
  } catch (error) {
    // The command menu is a convenience: the commands work without it.
    logger.warn({ reason: describeApiError(error, bot.token) }, 'could not set the command menu (setMyCommands): going on without it');
  }
  if (config.publicUrl === null) return;
  try {
    await setReaderMenuButton(bot.api, runtime.i18n, config.publicUrl);
  } catch (error) {
    // The 📰 buttons under /paper, results and /trend still open the reader.
    logger.warn({ reason: describeApiError(error, bot.token) }, 'could not set the reader menu button (setChatMenuButton): going on without it');
  }
}

/**
 * Where the HTTP server listens in polling mode: METRICS_PORT; else PORT when the reader
 * app is served (PUBLIC_URL); else nowhere (polling needs no server). A webhook serves on PORT.
 */
function pollingServerPort(updates: Extract<Config['updates'], { kind: 'polling' }>, publicUrl: string | null): number | null {
  return updates.metricsPort ?? (publicUrl === null ? null : updates.port);
}

/**
 * Long polling with the runner. The getUpdates answers are watched so that,
 * after the last update in hand is done, its offset is confirmed: a restart
 * then neither loses nor repeats an update. With METRICS_PORT, /healthz and
 * /metrics are served there.
 */
async function startPolling(
  bot: Bot<BotContext>,
  token: string,
  logger: Logger,
  onFatal: () => void,
  monitor: { server: BotServer; port: number; host: string | null } | null,
): Promise<() => Promise<void>> {
  // An outage is told by the runtime's link (reportToLink sees every call, getUpdates included): one story in the log.
  let lastFetched: number | undefined;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method !== 'getUpdates' || !response.ok) return response;
    const updates = response.result as { update_id: number }[];
    const last = updates[updates.length - 1];
    if (last) lastFetched = last.update_id;
    return response;
  });
  if (monitor) {
    await monitor.server.listen(monitor.port, monitor.host);
    logger.info({ port: monitor.port, host: monitor.host ?? '*' }, 'health and metrics server listening (and the reader app with PUBLIC_URL)');
  }
  await bot.api.deleteWebhook();
  // A failed getUpdates is tried again every 3 s for as long as it takes (the runner's
  // default backs off exponentially, to an hour between tries after a long outage);
  // 401 and 409 end polling (the runner throws them).
  const runner: RunnerHandle = runPolling(bot, {
    runner: { silent: true, retryInterval: POLL_RETRY_MS, maxRetryTime: Number.POSITIVE_INFINITY },
  });
  void runner.task()?.catch((error: unknown) => {
    logger.fatal({ reason: describePollingStop(error, token) }, 'polling stopped: the bot stops');
    onFatal();
  });
  return async () => {
    monitor?.server.drain();
    if (runner.isRunning()) await runner.stop();
    while (runner.size() > 0) await sleep(20);
    if (lastFetched !== undefined) {
      await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 });
    }
    await monitor?.server.close();
  };
}

/** The webhook server on PORT, then setWebhook. The stop drains it (503s), finishes the updates in hand, closes. */
async function startWebhook(
  bot: Bot<BotContext>,
  server: BotServer,
  webhook: NonNullable<Runtime['webhook']>,
  host: string | null,
  logger: Logger,
): Promise<() => Promise<void>> {
  await server.listen(webhook.port, host);
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secretToken });
  logger.info({ port: webhook.port, host: host ?? '*', path: webhook.path }, 'webhook server listening');
  return async () => {
    server.drain();
    await server.close();
  };
}
