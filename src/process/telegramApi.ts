/**
 * The bot's link to the Bot API as a service sees it: connecting at start within a
 * bounded time, saying once a minute that Telegram is unreachable while it is, and
 * naming the errors that must stop the bot (401: bad token, 409: another poller).
 */
import { GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../logger.js';

/**
 * One line about a failed Bot API call, without the token: network errors carry the
 * request URL, and the URL holds the token (`/bot123:ABC/getMe`).
 */
export function describeApiError(error: unknown, token: string): string {
  let reason: string;
  if (error instanceof GrammyError) reason = `${error.error_code}: ${error.description}`;
  else if (error instanceof HttpError) {
    const cause = error.error as { name?: string; code?: string; message?: string } | undefined;
    if (cause?.name === 'AbortError') reason = 'no answer (timed out)';
    else if (cause?.code) reason = `network: ${cause.code}`;
    else reason = `network: ${cause?.message ?? error.message}`;
  } else reason = error instanceof Error ? error.message : String(error);
  return token ? reason.split(token).join('<BOT_TOKEN>') : reason;
}

/** Thrown when the bot cannot start talking to Telegram; its message is the one stderr line. */
export class TelegramConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelegramConnectError';
  }
}

export interface ConnectOptions {
  /** TELEGRAM_API_ROOT, named in the error. */
  readonly apiRoot: string;
  /** Redacted from every logged reason. */
  readonly token: string;
  readonly logger: Logger;
  /** Give up after this long (default 30 s). */
  readonly deadlineMs?: number;
  /** Longest one getMe may wait for an answer (default 10 s). */
  readonly attemptTimeoutMs?: number;
  /** First pause between attempts, doubled each time up to 8 s (default 1 s). */
  readonly firstPauseMs?: number;
  /** SIGTERM/SIGINT: stops trying at once. */
  readonly signal?: AbortSignal;
}

type GetMe = (signal: AbortSignal) => Promise<UserFromGetMe>;

/**
 * Calls getMe until it answers, each failure logged with its reason. Gives up with one
 * line naming the API root after `deadlineMs`, or at once when Telegram refuses the token
 * (401) or the API root is not a Bot API (404). grammY's own `bot.init()` retries network
 * errors forever with backoff towards 20 minutes, silently: hence this loop.
 */
export async function connectToTelegram(getMe: GetMe, options: ConnectOptions): Promise<UserFromGetMe> {
  const deadline = Date.now() + (options.deadlineMs ?? 30_000);
  const attemptTimeout = options.attemptTimeoutMs ?? 10_000;
  let pause = options.firstPauseMs ?? 1000;
  const log = options.logger.child({ api_root: options.apiRoot });
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(Math.max(1, Math.min(attemptTimeout, deadline - Date.now())));
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await getMe(signal);
    } catch (error) {
      if (options.signal?.aborted) throw new TelegramConnectError('stopped before Telegram answered');
      const reason = timeout.aborted ? 'no answer (timed out)' : describeApiError(error, options.token);
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new TelegramConnectError(
          `the Bot API at ${options.apiRoot} refused BOT_TOKEN (${reason}): check the token and TELEGRAM_API_ROOT`,
        );
      }
      log.warn({ attempt, reason }, 'cannot reach the Telegram Bot API yet');
      if (Date.now() + pause >= deadline) {
        const seconds = Math.round((options.deadlineMs ?? 30_000) / 1000);
        throw new TelegramConnectError(
          `cannot reach the Telegram Bot API at ${options.apiRoot} within ${seconds} s (last: ${reason})`,
        );
      }
      await sleep(pause, options.signal);
      if (options.signal?.aborted) throw new TelegramConnectError('stopped before Telegram answered');
      pause = Math.min(pause * 2, 8000);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Tells the log about an outage: at its start, once a minute while it lasts, and at its end. */
export interface OutageReporter {
  failed(reason: string): void;
  succeeded(): void;
}

/**
 * `subject` names what is down (default `Telegram`; push says `the database` for its store);
 * `now` is injectable for tests; `everyMs` defaults to one minute.
 */
export function createOutageReporter(
  logger: Logger,
  everyMs = 60_000,
  now: () => number = Date.now,
  subject = 'Telegram',
): OutageReporter {
  let downSince: number | null = null;
  let lastLogged = 0;
  let failures = 0;
  return {
    failed(reason) {
      const t = now();
      failures++;
      if (downSince === null) {
        downSince = t;
        lastLogged = t;
        logger.warn({ reason }, `${subject} is unreachable: retrying (logged once a minute until it answers)`);
      } else if (t - lastLogged >= everyMs) {
        lastLogged = t;
        logger.warn(
          { reason, down_seconds: Math.round((t - downSince) / 1000), failures },
          `${subject} is still unreachable: retrying`,
        );
      }
    },
    succeeded() {
      if (downSince === null) return;
      logger.info({ down_seconds: Math.round((now() - downSince) / 1000), failures }, `${subject} answers again: resumed`);
      downSince = null;
      failures = 0;
    },
  };
}

/** What stopping polling means for the operator, by Telegram's answer. */
export function describePollingStop(error: unknown, token: string): string {
  if (error instanceof GrammyError && error.error_code === 409) {
    return `409 Conflict from Telegram: another process takes this bot's updates (a second newsbot start, or a webhook): ${error.description}`;
  }
  if (error instanceof GrammyError && error.error_code === 401) {
    return `401 Unauthorized from Telegram: BOT_TOKEN was revoked or is wrong`;
  }
  return `polling stopped: ${describeApiError(error, token)}`;
}
