/**
 * Page files → the store. The one place that decides what is new: a page's
 * content hash is looked up before it is parsed, so a stored page is never
 * parsed again (at start, by the inbox poll, or by a second `newsbot ingest`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { calendarDay } from '../calendar.js';
import {
  datePage,
  decideEdition,
  hashPage,
  listPageFiles,
  PAGE_MAX_BYTES,
  pageFileKind,
  pageSizeLimit,
  pageTooLarge,
  parsePage,
  parsePageOffThread,
  readPageFile,
  safePageFileName,
} from '../corpus/index.js';
import { writeFileDurably, type DurableWriter } from '../durableFile.js';
import type { Logger } from '../logger.js';
import { isPrintedKind, readPrintedPageOffThread } from '../print/index.js';
import type { Article, Clock, HotlineReport, IngestedFile, IngestSummary, PageStore, ParsedPage, SafetyReport } from '../types.js';

export interface IngestOptions {
  readonly pages: PageStore;
  /** Where new pages are kept as files (DATA_DIR/inbox), so the store can be rebuilt; null keeps none. */
  readonly inboxDir: string | null;
  readonly logger: Logger;
  /** Stamps `ingested_at` and gives the ingest day that bounds an estimated edition (the root's clock). */
  readonly clock: Clock;
  /** Time zone of the ingest day (default `Asia/Shanghai`). */
  readonly timeZone?: string;
  /** Writes the inbox copy of a new page (default: temp file, fsync, rename); tests inject a full disk. */
  readonly writeInboxFile?: DurableWriter;
  /**
   * Parses a page away from the event loop: uploads, and the paths of `ingestPaths` with
   * `offThread` (default `parsePageOffThread`, a worker thread; tests pass a recording one).
   */
  readonly parseOffThread?: (bytes: Uint8Array, source: string) => Promise<ParsedPage | { error: string }>;
  /**
   * Reads a PDF or image page, always in a worker thread (default `readPrintedPageOffThread`:
   * PDF.js, and OCR where a page has no usable text layer).
   */
  readonly readPrinted?: (bytes: Uint8Array, source: string) => Promise<ParsedPage | { error: string }>;
  /** Called after every run that stored something new (the search index adds the new articles). */
  readonly onStored?: (summary: IngestSummary) => void | Promise<void>;
}

export interface IngestPathsOptions {
  /** Copy new pages into the inbox (default true). */
  readonly keep?: boolean;
  /**
   * Parse new pages in a worker thread (default false): what a running bot asks for (the
   * inbox poll), so that a big page does not hold readers' replies; a one-off command need not.
   */
  readonly offThread?: boolean;
}

export interface IngestService {
  /**
   * Reads page files or directories into the store (idempotent by content hash). With
   * `keep` (default true) new pages are also copied into the inbox; with `offThread`
   * (default false) new pages are parsed in a worker thread.
   */
  ingestPaths(paths: readonly string[], options?: IngestPathsOptions): Promise<IngestSummary>;
  /**
   * Ingests one uploaded file, parsed in a worker thread so that the caller's event loop
   * keeps answering; the name is made safe first (`safePageFileName`). A new page is also
   * kept in the inbox. A date in the admin's `caption` dates a page whose header and file
   * name give none.
   */
  ingestUpload(bytes: Uint8Array, fileName: string, caption?: string): Promise<IngestSummary>;
}

/** A page read from disk or an upload, before it is known to be new. */
interface PageFile {
  readonly source: string;
  readonly bytes: Uint8Array;
}

type Parse = (bytes: Uint8Array, source: string) => ParsedPage | { error: string } | Promise<ParsedPage | { error: string }>;

