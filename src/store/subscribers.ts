import type {
  DeliveryKey,
  DeliveryKind,
  DeliveryLimits,
  DigestItem,
  DueDelivery,
  FollowResult,
  HeldClaims,
  SubscriberStore,
  WaitingAlerts,
} from '../types.js';
import type { Db } from './db.js';
import { toAsync, type Sync } from './async.js';
import { toAlertMode, toQuietHours, toSubscriber, type SubscriberRow } from './schema.js';

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = { maxAttempts: 5, claimLeaseMs: 15 * 60_000 };

/** Followed keywords per chat (default 20): enough for a reader, bounded work per new article. */
export const MAX_FOLLOWS = 20;

/**
 * How a /follow of `keywords` splits, given the words the chat follows now:
 * new ones (while the chat follows fewer than MAX_FOLLOWS), ones already
 * followed, and ones over the limit. Both stores insert `added`.
 */
export function splitFollows(current: readonly string[], keywords: readonly string[]): FollowResult {
  const following = new Set(current);
  const added: string[] = [];
  const known: string[] = [];
  const overLimit: string[] = [];
  for (const keyword of keywords) {
    if (following.has(keyword)) known.push(keyword);
    else if (following.size >= MAX_FOLLOWS) overLimit.push(keyword);
    else {
      following.add(keyword);
      added.push(keyword);
    }
  }
  return { added, known, overLimit };
}

/** A due delivery as both stores select it (the chat's topic and quiet hours from its subscriber row). */
export interface DueRow {
  chatId: number;
  kind: DeliveryKind;
  itemKey: string;
  language: string;
  detail: string | null;
  threadId: number | null;
  quietStart: string | null;
  quietEnd: string | null;
  quietSilent: number | boolean;
}

export function toDueDelivery(row: DueRow): DueDelivery {
  const { quietStart, quietEnd, quietSilent, ...delivery } = row;
  return { ...delivery, quiet: toQuietHours(quietStart, quietEnd, quietSilent) };
}

/** A chat with alerts waiting for a digest, as both stores select it. */
export interface WaitingRow {
  chatId: number;
  mode: string;
  time: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  quietSilent: number | boolean;
  oldest: string;
}

export function toWaitingAlerts(row: WaitingRow): WaitingAlerts {
  return {
    chatId: row.chatId,
    mode: toAlertMode(row.mode),
    time: row.time,
    quiet: toQuietHours(row.quietStart, row.quietEnd, row.quietSilent),
    oldest: row.oldest,
  };
}

/** The columns a due query adds from the subscriber `s` for a delivery sent to `threadColumn`'s topic. */
export function dueSettings(threadColumn: 'thread_id' | 'alert_thread_id'): string {
  return `s.${threadColumn} AS "threadId", s.quiet_start AS "quietStart", s.quiet_end AS "quietEnd", s.quiet_silent AS "quietSilent"`;
}

/**
 * A delivery row that may be claimed, with attempts left: queued; failed; a summary stopped by a
 * block (the reader subscribed again, or it would not be asked for; an alert that met a block is
 * dropped, not sent late); or claimed by a process that has not finished within the lease.
 * Uses @maxAttempts and @staleBefore.
 */
function claimable(table = ''): string {
  const t = table ? `${table}.` : '';
  return `${t}attempts < @maxAttempts AND (${t}status IN ('pending', 'failed')
    OR (${t}status = 'blocked' AND ${t}kind IN ('hotline', 'weekly'))
    OR (${t}status = 'claimed' AND ${t}claimed_at < @staleBefore))`;
}

/** Creates the subscriber store over an open database (migrations applied). */
export function createSubscriberStore(db: Db, limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS): SubscriberStore {
  return toAsync(createSyncSubscriberStore(db, limits));
}

type SyncStore = Sync<SubscriberStore>;

/** The claim bounds of a query at `now`: @maxAttempts and @staleBefore. */
type Bounds = (now: Date) => { maxAttempts: number; staleBefore: string };

/** Turns a chat's deliveries off after a 403 or a kick (the store's deactivate and markBlocked). */
const DEACTIVATE_SQL = 'UPDATE subscribers SET active = 0, blocked_at = ?, blocked_reason = ? WHERE chat_id = ?';

