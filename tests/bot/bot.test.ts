import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ALL_ARTICLES, GUARD, HEATING, HOTLINE_19, HOTLINE_20, LONG, SAFETY_20 } from './fixtures.js';
import {
  callbackUpdate,
  createDeps,
  createTestBot,
  EN_USER,
  GROUP_CHAT,
  inlineUpdate,
  textUpdate,
  USER,
} from './helpers.js';

const FIXTURE = { articles: ALL_ARTICLES, hotline: [HOTLINE_19, HOTLINE_20], safety: [SAFETY_20] };
const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
/** sha256("1001\n供暖") in base64url, first 8 characters: QueryStore's id for the query in chat 1001 (chatQueries). */
const HEATING_QUERY_ID = '9iIP2fr3';

const say = (text: string, extra: Record<string, unknown> = {}, chat_id = 1001) => ({
  method: 'sendMessage',
  payload: { chat_id, text, ...HTML, ...extra },
});
const read = (n: number, title: string, id: string) => [{ text: `📖 ${n}. ${title}`, callback_data: `a:${id}:0` }];
const keyboard = (...rows: unknown[][]) => ({ reply_markup: { inline_keyboard: rows } });

/** The citation under each heating result: page 2 of its day's paper (the fourth was printed on the 19th). */
const heatingEdition = (n: number) => `西宁晚报 · 2025年2月${n === 4 ? 19 : 9 + n}日 · 第2版`;
const GUARD_EDITION = '西宁晚报 · 2025年2月21日 · 第3版';

const HEATING_PAGE_1 = [
  '🔎 “供暖”：共 7 篇，第 1/2 页',
  ...[1, 2, 3, 4, 5].map(
    (n) => `<b>${n}. 供暖问题第${n}篇</b>\n${heatingEdition(n)}\n<b>供暖</b>保障第${n}条消息。`,
  ),
].join('\n\n');
const HEATING_PAGE_1_KEYBOARD = keyboard(
  ...[1, 2, 3, 4, 5].map((n) => read(n, `供暖问题第${n}篇`, HEATING[n - 1]!.id)),
  [
    { text: '1/2', callback_data: 'x' },
    { text: '▶', callback_data: `s:${HEATING_QUERY_ID}:2` },
  ],
  [{ text: '🕒 最新优先', callback_data: `n:${HEATING_QUERY_ID}:1` }],
);
const HEATING_PAGE_2 = [
  '🔎 “供暖”：共 7 篇，第 2/2 页',
  ...[6, 7].map(
    (n) => `<b>${n}. 供暖问题第${n}篇</b>\n${heatingEdition(n)}\n<b>供暖</b>保障第${n}条消息。`,
  ),
].join('\n\n');
const HEATING_PAGE_2_KEYBOARD = keyboard(
  read(6, '供暖问题第6篇', HEATING[5]!.id),
  read(7, '供暖问题第7篇', HEATING[6]!.id),
  [
    { text: '◀', callback_data: `s:${HEATING_QUERY_ID}:1` },
    { text: '2/2', callback_data: 'x' },
  ],
  [{ text: '🕒 最新优先', callback_data: `n:${HEATING_QUERY_ID}:2` }],
);

const EXPIRED = '这个搜索已过期，请重新搜索';

