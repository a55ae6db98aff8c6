import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createTokenizer, NO_SYNONYMS, openSearch, parseSynonyms, sourceFromArticles, type Synonyms } from '../../src/search/index.js';
import type { Article } from '../../src/types.js';

const tokenizer = createTokenizer();

function article(id: string, title: string, body: string): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: [], date: '2025-02-21', source: 'fixture.txt', body, edition: { date: '2025-02-21', page: null, estimated: false } };
}

const open = (articles: readonly Article[], synonyms: Synonyms = NO_SYNONYMS) =>
  openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger(), tokenizer, synonyms });
const ids = async (search: ReturnType<typeof open>, query: string, nearest = false) =>
  (await search.search(query, { nearest })).results.map((hit) => hit.id);

describe('exact words first', () => {
  const articles = [
    // The report: the paper's own name for the hotline, in the headline and three times in the body.
    article('report', '12345热线日报', '12345热线接听来电1215件次。12345热线直接办理739件。12345热线回访230件。'),
    // One mention of the reader's name for it, in a long article about something else.
    article('mention', '社区服务进万家', '社区工作人员上门走访，发放便民服务卡，告诉居民遇到困难可以拨打市民热线，也可以到社区服务站反映，工作人员将及时处理。'),
    // 市民 and 热线 apart: not the name 市民热线.
    article('apart', '饮品店里话健康', '不少市民选择无糖饮料，店员说热线电话订购也很方便。'),
  ];
  const synonyms = parseSynonyms('12345热线 = 市民热线\n');

  it('keeps the article holding the words as typed above those found through another name', async () => {
    // By score alone the report wins through its name for the hotline (title, three times).
    const search = open(articles, synonyms);
    expect(await ids(search, '市民热线')).toEqual(['mention', 'report', 'apart']);
    expect((await search.search('市民热线')).nearest).toBe(false);
  });

  it('ranks a listed name held only in pieces (市民 … 热线) with the partial matches', async () => {
    expect(await ids(open(articles.filter((a) => a.id !== 'mention'), synonyms), '市民热线')).toEqual(['report', 'apart']);
  });

  it('puts the articles holding every word before those holding fewer, whatever the scores', async () => {
    const search = open([
      // The three rarer words in the headline and again and again in the body, but not 市民.
      article('films', '电影观影消费券', '电影院上映新电影，观影人数多，消费券好用，电影票好卖，观影体验好，消费券领完了。'),
      // Each of the four words once, in a long body about much else.
      article('all', '春节假期文旅市场综述', `${'假期里景区游客络绎不绝，酒店民宿预订火爆，餐饮零售持续升温。'.repeat(6)}全省发放消费券，带动电影票房增长，市民观影热情高涨。`),
      // 市民 is common: little of the query's weight.
      article('park', '公园', '市民在公园散步。'),
      article('road', '道路', '市民出行方便。'),
    ]);
    expect(await ids(search, '消费券 电影 观影 市民')).toEqual(['all', 'films', 'park', 'road']);
  });
});

describe('the nearest match', () => {
  const articles = [
    article('boric', '化工产业竞争力持续攀升', '青海利亚达化工有限公司通过持续技术攻关，硼酸产品主含量高达99.999%，关键指标超越国家标准。'),
    article('salt', '盐湖产业创新', '加快建设世界级盐湖产业创新服务基地，实施了40项盐湖领域科技项目。'),
    article('football', '高原足球超级联赛开幕', '第三届高原足球超级联赛新闻发布会发布了本届赛事商务活动的联动举措。'),
  ];
  const search = open(articles);

  it('lists nothing for a keyword search when no article holds most of the words', async () => {
    expect((await search.search('硼酸纯度')).total).toBe(0);
  });

  it('with `nearest`, weighs a word found nowhere (纯度) half as much as the rarest word found and lists the article holding the rest', async () => {
    const found = await search.search('硼酸纯度', { nearest: true });
    expect(found.results.map((hit) => hit.id)).toEqual(['boric']);
    expect(found.nearest).toBe(true);
  });

  it('still lists nothing when the words found are common and the missing one is the topic', async () => {
    // 产业 is in two of the three articles: far less than half of the query's weight.
    expect((await search.search('产业股市', { nearest: true })).total).toBe(0);
  });

  it('is not the nearest match when an article holds every word', async () => {
    const found = await search.search('硼酸产品', { nearest: true });
    expect(found.results.map((hit) => hit.id)).toEqual(['boric']);
    expect(found.nearest).toBe(false);
  });
});

