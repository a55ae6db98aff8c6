/**
 * End to end: the built `newsbot start` process against the fake Bot API on
 * 127.0.0.1 (tests/support/runningBot.ts), real long polling over HTTP, and in
 * webhook mode. Needs `npm run build` (the vitest globalSetup runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningBot, type RunningBot } from '../support/runningBot.js';
import { freePort } from '../../bench/ports.js';

describe('newsbot start against a fake Bot API', () => {
  let bot: RunningBot;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    bot = await startRunningBot({ env: { METRICS_PORT: String(metricsPort) } });
  }, 90_000);

  afterAll(() => bot?.close());

  it('starts, answers a message by long polling, and stops cleanly on SIGTERM', async () => {
    const { api } = bot;
    expect(api.calls.slice(0, 4).map((c) => c.method)).toEqual(['getMe', 'setMyCommands', 'setMyCommands', 'deleteWebhook']);
    expect(api.calls[1]!.payload.commands).toContainEqual({ command: 'hotline', description: '12345 热线日报：/hotline [日期]' });
    expect(api.calls[2]!.payload).toMatchObject({ language_code: 'en' });

    bot.send({
      update_id: 500,
      message: {
        message_id: 1,
        date: 1740000000,
        chat: { id: 77, type: 'private', first_name: '读者' },
        from: { id: 77, is_bot: false, first_name: '读者', language_code: 'zh' },
        text: '护学岗',
      },
    });
    const answer = await bot.waitFor('the answer', (call) => call.method === 'sendMessage');
    expect(answer.payload).toMatchObject({ chat_id: 77, parse_mode: 'HTML' });
    expect(answer.payload.text).toMatch(/^🔎 “护学岗”：共 \d+ 篇，第 1\/\d+ 页\n\n<b>1\. .*护学岗/);
    // METRICS_PORT: the webhook server's /healthz and /metrics, in polling mode.
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect([health.status, ((await health.json()) as { store: string }).store]).toEqual([200, 'ok']);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain('newsbot_updates_handled_total{type="message"} 1\n');
    expect(metrics).toContain('newsbot_search_seconds_count 1\n');

    await bot.stopCleanly();
    // The handled update was confirmed before exit: a restart will not see it again.
    expect(api.pollOffsets.includes(501)).toBe(true);
  }, 60_000);
});

/** A reader's message as Telegram delivers it; a leading `/command` gets its entity. */
function readerMessage(updateId: number, chat: Record<string, unknown>, text: string, from = 77): Record<string, unknown> {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1740000000,
      chat,
      from: { id: from, is_bot: false, first_name: '读者', language_code: 'zh' },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

describe('newsbot start answers questions with the answer line first', () => {
  let bot: RunningBot;
  beforeAll(async () => void (bot = await startRunningBot()), 90_000);
  afterAll(() => bot?.close());

  it('answers a hotline question in a private chat, /ask in a group and an inline query from the seeds', async () => {
    const stderr = () => bot.stderr();
    const firstReplyTo = async (chatId: number) =>
      String((await bot.waitFor(`the reply in chat ${chatId}`, (call) => call.method === 'sendMessage' && call.payload.chat_id === chatId)).payload.text).split('\n')[0];

    bot.send(readerMessage(600, { id: 77, type: 'private', first_name: '读者' }, '10月15日12345热线接了多少电话？'));
    expect(await firstReplyTo(77), stderr()).toBe('💡 2025-10-15，12345热线来电诉求<b>1215件次</b>。');

    bot.send(readerMessage(601, { id: -500, type: 'supergroup', title: '读报群' }, '/ask 全市多少所学校设了护学岗？'));
    expect(await firstReplyTo(-500), stderr()).toBe('💡 全市<b>293所</b>学校公安“护学岗”将准时上线');

    bot.send({ update_id: 602, inline_query: { id: 'iq7', from: { id: 77, is_bot: false, first_name: '读者', language_code: 'zh' }, query: '全市多少所学校设了护学岗', offset: '' } });
    const inline = await bot.waitFor('the inline answer', (call) => call.method === 'answerInlineQuery');
    const [first] = inline.payload.results as { id: string; title: string }[];
    expect(first).toMatchObject({ id: 'answer', title: '💡 293所' });
  }, 60_000);

  it('lists the report a hotline question is answered from first, and for a compound no article holds the articles holding its part, labelled', async () => {
    const repliesTo = async (chatId: number, count: number) => {
      const sent = () => bot.api.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);
      await bot.until(`${count} replies in chat ${chatId}`, () => sent().length >= count);
      return sent().map((call) => String(call.payload.text).split('\n'));
    };
    // No article holds 排第二热点: the list is the report the answer was read from.
    bot.send(readerMessage(610, { id: 78, type: 'private', first_name: '读者' }, '排第二的热点是什么', 78));
    const [answer, list] = await repliesTo(78, 2);
    expect([answer![0], list![0], list![2]], bot.stderr()).toEqual([
      '💡 2025-10-15，12345热线热点问题第2位：<b>消费维权58件</b>。',
      '🔎 “排第二热点”：共 1 篇，第 1/1 页',
      '<b>1. 西宁市党建引领&quot;有诉必应马上办&quot;机制创新工作日报</b>',
    ]);
    // No article holds 戒毒所 (jieba's word for it): the articles holding 戒毒, said to be the nearest match.
    bot.send(readerMessage(611, { id: 79, type: 'private', first_name: '读者' }, '戒毒所', 79));
    const [nearest] = await repliesTo(79, 1);
    expect(nearest!.slice(0, 4), bot.stderr()).toEqual(['🔎 “戒毒所”：共 1 篇，第 1/1 页', '没有文章包含全部词语，以下是最接近的结果（含有其中较少见的词）。', '', '<b>1. 查毒驾进场所筑牢全民“防毒线”</b>']);
    bot.send({ update_id: 612, inline_query: { id: 'iq8', from: { id: 79, is_bot: false, first_name: '读者', language_code: 'zh' }, query: '戒毒所', offset: '' } });
    const inline = await bot.waitFor('the inline answer to 戒毒所', (call) => call.method === 'answerInlineQuery' && call.payload.inline_query_id === 'iq8');
    const results = inline.payload.results as { title: string; description: string }[];
    expect(results.map((result) => [result.title, result.description.split('\n')[0]])).toEqual([['查毒驾进场所筑牢全民“防毒线”', '≈ 最接近的结果：没有文章包含全部词语']]);
    // A word no article holds whole or in a held part (世界杯's parts are 界杯 and 杯) finds nothing, plainly.
    bot.send(readerMessage(613, { id: 80, type: 'private', first_name: '读者' }, '足球世界杯', 80));
    const [nothing] = await repliesTo(80, 1);
    expect(nothing![0], bot.stderr()).toMatch(/^没有找到/u);
    // @bot alone: the newest articles, the seeds' newest edition first.
    bot.send({ update_id: 614, inline_query: { id: 'iq9', from: { id: 79, is_bot: false, first_name: '读者', language_code: 'zh' }, query: '', offset: '' } });
    const newest = await bot.waitFor('the inline answer to @bot alone', (call) => call.method === 'answerInlineQuery' && call.payload.inline_query_id === 'iq9');
    const editions = (newest.payload.results as { description: string }[]).map((result) => result.description.split('\n')[0]);
    expect(editions, bot.stderr()).toHaveLength(10);
    expect(editions[0]).toBe('西宁晚报 · 约2026年5月1日');
    expect(newest.payload.next_offset).toBe('10');
  }, 60_000);
  it('greets and thanks back instead of searching 你好 or 谢谢: in a private chat, and in a group only replying to the bot', async () => {
    const repliesTo = (chatId: number) => bot.api.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId).map((call) => String(call.payload.text));
    bot.send(readerMessage(620, { id: 81, type: 'private', first_name: '读者' }, '你好！', 81));
    await bot.until('the greeting', () => repliesTo(81).length === 1);
    expect(repliesTo(81)[0]!.split('\n')[0], bot.stderr()).toBe('你好，读者！直接发给我一个词，就能在报纸里搜索，例如：<code>护学岗</code>');
    const group = { id: -501, type: 'supergroup', title: '读报群' };
    // Group chatter is not for the bot; the same word replying to the bot is.
    bot.send(readerMessage(621, group, '谢谢', 82));
    const toBot = readerMessage(622, group, '谢谢', 82) as { message: Record<string, unknown> };
    toBot.message.reply_to_message = { message_id: 9, date: 1740000000, chat: group, from: { id: 1, is_bot: true, first_name: 'fake', username: 'fake_bot' }, text: '🔎' };
    bot.send(toBot);
    bot.send(readerMessage(623, { id: 81, type: 'private', first_name: '读者' }, '👍', 81));
    await bot.until('the reply to 👍', () => repliesTo(81).length === 2);
    // Updates of one chat are handled in order: the chatter before the reply to the bot.
    await bot.until('the reply in the group', () => repliesTo(-501).length >= 1);
    expect(repliesTo(-501), bot.stderr()).toEqual(['不客气！想查什么，随时发个词给我。']);
    expect(repliesTo(81)[1]).toBe('发给我一个词或一个问题，我在报纸里帮你找，例如：<code>护学岗</code>');
    // 怎么用 gets the help; 好的 a nod with how to search; 再见 a goodbye.
    bot.send(readerMessage(624, { id: 81, type: 'private', first_name: '读者' }, '怎么用？', 81));
    await bot.until('the help', () => repliesTo(81).length === 3);
    bot.send(readerMessage(625, { id: 81, type: 'private', first_name: '读者' }, '好的', 81));
    await bot.until('the nod', () => repliesTo(81).length === 4);
    bot.send(readerMessage(626, { id: 81, type: 'private', first_name: '读者' }, '再见', 81));
    await bot.until('the goodbye', () => repliesTo(81).length === 5);
    expect(repliesTo(81).slice(2).map((text) => text.split('\n')[0])).toEqual([
      '<b>怎么用</b>',
      '👌 想查什么，随时发个词给我，例如：<code>护学岗</code>',
      '再见，读者！想找报纸上的文章，随时回来。',
    ]);
  }, 60_000);
});

