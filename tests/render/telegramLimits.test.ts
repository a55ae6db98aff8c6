import { describe, expect, it } from 'vitest';
import { createPushRenderer } from '../../src/push/index.js';
import {
  createI18n,
  formatArticle,
  formatHotlineReport,
  formatSearchPage,
  formatTrendCaption,
  htmlToPlain,
  MESSAGE_LIMIT,
  REPORT_LIST_MAX,
  translatorFor,
} from '../../src/render/index.js';
import { createTrendChartRenderer, summariseTrend } from '../../src/trend/index.js';
import type { Article, HotlineReport, SafetyReport } from '../../src/types.js';
import { GUARD } from '../bot/fixtures.js';
import { HOT_TOPICS } from '../trend/helpers.js';

/**
 * Telegram counts a message's length after its HTML is parsed: 4096 characters for a
 * message, 1024 for a photo's caption. Each case feeds the longest input a misread page
 * can produce (an OCR slip turns a column into a "title", a table into 200 channels).
 */
const i18n = createI18n();
const zh = translatorFor(i18n, 'zh');
const en = translatorFor(i18n, 'en');
const shown = (html: string) => Array.from(htmlToPlain(html)).length;

const many = (n: number, name: (i: number) => string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), i + 1]));
const HUGE_REPORT: HotlineReport = {
  date: '2025-02-20',
  calls: 1215,
  messages: 86,
  channels: many(200, (i) => `渠道${i}`.padEnd(120, '网')),
  direct: 900,
  transferred: 315,
  callbacks: 480,
  hot: Array.from({ length: 200 }, (_, i) => ({ topic: `问题${i}`.padEnd(500, '管'), count: 200 - i })),
  source: 'page.txt',
};
const HUGE_PREVIOUS: HotlineReport = { ...HUGE_REPORT, date: '2025-02-19', channels: many(200, (i) => `旧渠道${i}`) };
const HUGE_SAFETY: SafetyReport = {
  date: '2025-02-20',
  total: 999,
  sources: many(200, (i) => `来源${i}`.padEnd(90, '源')),
  topics: Array.from({ length: 200 }, (_, i) => `隐患${i}`.padEnd(300, '患')),
  source: 'page.txt',
};

describe('every reply fits Telegram\'s limits', () => {
  it.each([
    ['zh', zh],
    ['en', en],
  ])('a hotline report with 200 long channels, hot issues and safety items stays one message (%s)', (_lang, t) => {
    const text = formatHotlineReport(HUGE_REPORT, HUGE_PREVIOUS, HUGE_SAFETY, t);
    expect(shown(text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const lines = text.split('\n');
    // 15 channels of this report, then "…" for the other 185 and the 200 that vanished since the one before
    const channels = lines.filter((line) => line.startsWith('　· 渠道'));
    expect(channels).toHaveLength(REPORT_LIST_MAX);
    expect(lines[lines.indexOf(channels.at(-1)!) + 1]).toBe('…');
  });

  it('cuts each name of a report to 30 characters and lists 15 of each kind, then "…"', () => {
    const text = formatHotlineReport(HUGE_REPORT, undefined, HUGE_SAFETY, zh);
    const lines = text.split('\n');
    expect(lines.find((line) => line.startsWith('　· 渠道'))).toBe(`　· 渠道0${'网'.repeat(26)}…：1 件`);
    const hot = lines.filter((line) => /^\d+\. 问题/.test(line));
    expect(hot).toHaveLength(REPORT_LIST_MAX);
    expect(hot[0]).toBe(`1. 问题0${'管'.repeat(26)}…：200 件`);
    expect(lines[lines.indexOf(hot.at(-1)!) + 1]).toBe('…');
    const topics = lines.find((line) => line.startsWith('涉及：'))!;
    expect(topics.split('、')).toHaveLength(REPORT_LIST_MAX + 1);
    expect(topics.endsWith('、…')).toBe(true);
  });

  it('the daily summary of such a report (heading, report, buttons) stays one message', () => {
    const message = createPushRenderer(i18n, createTrendChartRenderer()).summary({ report: HUGE_REPORT, previous: HUGE_PREVIOUS, safety: HUGE_SAFETY }, 'zh');
    expect(shown(message.text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it('a trend caption naming five hot issues of 500 characters stays under the 1024-character caption limit', () => {
    const reports = ['2025-02-18', '2025-02-19', '2025-02-20'].map((date, d) => ({
      ...HUGE_REPORT,
      date,
      channels: {},
      hot: Array.from({ length: 5 }, (_, i) => ({ topic: `问题${i}`.padEnd(500, '管'), count: 100 - i - d })),
    }));
    const summary = summariseTrend(reports, '2025-02-14', '2025-02-20', HOT_TOPICS);
    for (const t of [zh, en]) {
      for (const weekly of [false, true]) expect(shown(formatTrendCaption(summary, t, weekly))).toBeLessThanOrEqual(1024);
    }
    expect(formatTrendCaption(summary, zh)).toContain(`问题0${'管'.repeat(26)}…`);
  });

  it('an article with 1,000 reporters and a 5,000-character title is read in messages of at most 4096 characters', () => {
    const article: Article = {
      ...GUARD,
      title: '题'.repeat(5000),
      kicker: '引'.repeat(5000),
      subtitle: '副'.repeat(5000),
      reporters: Array.from({ length: 1000 }, (_, i) => `记者${i}`),
      body: '正文。'.repeat(3000),
    };
    const parts = formatArticle(article, zh);
    for (const part of parts) expect(shown(part)).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const head = parts[0]!.split('\n');
    expect(head[3]).toMatch(/^记者：记者0、记者1、.*…$/u);
    expect(Array.from(head[3]!.slice('记者：'.length))).toHaveLength(200);
  });

  it('a results page of five hits with 5,000-character titles and a 50-character query stays one message', () => {
    const hits = Array.from({ length: 5 }, (_, i) => ({
      id: `id${i}`,
      title: `${i}`.padEnd(5000, '题'),
      date: null,
      source: 'page.txt',
      edition: { date: '2025-02-20', page: '3', estimated: false },
      snippet: `<b>${'护'.repeat(120)}</b>`,
      score: 1,
    }));
    const text = formatSearchPage(
      { query: '护'.repeat(50), words: '护'.repeat(50), total: 5000, results: hits, span: null, sort: 'relevance', nearest: false },
      1000,
      zh,
    );
    expect(shown(text)).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it.each(['rate-limited', 'error-generic', 'search-expired', 'article-missing', 'group-admins-only'])(
    'the button answer %s is a sentence of at most 200 characters in both languages',
    (id) => {
      for (const t of [zh, en]) {
        const text = t(id);
        expect(text).not.toBe(id); // a missing translation would show its id
        expect(Array.from(text).length).toBeLessThanOrEqual(200);
        expect(text).not.toMatch(/<|Call to|undefined/);
      }
    },
  );
});
