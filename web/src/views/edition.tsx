/** One day's paper: previous/next edition, the pages (版) as tabs, each page's headlines and first lines. */
import { useEffect, useState } from 'preact/hooks';
import type { EditionItem, EditionView } from '../../../src/webapp/apiTypes.js';
import { getJson, takeEarlyAnswer } from '../api.js';
import { Status, useApp, useLoad } from '../components.js';

function ItemRow({ item }: { item: EditionItem }) {
  const { open, words } = useApp();
  const kind = words.strings.kinds[item.kind];
  return (
    <li>
      <button type="button" class="item" onClick={() => open({ view: 'article', id: item.id, q: '' })}>
        {item.kicker && <span class="kicker">{item.kicker}</span>}
        <span class="headline">{item.title}</span>
        {item.subtitle && <span class="subtitle">{item.subtitle}</span>}
        {kind && <span class="tag">{kind}</span>}
        {item.lead && <span class="lead">{item.lead}</span>}
      </button>
    </li>
  );
}

export function Edition({ date }: { date: string | null }) {
  const { open, words } = useApp();
  const loaded = useLoad(() => getJson<EditionView>('edition', { date }), date ?? 'newest', takeEarlyAnswer('edition', { date }) as EditionView | undefined);
  const [pageIndex, setPageIndex] = useState(0);
  useEffect(() => setPageIndex(0), [date]);
  // The bench measures first render to this mark (an edition on screen, not just the page's frame).
  useEffect(() => {
    if (loaded.state === 'done') performance.mark('newsbot:edition-shown');
  }, [loaded.state]);
  if (loaded.state !== 'done') return <Status loaded={loaded} />;
  const edition = loaded.data;
  const pages = edition.pages;
  const index = Math.min(pageIndex, pages.length - 1);
  const page = pages[index];
  const pageName = (p: string | null) => (p === null ? words.t('unknownPage') : words.page(p));
  const turn = (to: number) => {
    setPageIndex(to);
    window.scrollTo(0, 0);
  };
  return (
    <section class="edition" aria-labelledby="edition-title">
      <header class="bar">
        <button type="button" class="nav" disabled={!edition.previous} onClick={() => edition.previous && open({ view: 'edition', date: edition.previous }, 'replace')}>
          ‹ {words.t('previousEdition')}
        </button>
        <h1 id="edition-title" class="title">
          <button type="button" class="date-button" onClick={() => open({ view: 'calendar', date: edition.date })} aria-label={`${words.t('calendar')}: ${words.day(edition.date)}`}>
            {(edition.estimated ? words.t('estimated') : '') + words.day(edition.date)} ▾
          </button>
        </h1>
        <button type="button" class="nav" disabled={!edition.next} onClick={() => edition.next && open({ view: 'edition', date: edition.next }, 'replace')}>
          {words.t('nextEdition')} ›
        </button>
      </header>
      <nav class="pages" aria-label={words.t('pagesOfDay')}>
        {pages.map((p, i) => (
          <button type="button" key={i} class="chip" aria-pressed={i === index} onClick={() => turn(i)}>
            {pageName(p.page)}
          </button>
        ))}
      </nav>
      {page && (
        <>
          <h2 class="page-title">{pageName(page.page)}</h2>
          <ul class="items">
            {page.items.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </ul>
          <div class="turn">
            <button type="button" class="button secondary" disabled={index === 0} onClick={() => turn(index - 1)}>
              ‹ {words.t('previousPage')}
            </button>
            <button type="button" class="button" disabled={index >= pages.length - 1} onClick={() => turn(index + 1)}>
              {words.t('nextPage')} ›
            </button>
          </div>
        </>
      )}
    </section>
  );
}
