import type {
  DeliveryKey,
  DeliveryLimits,
  DigestItem,
  FollowResult,
  HeldClaims,
  PushStats,
  Subscriber,
  SubscriberStore,
} from '../../types.js';
import { toSubscriber, type SubscriberRow } from '../schema.js';
import {
  DEFAULT_DELIVERY_LIMITS,
  dueSettings,
  splitFollows,
  toDueDelivery,
  toWaitingAlerts,
  type DueRow,
  type WaitingRow,
} from '../subscribers.js';
import { inTransaction, type PgClient, type PgPool } from './db.js';

/**
 * A delivery row that may be claimed (the same rule as SQLite's `claimable`): queued, failed,
 * a summary stopped by a block, or claimed by an instance that has not finished within the
 * lease. `$max` is the attempts bound, `$stale` the lease's start, both parameter numbers.
 */
function claimable(t: string, max: number, stale: number): string {
  return `${t}.attempts < $${max} AND (${t}.status IN ('pending', 'failed')
    OR (${t}.status = 'blocked' AND ${t}.kind IN ('hotline', 'weekly'))
    OR (${t}.status = 'claimed' AND ${t}.claimed_at < $${stale}))`;
}

/** A due summary row: `$1` is the report's (or week's) key. */
const dueColumns = (kind: 'hotline' | 'weekly') =>
  `s.chat_id AS "chatId", '${kind}' AS kind, $1::text AS "itemKey", s.language, NULL::text AS detail, ${dueSettings('thread_id')}`;

/** An alert not in a digest yet (`$max`, `$stale` as for `claimable`): queued, or left by a version that sent them one by one. */
function waiting(t: string, max: number, stale: number): string {
  return `${t}.kind = 'alert' AND ${t}.digest_key IS NULL AND ${claimable(t, max, stale)}`;
}

type Client = PgClient | PgPool;
type Part<K extends keyof SubscriberStore> = Pick<SubscriberStore, K>;

/** The claim lease's start at `now`. */
type StaleBefore = (now: Date) => string;

/**
 * The push side of the store over PostgreSQL, shared by every instance of a fleet and
 * `newsbot push`. A delivery is claimed by one `INSERT … ON CONFLICT DO UPDATE … WHERE
 * claimable`: PostgreSQL locks the conflicting row and re-checks the condition on its
 * newest version, so of two instances claiming at once exactly one gets the row. In the
 * same parts as SQLite's (store/subscribers.ts): subscriptions, delivery settings, due, deliveries, alerts, digests.
 */
export function createPgSubscriberStore(pool: PgPool, limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS): SubscriberStore {
  const staleBefore: StaleBefore = (now) => new Date(now.getTime() - limits.claimLeaseMs).toISOString();
  return {
    ...subscriptions(pool),
    ...deliverySettings(pool),
    ...due(pool, limits, staleBefore),
    ...deliveries(pool, limits, staleBefore),
    ...retries(pool, limits),
    ...alerts(pool),
    ...digests(pool, limits, staleBefore),
    stats: (since) => stats(pool, limits, since),
  };
}

const ensureChat = (client: Client, chatId: number, language: string, now: Date) =>
  client.query(
    `INSERT INTO subscribers (chat_id, language, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language`,
    [chatId, language, now.toISOString()],
  );

const deactivateChat = (client: Client, chatId: number, reason: string, now: Date) =>
  client.query('UPDATE subscribers SET active = false, blocked_at = $1, blocked_reason = $2 WHERE chat_id = $3', [
    now.toISOString(),
    reason,
    chatId,
  ]);

const followsOf = async (client: Client, chatId: number) =>
  (await client.query<{ keyword: string }>('SELECT keyword FROM follows WHERE chat_id = $1 ORDER BY created_at, pos', [chatId])).rows.map(
    (row) => row.keyword,
  );

