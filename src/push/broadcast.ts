/**
 * Sending many messages: a rate limit shared by everything push sends in
 * this process, a pool of workers so that a slow or failing chat holds up
 * one worker and not the queue, and the claim → send → mark bookkeeping
 * that makes each delivery exactly-once across processes.
 */
import { InputFile, type Api } from 'grammy';
import type { Logger } from '../logger.js';
import type { TelegramLink } from '../process/index.js';
import type { DeliveryKey, DueDelivery, SubscriberStore } from '../types.js';
import type { Clock } from '../types.js';
import { sortTelegramError } from './telegramErrors.js';
import type { UnrecordedSends } from './unrecorded.js';

/** Waits until one more message may go out. */
export interface RateLimiter {
  take(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  /** Messages per second on average (default 25). */
  readonly ratePerSecond?: number;
  /** Messages that may go at once after a quiet spell (default 5). */
  readonly burst?: number;
}

/**
 * A token bucket (kept as GCRA: one "next free time" instead of a token count).
 * Telegram allows about 30 messages per second to different chats; 25/s plus a
 * burst of 5 stays under 30 in any one second and leaves room for the replies
 * the bot sends meanwhile.
 *
 * Why not @grammyjs/transformer-throttler: it throttles every call on the Api it
 * is installed on, so a broadcast of 10,000 messages would queue the bot's
 * interactive replies for minutes behind it; and push wants its own workers
 * (not one queue) so that a slow chat does not hold up the rest.
 */
export function createTokenBucket(options: TokenBucketOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? 25;
  const burst = options.burst ?? 5;
  if (!(rate > 0) || !(burst >= 1)) throw new Error(`bad rate limit: ${rate}/s, burst ${burst}`);
  const interval = 1000 / rate;
  let nextFree = 0; // the "theoretical arrival time" of the next message
  return {
    async take(signal) {
      const now = Date.now();
      const start = Math.max(nextFree, now);
      nextFree = start + interval;
      const wait = start - (burst - 1) * interval - now;
      if (wait > 0) await delay(wait, signal);
    },
  };
}

/**
 * The same token bucket kept in the store, so that every process on one DATA_DIR (the bot,
 * `newsbot push`, a second bot by mistake) draws from one budget: together they stay under
 * Telegram's limit instead of each sending 25/s.
 */
export function createSharedTokenBucket(
  store: Pick<SubscriberStore, 'reserveSendSlot'>,
  options: TokenBucketOptions = {},
): RateLimiter {
  const rate = options.ratePerSecond ?? 25;
  const burst = options.burst ?? 5;
  if (!(rate > 0) || !(burst >= 1)) throw new Error(`bad rate limit: ${rate}/s, burst ${burst}`);
  const interval = 1000 / rate;
  return {
    async take(signal) {
      const wait = await store.reserveSendSlot(Date.now(), interval, burst);
      if (wait > 0) await delay(wait, signal);
      else if (signal?.aborted) throw new Error('aborted');
    },
  };
}

/** A limiter that never waits (tests, and the bench's "no limit" run). */
export const NO_LIMIT: RateLimiter = { take: async () => {} };

/**
 * setTimeout as a promise that an abort cancels. Written out rather than node:timers/promises'
 * setTimeout because tests drive the bucket with vitest's fake timers, which replace the global
 * setTimeout and not that one.
 */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `work` over `items` with at most `concurrency` at a time; stops taking new items when
 * `signal` aborts or a `work` throws, lets the ones started finish, then throws the first error.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length && !signal?.aborted && failures.length === 0) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/** The message a delivery sends: Telegram HTML and its options. */
export interface OutgoingMessage {
  /** The message, or the photo's caption (1024 characters at most then). */
  readonly text: string;
  /** sendMessage options (buttons; HTML and no link previews are the Api's, `htmlMessages`); ignored for a photo. */
  readonly options?: Parameters<Api['sendMessage']>[2];
  /** A picture to send with sendPhoto, `text` as its caption (the weekly chart). */
  readonly photo?: { readonly png: Uint8Array; readonly filename: string };
}

