/**
 * Readers and groups: buttons bound to their chat, group admins, the group
 * read link, command case, reply limits, the subscription buttons.
 */
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { ALL_ARTICLES, LONG } from './fixtures.js';
import { callbackUpdate, createDeps, createTestBot, GROUP_CHAT, PRIVATE_CHAT, textUpdate, USER } from './helpers.js';

const OTHER = { id: 2002, is_bot: false, first_name: '小李', language_code: 'zh-hans' } as const;

/** A bot with a real subscriber store; getChatMember answers `statuses[userId]` (default "member"). */
async function groupBot(statuses: Record<number, string> = {}) {
  const subscribers = openSqliteStore(':memory:').subscribers;
  const test = createTestBot({ ...(await createDeps({ articles: ALL_ARTICLES })), subscribers, pushTime: '08:00' });
  test.bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method !== 'getChatMember') return result;
    const userId = (payload as { user_id: number }).user_id;
    return { ok: true, result: { status: statuses[userId] ?? 'member', user: { id: userId } } } as never;
  });
  return { ...test, subscribers };
}

const texts = (calls: readonly { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text);

function pressIn(chat: { id: number; type: string }, data: string, from = USER as { id: number }): Omit<Update, 'update_id'> {
  return {
    callback_query: {
      id: 'cb-x',
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: 101, date: 1740000000, chat, from: { id: 42, is_bot: true, first_name: 'bot' }, text: '…' },
    },
  } as unknown as Omit<Update, 'update_id'>;
}

describe('commands in any case', () => {
  it('/START and /Start answer as /start', async () => {
    const { send } = createTestBot(await createDeps({ articles: ALL_ARTICLES }));
    const start = texts(await send(textUpdate('/start')));
    expect(start[0]).toContain('你好，小王！');
    expect(texts(await send(textUpdate('/START')))).toEqual(start);
    expect(texts(await send(textUpdate('/Start@xnwb_bot')))).toEqual(start);
  });
});

describe('search buttons belong to their chat', () => {
  it('a page button works in the chat it was sent to and nowhere else', async () => {
    const { send } = createTestBot(await createDeps({ articles: ALL_ARTICLES }));
    const answer = await send(textUpdate('供暖'));
    const keyboard = (answer[0]!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    const next = keyboard.flat().find((b) => b.callback_data.startsWith('s:') && b.callback_data.endsWith(':2'))!.callback_data;
    expect(next).toBe('s:9iIP2fr3:2');

    const elsewhere = await send(pressIn({ id: OTHER.id, type: 'private' }, next, OTHER));
    expect(elsewhere).toEqual([
      { method: 'answerCallbackQuery', payload: { callback_query_id: 'cb-x', text: '这个搜索已过期，请重新搜索' } },
    ]);
    const here = await send(callbackUpdate(next));
    expect(here.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
  });

  it('the same words searched in two chats get two different ids', async () => {
    const { send } = createTestBot(await createDeps({ articles: ALL_ARTICLES }));
    const first = JSON.stringify((await send(textUpdate('供暖')))[0]!.payload.reply_markup);
    const second = JSON.stringify(
      (await send(textUpdate('供暖', { from: OTHER, chat: { id: OTHER.id, type: 'private', first_name: '小李' } as never })))[0]!.payload
        .reply_markup,
    );
    expect(first).toContain('s:9iIP2fr3:2');
    expect(second).not.toContain('9iIP2fr3');
  });
});

describe('group administrators', () => {
  it('only an administrator subscribes or follows for a group; getChatMember is asked once a minute per user', async () => {
    const { send, subscribers, calls } = await groupBot({ [OTHER.id]: 'administrator' });
    expect(texts(await send(textUpdate('/subscribe 07:30', { chat: GROUP_CHAT })))).toEqual([
      '只有群管理员可以更改本群的订阅和关注。',
    ]);
    expect(texts(await send(textUpdate('/follow 供暖', { chat: GROUP_CHAT })))).toEqual(['只有群管理员可以更改本群的订阅和关注。']);
    expect(texts(await send(textUpdate('/unsubscribe', { chat: GROUP_CHAT })))).toEqual(['只有群管理员可以更改本群的订阅和关注。']);
    expect(await subscribers.getSubscriber(GROUP_CHAT.id)).toBeUndefined();
    expect(await subscribers.follows(GROUP_CHAT.id)).toEqual([]);

    const admin = texts(await send(textUpdate('/subscribe 07:30', { chat: GROUP_CHAT, from: OTHER })));
    expect(admin[0]).toContain('✅ 已订阅：每天 <b>07:30</b>');
    expect((await subscribers.getSubscriber(GROUP_CHAT.id))?.pushTime).toBe('07:30');
    await send(textUpdate('/follow 供暖', { chat: GROUP_CHAT, from: OTHER }));
    expect(await subscribers.follows(GROUP_CHAT.id)).toEqual(['供暖']);

    const asked = calls.filter((c) => c.method === 'getChatMember').map((c) => c.payload);
    expect(asked).toEqual([
      { chat_id: GROUP_CHAT.id, user_id: USER.id },
      { chat_id: GROUP_CHAT.id, user_id: OTHER.id },
    ]);
  });

  it('in a private chat nobody is asked about', async () => {
    const { send, calls } = await groupBot();
    expect(texts(await send(textUpdate('/subscribe 07:30')))[0]).toContain('07:30');
    expect(calls.filter((c) => c.method === 'getChatMember')).toEqual([]);
  });
});

describe('reading in a group', () => {
  it('📖 sends the first part with a link that opens the whole article in a private chat', async () => {
    const { send } = createTestBot(await createDeps({ articles: ALL_ARTICLES }));
    const calls = await send(pressIn(GROUP_CHAT, `a:${LONG.id}:0`));
    const sent = calls.filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.chat_id).toBe(GROUP_CHAT.id);
    expect(String(sent[0]!.payload.text)).toContain('长篇报道');
    expect(sent[0]!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: '📖 在私聊中读全文', url: 'https://t.me/xnwb_bot?start=a_d1d1d1d1d1d1' }]],
    });

    const opened = texts(await send(textUpdate('/start a_d1d1d1d1d1d1')));
    expect(opened.length).toBeGreaterThan(1);
    expect(opened[0]).toBe(sent[0]!.payload.text);
  });
});

