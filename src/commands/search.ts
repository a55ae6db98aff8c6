import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { SearchResult } from '../types.js';
import { requireReadableCorpus } from './corpusGuard.js';
import { corpusOption, UserError, writeJson, type CommandEnv } from './env.js';

/**
 * `newsbot search QUERY [--json] [--limit N] [--corpus PATH]...` and
 * `newsbot search --stdin [--json] [--limit N]`: one query, or one query per
 * input line answered line by line, with the index built or loaded once.
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
    },
  });
  const limit = parseLimit(values.limit);
  if (values.stdin && positionals.length > 0) throw new UserError('search: give a QUERY or --stdin, not both');
  if (!values.stdin && positionals.length === 0) throw new UserError('search: missing QUERY (or --stdin)');

  const app = env.openApp(values.corpus);
  requireReadableCorpus(app, values.corpus);
  try {
    const answer = (query: string) => print(env, app.search.search(query, { limit }), values.json === true);
    if (!values.stdin) {
      answer(positionals.join(' '));
      return 0;
    }
    const lines = createInterface({ input: env.stdin, crlfDelay: Infinity });
    for await (const line of lines) answer(line.replace(/^\uFEFF/, '').trim());
    return 0;
  } finally {
    app.close();
  }
}

/** `--limit N`: a positive whole number; default 10. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return 10;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UserError(`search: --limit must be a positive whole number, not "${value}"`);
  return Number(value);
}

function print(env: CommandEnv, result: SearchResult, json: boolean): void {
  if (json) {
    writeJson(env.stdout, result);
    return;
  }
  if (result.total === 0) {
    env.stdout.write(`${result.query}: no article found\n`);
    return;
  }
  env.stdout.write(`${result.query}: ${result.total} found\n`);
  for (const hit of result.results) {
    const snippet = hit.snippet.replace(/<\/?b>/g, '**').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    env.stdout.write(`  ${hit.score.toFixed(2).padStart(7)}  ${hit.id}  ${hit.date ?? '----------'}  ${hit.title}\n           ${snippet}\n`);
  }
}
