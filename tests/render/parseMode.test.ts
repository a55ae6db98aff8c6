import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { htmlMessages } from '../../src/render/index.js';

/** An Api whose calls go nowhere: the payload each method would send, after htmlMessages. */
function sentPayloads() {
  const calls: { method: string; payload: unknown }[] = [];
  const api = new Api('1:test');
  api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: JSON.parse(JSON.stringify(payload)) as unknown });
    return { ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: 7, type: 'private' } } : true } as never;
  });
  api.config.use(htmlMessages);
  return { api, calls };
}

const NO_PREVIEW = { is_disabled: true };

describe('htmlMessages (the parse-mode plugin with link previews off)', () => {
  it('sends every text, edit and caption as HTML, without link previews where Telegram would show one', async () => {
    const { api, calls } = sentPayloads();
    await api.sendMessage(7, '<b>护学岗</b>', { reply_markup: { inline_keyboard: [] } });
    await api.editMessageText(7, 1, '<b>供暖</b>');
    await api.sendPhoto(7, 'file-id', { caption: '<b>趋势</b>' });
    expect(calls).toEqual([
      { method: 'sendMessage', payload: { chat_id: 7, text: '<b>护学岗</b>', reply_markup: { inline_keyboard: [] }, parse_mode: 'HTML', link_preview_options: NO_PREVIEW } },
      { method: 'editMessageText', payload: { chat_id: 7, message_id: 1, text: '<b>供暖</b>', parse_mode: 'HTML', link_preview_options: NO_PREVIEW } },
      { method: 'sendPhoto', payload: { chat_id: 7, photo: 'file-id', caption: '<b>趋势</b>', parse_mode: 'HTML' } },
    ]);
  });

  it('writes inline results as HTML without previews, keeps what a call says itself, and leaves other methods alone', async () => {
    const { api, calls } = sentPayloads();
    await api.answerInlineQuery('q1', [{ type: 'article', id: 'a', title: '护学岗', input_message_content: { message_text: '<b>护学岗</b>' } }]);
    await api.sendMessage(7, '*plain*', { parse_mode: 'MarkdownV2', link_preview_options: { is_disabled: false } });
    await api.answerCallbackQuery('c1', { text: '已过期' });
    expect(calls).toEqual([
      {
        method: 'answerInlineQuery',
        payload: {
          inline_query_id: 'q1',
          results: [{ type: 'article', id: 'a', title: '护学岗', input_message_content: { message_text: '<b>护学岗</b>', link_preview_options: NO_PREVIEW, parse_mode: 'HTML' } }],
        },
      },
      { method: 'sendMessage', payload: { chat_id: 7, text: '*plain*', parse_mode: 'MarkdownV2', link_preview_options: { is_disabled: false } } },
      { method: 'answerCallbackQuery', payload: { callback_query_id: 'c1', text: '已过期' } },
    ]);
  });
});
