import type { App } from '../services.js';
import { UserError } from './env.js';

/**
 * An explicit `--corpus` in which no file could be read is an error (naming
 * the first bad file); when some files were fine the others are only warned about.
 */
export async function requireReadableCorpus(app: App, corpus: readonly string[] | undefined): Promise<void> {
  if (!corpus?.length) return;
  const { files, warnings } = app.startup;
  if (files.length === 0) {
    await app.close();
    throw new UserError(warnings[0]?.replace(/, skipped$/, '') ?? `no page files in ${corpus.join(', ')}`);
  }
}
