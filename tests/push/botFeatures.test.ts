import type { Update } from 'grammy/types';
import { describe, expect, it, vi } from 'vitest';
import type { BotDeps } from '../../src/bot/deps.js';
import { FileTooLargeError } from '../../src/bot/download.js';
import { parseKeywords } from '../../src/bot/features/follow.js';
import { parsePushTime } from '../../src/bot/deliverySettings.js';
import { openSqliteStore } from '../../src/store/index.js';
import type { IngestSummary, SubscriberStore } from '../../src/types.js';
import { callbackUpdate, createDeps, createTestBot, EN_USER, PRIVATE_CHAT, textUpdate, USER } from '../bot/helpers.js';

const NOW = new Date('2025-02-21T01:00:00Z'); // 09:00 in Shanghai
const ADMIN = { id: 9000, is_bot: false, first_name: '编辑', language_code: 'zh' } as const;

async function pushBot(extra: Partial<BotDeps> = {}) {
  const store = openSqliteStore(':memory:').subscribers;
  const deps: BotDeps = {
    ...(await createDeps({})),
    clock: { now: () => NOW },
    subscribers: store,
    pushTime: '08:00',
    adminIds: [ADMIN.id],
    ...extra,
  };
  return { ...createTestBot(deps), store };
}

/** The text of each reply the update caused. */
async function replies(bot: Awaited<ReturnType<typeof pushBot>>, update: Omit<Update, 'update_id'>): Promise<string[]> {
  const calls = await bot.send(update);
  return calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text as string);
}

function documentUpdate(from: typeof ADMIN | typeof USER, fileName = '005_page.txt', caption?: string): Omit<Update, 'update_id'> {
  return {
    message: {
      message_id: 77,
      date: 1740000000,
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from,
      document: { file_id: 'FILE1', file_unique_id: 'U1', file_name: fileName, file_size: 2048 },
      ...(caption === undefined ? {} : { caption }),
    },
  };
}

