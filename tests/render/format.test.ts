import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT, packCallback, unpackCallback, type CallbackAction } from '../../src/render/index.js';
import { parseDay as parseDateArgument } from '../../src/calendar.js';
import { escapeHtml, formatArticle, formatHotlineReport, htmlToPlain, splitText, truncate } from '../../src/render/index.js';
import { createI18n, translatorFor } from '../../src/render/index.js';
import { HOTLINE_20 } from '../bot/fixtures.js';

describe('callback data', () => {
  it.each<[CallbackAction, string]>([
    [{ kind: 'page', queryId: 'KxEfqekX', page: 2, sort: 'relevance' }, 's:KxEfqekX:2'],
    [{ kind: 'page', queryId: 'KxEfqekX', page: 2, sort: 'newest' }, 'n:KxEfqekX:2'],
    [{ kind: 'read', articleId: 'a1a1a1a1a1a1', part: 0 }, 'a:a1a1a1a1a1a1:0'],
    [{ kind: 'noop' }, 'x'],
  ])('packs %j as %s and back', (action, data) => {
    expect(packCallback(action)).toBe(data);
    expect(unpackCallback(data)).toEqual(action);
  });

  it('stays within 64 bytes for the longest ids', () => {
    const data = packCallback({ kind: 'page', queryId: 'q'.repeat(40), page: 999999, sort: 'newest' });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
  });

  it.each(['', 's:', 's:abc', 's:abc:0', 'n:abc:0', 's:abc:-1', 's:a b:1', 'a:x:1:2', 'z:abc:1', 's:abc:1e3', 'ä'])(
    'rejects %j',
    (data) => expect(unpackCallback(data)).toBeUndefined(),
  );

  it('refuses to pack an id with the separator', () => {
    expect(() => packCallback({ kind: 'read', articleId: 'a:b', part: 0 })).toThrow();
  });
});

describe('splitText', () => {
  it('cuts between paragraphs, the first piece leaving room for the head', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 9, 10)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitText('aaaa\nbbbb\ncccc', 4, 10)).toEqual(['aaaa', 'bbbb\ncccc']);
  });

  it('cuts a long paragraph between sentences, then between characters', () => {
    expect(splitText('一二三。四五六。七八九十十一十二', 10, 10)).toEqual(['一二三。四五六。', '七八九十十一十二']);
    expect(splitText('一二三四五六七八九十甲乙', 10, 10)).toEqual(['一二三四五六七八九十', '甲乙']);
  });

  it('counts escaped length and never splits an entity or an emoji', () => {
    expect(splitText('&&&&', 10, 10)).toEqual(['&&', '&&']);
    expect(splitText('😀😀😀😀😀😀', 8, 8)).toEqual(['😀😀😀😀', '😀😀']);
  });

  it('leaves the first piece empty when the head fills the first message', () => {
    expect(splitText('abcdef', 0, 10)).toEqual(['', 'abcdef']);
  });
});

describe('html helpers', () => {
  it.each([
    ['<b>"A&B"</b>', '&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;'],
    ['护学岗', '护学岗'],
  ])('escapes %s', (text, html) => {
    expect(escapeHtml(text)).toBe(html);
    expect(htmlToPlain(html)).toBe(text);
  });

  it('turns a snippet into plain text', () => {
    expect(htmlToPlain('<b>护学岗</b> &amp; &#x1F600;')).toBe('护学岗 & 😀');
  });

  it('keeps highlights as the given markers (ANSI bold in a terminal)', () => {
    expect(htmlToPlain('站好<b>护学岗</b>, <i>撑起</i>', { open: '[', close: ']' })).toBe('站好[护学岗], 撑起');
  });

  it('truncates by characters, not UTF-16 units', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('😀😀', 2)).toBe('😀😀');
  });
});

describe('parseDateArgument', () => {
  it.each([
    ['2025-02-20', '2025-02-20'],
    ['2025-2-5', '2025-02-05'],
    ['2025/02/20', '2025-02-20'],
    ['2025年2月20日', '2025-02-20'],
    ['２０２５-０２-２０', '2025-02-20'],
    ['20250220', '2025-02-20'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', null],
    ['2025-13-01', null],
    ['昨天', null],
    ['', null],
  ])('%s → %s', (text, date) => expect(parseDateArgument(text)).toBe(date));
});

describe('formatHotlineReport', () => {
  const zh = translatorFor(createI18n(), 'zh');

  it('writes a report without previous or safety report, numbers as plain digits', () => {
    const report = { ...HOTLINE_20, calls: 12150, channels: {}, hot: [] };
    expect(formatHotlineReport(report, undefined, undefined, zh)).toBe(
      '☎️ <b>12345 热线日报 · 2025-02-20</b>\n\n来电诉求：12150 件次\n网民留言：86 件\n' +
        '直接办理：900 件\n转交责任单位办理：401 件\n回访：未报告',
    );
  });

  it('marks a channel new since the previous report （新）, and lists one it lacks with 0 and its fall', () => {
    const previous = { ...HOTLINE_20, date: '2025-02-19', channels: { 人民网: 30, 微信: 50, 市长信箱: 7 } };
    const report = { ...HOTLINE_20, channels: { 人民网: 32, 微信: 50, 抖音: 4 } };
    const text = formatHotlineReport(report, previous, undefined, zh);
    expect(text.split('\n').filter((line) => line.startsWith('　· '))).toEqual([
      '　· 人民网：32 件（▲2）',
      '　· 微信：50 件（持平）',
      '　· 抖音：4 件（新）',
      '　· 市长信箱：0 件（▼7）',
    ]);
  });

  it('escapes topics and channel names', () => {
    const report = { ...HOTLINE_20, channels: { '<网>': 1 }, hot: [{ topic: 'A&B', count: 2 }] };
    const text = formatHotlineReport(report, undefined, undefined, zh);
    expect(text).toContain('　· &lt;网&gt;：1 件');
    expect(text).toContain('1. A&amp;B：2 件');
  });
});

describe('formatArticle', () => {
  it('keeps every message under the limit even when OCR made a whole column the title', () => {
    const t = translatorFor(createI18n(), 'zh');
    const article = {
      id: 'a1a1a1a1a1a1',
      kind: 'article' as const,
      title: '标题'.repeat(3000),
      kicker: null,
      subtitle: null,
      reporters: [],
      date: '2025-02-20',
      source: 'p.txt',
      body: '正文。'.repeat(10),
      edition: { date: '2025-02-20', page: '2', estimated: false },
    };
    const messages = formatArticle(article, t);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.length).toBeLessThanOrEqual(4096);
    expect(messages[0]).toContain(`<b>${'标题'.repeat(99)}标…</b>`);
  });
});