describe('a compound no article holds', () => {
  const articles = [
    article('drugs', '禁毒宣传活动', '戒毒（康复）工作站的民警来到学校，讲解毒品的危害。'),
    article('waste', '垃圾分类新规', '社区设置垃圾分类投放点。'),
    article('campus', '校园安全', '校园周边交通秩序整治。'),
    article('world', '世界读书日', '世界读书日当天，图书馆举办阅读活动。'),
  ];
  const search = open(articles);

  it.each([
    // A compound ending in a place's suffix is about its leading part.
    ['戒毒所', ['drugs']],
    ['垃圾站', ['waste']],
  ])('%s is looked for by the part articles hold, as the nearest match', async (query, expected) => {
    const found = await search.search(query);
    expect([found.results.map((hit) => hit.id), found.nearest]).toEqual([expected, true]);
  });

  it('is looked for by its trailing part (the head) beside the other words: 毒品进校园 as 毒品 校园', async () => {
    // No article holds 毒品 and 校园 both (the readers' stand-in 毒品校园 finds none whole): each part's articles, the nearest match.
    const found = await search.search('毒品进校园');
    expect([found.results.map((hit) => hit.id).sort(), found.nearest]).toEqual([['campus', 'drugs'], true]);
  });

  it('is not looked for by a leading part that is not what it names (世界杯 is no 世界), nor a two-character word by its characters', async () => {
    expect((await search.search('世界杯')).total).toBe(0);
    expect((await search.search('股市')).total).toBe(0);
  });

  it('keeps an article holding the word whole an ordinary hit', async () => {
    const found = await search.search('分类投放点');
    expect([found.results.map((hit) => hit.id), found.nearest]).toEqual([['waste'], false]);
  });
});

describe('articles put first', () => {
  const search = open([
    article('report', '热线日报', '来电诉求1215件次，热点问题第一位物业管理。'),
    article('one', '物业服务提质', '物业管理走进社区。'),
    article('two', '物业管理条例', '物业管理条例施行，物业管理更规范。'),
  ]);

  it('lists the ids asked for first, in that order, then the hits without them, and counts each article once', async () => {
    const plain = await search.search('物业管理');
    expect([plain.results.map((hit) => hit.id), plain.total]).toEqual([['two', 'one', 'report'], 3]);
    const first = await search.search('物业管理', { first: ['report'] });
    expect([first.results.map((hit) => hit.id), first.total]).toEqual([['report', 'two', 'one'], 3]);
    // Paged: the second page goes on after the first.
    expect((await search.search('物业管理', { first: ['report'], limit: 2, offset: 2 })).results.map((hit) => hit.id)).toEqual(['one']);
  });

  it('counts an article put first that the query does not match, and leaves out an unknown id', async () => {
    const found = await search.search('条例', { first: ['report', 'missing'] });
    expect([found.results.map((hit) => hit.id), found.total, found.nearest]).toEqual([['report', 'two'], 2, false]);
    const alone = await search.search('股市', { first: ['report'] });
    expect([alone.results.map((hit) => hit.id), alone.total, alone.nearest]).toEqual([['report'], 1, false]);
  });
});

describe('articles put first, in an index of several segments that grows', () => {
  it('finds the article asked for by its store position, in whichever segment it is, and one indexed later', async () => {
    const source = sourceFromArticles([
      article('a', '物业管理条例', '物业管理更规范。'),
      article('b', '物业服务提质', '物业管理走进社区。'),
      article('c', '社区议事会', '居民议事。'),
      article('d', '热线日报', '热点问题第一位物业管理。'),
      article('e', '停车难', '小区停车位紧张。'),
    ]);
    // Segments of two articles: a, b | c, d | e.
    const search = openSearch({ source, dir: null, logger: createSilentLogger(), tokenizer, synonyms: NO_SYNONYMS, tuning: { chunk: 2, mergeRatio: 0 } });
    const first = async (id: string) => (await search.search('物业管理', { first: [id] })).results.map((hit) => hit.id);
    const hits = (await search.search('物业管理')).results.map((hit) => hit.id);
    expect([...hits].sort()).toEqual(['a', 'b', 'd']);
    expect(await first('d')).toEqual(['d', ...hits.filter((id) => id !== 'd')]);
    expect(await first('e')).toEqual(['e', ...hits]);
    source.push([article('f', '新的日报', '今日热点：供暖。')]);
    expect(await first('f')).toEqual(['f', ...hits]);
    expect(await first('missing')).toEqual(hits);
  });
});

describe('the words searched', () => {
  const search = open([article('school', '护学岗上线', '全市293所学校“护学岗”准时上线。')]);

  it('carries the query less its time span, so the bot need not read the span again', async () => {
    const found = await search.search('护学岗 2025年2月', { today: '2025-03-05' });
    expect([found.words, found.span]).toEqual(['护学岗', { since: '2025-02-01', until: '2025-02-28' }]);
    expect((await search.search('2025年2月', { today: '2025-03-05' })).words).toBe('');
    expect((await search.search(' 护学岗 ')).words).toBe('护学岗');
  });
});