/** Readers' subscriptions and followed keywords. */
function subscriptions(
  pool: PgPool,
): Part<'getSubscriber' | 'subscribe' | 'unsubscribe' | 'deactivate' | 'follow' | 'unfollow' | 'follows' | 'activeFollows' | 'pushTimes' | 'chatsAt'> {
  return {
    async getSubscriber(chatId) {
      const row = (await pool.query<SubscriberRow>('SELECT * FROM subscribers WHERE chat_id = $1', [chatId])).rows[0];
      return row && toSubscriber(row);
    },

    subscribe(chatId, pushTime, language, now, weekday = null) {
      return inTransaction(pool, async (client) => {
        await ensureChat(client, chatId, language, now);
        const row = await client.query<SubscriberRow>(
          `UPDATE subscribers SET push_time = $1, push_weekday = $2, active = true, time_set_at = $3, blocked_at = NULL,
             blocked_reason = NULL
           WHERE chat_id = $4 RETURNING *`,
          [pushTime, weekday, now.toISOString(), chatId],
        );
        return toSubscriber(row.rows[0]!);
      });
    },

    async unsubscribe(chatId) {
      return (await pool.query('UPDATE subscribers SET active = false WHERE chat_id = $1 AND active', [chatId])).rowCount! > 0;
    },

    async deactivate(chatId, reason, now) {
      await deactivateChat(pool, chatId, reason, now);
    },

    follow(chatId, keywords, language, now) {
      return inTransaction(pool, async (client): Promise<FollowResult> => {
        // The upsert locks the chat's row: two instances following for one chat take turns.
        await ensureChat(client, chatId, language, now);
        // Writing /follow is writing to the bot again: alerts resume.
        await client.query('UPDATE subscribers SET blocked_at = NULL, blocked_reason = NULL WHERE chat_id = $1', [chatId]);
        const split = splitFollows(await followsOf(client, chatId), keywords);
        for (const keyword of split.added) {
          await client.query('INSERT INTO follows (chat_id, keyword, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            chatId,
            keyword,
            now.toISOString(),
          ]);
        }
        return split;
      });
    },

    async unfollow(chatId, keywords) {
      const removed = await pool.query<{ keyword: string }>(
        'DELETE FROM follows WHERE chat_id = $1 AND keyword = ANY($2::text[]) RETURNING keyword',
        [chatId, [...keywords]],
      );
      const gone = new Set(removed.rows.map((row) => row.keyword));
      return keywords.filter((keyword, i) => gone.has(keyword) && keywords.indexOf(keyword) === i);
    },

    follows: (chatId) => followsOf(pool, chatId),

    async activeFollows() {
      return (
        await pool.query<{ chatId: number; keyword: string }>(
          `SELECT f.chat_id AS "chatId", f.keyword FROM follows f JOIN subscribers s USING (chat_id)
           WHERE s.blocked_at IS NULL ORDER BY f.chat_id, f.created_at, f.pos`,
        )
      ).rows;
    },

    async pushTimes() {
      return (
        await pool.query<{ push_time: string }>(
          'SELECT DISTINCT push_time FROM subscribers WHERE active AND push_time IS NOT NULL ORDER BY push_time',
        )
      ).rows.map((row) => row.push_time);
    },

    async chatsAt(pushTime) {
      return (
        await pool.query<{ chat_id: number }>('SELECT chat_id FROM subscribers WHERE active AND push_time = $1 ORDER BY chat_id', [pushTime])
      ).rows.map((row) => row.chat_id);
    },

  };
}

