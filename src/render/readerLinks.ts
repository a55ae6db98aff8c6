/**
 * Links into the reader Mini App (`PUBLIC_URL/app/`), as the bot's 📰 buttons and
 * the menu button open it: `?open=<code>&q=<words>`. The page reads the same codes
 * (web/src/routes.ts, and from a `startapp` deep link): `a_<id>` an article, `d_20251104`
 * an edition, `e` the newest edition, `s` a search, `h` the hotline.
 */

/** A place in the reader app. */
export type ReaderLink =
  | { readonly view: 'edition'; readonly date: string | null }
  | { readonly view: 'article'; readonly id: string; readonly q?: string }
  | { readonly view: 'search'; readonly q: string }
  | { readonly view: 'hotline' };

/** Where the app is served under PUBLIC_URL. */
export const READER_APP_PATH = '/app/';

function openCode(link: ReaderLink): string {
  switch (link.view) {
    case 'edition':
      return link.date ? `d_${link.date.replace(/-/g, '')}` : 'e';
    case 'article':
      return `a_${link.id}`;
    case 'search':
      return 's';
    case 'hotline':
      return 'h';
  }
}

/** The app's URL for `link` (without a link: the app's start, today's edition). */
export function readerAppUrl(publicUrl: string, link?: ReaderLink): string {
  const base = `${publicUrl.replace(/\/+$/, '')}${READER_APP_PATH}`;
  if (!link) return base;
  const query = new URLSearchParams({ open: openCode(link) });
  const words = link.view === 'search' || link.view === 'article' ? link.q?.trim() : undefined;
  if (words) query.set('q', words);
  return `${base}?${query.toString()}`;
}
