import { describe, expect, it } from 'vitest';
import { createTokenizer, frameQuery } from '../../src/search/index.js';

const tokenizer = createTokenizer();
const frame = (query: string) => frameQuery(query, tokenizer.fold, tokenizer.tag);

describe('frameQuery: the words that say how to list, not what to find', () => {
  it.each([
    // Asking for the latest: the word goes, the list is newest first.
    ['近期西宁的新闻', '西宁', true],
    ['西宁最新报道', '西宁', true],
    ['禁毒最新动态', '禁毒', true],
    ['护学岗 最近', '护学岗', true],
    ['最新政策', '政策', true],
    ['盐湖新进展', '盐湖', true],
    // The days to come: what is announced for them is in the newest editions.
    ['明天活动', '活动', true],
    ['下周 停电', '停电', true],
    // Nothing left but framing words: the newest articles.
    ['最新消息', '', true],
    ['最近的新聞', '', true],
    ['这几天的新闻', '', true],
    ['最近的', '', true],
    ['新闻', '', true],
    // The latest issue: its articles are the newest.
    ['最近一期报纸', '', true],
    ['最新的一期护学岗', '护学岗', true],
    ['这一期的新闻', '', true],
    // News itself ending what was typed: dropped, the list stays by relevance.
    ['西宁新闻', '西宁', false],
    ['教育资讯', '教育', false],
    // Asking the bot to search, and the marks around a topic.
    ['帮我找一下护学岗', '护学岗', false],
    ['请帮我查查消费券', '消费券', false],
    ['我想看西宁的新闻', '西宁', false],
    ['查一下电影票房', '电影票房', false],
    ['关于禁毒的新闻', '禁毒', false],
    ['跟物业有关的新闻', '物业', false],
    ['禁毒相关报道', '禁毒', false],
    ['搜索 禁毒', '禁毒', false],
    ['给我看看最新的新闻', '', true],
    // The paper itself: 昨天的报纸 is a time alone (the search lists that day's edition).
    ['昨天的报纸', '昨天', false],
  ])('%s → “%s”, newest %s', (query, text, newest) => {
    expect(frame(query)).toEqual({ text, newest });
  });

  it.each([
    // A news word inside what was typed is a word to find; so is a word jieba does not cut out.
    '新闻发布会',
    '动态监测',
    '最新型',
    // A number after 最近 makes a time span, which the search takes off the end itself.
    '最近7天',
    '最近三个月',
    // A one-character verb opening a word, and 相关 before one, are words to find.
    '查毒驾',
    '看电影',
    '相关政策',
    '关于',
    // Particles alone are no framing words.
    '的',
    '西宁的',
    '护学岗 近三个月',
  ])('leaves %s as typed', (query) => {
    expect(frame(query)).toEqual({ text: query, newest: false });
  });

  it('keeps what was typed (spaces, Traditional) where nothing is taken out', () => {
    expect(frame('  護學崗  2025年2月 ')).toEqual({ text: '護學崗  2025年2月', newest: false });
  });
});
