/**
 * Replies over years of reports. Every reply asks the stored reports (is the
 * text a question about report numbers?), and a daily paper prints one
 * hotline and one safety report a day: ten years are some 7,300. A DATA_DIR
 * holds the seeds and a report page for each day of `years` (the seed page
 * with reports, its dates moved to that day); the built bot runs over the
 * fake Bot API and answers plain searches and questions about the reports.
 * Printed: one read of every report from the store (what a reply paid each
 * time before store/reportCache.ts kept them), and reply p50 / p95 of each kind.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../src/store/index.js';
import type { ParsedPage } from '../src/types.js';
import { withBot } from './archiveBench.js';
import { createRandom, makeQueries } from './synthetic.js';
import { markdownTable } from './table.js';
import { quantile } from './stats.js';

export interface ReportsBenchRow {
  readonly years: number;
  readonly reports: number;
  readonly readAllMs: number;
  readonly searchP50Ms: number;
  readonly searchP95Ms: number;
  readonly questionP50Ms: number;
  readonly questionP95Ms: number;
}

const DAY_MS = 86_400_000;
/** The first day of the stored reports. */
const FIRST_DAY = Date.UTC(2016, 0, 1);

/** The quantile in ms, to a tenth. */
const ms = (values: readonly number[], q: number) => Math.round(quantile(values, q) * 10) / 10;

/** The seed report page moved to `date`: its items get ids of their own, its reports that day. */
function pageOn(template: ParsedPage, date: string): ParsedPage {
  const id = (text: string) => createHash('sha256').update(`${text} ${date}`).digest('hex').slice(0, 12);
  const edition = { date, page: '3', estimated: false };
  return {
    ...template,
    source: `reports-${date}.txt`,
    contentHash: createHash('sha256').update(`bench report page ${date}`).digest('hex'),
    pageDate: date,
    edition,
    editionBasis: 'header',
    items: template.items.map((item) => ({ ...item, id: id(item.id), date, edition })),
    hotline: template.hotline.map((report) => ({ ...report, date, source: id(report.source) })),
    safety: template.safety.map((report) => ({ ...report, date, source: id(report.source) })),
  };
}

/** Questions about the reports, as readers ask them, for days drawn from the stored span. */
function reportQuestions(days: number, count: number): string[] {
  const random = createRandom(7);
  const kinds = [
    (m: number, d: number) => `${m}月${d}日12345热线接了多少电话？`,
    (m: number, d: number) => `${m}月${d}日热线有多少网民留言`,
    (m: number, d: number) => `${m}月${d}日安全隐患举报有多少件？`,
    () => '排第二的热点是什么',
  ];
  return Array.from({ length: count }, (_unused, i) => {
    const day = new Date(FIRST_DAY + Math.floor(random() * days) * DAY_MS);
    return kinds[i % kinds.length]!(day.getUTCMonth() + 1, day.getUTCDate());
  });
}

export async function runReportsBench(options: {
  readonly pages: readonly ParsedPage[];
  readonly years?: readonly number[];
  readonly progress: (line: string) => void;
}): Promise<ReportsBenchRow[]> {
  const template = options.pages.find((page) => page.hotline.length > 0 && page.safety.length > 0);
  if (!template) throw new Error('reports bench: no seed page holds a hotline and a safety report');
  const searches = makeQueries(options.pages.flatMap((page) => page.items), 60);
  const rows: ReportsBenchRow[] = [];
  for (const years of options.years ?? [10]) {
    const days = Math.round(years * 365.25);
    const dataDir = mkdtempSync(path.join(tmpdir(), `newsbot-reports-${years}-`));
    try {
      options.progress(`reports ${years} years: storing ${days} report pages`);
      const store = openSqliteStore(path.join(dataDir, 'newsbot.db'));
      for (let day = 0; day < days; day++) await store.pages.savePage(pageOn(template, new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10)), new Date());
      const reads: number[] = [];
      let reports = 0;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const { hotline, safety } = await store.pages.allReports();
        reads.push(performance.now() - started);
        reports = hotline.length + safety.length;
      }
      await store.close();

      options.progress(`reports ${years} years: the bot over a fake Bot API`);
      const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
      const row = await withBot(env, async ({ ask }) => {
        const time = async (texts: readonly string[]) => {
          const ms: number[] = [];
          for (const text of texts) ms.push((await ask(text)).ms);
          return ms;
        };
        const plain = await time(searches);
        const questions = await time(reportQuestions(days, 60));
        return {
          years,
          reports,
          readAllMs: ms(reads.slice(1), 0.5),
          searchP50Ms: ms(plain, 0.5),
          searchP95Ms: ms(plain, 0.95),
          questionP50Ms: ms(questions, 0.5),
          questionP95Ms: ms(questions, 0.95),
        };
      });
      rows.push(row);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function formatReportsTable(rows: readonly ReportsBenchRow[]): string {
  const header = ['years of reports', 'reports', 'one read of all ms', 'search reply p50 ms', 'p95 ms', 'report question p50 ms', 'p95 ms'];
  const lines = rows.map((row) => [
    String(row.years),
    String(row.reports),
    row.readAllMs.toFixed(1),
    row.searchP50Ms.toFixed(1),
    row.searchP95Ms.toFixed(1),
    row.questionP50Ms.toFixed(1),
    row.questionP95Ms.toFixed(1),
  ]);
  return [...markdownTable(header, lines, 0), '', 'Replies read the reports only when the store holds others (store/reportCache.ts).'].join('\n');
}
