/**
 * The reader Mini App in a real browser, through the shipped product: `newsbot start`
 * (long polling, PUBLIC_URL, the server on METRICS_PORT) over the seeds, one three-page
 * edition (tests/webapp/fixtures/pages) and two weeks of hotline reports
 * (tests/trend/fixtures/pages), against the fake Bot API; Debian's Chromium
 * (`.ci/run` installs it) driven by playwright-core at a 390×844 phone viewport.
 * The page is opened as Telegram opens it: launch data signed with the bot's token
 * in the URL fragment, and a stand-in for the mobile client's TelegramWebviewProxy
 * that records what the page asks of Telegram.
 *
 * Screenshots of each view, light and dark, go to dist/screenshots/ (looked at by a
 * person; README's come from there).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../bench/fakeBotApi.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { dayCenterX } from '../../web/src/chartLayout.js';
import { DARK_THEME, launchUrl, LIGHT_THEME, signLaunchData } from '../support/launchData.js';
import { startRunningBot, TOKEN, type RunningBot } from '../support/runningBot.js';
import { freePort } from '../../bench/ports.js';

const CHROMIUM = '/usr/bin/chromium';
const READER = 77;
const SHOTS = path.join(PROJECT_ROOT, 'dist', 'screenshots');
/** Flags for a browser on a machine with no network but localhost (see .ci/run). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Under CI the browser tests always run: a missing browser fails them (beforeAll), it never skips them.
const runBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!runBrowser) process.stderr.write(`tests/webapp/browser.test.ts: ${CHROMIUM} missing, browser tests skipped (bash .ci/run installs it)\n`);

/** What the page sent Telegram and what the browser objected to, recorded in the page. */
interface Recorded {
  readonly events: { type: string; data: Record<string, unknown> }[];
  readonly violations: string[];
}