describe('private chat', () => {
  it('/start greets and shows an example search', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('/start'))).toEqual([
      say(
        '你好，小王！我是<b>西宁晚报</b>读报助手。\n\n' +
          '直接发给我一个词，就能在报纸里搜索，例如：<code>护学岗</code>\n' +
          '/latest 看最新文章，/hotline 看 12345 热线日报，/help 查看全部命令。',
      ),
    ]);
  });

  it('/help lists every command, push ones included', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('/help'))).toEqual([
      say(
        [
          '<b>怎么用</b>',
          '私聊里直接发一个词就是搜索，例如：<code>护学岗</code>',
          '在任何聊天里输入 <code>@xnwb_bot 词</code> 也能搜索。',
          '',
          '/search 词 — 搜索文章（群里用这个，或回复我的消息）',
          '/ask 问题 — 提问，例如：/ask 昨天12345热线接了多少电话',
          '/latest [词] — 最新文章（按报纸日期，最新在前）；加上词只看提到它的',
          '/paper [日期] — 一期报纸的全部标题，按版面排列（默认最新一期）',
          '搜索词后面可以加时间，例如：<code>护学岗 2025年2月</code>、<code>护学岗 近7天</code>；只发时间就列出那段时间的文章',
          '/hotline [YYYY-MM-DD] — 12345 热线日报（默认最新一期）',
          '/trend [天数] [最后一天] — 12345 热线趋势图（默认近 30 天到最新日报，最多 365 天；例如 <code>/trend 30 2025-10-15</code>）',
          '/subscribe [HH:MM] — 每天定时推送热线日报',
          '/subscribe weekly [周一] [HH:MM] — 改为每周推送一周的趋势图和合计',
          '/unsubscribe — 取消每日推送',
          '/settings — 我的推送设置',
          '/follow 词 — 关注关键词，有新文章时提醒我',
          '/unfollow 词 — 取消关注',
          '/follows — 我关注的关键词',
          '/digest 即时|每小时|每天 HH:MM — 关注词的提醒：每次导入合成一条，或每小时、每天汇总一条',
          '/quiet 22:00-07:00 [静音] — 免打扰：这段时间不发（结束后补发），加“静音”则照常发但不响铃；<code>/quiet 关闭</code>',
          '/help — 显示本帮助',
        ].join('\n'),
      ),
    ]);
  });

  it('plain text is a search: bold title, date and source, highlighted snippet, a read button', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('  护学岗 '))).toEqual([
      say(
        '🔎 “护学岗”：共 1 篇，第 1/1 页\n\n' +
          '<b>1. 护学岗守护上学路</b>\n' +
          `${GUARD_EDITION}\n` +
          '<b>护学岗</b>的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。',
        keyboard(read(1, '护学岗守护上学路', GUARD.id)),
      ),
    ]);
  });

  it('escapes article text and the query', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('测试'))).toEqual([
      say(
        '🔎 “测试”：共 1 篇，第 1/1 页\n\n<b>1. &lt;测试&gt; “A&amp;B”</b>\n西宁晚报 · 日期不详\n<b>测试</b> &lt;script&gt;',
        keyboard(read(1, '<测试> “A&B”', 'c1c1c1c1c1c1')),
      ),
    ]);
    expect(await send(textUpdate('<b>x</b> & y'))).toEqual([
      say(
        '没有找到与“&lt;b&gt;x&lt;/b&gt; &amp; y”有关的文章。\n可以试试：\n· 换一个更短的词，例如“护学岗”\n· 少用几个词，一次只搜一件事\n· 检查有没有错别字',
      ),
    ]);
  });

  it('pages through results by editing the same message, with ◀ ▶ and the page number', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('供暖'))).toEqual([say(HEATING_PAGE_1, HEATING_PAGE_1_KEYBOARD)]);

    const next = await send(callbackUpdate(`s:${HEATING_QUERY_ID}:2`, { messageId: 101 }));
    expect(next).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } },
      {
        method: 'editMessageText',
        payload: { chat_id: 1001, message_id: 101, text: HEATING_PAGE_2, ...HTML, ...HEATING_PAGE_2_KEYBOARD },
      },
    ]);

    const back = await send(callbackUpdate(`s:${HEATING_QUERY_ID}:1`, { messageId: 101 }));
    expect(back[1]).toEqual({
      method: 'editMessageText',
      payload: { chat_id: 1001, message_id: 101, text: HEATING_PAGE_1, ...HTML, ...HEATING_PAGE_1_KEYBOARD },
    });
  });

  it('keeps paging after a restart: the query lives in the store, not in the bot', async () => {
    const deps = await createDeps(FIXTURE);
    await createTestBot(deps).send(textUpdate('供暖'));
    const restarted = createTestBot(deps);
    const calls = await restarted.send(callbackUpdate(`s:${HEATING_QUERY_ID}:2`));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(calls[1]!.payload.text).toBe(HEATING_PAGE_2);
  });

  it('shows the last page when a button points past the end', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    await send(textUpdate('供暖'));
    const calls = await send(callbackUpdate(`s:${HEATING_QUERY_ID}:9`));
    expect(calls[1]!.payload.text).toBe(HEATING_PAGE_2);
  });

  it('ignores "message is not modified" on a double tap', async () => {
    const { send, fail } = createTestBot(await createDeps(FIXTURE));
    await send(textUpdate('供暖'));
    fail({ method: 'editMessageText', code: 400, description: 'Bad Request: message is not modified' });
    const calls = await send(callbackUpdate(`s:${HEATING_QUERY_ID}:1`));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
  });

  it('reads an article longer than 4096 characters in clean parts', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const [p1, p2, p3, p4, p5, p6] = LONG.body.split('\n');
    const head = '<b>长篇报道</b>\n西宁晚报 · 约2025年11月17日';
    const calls = await send(callbackUpdate(`a:${LONG.id}:0`));
    expect(calls).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } },
      say(`${head}\n\n${[p1, p2, p3, p4].join('\n')}`),
      say(`${p5}\n${p6}`),
    ]);
    for (const call of calls.slice(1)) expect((call.payload.text as string).length).toBeLessThanOrEqual(4096);
  });

  it('reads an article with its kicker, subtitle and reporters', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect((await send(callbackUpdate(`a:${GUARD.id}:0`))).slice(1)).toEqual([
      say(
        '<i>每月一地：</i>\n<b>护学岗守护上学路</b>\n<i>——记城西区护学岗志愿者</i>\n记者：张三、李四\n' +
          `${GUARD_EDITION}\n\n` +
          '每天清晨，护学岗的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。”',
      ),
    ]);
  });

  it('opens an article from an inline result deep link (/start a_<id>)', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const calls = await send(textUpdate(`/start a_${GUARD.id}`));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload.text).toMatch(/^<i>每月一地：<\/i>\n<b>护学岗守护上学路<\/b>/);
  });

  it.each([
    ['a stale search', 's:ZZZZZZZZ:2', EXPIRED],
    ['a malformed page', 's:KxEfqekX:zero', EXPIRED],
    ['garbage', 'garbage', EXPIRED],
    ['too many fields', 's:KxEfqekX:1:2', EXPIRED],
    ['an unknown article', 'a:ffffffffffff:0', '这篇文章已经找不到了，请重新搜索'],
    ['a bad article id', 'a:../etc:0', EXPIRED],
  ])('answers %s (%s) and does nothing else', async (_name, data, text) => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(callbackUpdate(data))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String), text } },
    ]);
  });

  it('answers the page counter button silently', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(callbackUpdate('x'))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } },
    ]);
  });

  it('says so when nothing matches and suggests what to try', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('火星移民 计划'))).toEqual([
      say(
        '没有找到与“火星移民 计划”有关的文章。\n可以试试：\n· 换一个更短的词，例如“护学岗”\n· 少用几个词，一次只搜一件事\n· 检查有没有错别字',
      ),
    ]);
  });

  it('/latest lists the newest articles with read buttons', async () => {
    const { send } = createTestBot(await createDeps({ articles: [GUARD, HEATING[6]!] }));
    expect(await send(textUpdate('/latest'))).toEqual([
      say(
        '🗞 <b>最新文章</b>\n\n' +
          `<b>1. 护学岗守护上学路</b>\n${GUARD_EDITION}\n每天清晨，护学岗的志愿者准时出现在校门口。\n\n` +
          '<b>2. 供暖问题第7篇</b>\n西宁晚报 · 2025年2月16日 · 第2版\n今冬供暖保障第7条消息。',
        keyboard(read(1, '护学岗守护上学路', GUARD.id), read(2, '供暖问题第7篇', HEATING[6]!.id)),
      ),
    ]);
  });
});

