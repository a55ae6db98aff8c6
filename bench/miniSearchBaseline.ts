import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import { createTokenizer } from '../src/search/index.js';
import type { Article } from '../src/types.js';
import { allArticles, type BenchSystem } from './baselines.js';

interface Doc {
  readonly id: number;
  readonly title: string;
  readonly body: string;
}

/**
 * Baseline 3: MiniSearch, the design newsbot started with, fed by newsbot's
 * own tokenizer (jieba words for title and body, Han bigrams as a fallback
 * field). Kept in the bench so the reason newsbot's search has its own
 * compact BM25 index (src/search/bm25.ts) can be measured again by anyone.
 */
export function createMiniSearchBaseline(): BenchSystem {
  const tokenizer = createTokenizer();
  const options: Options<Doc> = {
    fields: ['title', 'body', 'grams'],
    extractField: (doc, field) =>
      field === 'grams' ? `${doc.title}\n${doc.body}` : String(doc[field as keyof Doc]),
    tokenize: (text, field) =>
      field === 'grams' ? [...tokenizer.grams(tokenizer.fold(text)).keys()] : tokenizer.words(text),
    // The tokenizer already folded and lower-cased.
    processTerm: (term) => term,
    searchOptions: { boost: { title: 2 }, combineWith: 'AND' },
  };
  let index: MiniSearch<Doc> | null = null;
  const file = (dir: string) => path.join(dir, 'minisearch.json');
  return {
    name: 'MiniSearch',
    build(archive, dir) {
      index = new MiniSearch<Doc>(options);
      index.addAll(allArticles(archive).map((article: Article, id) => ({ id, title: article.title, body: article.body })));
      writeFileSync(file(dir), JSON.stringify(index));
    },
    load(_articles, dir) {
      index = MiniSearch.loadJSON<Doc>(readFileSync(file(dir), 'utf8'), options);
    },
    query(query) {
      // Words first, as newsbot does; bigrams only when the words find nothing.
      const byWords = index!.search(query, { fields: ['title', 'body'] });
      const results = byWords.length > 0 ? byWords : index!.search(query, { fields: ['grams'] });
      return Math.min(results.length, 10);
    },
    sizeOnDisk: (dir) => statSync(file(dir)).size,
    close() {
      index = null;
    },
  };
}
