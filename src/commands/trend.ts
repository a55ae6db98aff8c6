import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDay } from '../calendar.js';
import { createI18n, htmlToPlain, localeFor, translatorFor } from '../render/index.js';
import { formatTrendCaption, trendChartLabels } from '../render/index.js';
import {
  addDays,
  createTrendChartRenderer,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  spanEnding,
  summariseTrend,
} from '../trend/index.js';
import { requireReadableCorpus } from './corpusGuard.js';
import { corpusOption, UserError, writeJson, type CommandEnv } from './env.js';

/**
 * `newsbot trend [--json] [--days N] [--until YYYY-MM-DD] [--png FILE] [--lang zh|en]`:
 * the hotline series over the `N` days (default 30) that end on `--until` (default:
 * the newest report's day). `--json` prints `{from, to, days, hot}`; `--png` writes
 * the chart `/trend` sends; without either, the caption's words as plain text.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...corpusOption,
      json: { type: 'boolean' },
      days: { type: 'string' },
      until: { type: 'string' },
      png: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const days = values.days === undefined ? DEFAULT_TREND_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS) {
    throw new UserError(`--days must be a whole number from 1 to ${MAX_TREND_DAYS}, not "${values.days}"`);
  }
  let until: string | null = null;
  if (values.until !== undefined) {
    until = parseDay(values.until);
    if (!until) throw new UserError(`--until must be a date YYYY-MM-DD, not "${values.until}"`);
  }
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UserError(`--lang must be zh or en, not "${lang}"`);

  const app = await env.openApp(values.corpus);
  await requireReadableCorpus(app, values.corpus);
  try {
    const end = until ?? (await app.store.articles.hotlineDates())[0];
    if (!end) throw new UserError('no dated hotline report in the corpus: nothing to chart');
    const { from, to } = spanEnding(end, days);
    const summary = summariseTrend(await app.store.articles.hotlineReportsBetween(addDays(from, -days), to), from, to);
    const t = translatorFor(createI18n(), localeFor(lang));

    if (values.png !== undefined) {
      if (summary.trend.days.length < 2) {
        throw new UserError(`${summary.trend.days.length} hotline report(s) from ${from} to ${to}: a chart needs at least 2`);
      }
      const png = await createTrendChartRenderer().render(summary.trend, trendChartLabels(summary, t));
      writeFileSync(values.png, png);
      env.logger.info({ file: values.png, bytes: png.length, from, to }, 'trend chart written');
    }
    if (values.json) writeJson(env.stdout, summary.trend, true);
    else if (values.png === undefined) env.stdout.write(`${htmlToPlain(formatTrendCaption(summary, t))}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