/**
 * Ten readers ask ten kinds of question, as people ask them, of the seed pages
 * (dated days only: `newsbot start` runs on the real clock): the first line of
 * each reply is the answer.
 */
const TEN_QUESTIONS: readonly (readonly [string, string])[] = [
  // A hotline number on a named day.
  ['10月15日12345热线接了多少电话？', '💡 2025-10-15，12345热线来电诉求<b>1215件次</b>。'],
  // A hot issue by its place in the newest report.
  ['排第二的热点是什么', '💡 2025-10-15，12345热线热点问题第2位：<b>消费维权58件</b>。'],
  // The safety report's topics of a day.
  ['2月20日安全隐患举报涉及哪些问题', '💡 2025-02-20的安全隐患举报涉及<b>小区物业、消防安全、市政道路、城乡建设</b>等问题。'],
  // A count, bound to the noun counted (the clause, not its 150-character sentence).
  ['城西区招商引进了多少项目线索', '💡 城西区年内引进<b>19条</b>项目线索'],
  // A measure, though the paper never says 纯度.
  ['硼酸纯度有多高', '💡 硼酸产品主含量高达<b>99.999%</b>'],
  // 谁 answered by the body that did it.
  ['储能专利导航是谁发布的', '💡 <b>省知识产权局</b>正式发布“青海省新型储能产业专利导航”项目成果'],
  // A short list of the schools named.
  ['禁毒宣传去了哪些学校', '💡 <b>静雅小学、十里铺小学</b>'],
  // A date.
  ['营商环境评审会是哪天开的', '💡 <b>12月8日</b>，西宁市优化营商环境工作领导小组办公室组织省内外营商环境领域教授、学者召开了西宁市2023年度营商环境改革创新“十佳”典型案例专家评审会'],
  // A place.
  ['海西州文化走亲活动在哪里落幕', '💡 2025年海西州文化走亲活动在<b>温州</b>落幕'],
  // A name, quoted beside the thing asked after.
  ['城西区的招商小程序叫什么', '💡 <b>云端商会</b>'],
];

