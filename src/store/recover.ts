/**
 * Opening DATA_DIR/newsbot.db and noticing when it is not the database that was there:
 * deleted, emptied, or not a SQLite file any more. Articles and reports come back from
 * the page files in the inbox; readers' subscriptions and follows live only in the
 * database, so their loss is said loudly, once, naming the file.
 */
import { renameSync, statSync } from 'node:fs';
import { openDatabase, type Db } from './db.js';

/** What was wrong with the database file found at start. */
export type LostDatabase =
  | { readonly reason: 'missing' | 'empty' }
  | { readonly reason: 'damaged'; readonly error: string; readonly keptAt: string };

/** SQLite's codes for a file that is not (or no longer) a readable database. */
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function sizeOf(file: string): number | null {
  return statSync(file, { throwIfNoEntry: false })?.size ?? null;
}

/**
 * Opens `file`. A damaged file is moved aside to `<file>.damaged-<time>` (with its -wal
 * and -shm) so an operator can still recover readers from it, and a new one is created.
 * `lost` says what happened; null when the database was there and whole.
 */
export function openDataStore(file: string, now: Date = new Date()): { db: Db; lost: LostDatabase | null } {
  const size = sizeOf(file);
  // In WAL mode a live database may be an empty main file with everything in its -wal.
  const lost: LostDatabase | null =
    size === null ? { reason: 'missing' } : size === 0 && !sizeOf(`${file}-wal`) ? { reason: 'empty' } : null;
  try {
    return { db: openDatabase(file), lost };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !DAMAGED.has(code)) throw error;
    const keptAt = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, keptAt);
    for (const suffix of ['-wal', '-shm']) {
      if (sizeOf(`${file}${suffix}`) !== null) renameSync(`${file}${suffix}`, `${keptAt}${suffix}`);
    }
    return { db: openDatabase(file), lost: { reason: 'damaged', error: `${code}: ${(error as Error).message}`, keptAt } };
  }
}

/** The one error line about a lost database, after the inbox was read back into the new one. */
export function describeLostDatabase(file: string, lost: LostDatabase, pages: number, inboxDir: string): string {
  const what =
    lost.reason === 'damaged'
      ? `${file} was damaged (${lost.error}); it was moved to ${lost.keptAt} and a new one created`
      : `${file} was ${lost.reason === 'missing' ? 'missing' : 'empty'}`;
  return (
    `${what}: ${pages} pages were read back from ${inboxDir}, but subscribers, followed words and ` +
    'delivery records lived only in the database and are lost (readers must /subscribe and /follow again)'
  );
}
