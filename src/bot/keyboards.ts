import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { packCallback, readerAppUrl, type ReaderLink } from '../render/index.js';
import type { SearchSort } from '../types.js';

type Row = InlineKeyboardButton[];

/** The 📖 rows live in render/ (push's digests have them too). */
export { readRows } from '../render/index.js';

/** The ◀ n/m ▶ row of a search in the order `sort`; no row when everything fits on one page. */
export function pageRows(queryId: string, page: number, pages: number, sort: SearchSort = 'relevance'): Row[] {
  if (pages <= 1) return [];
  const row: Row = [];
  if (page > 1) row.push(InlineKeyboard.text('◀', packCallback({ kind: 'page', queryId, page: page - 1, sort })));
  row.push(InlineKeyboard.text(`${page}/${pages}`, packCallback({ kind: 'noop' })));
  if (page < pages) row.push(InlineKeyboard.text('▶', packCallback({ kind: 'page', queryId, page: page + 1, sort })));
  return [row];
}

/** The one button that switches a result list to the other order, on the same page. */
export function sortRow(queryId: string, page: number, sort: SearchSort, label: string): Row[] {
  const other: SearchSort = sort === 'newest' ? 'relevance' : 'newest';
  return [[InlineKeyboard.text(label, packCallback({ kind: 'page', queryId, page, sort: other }))]];
}

/**
 * The 📰 row that opens the reader Mini App at `link`: in private chats only (Telegram
 * refuses web_app buttons elsewhere), and none without PUBLIC_URL.
 */
export function readerRows(publicUrl: string | null, chatType: string | undefined, label: string, link: ReaderLink): Row[] {
  if (publicUrl === null || chatType !== 'private') return [];
  return [[InlineKeyboard.webApp(label, readerAppUrl(publicUrl, link))]];
}

/** A keyboard from rows, or undefined when there are none (no empty reply_markup). */
export function keyboardOf(rows: Row[]): InlineKeyboard | undefined {
  return rows.length > 0 ? new InlineKeyboard(rows) : undefined;
}

/** Times offered by the ⏰ button (any other: `/subscribe HH:MM`). */
export const OFFERED_TIMES = ['06:00', '07:00', '07:30', '08:00', '09:00', '12:00', '18:00', '21:00'] as const;

/** The times to pick from, four a row. */
export function timeKeyboard(): InlineKeyboard {
  const buttons = OFFERED_TIMES.map((time) => InlineKeyboard.text(time, packCallback({ kind: 'setTime', time })));
  return new InlineKeyboard([buttons.slice(0, 4), buttons.slice(4)]);
}
