import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createTokenizer, NO_SYNONYMS, NO_VOCABULARY, openSearch, parseVocabulary, sourceFromArticles, type Vocabulary } from '../../src/search/index.js';
import type { PaperCounts } from '../../src/search/vocabulary.js';
import type { Article } from '../../src/types.js';

const tokenizer = createTokenizer();

function article(id: string, title: string, body: string): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: [], date: '2025-02-21', source: 'fixture.txt', body, edition: { date: '2025-02-21', page: null, estimated: false } };
}

/** A paper of 20 articles printing `words` (each in `df` articles) and characters in as many as `chars` says. */
function paper(words: Record<string, number>, chars: Record<string, number> = {}): PaperCounts {
  return { word: (w) => words[w] ?? 0, holds: (w) => (words[w] ?? 0) > 0, char: (c) => chars[c] ?? 0, docs: 20 };
}

describe('parseVocabulary', () => {
  const vocabulary = parseVocabulary(
    [
      '# a comment',
      'heating\t供暖 供热 暖气',
      'supply heating\t供暖 供热',
      'taxi\t打车 出租车 网约车 的士',
      '-\t红茶 花茶 股份 城市',
    ].join('\n'),
  );

  it('stands in the words of the same sense the paper prints, the narrowest shared sense first', () => {
    // 供热 shares two senses with 供暖, one of them narrow; 暖气 one.
    expect(vocabulary.standIns('供暖', paper({ 供热: 1, 暖气: 5 }), 2)).toEqual(['供热', '暖气']);
    expect(vocabulary.standIns('打车', paper({ 网约车: 2 }), 2)).toEqual(['网约车']);
  });

  it('falls back to words ending in the same telling character, the most printed first', () => {
    expect(vocabulary.standIns('奶茶', paper({ 红茶: 1, 花茶: 3 }, { 茶: 2 }), 2)).toEqual(['花茶', '红茶']);
    // 市 is in most articles: it says nothing, so 股市 is not read as 城市; nor as 股份 (another head).
    expect(vocabulary.standIns('股市', paper({ 城市: 18, 股份: 1 }, { 市: 18, 股: 1 }), 2)).toEqual([]);
  });

  it('reads a longer word by its trailing part, never by its leading one', () => {
    expect(vocabulary.standIns('摘草莓', paper({ 草莓: 1 }), 2)).toEqual(['草莓']);
    expect(vocabulary.standIns('世界杯', paper({ 世界: 4 }), 2)).toEqual([]);
  });

  it('names the line it cannot read', () => {
    expect(() => parseVocabulary('heating 供暖 供热\n', 'vocabulary.txt')).toThrow('vocabulary.txt:1: expected "sense<TAB>words"');
  });
});

describe('readers’ words in a search (the project’s vocabulary.txt)', () => {
  const articles = [
    article('drivers', '关爱新就业群体', '快递员、外卖小哥、网约车司机、货车司机等新就业群体代表参加活动。'),
    article('heat', '今冬供热准备就绪', '全市供热管网完成检修，供热企业提前试运行。'),
    article('drinks', '健康饮品受欢迎', '不少市民选购玫瑰红茶和无糖饮料，喝得健康。'),
    article('market', '城市建设加速', '全市城市建设项目加快推进。'),
  ];
  const open = (vocabulary?: Vocabulary) =>
    openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger(), tokenizer, synonyms: NO_SYNONYMS, ...(vocabulary ? { vocabulary } : {}) });
  const ids = async (search: ReturnType<typeof open>, query: string) => (await search.search(query)).results.map((hit) => hit.id);

  it('finds the paper’s word for a reader’s word it does not print', async () => {
    const search = open();
    expect(await ids(search, '打车司机')).toEqual(['drivers']);
    expect(await ids(search, '供暖')).toEqual(['heat']);
    expect(await ids(search, '奶茶')).toEqual(['drinks']);
  });

  it('finds nothing for a reader’s word without one, and nothing without the list', async () => {
    expect(await ids(open(), '股市')).toEqual([]);
    expect(await ids(open(NO_VOCABULARY), '打车司机')).toEqual([]);
  });

  it('keeps an article holding the reader’s own word above those found through a stand-in', async () => {
    const search = openSearch({
      source: sourceFromArticles([...articles, article('own', '打车难题', '晚高峰打车难，市民盼更多运力。')]),
      dir: null,
      logger: createSilentLogger(),
      tokenizer,
      synonyms: NO_SYNONYMS,
    });
    // 打车 is printed now: searched as typed, no stand-in.
    expect(await ids(search, '打车')).toEqual(['own']);
  });

  it('looks for a reader’s one-character word the paper prints only inside longer words as a character', async () => {
    const search = openSearch({
      source: sourceFromArticles([
        article('picking', '草莓熟了', '游客走进大棚采摘，一颗颗草莓又大又甜。'),
        article('strawberries', '草莓育苗', '修建草莓育苗拱棚。'),
        article('sales', '特产走进直播间', '合作社以前在线下售卖，如今青海特产走进直播间。'),
        article('building', '宏伟蓝图', '建设宏伟工程。'),
      ]),
      dir: null,
      logger: createSilentLogger(),
      tokenizer,
      synonyms: NO_SYNONYMS,
    });
    // jieba cuts 摘 and 卖 out of the reader's run; the paper prints them only in 采摘 and 售卖.
    expect(await ids(search, '摘草莓')).toEqual(['picking']);
    expect(await ids(search, '卖特产')).toEqual(['sales']);
    // Lone characters jieba could not cut into words (no longer word beside them) stay words: nothing.
    expect(await ids(search, '设的宏')).toEqual([]);
  });

  it('marks the paper’s word in the article, and leaves alerts to the reader’s own words', () => {
    const search = open();
    const heat = articles[1]!;
    expect(search.marks(heat, '供暖').body.map(({ start, end }) => heat.body.slice(start, end))).toEqual(['供热', '供热']);
    expect(search.matches(heat, '供暖')).toBe(false);
  });
});
