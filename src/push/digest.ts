/**
 * The daily and weekly summaries and the keyword alerts (in digests): who is owed what at a
 * given moment, and sending it, into each chat's forum topic, holding what falls in a chat's
 * quiet hours until they end (or sending it silently). `deliverDue(now)` is what every tick calls.
 */
import { calendarDay } from '../calendar.js';
import type { Logger } from '../logger.js';
import { createTelegramLink, currentProcess, formatIdentity, type TelegramLink } from '../process/index.js';
import type { DueDelivery, HeldClaims, SubscriberStore } from '../types.js';
import type { HotTopics } from '../trend/index.js';
import type { ArticleStore, Clock, HotlineReport, SearchService } from '../types.js';
import { queueNewAlerts } from './alerts.js';
import { composeDigest, formDueDigests } from './alertDigests.js';
import { othersClaims, releaseDeadClaims } from './claims.js';
import {
  broadcast,
  createSharedTokenBucket,
  type BroadcastResult,
  type MessageSender,
  type OutgoingMessage,
  type RateLimiter,
  type SendableDelivery,
} from './broadcast.js';
import { quietState } from './quiet.js';
import type { PushRenderer, Summary } from './render.js';
import { lastSlot, lastWeeklySlot } from './schedule.js';
import { createStoreRetry, DEFAULT_STORE_DEADLINE_MS } from './storeRetry.js';
import { createUnrecordedSends, type UnrecordedSends } from './unrecorded.js';
import { weekBefore, type Week } from './weekly.js';

/**
 * A report's delivery key: its date. A reprint of the same day's report (another
 * page file) has the same key, so it is not sent again.
 */
export function reportKey(report: HotlineReport): string {
  return report.date ?? `undated:${report.source}`;
}

/** The newest report with the previous one and the same-day safety report, or undefined. */
export async function newestSummary(articles: ArticleStore): Promise<(Summary & { key: string }) | undefined> {
  const report = await articles.hotlineReport();
  if (!report) return undefined;
  return {
    key: reportKey(report),
    report,
    previous: report.date ? await articles.previousHotlineReport(report.date) : undefined,
    safety: report.date ? await articles.safetyReport(report.date) : undefined,
  };
}

export interface PushDeps {
  readonly store: SubscriberStore;
  readonly articles: ArticleStore;
  readonly search: Pick<SearchService, 'matches' | 'snippet'>;
  /** grammY Api (or anything with its sendMessage) with auto-retry installed. */
  readonly api: MessageSender;
  readonly render: PushRenderer;
  /** The hot-issue topic list the weekly chart counts by. */
  readonly hotTopics: HotTopics;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Time zone of subscribers' times (default `Asia/Shanghai`). */
  readonly timeZone?: string;
  /** Shared by every send (default: 25/s, burst 5, one budget in the store for all processes on it). */
  readonly limiter?: RateLimiter;
  /** Claim owner (default `host:pid:startedAt` of this process, so a restart can tell it died). */
  readonly owner?: string;
  /** Sends in flight at once (default 8). */
  readonly concurrency?: number;
  /** Aborts sends in progress (shutdown). */
  readonly signal?: AbortSignal;
  /** Stops starting new sends; those in flight finish and are recorded (the first step of a stop). */
  readonly drain?: AbortSignal;
  /** Whether Telegram answers, shared by the process (the long poll reports to it too). Default: push's own. */
  readonly link?: TelegramLink;
  /** Sends waiting for their record, shared by the process's broadcasts. Default: push's own. */
  readonly unrecorded?: UnrecordedSends;
  /** How long a store call is tried again while the database does not answer (default 120,000 ms). */
  readonly storeDeadlineMs?: number;
  /**
   * Only these chats are sent to (default: all). `newsbot chat` sets its own chat so that
   * the terminal never takes (and marks sent) what real subscribers in DATA_DIR are owed.
   */
  readonly onlyChats?: ReadonlySet<number>;
}

/** What one pass did. */
export interface PushRun {
  /** Key of the newest report, or null when there is none. */
  readonly reportKey: string | null;
  readonly summaries: BroadcastResult;
  /** Alerts queued by this pass (new articles that match followed words). */
  readonly queuedAlerts: number;
  /** Digests made by this pass (each one chat's waiting alerts). */
  readonly digests: number;
  /** Digests sent (one message each, whatever the number of articles in it). */
  readonly alerts: BroadcastResult;
  /** Weekly summaries (the week's chart) sent by this pass. */
  readonly weekly: BroadcastResult;
  /** Claims other processes hold after this pass (being sent by them, or waiting out a lease). */
  readonly heldByOthers: readonly HeldClaims[];
  /** Claims of dead processes on this host released before this pass (their chats were sent to by it). */
  readonly released: number;
  /** Deliveries that had failed for good and were given their tries back (`--retry-failed`). */
  readonly retried: number;
  /** Sends of this process the database has not taken yet (kept in memory, recorded when it answers). */
  readonly unrecorded: number;
  /** Deliveries due but held: their chats are inside quiet hours (they go at the end). */
  readonly held: number;
}

