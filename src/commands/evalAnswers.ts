import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Answer } from '../answer/index.js';
import type { App } from '../services.js';
import { PROJECT_ROOT } from '../paths.js';
import { UserError } from './env.js';

/** The answer set scored by `newsbot eval`: questions with the expected answer, or none. */
export const QUESTIONS_FILE = path.join(PROJECT_ROOT, 'bench', 'questions.json');

/** One question of the set. */
interface EvalQuestion {
  readonly q: string;
  readonly kind: 'hotline' | 'article';
  /** What the answer's highlight must hold (its text, when nothing is highlighted); null: no answer is right. */
  readonly expect: string | null;
}

/** The set: its questions, the pages they are asked of, and the day relative dates count from. */
export interface QuestionSet {
  readonly today: string;
  /** Page paths, relative to the project root. */
  readonly corpus: readonly string[];
  readonly questions: readonly EvalQuestion[];
}

/** How one question fared. */
export interface QuestionOutcome {
  readonly q: string;
  readonly kind: 'hotline' | 'article';
  readonly expect: string | null;
  readonly answer: Answer | null;
  /** 'right', 'wrong' (an answer that misses, or any answer where none is right), 'none' (no answer) */
  readonly verdict: 'right' | 'wrong' | 'none';
  /**
   * The first result listed under the answer is the one that answers: for an
   * article question, an item whose text holds the expected answer; for a
   * hotline question, a hotline or safety report. Null for an unanswerable one.
   */
  readonly firstRight: boolean | null;
}

/** Precision (right among answers given) and coverage (answered among questions that have an answer). */
export interface AnswerSummary {
  readonly kind: 'hotline' | 'article' | 'all';
  readonly questions: number;
  readonly answerable: number;
  readonly answered: number;
  readonly right: number;
  readonly precision: number;
  readonly coverage: number;
  /** Share of the answerable questions whose first listed result is the one that answers. */
  readonly firstRight: number;
  /** Questions the paper cannot answer, and how many of them got an answer line (should be 0). */
  readonly unanswerable: number;
  readonly answeredUnanswerable: number;
}

/**
 * Targets of the issues: a wrong hotline number never; over the whole set, right
 * answers among the answerable (coverage) ≥ 0.85, right among answers given
 * (precision) ≥ 0.95, the first listed result right ≥ 0.90, no answer to a
 * question the paper cannot answer.
 */
export const TARGETS = { hotlinePrecision: 1, precision: 0.95, coverage: 0.85, firstRight: 0.9, answeredUnanswerable: 0 } as const;

/** Reads and checks bench/questions.json (or `file`). */
export function readQuestionSet(file = QUESTIONS_FILE): QuestionSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`eval: cannot read ${file}: ${(error as Error).message}`);
  }
  const set = parsed as Partial<QuestionSet>;
  const valid =
    typeof set.today === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(set.today) &&
    Array.isArray(set.corpus) &&
    Array.isArray(set.questions) &&
    (set.questions as Partial<Record<keyof EvalQuestion, unknown>>[]).every((q) => typeof q.q === 'string' && (q.kind === 'hotline' || q.kind === 'article') && (q.expect === null || typeof q.expect === 'string'));
  if (!valid) throw new UserError(`eval: ${file} needs {today: YYYY-MM-DD, corpus: [..], questions: [{q, kind, expect}]}`);
  return set as QuestionSet;
}

/** Hits listed for a question, as a page of the bot's results. */
const LISTED = 5;

/** Asks every question of the set of `app` (opened on the set's corpus), with "today" at noon in Xining. */
export async function scoreQuestions(app: App, set: QuestionSet): Promise<QuestionOutcome[]> {
  const answers = await app.answers({ now: () => new Date(`${set.today}T12:00:00+08:00`) });
  const search = await app.search();
  const outcomes: QuestionOutcome[] = [];
  for (const question of set.questions) {
    // As the bot replies: the list of what the question is about, and the answer read from its best hits.
    const listing = await answers.listing(question.q);
    const listed = await search.search(listing.query, { limit: LISTED, today: set.today, nearest: listing.nearest, first: listing.first });
    const answer = await answers.answer(question.q, listed);
    const holds = (expect: string) => (answer!.highlight || answer!.text).includes(expect);
    const verdict = answer === null ? 'none' : question.expect !== null && holds(question.expect) ? 'right' : 'wrong';
    const first = listed.results[0];
    const item = first ? await app.store.articles.getArticle(first.id) : undefined;
    const squash = (text: string) => text.replace(/\s+/g, '');
    const firstRight =
      question.expect === null
        ? null
        : question.kind === 'hotline'
          ? item !== undefined && item.kind !== 'article'
          : item !== undefined && squash(`${item.title}${item.body}`).includes(squash(question.expect.split('、')[0]!));
    outcomes.push({ q: question.q, kind: question.kind, expect: question.expect, answer, verdict, firstRight });
  }
  return outcomes;
}

/** Precision, coverage, first result and unanswerable questions of one kind of question, or of all. */
export function summarizeAnswers(kind: 'hotline' | 'article' | 'all', outcomes: readonly QuestionOutcome[]): AnswerSummary {
  const mine = outcomes.filter((outcome) => kind === 'all' || outcome.kind === kind);
  const answerable = mine.filter((outcome) => outcome.expect !== null).length;
  const answered = mine.filter((outcome) => outcome.verdict !== 'none').length;
  const right = mine.filter((outcome) => outcome.verdict === 'right').length;
  const unanswerable = mine.filter((outcome) => outcome.expect === null);
  return {
    kind,
    questions: mine.length,
    answerable,
    answered,
    right,
    precision: answered === 0 ? 0 : right / answered,
    coverage: answerable === 0 ? 0 : right / answerable,
    firstRight: answerable === 0 ? 0 : mine.filter((outcome) => outcome.firstRight === true).length / answerable,
    unanswerable: unanswerable.length,
    answeredUnanswerable: unanswerable.filter((outcome) => outcome.verdict !== 'none').length,
  };
}

/** Do the summaries meet TARGETS? */
export function meetsTargets(summaries: readonly AnswerSummary[]): boolean {
  const hotline = summaries.find((s) => s.kind === 'hotline');
  const all = summaries.find((s) => s.kind === 'all');
  return (
    hotline !== undefined &&
    all !== undefined &&
    hotline.precision >= TARGETS.hotlinePrecision &&
    all.precision >= TARGETS.precision &&
    all.coverage >= TARGETS.coverage &&
    all.firstRight >= TARGETS.firstRight &&
    all.answeredUnanswerable <= TARGETS.answeredUnanswerable
  );
}
