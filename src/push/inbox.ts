import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IngestSummary } from '../types.js';
import type { Logger } from '../logger.js';

export interface InboxOptions {
  /** DATA_DIR/inbox. */
  readonly dir: string;
  /** Ingests page files (the app's `ingestPaths`: idempotent by content hash). */
  readonly ingest: (paths: readonly string[]) => Promise<IngestSummary>;
  readonly logger: Logger;
  /**
   * A file is read once it has not changed for this long (default 2000 ms), so that a
   * file still being copied in is not read half-written. Compared with the file system's
   * own clock (mtime).
   */
  readonly settleMs?: number;
  /** The wall clock compared with mtimes, in ms (default `Date.now`): tests pin it. */
  readonly now?: () => number;
}

/** Reads of one version of a file that gave no page before the inbox stops trying it. */
const MAX_READS = 3;

/** Editor and copy leftovers: `.page.txt.swp`, `x.part`, `x.tmp`, `x~`. */
const IGNORED = /^\.|\.(part|tmp|crdownload|swp)$|~$/i;

/**
 * Looks for new or changed files in the inbox each time `poll()` is called. A poll
 * (rather than fs.watch) because it works the same on every file system (Docker
 * bind mounts and network shares often send no events), sees each file once it has
 * settled instead of on every write event, and runs on the same croner schedule as
 * the rest of push. Returns what was ingested, or null when nothing new was there.
 */
export function createInboxPoller(options: InboxOptions): { poll(): Promise<IngestSummary | null> } {
  const settleMs = options.settleMs ?? 2000;
  const now = options.now ?? Date.now;
  // name → size:mtime when it was last read; starts empty, and reading a known page is a no-op.
  const seen = new Map<string, string>();
  // name → the version that gave no page and how often it was read (a reader that crashed or hung)
  const failures = new Map<string, { signature: string; reads: number }>();
  /**
   * A file that gave no page is read again at the next polls, up to MAX_READS in all: a reader
   * that crashed or hung on a loaded machine must not lose the page until the next start.
   */
  const retryFailed = (ready: readonly { name: string; signature: string }[], summary: IngestSummary) => {
    const read = new Set(summary.files.map((file) => file.source));
    for (const { name, signature } of ready) {
      const before = failures.get(name);
      if (read.has(name)) {
        failures.delete(name);
        continue;
      }
      const reads = before?.signature === signature ? before.reads + 1 : 1;
      failures.set(name, { signature, reads });
      if (reads < MAX_READS) seen.delete(name);
      else options.logger.warn({ file: name, reads }, 'inbox: a file gave no page; it is read again when it changes');
    }
  };
  return {
    async poll() {
      let names: string[];
      try {
        names = readdirSync(options.dir);
      } catch (error) {
        options.logger.warn({ err: error, dir: options.dir }, 'cannot read the inbox');
        return null;
      }
      const ready: { name: string; signature: string }[] = [];
      for (const name of names) {
        if (IGNORED.test(name)) continue;
        let signature: string;
        try {
          const stat = statSync(path.join(options.dir, name));
          if (!stat.isFile() || now() - stat.mtimeMs < settleMs) continue;
          signature = `${stat.size}:${stat.mtimeMs}`;
        } catch {
          continue; // removed between readdir and stat
        }
        if (seen.get(name) === signature) continue;
        seen.set(name, signature);
        ready.push({ name, signature });
      }
      if (ready.length === 0) return null;
      const summary = await options.ingest(ready.map(({ name }) => path.join(options.dir, name)));
      retryFailed(ready, summary);
      const added = summary.files.filter((file) => file.added);
      if (added.length > 0 || summary.warnings.length > 0) {
        options.logger.info(
          {
            files: added.map((file) => file.source),
            articles: summary.newArticles.length,
            hotline: summary.newHotline.length,
            safety: summary.newSafety.length,
            // the lines themselves: when no file at all was read, ingest leaves them to its caller
            warnings: summary.warnings,
          },
          'inbox: ingested new pages',
        );
      }
      return summary;
    },
  };
}