/** Who is owed a daily or weekly summary or an alert digest at a moment. */
function due(
  pool: PgPool,
  limits: DeliveryLimits,
  staleBefore: StaleBefore,
): Part<'dueSummaries' | 'weeklyTimes' | 'dueWeekly' | 'unsentSummaries' | 'dueDigests'> {
  return {
    async dueSummaries(pushTime, slot, reportKey, now) {
      return (
        await pool.query<DueRow>(
          `SELECT ${dueColumns('hotline')} FROM subscribers s
           WHERE s.active AND s.push_weekday IS NULL AND s.push_time = $2
             AND s.time_set_at < $3 AND (s.last_summary_at IS NULL OR s.last_summary_at < $3)
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.kind = 'hotline'
               AND d.item_key = $1 AND NOT (${claimable('d', 4, 5)}))
           ORDER BY s.chat_id`,
          [reportKey, pushTime, slot.toISOString(), limits.maxAttempts, staleBefore(now)],
        )
      ).rows.map(toDueDelivery);
    },

    async weeklyTimes() {
      return (
        await pool.query<{ pushTime: string; weekday: number }>(
          `SELECT DISTINCT push_time AS "pushTime", push_weekday AS weekday FROM subscribers
           WHERE active AND push_time IS NOT NULL AND push_weekday IS NOT NULL ORDER BY push_weekday, push_time`,
        )
      ).rows;
    },

    async dueWeekly(pushTime, weekday, slot, weekKey, now) {
      return (
        await pool.query<DueRow>(
          `SELECT ${dueColumns('weekly')} FROM subscribers s
           WHERE s.active AND s.push_weekday = $6 AND s.push_time = $2
             AND s.time_set_at < $3 AND (s.last_summary_at IS NULL OR s.last_summary_at < $3)
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.kind = 'weekly'
               AND d.item_key = $1 AND NOT (${claimable('d', 4, 5)}))
           ORDER BY s.chat_id`,
          [weekKey, pushTime, slot.toISOString(), limits.maxAttempts, staleBefore(now), weekday],
        )
      ).rows.map(toDueDelivery);
    },

    async unsentSummaries(reportKey, now) {
      return (
        await pool.query<DueRow>(
          `SELECT ${dueColumns('hotline')} FROM subscribers s
           WHERE s.active AND s.push_weekday IS NULL AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.kind = 'hotline'
             AND d.item_key = $1 AND NOT (${claimable('d', 2, 3)}))
           ORDER BY s.chat_id`,
          [reportKey, limits.maxAttempts, staleBefore(now)],
        )
      ).rows.map(toDueDelivery);
    },

    async dueDigests(now) {
      return (
        await pool.query<DueRow>(
          `SELECT d.chat_id AS "chatId", d.kind, d.item_key AS "itemKey", s.language, d.detail, ${dueSettings('alert_thread_id')}
           FROM deliveries d JOIN subscribers s USING (chat_id)
           WHERE d.kind = 'digest' AND s.blocked_at IS NULL AND ${claimable('d', 1, 2)}
           ORDER BY d.created_at, d.chat_id`,
          [limits.maxAttempts, staleBefore(now)],
        )
      ).rows.map(toDueDelivery);
    },

  };
}

/**
 * A claim given back without using a try (Telegram unreachable: the delivery waits for its
 * return) and the failed deliveries of one item made due again (`newsbot push --retry-failed`).
 */
function retries(pool: PgPool, limits: DeliveryLimits): Part<'unclaim' | 'retryFailed'> {
  return {
    async unclaim(key, owner, reason, now) {
      await pool.query(
        `UPDATE deliveries SET status = 'pending', attempts = GREATEST(attempts - 1, 0), last_error = $5, owner = NULL,
           updated_at = $6
         WHERE chat_id = $1 AND kind = $2 AND item_key = $3 AND status = 'claimed' AND owner = $4`,
        [key.chatId, key.kind, key.itemKey, owner, reason, now.toISOString()],
      );
    },

    async retryFailed(kind, itemKey, now) {
      const retried = await pool.query(
        `UPDATE deliveries SET status = 'pending', attempts = 0, updated_at = $3
         WHERE kind = $1 AND item_key = $2 AND status = 'failed' AND attempts >= $4`,
        [kind, itemKey, now.toISOString(), limits.maxAttempts],
      );
      return retried.rowCount!;
    },
  };
}

