/**
 * The paper as published, through the shipped product: test pages made from
 * seed 003 (bench/paperPages.ts) as a PDF with a text layer, the same PDF
 * without character maps, a 300-dpi scan and a phone photo, ingested by
 * `newsbot ingest`, the inbox of a running `newsbot start` and an admin's
 * upload through a fake Bot API. The articles, report numbers and edition
 * must be those of the seed text. OCR pages are a third of a page (a report
 * box and an article) to keep the suite short.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fakeBotApi.js';
import { characterAccuracy } from '../../bench/pageFidelity.js';
import { layoutPaperPage, renderPaperImage, renderPaperPdf, stripCharacterMaps } from '../../bench/paperPages.js';
import { parsePage } from '../../src/corpus/index.js';
import { PROJECT_ROOT, SEEDS_DIR } from '../../src/paths.js';
import type { Article, ParsedPage } from '../../src/types.js';
import { runNode, type NodeRun } from '../helpers/runNode.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
const SEED = '003_7f32786b762ade4c.txt';
const EDITION = { date: '2025-02-21', page: '3', estimated: false };
/** OCR of a page takes tens of seconds of CPU; a loaded machine stretches that. */
const OCR_TIMEOUT = 600_000;

let dir: string;
let dataDir: string;
let reference: ParsedPage;
/** The items of the third of a page the OCR tests read: the report box and the shortest article. */
let ocrItems: Article[];

function newsbot(args: string[], env: Record<string, string> = {}): Promise<NodeRun> {
  return runNode(CLI, args, { cwd: dir, env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env } });
}

async function storedArticles(): Promise<Article[]> {
  const run = await newsbot(['articles', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Article[];
}

interface HotlineJson {
  hotline: Record<string, unknown>[];
  safety: Record<string, unknown>[];
}

/** The report numbers of a source, without the source. */
async function storedReports(source: string): Promise<{ hotline: unknown[]; safety: unknown[] }> {
  const run = await newsbot(['hotline', '--json']);
  const json = JSON.parse(run.stdout) as HotlineJson;
  const strip = (reports: Record<string, unknown>[]) => reports.filter((r) => r.source === source).map(withoutSource);
  return { hotline: strip(json.hotline), safety: strip(json.safety) };
}

/** A report's numbers without its `source` (the file name differs between the text and the PDF). */
function withoutSource(report: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'source'));
}

const referenceReports = (page: ParsedPage) => ({ hotline: page.hotline.map(withoutSource), safety: page.safety.map(withoutSource) });

/** Characters of the reference items read right, over all of them (each against the stored item of the same title, else the most similar). */
function accuracyOf(expected: readonly Article[], read: readonly Article[]): number {
  let right = 0;
  let total = 0;
  for (const item of expected) {
    const best = Math.max(0, ...read.map((r) => characterAccuracy(item.body, r.body)));
    right += best * item.body.length;
    total += item.body.length;
  }
  return right / total;
}

