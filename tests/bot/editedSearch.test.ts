import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import type { Answer } from '../../src/answer/index.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { ALL_ARTICLES, HEATING } from './fixtures.js';
import { BOT_INFO, callbackUpdate, createDeps, createTestBot, GROUP_CHAT, PRIVATE_CHAT, textUpdate, USER } from './helpers.js';

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
/** QueryStore's ids (sha256 of "<chat>\n<query>", 8 base64url characters): 供暖 in chat 1001, and in the group -500. */
const HEATING_ID = '9iIP2fr3';
const GROUP_HEATING_ID = 'zajBIkOz';

const GUARD_PAGE = {
  text:
    '🔎 “护学岗”：共 1 篇，第 1/1 页\n\n<b>1. 护学岗守护上学路</b>\n西宁晚报 · 2025年2月21日 · 第3版\n' +
    '<b>护学岗</b>的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。',
  reply_markup: { inline_keyboard: [[{ text: '📖 1. 护学岗守护上学路', callback_data: 'a:a1a1a1a1a1a1:0' }]] },
};
const heatingItem = (n: number) =>
  `<b>${n}. 供暖问题第${n}篇</b>\n西宁晚报 · 2025年2月${n === 4 ? 19 : 9 + n}日 · 第2版\n<b>供暖</b>保障第${n}条消息。`;
const heatingRead = (n: number) => [{ text: `📖 ${n}. 供暖问题第${n}篇`, callback_data: `a:${HEATING[n - 1]!.id}:0` }];
const HEATING_PAGE_1 = {
  text: ['🔎 “供暖”：共 7 篇，第 1/2 页', ...[1, 2, 3, 4, 5].map(heatingItem)].join('\n\n'),
  reply_markup: {
    inline_keyboard: [
      ...[1, 2, 3, 4, 5].map(heatingRead),
      [
        { text: '1/2', callback_data: 'x' },
        { text: '▶', callback_data: `s:${HEATING_ID}:2` },
      ],
      [{ text: '🕒 最新优先', callback_data: `n:${HEATING_ID}:1` }],
    ],
  },
};
const HEATING_PAGE_2 = {
  text: ['🔎 “供暖”：共 7 篇，第 2/2 页', ...[6, 7].map(heatingItem)].join('\n\n'),
  reply_markup: {
    inline_keyboard: [
      heatingRead(6),
      heatingRead(7),
      [
        { text: '◀', callback_data: `s:${HEATING_ID}:1` },
        { text: '2/2', callback_data: 'x' },
      ],
      [{ text: '🕒 最新优先', callback_data: `n:${HEATING_ID}:2` }],
    ],
  },
};
const NOTHING = '没有找到与“冰雹”有关的文章。';

const sent = (part: { text: string; reply_markup?: unknown }, chat_id = 1001) => ({
  method: 'sendMessage',
  payload: { chat_id, ...HTML, ...part },
});
const edit = (message_id: number, part: { text: string; reply_markup?: unknown }, chat_id = 1001) => ({
  method: 'editMessageText',
  payload: { chat_id, message_id, ...HTML, reply_markup: { inline_keyboard: [] }, ...part },
});

/** The same message, edited to `text` (a leading command gets its entity again). */
function edited(update: Omit<Update, 'update_id'>, text: string): Omit<Update, 'update_id'> {
  const { message } = textUpdate(text, { chat: update.message!.chat as typeof PRIVATE_CHAT });
  return {
    edited_message: { ...update.message!, text, entities: message!.entities, edit_date: 1740000100 },
  };
}