/** A delivery's claim, its outcome, the shared send budget and the claims held. */
function deliveries(
  pool: PgPool,
  limits: DeliveryLimits,
  staleBefore: StaleBefore,
): Part<'claim' | 'markSent' | 'markFailed' | 'markBlocked' | 'reserveSendSlot' | 'heldClaims' | 'releaseClaims'> {
  const ours = `chat_id = $1 AND kind = $2 AND item_key = $3 AND status = 'claimed' AND owner = $4`;
  const keyParams = (key: DeliveryKey, owner: string) => [key.chatId, key.kind, key.itemKey, owner];
  return {
    async claim(key, owner, now) {
      const claimed = await pool.query(
        `INSERT INTO deliveries (chat_id, kind, item_key, status, attempts, owner, claimed_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'claimed', 1, $4, $5, $5, $5)
         ON CONFLICT (chat_id, kind, item_key) DO UPDATE SET
           status = 'claimed', attempts = deliveries.attempts + 1, owner = excluded.owner,
           claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
         WHERE ${claimable('deliveries', 6, 7)}`,
        [...keyParams(key, owner), now.toISOString(), limits.maxAttempts, staleBefore(now)],
      );
      return claimed.rowCount! > 0;
    },

    async markSent(key, owner, messageId, now) {
      // One statement (one round trip): the summary's time is set only if this claim was still ours.
      // A digest's alerts are marked sent with it, in the same statement.
      await pool.query(
        `WITH sent AS (
           UPDATE deliveries SET status = 'sent', sent_at = $5, message_id = $6, last_error = NULL, owner = NULL, updated_at = $5
           WHERE ${ours} RETURNING chat_id, kind, item_key),
         alerts AS (
           UPDATE deliveries SET status = 'sent', sent_at = $5, message_id = $6, updated_at = $5
           WHERE kind = 'alert' AND (chat_id, digest_key) IN (SELECT chat_id, item_key FROM sent WHERE kind = 'digest'))
         UPDATE subscribers SET last_summary_at = $5
         WHERE chat_id IN (SELECT chat_id FROM sent WHERE kind IN ('hotline', 'weekly'))`,
        [...keyParams(key, owner), now.toISOString(), messageId],
      );
    },

    async markFailed(key, owner, error, now) {
      const row = (
        await pool.query<{ attempts: number }>(
          `UPDATE deliveries SET status = 'failed', last_error = $5, owner = NULL, updated_at = $6 WHERE ${ours} RETURNING attempts`,
          [...keyParams(key, owner), error, now.toISOString()],
        )
      ).rows[0];
      return row !== undefined && row.attempts >= limits.maxAttempts;
    },

    async markBlocked(key, owner, reason, now) {
      await pool.query(
        `WITH stopped AS (
           UPDATE deliveries SET status = 'blocked', last_error = $5, owner = NULL, updated_at = $6 WHERE ${ours})
         UPDATE subscribers SET active = false, blocked_at = $6, blocked_reason = $5 WHERE chat_id = $1`,
        [...keyParams(key, owner), reason, now.toISOString()],
      );
    },

    async reserveSendSlot(nowMs, intervalMs, burst) {
      // One statement: the row lock makes the read and the write one step for every instance.
      const next = (
        await pool.query<{ next_free: number }>(
          `INSERT INTO send_budget (name, next_free) VALUES ('telegram', $1::bigint + $2::bigint)
           ON CONFLICT (name) DO UPDATE SET next_free = GREATEST(send_budget.next_free, $1::bigint) + $2::bigint
           RETURNING next_free`,
          [Math.round(nowMs), Math.round(intervalMs)],
        )
      ).rows[0]!.next_free;
      const start = next - Math.round(intervalMs);
      return start - (burst - 1) * intervalMs - nowMs;
    },

    async heldClaims(): Promise<HeldClaims[]> {
      return (
        await pool.query<HeldClaims>(
          `SELECT owner, COUNT(*) AS count, MIN(claimed_at) AS oldest FROM deliveries
           WHERE status = 'claimed' GROUP BY owner ORDER BY owner COLLATE "C"`,
        )
      ).rows;
    },

    async releaseClaims(owner, reason, now) {
      const released = await pool.query(
        `UPDATE deliveries SET status = 'failed', last_error = $1, owner = NULL, updated_at = $2
         WHERE status = 'claimed' AND owner = $3`,
        [reason, now.toISOString(), owner],
      );
      return released.rowCount!;
    },

  };
}

