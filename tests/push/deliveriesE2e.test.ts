/**
 * Deliveries through the built `newsbot start` on the fake Bot API (bench/fakeBotApi.ts): an
 * admin's upload of a page with 64 matching articles gives a follower one digest; a forum
 * topic's subscription and follow deliver into their topics, a deleted topic stops the chat;
 * every list cites the edition the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../bench/fakeBotApi.js';
import { launchCli } from '../support/cliProcess.js';
import { message, startRunningBot, type RunningBot } from '../support/runningBot.js';
import { newsPage } from './pages.js';

const ADMIN = { id: 77, is_bot: false, first_name: '编辑', language_code: 'zh' };
const ADMIN_CHAT = { id: 77, type: 'private', first_name: '编辑' };
const READER = { id: 88, is_bot: false, first_name: '读者', language_code: 'zh' };
const READER_CHAT = { id: 88, type: 'private', first_name: '读者' };
/** A forum supergroup; its admins write anonymously (as the group), so no getChatMember is needed. */
const FORUM = { id: -1001, type: 'supergroup', title: '读报论坛', is_forum: true };
const IN_TOPIC = (thread: number) => ({ message_thread_id: thread, is_topic_message: true, sender_chat: FORUM });

const PAGE_64 = newsPage('2025-11-20', '供暖', 64);
const PAGE_3 = newsPage('2025-11-21', '供暖', 3, '二');
const EDITION_64 = '西宁晚报 · 2025年11月20日';
/** The one edition line: paper, day (约 for an estimate, as the seed pages' are), page when known. */
const EDITION_LINE = /^西宁晚报 · 约?\d{4}年\d{1,2}月\d{1,2}日(?: · 第\d+版)?$/;

/** An admin's upload of `fileId` as a document in the private chat. */
function upload(fileId: string, fileName: string): Record<string, unknown> {
  return {
    message: {
      message_id: 500,
      date: Math.floor(Date.now() / 1000),
      chat: ADMIN_CHAT,
      from: ADMIN,
      document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, file_size: 20_000 },
    },
  };
}

/** `newsbot push` on the bot's DATA_DIR and fake API, beside the running bot. */
function pushCommand(bot: RunningBot): Promise<number | null> {
  return launchCli(['push'], bot.env).exited;
}

