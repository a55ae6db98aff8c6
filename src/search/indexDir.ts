import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { bufferSource, fileSource, openSegment, SegmentDamagedError, type ListCache, type Segment } from './segment.js';
import { mergeSegments } from './segmentMerge.js';
import { fileSink, memorySink, type Sink } from './segmentWrite.js';

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
  /**
   * Writes one segment's `bytes` to a temporary file and syncs it off the
   * event loop (libuv's threads): nothing of the index changes until
   * `commit` names the file and opens it, or `discard` removes it.
   */
  stage(firstSeq: number, lastSeq: number, bytes: Uint8Array): Promise<StagedSegment>;
  /** Opens a segment file another thread wrote into the directory (the background build). */
  adopt(name: string): Segment;
  /** Removes these segments' files (after a merge, or when they are damaged). */
  drop(segments: readonly Segment[]): void;
  /**
   * Merges consecutive saved segments into one file in a worker thread and
   * opens it: a merge rewrites every article of its inputs (1.7 s of CPU for
   * 20,000), which on the caller's thread would hold every reply meanwhile.
   * Null when it cannot (segments in memory, no compiled worker): merge inline.
   */
  mergeOffThread(inputs: readonly Segment[]): Promise<Segment> | null;
  /** Stops a merge under way (its half-written file is removed at the next load). */
  close(): void;
}

/** A segment written but not yet part of the index (SegmentShelf.stage). */
export interface StagedSegment {
  commit(): Segment;
  discard(): void;
}

const NAME = /^seg-(\d{10})-(\d{10})\.nbs$/;
export const fileName = (first: number, last: number): string => `seg-${String(first).padStart(10, '0')}-${String(last).padStart(10, '0')}.nbs`;

/** What `mergeOffThread` hands the worker (mergeWorker.ts). */
export interface MergeTask {
  readonly dir: string;
  /** File names of the consecutive segments to merge, in store order. */
  readonly inputs: readonly string[];
  /** The merged file's name. */
  readonly output: string;
}

/**
 * A compiled worker (merge, background build, build helper): beside this module when it runs compiled (dist/),
 * else the build's copy when it runs from TypeScript sources (the tests, after
 * `npm run build`); undefined when there is neither.
 */
export function workerUrl(name: 'mergeWorker' | 'buildWorker' | 'prepareWorker', here: string = import.meta.url): URL | undefined {
  const sibling = new URL(`./${name}.js`, here);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = fileURLToPath(sibling).replace(new RegExp(`([/\\\\])src([/\\\\]search[/\\\\]${name}\\.js)$`, 'u'), '$1dist$1src$2');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

/** Writes the merge of `task.inputs` as `task.output` in `task.dir`: temp file, fsync, rename (the merge worker's job). */
export function writeMergedFile(task: MergeTask): void {
  const inputs = task.inputs.map((name) => openSegment(name, fileSource(path.join(task.dir, name))));
  try {
    writeFileAtomically(path.join(task.dir, task.output), (sink) => mergeSegments(inputs, sink));
  } finally {
    for (const input of inputs) input.close();
  }
}

/** A temporary file beside `file` (a load removes any *.tmp a crash left). */
const temporaryFor = (file: string): string => `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;

/** Writes `file` through a temporary beside it: fsync, then rename. */
export function writeFileAtomically(file: string, write: (sink: Sink) => void): void {
  const temporary = temporaryFor(file);
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      write(fileSink(fd));
      // On disk before it is named: a crash leaves the old segments or the new one, never half of one.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    remove(temporary);
    throw error;
  }
}

export interface ShelfOptions {
  /** Merge in a worker thread when one is available (a serving bot); false merges inline (a CLI run). */
  readonly mergeOffThread?: boolean;
  /** Default: the compiled merge worker, when there is one. */
  readonly workerUrl?: URL;
}

/** Opens the shelf in `dir` (created if missing), or a memory-only one for null; its segments share `cache`. */
export function openShelf(dir: string | null, logger: Logger, cache: ListCache, options: ShelfOptions = {}): SegmentShelf {
  const mergeWorker = options.mergeOffThread ? (options.workerUrl ?? workerUrl('mergeWorker')) : undefined;
  const workers = new Set<Worker>();
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
  const cannotSave = (file: string, error: unknown) => {
    if (!saveFailed) logger.warn({ file }, `cannot save the search index (${describe(error)}): kept in memory, saved again later`);
    saveFailed = true;
  };

  return {
    get dir() {
      return where;
    },
    load() {
      if (!where) return [];
      const found: { name: string; first: number; last: number }[] = [];
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
      try {
        writeFileAtomically(file, write);
        return openSegment(name, fileSource(file), cache);
      } catch (error) {
        cannotSave(file, error);
        return memory(write);
      }
    },
    async stage(firstSeq, lastSeq, bytes) {
      const inMemory = () => openSegment('memory', bufferSource(bytes), cache);
      if (!where) return { commit: inMemory, discard: () => undefined };
      const name = fileName(firstSeq, lastSeq);
      const file = path.join(where, name);
      const temporary = temporaryFor(file);
      /** As `put` does: a file that cannot be written or named is one warning, and the segment serves from memory. */
      const keptInMemory = (error: unknown) => {
        remove(temporary);
        cannotSave(file, error);
        return inMemory();
      };
      try {
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        return { commit: () => keptInMemory(error), discard: () => remove(temporary) };
      }
      return {
        commit() {
          try {
            renameSync(temporary, file);
            return openSegment(name, fileSource(file), cache);
          } catch (error) {
            return keptInMemory(error);
          }
        },
        discard: () => remove(temporary),
      };
    },
    adopt(name) {
      if (!where) throw new Error('search index: no directory to adopt a segment from');
      return openSegment(name, fileSource(path.join(where, name)), cache);
    },
    mergeOffThread(inputs) {
      const folder = where;
      if (!folder || !mergeWorker || inputs.some((input) => input.name === 'memory')) return null;
      const output = fileName(inputs[0]!.firstSeq, inputs[inputs.length - 1]!.lastSeq);
      const task: MergeTask = { dir: folder, inputs: inputs.map((input) => input.name), output };
      return new Promise((resolve, reject) => {
        const worker = new Worker(mergeWorker, { workerData: task });
        workers.add(worker);
        let answer: { ok: true } | { error: string } | undefined;
        worker.once('message', (message: { ok: true } | { error: string }) => (answer = message));
        worker.once('error', (error) => (answer ??= { error: error.message }));
        worker.once('exit', () => {
          workers.delete(worker);
          if (answer && 'ok' in answer) {
            try {
              resolve(openSegment(output, fileSource(path.join(folder, output)), cache));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          } else {
            reject(new Error(answer?.error ?? 'the merge was stopped'));
          }
        });
      });
    },
    close() {
      for (const worker of workers) void worker.terminate();
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
