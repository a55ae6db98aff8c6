import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { BuildReply, BuildRequest, BuildTask } from './buildWorker.js';
import type { IndexSource } from './indexSource.js';

/**
 * Indexes a backlog of stored articles while the bot serves: the event loop
 * reads the store a few hundred articles at a time and hands them to a
 * worker thread (buildWorker.ts), which tokenizes them and writes a segment
 * file per chunk; each file, once written, joins the index (`adopt`), so
 * searches see the articles indexed so far, oldest first. Articles stored
 * meanwhile (a page ingested during the build) are read too before it ends.
 */
export interface BackgroundBuild {
  /** Settles when the backlog is indexed (or the build stopped or failed: `failed` says why). */
  readonly done: Promise<void>;
  readonly failed: string | null;
  /** Stops the worker within one article (a segment half written is removed at the next load). */
  stop(): void;
}

export interface BackgroundBuildOptions {
  readonly source: IndexSource;
  readonly url: URL;
  readonly dir: string;
  readonly chunk: number;
  /** The store position of the index's last article: the build reads after it. */
  readonly after: number;
  /** A segment file was written with `dates` (edition dates of its articles, in order): open it and add it to the index. */
  adopt(name: string, dates: readonly (string | null)[]): void;
}

/** Articles read from the store and handed over at a time: a read and a copy of a few milliseconds on the event loop. */
const READ_BATCH = 250;

export function startBackgroundBuild(options: BackgroundBuildOptions): BackgroundBuild {
  const stopFlag = new SharedArrayBuffer(4);
  const task: BuildTask = { dir: options.dir, chunk: options.chunk, stop: stopFlag };
  const worker = new Worker(options.url, { workerData: task });
  /** Asks the worker to end itself (see BuildTask.stop): it is never terminated from here. */
  const askToStop = () => {
    Atomics.store(new Int32Array(stopFlag), 0, 1);
    worker.postMessage({ stop: true } satisfies BuildRequest);
  };
  /** Edition dates of the articles handed over and not yet in a segment, in order. */
  const queued: (string | null)[] = [];
  let posted = 0;
  let indexed = 0;
  let failed: string | null = null;
  let stopped = false;
  /** Wakes the reading loop when a segment arrives or the worker stops. */
  let wake: () => void = () => {};
  const waitForWorker = () => new Promise<void>((resolve) => (wake = resolve));
  worker.on('message', (reply: BuildReply) => {
    if ('error' in reply) failed ??= reply.error;
    else {
      indexed += reply.docs;
      try {
        options.adopt(reply.segment, queued.splice(0, reply.docs));
      } catch (error) {
        failed ??= error instanceof Error ? error.message : String(error);
      }
    }
    wake();
  });
  worker.on('error', (error) => {
    failed ??= error.message;
    wake();
  });
  worker.on('exit', () => {
    failed ??= stopped ? null : 'the build worker stopped';
    stopped = true;
    wake();
  });
  const post = (request: BuildRequest) => worker.postMessage(request);

  /** Read as a call: the worker's handlers change both while the loop awaits. */
  const going = () => !stopped && failed === null;
  const run = async () => {
    let next = options.after;
    while (going()) {
      // At most two chunks handed over ahead of the worker.
      if (posted - indexed >= 2 * options.chunk) {
        await waitForWorker();
        continue;
      }
      const batch = options.source.articlesAfter(next, READ_BATCH);
      if (batch.length > 0) {
        post({ articles: batch });
        posted += batch.length;
        next = batch[batch.length - 1]!.seq;
        queued.push(...batch.map(({ article }) => article.edition.date));
        await yieldToEvents();
        continue;
      }
      // The store has nothing more: the worker writes what it holds, and the build ends unless articles arrived meanwhile.
      post({ end: true });
      while (indexed < posted && going()) await waitForWorker();
      if (options.source.lastSeq() <= next) break;
    }
    stopped = true;
    askToStop();
  };
  const done = run();
  return {
    done,
    get failed() {
      return failed;
    },
    stop() {
      stopped = true;
      wake();
      askToStop();
    },
  };
}
