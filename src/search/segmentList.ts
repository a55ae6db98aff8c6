import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { prepareDoc } from './documents.js';
import { startBackgroundBuild, type BackgroundBuild } from './backgroundBuild.js';
import type { SegmentShelf } from './indexDir.js';
import type { IndexSource, StoredArticle } from './indexSource.js';
import { SegmentDamagedError, type Segment } from './segment.js';
import { createSegmentBuilder } from './segmentBuild.js';
import { mergeSegments } from './segmentMerge.js';
import { memorySink } from './segmentWrite.js';
import { startPrepareHelper, type PrepareHelper } from './prepareHelper.js';
import { createSegmentSet, type SegmentSet } from './segmentSet.js';
import type { Tokenizer } from './tokenize.js';
import { DEFAULT_TUNING, type SearchTuning } from './tuning.js';

/** The index's segments, kept in step with the store. */
export interface SegmentList {
  /** The segments as one, as they are now. */
  readonly set: SegmentSet;
  /** Articles there were when the index was opened. */
  readonly loaded: number;
  /** Indexes up to `limit` stored articles beyond the index, a segment per chunk, then merges; returns how many. */
  catchUp(limit: number): number;
  /**
   * The same for a serving bot, without holding its replies: one article
   * tokenized per turn of the event loop, the file written and synced off
   * it; the segment joins the index at the end (unless another catch-up
   * took those articles in meanwhile). One at a time: a call while one is
   * under way gets that one.
   */
  catchUpInTurns(limit: number): Promise<number>;
  /**
   * Starts indexing the stored articles beyond the index in a worker thread
   * (backgroundBuild.ts); catch-ups do nothing until it is done, then its
   * segments are merged. False when it cannot (no index directory, no
   * compiled worker): the caller catches up here instead.
   */
  buildInBackground(url: URL | undefined): boolean;
  /** Is a background build running? */
  readonly building: boolean;
  /** Runs `work`; a damaged segment found meanwhile is dropped (with what follows it), re-indexed from the store, and `work` runs again. */
  guarded<T>(work: () => T): T;
  close(): void;
}

export interface SegmentListOptions {
  readonly source: IndexSource;
  readonly shelf: SegmentShelf;
  readonly tokenizer: Tokenizer;
  readonly tuning: SearchTuning;
  readonly logger: Logger;
  /** Articles were indexed (their edition dates, in order). */
  onIndexed(dates: readonly (string | null)[]): void;
  /** Segments were dropped and indexed again: what was known of their articles is stale. */
  onRebuilt(): void;
  /** The compiled build helper (prepareWorker.ts): a catch-up of more than a chunk tokenizes in a second thread too. */
  readonly helperUrl?: URL | undefined;
  /** Told instead of rebuilding an index that does not match the store; what it throws ends the open. */
  readonly onMismatch?: (() => void) | undefined;
}

/**
 * How many of the newest segments (sizes in store order) to merge into one:
 * the last with the one before it while it holds at least 1/ratio of it, and
 * on while the merged run does the same with the next; 0 for none. Done at
 * once, the cascade rewrites each article once, not once per step. A merge
 * of fewer than `floor` articles waits until it takes in `gather` segments:
 * pages' small segments are merged a few at a time, not after each page
 * (a merge there costs far more than the few articles it rewrites).
 */
export function tailToMerge(sizes: readonly number[], policy: MergePolicy = DEFAULT_TUNING): number {
  let count = 1;
  let run = sizes.at(-1) ?? 0;
  while (count < sizes.length && run * policy.mergeRatio >= sizes[sizes.length - 1 - count]!) {
    run += sizes[sizes.length - 1 - count]!;
    count++;
  }
  if (count < 2 || (run < policy.mergeFloor && count < policy.mergeGather)) return 0;
  return count;
}

/** What tailToMerge decides by (tuning.ts). */
export type MergePolicy = Pick<SearchTuning, 'mergeRatio' | 'mergeFloor' | 'mergeGather'>;

/** Loads the saved segments, or none when they do not match the store (a store rebuilt from the inbox). */
function loadMatching(options: SegmentListOptions): Segment[] {
  const { source, shelf, logger } = options;
  const segments = shelf.load();
  const set = createSegmentSet(segments);
  const matchesStore = () =>
    source.countThrough(set.lastSeq) === set.docs && source.articlesAfter(set.lastSeq - 1, 1)[0]?.article.id === set.id(set.docs - 1);
  if (set.docs === 0 || matchesStore()) return segments;
  try {
    options.onMismatch?.();
  } catch (error) {
    for (const segment of segments) segment.close();
    shelf.close();
    throw error;
  }
  logger.warn({ dir: shelf.dir }, 'search index does not match the stored articles: rebuilding it');
  shelf.drop(segments);
  return [];
}

