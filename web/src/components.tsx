/** Small pieces every view uses: marked text, loading and error lines, the data hook. */
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { TextPart } from '../../src/webapp/apiTypes.js';
import { SignInError } from './api.js';
import type { Words } from './i18n.js';
import type { Route } from './routes.js';

/** What every view gets: the words of the reader's language and the way to open another view. */
export interface AppContext {
  readonly words: Words;
  /**
   * Opens a view: on top of this one (`push`, the BackButton returns), in its place
   * (`replace`: the next edition), or in place of the one below it (`collapse`: a day
   * picked in the calendar replaces the edition the calendar was opened from).
   */
  open(route: Route, how?: 'push' | 'replace' | 'collapse'): void;
  /** The launch data was refused: the whole page says to open it from the bot. */
  signedOut(reason: string): void;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const app = useContext(App);
  if (!app) throw new Error('useApp outside the app');
  return app;
}

/** Text parts as text nodes, the marked ones in <mark>: article text is never parsed as HTML. */
export function Marked({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly data: T }
  | { readonly state: 'failed'; readonly reason: string; readonly retry: () => void };

/**
 * Loads data when `key` changes; a refused sign-in goes to the app, other failures to the view.
 * `ready`: the data already in for the first key (an early request's answer): shown at once.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, ready?: T): Loaded<T> {
  const app = useApp();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>(() => (ready === undefined ? { state: 'loading' } : { state: 'done', data: ready }));
  const readyKey = useRef(ready === undefined ? null : key);
  useEffect(() => {
    if (readyKey.current === key && attempt === 0) return;
    readyKey.current = null;
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (data) => current && setLoaded({ state: 'done', data }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof SignInError) return app.signedOut(error.message);
        setLoaded({ state: 'failed', reason: error instanceof Error ? error.message : String(error), retry: () => setAttempt((n) => n + 1) });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render: `key` says when its inputs changed.
  }, [key, attempt]);
  return loaded;
}

/** The loading line, or the failure with a retry button. */
export function Status({ loaded }: { loaded: Loaded<unknown> }) {
  const { words } = useApp();
  if (loaded.state === 'loading') return <p class="status" role="status">{words.t('loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <div class="status" role="alert">
        <p>{words.t('failed', { reason: loaded.reason })}</p>
        <button type="button" class="button" onClick={loaded.retry}>
          {words.t('retry')}
        </button>
      </div>
    );
  }
  return null;
}
