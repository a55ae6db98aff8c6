/**
 * Worker-thread entry of the build helper (prepareHelper.ts): folds and
 * cuts batches of articles with jieba, the costlier half of building a
 * segment, while the thread that asked builds. Replies on the port it was
 * given and then bumps a shared counter, so that the asking thread, which
 * builds synchronously, can wait for a reply without its event loop.
 * It only runs in a worker.
 */
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { packDoc, prepareDoc, type PackedDoc } from './documents.js';
import type { StoredArticle } from './indexSource.js';
import { createTokenizer, releaseJieba } from './tokenize.js';

/** What the helper is started with. */
export interface PrepareTask {
  readonly port: MessagePort;
  /** An Int32 counter, bumped after each reply. */
  readonly signal: SharedArrayBuffer;
}

/** To the helper: articles to prepare (`piece` names them in the reply), or the end. */
export type PrepareRequest = { readonly piece: number; readonly articles: readonly StoredArticle[] } | { readonly end: true };
/** From it: a piece's documents, in the order asked, or why it could not. */
export type PrepareReply = { readonly piece: number; readonly docs: readonly PackedDoc[] } | { readonly piece: number; readonly error: string };

if (!isMainThread && workerData) {
  const { port, signal } = workerData as PrepareTask;
  const replies = new Int32Array(signal);
  const reply = (message: PrepareReply) => {
    port.postMessage(message);
    Atomics.add(replies, 0, 1);
    Atomics.notify(replies, 0);
  };
  let tokenizer: ReturnType<typeof createTokenizer> | null = null;
  port.on('message', (request: PrepareRequest) => {
    // Ends the thread here, between two pieces, never inside jieba's native code.
    if ('end' in request) {
      releaseJieba();
      process.exit(0);
    }
    try {
      tokenizer ??= createTokenizer();
      const docs = request.articles.map(({ seq, article }) => packDoc(prepareDoc(tokenizer!, article, seq)));
      reply({ piece: request.piece, docs });
    } catch (error) {
      reply({ piece: request.piece, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
