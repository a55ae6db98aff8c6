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
  return {
    async poll() {
      let names: string[];
      try {
        names = readdirSync(options.dir);
      } catch (error) {
        options.logger.warn({ err: error, dir: options.dir }, 'cannot read the inbox');
        return null;
      }
      const ready: string[] = [];
      for (const name of names) {
        if (IGNORED.test(name)) continue;
        const file = path.join(options.dir, name);
        let signature: string;
        try {
          const stat = statSync(file);
          if (!stat.isFile() || now() - stat.mtimeMs < settleMs) continue;
          signature = `${stat.size}:${stat.mtimeMs}`;
        } catch {
          continue; // removed between readdir and stat
        }
        if (seen.get(name) === signature) continue;
        seen.set(name, signature);
        ready.push(file);
      }
      if (ready.length === 0) return null;
      const summary = await options.ingest(ready);
      const added = summary.files.filter((file) => file.added);
      if (added.length > 0 || summary.warnings.length > 0) {
        options.logger.info(
          {
            files: added.map((file) => file.source),
            articles: summary.newArticles.length,
            hotline: summary.newHotline.length,
            safety: summary.newSafety.length,
            warnings: summary.warnings.length,
          },
          'inbox: ingested new pages',
        );
      }
      return summary;
    },
  };
}