/** The part of grammY's Api push uses. Install auto-retry on it: 429s are its job. */
export type MessageSender = Pick<Api, 'sendMessage' | 'sendPhoto'>;

type SendSignal = Parameters<Api['sendMessage']>[3];

/** One message out, ended by the stop or after `timeoutMs`; its message id. */
async function send(
  api: MessageSender,
  delivery: SendableDelivery,
  message: OutgoingMessage,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<number> {
  const timeout = AbortSignal.timeout(timeoutMs);
  // grammY types its signal with the abort-controller polyfill; Node's own is what it gets at run time.
  const sendSignal = (signal ? AbortSignal.any([signal, timeout]) : timeout) as SendSignal;
  // Into the chat's forum topic, and without a sound inside its silent quiet hours.
  const where = {
    ...(delivery.threadId === null ? {} : { message_thread_id: delivery.threadId }),
    ...(delivery.silent ? { disable_notification: true } : {}),
  };
  if (message.photo) {
    // One InputFile per send: grammY streams it out, so each upload gets its own.
    const photo = new InputFile(message.photo.png, message.photo.filename);
    return (await api.sendPhoto(delivery.chatId, photo, { caption: message.text, ...where }, sendSignal)).message_id;
  }
  return (await api.sendMessage(delivery.chatId, message.text, { ...message.options, ...where }, sendSignal)).message_id;
}

export interface BroadcastDeps {
  readonly store: SubscriberStore;
  readonly api: MessageSender;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Who claims: unique per process, so a claim can only be finished by its claimer. */
  readonly owner: string;
  /** Messages in flight at once (default 8): how many slow chats it takes to slow a broadcast. */
  readonly concurrency?: number;
  /**
   * Longest one send may take, auto-retry's waits included (default 120 s); then it is
   * abandoned and tried on a later tick. Must stay well under the claim lease.
   */
  readonly sendTimeoutMs?: number;
  /** Aborts the broadcast: no new sends start, sends in flight are cancelled. */
  readonly signal?: AbortSignal;
  /** Drains the broadcast: no new sends start, sends in flight finish and are recorded (a stop's first step). */
  readonly drain?: AbortSignal;
  /** Whether Telegram answers, shared with the rest of the process: the broadcast waits on it while it does not. */
  readonly link: TelegramLink;
  /** Sends whose record failed, kept in this process until the database takes them. */
  readonly unrecorded: UnrecordedSends;
}

/** A chat a delivery failed for, and why. */
export interface FailedDelivery {
  readonly chatId: number;
  readonly reason: string;
}

/** What one broadcast did. */
export interface BroadcastResult {
  readonly sent: number;
  /** Claimed by another process, or sent already: not ours to send. */
  readonly skipped: number;
  /** Chats that blocked the bot: deactivated. */
  readonly blocked: readonly FailedDelivery[];
  /** Other failures: tried again later while attempts remain. */
  readonly failed: readonly FailedDelivery[];
}

/** A delivery to send now: in its chat's forum topic, and without a sound inside the chat's silent quiet hours. */
export type SendableDelivery = DueDelivery & { readonly silent: boolean };

/**
 * Sends one message per due delivery. Each is claimed in the store (so no other process
 * sends it), waits for a slot of the shared rate limit, is sent (into the delivery's forum
 * topic, silently when it says so), and is marked sent once Telegram accepted it.
 * `compose` returns null when there is nothing to send for a delivery any more
 * (an alert whose article is gone): it is marked failed.
 *
 * While Telegram does not answer (network errors, timeouts, 5xx), the broadcast pauses on
 * the process's `link` and sends the same delivery again when it answers, no try used; only
 * Telegram's own answers about a chat (403, 400 chat not found; another 400) settle or use
 * up a try. A "sent" the database does not take is kept in `unrecorded` and never sent again.
 */
export async function broadcast(
  due: readonly SendableDelivery[],
  compose: (delivery: DueDelivery) => OutgoingMessage | null | Promise<OutgoingMessage | null>,
  deps: BroadcastDeps,
): Promise<BroadcastResult> {
  const { store, api, limiter, clock, logger, owner, signal, link, unrecorded } = deps;
  const sendTimeout = deps.sendTimeoutMs ?? 120_000;
  const stopTaking = deps.drain ? (signal ? AbortSignal.any([signal, deps.drain]) : deps.drain) : signal;
  let sent = 0;
  let skipped = 0;
  const blocked: FailedDelivery[] = [];
  const failed: FailedDelivery[] = [];

  const fail = async (key: DeliveryKey, reason: string) => {
    failed.push({ chatId: key.chatId, reason });
    const gaveUp = await store.markFailed(key, owner, reason, clock.now());
    const log = { chat_id: key.chatId, kind: key.kind, item: key.itemKey, reason };
    if (gaveUp) logger.error(log, 'delivery failed for the last time: giving up (newsbot push --retry-failed sends it again)');
    else logger.warn(log, 'delivery failed: will try again on a later tick');
  };

  /** One try at one delivery: 'again' when Telegram did not answer and the link was down. */
  const attempt = async (delivery: SendableDelivery): Promise<'done' | 'again'> => {
    // While Telegram is down this waits (one probe at a time goes through); nothing is claimed meanwhile.
    try {
      await link.ready(stopTaking);
    } catch {
      return 'done'; // stopping: not claimed, nothing sent
    }
    if (unrecorded.has(delivery) || !(await store.claim(delivery, owner, clock.now()))) {
      skipped++;
      return 'done';
    }
    // Claim first, then wait for a send slot: only a message this process will send takes a
    // slot of the budget shared with other processes. (Waiting first spent a slot on every
    // claim lost to the other process: start + push together sent ~9.5 msg/s, not 25.)
    // A claim waits at most the few slots ahead of it (concurrency × 40 ms); after a kill -9
    // the restart releases the dead process's claims at once, and none of these was sent.
    try {
      await limiter.take(stopTaking);
    } catch {
      // Stopping while waiting: nothing was sent; the claim is let go, no try used.
      await store.unclaim(delivery, owner, 'stopped before sending', clock.now());
      return 'done';
    }
    const message = await compose(delivery);
    if (message === null) {
      await fail(delivery, 'nothing to send (item not found)');
      return 'done';
    }
    let messageId: number;
    const sendStarted = Date.now();
    try {
      messageId = await send(api, delivery, message, signal, sendTimeout);
    } catch (error) {
      const sorted = sortTelegramError(error);
      if (sorted.action === 'unreachable') {
        // No answer about this chat: not its fault, no try used. Sent again when Telegram answers,
        // unless this process is stopping (a later run sends it).
        await store.unclaim(delivery, owner, sorted.reason, clock.now());
        if (signal?.aborted) return 'done';
        link.failed(sorted.reason, sendStarted);
        return 'again';
      }
      link.answered(sendStarted);
      if (sorted.action === 'deactivate') {
        blocked.push({ chatId: delivery.chatId, reason: sorted.reason });
        await store.markBlocked(delivery, owner, sorted.reason, clock.now());
        logger.info({ chat_id: delivery.chatId, reason: sorted.reason }, 'chat blocked the bot: deactivated');
      } else if (sorted.action === 'rate-limited') {
        // Telegram's flood control outlasted auto-retry: a later tick sends it, no try used.
        await store.unclaim(delivery, owner, sorted.reason, clock.now());
      } else {
        await fail(delivery, sorted.reason);
      }
      return 'done';
    }
    link.answered(sendStarted);
    sent++;
    const sentAt = clock.now();
    try {
      await store.markSent(delivery, owner, messageId, sentAt);
    } catch (error) {
      // Sent, not recorded: remembered here (never sent again by this process), written when the database answers.
      unrecorded.add(delivery, owner, messageId, sentAt);
      logger.error(
        { err: error, chat_id: delivery.chatId, item: delivery.itemKey },
        'sent, but the database did not take the record: kept in memory and recorded when it answers',
      );
    }
    return 'done';
  };

  await runPool(
    due,
    deps.concurrency ?? 8,
    async (delivery) => {
      let outcome: 'done' | 'again';
      do outcome = await attempt(delivery);
      while (outcome === 'again' && !stopTaking?.aborted);
    },
    stopTaking,
  );
  return { sent, skipped, blocked, failed };
}