const toChat = (chatId: number) => (call: RecordedCall) => call.method === 'sendMessage' && Number(call.payload.chat_id) === chatId;
const buttons = (call: RecordedCall) =>
  (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard.flat() ?? [];

describe('deliveries through newsbot start', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    const files = new Map([
      ['PAGE64', Buffer.from(PAGE_64)],
      ['PAGE3', Buffer.from(PAGE_3)],
    ]);
    bot = await startRunningBot({ env: { ADMIN_IDS: String(ADMIN.id) }, api: { files } });
  }, 90_000);

  afterAll(() => bot?.close());

  /** Sends `update` and waits for the first message to `chatId` after it. */
  async function answer(update: Record<string, unknown>, chatId: number): Promise<RecordedCall> {
    const mark = bot.api.calls.length;
    bot.send(update);
    return bot.waitFor(`an answer in chat ${chatId}`, (call) => bot.since(mark).includes(call) && toChat(chatId)(call));
  }

  it('gives a follower one digest for an upload of 64 matching articles, and the rest by its button', async () => {
    expect((await answer(message(READER_CHAT, '/follow 供暖', {}, READER), READER.id)).payload.text).toBe(
      '🔔 已关注：供暖。有新文章提到它们时我会提醒你。',
    );
    // The forum follows the same word in its topic 9.
    const followed = await answer(message(FORUM, '/follow 供暖', IN_TOPIC(9), ADMIN), FORUM.id);
    expect(followed.payload.message_thread_id).toBe(9);

    const mark = bot.api.calls.length;
    bot.send(upload('PAGE64', 'page64.txt'));
    const digest = await bot.waitFor('the digest', (call) => bot.since(mark).includes(call) && toChat(READER.id)(call));
    const text = String(digest.payload.text);
    const items = text.split('\n\n');
    expect(items[0]).toBe('🔔 你关注的词有 64 篇新文章：“供暖”');
    // Ten articles, each with its edition line, in page order.
    expect(items.slice(1)).toHaveLength(10);
    expect(items[1]).toBe(`<b>1. 城中区第1个小区供暖工作完成</b>\n${EDITION_64}`);
    expect(items[10]).toBe(`<b>10. 城西区第10个小区供暖工作完成</b>\n${EDITION_64}`);
    const keys = buttons(digest);
    expect(keys).toHaveLength(11);
    expect(keys[0]!.text).toBe('📖 1. 城中区第1个小区供暖工作完成');
    expect(keys[10]!.text).toBe('▶ 其余 54 篇');

    // The forum's digest goes into its topic.
    const forumDigest = await bot.waitFor('the forum digest', (call) => bot.since(mark).includes(call) && toChat(FORUM.id)(call));
    expect(forumDigest.payload.message_thread_id).toBe(9);

    // ▶ lists the next ten; by the time it answers, push's pass after the upload is long over.
    const rest = await answer(
      {
        callback_query: {
          id: 'cb1',
          from: READER,
          chat_instance: 'c',
          data: keys[10]!.callback_data,
          message: { message_id: 900, date: 0, chat: READER_CHAT, text: '…' },
        },
      },
      READER.id,
    );
    expect(String(rest.payload.text).split('\n\n')[0]).toBe('🔔 这次提醒的 64 篇文章（第 11–20 篇）');
    expect(buttons(rest).at(-1)!.text).toBe('▶ 其余 44 篇');
    const digests = bot.api.calls.filter((call) => toChat(READER.id)(call) && String(call.payload.text).startsWith('🔔 你关注的词'));
    expect(digests).toHaveLength(1);
  }, 90_000);

  it('delivers a forum topic\'s subscription into the topic, and stops at a deleted topic as at a block', async () => {
    const subscribed = await answer(message(FORUM, '/subscribe 07:30', IN_TOPIC(5), ADMIN), FORUM.id);
    expect(subscribed.payload.message_thread_id).toBe(5);
    // `newsbot push` sends the newest report now: into topic 5.
    const mark = bot.api.calls.length;
    expect(await pushCommand(bot)).toBe(0);
    const summaries = bot.since(mark).filter(toChat(FORUM.id));
    expect(summaries.map((call) => [call.payload.message_thread_id, String(call.payload.text).split('\n')[0]])).toEqual([
      [5, '📬 <b>每日热线摘要</b>'],
    ]);

    // Topic 9 (the alerts') is deleted: the next alert meets "message thread not found".
    bot.api.deleteTopic(FORUM.id, 9);
    const before = bot.api.calls.length;
    bot.send(upload('PAGE3', 'page3.txt'));
    await bot.waitFor('the reader\'s next digest', (call) => bot.since(before).includes(call) && toChat(READER.id)(call));
    await bot.waitFor('the refused alert', (call) => bot.since(before).includes(call) && toChat(FORUM.id)(call));
    // The forum is off, like a chat that blocked the bot, until an admin subscribes again. The refusal is
    // recorded when push has its answer, a moment after the call: /settings is asked until it says so (or 10 times).
    let line = '';
    for (let attempt = 0; attempt < 10 && !line.includes('未订阅'); attempt++) {
      const asker = { ...ADMIN, id: 7000 + attempt };
      line = String((await answer(message(FORUM, '/settings', { sender_chat: FORUM }, asker), FORUM.id)).payload.text).split('\n')[1]!;
    }
    expect(line).toBe('每日热线日报：未订阅（发 <code>/subscribe 08:00</code> 订阅）');
  }, 90_000);

  it('cites 西宁晚报 · date · page the same way in search, /latest, /paper, related and inline', async () => {
    const search = await answer(message(READER_CHAT, '供暖工作完成', {}, READER), READER.id);
    expect(String(search.payload.text).split('\n\n')[1]!.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^<b>1\. .*供暖工作完成<\/b>$/),
      expect.stringMatching(/^西宁晚报 · 2025年11月2[01]日$/),
    ]);
    const latest = await answer(message(READER_CHAT, '/latest', {}, READER), READER.id);
    expect(String(latest.payload.text).split('\n\n')[1]!.split('\n')[1]).toMatch(EDITION_LINE);
    const paper = await answer(message(READER_CHAT, '/paper 2025-11-20', {}, READER), READER.id);
    expect(String(paper.payload.text).split('\n\n')[1]!.split('\n')[0]).toBe(`<b>${EDITION_64} · 版次不详</b>`);

    // 📖 the first article, then 🔗 under it.
    const read = await answer(
      { callback_query: { id: 'cb2', from: READER, chat_instance: 'c', data: buttons(latest)[0]!.callback_data, message: { message_id: 901, date: 0, chat: READER_CHAT, text: '…' } } },
      READER.id,
    );
    const relatedButton = buttons(read).find((button) => button.text === '🔗 相关报道');
    expect(relatedButton).toBeDefined();
    const related = await answer(
      { callback_query: { id: 'cb3', from: READER, chat_instance: 'c', data: relatedButton!.callback_data, message: { message_id: 902, date: 0, chat: READER_CHAT, text: '…' } } },
      READER.id,
    );
    expect(String(related.payload.text).split('\n\n')[1]!.split('\n')[1]).toMatch(EDITION_LINE);

    const mark = bot.api.calls.length;
    bot.send({ inline_query: { id: 'iq1', from: READER, query: '供暖工作完成', offset: '' } });
    const inline = await bot.waitFor('the inline answer', (call) => bot.since(mark).includes(call) && call.method === 'answerInlineQuery');
    const [first] = inline.payload.results as { description: string; input_message_content: { message_text: string } }[];
    expect(first!.description.split('\n')[0]).toMatch(/^西宁晚报 · 2025年11月2[01]日$/);
    expect(first!.input_message_content.message_text.split('\n').at(-1)).toMatch(/^西宁晚报 · 2025年11月2[01]日$/);
  }, 90_000);
});
