import { describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/answer/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { seedCorpus } from '../answer/helpers.js';
import { callbackUpdate, createDeps, createTestBot, GROUP_CHAT, inlineUpdate, textUpdate } from './helpers.js';

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
const seeds = seedCorpus();
const search = openSearch({ source: sourceFromArticles(seeds.items), dir: null, logger: createSilentLogger() });

/** Bot deps over the seed pages: real stores, real search, answers with "today" 2025-10-16 in Xining. */
async function seedDeps() {
  const deps = await createDeps({ articles: seeds.items, hotline: seeds.hotline, safety: seeds.safety });
  const answers = createAnswerService({
    reports: () => ({ hotline: seeds.hotline, safety: seeds.safety }),
    reportItems: () => seeds.items.filter((item) => item.kind !== 'article'),
    search: (query, options) => search.search(query, options),
    getArticle: (id) => deps.articles.getArticle(id),
    tools: search.textTools,
    clock: { now: () => new Date('2025-10-16T04:00:00Z') },
  });
  return { ...deps, search, answers };
}

describe('answers in a private chat', () => {
  it('puts a hotline answer first, with a button to the whole report, then the results', async () => {
    const { send } = createTestBot(await seedDeps());
    const calls = await send(textUpdate('昨天12345热线接了多少电话？'));
    expect(calls[0]).toEqual({
      method: 'sendMessage',
      payload: {
        chat_id: 1001,
        text: '💡 2025-10-15，12345热线来电诉求<b>1215件次</b>。\n<i>—— 西宁市党建引领&quot;有诉必应马上办&quot;机制创新工作日报 · 2025-10-15</i>',
        ...HTML,
        reply_markup: { inline_keyboard: [[{ text: '📋 查看完整日报', callback_data: 'h:20251015' }]] },
      },
    });
    expect(calls.map((call) => call.method)).toEqual(['sendMessage', 'sendMessage']);
    // The list is what the question is about: the asking and scaffolding out, 昨天 written as the paper writes the day.
    expect(String(calls[1]!.payload.text)).toMatch(/^🔎 “10月15日12345热线接电话”：共 \d+ 篇/);
  });

  it('opens the whole report of the answer\'s day from its button, as /hotline shows it', async () => {
    const { send } = createTestBot(await seedDeps());
    const fromButton = await send(callbackUpdate('h:20251015'));
    const fromCommand = await send(textUpdate('/hotline 2025-10-15'));
    expect(fromButton[0]).toEqual({ method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } });
    expect(fromButton[1]!.payload.text).toBe(fromCommand[0]!.payload.text);
    expect(String(fromButton[1]!.payload.text).split('\n')[0]).toBe('☎️ <b>12345 热线日报 · 2025-10-15</b>');
  });

  it('says a report date is gone when the store has no such report', async () => {
    const { send } = createTestBot(await seedDeps());
    expect(await send(callbackUpdate('h:20240101'))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String), text: '这篇文章已经找不到了，请重新搜索' } },
    ]);
  });

  it('answers an article question with the sentence, the answer in bold, and a button to the article', async () => {
    const { send } = createTestBot(await seedDeps());
    const calls = await send(textUpdate('全市多少所学校设了护学岗'));
    expect(calls[0]).toEqual({
      method: 'sendMessage',
      payload: {
        chat_id: 1001,
        text: '💡 全市<b>293所</b>学校公安“护学岗”将准时上线\n<i>—— 全市293所学校公安“护学岗”将准时上线 · 日期不详</i>',
        ...HTML,
        reply_markup: { inline_keyboard: [[{ text: '📖 阅读全文', callback_data: 'a:aba5ffa08aed:0' }]] },
      },
    });
    expect(calls).toHaveLength(2);
  });

  it('sends no answer line for a question the paper does not answer, only the list', async () => {
    const { send } = createTestBot(await seedDeps());
    const calls = await send(textUpdate('西宁的股市怎么样'));
    expect(calls).toHaveLength(1);
    // It names what was searched: 西宁 and 股市 (the nearest match: no article holds enough of them).
    expect(String(calls[0]!.payload.text)).toMatch(/^没有找到与“西宁股市”有关的文章。/);
  });

  it('escapes the article text of an answer', async () => {
    const deps = await seedDeps();
    const { send } = createTestBot({
      ...deps,
      answers: {
        answer: async () => ({ kind: 'article', text: 'R&D投入<3%的企业有12家', highlight: '12家', source: { id: 'x1', title: 'A<B>', date: null } }),
        listing: async (text) => ({ query: text, nearest: false, first: [] }),
      },
    });
    const calls = await send(textUpdate('多少家企业'));
    expect(calls[0]!.payload.text).toBe('💡 R&amp;D投入&lt;3%的企业有<b>12家</b>\n<i>—— A&lt;B&gt; · 日期不详</i>');
  });
});

