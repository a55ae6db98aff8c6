/**
 * Writing a file so that after a crash or a full disk it is either whole or absent:
 * a temporary file beside it, fsync, rename over the target, fsync the directory.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Writes `bytes` to `file` durably; on any failure nothing is left behind and the error is thrown. */
export type DurableWriter = (file: string, bytes: Uint8Array) => void;

/** The real writer: temp file, fsync, rename, directory fsync. */
export const writeFileDurably: DurableWriter = (file, bytes) => {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
};
