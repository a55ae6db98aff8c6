import { parseArgs } from 'node:util';
import { requireReadableCorpus } from './corpusGuard.js';
import { corpusOption, writeJson, type CommandEnv } from './env.js';

/** `newsbot articles [--json] [--corpus PATH]...`: every parsed item. */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...corpusOption, json: { type: 'boolean' } } });
  const app = await env.openApp(values.corpus);
  await requireReadableCorpus(app, values.corpus);
  try {
    const items = await app.store.pages.allArticles();
    if (values.json) {
      writeJson(env.stdout, items, true);
    } else {
      for (const item of items) {
        env.stdout.write(`${item.id}  ${item.kind.padEnd(7)} ${item.date ?? '----------'}  ${item.source}  ${item.title}\n`);
      }
    }
    return 0;
  } finally {
    await app.close();
  }
}