/** The store in parts, each with its own statements: subscriptions, delivery settings, what is due, deliveries, alerts, digests. */
function createSyncSubscriberStore(db: Db, limits: DeliveryLimits): SyncStore {
  const bounds: Bounds = (now) => ({
    maxAttempts: limits.maxAttempts,
    staleBefore: new Date(now.getTime() - limits.claimLeaseMs).toISOString(),
  });
  return {
    ...subscriptions(db),
    ...deliverySettings(db),
    ...due(db, bounds),
    ...deliveries(db, limits, bounds),
    ...retries(db, limits),
    ...alerts(db),
    ...digests(db, bounds),
    stats: (since) => stats(db, limits, since),
  };
}

/** Readers' subscriptions and followed keywords. */
function subscriptions(
  db: Db,
): Pick<SyncStore, 'getSubscriber' | 'subscribe' | 'unsubscribe' | 'deactivate' | 'follow' | 'unfollow' | 'follows' | 'activeFollows' | 'pushTimes' | 'chatsAt'> {
  const byChat = db.prepare('SELECT * FROM subscribers WHERE chat_id = ?');
  const ensureChat = db.prepare(
    `INSERT INTO subscribers (chat_id, language, created_at) VALUES (?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language`,
  );
  const setSubscription = db.prepare(
    `UPDATE subscribers SET push_time = ?, push_weekday = ?, active = 1, time_set_at = ?, blocked_at = NULL,
       blocked_reason = NULL WHERE chat_id = ?`,
  );
  const clearBlock = db.prepare('UPDATE subscribers SET blocked_at = NULL, blocked_reason = NULL WHERE chat_id = ?');
  const unsubscribe = db.prepare('UPDATE subscribers SET active = 0 WHERE chat_id = ? AND active = 1');
  const deactivate = db.prepare(DEACTIVATE_SQL);
  const followsOf = db.prepare('SELECT keyword FROM follows WHERE chat_id = ? ORDER BY created_at, rowid').pluck();
  const insertFollow = db.prepare('INSERT OR IGNORE INTO follows (chat_id, keyword, created_at) VALUES (?, ?, ?)');
  const deleteFollow = db.prepare('DELETE FROM follows WHERE chat_id = ? AND keyword = ?');
  const activeFollows = db.prepare(
    `SELECT f.chat_id AS chatId, f.keyword FROM follows f JOIN subscribers s USING (chat_id)
     WHERE s.blocked_at IS NULL ORDER BY f.chat_id, f.created_at, f.rowid`,
  );
  const pushTimes = db.prepare(
    'SELECT DISTINCT push_time FROM subscribers WHERE active = 1 AND push_time IS NOT NULL ORDER BY push_time',
  ).pluck();
  const chatsAt = db.prepare('SELECT chat_id FROM subscribers WHERE active = 1 AND push_time = ? ORDER BY chat_id').pluck();

  return {
    getSubscriber(chatId) {
      const row = byChat.get(chatId) as SubscriberRow | undefined;
      return row && toSubscriber(row);
    },

    subscribe(chatId, pushTime, language, now, weekday = null) {
      return db.transaction(() => {
        ensureChat.run(chatId, language, now.toISOString());
        setSubscription.run(pushTime, weekday, now.toISOString(), chatId);
        return toSubscriber(byChat.get(chatId) as SubscriberRow);
      })();
    },

    unsubscribe: (chatId) => unsubscribe.run(chatId).changes > 0,

    deactivate(chatId, reason, now) {
      deactivate.run(now.toISOString(), reason, chatId);
    },

    follow(chatId, keywords, language, now) {
      return db.transaction((): FollowResult => {
        ensureChat.run(chatId, language, now.toISOString());
        // Writing /follow is writing to the bot again: alerts resume.
        clearBlock.run(chatId);
        const split = splitFollows(followsOf.all(chatId) as string[], keywords);
        for (const keyword of split.added) insertFollow.run(chatId, keyword, now.toISOString());
        return split;
      })();
    },

    unfollow(chatId, keywords) {
      return db.transaction(() => keywords.filter((keyword) => deleteFollow.run(chatId, keyword).changes > 0))();
    },

    follows: (chatId) => followsOf.all(chatId) as string[],
    activeFollows: () => activeFollows.all() as { chatId: number; keyword: string }[],

    pushTimes: () => pushTimes.all() as string[],
    chatsAt: (pushTime) => chatsAt.all(pushTime) as number[],
  };
}