describe('/subscribe', () => {
  it.each([
    ['8:00', '08:00'],
    ['07:30', '07:30'],
    ['０７：３０', '07:30'],
    ['23:59', '23:59'],
    ['25:99', null],
    ['24:00', null],
    ['tomorrow', null],
    ['7', null],
    ['7:5', null],
    // As readers say it.
    ['8点', '08:00'],
    ['8点半', '08:30'],
    ['早上7点15', '07:15'],
    ['八点零五', '08:05'],
    ['8点一刻', '08:15'],
    ['晚上十点', '22:00'],
    ['下午两点', '14:00'],
    ['下午3时30分', '15:30'],
    ['中午12点', '12:00'],
    ['中午1点', '13:00'],
    ['晚上12点', '00:00'],
    ['凌晨12点', '00:00'],
    ['晚上20点', '20:00'],
    ['8pm', '20:00'],
    ['7:30 am', '07:30'],
    ['12am', '00:00'],
    ['早上20点', null],
    ['8点70', null],
    ['明天早上', null],
  ])('parsePushTime(%j) → %j', (input, expected) => {
    expect(parsePushTime(input)).toBe(expected);
  });

  it('subscribes at PUSH_TIME by default, confirms and points to /hotline', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/subscribe'))).toEqual([
      '✅ 已订阅：每天 <b>08:00</b>（北京时间）推送 12345 热线日报。\n' +
        '第一期会在下一个 08:00 送到；现在想看最新一期，请发 /hotline 。\n' +
        '改时间：再发一次 <code>/subscribe HH:MM</code>；取消：/unsubscribe',
    ]);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({
      pushTime: '08:00',
      active: true,
      language: 'zh',
      timeSetAt: NOW.toISOString(),
    });
  });

  it('subscribing again changes the time', async () => {
    const bot = await pushBot();
    await bot.send(textUpdate('/subscribe 07:00'));
    await bot.send(textUpdate('/subscribe 21:15'));
    expect((await bot.store.getSubscriber(PRIVATE_CHAT.id))?.pushTime).toBe('21:15');
  });

  it.each(['25:99', 'tomorrow', '明天早上'])('refuses %j with an example, and subscribes nothing', async (input) => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate(`/subscribe ${input}`))).toEqual([
      `“${input}”不是一个时间。请写成 <code>/subscribe 07:30</code> 或 <code>/subscribe 早上7点半</code>`,
    ]);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toBeUndefined();
  });

  it('answers in English to an English client, escaping what the reader typed', async () => {
    const bot = await pushBot();
    const chat = { id: EN_USER.id, type: 'private', first_name: EN_USER.first_name } as unknown as typeof PRIVATE_CHAT;
    expect(await replies(bot, textUpdate('/subscribe <b>9am</b>', { from: EN_USER, chat }))).toEqual([
      '“&lt;b&gt;9am&lt;/b&gt;” is not a time. Write it as <code>/subscribe 07:30</code> or <code>/subscribe 7:30pm</code>',
    ]);
  });

  it('/unsubscribe and /settings', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/unsubscribe'))).toEqual([
      '你还没有订阅。发 <code>/subscribe 08:00</code> 即可每天收到热线日报。',
    ]);
    await bot.send(textUpdate('/subscribe 07:45'));
    await bot.send(textUpdate('/follow 护学岗 供暖'));
    expect(await replies(bot, textUpdate('/settings'))).toEqual([
      '⚙️ <b>我的推送设置</b>\n每日热线日报：每天 07:45（北京时间）\n关注的关键词：护学岗、供暖\n' +
        '提醒方式：<b>即时</b>，每次有新版面，把新文章合成一条发来\n免打扰：<b>无</b>',
    ]);
    expect(await replies(bot, textUpdate('/unsubscribe'))).toEqual(['已取消每日推送。想再订阅，发 /subscribe 即可。']);
    expect((await bot.store.getSubscriber(PRIVATE_CHAT.id))?.active).toBe(false);
    expect(await replies(bot, textUpdate('/settings'))).toEqual([
      '⚙️ <b>我的推送设置</b>\n每日热线日报：未订阅（发 <code>/subscribe 08:00</code> 订阅）\n关注的关键词：护学岗、供暖\n' +
        '提醒方式：<b>即时</b>，每次有新版面，把新文章合成一条发来\n免打扰：<b>无</b>',
    ]);
  });

  it('a my_chat_member update saying the bot was blocked deactivates the chat', async () => {
    const bot = await pushBot();
    await bot.send(textUpdate('/subscribe'));
    const calls = await bot.send({
      my_chat_member: {
        chat: PRIVATE_CHAT,
        from: USER,
        date: 1740000000,
        old_chat_member: { user: { id: 42, is_bot: true, first_name: 'bot' }, status: 'member' },
        new_chat_member: { user: { id: 42, is_bot: true, first_name: 'bot' }, status: 'kicked', until_date: 0 },
      },
    });
    expect(calls).toEqual([]);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({
      active: false,
      blockedAt: NOW.toISOString(),
      blockedReason: 'my_chat_member: kicked',
    });
  });
});

describe('/follow', () => {
  it.each([
    ['护学岗', ['护学岗']],
    ['护学岗 物业，供暖、PUE', ['护学岗', '物业', '供暖', 'pue']],
    ['１２３４５  12345', ['12345']],
    ['  ', []],
  ])('parseKeywords(%j) → %j', (input, expected) => {
    expect(parseKeywords(input)).toEqual(expected);
  });

  it('follows several words, says which were known, lists and unfollows them', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/follow'))).toEqual([
      '请在命令后面写上要关注的词，可以一次写几个，用空格隔开，例如：<code>/follow 护学岗 物业</code>',
    ]);
    expect(await replies(bot, textUpdate('/follow 护学岗 供暖'))).toEqual([
      '🔔 已关注：护学岗、供暖。有新文章提到它们时我会提醒你。',
    ]);
    expect(await replies(bot, textUpdate('/follow 供暖 物业'))).toEqual([
      '🔔 已关注：物业。有新文章提到它们时我会提醒你。\n已经在关注：供暖',
    ]);
    expect(await replies(bot, textUpdate('/follows'))).toEqual(['🔔 你关注的关键词（3/20）：护学岗、供暖、物业']);
    expect(await replies(bot, textUpdate('/unfollow 供暖 春运'))).toEqual(['已取消关注：供暖\n你没有关注：春运']);
    expect(await bot.store.follows(PRIVATE_CHAT.id)).toEqual(['护学岗', '物业']);
  });

  it('stops at the limit of 20 words', async () => {
    const bot = await pushBot();
    const words = Array.from({ length: 19 }, (_, i) => `词${i + 1}`);
    await bot.send(textUpdate(`/follow ${words.join(' ')}`));
    expect(await replies(bot, textUpdate('/follow 甲 乙'))).toEqual([
      '🔔 已关注：甲。有新文章提到它们时我会提醒你。\n最多关注 20 个词，这些没有加上：乙。先用 /unfollow 取消一些。',
    ]);
    expect(await bot.store.follows(PRIVATE_CHAT.id)).toHaveLength(20);
  });
});

