/**
 * The answer path (issue 19: it adds at most 20 ms p95 to a reply at 100,000
 * articles). bench/questions.json's corpus (the seeds and bench/answer-pages)
 * beside `size` synthetic articles, in one in-memory index; each question is
 * timed as a reply without an answer (the listing and its search: the
 * baseline) and the answer on top (AnswerService.answer: the hotline
 * reports, then the sentences of the listed page's best articles, as the
 * bot reads them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnswerService } from '../src/answer/index.js';
import { readCorpus } from '../src/corpus/index.js';
import { createSilentLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { openSearch, sourceFromArticles } from '../src/search/index.js';
import type { Article } from '../src/types.js';
import { makeCorpus } from './synthetic.js';
import { markdownTable } from './table.js';
import { quantile } from './stats.js';

export interface AnswerBenchRow {
  readonly size: number;
  readonly questions: number;
  readonly answered: number;
  readonly replyP50Ms: number;
  readonly replyP95Ms: number;
  readonly answerP50Ms: number;
  readonly answerP95Ms: number;
}

const QUESTIONS_FILE = path.join(PROJECT_ROOT, 'bench', 'questions.json');

const ms = (value: number) => Math.round(value * 100) / 100;

export async function runAnswerBench(options: { readonly sizes?: readonly number[]; readonly progress: (line: string) => void }): Promise<AnswerBenchRow[]> {
  const set = JSON.parse(readFileSync(QUESTIONS_FILE, 'utf8')) as { today: string; corpus: string[]; questions: { q: string }[] };
  const pages = readCorpus(set.corpus.map((dir) => path.join(PROJECT_ROOT, dir))).pages;
  const own = pages.flatMap((page) => page.items);
  const reports = { hotline: pages.flatMap((page) => page.hotline), safety: pages.flatMap((page) => page.safety) };
  const reportItems = own.filter((item) => item.kind !== 'article');
  const rows: AnswerBenchRow[] = [];
  for (const size of options.sizes ?? [100_000]) {
    const articles: Article[] = [...own, ...makeCorpus(own, size)];
    const byId = new Map(articles.map((article) => [article.id, article]));
    const started = performance.now();
    const index = openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger() });
    options.progress(`answers: ${articles.length} articles indexed in ${Math.round((performance.now() - started) / 1000)} s`);
    const answers = createAnswerService({
      reports: () => reports,
      reportItems: () => reportItems,
      search: (query, searchOptions) => index.search(query, searchOptions),
      getArticle: (id) => byId.get(id),
      tools: index.textTools,
      clock: { now: () => new Date(`${set.today}T12:00:00+08:00`) },
    });
    // As the bot replies: the list of what the question is about (a page of 5), then the answer read from its best hits.
    const reply = async (question: string) => {
      const listing = await answers.listing(question);
      return index.search(listing.query, { limit: 5, today: set.today, nearest: listing.nearest, first: listing.first });
    };
    // Once round to warm the caches, then timed.
    for (const { q } of set.questions) await answers.answer(q, await reply(q));
    const replies: number[] = [];
    const answerTimes: number[] = [];
    let answered = 0;
    for (const { q } of set.questions) {
      const t0 = performance.now();
      const listed = await reply(q);
      const t1 = performance.now();
      if (await answers.answer(q, listed)) answered++;
      answerTimes.push(performance.now() - t1);
      replies.push(t1 - t0);
    }
    index.close();
    rows.push({
      size: articles.length,
      questions: set.questions.length,
      answered,
      replyP50Ms: ms(quantile(replies, 0.5)),
      replyP95Ms: ms(quantile(replies, 0.95)),
      answerP50Ms: ms(quantile(answerTimes, 0.5)),
      answerP95Ms: ms(quantile(answerTimes, 0.95)),
    });
  }
  return rows;
}

export function formatAnswerTable(rows: readonly AnswerBenchRow[]): string {
  return markdownTable(
    ['articles', 'questions', 'answered', 'reply without answer p50 ms', 'p95 ms', 'answer adds p50 ms', 'p95 ms (target ≤ 20)'],
    rows.map((row) => [String(row.size), String(row.questions), String(row.answered), String(row.replyP50Ms), String(row.replyP95Ms), String(row.answerP50Ms), String(row.answerP95Ms)]),
    0,
  ).join('\n');
}
