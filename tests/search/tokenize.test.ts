import { describe, expect, it } from 'vitest';
import { createTokenizer, parseQuery } from '../../src/search/index.js';

const tokenizer = createTokenizer();

describe('tokenizer', () => {
  it.each([
    // Digit runs stay whole (jieba alone gives 1/2/3/4/5); the user dictionary knows the hotline's words.
    ['12345政务服务便民热线', ['12345', '政务服务', '便民热线']],
    ['全国首个社区基层工会主席直播带货', ['全国', '首个', '社区', '基层', '工会主席', '直播带货']],
    // Full-width forms fold to ASCII, Latin is lower-cased.
    ['１２３４５', ['12345']],
    ['ＫＴＶ等行业场所', ['ktv', '行业', '场所']],
    // Latin and digits are split apart, decimals kept.
    ['超过10000PFLOPS', ['超过', '10000', 'pflops']],
    ['降至1.2以下', ['降至', '1.2', '以下']],
    // Traditional (and Hong Kong) forms fold to Simplified.
    ['網絡主播', ['网络', '主播']],
    // OCR spaces inside a Chinese sentence are dropped; stop words and punctuation too.
    ['发布 2023 年的名单。', ['发布', '2023', '年', '名单']],
  ])('%s', (text, expected) => {
    expect(tokenizer.words(text)).toEqual(expected);
  });

  it('gives each distinct Han bigram once with the offsets it starts at, not across punctuation', () => {
    expect([...tokenizer.grams('护学岗，护学')]).toEqual([
      ['护学', [0, 4]],
      ['学岗', [1]],
    ]);
  });

  it('gives each distinct Han character once, also one standing alone', () => {
    expect([...tokenizer.chars('护学岗，岗 ktv 12')]).toEqual(['护', '学', '岗']);
  });
});

describe('parseQuery', () => {
  const words = (query: string) => parseQuery(query, tokenizer).words.map((word) => word.text);

  it.each([
    ['零糖', ['零糖']],
    ['ktv', ['ktv']],
    ['Pflops', ['pflops']],
    ['ＫＴＶ', ['ktv']],
    ['網絡主播', ['网络', '主播']],
    ['消费券 电影', ['消费', '券', '电影']],
    // A question is reduced to its content words.
    ['西宁今年发放了多少观影消费券？', ['西宁', '今年', '发放', '观影', '消费', '券']],
    ['什么是护学岗？', ['护学岗']],
  ])('%s', (query, expected) => {
    expect(words(query)).toEqual(expected);
  });

  it('keeps quoted phrases whole and their words for ranking', () => {
    expect(parseQuery('“党员示范店” 评选', tokenizer)).toEqual({
      words: [
        { text: '党员', kind: 'han', piece: 0, whole: false },
        { text: '示范店', kind: 'han', piece: 0, whole: false },
        { text: '评选', kind: 'han', piece: 1, whole: true },
      ],
      phrases: ['党员示范店'],
      runs: ['党员示范店'],
    });
  });

  it.each([
    ['雪', true], // typed alone: looked for inside other words too
    ['物业 岗', true],
    ['设的宏', false], // jieba could not cut the run: its lone characters are only jieba words
  ])('marks whether the one-character words of %s were typed alone', (query, whole) => {
    const chars = parseQuery(query, tokenizer).words.filter((word) => word.text.length === 1);
    expect(chars.length).toBeGreaterThan(0);
    expect(chars.every((word) => word.whole === whole)).toBe(true);
  });

  it('marks stretches typed in one piece, split at question words and spaces', () => {
    expect(parseQuery('西宁今年发放了多少观影消费券？', tokenizer).runs).toEqual(['西宁今年发放', '观影消费券']);
    expect(parseQuery('消费券 电影', tokenizer).runs).toEqual(['消费券']);
  });
});
