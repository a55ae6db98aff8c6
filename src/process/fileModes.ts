/**
 * DATA_DIR holds readers' chat ids and what they follow: only its owner may read it.
 * New files get 0600 through the process umask (set in cli.ts); this fixes a DATA_DIR
 * made by an older version (0755 directory, 0644 files).
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The mode of DATA_DIR and of its subdirectories. */
export const DIR_MODE = 0o700;
/** The mode of every data file. */
export const FILE_MODE = 0o600;

/** umask for every newsbot process: files 0600, directories 0700. */
export const PROCESS_UMASK = 0o077;

/**
 * Creates DATA_DIR (0700) if needed, or tightens an existing one and the files in it and in
 * its `inbox/` to 0700/0600. Throws naming the setting when DATA_DIR is a file. A mode that
 * cannot be changed (a mount that ignores modes, a file owned by another user) is left as is.
 */
export function prepareDataDir(dataDir: string): void {
  // mkdir would say "ENOTDIR ... /inbox", naming neither the setting nor the file at fault.
  const stat = statSync(dataDir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new Error(`DATA_DIR is not a directory: ${dataDir}`);
  if (!stat) mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  tighten(dataDir, DIR_MODE);
  for (const dir of [dataDir, path.join(dataDir, 'inbox')]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const entry = statSync(file, { throwIfNoEntry: false });
      if (entry?.isDirectory()) tighten(file, DIR_MODE);
      else if (entry?.isFile()) tighten(file, FILE_MODE);
    }
  }
}

function tighten(file: string, mode: number): void {
  try {
    const current = statSync(file).mode & 0o777;
    if ((current & ~mode) !== 0) chmodSync(file, current & mode);
  } catch {
    // Not ours to change (another owner, a read-only or mode-less mount): left as is.
  }
}