describe('/hotline', () => {
  const NEWEST =
    '☎️ <b>12345 热线日报 · 2025-02-20</b>\n括号里是与 2025-02-19 相比的变化\n\n' +
    '来电诉求：1215 件次（▲35）\n　近 7 天来电：·····▁█（2025-02-14 至 2025-02-20）\n网民留言：86 件（▼4）\n　· 人民网：32 件（▲2）\n　· 微信：54 件（▼6）\n' +
    '直接办理：900 件（持平）\n转交责任单位办理：401 件（▲31）\n回访：未报告\n\n' +
    '🔥 <b>热点问题</b>\n1. 供暖：50 件（▲15）\n2. 物业管理：38 件（▼2）\n3. 噪音扰民：12 件（新）\n\n' +
    '⚠️ <b>安全隐患举报 · 2025-02-20</b>\n受理举报：12 件\n　· 12345热线：9 件\n　· 市应急管理局：3 件\n涉及：小区物业、消防安全';

  it('without a date: the newest report, its change against the previous one, the safety report', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('/hotline'))).toEqual([say(NEWEST)]);
  });

  it.each(['2025-02-20', '2025-2-20', '2025/02/20', '２０２５-０２-２０', '20250220'])(
    'with the date %s',
    async (date) => {
      const { send } = createTestBot(await createDeps(FIXTURE));
      expect(await send(textUpdate(`/hotline ${date}`))).toEqual([say(NEWEST)]);
    },
  );

  it('the oldest report has nothing to compare with', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('/hotline 2025-02-19'))).toEqual([
      say(
        '☎️ <b>12345 热线日报 · 2025-02-19</b>\n\n' +
          '来电诉求：1180 件次\n网民留言：90 件\n　· 人民网：30 件\n　· 微信：60 件\n' +
          '直接办理：900 件\n转交责任单位办理：370 件\n回访：500 件\n\n' +
          '🔥 <b>热点问题</b>\n1. 物业管理：40 件\n2. 供暖：35 件',
      ),
    ]);
  });

  it.each([
    ['2025-02-30', '“2025-02-30”不是日期，请写成 YYYY-MM-DD 或“10月15日”“昨天”，例如 <code>/hotline 2025-02-20</code>'],
    ['昨天<b>', '“昨天&lt;b&gt;”不是日期，请写成 YYYY-MM-DD 或“10月15日”“昨天”，例如 <code>/hotline 2025-02-20</code>'],
    ['2025-01-01', '没有 2025-01-01 的热线日报。已有的日期：2025-02-20、2025-02-19'],
  ])('answers the bad or unknown date %s with the dates there are', async (input, text) => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate(`/hotline ${input}`))).toEqual([say(text)]);
  });

  it.each(['2月19日', '前天', '2025年2月19日'])('reads the day as readers write it: %s', async (input) => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const [reply] = await send(textUpdate(`/hotline ${input}`));
    expect(reply!.payload.text).toMatch(/^☎️ <b>12345 热线日报 · 2025-02-19<\/b>/u);
  });

  it('says when there is no report at all', async () => {
    const { send } = createTestBot(await createDeps({ articles: [GUARD] }));
    expect(await send(textUpdate('/hotline'))).toEqual([say('还没有 12345 热线日报。')]);
  });
});

