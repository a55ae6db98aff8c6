/** One article whole: kicker, headline, subtitle, byline, citation, the text with the search words marked, related articles, share. */
import type { ArticleView } from '../../../src/webapp/apiTypes.js';
import { getJson } from '../api.js';
import { postEvent } from '../bridge.js';
import { Marked, Status, useApp, useLoad } from '../components.js';

export function Article({ id, q }: { id: string; q: string }) {
  const { open, words } = useApp();
  const loaded = useLoad(() => getJson<ArticleView>('article', { id, q }), `${id}\n${q}`);
  if (loaded.state !== 'done') return <Status loaded={loaded} />;
  const article = loaded.data;
  const title = article.title.map((part) => part.text).join('');
  const share = () => {
    if (!article.shareUrl) return;
    const path = `/share/url?${new URLSearchParams({ url: article.shareUrl, text: title }).toString()}`;
    postEvent('web_app_open_tg_link', { path_full: path });
  };
  return (
    <article class="article" aria-labelledby="article-title">
      {article.kicker && <p class="kicker">{article.kicker}</p>}
      <h1 id="article-title" class="article-title">
        <Marked parts={article.title} />
      </h1>
      {article.subtitle && <p class="subtitle">{article.subtitle}</p>}
      <p class="citation">{words.citation(article.edition)}</p>
      {article.reporters.length > 0 && (
        <p class="byline">
          {words.t('byline')} {article.reporters.join(words.language === 'zh' ? '　' : ', ')}
        </p>
      )}
      <div class="body">
        {article.paragraphs.map((parts, i) => (
          <p key={i}>
            <Marked parts={parts} />
          </p>
        ))}
      </div>
      {article.shareUrl && (
        <button type="button" class="button secondary share" onClick={share}>
          {words.t('share')}
        </button>
      )}
      {article.related.length > 0 && (
        <section class="related" aria-labelledby="related-title">
          <h2 id="related-title">{words.t('related')}</h2>
          <ul class="items">
            {article.related.map((link) => (
              <li key={link.id}>
                <button type="button" class="item" onClick={() => open({ view: 'article', id: link.id, q: '' })}>
                  <span class="headline">{link.title}</span>
                  <span class="lead">{words.citation(link.edition)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
