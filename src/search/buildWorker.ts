/**
 * Worker-thread entry of the background build (backgroundBuild.ts): takes
 * batches of stored articles, tokenizes them (jieba runs here, off the
 * event loop of the serving bot), and writes a segment file per chunk into
 * the index directory; posts back each file's name. It only runs in a worker.
 */
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { prepareDoc } from './documents.js';
import { fileName, writeFileAtomically } from './indexDir.js';
import { createSegmentBuilder, type SegmentBuilder } from './segmentBuild.js';
import type { StoredArticle } from './indexSource.js';
import { createTokenizer, releaseJieba } from './tokenize.js';

/** What the build worker is started with. */
export interface BuildTask {
  readonly dir: string;
  /** Articles per segment file. */
  readonly chunk: number;
  /**
   * Set to 1 (an Int32Array over it) to stop: the worker ends itself between
   * two articles. Never terminated from outside: a thread stopped inside
   * jieba's native code aborts the whole process.
   */
  readonly stop: SharedArrayBuffer;
}

/** Messages to the worker: articles to index, the end (write what is held), or a nudge to look at the stop flag. */
export type BuildRequest = { readonly articles: readonly StoredArticle[] } | { readonly end: true } | { readonly stop: true };
/** Messages from it: a segment written (its file name and articles), or why it stopped. */
export type BuildReply = { readonly segment: string; readonly docs: number } | { readonly error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const task = workerData as BuildTask;
  const stop = new Int32Array(task.stop);
  const stopped = () => Atomics.load(stop, 0) === 1;
  // A declaration, not an arrow: only a declared function returning never narrows the request's type after a call.
  function end(): never {
    releaseJieba();
    process.exit(0);
  }
  const tokenizer = createTokenizer();
  let builder: SegmentBuilder = createSegmentBuilder();
  let first = 0;
  let last = 0;
  const flush = () => {
    if (builder.docs === 0) return;
    const name = fileName(first, last);
    const full = builder;
    writeFileAtomically(path.join(task.dir, name), (sink) => full.write(sink));
    port.postMessage({ segment: name, docs: full.docs } satisfies BuildReply);
    builder = createSegmentBuilder();
  };
  port.on('message', (request: BuildRequest) => {
    try {
      // Ends the thread here, between two articles, never inside native code.
      if (stopped() || 'stop' in request) end();
      if ('end' in request) {
        flush();
        return;
      }
      for (const { seq, article } of request.articles) {
        if (stopped()) end();
        if (builder.docs === 0) first = seq;
        builder.add(prepareDoc(tokenizer, article, seq));
        last = seq;
        if (builder.docs >= task.chunk) flush();
      }
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies BuildReply);
    }
  });
}
