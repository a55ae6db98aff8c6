/**
 * Whether Telegram answers, as one process sees it: every broadcast and the long poll
 * report to one link, so an outage is one story in the log (when it starts, once a
 * minute, when it ends) and not a line per chat per try, and a broadcast pauses while
 * it lasts instead of spending its deliveries' tries on it.
 *
 * While Telegram is down, `ready()` lets one caller through every `probeMs` (its send
 * is the probe) and holds the rest; the first answer from Telegram (a probe's, or the
 * long poll's) opens the way for everyone.
 */
import type { Transformer } from 'grammy';
import type { Logger } from '../logger.js';
import { createOutageReporter, describeApiError } from './telegramApi.js';

export interface TelegramLink {
  /** Resolves when a send may go: at once while Telegram answers. Rejects when `signal` aborts. */
  ready(signal?: AbortSignal): Promise<void>;
  /**
   * A call got no answer from Telegram (network error, timeout, 5xx): the link is down, unless
   * Telegram answered another call after this one began (`startedAt`, ms since the epoch):
   * then its failure is old news (a call cut by an outage that has ended since).
   */
  failed(reason: string, startedAt?: number): void;
  /**
   * Telegram answered a call (any answer about the call itself, 4xx included): the link is up,
   * unless the call began (`startedAt`) before the outage was seen: an answer on a connection
   * opened before it says nothing of new ones, and ending the outage on it logged it twice.
   */
  answered(startedAt?: number): void;
  /** Since when Telegram has not answered (ms since the epoch), or null while it does. */
  readonly downSince: number | null;
}

export interface TelegramLinkOptions {
  /** Pause between probes while Telegram is down (default 3000 ms, as the long poll's retry). */
  readonly probeMs?: number;
  /** Log cadence while it is down (default one minute). */
  readonly reportEveryMs?: number;
}

export function createTelegramLink(logger: Logger, options: TelegramLinkOptions = {}): TelegramLink {
  const probeMs = options.probeMs ?? 3000;
  const reporter = createOutageReporter(logger, options.reportEveryMs);
  let downSince: number | null = null;
  let lastAnswer = 0;
  const waiting: { resolve: () => void; reject: (error: Error) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];
  let probe: NodeJS.Timeout | null = null;

  const release = (all: boolean) => {
    for (const waiter of waiting.splice(0, all ? waiting.length : 1)) {
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  };

  const scheduleProbe = () => {
    if (probe !== null || downSince === null || waiting.length === 0) return;
    probe = setTimeout(() => {
      probe = null;
      // One waiter goes: its send tells whether Telegram is back. Its outcome schedules the next.
      release(false);
    }, probeMs);
    probe.unref();
  };

  return {
    get downSince() {
      return downSince;
    },
    ready(signal) {
      if (signal?.aborted) return Promise.reject(new Error('aborted'));
      if (downSince === null) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: (typeof waiting)[number] = { resolve, reject };
        if (signal) {
          waiter.signal = signal;
          waiter.onAbort = () => {
            const at = waiting.indexOf(waiter);
            if (at >= 0) waiting.splice(at, 1);
            reject(new Error('aborted'));
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        waiting.push(waiter);
        scheduleProbe();
      });
    },
    failed(reason, startedAt) {
      if (startedAt !== undefined && startedAt < lastAnswer) return;
      downSince ??= Date.now();
      reporter.failed(reason);
      scheduleProbe();
    },
    answered(startedAt) {
      lastAnswer = Date.now();
      if (downSince === null || (startedAt !== undefined && startedAt < downSince)) return;
      downSince = null;
      reporter.succeeded();
      if (probe !== null) clearTimeout(probe);
      probe = null;
      release(true);
    },
  };
}

/**
 * An Api transformer telling `link` how each call went: no answer (a network error, a 5xx)
 * is a failure, any other answer proves Telegram is there. A call the caller aborted (a
 * stop) says nothing. Install it before auto-retry, so that it sees every raw answer.
 */
export function reportToLink(link: TelegramLink): Transformer {
  return async (prev, method, payload, signal) => {
    const startedAt = Date.now();
    let response;
    try {
      response = await prev(method, payload, signal);
    } catch (error) {
      if (!signal?.aborted) link.failed(describeApiError(error, ''), startedAt);
      throw error;
    }
    if (!response.ok && response.error_code >= 500) link.failed(`${response.error_code}: ${response.description}`, startedAt);
    else link.answered(startedAt);
    return response;
  };
}
