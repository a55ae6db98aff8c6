/** The paper's search, as in the chat (time spans, newest first): results load on as the reader scrolls. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit, SearchView } from '../../../src/webapp/apiTypes.js';
import { getJson, SignInError } from '../api.js';
import { Marked, useApp } from '../components.js';

type Sort = 'relevance' | 'newest';

interface Results {
  readonly query: string;
  readonly sort: Sort | null;
  readonly hits: readonly SearchHit[];
  readonly page: SearchView | null;
  readonly loading: boolean;
  readonly error: string | null;
}

export function Search({ q }: { q: string }) {
  const { open, words, signedOut } = useApp();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<Results>({ query: q, sort: null, hits: [], page: null, loading: false, error: null });
  const sentinel = useRef<HTMLDivElement>(null);
  const latest = useRef(results);
  latest.current = results;

  const load = (query: string, sort: Sort | null, offset: number) => {
    if (query.trim() === '') return;
    setResults((r) => ({ ...r, query, sort, loading: true, error: null, ...(offset === 0 ? { hits: [], page: null } : {}) }));
    getJson<SearchView>('search', { q: query, offset, sort }).then(
      (page) => {
        // A newer query or order was asked meanwhile: this answer is stale.
        if (latest.current.query !== query || latest.current.sort !== sort) return;
        setResults((r) => ({ ...r, page, hits: offset === 0 ? page.results : [...r.hits, ...page.results], loading: false }));
      },
      (error: unknown) => {
        if (error instanceof SignInError) return signedOut(error.message);
        setResults((r) => ({ ...r, loading: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
  };

  useEffect(() => load(q, null, 0), [q]);

  const more = results.page !== null && results.hits.length < results.page.total && results.page.results.length > 0;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !more) return;
    const observer = new IntersectionObserver((entries) => {
      const r = latest.current;
      if (entries.some((entry) => entry.isIntersecting) && !r.loading) load(r.query, r.sort, r.hits.length);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [more, results.hits.length]);

  const page = results.page;
  const sort: Sort = results.sort ?? page?.sort ?? 'relevance';
  return (
    <section class="search" aria-labelledby="search-title">
      <h1 id="search-title" class="visually-hidden">
        {words.t('tabSearch')}
      </h1>
      <form
        class="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          load(text.trim(), results.sort, 0);
        }}
      >
        <input
          type="search"
          value={text}
          aria-label={words.t('searchPlaceholder')}
          placeholder={words.t('searchPlaceholder')}
          enterKeyHint="search"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button">
          {words.t('searchButton')}
        </button>
      </form>
      {page && page.query !== '' && (
        <div class="search-meta">
          <p role="status">
            {page.total === 0 ? words.t('searchNone', { q: page.words || page.query }) : words.t('searchTotal', { n: page.total })}
            {page.span && ` · ${words.t('searchSpan', { span: [page.span.since, page.span.until].filter(Boolean).join(' – ') })}`}
          </p>
          {page.total > 0 && (
            <div class="sort" role="group">
              {(['relevance', 'newest'] as const).map((option) => (
                <button type="button" key={option} class="chip" aria-pressed={sort === option} onClick={() => load(page.query, option, 0)}>
                  {words.t(option === 'relevance' ? 'sortRelevance' : 'sortNewest')}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <ul class="items results">
        {results.hits.map((hit) => (
          <li key={hit.id}>
            <button type="button" class="item" onClick={() => open({ view: 'article', id: hit.id, q: page?.words ?? results.query })}>
              <span class="headline">{hit.title}</span>
              <span class="cite">{words.citation(hit.edition)}</span>
              <span class="lead">
                <Marked parts={hit.snippet} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {results.error && <p class="status" role="alert">{words.t('failed', { reason: results.error })}</p>}
      {results.loading && <p class="status">{words.t('loadingMore')}</p>}
      {more && <div ref={sentinel} class="sentinel" />}
      {page && page.total > 0 && !more && !results.loading && <p class="status end">{words.t('endOfResults')}</p>}
    </section>
  );
}
