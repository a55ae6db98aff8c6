import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { prepareDoc, unpackDoc } from './documents.js';
import type { StoredArticle } from './indexSource.js';
import type { PrepareReply, PrepareRequest, PrepareTask } from './prepareWorker.js';
import type { SegmentDoc } from './segmentBuild.js';
import type { Tokenizer } from './tokenize.js';

/**
 * A second thread for a large build (the first index of an imported
 * archive, years of pages caught up at once). Tokenizing (folding and
 * jieba) is over half of building, so a helper thread (prepareWorker.ts)
 * tokenizes pieces of each chunk while this thread builds the segment, and
 * tokenizes itself whatever piece the helper has not taken when it would
 * otherwise wait. Pieces are added in store order, so the segments are byte
 * for byte those of a build in one thread.
 *
 * The build is synchronous (it runs before the index serves), so this
 * thread waits for a reply with Atomics.wait on a counter the helper bumps
 * and reads it with receiveMessageOnPort, not from its event loop. A helper
 * that reports an error or falls silent is left behind, with one warning:
 * this thread prepares the rest.
 */
export interface PrepareHelper {
  /** Prepares `batch` and hands each document to `add`, in batch order. */
  prepare(batch: readonly StoredArticle[], add: (doc: SegmentDoc) => void): void;
  /** Articles the helper thread prepared so far. */
  readonly helped: number;
  /** Lets the helper end: it ends itself, never stopped inside jieba's native code. */
  close(): void;
}

/** Articles per piece: tens of milliseconds of jieba, little held at once. */
const PIECE = 100;
/** Pieces handed to the helper and not back yet: one in work, the others queued so it never runs dry. */
const AHEAD = 3;
/** A helper that sends nothing for this long is given up on (a piece takes well under a second). */
const HELPER_SILENCE_MS = 30_000;

export function startPrepareHelper(url: URL, tokenizer: Tokenizer, logger: Logger, silenceMs = HELPER_SILENCE_MS): PrepareHelper {
  const signal = new SharedArrayBuffer(4);
  const replies = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const task: PrepareTask = { port: port2, signal };
  const worker = new Worker(url, { workerData: task, transferList: [port2] });
  let broken: string | null = null;
  const fail = (why: string) => {
    if (broken) return;
    broken = why;
    logger.warn(`search index build helper stopped (${why}): this thread tokenizes the rest`);
  };
  // Told between builds only (a build keeps the event loop busy): meanwhile its silence tells.
  worker.on('error', (error) => fail(error.message));
  worker.unref();
  let pieceNumbers = 0;
  let helped = 0;

  /** The next reply; with `wait`, waits for one up to the silence limit. */
  const receive = (wait: boolean): PrepareReply | undefined => {
    const deadline = Date.now() + silenceMs;
    for (;;) {
      const seen = Atomics.load(replies, 0);
      const got: { message: PrepareReply } | undefined = receiveMessageOnPort(port1);
      if (got || !wait) return got?.message;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(replies, 0, seen, left);
    }
  };

  return {
    prepare(batch, add) {
      const pieces: (readonly StoredArticle[])[] = [];
      for (let i = 0; i < batch.length; i += PIECE) pieces.push(batch.slice(i, i + PIECE));
      const base = pieceNumbers;
      pieceNumbers += pieces.length;
      const ready = new Map<number, SegmentDoc[]>();
      const atHelper = new Set<number>();
      let taken = 0;
      const here = (p: number) => ready.set(p, pieces[p]!.map(({ seq, article }) => prepareDoc(tokenizer, article, seq)));
      const take = (reply: PrepareReply) => {
        const p = reply.piece - base;
        if (!atHelper.delete(p)) return;
        if ('error' in reply) fail(reply.error);
        else {
          ready.set(p, reply.docs.map(unpackDoc));
          helped += reply.docs.length;
        }
      };
      /** One step towards piece `next` being ready. */
      const step = (next: number) => {
        if (!broken) {
          while (atHelper.size < AHEAD && taken < pieces.length) {
            port1.postMessage({ piece: base + taken, articles: pieces[taken]! } satisfies PrepareRequest);
            atHelper.add(taken++);
          }
          for (let reply = receive(false); reply; reply = receive(false)) take(reply);
          if (ready.has(next)) return;
        }
        if (broken) here(next);
        // Else the helper holds the piece needed next (pieces are handed over in order): tokenize a later one meanwhile.
        else if (taken < pieces.length) here(taken++);
        else {
          const reply = receive(true);
          if (reply) take(reply);
          else fail(`nothing from it for ${silenceMs / 1000} s`);
        }
      };
      for (let next = 0; next < pieces.length; next++) {
        while (!ready.has(next)) step(next);
        for (const doc of ready.get(next)!) add(doc);
        ready.delete(next);
      }
    },
    get helped() {
      return helped;
    },
    close() {
      if (!broken) port1.postMessage({ end: true } satisfies PrepareRequest);
      port1.close();
    },
  };
}