export function createIngestService(options: IngestOptions): IngestService {
  const { pages, inboxDir, logger } = options;
  const clock = options.clock;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const writeInboxFile = options.writeInboxFile ?? writeFileDurably;
  const parseOffThread = options.parseOffThread ?? ((bytes: Uint8Array, source: string) => parsePageOffThread(bytes, source));
  const readPrinted = options.readPrinted ?? ((bytes: Uint8Array, source: string) => readPrintedPageOffThread(bytes, source));
  /** A text page goes to `parse`; a PDF or an image always to the print reader's worker. */
  const byKind =
    (parse: Parse): Parse =>
    (bytes, source) =>
      isPrintedKind(pageFileKind(bytes)) ? readPrinted(bytes, source) : parse(bytes, source);

  /**
   * A page stored before editions existed is parsed once more, only to date it from the day
   * it was ingested then; every other stored page is skipped unparsed.
   */
  const dateStoredPage = async (file: PageFile, hash: string, storedAt: string, parse: Parse): Promise<boolean> => {
    const parsed = await parse(file.bytes, file.source);
    if ('error' in parsed) return false;
    const { edition, basis } = decideEdition(parsed.editionClues, { ingestDay: calendarDay(new Date(storedAt), timeZone) });
    await pages.setPageEdition(hash, edition, basis);
    return true;
  };

  const ingest = async (
    files: readonly PageFile[],
    warnings: string[],
    errors: readonly string[],
    { keep, caption, parse: parseText = parsePage }: { keep: boolean; caption?: string; parse?: Parse },
  ) => {
    const parse = byKind(parseText);
    const ingested: IngestedFile[] = [];
    const problems: string[] = [];
    const newArticles: Article[] = [];
    const newHotline: HotlineReport[] = [];
    const newSafety: SafetyReport[] = [];
    const undated = await pages.undatedPages();
    let redatedPages = 0;
    const now = clock.now();
    const ingestDay = calendarDay(now, timeZone);
    for (const file of files) {
      const source = path.basename(file.source);
      const hash = hashPage(file.bytes);
      if (await pages.hasPage(hash)) {
        const storedAt = undated.get(hash);
        if (storedAt !== undefined && (await dateStoredPage(file, hash, storedAt, parse))) redatedPages++;
        ingested.push({ source, added: false, articles: 0, hotline: 0, safety: 0, warnings: [] });
        continue;
      }
      const parsed = await parse(file.bytes, file.source);
      if ('error' in parsed) {
        warnings.push(`${file.source}: ${parsed.error}, skipped`);
        continue;
      }
      const page = datePage(parsed, { ingestDay, ...(caption === undefined ? {} : { caption }) });
      // The copy is written (and fsynced) before the store commit: the store never holds a page
      // the inbox could not rebuild it from. A page whose copy cannot be written (full disk) is
      // not stored: an error naming the file; ingesting it again later works.
      if (keep && inboxDir) {
        try {
          keepInInbox(inboxDir, page, file.bytes, writeInboxFile);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const problem = `${page.source}: not ingested: its copy could not be written to ${inboxDir} (${reason})`;
          logger.error({ source: page.source }, problem);
          problems.push(problem);
          continue;
        }
      }
      const saved = await pages.savePage(page, now);
      ingested.push({
        source: page.source,
        added: saved.added,
        articles: page.items.filter((item) => item.kind === 'article').length,
        hotline: page.hotline.length,
        safety: page.safety.length,
        warnings: page.warnings,
        ...(page.reading ? { reading: page.reading } : {}),
      });
      if (!saved.added) continue; // another process stored it meanwhile
      for (const warning of page.warnings) logger.warn({ source: page.source }, warning);
      newArticles.push(...saved.articles);
      newHotline.push(...page.hotline);
      newSafety.push(...page.safety);
    }
    // When nothing at all could be read, the caller turns the first warning into its error line.
    if (ingested.length > 0) for (const warning of warnings) logger.warn(warning);
    const summary: IngestSummary = {
      files: ingested,
      newArticles,
      newHotline,
      newSafety,
      redatedPages,
      warnings: [...warnings, ...problems],
      errors: [...errors, ...problems],
    };
    if (newArticles.length + newHotline.length + newSafety.length + redatedPages > 0) await options.onStored?.(summary);
    return summary;
  };

  return {
    ingestPaths(paths, { keep = true, offThread = false } = {}) {
      const listed = listPageFiles(paths);
      const warnings: string[] = [];
      const files: PageFile[] = [];
      for (const file of listed.files) {
        const bytes = readPageFile(file, warnings);
        if (bytes) files.push({ source: file, bytes });
      }
      return ingest(files, warnings, listed.errors, { keep, ...(offThread ? { parse: parseOffThread } : {}) });
    },
    async ingestUpload(bytes, fileName, caption) {
      const fallback = `upload-${hashPage(bytes).slice(0, 12)}.txt`;
      const source = safePageFileName(fileName, fallback);
      const limit = pageSizeLimit(pageFileKind(bytes), PAGE_MAX_BYTES);
      if (bytes.length > limit) {
        const warning = `${source}: ${pageTooLarge(bytes.length, limit)}, skipped`;
        logger.warn(warning);
        return { files: [], newArticles: [], newHotline: [], newSafety: [], redatedPages: 0, warnings: [warning], errors: [] };
      }
      const summary = await ingest([{ source, bytes }], [], [], {
        keep: true,
        ...(caption === undefined ? {} : { caption }),
        parse: parseOffThread,
      });
      for (const warning of summary.warnings) logger.warn(warning);
      return summary;
    },
  };
}

/**
 * Keeps a new page's bytes in the inbox, so the store can always be rebuilt from
 * files. Another page already there under the same name (each day's export called
 * page.txt) is not overwritten: this one gets its content hash in its name instead.
 */
function keepInInbox(inboxDir: string, page: ParsedPage, bytes: Uint8Array, write: DurableWriter): void {
  const target = path.join(inboxDir, page.source);
  if (!existsSync(target)) return write(target, bytes);
  if (createHash('sha256').update(readFileSync(target)).digest('hex') === page.contentHash) return;
  const { name, ext } = path.parse(page.source);
  const renamed = path.join(inboxDir, `${name}.${page.contentHash.slice(0, 8)}${ext}`);
  if (!existsSync(renamed)) write(renamed, bytes);
}
