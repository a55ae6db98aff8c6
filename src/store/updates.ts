import type { UpdateLog } from '../types.js';
import type { Db } from './db.js';

/**
 * How long an update id is remembered (default 24 h): Telegram keeps an
 * unconfirmed update, and re-sends it, for at most a day.
 */
export const UPDATE_ID_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/** The update log over SQLite. */
export function createUpdateLog(db: Db, retentionMs = UPDATE_ID_RETENTION_MS): UpdateLog {
  const insert = db.prepare('INSERT OR IGNORE INTO seen_updates (update_id, seen_at, taker) VALUES (?, ?, ?)');
  const takerOf = db.prepare('SELECT taker FROM seen_updates WHERE update_id = ?').pluck();
  const prune = db.prepare('DELETE FROM seen_updates WHERE seen_at < ?');
  let prunedAt = 0;
  return {
    firstDelivery(updateId, now, taker) {
      if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
        prune.run(new Date(now.getTime() - retentionMs).toISOString());
        prunedAt = now.getTime();
      }
      if (insert.run(updateId, now.toISOString(), taker ?? null).changes > 0) return Promise.resolve(true);
      return Promise.resolve(taker !== undefined && takerOf.get(updateId) === taker);
    },
  };
}
