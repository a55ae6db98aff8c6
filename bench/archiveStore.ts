import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../src/store/index.js';
import type { Article, ParsedPage } from '../src/types.js';
import { syntheticArticles } from './synthetic.js';

/** Articles per synthetic page, as on a real page of the paper. */
export const PER_PAGE = 20;

/**
 * Stores `count` synthetic articles (makeCorpus, seed 1) as pages of
 * PER_PAGE in a SQLite store at `dataDir/newsbot.db`, the way years of
 * ingests would have. Generated page by page, so a million articles never
 * sit in memory at once.
 */
export async function fillStore(dataDir: string, seeds: readonly Article[], count: number): Promise<void> {
  if (count === 0) return;
  const db = openSqliteStore(path.join(dataDir, 'newsbot.db'));
  const save = async (items: readonly Article[]) => {
    const first = items[0]!;
    const page: ParsedPage = {
      source: first.source,
      contentHash: createHash('sha256').update(`bench page ${first.id}`).digest('hex'),
      pageDate: first.date,
      edition: first.edition,
      editionBasis: 'header',
      editionClues: { header: { date: first.edition.date, page: first.edition.page }, file: { date: null, page: null }, mentions: [] },
      items,
      hotline: [],
      safety: [],
      warnings: [],
    };
    await db.pages.savePage(page, new Date());
  };
  try {
    let items: Article[] = [];
    for (const article of syntheticArticles(seeds, count)) {
      items.push(article);
      if (items.length < PER_PAGE) continue;
      await save(items);
      items = [];
    }
    if (items.length > 0) await save(items);
  } finally {
    await db.close();
  }
}

/**
 * A stored archive of `count` synthetic articles to read: kept under
 * `cacheDir` (BENCH_DATA_DIR) between runs when one is given, since storing
 * a million articles takes many minutes; else stored in `scratchDir`.
 * Returns the DATA_DIR holding newsbot.db. Its readers never write to it.
 */
export async function storedArchive(seeds: readonly Article[], count: number, cacheDir: string | undefined, scratchDir: string): Promise<string> {
  if (!cacheDir) {
    await fillStore(scratchDir, seeds, count);
    return scratchDir;
  }
  const dir = path.join(cacheDir, `archive-${count}`);
  if (existsSync(path.join(dir, 'newsbot.db'))) return dir;
  // Filled beside, then renamed: a run stopped halfway leaves no archive that looks whole.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await fillStore(partial, seeds, count);
  renameSync(partial, dir);
  return dir;
}
