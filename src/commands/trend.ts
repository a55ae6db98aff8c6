import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDay } from '../calendar.js';
import { createI18n, htmlToPlain, localeFor, translatorFor } from '../render/index.js';
import { formatTrendCaption, trendChartLabels } from '../render/index.js';
import {
  addDays,
  adviseSpans,
  createTrendChartRenderer,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  MIN_TREND_REPORTS,
  readHotTopics,
  spanEnding,
  summariseTrend,
  type Trend,
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
    const reports = await app.store.articles.hotlineReportsBetween(addDays(from, -days), to);
    const summary = summariseTrend(reports, from, to, readHotTopics());
    const t = translatorFor(createI18n(), localeFor(lang));

    if (values.png !== undefined) {
      if (summary.trend.days.length < MIN_TREND_REPORTS) {
        const { suggestion } = adviseSpans(await app.store.articles.hotlineDates());
        const advice = suggestion
          ? `; try --days ${suggestion.days} --until ${suggestion.to} (${suggestion.reports} reports)`
          : '; no two reports lie within a year';
        throw new UserError(
          `${summary.trend.days.length} hotline report(s) from ${from} to ${to}: a chart needs at least ${MIN_TREND_REPORTS}${advice}`,
        );
      }
      const png = await createTrendChartRenderer().render(summary.trend, trendChartLabels(summary, t));
      writeFileSync(values.png, png);
      env.logger.info({ file: values.png, bytes: png.length, from, to }, 'trend chart written');
    }
    if (values.json) writeJson(env.stdout, trendJson(summary.trend), true);
    else if (values.png === undefined) env.stdout.write(`${htmlToPlain(formatTrendCaption(summary, t))}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * The trend as `--json` prints it: `{from, to, days, hot: [{topic, daysInTop3, total}]}`, a hot
 * issue with `names` (the names the paper printed it under) only where one of them is not the
 * name it is shown under, so the common case reads as it always has.
 */
function trendJson(trend: Trend): unknown {
  return {
    ...trend,
    hot: trend.hot.map(({ names, ...topic }) => (names.every((name) => name === topic.topic) ? topic : { ...topic, names })),
  };
}