/** How `pushNow` runs. */
export interface PushNowOptions {
  /** First give the newest report's deliveries that failed for good their tries back (default false). */
  readonly retryFailed?: boolean;
}

export interface Push {
  /**
   * Sends everything owed at `now`: the newest report to each subscriber whose daily slot
   * has come since their last summary (and since they set the time), queued alerts, and
   * the week's chart to each weekly subscriber whose weekly slot has come likewise.
   * A missed slot (the bot was down) is owed until it is served, so a start catches up.
   */
  deliverDue(now: Date): Promise<PushRun>;
  /**
   * `newsbot push`: the newest report to every active subscriber that has not had it, now.
   * Before it returns, the sends the database did not take are recorded (tried for as long
   * as a store call is); `unrecorded` says how many it could not.
   */
  pushNow(now: Date, options?: PushNowOptions): Promise<PushRun>;
  /** Records the sends the database did not take when they were made; returns how many are still waiting. */
  flushUnrecorded(): Promise<number>;
}

const NOTHING: BroadcastResult = { sent: 0, skipped: 0, blocked: [], failed: [] };

/** Creates push over its dependencies. Starts nothing: see `startPush` for the timers. */
export function createPush(pushDeps: PushDeps): Push {
  const timeZone = pushDeps.timeZone ?? 'Asia/Shanghai';
  const owner = pushDeps.owner ?? formatIdentity(currentProcess());
  // The database going away mid-broadcast is waited out (bounded), not the end of the run.
  const retry = createStoreRetry({ logger: pushDeps.logger, deadlineMs: pushDeps.storeDeadlineMs, signal: pushDeps.signal });
  const deps = { ...pushDeps, store: retry.wrap(pushDeps.store), articles: retry.wrap(pushDeps.articles) };
  const unrecorded = pushDeps.unrecorded ?? createUnrecordedSends();
  const storeDeadlineMs = pushDeps.storeDeadlineMs ?? DEFAULT_STORE_DEADLINE_MS;
  /** Records the sends waiting for the database, trying (each through the store's retries) until `ms` passed. */
  const recordWithin = async (ms: number): Promise<number> => {
    const deadline = Date.now() + ms;
    let left = unrecorded.size;
    while (left > 0 && Date.now() < deadline && !pushDeps.signal?.aborted) {
      left = await unrecorded.flush(deps.store);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (left > 0) {
      pushDeps.logger.error(
        { unrecorded: left },
        'sent, never recorded: the database did not answer in time; these chats may get the message again',
      );
    }
    return left;
  };
  const broadcastDeps = {
    store: deps.store,
    api: deps.api,
    limiter: deps.limiter ?? createSharedTokenBucket(deps.store),
    clock: deps.clock,
    logger: deps.logger,
    owner,
    concurrency: deps.concurrency,
    signal: deps.signal,
    drain: deps.drain,
    link: pushDeps.link ?? createTelegramLink(pushDeps.logger),
    unrecorded,
  };

  // Stored times that are not times of day, each logged once: their chats are skipped, the rest go out.
  const badTimes = new Set<string>();
  const slotOf = async (time: string, now: Date): Promise<Date | null> => {
    try {
      return lastSlot(time, now, timeZone);
    } catch (error) {
      if (!badTimes.has(time)) {
        badTimes.add(time);
        deps.logger.error(
          { push_time: time, chats: await deps.store.chatsAt(time), err: error },
          'subscribers with a push time that is not a time of day are skipped (fix their rows or ask them to /subscribe again)',
        );
      }
      return null;
    }
  };

  const ours = (chatId: number) => !deps.onlyChats || deps.onlyChats.has(chatId);
  const mine = (due: readonly DueDelivery[]) => due.filter((delivery) => ours(delivery.chatId));

  // Quiet hours: what falls inside a chat's quiet hours waits (counted in the pass's `held`) or goes silently.
  const sendable = (due: readonly DueDelivery[], now: Date, pass: { held: number }): SendableDelivery[] =>
    mine(due).flatMap((delivery) => {
      const state = quietState(delivery.quiet, now, timeZone);
      if (state === 'hold') {
        pass.held++;
        return [];
      }
      return [{ ...delivery, silent: state === 'silent' }];
    });

  const sendSummaries = (summary: Summary, due: readonly SendableDelivery[]) => {
    // One text per language, not per reader.
    const byLanguage = new Map<string, OutgoingMessage>();
    const compose = ({ language }: DueDelivery) => {
      let message = byLanguage.get(language);
      if (!message) byLanguage.set(language, (message = deps.render.summary(summary, language)));
      return message;
    };
    return broadcast(due, compose, broadcastDeps);
  };

  const sendDigests = async (now: Date, pass: { held: number }) => {
    const due = sendable(await deps.store.dueDigests(now), now, pass);
    if (due.length === 0) return NOTHING;
    return broadcast(due, (delivery) => composeDigest(delivery, deps), broadcastDeps);
  };

  const weeklySlotOf = (time: string, weekday: number, now: Date): Date | null => {
    try {
      return lastWeeklySlot(time, weekday, now, timeZone);
    } catch (error) {
      deps.logger.error({ push_time: time, weekday, err: error }, 'weekly subscribers with a bad stored time are skipped');
      return null;
    }
  };

  const sendWeekly = async (now: Date, pass: { held: number }): Promise<BroadcastResult> => {
    const weeks = new Map<string, Week>();
    const due: DueDelivery[] = [];
    for (const { pushTime, weekday } of await deps.store.weeklyTimes()) {
      const slot = weeklySlotOf(pushTime, weekday, now);
      if (!slot) continue;
      const week = await weekBefore(deps.articles, calendarDay(slot, timeZone), deps.hotTopics);
      if (!week) continue;
      weeks.set(week.key, week);
      due.push(...(await deps.store.dueWeekly(pushTime, weekday, slot, week.key, now)));
    }
    const owed = sendable(due, now, pass);
    if (owed.length === 0) return NOTHING;
    // Drawn before sending, once per week and language: compose must answer at once.
    const messages = new Map<string, OutgoingMessage>();
    for (const { itemKey, language } of owed) {
      const id = `${itemKey} ${language}`;
      const week = weeks.get(itemKey);
      if (week && !messages.has(id)) messages.set(id, await deps.render.weekly(week.summary, language));
    }
    return broadcast(owed, ({ itemKey, language }) => messages.get(`${itemKey} ${language}`) ?? null, broadcastDeps);
  };

  const logRun = (what: string, run: PushRun) => {
    const { summaries, alerts, weekly } = run;
    const touched = [summaries, alerts, weekly].reduce((n, r) => n + r.sent + r.failed.length + r.blocked.length, 0);
    if (touched === 0) return;
    deps.logger.info(
      {
        report: run.reportKey,
        summaries: { sent: summaries.sent, failed: summaries.failed.length, blocked: summaries.blocked.length },
        alerts: { queued: run.queuedAlerts, digests: run.digests, sent: alerts.sent, failed: alerts.failed.length, blocked: alerts.blocked.length },
        held: run.held,
        weekly: { sent: weekly.sent, failed: weekly.failed.length, blocked: weekly.blocked.length },
      },
      what,
    );
  };

  return {
    async deliverDue(now) {
      // Sends the database did not take before: recorded first, now that it may answer again.
      if (unrecorded.size > 0 && (await unrecorded.flush(deps.store)) === 0) {
        deps.logger.info('the database answers again: every sent message is recorded');
      }
      const pass = { held: 0 };
      const released = await releaseDeadClaims(deps.store, deps.logger, now);
      const queuedAlerts = await queueNewAlerts(deps.store, deps.articles, deps.search, now);
      const digests = await formDueDigests(deps.store, now, timeZone, ours);
      const summary = await newestSummary(deps.articles);
      let summaries = NOTHING;
      if (summary) {
        const due: DueDelivery[] = [];
        for (const time of await deps.store.pushTimes()) {
          const slot = await slotOf(time, now);
          if (slot) due.push(...(await deps.store.dueSummaries(time, slot, summary.key, now)));
        }
        const owed = sendable(due, now, pass);
        if (owed.length > 0) summaries = await sendSummaries(summary, owed);
      }
      const alerts = await sendDigests(now, pass);
      const weekly = await sendWeekly(now, pass);
      const run = {
        reportKey: summary?.key ?? null,
        summaries,
        queuedAlerts,
        digests,
        alerts,
        weekly,
        heldByOthers: await othersClaims(deps.store, owner),
        released,
        retried: 0,
        unrecorded: unrecorded.size,
        held: pass.held,
      };
      logRun('push tick', run);
      return run;
    },

    async pushNow(now, options = {}) {
      const pass = { held: 0 };
      const released = await releaseDeadClaims(deps.store, deps.logger, now);
      const summary = await newestSummary(deps.articles);
      if (!summary) {
        return {
          reportKey: null,
          summaries: NOTHING,
          queuedAlerts: 0,
          digests: 0,
          alerts: NOTHING,
          weekly: NOTHING,
          heldByOthers: [],
          released,
          retried: 0,
          unrecorded: 0,
          held: 0,
        };
      }
      const retried = options.retryFailed ? await deps.store.retryFailed('hotline', summary.key, now) : 0;
      if (retried > 0) deps.logger.info({ report: summary.key, deliveries: retried }, 'deliveries that had failed for good are tried again');
      // Quiet hours hold here too: a held chat gets the summary from the running bot when they end.
      const summaries = await sendSummaries(summary, sendable(await deps.store.unsentSummaries(summary.key, now), now, pass));
      const run = {
        reportKey: summary.key,
        summaries,
        queuedAlerts: 0,
        digests: 0,
        alerts: NOTHING,
        weekly: NOTHING,
        heldByOthers: await othersClaims(deps.store, owner),
        released,
        retried,
        unrecorded: await recordWithin(storeDeadlineMs),
        held: pass.held,
      };
      logRun('push now', run);
      return run;
    },

    flushUnrecorded: () => unrecorded.flush(deps.store),
  };
}
