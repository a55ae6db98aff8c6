import { createHash } from 'node:crypto';
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
