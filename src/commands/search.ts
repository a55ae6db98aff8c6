import { parseArgs } from 'node:util';
import { calendarDay, isCalendarDay } from '../calendar.js';
import { htmlToPlain } from '../html.js';
import type { SearchOptions, SearchResult, SearchSort } from '../types.js';
import { requireReadableCorpus } from './corpusGuard.js';
import { answerEach, corpusOption, requireOneInput, UserError, writeJson, type CommandEnv } from './env.js';

/**
 * `newsbot search QUERY [--json] [--limit N] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
 * [--sort relevance|newest] [--corpus PATH]...` and `newsbot search --stdin ...`: one
 * query, or one query per input line answered line by line, with the index built or
 * loaded once. A query may end with a time span (`护学岗 2025年2月`, `近7天`), counted
 * from today in TZ_NAME.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...corpusOption,
      json: { type: 'boolean' },
      stdin: { type: 'boolean' },
      limit: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      sort: { type: 'string' },
    },
  });
  const limit = parseLimit(values.limit);
  const since = parseDay('--since', values.since);
  const until = parseDay('--until', values.until);
  if (since && until && since > until) throw new UserError(`search: --since ${since} is after --until ${until}`);
  const sort = parseSort(values.sort);
  const options: SearchOptions = {
    limit,
    today: calendarDay(env.clock.now(), env.config.timeZone),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(sort ? { sort } : {}),
  };
  requireOneInput('search', 'QUERY', values.stdin === true, positionals);

  const app = await env.openApp(values.corpus);
  await requireReadableCorpus(app, values.corpus);
  try {
    const search = await app.search();
    await answerEach(values.stdin === true, positionals.join(' '), env.stdin, async (query) => {
      print(env, await search.search(query, options), values.json === true);
    });
    return 0;
  } finally {
    await app.close();
  }
}

/** `--limit N`: a positive whole number; default 10. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return 10;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UserError(`search: --limit must be a positive whole number, not "${value}"`);
  return Number(value);
}

/** `--since` / `--until`: a real day written YYYY-MM-DD. */
function parseDay(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDay(value)) throw new UserError(`search: ${flag} must be a day written YYYY-MM-DD, not "${value}"`);
  return value;
}

/** `--sort relevance|newest`; default: relevance (newest first for a time span alone). */
function parseSort(value: string | undefined): SearchSort | undefined {
  if (value === undefined || value === 'relevance' || value === 'newest') return value;
  throw new UserError(`search: --sort must be relevance or newest, not "${value}"`);
}

function print(env: CommandEnv, result: SearchResult, json: boolean): void {
  if (json) {
    // The contract's {query, total, results}; the span, the order and the words searched are named only when a
    // time or --sort asked for them, and `nearest: true` only when no article holds every word.
    const { span, sort, words, nearest, ...plain } = result;
    const shown = span === null && sort === 'relevance' ? plain : { ...plain, words, span, sort };
    writeJson(env.stdout, nearest ? { ...shown, nearest } : shown);
    return;
  }
  if (result.total === 0) {
    env.stdout.write(`${result.query}: no article found\n`);
    return;
  }
  env.stdout.write(`${result.query}: ${result.total} found${result.nearest ? ' (nearest match: no article holds every word)' : ''}\n`);
  for (const hit of result.results) {
    const snippet = htmlToPlain(hit.snippet, { open: '**', close: '**' });
    const edition = `${hit.edition.estimated ? '~' : ' '}${hit.edition.date ?? '----------'}`;
    env.stdout.write(`  ${hit.score.toFixed(2).padStart(7)}  ${hit.id}  ${edition}  ${hit.title}\n           ${snippet}\n`);
  }
}