describe('newsbot start answers ten readers’ questions with the answer in the first line', () => {
  let bot: RunningBot;
  beforeAll(async () => void (bot = await startRunningBot()), 90_000);
  afterAll(() => bot?.close());

  it.each(TEN_QUESTIONS.map(([question, first], i) => [question, first, 8000 + i] as const))('%s', async (question, first, reader) => {
    // Ten readers: each their own chat and user (one reader's ten questions at once would meet the rate limit).
    bot.send(readerMessage(700 + reader, { id: reader, type: 'private', first_name: `读者${reader}` }, question, reader));
    const reply = await bot.waitFor(`the reply to reader ${reader}`, (call) => call.method === 'sendMessage' && call.payload.chat_id === reader);
    expect(String(reply.payload.text).split('\n')[0], bot.stderr()).toBe(first);
  }, 60_000);
});

describe('newsbot start in webhook mode', () => {
  let bot: RunningBot;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    bot = await startRunningBot({
      env: { WEBHOOK_URL: 'https://bot.example.test/telegram/hook', WEBHOOK_SECRET: 'e2e-secret', PORT: String(port) },
      ready: 'spawned',
    });
  });

  afterAll(() => bot?.close());

  it('sets the webhook, checks the secret token, answers, and stops on SIGTERM', async () => {
    const { api } = bot;
    const setWebhook = await bot.waitFor('setWebhook', (call) => call.method === 'setWebhook', 60_000);
    expect(setWebhook.payload).toEqual({ url: 'https://bot.example.test/telegram/hook', secret_token: 'e2e-secret' });

    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify({
          update_id: 9,
          message: {
            message_id: 1,
            date: 1740000000,
            chat: { id: 88, type: 'private', first_name: 'Amy' },
            from: { id: 88, is_bot: false, first_name: 'Amy', language_code: 'en' },
            text: '/help',
            entities: [{ type: 'bot_command', offset: 0, length: 5 }],
          },
        }),
      });
    expect((await post('wrong')).status).toBe(401);
    expect((await post('e2e-secret')).status).toBe(200);
    const answer = await bot.waitFor('the answer', (call) => call.method === 'sendMessage');
    expect(answer.payload).toMatchObject({ chat_id: 88, parse_mode: 'HTML' });
    expect(answer.payload.text).toMatch(/^<b>How to use<\/b>/);
    // Telegram delivering update 9 again (it did not see our 200): answered, not handled twice.
    expect((await post('e2e-secret')).status).toBe(200);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const healthBody = (await health.json()) as { store: string; index: { articles: number } };
    expect([health.status, healthBody.store]).toEqual([200, 'ok']);
    expect(healthBody.index.articles).toBeGreaterThan(0);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('newsbot_updates_handled_total{type="message"} 1\n');
    expect(metrics).toContain('newsbot_duplicate_updates_total 1\n');
    expect(metrics).toContain(`newsbot_index_articles ${healthBody.index.articles}\n`);
    expect(api.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);

    await bot.stopCleanly();
  }, 60_000);
});