/**
 * Opens the saved segments and keeps them in step with the store: a segment
 * that is damaged, or a crash between a store commit and the index write,
 * costs re-indexing only the articles concerned. New articles go into a new
 * segment per chunk; the newest segments are merged as tailToMerge says,
 * off the event loop when the shelf can (a serving bot), else inline.
 */
export function openSegmentList(options: SegmentListOptions): SegmentList {
  const { source, shelf, tokenizer, tuning, logger } = options;
  let segments = loadMatching(options);
  let set = createSegmentSet(segments);
  const loaded = set.docs;
  const replace = (next: Segment[]) => {
    segments = next;
    set = createSegmentSet(segments);
  };
  /** Adds the newest articles' segment (a chunk, a page taken in by turns, a background build's file), with their edition dates. */
  const append = (segment: Segment, dates: readonly (string | null)[]) => {
    replace([...segments, segment]);
    options.onIndexed(dates);
  };
  /** A merge running in a worker thread (at most one at a time). */
  let merging: Promise<void> | null = null;
  let closed = false;

  /** Puts a merged segment in place of its inputs, if they are all still there (during an off-thread merge a damaged one may have been dropped). */
  const swapIn = (inputs: readonly Segment[], merged: Segment) => {
    const at = segments.indexOf(inputs[0]!);
    if (at < 0 || inputs.some((input, i) => segments[at + i] !== input)) {
      shelf.drop([merged]);
      return;
    }
    replace([...segments.slice(0, at), merged, ...segments.slice(at + inputs.length)]);
    shelf.drop(inputs);
  };
  const mergeTail = (count: number) => {
    const inputs = segments.slice(-count);
    swapIn(inputs, shelf.put(inputs[0]!.firstSeq, inputs[inputs.length - 1]!.lastSeq, (sink) => mergeSegments(inputs, sink)));
  };
  /** Starts merging `inputs` in a worker; compacts again once it is in place. */
  const mergeAway = (inputs: readonly Segment[], work: Promise<Segment>) => {
    merging = work.then(
      (merged) => {
        merging = null;
        if (closed) return merged.close();
        swapIn(inputs, merged);
        compact();
      },
      (error: unknown) => {
        merging = null;
        if (closed) return;
        // The inputs still serve; the next catch-up tries again.
        logger.warn({ dir: shelf.dir }, `search index merge failed (${error instanceof Error ? error.message : String(error)})`);
      },
    );
  };
  /** Merges the newest segments as the merge policy asks: off the event loop when the shelf can, else here. */
  const compact = (): void => {
    for (;;) {
      if (merging) return;
      const count = tailToMerge(segments.map((segment) => segment.docs), tuning);
      if (count < 2) return;
      const inputs = segments.slice(-count);
      const offThread = shelf.mergeOffThread(inputs);
      if (!offThread) {
        mergeTail(count);
        continue;
      }
      mergeAway(inputs, offThread);
      return;
    }
  };

  /** A catch-up's second thread, started once it meets a full chunk (a backlog, not a page). */
  let helper: PrepareHelper | null = null;
  /** Writes one chunk of stored articles as a segment; returns how many. */
  const indexChunk = (limit: number): number => {
    const batch = source.articlesAfter(set.lastSeq, Math.min(tuning.chunk, limit));
    if (batch.length === 0) return 0;
    const builder = createSegmentBuilder();
    if (!helper && options.helperUrl && batch.length === tuning.chunk) helper = startPrepareHelper(options.helperUrl, tokenizer, logger);
    if (helper) helper.prepare(batch, (doc) => builder.add(doc));
    else for (const { seq, article } of batch) builder.add(prepareDoc(tokenizer, article, seq));
    const segment = shelf.put(batch[0]!.seq, batch[batch.length - 1]!.seq, (sink) => builder.write(sink));
    append(segment, editionDates(batch));
    return batch.length;
  };
  let inTurns: Promise<number> | null = null;
  const indexInTurns = async (limit: number): Promise<number> => {
    const after = set.lastSeq;
    const batch = source.articlesAfter(after, Math.min(tuning.chunk, limit));
    if (batch.length === 0) return 0;
    const builder = createSegmentBuilder();
    for (const { seq, article } of batch) {
      // Between two articles (a few ms of jieba each) the replies waiting meanwhile go out.
      await yieldToEvents();
      if (closed) return 0;
      builder.add(prepareDoc(tokenizer, article, seq));
    }
    const sink = memorySink();
    // A field's lists at a time (title, body, bigrams, characters): the whole was one stall of 10–40 ms a page at a million.
    const steps = builder.writeInSteps(sink);
    while (steps.next().done !== true) {
      await yieldToEvents();
      if (closed) return 0;
    }
    const staged = await shelf.stage(batch[0]!.seq, batch[batch.length - 1]!.seq, sink.bytes());
    // A catch-up on this thread, a rebuild or a background build may have taken these articles in meanwhile.
    if (closed || building || set.lastSeq !== after) {
      staged.discard();
      return 0;
    }
    append(staged.commit(), editionDates(batch));
    compact();
    return batch.length;
  };
  let building: BackgroundBuild | null = null;
  const catchUp = (limit: number): number => {
    // The background build indexes what arrives meanwhile too.
    if (building) return 0;
    let added = 0;
    let written = 0;
    try {
      for (let got = -1; added < limit && got !== 0; ) {
        got = indexChunk(limit - added);
        added += got;
        if (got > 0) written++;
      }
    } finally {
      if (helper) logger.info({ articles: added, helped: helper.helped }, 'search index: the build helper thread tokenized part of the catch-up');
      helper?.close();
      helper = null;
    }
    // One merge of the chunks a long catch-up wrote (a build: before anyone is served), then the usual policy.
    if (written > 1 && !merging) mergeTail(written);
    if (written > 0) compact();
    return added;
  };

  /** Merges the newest `count` segments (a background build's chunks) into one, off the event loop when the shelf can. */
  const mergeRecent = (count: number) => {
    if (merging || count < 2) return compact();
    const inputs = segments.slice(-count);
    const offThread = shelf.mergeOffThread(inputs);
    if (offThread) mergeAway(inputs, offThread);
    else {
      mergeTail(count);
      compact();
    }
  };
  const buildInBackground = (url: URL | undefined): boolean => {
    if (building) return true;
    if (!shelf.dir || !url || closed) return false;
    let written = 0;
    const started = performance.now();
    const build = startBackgroundBuild({
      source,
      url,
      dir: shelf.dir,
      chunk: tuning.chunk,
      after: set.lastSeq,
      adopt(name, dates) {
        append(shelf.adopt(name), dates);
        written++;
        if (written % 20 === 0) logger.info({ articles: set.docs }, 'search index: building in the background');
      },
    });
    building = build;
    void build.done.then(() => {
      building = null;
      if (closed) return;
      if (build.failed !== null) {
        logger.warn({ dir: shelf.dir }, `search index background build failed (${build.failed}): indexing the rest on this thread`);
        catchUp(Infinity);
      }
      logger.info({ articles: set.docs, ms: Math.round(performance.now() - started) }, 'search index built in the background');
      mergeRecent(written);
    });
    return true;
  };

  return {
    get set() {
      return set;
    },
    get building() {
      return building !== null;
    },
    loaded,
    catchUp,
    catchUpInTurns(limit) {
      if (building || closed) return Promise.resolve(0);
      return (inTurns ??= indexInTurns(limit).finally(() => (inTurns = null)));
    },
    buildInBackground,
    guarded<T>(work: () => T): T {
      try {
        return work();
      } catch (error) {
        if (!(error instanceof SegmentDamagedError)) throw error;
        // Rebuilt here, all of it: a background build would add segments after the dropped ones.
        building?.stop();
        building = null;
        const at = segments.findIndex((segment) => segment.name === error.segment);
        logger.warn({ dir: shelf.dir }, `${error.message}: its articles are indexed again from the store`);
        shelf.drop(segments.slice(Math.max(0, at)));
        replace(segments.slice(0, Math.max(0, at)));
        options.onRebuilt();
        catchUp(Infinity);
        return work();
      }
    },
    close() {
      closed = true;
      building?.stop();
      shelf.close();
      for (const segment of segments) segment.close();
    },
  };
}

/** The edition dates of stored articles, in order (SegmentListOptions.onIndexed). */
function editionDates(batch: readonly StoredArticle[]): (string | null)[] {
  return batch.map(({ article }) => article.edition.date);
}