describe('groups', () => {
  const group = (text: string, replyTo?: number) =>
    textUpdate(text, { chat: GROUP_CHAT, ...(replyTo === undefined ? {} : { replyTo }) });
  const GUARD_RESULT = say(
    `🔎 “护学岗”：共 1 篇，第 1/1 页\n\n<b>1. 护学岗守护上学路</b>\n${GUARD_EDITION}\n` +
      '<b>护学岗</b>的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。',
    keyboard(read(1, '护学岗守护上学路', GUARD.id)),
    -500,
  );

  it('/search 词 and /search@botname 词 search', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(group('/search 护学岗'))).toEqual([GUARD_RESULT]);
    expect(await send(group('/search@xnwb_bot 护学岗'))).toEqual([GUARD_RESULT]);
  });

  it('a reply to the bot is a search', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(group('护学岗', 55))).toEqual([GUARD_RESULT]);
  });

  it('ignores chatter, other bots’ commands and unknown commands not addressed to it', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(group('护学岗今天有人吗'))).toEqual([]);
    expect(await send(group('/search@other_bot 护学岗'))).toEqual([]);
    expect(await send(group('/weather'))).toEqual([]);
  });

  it('answers an unknown command addressed to it, and /search without words', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(group('/weather@xnwb_bot'))).toEqual([
      say('我不认识这个命令。发送 /help 查看全部命令。', {}, -500),
    ]);
    expect(await send(group('/search'))).toEqual([
      say('请在命令后面写上要搜索的词，例如：<code>/search 护学岗</code>', {}, -500),
    ]);
  });
});

describe('inline mode', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({
    ...GUARD,
    id: `e000000000${String(i).padStart(2, '0')}`,
    title: `护学岗 ${i + 1}`,
    body: `护学岗第${i + 1}天 & 值守`,
  }));

  it('offers matching articles with next_offset paging and a short cache time', async () => {
    const { send } = createTestBot(await createDeps({ articles: many }));
    const result = (i: number) => ({
      type: 'article',
      id: many[i]!.id,
      title: `护学岗 ${i + 1}`,
      description: `${GUARD_EDITION}\n护学岗第${i + 1}天 & 值守`,
      input_message_content: {
        message_text: `<b>护学岗 ${i + 1}</b>\n<b>护学岗</b>第${i + 1}天 &amp; 值守\n${GUARD_EDITION}`,
        ...HTML,
      },
      reply_markup: {
        inline_keyboard: [[{ text: '📖 阅读全文', url: `https://t.me/xnwb_bot?start=a_${many[i]!.id}` }]],
      },
    });
    expect(await send(inlineUpdate('护学岗'))).toEqual([
      {
        method: 'answerInlineQuery',
        payload: {
          inline_query_id: 'iq1',
          results: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(result),
          cache_time: 30,
          next_offset: '10',
        },
      },
    ]);
    expect(await send(inlineUpdate('护学岗', '10'))).toEqual([
      {
        method: 'answerInlineQuery',
        payload: { inline_query_id: 'iq1', results: [10, 11].map(result), cache_time: 30, next_offset: '' },
      },
    ]);
  });

  it('cuts a 5,000-character title (a column misread as one) so the posted message and the list entry fit Telegram', async () => {
    const long = { ...GUARD, title: `护学岗${'长'.repeat(4997)}` };
    const { send } = createTestBot(await createDeps({ articles: [long] }));
    const [call] = await send(inlineUpdate('护学岗'));
    const [result] = (call!.payload as { results: Record<string, unknown>[] }).results;
    expect(result!.title).toBe(`护学岗${'长'.repeat(96)}…`);
    expect(result!.input_message_content).toEqual({
      message_text: `<b>护学岗${'长'.repeat(196)}…</b>\n<b>护学岗</b>的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。\n${GUARD_EDITION}`,
      ...HTML,
    });
  });

  it.each([
    ['no match', '火星', ''],
    ['a bad offset', '护学岗', '-3'],
  ])('answers %s with no results', async (_name, query, offset) => {
    const { send } = createTestBot(await createDeps({ articles: many }));
    const calls = await send(inlineUpdate(query, offset));
    if (offset === '-3') {
      expect((calls[0]!.payload.results as unknown[]).length).toBe(10);
    } else {
      expect(calls).toEqual([
        { method: 'answerInlineQuery', payload: { inline_query_id: 'iq1', results: [], cache_time: 30, next_offset: '' } },
      ]);
    }
  });
});