function pdfOf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A6', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  draw(doc);
  doc.end();
  return done;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-paper-'));
  dataDir = path.join(dir, 'data');
  const parsed = parsePage(readFileSync(path.join(SEEDS_DIR, SEED)), SEED, { ingestDay: '2026-12-31' });
  if ('error' in parsed) throw new Error(parsed.error);
  reference = parsed;
  const articles = parsed.items.filter((item) => item.kind === 'article');
  const shortest = articles.reduce((a, b) => (b.body.length < a.body.length ? b : a));
  ocrItems = [...parsed.items.filter((item) => item.kind !== 'article'), shortest];
  const edition = { date: EDITION.date, page: 3, section: '要闻' };
  const full = layoutPaperPage(parsed.items, edition);
  const third = layoutPaperPage(ocrItems, edition, 2);
  writeFileSync(path.join(dir, 'page.pdf'), await renderPaperPdf(full));
  writeFileSync(path.join(dir, 'nocmap.pdf'), stripCharacterMaps(await renderPaperPdf(third)));
  writeFileSync(path.join(dir, 'scan.png'), renderPaperImage(third, { dpi: 300 }));
  writeFileSync(path.join(dir, 'phone.jpg'), renderPaperImage(third, { dpi: 150, rotateDegrees: 1.2, noise: 10, light: 0.65, format: 'jpeg', seed: 5 }));
  writeFileSync(path.join(dir, 'damaged.pdf'), (await renderPaperPdf(third)).subarray(0, 3000));
  writeFileSync(path.join(dir, 'encrypted.pdf'), await pdfOf((doc) => doc.text('secret'), { userPassword: 'pw' }));
  writeFileSync(path.join(dir, 'english.pdf'), await pdfOf((doc) => doc.fontSize(14).text('Quarterly report. Sales rose in every region this year.')));
  writeFileSync(path.join(dir, 'huge.pdf'), '%PDF-1.7\n');
  truncateSync(path.join(dir, 'huge.pdf'), 30 * 1024 * 1024 + 1);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PDF and image pages through newsbot ingest', () => {
  it('reads a PDF page from its text layer: the seed text\'s articles, numbers and the edition in the masthead', async () => {
    const run = await newsbot(['ingest', path.join(dir, 'page.pdf')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('page.pdf: 4 articles, 1 hotline report, 1 safety report (PDF text layer, 1 page)\n');
    const read = (await storedArticles()).filter((a) => a.source === 'page.pdf');
    const pick = ({ kind, title, kicker, subtitle, reporters }: Article) => ({ kind, title, kicker, subtitle, reporters });
    expect(read.map(pick).sort((a, b) => a.title.localeCompare(b.title))).toEqual(reference.items.map(pick).sort((a, b) => a.title.localeCompare(b.title)));
    for (const item of reference.items) {
      const same = read.find((r) => r.title === item.title)!;
      expect(characterAccuracy(item.body, same.body), item.title).toBeGreaterThanOrEqual(0.99);
    }
    expect(new Set(read.map((a) => JSON.stringify(a.edition)))).toEqual(new Set([JSON.stringify(EDITION)]));
    expect(await storedReports('page.pdf')).toEqual(referenceReports(reference));
    expect(readdirSync(path.join(dataDir, 'inbox'))).toContain('page.pdf');
  }, 120_000);

  it('reads a PDF whose fonts lost their character maps by OCR, and says so', async () => {
    const run = await newsbot(['ingest', path.join(dir, 'nocmap.pdf')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'nocmap.pdf: 1 article, 1 hotline report, 1 safety report (PDF, 1 page, read by OCR (page 1: glyph numbers instead of characters (fonts without a character map)))\n',
    );
    const read = (await storedArticles()).filter((a) => a.source === 'nocmap.pdf');
    expect(accuracyOf(ocrItems, read)).toBeGreaterThanOrEqual(0.97);
    expect(await storedReports('nocmap.pdf')).toEqual(referenceReports(reference));
  }, OCR_TIMEOUT);

  it('gives one line for a damaged, encrypted, non-newspaper or too large file, and stores nothing of it', async () => {
    const before = (await storedArticles()).length;
    const cases: [string, string][] = [
      ['damaged.pdf', 'a damaged PDF (it cannot be read)'],
      ['encrypted.pdf', 'an encrypted PDF (it needs a password)'],
      ['english.pdf', 'not a newspaper page (almost no Chinese text)'],
      ['huge.pdf', 'too large for a page (31457281 bytes; the limit is 31457280 bytes, 30 MB)'],
    ];
    for (const [file, reason] of cases) {
      const run = await newsbot(['ingest', path.join(dir, file)]);
      expect([run.code, run.stdout, run.stderr]).toEqual([1, '', `newsbot: ${path.join(dir, file)}: ${reason}\n`]);
    }
    expect((await storedArticles()).length).toBe(before);
    expect(readdirSync(path.join(dataDir, 'inbox')).sort()).toEqual(['nocmap.pdf', 'page.pdf']);
  }, OCR_TIMEOUT);
});

/**
 * Resolves when `check` gives a value, looking again every 200 ms; on time-out the error
 * carries the end of `log` (the bot's stderr), so a failure says what the bot was doing.
 */
function until<T>(check: () => T | undefined, ms: number, log: () => string = () => ''): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const found = check();
      if (found !== undefined) return resolve(found);
      if (Date.now() - started > ms) return reject(new Error(`timed out after ${ms} ms; the bot's log ends:\n${log().slice(-4000)}`));
      setTimeout(look, 200);
    };
    look();
  });
}

