import type { AlertMode, SearchSort } from '../types.js';

/**
 * Every button's callback data, packed and unpacked here and nowhere else.
 * Telegram allows 64 bytes, so the data holds short ids only: the search
 * query itself stays server-side (QueryStore, SQLite), which also keeps old
 * buttons working after a restart.
 *
 *   s:<queryId>:<page>     a page of search results by relevance (page counts from 1)
 *   n:<queryId>:<page>     the same, newest edition first
 *   a:<articleId>:<part>   read an article from message part <part> (from 0)
 *   h:<YYYYMMDD>           the whole hotline report of that day (under a hotline answer)
 *   r:<articleId>          articles related to that one (under a read article)
 *   x                      a button that does nothing (the page counter)
 *   u:t                    the daily summary's time: show the times to pick from
 *   u:t:<HHMM>             the daily summary at HH:MM from now on
 *   u:off                  no more daily summaries
 *   g:<digestKey>:<from>   a digest's articles from number <from> on (from 0): the rest of a digest
 *   m:i, m:h, m:d          alerts at once, as an hourly digest, as a daily digest
 *   q:off                  no quiet hours
 *   q:<HHMM><HHMM><h|s>    quiet hours from the first time to the second, held (h) or silent (s)
 */
export type CallbackAction =
  | { readonly kind: 'page'; readonly queryId: string; readonly page: number; readonly sort: SearchSort }
  | { readonly kind: 'read'; readonly articleId: string; readonly part: number }
  | { readonly kind: 'report'; readonly date: string }
  | { readonly kind: 'related'; readonly articleId: string }
  | { readonly kind: 'noop' }
  | { readonly kind: 'pickTime' }
  | { readonly kind: 'setTime'; readonly time: string }
  | { readonly kind: 'unsubscribe' }
  | { readonly kind: 'digest'; readonly digestKey: string; readonly from: number }
  | { readonly kind: 'alertMode'; readonly mode: AlertMode }
  | { readonly kind: 'quiet'; readonly quiet: { readonly start: string; readonly end: string; readonly silent: boolean } | null };

const MODE_LETTERS: Readonly<Record<AlertMode, string>> = { instant: 'i', hourly: 'h', daily: 'd' };

/** Telegram's limit on callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Query ids (QueryStore) and article ids: short and free of the ':' separator. */
const ID = /^[A-Za-z0-9_-]{1,40}$/;
const NUMBER = /^(0|[1-9]\d{0,5})$/;
/** A daily time, `HH:MM`, 00:00–23:59. */
const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Packs an action; throws when it would not fit in 64 bytes or holds a bad id. */
export function packCallback(action: CallbackAction): string {
  let data: string;
  switch (action.kind) {
    case 'page':
      if (!ID.test(action.queryId) || !Number.isInteger(action.page) || action.page < 1) {
        throw new Error(`cannot pack search page ${action.queryId}:${action.page}`);
      }
      data = `${action.sort === 'newest' ? 'n' : 's'}:${action.queryId}:${action.page}`;
      break;
    case 'read':
      if (!ID.test(action.articleId) || !Number.isInteger(action.part) || action.part < 0) {
        throw new Error(`cannot pack article ${action.articleId}:${action.part}`);
      }
      data = `a:${action.articleId}:${action.part}`;
      break;
    case 'report':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(action.date)) throw new Error(`cannot pack report date ${action.date}`);
      data = `h:${action.date.replace(/-/g, '')}`;
      break;
    case 'related':
      if (!ID.test(action.articleId)) throw new Error(`cannot pack related ${action.articleId}`);
      data = `r:${action.articleId}`;
      break;
    case 'noop':
      data = 'x';
      break;
    case 'pickTime':
      data = 'u:t';
      break;
    case 'setTime':
      if (!CLOCK_TIME.test(action.time)) throw new Error(`cannot pack time ${action.time}`);
      data = `u:t:${action.time.replace(':', '')}`;
      break;
    case 'unsubscribe':
      data = 'u:off';
      break;
    case 'digest':
      if (!ID.test(action.digestKey) || !Number.isInteger(action.from) || action.from < 0 || !NUMBER.test(String(action.from))) {
        throw new Error(`cannot pack digest ${action.digestKey}:${action.from}`);
      }
      data = `g:${action.digestKey}:${action.from}`;
      break;
    case 'alertMode':
      data = `m:${MODE_LETTERS[action.mode]}`;
      break;
    case 'quiet':
      if (action.quiet === null) data = 'q:off';
      else {
        const { start, end, silent } = action.quiet;
        if (!CLOCK_TIME.test(start) || !CLOCK_TIME.test(end)) throw new Error(`cannot pack quiet hours ${start}-${end}`);
        data = `q:${start.replace(':', '')}${end.replace(':', '')}${silent ? 's' : 'h'}`;
      }
      break;
  }
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) {
    throw new Error(`callback data over ${CALLBACK_DATA_LIMIT} bytes: ${data}`);
  }
  return data;
}

/** The action behind a button, or undefined for data this bot never made (malformed, foreign). */
export function unpackCallback(data: string | undefined): CallbackAction | undefined {
  if (data === undefined) return undefined;
  if (data === 'x') return { kind: 'noop' };
  if (data === 'u:t') return { kind: 'pickTime' };
  if (data === 'u:off') return { kind: 'unsubscribe' };
  const time = /^u:t:(\d{2})(\d{2})$/.exec(data);
  if (time) {
    const hhmm = `${time[1]}:${time[2]}`;
    return CLOCK_TIME.test(hhmm) ? { kind: 'setTime', time: hhmm } : undefined;
  }
  if (data === 'q:off') return { kind: 'quiet', quiet: null };
  const quiet = /^q:(\d{2})(\d{2})(\d{2})(\d{2})([hs])$/.exec(data);
  if (quiet) {
    const start = `${quiet[1]}:${quiet[2]}`;
    const end = `${quiet[3]}:${quiet[4]}`;
    return CLOCK_TIME.test(start) && CLOCK_TIME.test(end) ? { kind: 'quiet', quiet: { start, end, silent: quiet[5] === 's' } } : undefined;
  }
  const mode = /^m:([ihd])$/.exec(data)?.[1];
  if (mode) return { kind: 'alertMode', mode: mode === 'i' ? 'instant' : mode === 'h' ? 'hourly' : 'daily' };
  const report = /^h:(\d{4})(\d{2})(\d{2})$/.exec(data);
  if (report) return { kind: 'report', date: `${report[1]}-${report[2]}-${report[3]}` };
  const related = /^r:([A-Za-z0-9_-]{1,40})$/.exec(data);
  if (related) return { kind: 'related', articleId: related[1]! };
  const [prefix, id, number, ...rest] = data.split(':');
  if (rest.length > 0 || id === undefined || number === undefined) return undefined;
  if (!ID.test(id) || !NUMBER.test(number)) return undefined;
  const value = Number(number);
  if (prefix === 's' && value >= 1) return { kind: 'page', queryId: id, page: value, sort: 'relevance' };
  if (prefix === 'n' && value >= 1) return { kind: 'page', queryId: id, page: value, sort: 'newest' };
  if (prefix === 'a') return { kind: 'read', articleId: id, part: value };
  if (prefix === 'g') return { kind: 'digest', digestKey: id, from: value };
  return undefined;
}