describe('English users', () => {
  it('get /start, search pages, no-result hints, hotline and stale answers in English', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const en = (text: string) => textUpdate(text, { from: EN_USER });
    expect(await send(en('/start'))).toEqual([
      say(
        'Hello, Amy! I help you read the <b>Xining Evening News</b> (西宁晚报).\n\n' +
          'Send me a word to search the paper, for example: <code>护学岗</code>\n' +
          '/latest shows the newest articles, /hotline the 12345 hotline report, /help lists every command.',
      ),
    ]);
    expect((await send(en('供暖')))[0]!.payload.text).toMatch(/^🔎 “供暖”: 7 found, page 1\/2\n\n<b>1\. 供暖问题第1篇<\/b>/);
    expect(await send(en('火星'))).toEqual([
      say(
        'Nothing found for “火星”.\nYou could try:\n· a shorter word, for example “护学岗”\n· fewer words, one thing at a time\n· checking the spelling',
      ),
    ]);
    expect((await send(en('/hotline')))[0]!.payload.text).toBe(
      '☎️ <b>12345 hotline report · 2025-02-20</b>\nChanges in brackets are against 2025-02-19\n\n' +
        'Calls: 1215 (▲35)\n　Calls, last 7 days: ·····▁█ (2025-02-14 to 2025-02-20)\nWeb messages: 86 (▼4)\n　· 人民网: 32 (▲2)\n　· 微信: 54 (▼6)\n' +
        'Handled directly: 900 (unchanged)\nPassed on to the responsible unit: 401 (▲31)\nCallbacks: not reported\n\n' +
        '🔥 <b>Hot issues</b>\n1. 供暖: 50 (▲15)\n2. 物业管理: 38 (▼2)\n3. 噪音扰民: 12 (new)\n\n' +
        '⚠️ <b>Safety-hazard reports · 2025-02-20</b>\nReports received: 12\n　· 12345热线: 9\n　· 市应急管理局: 3\n' +
        'About: 小区物业, 消防安全',
    );
    expect(await send(callbackUpdate('s:ZZZZZZZZ:1', { from: EN_USER }))).toEqual([
      {
        method: 'answerCallbackQuery',
        payload: { callback_query_id: expect.any(String), text: 'This search has expired, please search again' },
      },
    ]);
  });

  it('en-GB counts as English', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const calls = await send(textUpdate('/help', { from: { ...EN_USER, language_code: 'en-GB' } }));
    expect(calls[0]!.payload.text).toMatch(/^<b>How to use<\/b>/);
  });
});

