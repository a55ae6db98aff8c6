/**
 * Paths → parsed pages. A path is a page file or a directory of page files.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ParsedPage } from '../types.js';
import { PAGE_MAX_BYTES, pageTooLarge } from './decode.js';
import { KIND_PROBE_BYTES, pageFileKind, pageSizeLimit } from './fileKind.js';
import { parsePage } from './parsePage.js';

/** What reading a corpus gave: pages, skipped files, missing paths. */
export interface CorpusRead {
  readonly pages: ParsedPage[];
  /** The path each page was read from, in `pages` order. */
  readonly files: string[];
  /** One line per skipped file: "<file>: <reason>, skipped". */
  readonly warnings: string[];
  /** One line per path that does not exist: "<path>: no such file or directory". */
  readonly errors: string[];
  /** Files not parsed because `isStored` knew their bytes (already ingested). */
  readonly stored: { readonly file: string; readonly source: string }[];
}

/** Options of {@link readCorpus}. */
export interface ReadCorpusOptions {
  /**
   * Says whether a page with this content hash (sha256 of the bytes, hex) is
   * already in the store: such a file is not parsed again (parsing is most of
   * a start over a large inbox). Default: nothing is stored.
   */
  readonly isStored?: (contentHash: string) => boolean;
}

/**
 * Read page files. Each path is a file or a directory, whose regular files
 * are read in name order (not recursively; dotfiles skipped). A file that
 * is not a readable page is skipped with a warning and the rest still load;
 * the caller decides whether an error or an empty result is fatal. Page-level
 * warnings (report arithmetic) stay in each page's `warnings`.
 */
export function readCorpus(paths: readonly string[], options: ReadCorpusOptions = {}): CorpusRead {
  const stored: { file: string; source: string }[] = [];
  const pages: ParsedPage[] = [];
  const read: string[] = [];
  const warnings: string[] = [];
  const { files, errors } = listPageFiles(paths);
  for (const file of files) {
    const bytes = readPageFile(file, warnings);
    if (!bytes) continue;
    if (options.isStored?.(createHash('sha256').update(bytes).digest('hex'))) {
      stored.push({ file, source: basename(file) });
      continue;
    }
    const page = parsePage(bytes, file);
    if ('error' in page) warnings.push(`${file}: ${page.error}, skipped`);
    else {
      pages.push(page);
      read.push(file);
    }
  }
  return { pages, files: read, warnings, errors, stored };
}

/**
 * A page file's bytes, or undefined (with a warning) when it cannot be read or is over
 * its limit (PAGE_MAX_BYTES for text, PRINTED_MAX_BYTES for a PDF or an image): a larger file is not even read (100 MB would fill memory before
 * decodePage refused it).
 */
export function readPageFile(file: string, warnings: string[]): Uint8Array | undefined {
  try {
    const size = statSync(file).size;
    const limit = pageSizeLimit(pageFileKind(readHead(file)), PAGE_MAX_BYTES);
    if (size > limit) {
      warnings.push(`${file}: ${pageTooLarge(size, limit)}, skipped`);
      return undefined;
    }
    return readFileSync(file);
  } catch (err) {
    warnings.push(`${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}, skipped`);
    return undefined;
  }
}

/** The first bytes of a file: enough to tell a PDF or an image from text. */
function readHead(file: string): Uint8Array {
  const head = new Uint8Array(KIND_PROBE_BYTES);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * The page files the paths name: a file, or a directory's regular files in name
 * order (not recursively; dotfiles skipped). Missing paths are listed in `errors`.
 */
export function listPageFiles(paths: readonly string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    const listed = listFiles(path);
    if (listed === undefined) errors.push(`${path}: no such file or directory`);
    else files.push(...listed);
  }
  return { files, errors };
}

/** The page files a path names, or undefined when it does not exist. */
function listFiles(path: string): string[] | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined; // missing path: reported by the caller
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(path, name));
}