/** Keyword alerts: the articles stored since the watermark, and the alerts queued for them. */
function alerts(pool: PgPool): Part<'articlesAfterWatermark' | 'lastArticleSeq' | 'queueAlerts'> {
  const watermark = async () =>
    (await pool.query<{ value: string }>("SELECT value FROM push_state WHERE key = 'alerts.after_seq'")).rows[0]?.value;
  const lastArticleSeq = () => count(pool, 'SELECT COALESCE(MAX(seq), 0) AS n FROM articles');
  return {
    lastArticleSeq,
    async articlesAfterWatermark() {
      const after = Number((await watermark()) ?? (await lastArticleSeq()));
      return (
        await pool.query<{ seq: number; id: string }>("SELECT seq, id FROM articles WHERE seq > $1 AND kind = 'article' ORDER BY seq", [after])
      ).rows;
    },

    queueAlerts(alerts, seq, now) {
      return inTransaction(pool, async (client) => {
        let queued = 0;
        for (const alert of alerts) {
          const inserted = await client.query(
            `INSERT INTO deliveries (chat_id, kind, item_key, status, detail, created_at, updated_at)
             VALUES ($1, 'alert', $2, 'pending', $3, $4, $4) ON CONFLICT DO NOTHING`,
            [alert.chatId, alert.articleId, alert.keyword, now.toISOString()],
          );
          queued += inserted.rowCount!;
        }
        // Never move the watermark back: another instance may have moved it further.
        await client.query(
          `INSERT INTO push_state (key, value) VALUES ('alerts.after_seq', $1) ON CONFLICT (key) DO UPDATE
           SET value = excluded.value WHERE push_state.value::bigint < excluded.value::bigint`,
          [String(seq)],
        );
        return queued;
      });
    },

  };
}

/** Where and how a chat's deliveries come: forum topics, the alert mode, quiet hours. */
function deliverySettings(pool: PgPool): Part<'setTopic' | 'setAlertMode' | 'setQuietHours'> {
  /** Updates the chat's row (made if needed) in one transaction and returns it. */
  const updateChat = (chatId: number, language: string, now: Date, sql: string, params: unknown[]): Promise<Subscriber> =>
    inTransaction(pool, async (client) => {
      await ensureChat(client, chatId, language, now);
      const row = await client.query<SubscriberRow>(`${sql} WHERE chat_id = $1 RETURNING *`, [chatId, ...params]);
      return toSubscriber(row.rows[0]!);
    });
  return {
    async setTopic(chatId, what, threadId) {
      const column = what === 'summaries' ? 'thread_id' : 'alert_thread_id';
      await pool.query(`UPDATE subscribers SET ${column} = $1 WHERE chat_id = $2`, [threadId, chatId]);
    },

    setAlertMode: (chatId, mode, time, language, now) =>
      updateChat(chatId, language, now, 'UPDATE subscribers SET alert_mode = $2, alert_time = $3', [mode, time]),

    setQuietHours: (chatId, quiet, language, now) =>
      updateChat(chatId, language, now, 'UPDATE subscribers SET quiet_start = $2, quiet_end = $3, quiet_silent = $4', [
        quiet?.start ?? null,
        quiet?.end ?? null,
        quiet?.silent ?? false,
      ]),
  };
}

/**
 * Alert digests: the chats with queued alerts not in a digest yet, forming one (the alerts and
 * the digest's own delivery row in one transaction), and a digest's articles.
 */
