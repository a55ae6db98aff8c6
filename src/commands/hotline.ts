import { parseArgs } from 'node:util';
import { requireReadableCorpus } from './corpusGuard.js';
import { corpusOption, writeJson, type CommandEnv } from './env.js';

/** `newsbot hotline [--json] [--corpus PATH]...`: the 12345 hotline and safety-hazard reports. */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...corpusOption, json: { type: 'boolean' } } });
  const app = await env.openApp(values.corpus);
  await requireReadableCorpus(app, values.corpus);
  try {
    const { hotline, safety } = await app.store.pages.allReports();
    if (values.json) {
      writeJson(env.stdout, { hotline, safety }, true);
    } else {
      for (const r of hotline) {
        const hot = r.hot.map((h) => `${h.topic} ${h.count}`).join(', ');
        env.stdout.write(
          `${r.date ?? '?'}  hotline  calls ${r.calls ?? '-'}  messages ${r.messages ?? '-'}  direct ${r.direct ?? '-'}  transferred ${r.transferred ?? '-'}  callbacks ${r.callbacks ?? '-'}  hot: ${hot}  (${r.source})\n`,
        );
      }
      for (const r of safety) {
        env.stdout.write(`${r.date ?? '?'}  safety   total ${r.total ?? '-'}  topics: ${r.topics.join('、')}  (${r.source})\n`);
      }
    }
    return 0;
  } finally {
    await app.close();
  }
}
