/**
 * Worker-thread entry of `parsePageOffThread`: parses the one page in
 * `workerData` and posts the result back. It only runs in a worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parsePage } from './parsePage.js';

/** What `parsePageOffThread` hands the worker. */
export interface ParseTask {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

if (!isMainThread && parentPort) {
  const task = workerData as ParseTask;
  parentPort.postMessage(parsePage(task.bytes, task.fileName));
}