describe('admin upload and /stats', () => {
  const summary: IngestSummary = {
    files: [{ source: '005_page.txt', added: true, articles: 2, hotline: 1, safety: 0, warnings: ['热线日报：分项之和 85 ≠ 总数 86'] }],
    newArticles: [],
    newHotline: [],
    newSafety: [],
    redatedPages: 0,
    warnings: [],
    errors: [],
  };

  it('refuses a document from someone who is not an admin, and ingests nothing', async () => {
    const ingested: string[] = [];
    const bot = await pushBot({
      ingestUpload: async (_bytes, name) => {
        ingested.push(name);
        return summary;
      },
    });
    expect(await replies(bot, documentUpdate(USER))).toEqual([
      '只有管理员可以上传报纸版面。想搜索的话，直接发给我一个词。',
    ]);
    expect(bot.calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(ingested).toEqual([]);
    expect(await replies(bot, textUpdate('/stats'))).toEqual(['只有管理员可以查看统计。']);
  });

  it('ingests an admin\'s document, answers with what it found, and hands the news to push', async () => {
    const downloads: string[] = [];
    const handed: IngestSummary[] = [];
    const news: IngestSummary = {
      ...summary,
      newArticles: [
        { id: 'n1', kind: 'article', title: '甲', kicker: null, subtitle: null, reporters: [], date: null, source: '005_page.txt', body: '', edition: { date: null, page: null, estimated: false } },
        { id: 'n2', kind: 'article', title: '乙', kicker: null, subtitle: null, reporters: [], date: null, source: '005_page.txt', body: '', edition: { date: null, page: null, estimated: false } },
      ],
      newHotline: [{ date: '2025-02-21', calls: 1, messages: null, channels: {}, direct: null, transferred: null, callbacks: null, hot: [], source: '005_page.txt' }],
    };
    const bot = await pushBot({
      downloadFile: async (id) => {
        downloads.push(id);
        return new TextEncoder().encode('版面');
      },
      ingestUpload: async (bytes, name) => {
        expect(new TextDecoder().decode(bytes)).toBe('版面');
        expect(name).toBe('005_page.txt');
        return news;
      },
      afterIngest: (s) => handed.push(s),
    });
    expect(await replies(bot, documentUpdate(ADMIN))).toEqual([
      '📥 <b>005_page.txt</b>：已导入。\n新文章 2 篇，热线日报 1 期，安全隐患日报 0 期。\n\n' +
        '⚠️ 提示：\n· 热线日报：分项之和 85 ≠ 总数 86\n\n' +
        '新内容已交给推送：符合时间的订阅者会收到日报，关注者会收到提醒。',
    ]);
    expect(downloads).toEqual(['FILE1']);
    expect(handed).toEqual([news]);
  });

  it('passes the admin’s caption through to ingest (a date there dates an undated page)', async () => {
    const captions: (string | undefined)[] = [];
    const bot = await pushBot({
      ingestUpload: async (_bytes, _name, caption) => {
        captions.push(caption);
        return summary;
      },
    });
    await replies(bot, documentUpdate(ADMIN, '005_page.txt', '2025年11月4日 第3版'));
    await replies(bot, documentUpdate(ADMIN));
    expect(captions).toEqual(['2025年11月4日 第3版', undefined]);
  });

  it('says in one sentence, not in the library\'s words, that the file could not be downloaded', async () => {
    const bot = await pushBot({
      downloadFile: async () => {
        throw new Error("Call to 'getFile' failed! (undefined: undefined)");
      },
      ingestUpload: async () => {
        throw new Error('nothing was downloaded, so nothing may be ingested');
      },
    });
    expect(await replies(bot, documentUpdate(ADMIN))).toEqual(['❌ 没能从 Telegram 下载 005_page.txt，请稍后再发一次。']);
  });

  it('refuses a file over 30 MB (a PDF or image page\'s limit) by its declared size, without downloading it', async () => {
    const downloads: string[] = [];
    const bot = await pushBot({
      downloadFile: async (id) => {
        downloads.push(id);
        return new Uint8Array();
      },
      ingestUpload: async () => summary,
    });
    const update = documentUpdate(ADMIN);
    Object.assign(update.message!.document!, { file_size: 31_457_281 });
    expect(await replies(bot, update)).toEqual(['❌ 005_page.txt 太大了（31457281 字节），这种版面文件最多 31457280 字节（文字 5 MB，PDF 或图片 30 MB）。']);
    expect(downloads).toEqual([]);
  });

  it('refuses a file the download found over 30 MB (Telegram said it was small), in English for an English admin', async () => {
    const limits: number[] = [];
    const bot = await pushBot({
      downloadFile: async (_id, maxBytes) => {
        limits.push(maxBytes);
        throw new FileTooLargeError(31_522_816, maxBytes);
      },
      ingestUpload: async () => summary,
    });
    const update = documentUpdate({ ...ADMIN, language_code: 'en' } as unknown as typeof ADMIN);
    expect(await replies(bot, update)).toEqual([
      '❌ 005_page.txt is too large (31522816 bytes); a page file of this kind may have at most 31457280 bytes (text 5 MB, PDF or image 30 MB).',
    ]);
    expect(limits).toEqual([31_457_280]);
  });

  it('refuses a text page the ingest found over 5 MB, with the text limit', async () => {
    const bot = await pushBot({
      downloadFile: async () => new Uint8Array(),
      ingestUpload: async () => ({ ...summary, files: [], warnings: ['005_page.txt: too large for a page (5308416 bytes; the limit is 5242880 bytes, 5 MB), skipped'] }),
    });
    expect(await replies(bot, documentUpdate(ADMIN))).toEqual(['❌ 005_page.txt 太大了（5308416 字节），这种版面文件最多 5242880 字节（文字 5 MB，PDF 或图片 30 MB）。']);
  });

  it.each([
    ['.', 'U1.txt'],
    ['..', 'U1.txt'],
    ['.bashrc', 'bashrc'],
    ['../../etc/passwd', 'passwd'],
    [`${'版'.repeat(100)}.txt`, `${'版'.repeat(83)}.txt`],
  ])('stores the upload named %j as %j', async (name, stored) => {
    const names: string[] = [];
    const bot = await pushBot({
      ingestUpload: async (_bytes, fileName) => {
        names.push(fileName);
        return { ...summary, files: [] , warnings: [`${fileName}: empty file, skipped`] };
      },
    });
    expect(await replies(bot, documentUpdate(ADMIN, name))).toEqual([`❌ ${stored} 是空文件。`]);
    expect(names).toEqual([stored]);
  });

  it('answers another reader while an upload is still being parsed', async () => {
    let finish: ((s: IngestSummary) => void) | undefined;
    const bot = await pushBot({ ingestUpload: () => new Promise<IngestSummary>((resolve) => (finish = resolve)) });
    const upload = bot.send(documentUpdate(ADMIN));
    await vi.waitFor(() => expect(finish).toBeDefined());
    expect(await replies(bot, textUpdate('/follows'))).toEqual(['你还没有关注关键词。发 <code>/follow 词</code> 关注，例如：<code>/follow 护学岗</code>']);
    expect(bot.calls.filter((c) => c.payload.chat_id === ADMIN.id)).toEqual([]);
    finish!(summary);
    await upload;
    expect(bot.calls.filter((c) => c.payload.chat_id === ADMIN.id).map((c) => c.payload.text)).toEqual([
      '📥 <b>005_page.txt</b>：已导入。\n新文章 0 篇，热线日报 0 期，安全隐患日报 0 期。\n\n⚠️ 提示：\n· 热线日报：分项之和 85 ≠ 总数 86',
    ]);
  });

  it('escapes page text quoted in the warnings (they are sent as HTML)', async () => {
    const warning = 'no headline found for the item beginning "R&D 投入<3%"';
    const bot = await pushBot({ ingestUpload: async () => ({ ...summary, files: [{ ...summary.files[0]!, warnings: [warning] }] }) });
    expect(await replies(bot, documentUpdate(ADMIN))).toEqual([
      '📥 <b>005_page.txt</b>：已导入。\n新文章 0 篇，热线日报 0 期，安全隐患日报 0 期。\n\n' +
        '⚠️ 提示：\n· no headline found for the item beginning &quot;R&amp;D 投入&lt;3%&quot;',
    ]);
  });

  it('says plainly when the file is not a newspaper page', async () => {
    const bot = await pushBot({
      ingestUpload: async () => ({ ...summary, files: [], warnings: ['photo.txt: not a newspaper page (almost no Chinese text), skipped'] }),
    });
    expect(await replies(bot, documentUpdate(ADMIN, 'photo.txt'))).toEqual(['❌ photo.txt 看起来不是报纸版面：几乎没有中文。']);
  });

  it('/stats counts subscribers, deliveries today and failures', async () => {
    const store: SubscriberStore = openSqliteStore(':memory:').subscribers;
    const bot = await pushBot({ subscribers: store });
    await store.subscribe(1, '08:00', 'zh', NOW);
    await store.subscribe(2, '08:00', 'zh', NOW);
    await store.claim({ chatId: 1, kind: 'hotline', itemKey: '2025-02-20' }, 'me', NOW);
    await store.markSent({ chatId: 1, kind: 'hotline', itemKey: '2025-02-20' }, 'me', 5, NOW);
    await store.claim({ chatId: 2, kind: 'hotline', itemKey: '2025-02-20' }, 'me', NOW);
    await store.markBlocked({ chatId: 2, kind: 'hotline', itemKey: '2025-02-20' }, 'me', '403: Forbidden', NOW);
    // Another process is sending this one right now.
    await store.claim({ chatId: 1, kind: 'hotline', itemKey: '2025-02-21' }, 'other', NOW);
    const chat = { id: ADMIN.id, type: 'private', first_name: ADMIN.first_name } as unknown as typeof PRIVATE_CHAT;
    expect(await replies(bot, textUpdate('/stats', { from: ADMIN, chat }))).toEqual([
      '📊 <b>推送统计</b>（今天，北京时间）\n' +
        '订阅日报：1 人；关注关键词：0 人；已屏蔽机器人：1 人\n' +
        '今天送达：日报 1 条，提醒 0 条\n' +
        '今天失败：待重试 0，已放弃 0，因屏蔽停止 1\n' +
        '当前认领：1 条（正在发送，或由已退出的进程留下）',
    ]);
  });
});

describe('/digest, /quiet and their /settings buttons', () => {
  it('/digest shows how alerts come and changes it; a bad word gets the usage', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/digest'))).toEqual([
      '提醒方式：<b>即时</b>，每次有新版面，把新文章合成一条发来\n' +
        '可以改为：<code>/digest 即时</code>、<code>/digest 每小时</code>、<code>/digest 每天 08:00</code>',
    ]);
    expect(await replies(bot, textUpdate('/digest 每小时'))).toEqual(['✅ 已更改。\n提醒方式：<b>每小时</b>，整点把这一小时的新文章合成一条发来']);
    expect(await replies(bot, textUpdate('/digest 每天 ２０：３０'))).toEqual([
      '✅ 已更改。\n提醒方式：<b>每天 20:30</b>（北京时间），把这一天的新文章合成一条发来',
    ]);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({ alertMode: 'daily', alertTime: '20:30', active: false });
    expect(await replies(bot, textUpdate('/digest 每周'))).toEqual([
      '“每周”看不懂。请写 <code>/digest 即时</code>、<code>/digest 每小时</code> 或 <code>/digest 每天 08:00</code>',
    ]);
    expect(await replies(bot, textUpdate('/digest now', { from: EN_USER }))).toEqual([
      '✅ Changed.\nAlerts: <b>at once</b>, each new page\'s articles in one message',
    ]);
  });

  it.each([
    ['22:00-07:00', '✅ 已更改。\n免打扰：<b>每天 22:00–07:00</b>（北京时间）不发消息，这段时间的日报和提醒在 07:00 补发'],
    ['23:30～6:00 静音', '✅ 已更改。\n免打扰：<b>每天 23:30–06:00</b>（北京时间）照常发送，但不响铃'],
    ['关闭', '✅ 已关闭免打扰。'],
    ['22:00-22:00', '免打扰的开始和结束不能是同一时间（22:00）。'],
    ['<b>晚上</b>', '“&lt;b&gt;晚上&lt;/b&gt;”看不懂。请写成 <code>/quiet 22:00-07:00</code>，照常发送但不响铃：<code>/quiet 22:00-07:00 静音</code>，关闭：<code>/quiet 关闭</code>'],
  ])('/quiet %s', async (input, answer) => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate(`/quiet ${input}`))).toEqual([answer]);
  });

  it('/settings offers the alert ways and quiet hours as buttons that change them', async () => {
    const bot = await pushBot();
    await bot.send(textUpdate('/follow 供暖'));
    const [settings] = await bot.send(textUpdate('/settings'));
    expect(settings!.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '✓ 即时提醒', callback_data: 'm:i' },
          { text: '每小时汇总', callback_data: 'm:h' },
          { text: '每天汇总', callback_data: 'm:d' },
        ],
        [
          { text: '🌙 22:00–07:00 免打扰', callback_data: 'q:22000700h' },
          { text: '🔈 22:00–07:00 静音', callback_data: 'q:22000700s' },
          { text: '✓ 关闭免打扰', callback_data: 'q:off' },
        ],
      ],
    });
    const pressed = await bot.send(callbackUpdate('q:22000700s'));
    expect(pressed.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({ quiet: { start: '22:00', end: '07:00', silent: true } });
    await bot.send(callbackUpdate('m:d'));
    // The daily digest takes the default time: the chat has no summary time of its own.
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({ alertMode: 'daily', alertTime: '08:00' });
  });

  it('a /subscribe and a /follow in a forum topic deliver there, and the replies stay in the topic', async () => {
    const bot = await pushBot();
    const forum = { id: -100200, type: 'supergroup', title: '读报论坛', is_forum: true } as unknown as typeof PRIVATE_CHAT;
    const inTopic = (text: string, thread: number) => {
      const update = textUpdate(text, { chat: forum });
      Object.assign(update.message!, { message_thread_id: thread, is_topic_message: true });
      return update;
    };
    // Anonymous admins write as the group: they may change its subscriptions without getChatMember.
    const asGroup = (update: Omit<Update, 'update_id'>) => (Object.assign(update.message!, { sender_chat: forum }), update);
    const subscribed = await bot.send(asGroup(inTopic('/subscribe 07:30', 5)));
    expect(subscribed.map((c) => [c.method, c.payload.message_thread_id])).toEqual([['sendMessage', 5]]);
    const followed = await bot.send(asGroup(inTopic('/follow 供暖', 9)));
    expect(followed.map((c) => [c.method, c.payload.message_thread_id])).toEqual([['sendMessage', 9]]);
    expect(await bot.store.getSubscriber(forum.id)).toMatchObject({ threadId: 5, alertThreadId: 9, pushTime: '07:30' });
    // Subscribing again outside a topic (General) sends there.
    await bot.send(asGroup(textUpdate('/subscribe 07:30', { chat: forum })));
    expect(await bot.store.getSubscriber(forum.id)).toMatchObject({ threadId: null, alertThreadId: 9 });
  });
});
