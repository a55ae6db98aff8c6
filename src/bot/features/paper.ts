import { Composer } from 'grammy';
import { namedDay, namedSpan, namesNewest } from '../../search/index.js';
import type { BotContext } from '../context.js';
import { formatDay, formatPaper, oneLine, PAPER_ITEMS_MAX, truncate } from '../../render/index.js';
import { keyboardOf, readerRows, readRows } from '../keyboards.js';
import { readerToday } from './search.js';

/** Editions named when the one asked for does not exist (default 5). */
const NEAREST_SHOWN = 5;

/** `/paper [date]`: the headlines of one edition (default the newest), by page, each with a read button. */
export function createPaperFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('paper', async (ctx) => {
    const dates = await ctx.deps.articles.editionDates();
    if (dates.length === 0) return void (await ctx.reply(ctx.t('paper-none')));
    const input = oneLine(ctx.match);
    let date = dates[0]!;
    // 最新, 最近一期: the newest, as with no day named.
    if (input !== '' && !namesNewest(input)) {
      // 11月4日: the latest such day with an edition.
      const today = readerToday(ctx);
      const known = new Set(dates);
      const asked = namedDay(input, today, known);
      if (asked === undefined) {
        // 上个月, 10月: a span, whose articles a search for the time alone lists.
        const span = namedSpan(input, today, known) ? 'paper-span' : 'paper-bad-date';
        return void (await ctx.reply(ctx.t(span, { input: truncate(input, 40), example: dates[0]! })));
      }
      if (!dates.includes(asked)) {
        const nearest = dates.slice(0, NEAREST_SHOWN).map((d) => formatDay(d, ctx.t));
        const answer = ctx.t('paper-unknown-date', { date: formatDay(asked, ctx.t), dates: nearest.join(ctx.t('list-separator')) });
        return void (await ctx.reply(answer));
      }
      date = asked;
    }
    const items = await ctx.deps.articles.editionArticles(date);
    const keyboard = keyboardOf([
      ...readRows(items.slice(0, PAPER_ITEMS_MAX), 1),
      ...readerRows(ctx.deps.publicUrl, ctx.chat.type, ctx.t('reader-paper'), { view: 'edition', date }),
    ]);
    await ctx.reply(formatPaper(date, items, ctx.t), { reply_markup: keyboard });
  });

  return feature;
}