describe('replies fit Telegram', () => {
  it('/follow with 300 words lists 20 of the words left out and counts the rest', async () => {
    const { send } = await groupBot();
    const words = Array.from({ length: 300 }, (_, i) => `词${String(i).padStart(3, '0')}`);
    const [reply] = texts(await send(textUpdate(`/follow ${words.join(' ')}`)));
    expect(reply).toBe(
      `🔔 已关注：${words.slice(0, 20).join('、')}。有新文章提到它们时我会提醒你。\n` +
        `最多关注 20 个词，这些没有加上：${words.slice(20, 40).join('、')}等另外 260 个。先用 /unfollow 取消一些。`,
    );
    expect(String(reply).length).toBeLessThanOrEqual(4096);
  });

  it('/unfollow with 500 long words stays one short message', async () => {
    const { send } = await groupBot();
    const words = Array.from({ length: 500 }, (_, i) => `${'长'.repeat(40)}${i}`);
    const [reply] = texts(await send(textUpdate(`/unfollow ${words.join(' ')}`)));
    expect(reply).toBe(`你没有关注：${Array.from({ length: 20 }, () => `${'长'.repeat(29)}…`).join('、')}等另外 480 个`);
  });
});

describe('subscription buttons', () => {
  it('/settings has ⏰ and 🔕, then how alerts come and quiet hours; ⏰ offers times, a time subscribes at it, 🔕 unsubscribes', async () => {
    const { send, subscribers } = await groupBot();
    await send(textUpdate('/subscribe 08:00'));
    const settings = (await send(textUpdate('/settings'))).find((c) => c.method === 'sendMessage')!;
    expect(settings.payload.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '⏰ 改推送时间', callback_data: 'u:t' }, { text: '🔕 退订', callback_data: 'u:off' }],
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

    const menu = (await send(callbackUpdate('u:t'))).find((c) => c.method === 'sendMessage')!;
    expect((menu.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.map((row) => row.map((b) => b.callback_data))).toEqual([
      ['u:t:0600', 'u:t:0700', 'u:t:0730', 'u:t:0800'],
      ['u:t:0900', 'u:t:1200', 'u:t:1800', 'u:t:2100'],
    ]);
    expect(texts(await send(callbackUpdate('u:t:2100')))[0]).toContain('每天 <b>21:00</b>');
    expect((await subscribers.getSubscriber(PRIVATE_CHAT.id))?.pushTime).toBe('21:00');
    expect(texts(await send(callbackUpdate('u:off')))).toEqual(['已取消每日推送。想再订阅，发 /subscribe 即可。']);
    expect((await subscribers.getSubscriber(PRIVATE_CHAT.id))?.active).toBe(false);
  });
});
