import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError, writeJson, type CommandEnv } from './env.js';

/**
 * `newsbot ingest FILE... [--json]`: adds pages to DATA_DIR's store and index
 * (idempotent by content hash) and keeps a copy in DATA_DIR/inbox/ so the
 * store can always be rebuilt from files.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length === 0) throw new UserError('ingest needs at least one page file: newsbot ingest FILE...');
  const missing = positionals.find((file) => !existsSync(file));
  if (missing) throw new UserError(`${missing}: no such file or directory`);

  const app = await env.openApp();
  try {
    const summary = await app.ingest.ingestPaths(positionals);
    // Nothing readable is an error naming the first file; skipped files beside good ones are
    // warnings, which openApp has already logged on stderr (stdout is the report only).
    if (summary.files.length === 0) {
      throw new UserError(summary.warnings[0]?.replace(/, skipped$/, '') ?? `no page files in ${positionals.join(', ')}`);
    }
    if (values.json) {
      writeJson(env.stdout, summary, true);
    } else {
      for (const f of summary.files) {
        const what = [count(f.articles, 'article'), count(f.hotline, 'hotline report'), count(f.safety, 'safety report')].join(', ');
        const how = f.added && f.reading ? ` (${f.reading.note})` : '';
        env.stdout.write(`${f.source}: ${f.added ? what : 'already ingested, nothing changed'}${how}\n`);
      }
    }
    // A page that could not be kept in the inbox (full disk) was not stored: say so, exit 1.
    for (const error of summary.errors) process.stderr.write(`newsbot: ${error}\n`);
    return summary.errors.length > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