/** Who is owed a daily or weekly summary or an alert digest at a moment. */
function due(db: Db, bounds: Bounds): Pick<SyncStore, 'dueSummaries' | 'weeklyTimes' | 'dueWeekly' | 'unsentSummaries' | 'dueDigests'> {
  const notOwed = `NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.kind = 'hotline'
    AND d.item_key = @reportKey AND NOT (${claimable('d')}))`;
  const summaryColumns = (kind: string, key: string) =>
    `s.chat_id AS chatId, '${kind}' AS kind, ${key} AS itemKey, s.language, NULL AS detail, ${dueSettings('thread_id')}`;
  const dueSummaries = db.prepare(
    `SELECT ${summaryColumns('hotline', '@reportKey')}
     FROM subscribers s
     WHERE s.active = 1 AND s.push_weekday IS NULL AND s.push_time = @pushTime
       AND s.time_set_at < @slot AND (s.last_summary_at IS NULL OR s.last_summary_at < @slot)
       AND ${notOwed}
     ORDER BY s.chat_id`,
  );
  const weeklyTimes = db.prepare(
    `SELECT DISTINCT push_time AS pushTime, push_weekday AS weekday FROM subscribers
     WHERE active = 1 AND push_time IS NOT NULL AND push_weekday IS NOT NULL ORDER BY push_weekday, push_time`,
  );
  const dueWeekly = db.prepare(
    `SELECT ${summaryColumns('weekly', '@weekKey')}
     FROM subscribers s
     WHERE s.active = 1 AND s.push_weekday = @weekday AND s.push_time = @pushTime
       AND s.time_set_at < @slot AND (s.last_summary_at IS NULL OR s.last_summary_at < @slot)
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.kind = 'weekly'
         AND d.item_key = @weekKey AND NOT (${claimable('d')}))
     ORDER BY s.chat_id`,
  );
  const unsentSummaries = db.prepare(
    `SELECT ${summaryColumns('hotline', '@reportKey')}
     FROM subscribers s WHERE s.active = 1 AND s.push_weekday IS NULL AND ${notOwed} ORDER BY s.chat_id`,
  );
  const dueDigests = db.prepare(
    `SELECT d.chat_id AS chatId, d.kind, d.item_key AS itemKey, s.language, d.detail, ${dueSettings('alert_thread_id')}
     FROM deliveries d JOIN subscribers s USING (chat_id)
     WHERE d.kind = 'digest' AND s.blocked_at IS NULL AND ${claimable('d')}
     ORDER BY d.created_at, d.chat_id`,
  );
  return {
    dueSummaries: (pushTime, slot, reportKey, now) =>
      (dueSummaries.all({ pushTime, slot: slot.toISOString(), reportKey, ...bounds(now) }) as DueRow[]).map(toDueDelivery),
    weeklyTimes: () => weeklyTimes.all() as { pushTime: string; weekday: number }[],
    dueWeekly: (pushTime, weekday, slot, weekKey, now) =>
      (dueWeekly.all({ pushTime, weekday, slot: slot.toISOString(), weekKey, ...bounds(now) }) as DueRow[]).map(toDueDelivery),
    unsentSummaries: (reportKey, now) => (unsentSummaries.all({ reportKey, ...bounds(now) }) as DueRow[]).map(toDueDelivery),
    dueDigests: (now) => (dueDigests.all(bounds(now)) as DueRow[]).map(toDueDelivery),
  };
}

