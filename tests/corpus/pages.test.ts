/**
 * Small pages, one layout case per fixture, parsed end to end.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleId, parsePage } from '../../src/corpus/index.js';
import type { ParsedPage } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function parseFixture(name: string, transform: (text: string) => string = (t) => t): ParsedPage {
  const bytes = Buffer.from(transform(readFileSync(FIXTURES + name, 'utf8')), 'utf8');
  const page = parsePage(bytes, FIXTURES + name);
  if ('error' in page) throw new Error(page.error);
  return page;
}

describe('hard-wrapped.txt: lines wrapped every ~20 characters, headline after the body', () => {
  const page = parseFixture('hard-wrapped.txt');

  it('rejoins the wrapped lines, the column break and the spaced digits', () => {
    expect(page.items).toHaveLength(1);
    const a = page.items[0]!;
    expect(a.title).toBe('城中区300余名市民春季植树添新绿');
    expect(a.reporters).toEqual(['林晓']);
    expect(a.date).toBe('2024-03-05');
    expect(a.body).toBe(
      [
        '3月5日，城中区在南山公园举办“春季植树”志愿活动，共有300余名市民参加，栽下各类苗木一千余株。',
        '活动现场，志愿者们分工协作，挖坑、扶苗、培土、浇水，一派忙碌景象。据介绍，2024年城中区计划新增绿地12公顷，为市民打造更多家门口的休闲空间。',
      ].join('\n'),
    );
  });

  it('gives the same items for CRLF line ends', () => {
    expect(parseFixture('hard-wrapped.txt', (t) => t.replace(/\n/gu, '\r\n')).items).toEqual(page.items);
  });

  it('derives the id from source, kind, title and body', () => {
    const a = page.items[0]!;
    expect(a.id).toBe(articleId('hard-wrapped.txt', 'article', a.title, a.body));
    expect(a.id).toMatch(/^[0-9a-f]{12}$/u);
  });
});

describe('headline-after-body.txt: two bodies, then their headlines in the other order', () => {
  it('matches each headline to its body by content, not position', () => {
    const page = parseFixture('headline-after-body.txt');
    expect(page.items.map((a) => [a.title, a.reporters, a.body.slice(0, 8)])).toEqual([
      ['城中区南山公园春季植树志愿活动举行', ['林晓'], '3月5日,城中区'],
      ['城北区图书馆推出“夜读”服务', ['马骏'], '近日,城北区图书'],
    ]);
    expect(page.warnings).toEqual([]);
  });

  it('warns and falls back to the first clause when a body has no headline', () => {
    const page = parseFixture('headline-after-body.txt', (t) => t.replace(/\n\n城北区图书馆推出“夜读”服务\n/u, '\n'));
    expect(page.items.map((a) => a.title)).toEqual(['城中区南山公园春季植树志愿活动举行', '近日']);
    expect(page.warnings).toEqual(['no headline found for the item beginning "近日"']);
  });
});

describe('hotline-five-issues.txt: a dated header, full-width digits, five hot issues', () => {
  const page = parseFixture('hotline-five-issues.txt');

  it('reads every number', () => {
    expect(page.pageDate).toBe('2024-03-03');
    expect(page.hotline).toEqual([
      {
        date: '2024-03-02',
        calls: 800,
        messages: 10,
        channels: { 西宁12345微信公众号: 6, 人民网: 4 },
        direct: 500,
        transferred: 300,
        callbacks: 120,
        hot: [
          { topic: '供暖问题', count: 40 },
          { topic: '物业管理', count: 35 },
          { topic: '消费维权', count: 30 },
          { topic: '交通出行', count: 22 },
          { topic: '劳动纠纷', count: 18 },
        ],
        source: 'hotline-five-issues.txt',
      },
    ]);
    expect(page.warnings).toEqual([]);
  });

  it('lists the report as one hotline item dated the day it covers, header not in it', () => {
    expect(page.items).toHaveLength(1);
    const a = page.items[0]!;
    expect([a.kind, a.title, a.date, a.reporters]).toEqual(['hotline', '西宁市党建引领“有诉必应马上办”机制创新工作日报', '2024-03-02', []]);
    expect(a.body.split('\n')).toHaveLength(7);
    expect(a.body).not.toContain('星期日');
  });
});

describe('hotline-bad-sums.txt: reports whose numbers do not add up', () => {
  it('keeps the numbers and warns about each broken sum', () => {
    const page = parseFixture('hotline-bad-sums.txt');
    expect(page.hotline[0]).toMatchObject({ calls: 800, messages: 10, direct: 500, transferred: 290, callbacks: null, hot: [] });
    expect(page.safety[0]).toMatchObject({ total: 20, sources: { '12345政务服务便民热线': 15, 西宁市消防救援支队: 4 }, topics: ['小区物业', '燃气安全'] });
    expect(page.warnings).toEqual([
      'hotline report 2024-03-02: web messages by channel add up to 9, not 10',
      'hotline report 2024-03-02: direct 500 + transferred 290 = 790, not calls 800',
      'safety report 2024-03-02: safety reports by source add up to 19, not 20',
    ]);
  });
});

describe('dates', () => {
  const page = (text: string): ParsedPage => {
    const p = parsePage(Buffer.from(text, 'utf8'), 'dates.txt');
    if ('error' in p) throw new Error(p.error);
    return p;
  };
  const body = '本报讯(记者 林晓)12月30日,城中区举办迎新年文艺演出,近千名市民观看演出,现场气氛热烈。';

  it.each([
    ['a dated header gives every article its date', `2025年1月2日 星期四\n\n迎新年文艺演出举行\n\n${body}`, '2025-01-02'],
    ['without a header, the first month-day date takes the page year', `迎新年文艺演出举行\n\n${body}2024年演出场次创新高。`, '2024-12-30'],
    ['without any year, no date', `迎新年文艺演出举行\n\n${body}`, null],
  ])('%s', (_case, text, date) => {
    expect(page(text).items[0]!.date).toBe(date);
  });

  it('never dates a report after the page: December under a January header is last year', () => {
    const p = page(
      '2025年1月2日 星期四\n\n西宁市安全隐患举报受理情况日报\n\n12月31日,西宁市共收到安全隐患举报5件,其中12345政务服务便民热线接收举报5件,涉及小区物业等问题。',
    );
    expect(p.safety[0]!.date).toBe('2024-12-31');
    expect(p.items[0]!.date).toBe('2024-12-31');
  });
});

describe('markdown-ad-box.txt: markdown headings, a bold subhead, a list, an ad box', () => {
  it('keeps subheads and list items in the article, drops the ad box and all marks', () => {
    const page = parseFixture('markdown-ad-box.txt');
    expect(page.items.map((a) => [a.title, a.reporters])).toEqual([
      ['城西区老旧小区改造完工', ['林晓']],
      ['城北区开展消防安全宣传', ['马骏']],
    ]);
    expect(page.items[0]!.body.split('\n')).toEqual([
      '近日,城西区今年实施的12个老旧小区改造项目全部完工,惠及居民3200余户。',
      '加装电梯',
      '改造中,城西区为符合条件的楼栋加装电梯28部,方便老年居民出行。',
      '更换供水管网4.6公里',
      '新增停车位600余个',
    ]);
  });
});
