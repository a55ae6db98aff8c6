import { parseArgs } from 'node:util';
import type { Answer } from '../answer/index.js';
import type { AnswerService } from '../answer/index.js';
import type { Hit, SearchService } from '../types.js';
import { requireReadableCorpus } from './corpusGuard.js';
import { answerEach, corpusOption, requireOneInput, UserError, writeJson, type CommandEnv } from './env.js';

/** What `newsbot ask --json` prints for one question. */
export interface AskOutput {
  readonly question: string;
  readonly answer: Answer | null;
  readonly results: readonly Hit[];
}

/** Hits an answer reads (AnswerService.answer): asked for even when fewer are shown. */
const ANSWER_HITS = 3;

/** The answer and the search results for one question. */
export async function ask(
  services: { readonly answers: AnswerService; readonly search: SearchService },
  question: string,
  limit: number,
): Promise<AskOutput> {
  if (question === '') return { question, answer: null, results: [] };
  // The results the bot lists under the answer: what the question is about; the answer is read from their best hits.
  const listing = await services.answers.listing(question);
  const listed = await services.search.search(listing.query, { limit: Math.max(limit, ANSWER_HITS), nearest: listing.nearest, first: listing.first });
  const answer = await services.answers.answer(question, listed);
  return { question, answer, results: listed.results.slice(0, limit) };
}

/**
 * `newsbot ask QUESTION [--json] [--limit N] [--corpus PATH]...` and
 * `newsbot ask --stdin [--json]`: the answer line (hotline numbers or an
 * article's sentence) and the search results, one JSON object per question.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...corpusOption, json: { type: 'boolean' }, stdin: { type: 'boolean' }, limit: { type: 'string' } },
  });
  requireOneInput('ask', 'QUESTION', values.stdin === true, positionals);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!/^\d+$/.test(values.limit ?? '10') || limit < 1) throw new UserError(`ask: --limit must be a positive whole number, not "${values.limit}"`);

  const app = await env.openApp(values.corpus);
  await requireReadableCorpus(app, values.corpus);
  try {
    const services = { answers: await app.answers(), search: await app.search() };
    await answerEach(values.stdin === true, positionals.join(' ').trim(), env.stdin, async (question) => {
      print(env, await ask(services, question, limit), values.json === true);
    });
    return 0;
  } finally {
    await app.close();
  }
}

function print(env: CommandEnv, output: AskOutput, json: boolean): void {
  if (json) {
    writeJson(env.stdout, output);
    return;
  }
  const { answer } = output;
  env.stdout.write(`${output.question}\n`);
  if (answer) {
    const bold = answer.highlight ? answer.text.replace(answer.highlight, `**${answer.highlight}**`) : answer.text;
    env.stdout.write(`  => ${bold}\n     ${answer.source.title} (${answer.source.date ?? 'no date'}, ${answer.source.id})\n`);
  } else {
    env.stdout.write('  => (no answer)\n');
  }
  for (const hit of output.results) env.stdout.write(`  ${hit.id}  ${hit.date ?? '----------'}  ${hit.title}\n`);
}