/** A delivery's claim, its outcome, the shared send budget and the claims held. */
function deliveries(
  db: Db,
  limits: DeliveryLimits,
  bounds: Bounds,
): Pick<SyncStore, 'claim' | 'markSent' | 'markFailed' | 'markBlocked' | 'reserveSendSlot' | 'heldClaims' | 'releaseClaims'> {
  const claim = db.prepare(
    `INSERT INTO deliveries (chat_id, kind, item_key, status, attempts, owner, claimed_at, created_at, updated_at)
     VALUES (@chatId, @kind, @itemKey, 'claimed', 1, @owner, @now, @now, @now)
     ON CONFLICT (chat_id, kind, item_key) DO UPDATE SET
       status = 'claimed', attempts = attempts + 1, owner = excluded.owner,
       claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
     WHERE ${claimable()}`,
  );
  const ours = `chat_id = @chatId AND kind = @kind AND item_key = @itemKey AND status = 'claimed' AND owner = @owner`;
  const markSent = db.prepare(
    `UPDATE deliveries SET status = 'sent', sent_at = @now, message_id = @messageId, last_error = NULL,
       owner = NULL, updated_at = @now WHERE ${ours}`,
  );
  const summarySent = db.prepare('UPDATE subscribers SET last_summary_at = ? WHERE chat_id = ?');
  const digestSent = db.prepare(
    `UPDATE deliveries SET status = 'sent', sent_at = @now, message_id = @messageId, updated_at = @now
     WHERE chat_id = @chatId AND kind = 'alert' AND digest_key = @itemKey`,
  );
  const markFailed = db.prepare(
    `UPDATE deliveries SET status = 'failed', last_error = @error, owner = NULL, updated_at = @now WHERE ${ours}
     RETURNING attempts`,
  );
  const markBlocked = db.prepare(
    `UPDATE deliveries SET status = 'blocked', last_error = @error, owner = NULL, updated_at = @now WHERE ${ours}`,
  );
  const deactivate = db.prepare(DEACTIVATE_SQL);
  const heldClaims = db.prepare(
    `SELECT owner, COUNT(*) AS count, MIN(claimed_at) AS oldest FROM deliveries
     WHERE status = 'claimed' GROUP BY owner ORDER BY owner`,
  );
  const releaseClaims = db.prepare(
    `UPDATE deliveries SET status = 'failed', last_error = @reason, owner = NULL, updated_at = @now
     WHERE status = 'claimed' AND owner = @owner`,
  );
  const keyParams = (key: DeliveryKey, owner: string) => ({ chatId: key.chatId, kind: key.kind, itemKey: key.itemKey, owner });
  const reserveSendSlot = sendBudget(db);

  return {
    claim: (key, owner, now) => claim.run({ ...keyParams(key, owner), now: now.toISOString(), ...bounds(now) }).changes > 0,

    markSent(key, owner, messageId, now) {
      db.transaction(() => {
        const updated = markSent.run({ ...keyParams(key, owner), messageId, now: now.toISOString() });
        if (updated.changes === 0) return;
        if (key.kind === 'hotline' || key.kind === 'weekly') summarySent.run(now.toISOString(), key.chatId);
        // A digest's alerts are sent with it.
        if (key.kind === 'digest') digestSent.run({ chatId: key.chatId, itemKey: key.itemKey, messageId, now: now.toISOString() });
      })();
    },

    markFailed(key, owner, error, now) {
      const row = markFailed.get({ ...keyParams(key, owner), error, now: now.toISOString() }) as { attempts: number } | undefined;
      return row !== undefined && row.attempts >= limits.maxAttempts;
    },

    markBlocked(key, owner, reason, now) {
      db.transaction(() => {
        markBlocked.run({ ...keyParams(key, owner), error: reason, now: now.toISOString() });
        deactivate.run(now.toISOString(), reason, key.chatId);
      })();
    },

    reserveSendSlot,
    heldClaims: () => heldClaims.all() as HeldClaims[],
    releaseClaims: (owner, reason, now) => releaseClaims.run({ owner, reason, now: now.toISOString() }).changes,
  };
}

/**
 * A claim given back without using a try (Telegram unreachable: the delivery waits for its
 * return) and the failed deliveries of one item made due again (`newsbot push --retry-failed`).
 */
function retries(db: Db, limits: DeliveryLimits): Pick<SyncStore, 'unclaim' | 'retryFailed'> {
  const unclaim = db.prepare(
    `UPDATE deliveries SET status = 'pending', attempts = MAX(attempts - 1, 0), last_error = @error, owner = NULL,
       updated_at = @now
     WHERE chat_id = @chatId AND kind = @kind AND item_key = @itemKey AND status = 'claimed' AND owner = @owner`,
  );
  const retryFailed = db.prepare(
    `UPDATE deliveries SET status = 'pending', attempts = 0, updated_at = @now
     WHERE kind = @kind AND item_key = @itemKey AND status = 'failed' AND attempts >= @maxAttempts`,
  );
  return {
    unclaim(key, owner, reason, now) {
      unclaim.run({ chatId: key.chatId, kind: key.kind, itemKey: key.itemKey, owner, error: reason, now: now.toISOString() });
    },
    retryFailed: (kind, itemKey, now) =>
      retryFailed.run({ kind, itemKey, now: now.toISOString(), maxAttempts: limits.maxAttempts }).changes,
  };
}