describe('bad input never crashes the bot', () => {
  const sticker = {
    message: {
      message_id: 9,
      date: 1740000000,
      chat: { id: 1001, type: 'private', first_name: '小王' },
      from: USER,
      sticker: { file_id: 'f', file_unique_id: 'u', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
    },
  };

  it('a sticker gets a hint to send text', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(sticker as never)).toEqual([say('我只能读文字。发给我一个词就能搜索，例如：<code>护学岗</code>')]);
  });

  it('an edited sticker or command is ignored', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const editedCommand = { edited_message: { ...textUpdate('/latest').message!, edit_date: 1740000001 } };
    expect(await send(editedCommand as never)).toEqual([]);
    expect(await send({ edited_message: { ...sticker.message, edit_date: 1740000001 } } as never)).toEqual([]);
  });

  it('an unknown command gets a pointer to /help', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('/weather 西宁'))).toEqual([say('我不认识这个命令。发送 /help 查看全部命令。')]);
  });

  it('a very long text is refused politely', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('护'.repeat(4096)))).toEqual([
      say('搜索词太长了（最多 50 个字），请换一个短一点的词。'),
    ]);
  });

  it('emoji are searched like any text', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect((await send(textUpdate('👍🏽 护学岗')))[0]!.payload.text).toMatch(/^没有找到与“👍🏽 护学岗”有关的文章。/);
  });

  it('a failing search is logged and answered with a short apology', async () => {
    const deps = await createDeps(FIXTURE);
    const broken = {
      ...deps,
      search: {
        ...deps.search,
        search: () => {
          throw new Error('index gone');
        },
      },
    };
    const { send } = createTestBot(broken);
    expect(await send(textUpdate('护学岗'))).toEqual([
      { method: 'sendMessage', payload: { chat_id: 1001, text: '抱歉，出了点问题，请稍后再试。', ...HTML } },
    ]);
    await deps.queries.saveQuery('1001\n供暖');
    expect(await send(callbackUpdate(`s:${HEATING_QUERY_ID}:1`))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String), text: '抱歉，出了点问题，请稍后再试。' } },
    ]);
    expect(await send(inlineUpdate('护学岗'))).toEqual([
      { method: 'answerInlineQuery', payload: { inline_query_id: 'iq1', results: [], cache_time: 0 } },
    ]);
  });

  it('rate-limits a flooding user with one polite answer, and still answers every button press', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE), { rateLimit: { timeFrame: 60_000, limit: 2 } });
    await send(textUpdate('护学岗'));
    await send(textUpdate('护学岗'));
    expect(await send(textUpdate('护学岗'))).toEqual([
      { method: 'sendMessage', payload: { chat_id: 1001, text: '请慢一点，稍等几秒再发。', ...HTML } },
    ]);
    expect(await send(textUpdate('护学岗'))).toEqual([]);
    await send(callbackUpdate('x'));
    await send(callbackUpdate('x'));
    expect(await send(callbackUpdate('x'))).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String), text: '请慢一点，稍等几秒再发。' } },
    ]);
  });
});

