import type { Article, HotlineReport, SafetyReport } from '../types.js';

/** Where an answer comes from: the article or report item it was read from. */
export interface AnswerSource {
  readonly id: string;
  readonly title: string;
  readonly date: string | null;
}

/** A jieba word with its part-of-speech tag. */
export interface Tagged {
  readonly word: string;
  readonly tag: string;
}

/** One answer to a reader's question, as `newsbot ask --json` prints it. */
export interface Answer {
  /** Plain text (not HTML): the fact asked for (城西区年内引进19条项目线索), or the computed statement. */
  readonly text: string;
  /** The part of `text` that answers the question (shown in bold); '' when none stands out. */
  readonly highlight: string;
  readonly kind: 'hotline' | 'article';
  /** The article's whole sentence the fact was read from (shown one tap away); absent for report numbers. */
  readonly sentence?: string;
  readonly source: AnswerSource;
}

/** A report item's head: what an answer names as its source. */
export type ReportItem = Pick<Article, 'id' | 'kind' | 'title' | 'date' | 'source'>;

/** The stored reports an answer is computed from (plain data the app passes in). */
export interface Reports {
  readonly hotline: readonly HotlineReport[];
  readonly safety: readonly SafetyReport[];
}

/** The reports with their items (of kind `hotline` and `safety`), to name a report as an answer's source. */
export interface ReportSet extends Reports {
  readonly items: readonly ReportItem[];
}
