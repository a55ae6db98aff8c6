/**
 * Worker-thread entry of `SegmentShelf.mergeOffThread`: merges the segment
 * files named in `workerData` into one file and posts back when it is on
 * disk. It only runs in a worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeMergedFile } from './indexDir.js';

/** What `mergeOffThread` hands the worker. */
export interface MergeTask {
  readonly dir: string;
  /** File names of the consecutive segments to merge, in store order. */
  readonly inputs: readonly string[];
  /** The merged file's name. */
  readonly output: string;
}

if (!isMainThread && parentPort) {
  const task = workerData as MergeTask;
  try {
    writeMergedFile(task);
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
