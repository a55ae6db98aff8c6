import type { Article, HotlineReport, ParsedPage, SafetyReport } from '../src/types.js';

/** What an undated page holds. */
export interface PageContent {
  readonly items?: readonly Article[];
  readonly hotline?: readonly HotlineReport[];
  readonly safety?: readonly SafetyReport[];
  readonly warnings?: readonly string[];
}

/**
 * A parsed page with no edition (no date, no page number, nothing said about
 * either), holding `content`: what the benchmarks and the tests store
 * directly, without parsing a page file.
 */
export function undatedPage(source: string, contentHash: string, content: PageContent = {}): ParsedPage {
  return {
    source,
    contentHash,
    pageDate: null,
    edition: { date: null, page: null, estimated: false },
    editionBasis: 'none',
    editionClues: { header: { date: null, page: null }, file: { date: null, page: null }, mentions: [] },
    items: content.items ?? [],
    hotline: content.hotline ?? [],
    safety: content.safety ?? [],
    warnings: content.warnings ?? [],
  };
}

/** A day's 12345 hotline report with round figures and one hot issue: what a broadcast sends. */
export function sampleHotlineReport(date: string, source: string): HotlineReport {
  return {
    date,
    calls: 1215,
    messages: 86,
    channels: { 人民网: 32, 微信: 54 },
    direct: 900,
    transferred: 401,
    callbacks: 377,
    hot: [{ topic: '供暖', count: 50 }],
    source,
  };
}
