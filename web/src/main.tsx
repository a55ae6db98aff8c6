/**
 * The reader app: read Telegram's launch parameters, sign the data calls in
 * with them, follow Telegram's theme and safe areas, and show one view at a
 * time per tab (paper, search, hotline, settings) with Telegram's BackButton
 * to return.
 */
// First: when the async boot script has not run yet, this evaluates it (one module either way).
import { first, firstData, launch } from './boot.js';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listenToTelegram, onEvent, postEvent } from './bridge.js';
import { App, type AppContext } from './components.js';
import { languageFor, wordsFor, type Words } from './i18n.js';
import { TabIcon } from './icons.js';
import { tabOf, tabRoot, type Route, type Tab } from './routes.js';
import { applyInsets, applyTheme } from './theme.js';
import { Article } from './views/article.js';
import { Calendar } from './views/calendar.js';
import { Edition } from './views/edition.js';
import { Hotline } from './views/hotline.js';
import { Search } from './views/search.js';
import { Settings } from './views/settings.js';
import './styles.css';

const TABS: readonly Tab[] = ['paper', 'search', 'hotline', 'settings'];
const TAB_LABEL = { paper: 'tabPaper', search: 'tabSearch', hotline: 'tabHotline', settings: 'tabSettings' } as const;

interface Entry {
  readonly key: number;
  readonly route: Route;
  /** Where the page was scrolled when another view was opened on top of this one. */
  scrollY: number;
}

type Stacks = Readonly<Record<Tab, readonly Entry[]>>;

let nextKey = 1;
const entry = (route: Route): Entry => ({ key: nextKey++, route, scrollY: 0 });

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'edition':
      return <Edition date={route.date} />;
    case 'calendar':
      return <Calendar date={route.date} />;
    case 'article':
      return <Article id={route.id} q={route.q} />;
    case 'search':
      return <Search q={route.q} />;
    case 'hotline':
      return <Hotline date={route.date} />;
    case 'settings':
      return <Settings />;
  }
}

function SignedOut({ words, reason }: { words: Words; reason: string }) {
  return (
    <main class="signed-out">
      <h1>{words.t('appTitle')}</h1>
      <p role="alert">{words.t('openFromBot')}</p>
      <p class="hint">{reason}</p>
    </main>
  );
}

function Reader({ words, first, signedIn }: { words: Words; first: Route; signedIn: boolean }) {
  const [stacks, setStacks] = useState<Stacks>(() => {
    const start = tabOf(first);
    const roots = Object.fromEntries(TABS.map((tab) => [tab, tab === start ? [] : [entry(tabRoot(tab))]])) as Record<Tab, Entry[]>;
    // A deep link into an article still has its tab's root below it: BackButton leads there.
    roots[start] = first.view === 'article' ? [entry(tabRoot(start)), entry(first)] : [entry(first)];
    return roots;
  });
  const [tab, setTab] = useState<Tab>(tabOf(first));
  const [signedOutReason, setSignedOut] = useState<string | null>(signedIn ? null : 'no launch data');
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(() => new Set([tabOf(first)]));
  const stack = stacks[tab];
  const depth = stack.length;
  const restore = useRef<number | null>(null);

  // The tab a view opens in is the one the reader is in (an article found by search stays in the search tab).
  const currentTab = useRef(tab);
  currentTab.current = tab;
  const app = useMemo<AppContext>(
    () => ({
      words,
      open(route, how = 'push') {
        const target = currentTab.current;
        setStacks((all) => {
          const current = all[target];
          const top = current[current.length - 1];
          if (top && how === 'push') top.scrollY = window.scrollY;
          const kept = how === 'push' ? current : current.slice(0, how === 'collapse' ? -2 : -1);
          return { ...all, [target]: [...kept, entry(route)] };
        });
        window.scrollTo(0, 0);
      },
      signedOut: (reason) => setSignedOut(reason),
    }),
    [words],
  );

  const back = () => {
    setStacks((all) => {
      const current = all[tab];
      if (current.length <= 1) return all;
      restore.current = current[current.length - 2]!.scrollY;
      return { ...all, [tab]: current.slice(0, -1) };
    });
  };

  useEffect(() => {
    postEvent('web_app_setup_back_button', { is_visible: depth > 1 });
    if (restore.current !== null) {
      window.scrollTo(0, restore.current);
      restore.current = null;
    }
  }, [depth, tab]);
  useEffect(() => onEvent('back_button_pressed', back), [tab]);

  if (signedOutReason !== null) return <SignedOut words={words} reason={signedOutReason} />;
  return (
    <App.Provider value={app}>
      <main class="views">
        {TABS.filter((t) => visited.has(t)).map((t) =>
          stacks[t].map((item, i) => (
            <div key={item.key} class="view" hidden={t !== tab || i !== stacks[t].length - 1}>
              <View route={item.route} />
            </div>
          )),
        )}
      </main>
      <nav class="tabs" aria-label={words.t('appTitle')}>
        {TABS.map((t) => (
          <button
            type="button"
            key={t}
            class="tab"
            aria-current={t === tab ? 'page' : undefined}
            onClick={() => {
              if (t === tab && depth > 1) setStacks((all) => ({ ...all, [t]: all[t].slice(0, 1) }));
              setTab(t);
              setVisited((seen) => new Set([...seen, t]));
              window.scrollTo(0, 0);
            }}
          >
            <TabIcon tab={t} />
            <span>{words.t(TAB_LABEL[t])}</span>
          </button>
        ))}
      </nav>
    </App.Provider>
  );
}

/**
 * How long the first render waits for the first view's data: an edition that arrives within it is
 * drawn in the first frame (one layout, no loading line first); past it the loading line shows.
 */
const FIRST_DATA_WAIT_MS = 500;

async function start(): Promise<void> {
  // The bench's step "app code starts": the app's scripts are in and evaluated (boot.ts has sent the edition's request).
  performance.mark('newsbot:app-start');
  listenToTelegram();
  applyTheme(launch.theme);
  onEvent('theme_changed', (data) => applyTheme((data as { theme_params?: Record<string, string> } | undefined)?.theme_params ?? {}));
  onEvent('safe_area_changed', (data) => applyInsets('safe', data));
  onEvent('content_safe_area_changed', (data) => applyInsets('content', data));
  const words = wordsFor(languageFor(launch.languageCode ?? navigator.language));
  document.documentElement.lang = words.language === 'zh' ? 'zh-CN' : 'en';
  document.title = words.t('appTitle');
  if (firstData) await Promise.race([firstData, new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS))]);
  render(<Reader words={words} first={first} signedIn={launch.initData !== null} />, document.getElementById('app')!);
  postEvent('web_app_ready');
  postEvent('web_app_expand');
  postEvent('web_app_request_theme');
  postEvent('web_app_request_safe_area');
  postEvent('web_app_request_content_safe_area');
}

void start();