describe('answers in groups and inline', () => {
  it('/ask in a group answers then lists; /ask alone says how to ask', async () => {
    const { send } = createTestBot(await seedDeps());
    const calls = await send(textUpdate('/ask 10月15日安全隐患举报多少件', { chat: GROUP_CHAT }));
    expect(calls[0]!.payload).toMatchObject({
      chat_id: -500,
      text: '💡 2025-10-15，安全隐患举报<b>65件</b>。\n<i>—— 西宁市安全隐患举报受理情况日报 · 2025-10-15</i>',
    });
    expect(await send(textUpdate('/ask', { chat: GROUP_CHAT }))).toEqual([
      { method: 'sendMessage', payload: { chat_id: -500, text: '请在命令后面写上问题，例如：<code>/ask 全市多少所学校设了护学岗</code>', ...HTML } },
    ]);
  });

  it('/search in a group gives the answer too', async () => {
    const { send } = createTestBot(await seedDeps());
    const calls = await send(textUpdate('/search 全市多少所学校设了护学岗', { chat: GROUP_CHAT }));
    expect(String(calls[0]!.payload.text)).toContain('<b>293所</b>');
  });

  it('puts the answer first among the inline results', async () => {
    const { send } = createTestBot(await seedDeps());
    const [call] = await send(inlineUpdate('全市多少所学校设了护学岗'));
    const results = call!.payload.results as Record<string, unknown>[];
    expect(results[0]).toEqual({
      type: 'article',
      id: 'answer',
      title: '💡 293所',
      description: '全市293所学校公安“护学岗”将准时上线',
      input_message_content: {
        message_text: '💡 全市<b>293所</b>学校公安“护学岗”将准时上线\n<i>—— 全市293所学校公安“护学岗”将准时上线 · 日期不详</i>',
        ...HTML,
      },
    });
    expect(results[1]!.id).toBe('aba5ffa08aed');
    // Paging on: the answer is not repeated.
    const [next] = await send(inlineUpdate('全市多少所学校设了护学岗', '10'));
    expect((next!.payload.results as { id: string }[]).some((result) => result.id === 'answer')).toBe(false);
  });
});

describe('related articles', () => {
  it('shows 🔗 under a read article that has related ones, and lists them with read buttons', async () => {
    const { send } = createTestBot(await seedDeps());
    const read = await send(callbackUpdate('a:2356a0212668:0'));
    expect(read.at(-1)!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '🔗 相关报道', callback_data: 'r:2356a0212668' }]] });
    expect(await send(callbackUpdate('r:2356a0212668'))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } },
      {
        method: 'sendMessage',
        payload: {
          chat_id: 1001,
          // The edition line, as under every list item (this fixture's pages are stored without one).
          text: '🔗 <b>相关报道</b>：青海举行“‘新’心相印 聚力同行”主题联谊活动\n\n<b>1. 情暖新业态 致敬追光人</b>\n西宁晚报 · 日期不详',
          ...HTML,
          reply_markup: { inline_keyboard: [[{ text: '📖 1. 情暖新业态 致敬追光人', callback_data: 'a:f16ce2d00543:0' }]] },
        },
      },
    ]);
  });

  it('lists at most five, most shared first', () => {
    const related = search.related('857cd62e9284', 5);
    expect(related.map((hit) => hit.id)).toEqual(['cf67ec751227', 'bcf6e2535b09', '842f1012039b', 'aba5ffa08aed']);
  });

  it('shows no 🔗 button when nothing is related', async () => {
    const { send } = createTestBot(await seedDeps());
    expect(search.related('8d45f137fa0b', 5)).toEqual([]);
    const read = await send(callbackUpdate('a:8d45f137fa0b:0'));
    expect(read.at(-1)!.payload.reply_markup).toBeUndefined();
  });
});
