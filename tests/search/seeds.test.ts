import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';

const articles = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const search = openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger() });
const squash = (text: string) => text.replace(/\s+/g, '');
/** The first result's title and body, spaces removed (as `newsbot eval` checks it). */
const firstText = async (query: string) => {
  const hit = (await search.search(query)).results[0];
  const article = articles.find((item) => item.id === hit?.id);
  return article ? squash(article.title + article.body) : '';
};

describe('search over the seed pages', () => {
  it.each([
    // A word, a phrase, a name, a number, Latin in any case and width, Traditional, two words, a question.
    ['零糖', '黄芪苹果水'],
    ['党员示范店', '湟源香味圆柴火鸡店'],
    ['“党员示范店”', '湟源香味圆柴火鸡店'],
    ['姜晓东', '姜晓东出席评审会'],
    ['1215', '1215件次'],
    ['ktv', '九小场所'],
    ['ＰＦＬＯＰＳ', '10000PFLOPS'],
    ['Pflops', '10000PFLOPS'],
    ['網絡主播', '30264元'],
    ['消费券 电影', '观影消费券'],
    ['西宁今年发放了多少观影消费券？', '观影消费券'],
    // jieba does not know 码上减负 (码/上/减负); the hotline report holds it in quotes.
    ['码上减负', '1215件次'],
    // The two daily reports both list 热点问题 and score within half a percent: corpus order decides.
    ['热点问题', '992件次'],
  ])('%s → the article with %s first', async (query, phrase) => {
    expect(await firstText(query)).toContain(phrase);
  });

  it.each([
    // 护学岗 is one jieba word, never 岗 alone: the headline holding the character puts it first (of 4).
    ['岗', 4, '全市293所学校公安“护学岗”将准时上线'],
    // Five bodies hold 雪 once each, always inside a longer word and never in a headline: they tie, and
    // corpus order decides (the Haixi culture-exchange report is the first of them).
    ['雪', 5, '2025年海西州文化走亲活动在温州落幕'],
    // Seven bodies hold 车 (the live-selling article: 火车站街道), none in a headline: a tie, the first in corpus order.
    ['车', 7, '城东区:全国首个社区基层工会主席直播带货'],
    // No seed article holds both; 岗 is the rarer word (4 articles, 物业 5), so its headline comes first.
    ['物业 岗', 9, '全市293所学校公安“护学岗”将准时上线'],
  ])('one-character word %s: %i articles, %s first', async (query, total, title) => {
    const found = await search.search(query);
    expect(found.total).toBe(total);
    expect(found.results[0]?.title).toBe(title);
  });

  it.each(['股市', '足球世界杯', '西宁 股市'])('%s finds nothing', async (query) => {
    expect(await search.search(query)).toEqual({ query, words: query.trim(), total: 0, results: [], span: null, sort: 'relevance', nearest: false });
  });

  it('finds the hotline report item, not only articles', async () => {
    const [hit] = (await search.search('1215')).results;
    expect(articles.find((item) => item.id === hit?.id)?.kind).toBe('hotline');
  });

  it('highlights every match in the snippet', async () => {
    const [hit] = (await search.search('护学岗')).results;
    expect(hit?.snippet).toBe(
      '站好“<b>护学岗</b>”,撑起“平安伞”。2025年春季新学期即将开学,西宁公安倾力护航,全市293所学校公安“<b>护学岗</b>”将准时上线,有效维护校园及周边秩序,全力以赴确保学子们平安出行。',
    );
  });
});