describe('search by time', () => {
  /** QueryStore's id for a query: the first 8 base64url characters of its sha256. */
  const queryId = (query: string) => createHash('sha256').update(`1001\n${query}`).digest('base64url').slice(0, 8);
  const heatingLine = (n: number, i: number) =>
    `<b>${n}. 供暖问题第${i}篇</b>\n${heatingEdition(i)}\n<b>供暖</b>保障第${i}条消息。`;

  it('switches the list to newest first and back with one button, keeping the page', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    await send(textUpdate('供暖'));
    // The fourth article was printed on the 19th, the others on the 10th to the 16th in order.
    const newest = await send(callbackUpdate(`n:${HEATING_QUERY_ID}:1`));
    expect(newest).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: expect.any(String) } },
      {
        method: 'editMessageText',
        payload: {
          chat_id: 1001,
          message_id: 101,
          // The header says the order: the newest first.
          text: ['🔎 “供暖”：共 7 篇，最新在前，第 1/2 页', ...[4, 7, 6, 5, 3].map((i, k) => heatingLine(k + 1, i))].join('\n\n'),
          ...HTML,
          ...keyboard(
            ...[4, 7, 6, 5, 3].map((i, k) => read(k + 1, `供暖问题第${i}篇`, HEATING[i - 1]!.id)),
            [
              { text: '1/2', callback_data: 'x' },
              { text: '▶', callback_data: `n:${HEATING_QUERY_ID}:2` },
            ],
            [{ text: '🎯 按相关度', callback_data: `s:${HEATING_QUERY_ID}:1` }],
          ),
        },
      },
    ]);
    const second = await send(callbackUpdate(`n:${HEATING_QUERY_ID}:2`));
    expect(second[1]!.payload.text).toBe(['🔎 “供暖”：共 7 篇，最新在前，第 2/2 页', heatingLine(6, 2), heatingLine(7, 1)].join('\n\n'));
    expect(second[1]!.payload.reply_markup).toEqual({
      inline_keyboard: [
        read(6, '供暖问题第2篇', HEATING[1]!.id),
        read(7, '供暖问题第1篇', HEATING[0]!.id),
        [
          { text: '◀', callback_data: `n:${HEATING_QUERY_ID}:1` },
          { text: '2/2', callback_data: 'x' },
        ],
        [{ text: '🎯 按相关度', callback_data: `s:${HEATING_QUERY_ID}:2` }],
      ],
    });
    const back = await send(callbackUpdate(`s:${HEATING_QUERY_ID}:2`));
    expect(back[1]!.payload.text).toBe(HEATING_PAGE_2);
  });

  it('searches the span a query ends with and names it', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    // Today is 2025-02-21 in Xining: 近7天 is the 15th to the 21st.
    expect(await send(textUpdate('供暖 近7天'))).toEqual([
      say(
        ['🔎 “供暖” · 2025年2月15日至2025年2月21日：共 3 篇，第 1/1 页', heatingLine(1, 4), heatingLine(2, 6), heatingLine(3, 7)].join('\n\n'),
        keyboard(
          read(1, '供暖问题第4篇', HEATING[3]!.id),
          read(2, '供暖问题第6篇', HEATING[5]!.id),
          read(3, '供暖问题第7篇', HEATING[6]!.id),
          [{ text: '🕒 最新优先', callback_data: `n:${queryId('供暖 近7天')}:1` }],
        ),
      ),
    ]);
  });

  it.each([
    ['供暖 2025-02', '🔎 “供暖” · 2025年2月：共 7 篇，第 1/2 页'],
    ['供暖 2025年2月', '🔎 “供暖” · 2025年2月：共 7 篇，第 1/2 页'],
    ['供暖 2月19日', '🔎 “供暖” · 2025年2月19日：共 1 篇，第 1/1 页'],
    ['供暖 近7天', '🔎 “供暖” · 2025年2月15日至2025年2月21日：共 3 篇，第 1/1 页'],
    ['供暖 本月', '🔎 “供暖” · 2025年2月：共 7 篇，第 1/2 页'],
    ['供暖 今年', '🔎 “供暖” · 2025年：共 7 篇，第 1/2 页'],
  ])('%s → %s', async (query, header) => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const [reply] = await send(textUpdate(query));
    expect((reply!.payload.text as string).split('\n\n')[0]).toBe(header);
  });

  it('lists a time alone newest first, without the order button', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const line = (n: number, title: string, edition: string, body: string) => `<b>${n}. ${title}</b>\n${edition}\n${body}`;
    expect(await send(textUpdate('2025年2月'))).toEqual([
      say(
        [
          '🗓 2025年2月的报纸：共 8 篇，最新在前，第 1/2 页',
          // The fake search's snippet for a time alone: the body's first 30 characters.
          line(1, '护学岗守护上学路', GUARD_EDITION, GUARD.body.slice(0, 30)),
          ...[4, 7, 6, 5].map((i, k) => line(k + 2, `供暖问题第${i}篇`, heatingEdition(i), `今冬供暖保障第${i}条消息。`)),
        ].join('\n\n'),
        keyboard(
          read(1, '护学岗守护上学路', GUARD.id),
          ...[4, 7, 6, 5].map((i, k) => read(k + 2, `供暖问题第${i}篇`, HEATING[i - 1]!.id)),
          [
            { text: '1/2', callback_data: 'x' },
            { text: '▶', callback_data: `n:${queryId('2025年2月')}:2` },
          ],
        ),
      ),
    ]);
  });

  it('says which span had nothing', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    expect(await send(textUpdate('供暖 2024年'))).toEqual([
      say('2024年的报纸里没有找到与“供暖”有关的文章。\n可以去掉时间再搜一次，或者换一个时间，例如“供暖 今年”。'),
    ]);
    // A time alone with no edition: the latest editions there are, newest first.
    expect(await send(textUpdate('2024年'))).toEqual([
      say('2024年的报纸里还没有文章。\n最近的几期：2025年11月17日、2025年2月21日、2025年2月19日；发 <code>/paper 日期</code> 看一期的全部标题。'),
    ]);
  });

  it('works in groups and inline', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const [group] = await send(textUpdate('/search 供暖 2月19日', { chat: GROUP_CHAT }));
    expect(group!.payload.text).toBe(['🔎 “供暖” · 2025年2月19日：共 1 篇，第 1/1 页', heatingLine(1, 4)].join('\n\n'));
    const [inline] = await send(inlineUpdate('供暖 2月19日'));
    expect((inline!.payload.results as { id: string }[]).map((r) => r.id)).toEqual([HEATING[3]!.id]);
    const [none] = await send(inlineUpdate('护学岗 2024年'));
    expect(none!.payload.results).toEqual([]);
  });

  it('names the span and the edition in English', async () => {
    const { send } = createTestBot(await createDeps(FIXTURE));
    const [reply] = await send(textUpdate('供暖 2月19日', { from: EN_USER }));
    expect(reply!.payload.text).toBe(
      '🔎 “供暖” · 2025-02-19: 1 found, page 1/1\n\n<b>1. 供暖问题第4篇</b>\nXining Evening News · 2025-02-19 · page 2\n<b>供暖</b>保障第4条消息。',
    );
    expect(reply!.payload.reply_markup).toEqual({ inline_keyboard: [read(1, '供暖问题第4篇', HEATING[3]!.id)] });
  });
});

