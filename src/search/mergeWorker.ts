/**
 * Worker-thread entry of `SegmentShelf.mergeOffThread`: merges the segment
 * files named in `workerData` into one file and posts back when it is on
 * disk. It only runs in a worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeMergedFile, type MergeTask } from './indexDir.js';

if (!isMainThread && parentPort) {
  const task = workerData as MergeTask;
  try {
    writeMergedFile(task);
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