function digests(pool: PgPool, limits: DeliveryLimits, staleBefore: StaleBefore): Part<'waitingAlerts' | 'formDigest' | 'digestItems'> {
  return {
    async waitingAlerts(now) {
      return (
        await pool.query<WaitingRow>(
          `SELECT s.chat_id AS "chatId", s.alert_mode AS mode, s.alert_time AS time, s.quiet_start AS "quietStart",
             s.quiet_end AS "quietEnd", s.quiet_silent AS "quietSilent", MIN(d.created_at) AS oldest
           FROM deliveries d JOIN subscribers s USING (chat_id)
           WHERE s.blocked_at IS NULL AND ${waiting('d', 1, 2)}
           GROUP BY s.chat_id ORDER BY s.chat_id`,
          [limits.maxAttempts, staleBefore(now)],
        )
      ).rows.map(toWaitingAlerts);
    },

    formDigest(chatId, digestKey, upTo, now) {
      return inTransaction(pool, async (client) => {
        // The rows are locked by the update: another instance batching the same chat at once waits,
        // then finds them in this digest (no longer waiting) and leaves them.
        const batched = await client.query(
          `UPDATE deliveries SET status = 'batched', digest_key = $2, owner = NULL, updated_at = $4
           WHERE chat_id = $1 AND created_at <= $3 AND ${waiting('deliveries', 5, 6)}`,
          [chatId, digestKey, upTo.toISOString(), now.toISOString(), limits.maxAttempts, staleBefore(now)],
        );
        if (batched.rowCount! > 0) {
          await client.query(
            `INSERT INTO deliveries (chat_id, kind, item_key, status, created_at, updated_at)
             VALUES ($1, 'digest', $2, 'pending', $3, $3)`,
            [chatId, digestKey, now.toISOString()],
          );
        }
        return batched.rowCount!;
      });
    },

    async digestItems(chatId, digestKey) {
      return (
        await pool.query<DigestItem>(
          `SELECT d.item_key AS "articleId", d.detail AS keyword FROM deliveries d LEFT JOIN articles a ON a.id = d.item_key
           WHERE d.chat_id = $1 AND d.kind = 'alert' AND d.digest_key = $2 ORDER BY a.seq, d.item_key`,
          [chatId, digestKey],
        )
      ).rows;
    },
  };
}

const count = async (pool: PgPool, sql: string, params: unknown[] = []) => (await pool.query<{ n: number }>(sql, params)).rows[0]!.n;

/** `/stats`: subscribers, deliveries since `since`, failures and claims. */
async function stats(pool: PgPool, limits: DeliveryLimits, since: Date): Promise<PushStats> {
  const from = since.toISOString();
  const n = (sql: string, params: unknown[] = []) => count(pool, sql, params);
  return {
    activeSubscribers: await n('SELECT COUNT(*) AS n FROM subscribers WHERE active'),
    blockedChats: await n('SELECT COUNT(*) AS n FROM subscribers WHERE blocked_at IS NOT NULL'),
    followers: await n('SELECT COUNT(DISTINCT chat_id) AS n FROM follows'),
    sentSummaries: await n("SELECT COUNT(*) AS n FROM deliveries WHERE kind IN ('hotline', 'weekly') AND status = 'sent' AND sent_at >= $1", [from]),
    sentAlerts: await n("SELECT COUNT(*) AS n FROM deliveries WHERE kind = 'alert' AND status = 'sent' AND sent_at >= $1", [from]),
    failedRetrying: await n("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed' AND attempts < $1 AND updated_at >= $2", [
      limits.maxAttempts,
      from,
    ]),
    failedGivenUp: await n("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed' AND attempts >= $1 AND updated_at >= $2", [
      limits.maxAttempts,
      from,
    ]),
    blocked: await n("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'blocked' AND updated_at >= $1", [from]),
    claimsHeld: await n("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'claimed'"),
  };
}