describe('/paper and /latest by edition', () => {
  // One edition over three pages: page 1, page 3, and an item whose page is not known.
  const FRONT = { ...HEATING[0]!, edition: { date: '2025-02-21', page: '1', estimated: false } };
  const UNPAGED = { ...HEATING[1]!, edition: { date: '2025-02-21', page: null, estimated: false } };
  const EDITION = { articles: [GUARD, FRONT, UNPAGED, HEATING[3]!] };

  it('lists the newest edition by page, with a read button for each headline', async () => {
    const { send } = createTestBot(await createDeps(EDITION));
    expect(await send(textUpdate('/paper'))).toEqual([
      say(
        [
          '🗞 <b>西宁晚报 · 2025年2月21日</b> · 共 3 篇',
          '<b>西宁晚报 · 2025年2月21日 · 第1版</b>\n1. 供暖问题第1篇',
          '<b>西宁晚报 · 2025年2月21日 · 第3版</b>\n2. 护学岗守护上学路',
          '<b>西宁晚报 · 2025年2月21日 · 版次不详</b>\n3. 供暖问题第2篇',
        ].join('\n\n'),
        keyboard(read(1, '供暖问题第1篇', FRONT.id), read(2, '护学岗守护上学路', GUARD.id), read(3, '供暖问题第2篇', UNPAGED.id)),
      ),
    ]);
  });

  it.each([
    ['/paper 2025-02-19', '🗞 <b>西宁晚报 · 2025年2月19日</b> · 共 1 篇\n\n<b>西宁晚报 · 2025年2月19日 · 第2版</b>\n1. 供暖问题第4篇'],
    ['/paper 2月19日', '🗞 <b>西宁晚报 · 2025年2月19日</b> · 共 1 篇\n\n<b>西宁晚报 · 2025年2月19日 · 第2版</b>\n1. 供暖问题第4篇'],
    ['/paper 2025-01-01', '没有 2025年1月1日 的报纸。最近的几期：2025年2月21日、2025年2月19日'],
    ['/paper 明天', '“明天”不是日期，请写成 YYYY-MM-DD 或“11月4日”，例如 <code>/paper 2025-02-21</code>'],
  ])('%s', async (command, text) => {
    const { send } = createTestBot(await createDeps(EDITION));
    const [reply] = await send(textUpdate(command));
    expect(reply!.payload.text).toBe(text);
  });

  it('marks an estimated edition as such', async () => {
    const { send } = createTestBot(await createDeps({ articles: [LONG] }));
    expect(await send(textUpdate('/paper'))).toEqual([
      say(
        '🗞 <b>西宁晚报 · 约2025年11月17日</b> · 共 1 篇\n\n<b>西宁晚报 · 约2025年11月17日 · 版次不详</b>\n1. 长篇报道\n\n（这一期的日期是按文中提到的日子估计的）',
        keyboard(read(1, '长篇报道', LONG.id)),
      ),
    ]);
  });

  it('says when no edition is dated', async () => {
    const { send } = createTestBot(await createDeps({ articles: [HEATING[0]!].map((a) => ({ ...a, edition: { date: null, page: null, estimated: false } })) }));
    expect(await send(textUpdate('/paper'))).toEqual([say('还没有注明日期的报纸。')]);
  });

  it('/latest orders by edition date: an estimated later edition comes first', async () => {
    const { send } = createTestBot(await createDeps({ articles: [GUARD, LONG, HEATING[3]!] }));
    const [reply] = await send(textUpdate('/latest'));
    expect(reply!.payload.text).toBe(
      '🗞 <b>最新文章</b>\n\n' +
        `<b>1. 长篇报道</b>\n西宁晚报 · 约2025年11月17日\n第1段。${'长'.repeat(55)}…\n\n` +
        `<b>2. 护学岗守护上学路</b>\n${GUARD_EDITION}\n每天清晨，护学岗的志愿者准时出现在校门口。\n\n` +
        '<b>3. 供暖问题第4篇</b>\n西宁晚报 · 2025年2月19日 · 第2版\n今冬供暖保障第4条消息。',
    );
  });
});