/** The send budget every process on this DATA_DIR shares (GCRA: the next free moment, epoch ms). */
function sendBudget(db: Db): SyncStore['reserveSendSlot'] {
  const budgetNext = db.prepare("SELECT next_free FROM send_budget WHERE name = 'telegram'").pluck();
  const setBudgetNext = db.prepare(
    "INSERT INTO send_budget (name, next_free) VALUES ('telegram', ?) ON CONFLICT (name) DO UPDATE SET next_free = excluded.next_free",
  );
  const reserve = db.transaction((nowMs: number, intervalMs: number, burst: number): number => {
    const start = Math.max(Number(budgetNext.get() ?? 0), nowMs);
    setBudgetNext.run(start + intervalMs);
    return start - (burst - 1) * intervalMs - nowMs;
  });
  // IMMEDIATE: the read and the write are one step for every process, not two.
  return (nowMs, intervalMs, burst) => reserve.immediate(nowMs, intervalMs, burst);
}

/** Keyword alerts: the articles stored since the watermark, and the alerts queued for them. */
function alerts(db: Db): Pick<SyncStore, 'articlesAfterWatermark' | 'lastArticleSeq' | 'queueAlerts'> {
  const watermark = db.prepare("SELECT value FROM push_state WHERE key = 'alerts.after_seq'").pluck();
  const setWatermark = db.prepare(
    "INSERT INTO push_state (key, value) VALUES ('alerts.after_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const articlesAfter = db.prepare("SELECT seq, id FROM articles WHERE seq > ? AND kind = 'article' ORDER BY seq");
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM articles').pluck();
  const queueAlert = db.prepare(
    `INSERT OR IGNORE INTO deliveries (chat_id, kind, item_key, status, detail, created_at, updated_at)
     VALUES (?, 'alert', ?, 'pending', ?, ?, ?)`,
  );
  return {
    articlesAfterWatermark() {
      const after = Number(watermark.get() ?? maxSeq.get());
      return articlesAfter.all(after) as { seq: number; id: string }[];
    },

    lastArticleSeq: () => maxSeq.get() as number,

    queueAlerts(alerts, seq, now) {
      return db.transaction(() => {
        let queued = 0;
        for (const alert of alerts) {
          queued += queueAlert.run(alert.chatId, alert.articleId, alert.keyword, now.toISOString(), now.toISOString()).changes;
        }
        // Never move the watermark back: another process may have moved it further.
        const current = Number(watermark.get() ?? 0);
        if (seq > current) setWatermark.run(String(seq));
        return queued;
      })();
    },
  };
}

/** `/stats`: subscribers, deliveries since `since`, failures and claims. */
function stats(db: Db, limits: DeliveryLimits, since: Date): ReturnType<SyncStore['stats']> {
  const from = since.toISOString();
  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
  return {
    activeSubscribers: count('SELECT COUNT(*) FROM subscribers WHERE active = 1'),
    blockedChats: count('SELECT COUNT(*) FROM subscribers WHERE blocked_at IS NOT NULL'),
    followers: count('SELECT COUNT(DISTINCT chat_id) FROM follows'),
    sentSummaries: count("SELECT COUNT(*) FROM deliveries WHERE kind IN ('hotline', 'weekly') AND status = 'sent' AND sent_at >= ?", from),
    sentAlerts: count("SELECT COUNT(*) FROM deliveries WHERE kind = 'alert' AND status = 'sent' AND sent_at >= ?", from),
    failedRetrying: count(
      "SELECT COUNT(*) FROM deliveries WHERE status = 'failed' AND attempts < ? AND updated_at >= ?",
      limits.maxAttempts,
      from,
    ),
    failedGivenUp: count(
      "SELECT COUNT(*) FROM deliveries WHERE status = 'failed' AND attempts >= ? AND updated_at >= ?",
      limits.maxAttempts,
      from,
    ),
    blocked: count("SELECT COUNT(*) FROM deliveries WHERE status = 'blocked' AND updated_at >= ?", from),
    claimsHeld: count("SELECT COUNT(*) FROM deliveries WHERE status = 'claimed'"),
  };
}

/** Where and how a chat's deliveries come: forum topics, the alert mode, quiet hours. */
function deliverySettings(db: Db): Pick<SyncStore, 'setTopic' | 'setAlertMode' | 'setQuietHours'> {
  const byChat = db.prepare('SELECT * FROM subscribers WHERE chat_id = ?');
  const ensureChat = db.prepare(
    `INSERT INTO subscribers (chat_id, language, created_at) VALUES (?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language`,
  );
  const setSummaryTopic = db.prepare('UPDATE subscribers SET thread_id = ? WHERE chat_id = ?');
  const setAlertTopic = db.prepare('UPDATE subscribers SET alert_thread_id = ? WHERE chat_id = ?');
  const setAlertMode = db.prepare('UPDATE subscribers SET alert_mode = ?, alert_time = ? WHERE chat_id = ?');
  const setQuiet = db.prepare('UPDATE subscribers SET quiet_start = ?, quiet_end = ?, quiet_silent = ? WHERE chat_id = ?');
  /** Runs `update` on the chat's row (made if needed) in one transaction and returns the row. */
  const updateChat = (chatId: number, language: string, now: Date, update: () => void) =>
    db.transaction(() => {
      ensureChat.run(chatId, language, now.toISOString());
      update();
      return toSubscriber(byChat.get(chatId) as SubscriberRow);
    })();
  return {
    setTopic(chatId, what, threadId) {
      (what === 'summaries' ? setSummaryTopic : setAlertTopic).run(threadId, chatId);
    },
    setAlertMode: (chatId, mode, time, language, now) => updateChat(chatId, language, now, () => setAlertMode.run(mode, time, chatId)),
    setQuietHours: (chatId, quiet, language, now) =>
      updateChat(chatId, language, now, () => setQuiet.run(quiet?.start ?? null, quiet?.end ?? null, quiet?.silent ? 1 : 0, chatId)),
  };
}

/**
 * Alert digests: the chats with queued alerts not in a digest yet, forming one (the alerts and
 * the digest's own delivery row in one step), and a digest's articles.
 */
function digests(db: Db, bounds: Bounds): Pick<SyncStore, 'waitingAlerts' | 'formDigest' | 'digestItems'> {
  // Alerts not in a digest yet: queued, or left by an older version that sent them one by one.
  const waiting = (table = '') => {
    const t = table ? `${table}.` : '';
    return `${t}kind = 'alert' AND ${t}digest_key IS NULL AND ${claimable(table)}`;
  };
  const waitingAlerts = db.prepare(
    `SELECT s.chat_id AS chatId, s.alert_mode AS mode, s.alert_time AS time, s.quiet_start AS quietStart,
       s.quiet_end AS quietEnd, s.quiet_silent AS quietSilent, MIN(d.created_at) AS oldest
     FROM deliveries d JOIN subscribers s USING (chat_id)
     WHERE s.blocked_at IS NULL AND ${waiting('d')}
     GROUP BY s.chat_id ORDER BY s.chat_id`,
  );
  const batchAlerts = db.prepare(
    `UPDATE deliveries SET status = 'batched', digest_key = @digestKey, owner = NULL, updated_at = @now
     WHERE chat_id = @chatId AND created_at <= @upTo AND ${waiting()}`,
  );
  const insertDigest = db.prepare(
    `INSERT INTO deliveries (chat_id, kind, item_key, status, created_at, updated_at)
     VALUES (@chatId, 'digest', @digestKey, 'pending', @now, @now)`,
  );
  const digestItems = db.prepare(
    `SELECT d.item_key AS articleId, d.detail AS keyword FROM deliveries d LEFT JOIN articles a ON a.id = d.item_key
     WHERE d.chat_id = ? AND d.kind = 'alert' AND d.digest_key = ? ORDER BY a.seq, d.item_key`,
  );
  const formDigest = db.transaction((params: Record<string, unknown>) => {
    const batched = batchAlerts.run(params).changes;
    if (batched > 0) insertDigest.run(params);
    return batched;
  });
  return {
    waitingAlerts: (now) => (waitingAlerts.all(bounds(now)) as WaitingRow[]).map(toWaitingAlerts),
    // IMMEDIATE: the batch and the digest row are one step for every process on the file.
    formDigest: (chatId, digestKey, upTo, now) =>
      formDigest.immediate({ chatId, digestKey, upTo: upTo.toISOString(), now: now.toISOString(), ...bounds(now) }),
    digestItems: (chatId, digestKey) => digestItems.all(chatId, digestKey) as DigestItem[],
  };
}
