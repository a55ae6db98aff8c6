/**
 * The chat's ways into the reader Mini App: 📰 web_app buttons under /paper, a result
 * list, a read article and /trend (private chats only, and only with PUBLIC_URL), and the
 * menu button `newsbot start` sets. The bot's own tests run without PUBLIC_URL and see
 * exactly the replies they saw before.
 */
import type { InlineKeyboardButton } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packCallback } from '../../src/render/index.js';
import { ALL_ARTICLES, GUARD } from '../bot/fixtures.js';
import { callbackUpdate, createDeps, createTestBot, GROUP_CHAT, textUpdate, type ApiCall } from '../bot/helpers.js';
import { startRunningBot, type RunningBot } from '../support/runningBot.js';
import { freePort } from '../../bench/ports.js';
import { fixtureReports } from '../trend/helpers.js';

const PUBLIC_URL = 'https://reader.example/news';

/** The web_app buttons of a call's inline keyboard: [text, url]. */
function webAppButtons(call: ApiCall | undefined): [string, string][] {
  const keyboard = (call?.payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? [];
  return keyboard.flat().flatMap((button) => ('web_app' in button && button.web_app ? [[button.text, button.web_app.url] as [string, string]] : []));
}

async function readerBot(publicUrl: string | null) {
  const deps = await createDeps({ articles: ALL_ARTICLES, hotline: fixtureReports() });
  const test = createTestBot({ ...deps, publicUrl });
  // The recorder cannot serialise a photo upload: /trend's photo goes as its file name.
  test.bot.api.config.use((prev, method, payload, signal) =>
    method === 'sendPhoto' ? prev(method, { ...payload, photo: 'upload' } as typeof payload, signal) : prev(method, payload, signal),
  );
  return test;
}

describe('📰 buttons in the chat', () => {
  it('opens the edition under /paper, the results under a result list, the article under its last part, the chart under /trend', async () => {
    const { send } = await readerBot(PUBLIC_URL);
    expect(webAppButtons((await send(textUpdate('/paper 2025-02-21')))[0])).toEqual([['📰 在读报里翻看这一期', `${PUBLIC_URL}/app/?open=d_20250221`]]);
    expect(webAppButtons((await send(textUpdate('护学岗 2025年2月')))[0])).toEqual([
      ['📰 在读报里看结果', `${PUBLIC_URL}/app/?open=s&q=%E6%8A%A4%E5%AD%A6%E5%B2%97+2025%E5%B9%B42%E6%9C%88`],
    ]);
    const read = await send(callbackUpdate(packCallback({ kind: 'read', articleId: GUARD.id, part: 0 })));
    expect(webAppButtons(read.filter((call) => call.method === 'sendMessage').at(-1))).toEqual([['📰 在读报里读全文', `${PUBLIC_URL}/app/?open=a_${GUARD.id}`]]);
    const trend = await send(textUpdate('/trend 7'));
    expect(trend.map((call) => call.method)).toEqual(['sendPhoto']);
    expect(webAppButtons(trend[0])).toEqual([['📰 互动图表', `${PUBLIC_URL}/app/?open=h`]]);
  });

  it('shows none in a group (Telegram allows web_app buttons in private chats only)', async () => {
    const { send } = await readerBot(PUBLIC_URL);
    const calls = await send(textUpdate('/search 护学岗', { chat: GROUP_CHAT }));
    expect(calls.map((call) => call.method)).toEqual(['sendMessage']);
    expect(webAppButtons(calls[0])).toEqual([]);
  });

  it('shows none without PUBLIC_URL, and the replies are otherwise the same', async () => {
    const withUrl = await readerBot(PUBLIC_URL);
    const without = await readerBot(null);
    const paper = await without.send(textUpdate('/paper 2025-02-21'));
    expect(webAppButtons(paper[0])).toEqual([]);
    const keyboard = (call: ApiCall | undefined) => (call?.payload.reply_markup as { inline_keyboard: InlineKeyboardButton[][] }).inline_keyboard;
    expect(keyboard((await withUrl.send(textUpdate('/paper 2025-02-21')))[0]).slice(0, -1)).toEqual(keyboard(paper[0]));
  });
});

describe('newsbot start with PUBLIC_URL, polling, no METRICS_PORT', () => {
  let bot: RunningBot | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    bot = await startRunningBot({ env: { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL }, api: { pollHoldMs: 200 } });
  }, 120_000);

  afterAll(() => bot?.close());

  it('sets the menu button to the reader and serves it on PORT', async () => {
    expect(bot!.api.calls.find((call) => call.method === 'setChatMenuButton')?.payload).toEqual({
      menu_button: { type: 'web_app', text: '读报', web_app: { url: `${PUBLIC_URL}/app/` } },
    });
    const page = await fetch(`http://127.0.0.1:${port}/app/`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<script type="module" src="assets/main-');
    expect((await fetch(`http://127.0.0.1:${port}/app/api/edition`)).status).toBe(401);
  });

  it('puts the 📰 button under /paper', async () => {
    bot!.send({
      update_id: 700,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 88, type: 'private', first_name: '读者' },
        from: { id: 88, is_bot: false, first_name: '读者', language_code: 'zh' },
        text: '/paper',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    const reply = await bot!.waitFor('the answer to /paper', (call) => call.method === 'sendMessage' && call.payload.chat_id === 88, 20_000);
    expect(webAppButtons(reply)).toEqual([['📰 在读报里翻看这一期', expect.stringMatching(new RegExp(`^${PUBLIC_URL}/app/\\?open=d_\\d{8}$`))]]);
  });
});