describe('PDF and image pages into the running bot: the inbox and an admin\'s upload', () => {
  let api: FakeBotApi;
  let bot: ChildProcess;
  let botData: string;
  let stderr = '';

  beforeAll(async () => {
    botData = path.join(dir, 'bot-data');
    api = await startFakeBotApi({ files: new Map([['phone-photo', readFileSync(path.join(dir, 'phone.jpg'))]]) });
    bot = spawn(process.execPath, [CLI, 'start'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: botData, ADMIN_IDS: '77', LOG_LEVEL: 'info', WEBHOOK_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    bot.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await until(() => (api.methods.get('getUpdates') ? true : undefined), 120_000, () => stderr);
  }, 180_000);

  afterAll(async () => {
    if (bot.exitCode === null) {
      const exited = once(bot, 'exit');
      bot.kill('SIGTERM');
      await exited;
    }
    await api.close();
  });

  it('ingests a 300-dpi scan dropped into the inbox, and an admin\'s phone photo sent as a document', async () => {
    copyFileSync(path.join(dir, 'scan.png'), path.join(botData, 'inbox', 'scan.png'));
    // the poll's line naming the scan: a reader that crashed or hung logs the poll without it, and reads again
    await until(() => (/"files":\["scan\.png"\].*inbox: ingested new pages/u.test(stderr) ? true : undefined), OCR_TIMEOUT, () => stderr);

    api.pushUpdate({
      update_id: 900,
      message: {
        message_id: 900,
        date: 1740000000,
        chat: { id: 77, type: 'private', first_name: 'Admin' },
        from: { id: 77, is_bot: false, first_name: 'Admin', language_code: 'zh' },
        document: { file_id: 'phone-photo', file_unique_id: 'phone-photo', file_name: 'phone.jpg', file_size: readFileSync(path.join(dir, 'phone.jpg')).length },
      },
    });
    const answer = await until(() => api.messages.find((m) => m.chatId === 77 && m.text.startsWith('📥')), OCR_TIMEOUT, () => stderr);
    expect(answer.text).toBe(
      '📥 <b>phone.jpg</b>：已导入。\n新文章 1 篇，热线日报 1 期，安全隐患日报 1 期。\n\n' +
        '🖨 用文字识别（OCR）读出：JPEG image 1949×1182, read by OCR, turned 1.2° straight\n\n' +
        '新内容已交给推送：符合时间的订阅者会收到日报，关注者会收到提醒。',
    );

    const exited = once(bot, 'exit');
    bot.kill('SIGTERM');
    expect((await exited)[0], stderr).toBe(0);
    dataDir = botData;
    const stored = await storedArticles();
    for (const source of ['scan.png', 'phone.jpg']) {
      const read = stored.filter((a) => a.source === source);
      expect(accuracyOf(ocrItems, read), source).toBeGreaterThanOrEqual(source === 'scan.png' ? 0.97 : 0.93);
      expect(read.every((a) => JSON.stringify(a.edition) === JSON.stringify(EDITION)), source).toBe(true);
    }
    expect(await storedReports('scan.png')).toEqual(referenceReports(reference));
    expect(readdirSync(path.join(botData, 'inbox')).sort()).toEqual(['phone.jpg', 'scan.png']);
  }, 2 * OCR_TIMEOUT);
});
