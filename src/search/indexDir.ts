import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { bufferSource, fileSink, fileSource, memorySink, openSegment, SegmentDamagedError, type ListCache, type Segment, type Sink } from './segment.js';

/**
 * Where the index's segments live: one file each in a directory
 * (DATA_DIR/search-index/), named for the store positions they cover, or
 * only in memory (no directory, or one that cannot be written). The index
 * is a cache of the store: nothing here ever stops a start. A file that
 * cannot be written or read is a warning, and its articles are indexed
 * again from the store.
 */
export interface SegmentShelf {
  /** The directory, or null when segments stay in memory. */
  readonly dir: string | null;
  /** Opens the saved segments, in store order, with no overlap and no gap; damaged or stray files are removed with a warning. */
  load(): Segment[];
  /** Writes one segment (its bytes come from `write`) and opens it. */
  put(firstSeq: number, lastSeq: number, write: (sink: Sink) => void): Segment;
  /** Removes these segments' files (after a merge, or when they are damaged). */
  drop(segments: readonly Segment[]): void;
}

const NAME = /^seg-(\d{10})-(\d{10})\.nbs$/;
const fileName = (first: number, last: number) => `seg-${String(first).padStart(10, '0')}-${String(last).padStart(10, '0')}.nbs`;

/** Opens the shelf in `dir` (created if missing), or a memory-only one for null; its segments share `cache`. */
export function openShelf(dir: string | null, logger: Logger, cache: ListCache): SegmentShelf {
  let where = dir;
  if (where) {
    try {
      mkdirSync(where, { recursive: true, mode: 0o700 });
      if (!statSync(where).isDirectory()) throw new Error('not a directory');
    } catch (error) {
      logger.warn({ dir: where }, `search index directory unusable (${describe(error)}): the index is kept in memory only`);
      where = null;
    }
  }
  const memory = (write: (sink: Sink) => void): Segment => {
    const sink = memorySink();
    write(sink);
    return openSegment('memory', bufferSource(sink.bytes()), cache);
  };
  let saveFailed = false;

  return {
    get dir() {
      return where;
    },
    load() {
      if (!where) return [];
      const found: Array<{ name: string; first: number; last: number }> = [];
      for (const name of readdirSync(where)) {
        const file = path.join(where, name);
        const match = NAME.exec(name);
        if (match) {
          found.push({ name, first: Number(match[1]), last: Number(match[2]) });
          continue;
        }
        // A write cut short (crash, full disk) leaves a *.tmp: never read, removed here.
        if (name.endsWith('.tmp')) remove(file);
      }
      // Widest first at each start: a merged file wins over the inputs a crash left beside it.
      found.sort((a, b) => a.first - b.first || b.last - a.last);
      const chain: Segment[] = [];
      let covered = 0;
      let broken = false;
      for (const entry of found) {
        const file = path.join(where, entry.name);
        if (broken || entry.first <= covered) {
          remove(file);
          continue;
        }
        try {
          if (!statSync(file).isFile()) throw new SegmentDamagedError(entry.name, 'not a file');
          chain.push(openSegment(entry.name, fileSource(file), cache));
          covered = entry.last;
        } catch (error) {
          const damage = error instanceof SegmentDamagedError ? error : new SegmentDamagedError(entry.name, describe(error));
          // Articles after a damaged segment are indexed again too: segments stay in store order.
          logger.warn({ file }, `${damage.message}: its articles are indexed again from the store`);
          remove(file);
          broken = true;
        }
      }
      return chain;
    },
    put(firstSeq, lastSeq, write) {
      if (!where) return memory(write);
      const name = fileName(firstSeq, lastSeq);
      const file = path.join(where, name);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        const fd = openSync(temporary, 'w', 0o600);
        try {
          const sink = fileSink(fd);
          write(sink);
          // On disk before it is named: a crash leaves the old segments or the new one, never half of one.
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, file);
        return openSegment(name, fileSource(file), cache);
      } catch (error) {
        remove(temporary);
        if (!saveFailed) logger.warn({ file }, `cannot save the search index (${describe(error)}): kept in memory, saved again later`);
        saveFailed = true;
        return memory(write);
      }
    },
    drop(segments) {
      for (const segment of segments) {
        segment.close();
        if (where && segment.name !== 'memory') remove(path.join(where, segment.name));
      }
    },
  };
}

function remove(file: string): void {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) rmSync(file, { recursive: true, force: true });
    else if (stat) unlinkSync(file);
  } catch {
    // Already gone (another process merged first) or not ours to remove: the next load skips it again.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