let nextId = 5000;
/** A photo (or a document) with a caption; `edit` makes it the edited version of message `edit`. */
function captioned(
  caption: string,
  { chat = PRIVATE_CHAT, document = false, edit }: { chat?: typeof PRIVATE_CHAT | typeof GROUP_CHAT; document?: boolean; edit?: number } = {},
): Omit<Update, 'update_id'> {
  const command = /^\/[\w@]+/.exec(caption);
  const message = {
    message_id: edit ?? nextId++,
    date: 1740000000,
    chat,
    from: USER,
    caption,
    ...(command ? { caption_entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    ...(document
      ? { document: { file_id: 'F', file_unique_id: 'U', file_name: 'page.txt', file_size: 100 } }
      : { photo: [{ file_id: 'P', file_unique_id: 'PU', width: 90, height: 90 }] }),
  };
  return (edit === undefined ? { message } : { edited_message: { ...message, edit_date: 1740000100 } }) as Omit<Update, 'update_id'>;
}

async function deps(extra: Partial<BotDeps> = {}): Promise<BotDeps> {
  return { ...(await createDeps({ articles: ALL_ARTICLES })), ...extra };
}

describe('an edited search message edits the earlier answer', () => {
  it('searches the new words and edits the results message in place, whose buttons then page the new query', async () => {
    const { send } = createTestBot(await deps());
    const first = textUpdate('护学岗');
    expect(await send(first)).toEqual([sent(GUARD_PAGE)]);
    expect(await send(edited(first, '供暖'))).toEqual([edit(101, HEATING_PAGE_1)]);
    // ▶ on the edited message pages the new query; the message stays the same one
    const paged = await send(callbackUpdate(`s:${HEATING_ID}:2`, { messageId: 101 }));
    expect(paged[1]).toEqual(edit(101, HEATING_PAGE_2));
    // edited again: still message 101, back on page 1 of the newest words
    expect(await send(edited(first, '护学岗'))).toEqual([edit(101, GUARD_PAGE)]);
  });

  it('an edit to words that match nothing says so in the same message and takes its buttons away', async () => {
    const { send } = createTestBot(await deps());
    const first = textUpdate('供暖');
    await send(first);
    expect(await send(edited(first, '冰雹'))).toEqual([
      edit(101, { text: `${NOTHING}\n可以试试：\n· 换一个更短的词，例如“护学岗”\n· 少用几个词，一次只搜一件事\n· 检查有没有错别字` }),
    ]);
  });

  it('an edit whose earlier answer is unknown (forgotten, or sent before a restart) is answered anew, and that answer is edited next time', async () => {
    const { send } = createTestBot(await deps());
    const first = textUpdate('护学岗');
    expect(await send(edited(first, '护学岗'))).toEqual([sent(GUARD_PAGE)]);
    expect(await send(edited(first, '供暖'))).toEqual([edit(101, HEATING_PAGE_1)]);
  });

  it('the same words again: Telegram refuses the identical edit, and nothing more is sent', async () => {
    const { send, fail } = createTestBot(await deps());
    const first = textUpdate('护学岗');
    await send(first);
    fail({ method: 'editMessageText', code: 400, description: 'Bad Request: message is not modified' });
    expect(await send(edited(first, '护学岗 '))).toEqual([edit(101, GUARD_PAGE)]);
  });

  it('when the old answer cannot be edited (deleted by the reader) it is answered anew', async () => {
    const { send, fail } = createTestBot(await deps());
    const first = textUpdate('护学岗');
    await send(first);
    fail({ method: 'editMessageText', code: 400, description: 'Bad Request: message to edit not found' });
    fail({ method: 'deleteMessage', code: 400, description: 'Bad Request: message to delete not found' });
    expect(await send(edited(first, '供暖'))).toEqual([
      edit(101, HEATING_PAGE_1),
      { method: 'deleteMessage', payload: { chat_id: 1001, message_id: 101 } },
      sent(HEATING_PAGE_1),
    ]);
    expect(await send(edited(first, '护学岗'))).toEqual([edit(102, GUARD_PAGE)]);
  });

  it('an answer line more or less: the old messages are deleted and the answer is sent anew', async () => {
    const answer: Answer = { text: '全市共设护学岗120个。', highlight: '120个', kind: 'article', source: { id: 'a1a1a1a1a1a1', title: '护学岗守护上学路', date: '2025-02-20' } };
    const { send } = createTestBot(await deps({ answers: { answer: async (q) => (q.endsWith('几个') ? answer : null), listing: async (text) => ({ query: text, nearest: false, first: [] }) } }));
    const answerLine = {
      text: '💡 全市共设护学岗<b>120个</b>。\n<i>—— 护学岗守护上学路 · 2025-02-20</i>',
      reply_markup: { inline_keyboard: [[{ text: '📖 阅读全文', callback_data: 'a:a1a1a1a1a1a1:0' }]] },
    };
    const first = textUpdate('护学岗');
    await send(first);
    // answered, and the fake search finds no article with "几个": the answer line alone
    expect(await send(edited(first, '护学岗 几个'))).toEqual([
      { method: 'deleteMessage', payload: { chat_id: 1001, message_id: 101 } },
      sent(answerLine),
    ]);
    expect(await send(edited(first, '护学岗'))).toEqual([
      { method: 'deleteMessage', payload: { chat_id: 1001, message_id: 102 } },
      sent(GUARD_PAGE),
    ]);
  });

  it('/search edited in a group edits the group\'s answer; other edits there are ignored', async () => {
    const { send } = createTestBot(await deps());
    const search = textUpdate('/search 护学岗', { chat: GROUP_CHAT });
    expect(await send(search)).toEqual([sent(GUARD_PAGE, -500)]);
    const groupHeating = JSON.parse(JSON.stringify(HEATING_PAGE_1).replaceAll(HEATING_ID, GROUP_HEATING_ID)) as typeof HEATING_PAGE_1;
    expect(await send(edited(search, '/search 供暖'))).toEqual([edit(101, groupHeating, -500)]);
    expect(await send(edited(textUpdate('供暖', { chat: GROUP_CHAT }), '护学岗'))).toEqual([]);
  });

  it('a search of an edit that fails tells the reader in a sentence, not the library\'s error', async () => {
    const failing = await deps();
    const { send } = createTestBot({ ...failing, search: { ...failing.search, search: () => Promise.reject(new Error('index gone')) } });
    expect(await send(edited(textUpdate('护学岗'), '供暖'))).toEqual([
      { method: 'sendMessage', payload: { chat_id: 1001, text: '抱歉，出了点问题，请稍后再试。', ...HTML } },
    ]);
  });

  it('an edit that is not a search (another command) changes nothing', async () => {
    const { send } = createTestBot(await deps());
    const first = textUpdate('护学岗');
    await send(first);
    expect(await send(edited(first, '/hotline'))).toEqual([]);
  });
});

describe('captions', () => {
  it('a photo\'s caption in a private chat is searched like a text, and its edit edits the answer', async () => {
    const { send } = createTestBot(await deps());
    const photo = captioned('护学岗');
    expect(await send(photo)).toEqual([sent(GUARD_PAGE)]);
    expect(await send(captioned('供暖', { edit: photo.message!.message_id }))).toEqual([edit(101, HEATING_PAGE_1)]);
  });

  it('a reader\'s document with a caption is searched; an admin\'s document is a page upload, its caption the date', async () => {
    const uploads: (string | undefined)[] = [];
    const ingestUpload: BotDeps['ingestUpload'] = async (_bytes, _name, caption) => {
      uploads.push(caption);
      return { files: [], newArticles: [], newHotline: [], newSafety: [], redatedPages: 0, warnings: ['page.txt: the file is empty, skipped'], errors: [] };
    };
    const reader = createTestBot(await deps({ ingestUpload }));
    expect(await reader.send(captioned('护学岗', { document: true }))).toEqual([sent(GUARD_PAGE)]);
    const admin = createTestBot(await deps({ ingestUpload, adminIds: [USER.id] }));
    const calls = await admin.send(captioned('2025-11-04', { document: true }));
    expect(uploads).toEqual(['2025-11-04']);
    expect(calls.map((call) => call.method)).toEqual(['sendMessage']);
    expect(calls[0]!.payload.text).not.toContain('🔎');
  });

  it('a photo without a caption still gets the hint to send text', async () => {
    const { send } = createTestBot(await deps());
    const photo = captioned('');
    delete (photo.message as { caption?: string }).caption;
    expect(await send(photo)).toEqual([sent({ text: '我只能读文字。发给我一个词就能搜索，例如：<code>护学岗</code>' })]);
  });

  it('in a group a caption is searched only as a /search command', async () => {
    const { send } = createTestBot(await deps());
    expect(await send(captioned('护学岗', { chat: GROUP_CHAT }))).toEqual([]);
    expect(await send(captioned('/search 护学岗', { chat: GROUP_CHAT }))).toEqual([sent(GUARD_PAGE, -500)]);
    expect(await send(captioned('/search@other_bot 护学岗', { chat: GROUP_CHAT }))).toEqual([]);
  });
});

describe('which messages are searches', () => {
  const GROUP = { id: -501, type: 'group', title: '小组' } as const;
  const CHANNEL = { id: -700, type: 'channel', title: '频道' } as const;
  const CHATS = { private: PRIVATE_CHAT, group: GROUP, supergroup: GROUP_CHAT, channel: CHANNEL };
  const command = (text: string) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }];
  const USAGE = {
    search: '请在命令后面写上要搜索的词，例如：<code>/search 护学岗</code>',
    answer: '请在命令后面写上问题，例如：<code>/ask 全市多少所学校设了护学岗</code>',
  };

  /**
   * Sends one message with `fields` in a chat of `chatType` (a channel's as a channel post) and
   * says what the bot searched: the words, the usage hint it sent for a command alone, or null.
   */
  async function searchedFor(chatType: keyof typeof CHATS, fields: Record<string, unknown>, fromAdmin = false): Promise<string | null> {
    const base = await deps(fromAdmin ? { adminIds: [USER.id] } : {});
    const saved: string[] = [];
    const queries = { ...base.queries, saveQuery: (text: string) => (saved.push(text), base.queries.saveQuery(text)) };
    const { send } = createTestBot({ ...base, queries });
    const message = { message_id: 1, date: 0, chat: CHATS[chatType], ...(chatType === 'channel' ? {} : { from: USER }), ...fields };
    const calls = await send((chatType === 'channel' ? { channel_post: message } : { message }) as never);
    const hint = calls.map((call) => String(call.payload.text)).find((text) => text === USAGE.search || text === USAGE.answer);
    return saved[0]?.split('\n')[1] ?? hint ?? null;
  }

  it.each([
    ['private text', 'private', { text: '护学岗' }, '护学岗'],
    ['private caption', 'private', { caption: '护学岗', photo: [] }, '护学岗'],
    ['/search in a caption', 'supergroup', { caption: '/search 供暖', caption_entities: command('/search 供暖') }, '供暖'],
    ['/ASK@XNWB_BOT in a group', 'group', { text: '/ASK@XNWB_BOT 几所', entities: command('/ASK@XNWB_BOT 几所') }, '几所'],
    ['/search alone', 'private', { text: '/search', entities: command('/search') }, USAGE.search],
    ['/ask alone', 'supergroup', { text: '/ask', entities: command('/ask') }, USAGE.answer],
    ['another command', 'private', { text: '/hotline', entities: command('/hotline') }, null],
    ['another bot\'s /search', 'group', { text: '/search@other_bot 词', entities: command('/search@other_bot 词') }, null],
    ['a slash without an entity', 'private', { text: '/护学岗' }, null],
    ['group chatter', 'group', { text: '护学岗' }, null],
    ['a group caption', 'group', { caption: '护学岗', photo: [] }, null],
    ['a sticker', 'private', { sticker: { file_id: 'S', file_unique_id: 'SU', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }, null],
    ['a channel post', 'channel', { text: '护学岗' }, null],
  ] as const)('%s', async (_name, chatType, fields, expected) => {
    expect(await searchedFor(chatType, fields)).toBe(expected);
  });

  it('a reply to the bot in a group is a search; an admin\'s document in private is not', async () => {
    const replyToBot = { message_id: 2, date: 0, chat: GROUP, from: { id: BOT_INFO.id, is_bot: true, first_name: '西宁晚报' } };
    expect(await searchedFor('group', { text: '供暖', reply_to_message: replyToBot })).toBe('供暖');
    const document = { file_id: 'F', file_unique_id: 'U', file_name: 'page.txt', file_size: 100 };
    expect(await searchedFor('private', { caption: '2025-11-04', document }, true)).toBeNull();
    expect(await searchedFor('private', { caption: '2025-11-04', document })).toBe('2025-11-04');
  });
});
