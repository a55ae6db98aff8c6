/**
 * One bot per DATA_DIR: `newsbot start` holds `DATA_DIR/newsbot.lock` while it runs.
 * Written here rather than taken from proper-lockfile, whose staleness is a timeout
 * (refreshing the file's mtime): a holder killed with -9 would block a restart for
 * that long, while host + pid + start time tell at once that it is gone.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { currentProcess, formatIdentity, livenessOf, parseIdentity, type ProcessIdentity } from './identity.js';

export const LOCK_FILE = 'newsbot.lock';

/** What the lock file says about its holder. */
interface LockRecord {
  readonly owner: string;
  readonly command: string;
  readonly since: string;
}

/** Thrown when another live process (or one on another host) holds the lock. */
export class DataDirLockedError extends Error {
  constructor(
    message: string,
    /** Who holds it: "pid 12 on host (newsbot start, since …)". */
    readonly holder: string,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** The lock file. */
  readonly file: string;
  /** Removes the lock file (if it is still ours). Also runs on process exit. */
  release(): void;
}

function readRecord(file: string): LockRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockRecord>;
    return typeof record.owner === 'string' ? { owner: record.owner, command: record.command ?? '?', since: record.since ?? '?' } : null;
  } catch {
    return null;
  }
}

function describeHolder(record: LockRecord, holder: ProcessIdentity): string {
  return `pid ${holder.pid} on ${holder.host} (newsbot ${record.command}, since ${record.since})`;
}

/**
 * Takes the lock on `dataDir` for `command`, or throws naming the holder. A lock left by
 * a process that died on this host (or an empty or garbled lock file) is taken over, with
 * a warning. The lock is released on `release()` and on any exit of the process that
 * runs its exit handlers; a kill -9 leaves the file, which the next start takes over.
 */
export function acquireDataDirLock(dataDir: string, command: string, logger: Logger): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const self = currentProcess();
  const record: LockRecord = { owner: formatIdentity(self), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readRecord(file);
      const holder = held && parseIdentity(held.owner);
      if (held && holder) {
        const liveness = livenessOf(holder);
        if (liveness !== 'dead') {
          const described = describeHolder(held, holder);
          throw new DataDirLockedError(
            `DATA_DIR ${dataDir} is in use by ${described}` +
              (liveness === 'unknown' ? `; if that process is gone, delete ${file}` : '; stop it first'),
            described,
          );
        }
        logger.warn({ lock: file, holder: held.owner }, 'taking over the DATA_DIR lock of a process that died');
      } else {
        logger.warn({ lock: file }, 'taking over an unreadable DATA_DIR lock file (its writer died while writing it)');
      }
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      // Only our own record: never remove a lock another process took over meanwhile.
      if (readRecord(file)?.owner !== record.owner) return;
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    };
    process.on('exit', release);
    return { file, release };
  }
  throw new DataDirLockedError(`DATA_DIR ${dataDir}: could not take ${file} (another process keeps taking it)`, 'another process');
}

/** How a command other than `start` is in DATA_DIR: holding the lock, or beside the process that holds it. */
export interface DataDirEntry {
  /** The process that holds the lock ("pid 12 on host (newsbot start, since …)"), null when this one does. */
  readonly guestOf: string | null;
  /** Lets go of the lock if this entry took it. */
  release(): void;
}

/**
 * Every command that writes DATA_DIR (ingest, push, a search that syncs the store): takes the
 * lock when it is free, so that a `newsbot start` meanwhile refuses naming it; when another
 * process holds it (a running bot), goes on beside it as its guest: pushing and ingesting
 * beside a running bot are meant to work, but a guest must not rebuild what the holder
 * serves (app.ts: its search index), and says so naming the holder. A lock this process
 * holds already (`start` opening its runtime) is simply ours.
 */
export function enterDataDir(dataDir: string, command: string, logger: Logger): DataDirEntry {
  if (readRecord(path.join(dataDir, LOCK_FILE))?.owner === formatIdentity(currentProcess())) {
    return { guestOf: null, release: () => undefined };
  }
  try {
    const lock = acquireDataDirLock(dataDir, command, logger);
    return { guestOf: null, release: lock.release };
  } catch (error) {
    if (error instanceof DataDirLockedError) return { guestOf: error.holder, release: () => undefined };
    throw error;
  }
}
