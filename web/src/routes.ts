/**
 * The app's views and how a link names one. The bot's 📰 buttons open
 * `/app/?open=<code>&q=<words>`; a `startapp` deep link carries the same code:
 * `a_<id>` an article, `d_20251104` an edition, `e` the newest edition,
 * `s` a search (`s_<base64url words>` in a deep link), `h` the hotline
 * (`h_20251104` that day's report), `set` the settings.
 */

export type Route =
  | { readonly view: 'edition'; readonly date: string | null }
  | { readonly view: 'calendar'; readonly date: string | null }
  | { readonly view: 'article'; readonly id: string; readonly q: string }
  | { readonly view: 'search'; readonly q: string }
  | { readonly view: 'hotline'; readonly date: string | null }
  | { readonly view: 'settings' };

/** The tabs at the bottom: each starts a stack of its own views. */
export type Tab = 'paper' | 'search' | 'hotline' | 'settings';

export function tabOf(route: Route): Tab {
  switch (route.view) {
    case 'edition':
    case 'calendar':
    case 'article':
      return 'paper';
    case 'search':
      return 'search';
    case 'hotline':
      return 'hotline';
    case 'settings':
      return 'settings';
  }
}

function dayOf(compact: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function decodeWords(code: string): string {
  try {
    const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}

/** The view a link opens; the newest edition for none or an unknown code. */
export function routeFromLink(open: string | null, q: string | null): Route {
  const code = open ?? '';
  const [kind, rest] = [code.split('_')[0], code.slice(code.indexOf('_') + 1)];
  const hasRest = code.includes('_');
  switch (kind) {
    case 'a':
      if (hasRest && /^[0-9a-f]{1,64}$/.test(rest)) return { view: 'article', id: rest, q: q ?? '' };
      break;
    case 'd':
      return { view: 'edition', date: hasRest ? dayOf(rest) : null };
    case 's':
      return { view: 'search', q: q ?? (hasRest ? decodeWords(rest) : '') };
    case 'h':
      return { view: 'hotline', date: hasRest ? dayOf(rest) : null };
    case 'set':
      return { view: 'settings' };
  }
  return { view: 'edition', date: null };
}

/** The root view of a tab. */
export function tabRoot(tab: Tab): Route {
  switch (tab) {
    case 'paper':
      return { view: 'edition', date: null };
    case 'search':
      return { view: 'search', q: '' };
    case 'hotline':
      return { view: 'hotline', date: null };
    case 'settings':
      return { view: 'settings' };
  }
}
