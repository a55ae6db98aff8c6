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
}

/** Precision (right among answers given) and coverage (answered among questions that have an answer). */
export interface AnswerSummary {
  readonly kind: 'hotline' | 'article';
  readonly questions: number;
  readonly answerable: number;
  readonly answered: number;
  readonly right: number;
  readonly precision: number;
  readonly coverage: number;
}

/** Targets of the issue: a wrong hotline number never, article answers nearly never wrong and mostly given. */
export const TARGETS = { hotlinePrecision: 1, articlePrecision: 0.95, articleCoverage: 0.7 } as const;

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

/** Asks every question of the set of `app` (opened on the set's corpus), with "today" at noon in Xining. */
export async function scoreQuestions(app: App, set: QuestionSet): Promise<QuestionOutcome[]> {
  const answers = await app.answers({ now: () => new Date(`${set.today}T12:00:00+08:00`) });
  const outcomes: QuestionOutcome[] = [];
  for (const question of set.questions) {
    const answer = await answers.answer(question.q);
    const holds = (expect: string) => (answer!.highlight || answer!.text).includes(expect);
    const verdict = answer === null ? 'none' : question.expect !== null && holds(question.expect) ? 'right' : 'wrong';
    outcomes.push({ q: question.q, kind: question.kind, expect: question.expect, answer, verdict });
  }
  return outcomes;
}

/** Precision and coverage of one kind of question. */
export function summarizeAnswers(kind: 'hotline' | 'article', outcomes: readonly QuestionOutcome[]): AnswerSummary {
  const mine = outcomes.filter((outcome) => outcome.kind === kind);
  const answerable = mine.filter((outcome) => outcome.expect !== null).length;
  const answered = mine.filter((outcome) => outcome.verdict !== 'none').length;
  const right = mine.filter((outcome) => outcome.verdict === 'right').length;
  return {
    kind,
    questions: mine.length,
    answerable,
    answered,
    right,
    precision: answered === 0 ? 0 : right / answered,
    coverage: answerable === 0 ? 0 : right / answerable,
  };
}

/** Do the summaries meet TARGETS? */
export function meetsTargets(summaries: readonly AnswerSummary[]): boolean {
  const hotline = summaries.find((s) => s.kind === 'hotline');
  const article = summaries.find((s) => s.kind === 'article');
  return (
    hotline !== undefined &&
    article !== undefined &&
    hotline.precision >= TARGETS.hotlinePrecision &&
    article.precision >= TARGETS.articlePrecision &&
    article.coverage >= TARGETS.articleCoverage
  );
}