/** Runs before the page's own scripts: stands in for the mobile client's bridge and records CSP violations. */
const RECORDER = `
  window.__recorded = { events: [], violations: [] };
  window.TelegramWebviewProxy = { postEvent: (type, data) => window.__recorded.events.push({ type, data: JSON.parse(data) }) };
  document.addEventListener('securitypolicyviolation', (e) => window.__recorded.violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

describe.runIf(runBrowser)('the reader Mini App in Chromium', () => {
  let bot: RunningBot | undefined;
  let api: FakeBotApi;
  let browser: Browser | undefined;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: bash .ci/run installs Debian's chromium (apt-get install chromium)`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}/app/`;
    bot = await startRunningBot({
      inboxFrom: [path.join(PROJECT_ROOT, 'tests', 'webapp', 'fixtures', 'pages'), path.join(PROJECT_ROOT, 'tests', 'trend', 'fixtures', 'pages')],
      env: { METRICS_PORT: String(port), PUBLIC_URL: 'https://reader.example', HOST: '127.0.0.1' },
      api: { pollHoldMs: 200 },
    });
    api = bot.api;
    // Started: the bot polls (above) and the server answers.
    await bot.until('/healthz to answer', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 60_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  /** A phone-sized page opened as Telegram opens the app, at `query` (`?open=…`). */
  async function open(query = '', options: { theme?: Readonly<Record<string, string>>; language?: string; width?: number; launchData?: string | null } = {}): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: options.width ?? 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const launchData = options.launchData === undefined ? signLaunchData(TOKEN, { userId: READER, languageCode: options.language ?? 'zh-hans' }) : options.launchData;
    await page.goto(launchData === null ? `${base}${query}` : launchUrl(`${base}${query}`, launchData, options.theme ?? LIGHT_THEME));
    return page;
  }

  // (Expressions as strings: they run in the page, whose DOM types the tests' Node typing does not know.)
const recorded = (page: Page) => page.evaluate<Recorded>('window.__recorded');
  const visible = (page: Page, selector: string) => page.locator(`.view:not([hidden]) ${selector}`);

  /** No serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA). */
  async function accessibilityProblems(page: Page): Promise<string[]> {
    await page.evaluate(readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const results = await page.evaluate<AxeResults>("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })");
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** The page is no wider than the screen. */
  const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  /** Each view as a reader sees it: opened, ready (`ready` is visible), checked for CSP, a11y and width, photographed light and dark. */
  async function checkView(name: string, query: string, ready: (page: Page) => Promise<void>): Promise<void> {
    for (const [scheme, theme] of [['light', LIGHT_THEME], ['dark', DARK_THEME]] as const) {
      const page = await open(query, { theme });
      await ready(page);
      expect(await page.evaluate<string>('document.documentElement.dataset.scheme')).toBe(scheme);
      expect(await accessibilityProblems(page), `${name} (${scheme})`).toEqual([]);
      expect(await horizontalOverflow(page), `${name} (${scheme}) scrolls sideways`).toBe(0);
      expect((await recorded(page)).violations, `${name} (${scheme}) CSP`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`) });
      await page.setViewportSize({ width: 360, height: 780 });
      expect(await horizontalOverflow(page), `${name} (${scheme}) at 360 px scrolls sideways`).toBe(0);
      await page.context().close();
    }
  }

  it('opens the newest edition signed in with the launch data, tells Telegram it is ready, expands, follows the theme', async () => {
    const page = await open('', { theme: DARK_THEME });
    const newest = (await (await fetch(`${base}api/editions`, { headers: { authorization: `tma ${signLaunchData(TOKEN, { userId: READER })}` } })).json()) as { dates: string[] };
    const [year, month, day] = newest.dates[0]!.split('-').map(Number);
    await expect.poll(() => visible(page, 'h1').textContent()).toContain(`${year}年${month}月${day}日`);
    const events = (await recorded(page)).events.map((event) => event.type);
    expect(events).toEqual(expect.arrayContaining(['web_app_ready', 'web_app_expand', 'web_app_setup_back_button']));
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(33, 33, 33)');
    await page.context().close();
  });

  it('shows an edition page by page: 第1版 first, the next page a tap away, the edition before a tap back', async () => {
    const page = await open('?open=d_20251104');
    await expect.poll(() => visible(page, '.pages .chip').allTextContents()).toEqual(['第1版', '第2版', '第3版', '其他']);
    expect(await visible(page, '.items .headline').allTextContents()).toEqual(['冬季供暖全面启动', '城东区新增三处便民早餐点']);
    expect(await visible(page, '.items .lead').first().textContent()).toBe('11月3日起,全市集中供暖单位陆续点火升温,供热管网运行平稳,首批试运行小区室温达到18摄氏度以上。');
    await visible(page, '.turn .button:not(.secondary)').click();
    await expect.poll(() => visible(page, '.page-title').textContent()).toBe('第2版');
    expect(await visible(page, '.items .headline').allTextContents()).toEqual(['社区图书馆延长开放时间', '湟水河畔骑行道完成维护']);
    await visible(page, '.pages .chip').nth(2).click();
    expect(await visible(page, '.items .headline').allTextContents()).toEqual(['中小学开展冬季消防安全演练', '菜市场蔬菜价格保持平稳']);
    // The edition before: the hotline fixture page of 11月3日.
    await visible(page, '.bar .nav').first().click();
    await expect.poll(() => visible(page, 'h1').textContent()).toContain('2025年11月3日');
    await page.context().close();
  });

  it('opens an article from a search link with the search words marked, and the BackButton returns to the results', async () => {
    const page = await open(`?open=s&q=${encodeURIComponent('护学岗')}`);
    await expect.poll(() => visible(page, '.results .headline').allTextContents()).toEqual(['全市293所学校公安“护学岗”将准时上线']);
    expect(await visible(page, '.results mark').allTextContents()).toEqual(['护学岗', '护学岗']);
    await visible(page, '.results .item').first().click();
    await expect.poll(() => visible(page, '#article-title').textContent()).toBe('全市293所学校公安“护学岗”将准时上线');
    const marks = await visible(page, '.article mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(marks)).toEqual(new Set(['护学岗']));
    expect(await visible(page, '.citation').textContent()).toMatch(/^西宁晚报 · 约?\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(await visible(page, '.byline').textContent()).toBe('记者 宁亚琴');
    const backShown = (await recorded(page)).events.filter((event) => event.type === 'web_app_setup_back_button').at(-1);
    expect(backShown?.data).toEqual({ is_visible: true });
    // Telegram tells the page its BackButton was pressed.
    await page.evaluate("Telegram.WebView.receiveEvent('back_button_pressed')");
    await expect.poll(() => visible(page, '.results .headline').count()).toBe(1);
    // The page hides the button after it has drawn the results: waited for, not read at once (it failed so under load).
    await expect
      .poll(async () => (await recorded(page)).events.filter((event) => event.type === 'web_app_setup_back_button').at(-1)?.data)
      .toEqual({ is_visible: false });
    await page.context().close();
  });

  it('opens the hotline chart and shows the report of the day tapped', async () => {
    const page = await open('?open=h');
    const chart = visible(page, '.chart[data-ready="true"]');
    await chart.waitFor();
    const days = (await chart.getAttribute('data-days'))!.split(',');
    expect(days.length).toBeGreaterThan(10);
    expect(await visible(page, '#report-title').textContent()).toBe(`12345 热线日报 · ${chineseDay(days.at(-1)!)}`);
    const box = (await chart.boundingBox())!;
    const index = days.length - 4;
    await page.mouse.click(box.x + dayCenterX(index, days.length, box.width), box.y + box.height / 2);
    await expect.poll(() => visible(page, '#report-title').textContent()).toBe(`12345 热线日报 · ${chineseDay(days[index]!)}`);
    expect(await visible(page, '.numbers dt').first().textContent()).toBe('来电诉求');
    await page.context().close();
  });

  it('changes the summary time and a followed word, and /settings in the chat says the same', async () => {
    const page = await open('?open=set');
    const toggle = visible(page, '.switch input');
    await toggle.waitFor();
    await toggle.check();
    await expect.poll(() => visible(page, '.status.ok').textContent()).toBe('已保存');
    await visible(page, 'select[name="time"]').selectOption('21:30');
    await expect.poll(() => visible(page, 'select[name="time"]').inputValue()).toBe('21:30');
    await visible(page, '.group .search-form input').fill('物业');
    await visible(page, '.group .search-form button').click();
    await expect.poll(() => visible(page, '.keywords li span').allTextContents()).toEqual(['物业']);
    await page.context().close();

    const sent = api.messages.length;
    api.pushUpdate({
      update_id: 9001,
      message: { message_id: 5, date: Math.floor(Date.now() / 1000), chat: { id: READER, type: 'private', first_name: '读者' }, from: { id: READER, is_bot: false, first_name: '读者', language_code: 'zh' }, text: '/settings', entities: [{ type: 'bot_command', offset: 0, length: 9 }] },
    });
    await bot!.until('the answer to /settings', () => api.messages.slice(sent).some((m) => m.chatId === READER), 20_000);
    const answer = api.messages.slice(sent).find((m) => m.chatId === READER)!.text;
    expect(answer.split('\n').slice(1), answer).toEqual([
      '每日热线日报：每天 21:30（北京时间）',
      '关注的关键词：物业',
      '提醒方式：<b>即时</b>，每次有新版面，把新文章合成一条发来',
      '免打扰：<b>无</b>',
    ]);

    // And the other way: a time set in the chat is what the app shows.
    api.pushUpdate({
      update_id: 9002,
      message: { message_id: 6, date: Math.floor(Date.now() / 1000), chat: { id: READER, type: 'private', first_name: '读者' }, from: { id: READER, is_bot: false, first_name: '读者', language_code: 'zh' }, text: '/subscribe 06:30', entities: [{ type: 'bot_command', offset: 0, length: 10 }] },
    });
    await bot!.until('the answer to /subscribe 06:30', () => api.messages.some((m) => m.chatId === READER && m.text.includes('06:30')), 20_000);
    const again = await open('?open=set');
    await expect.poll(() => visible(again, 'select[name="time"]').inputValue()).toBe('06:30');
    await again.context().close();
  }, 60_000);

  it('serves nothing without valid launch data: 401 with one line, and the page says to open it from the bot', async () => {
    const stale = signLaunchData(TOKEN, { userId: READER, authDate: Math.floor(Date.now() / 1000) - 25 * 3600 });
    const forged = signLaunchData('123:OTHER', { userId: READER });
    const answers = await Promise.all(
      ([{}, { authorization: `tma ${stale}` }, { authorization: `tma ${forged}` }] as Record<string, string>[]).map(async (headers) => {
        const response = await fetch(`${base}api/article?id=aba5ffa08aed`, { headers });
        return [response.status, await response.text()];
      }),
    );
    expect(answers).toEqual([
      [401, 'no launch data: open the reader from the bot in Telegram\n'],
      [401, 'launch data expired (older than 24 hours): open the reader from the bot again\n'],
      [401, 'launch data signature does not match: open the reader from the bot in Telegram\n'],
    ]);
    const settings = await fetch(`${base}api/settings`, { method: 'POST', headers: { authorization: `tma ${stale}`, 'content-type': 'application/json' }, body: '{"action":"unsubscribe"}' });
    expect(settings.status).toBe(401);

    const outside = await open('', { launchData: null });
    await expect.poll(() => outside.locator('[role="alert"]').textContent()).toBe('请在 Telegram 里从机器人打开读报（点 📰 按钮或菜单按钮）。');
    await outside.context().close();
    const expired = await open('', { launchData: stale });
    await expect.poll(() => expired.locator('.signed-out .hint').textContent()).toBe('launch data expired (older than 24 hours): open the reader from the bot again');
    await expired.context().close();
  });

  it('speaks English to a reader whose Telegram is in English', async () => {
    const page = await open('?open=d_20251104', { language: 'en' });
    await expect.poll(() => page.locator('.tabs .tab').allTextContents()).toEqual(['Paper', 'Search', 'Hotline', 'Settings']);
    // The page chips come with the edition, after the tabs: polled like them (a single read raced the edition's load under load).
    await expect.poll(() => visible(page, '.pages .chip').allTextContents()).toEqual(['page 1', 'page 2', 'page 3', 'Other']);
    await page.context().close();
  });

  it('every view: no serious accessibility problem, no CSP violation, no sideways scrolling at 390 and 360 px, light and dark', async () => {
    // (The 401s of the test before are console errors of their own.)
    consoleErrors.length = 0;
    const ready = (selector: string) => async (page: Page) => void (await visible(page, selector).first().waitFor());
    await checkView('edition', '?open=d_20251104', ready('.items .headline'));
    await checkView('article', `?open=a_aba5ffa08aed&q=${encodeURIComponent('护学岗')}`, ready('.article mark'));
    await checkView('search', `?open=s&q=${encodeURIComponent('西宁')}`, ready('.results .headline'));
    await checkView('hotline', '?open=h', ready('.chart[data-ready="true"]'));
    await checkView('settings', '?open=set', ready('.switch input'));
    await checkView('calendar', '?open=d_20251104', async (page) => {
      await visible(page, '.date-button').click();
      await visible(page, '.calendar .day').first().waitFor();
    });
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});

function chineseDay(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
