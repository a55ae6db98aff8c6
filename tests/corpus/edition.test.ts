/**
 * The edition of a page: header lines, then the file name, then the upload
 * caption, then an estimate never after the ingest day.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  datePage,
  decideEdition,
  estimateEditionDate,
  parsePage,
  readCaptionDate,
  readDayMentions,
  readFileEdition,
  readHeaderEdition,
  readPageClock,
  readPageNumber,
} from '../../src/corpus/index.js';
import { SEEDS_DIR } from '../../src/paths.js';
import type { EditionClues, ParsedPage } from '../../src/types.js';

const header = (text: string) => readHeaderEdition(text, readPageClock(text));
const BODY = '本报讯(记者 张三)11月3日,西宁市召开会议,部署冬季供暖工作。\n会议要求各单位落实责任。';

describe('header lines', () => {
  it.each([
    ['2025年11月4日 星期二', '2025-11-04', null],
    ['２０２５年１１月４日　星期二', '2025-11-04', null],
    ['2025-11-04', '2025-11-04', null],
    ['西宁晚报 2025.11.04', '2025-11-04', null],
    ['西宁晚报 2025/11/04 第3版 要闻', '2025-11-04', '3'],
    ['2025年11月4日 星期二 A03 城事', '2025-11-04', 'A03'],
    ['第三版 2025年11月4日', '2025-11-04', '3'],
    ['03版 · 2025.11.4', '2025-11-04', '3'],
  ])('%s → %s, page %s', (line, date, page) => {
    expect(header(`${line}\n\n冬季供暖\n\n${BODY}`)).toEqual({ date, page });
  });

  it('takes no date from running text, even in the first lines', () => {
    expect(header(`冬季供暖\n2025年11月3日,西宁市召开会议,部署冬季供暖工作。\n${BODY}`)).toEqual({ date: null, page: null });
  });

  it('takes no date from a line below the first five', () => {
    expect(header(`甲\n乙\n丙\n丁\n戊\n2025-11-04\n${BODY}`)).toEqual({ date: null, page: null });
  });

  it('takes a masthead with a weekday anywhere on the page', () => {
    expect(header(`冬季供暖\n${BODY}\n\n2025年11月4日 星期二`)).toEqual({ date: '2025-11-04', page: null });
  });

  it('ignores an impossible date', () => {
    expect(header(`2025-02-30\n${BODY}`).date).toBeNull();
  });
});

describe('file names', () => {
  it.each([
    ['2025-11-04.txt', '2025-11-04', null],
    ['20251104_A03.txt', '2025-11-04', 'A03'],
    ['xnwb_2025_11_04_03.txt', '2025-11-04', '3'],
    ['/inbox/xnwb_2025_11_04_12.txt', '2025-11-04', '12'],
    ['2025.11.04-A12.txt', '2025-11-04', 'A12'],
    ['2025年11月4日第3版.txt', '2025-11-04', '3'],
    ['西宁晚报03版.txt', null, '3'],
    ['003_7f32786b762ade4c.txt', null, null],
    ['a20251104b.txt', null, null],
    ['2025-13-04.txt', null, null],
    ['page.txt', null, null],
  ])('%s → %s, page %s', (name, date, page) => {
    expect(readFileEdition(name)).toEqual({ date, page });
  });
});

describe('page numbers', () => {
  it.each([
    ['第3版', '3'],
    ['第 12 版', '12'],
    ['第十二版', '12'],
    ['03版', '3'],
    ['A03', 'A03'],
    ['b5版', 'B05'],
    ['G20峰会', null],
    ['出版社', null],
  ])('%s → %s', (text, page) => {
    expect(readPageNumber(text)).toBe(page);
  });
});

describe('upload captions', () => {
  it.each([
    ['2025-11-04', '2025-11-04'],
    ['2025年11月4日', '2025-11-04'],
    ['今天的报纸 11月4日', '2025-11-04'],
    // A page is uploaded on its day or later: 12月30日 in early January is last year's.
    ['12月30日', '2024-12-30'],
    ['补传一版', null],
  ])('%s → %s (uploaded 2025-11-20; 12月30日 read on 2025-01-02)', (caption, date) => {
    const today = caption === '12月30日' ? '2025-01-02' : '2025-11-20';
    expect(readCaptionDate(caption, today)).toBe(date);
  });
});

describe('the estimate', () => {
  const mentions = (text: string) => readDayMentions(text, readPageClock(text));

  it('is the latest day the page mentions', () => {
    expect(estimateEditionDate(mentions('2025年春季，2月20日，来电。2月21日，开会。去年11月25日，成立。'), '2025-06-01')).toBe('2025-02-21');
  });

  it('is never after the ingest day', () => {
    const text = '2025年工作：11月15日开播，11月17日落幕。';
    expect(estimateEditionDate(mentions(text), '2025-11-16')).toBe('2025-11-15');
    expect(estimateEditionDate(mentions(text), '2025-11-17')).toBe('2025-11-17');
    expect(estimateEditionDate(mentions(text), '2025-11-14')).toBe('2024-11-17');
  });

  it('gives a month-day with no year on the page its latest occurrence up to the ingest day', () => {
    expect(estimateEditionDate(mentions('2月20日，热线接听来电992件次。'), '2025-11-20')).toBe('2025-02-20');
    expect(estimateEditionDate(mentions('12月8日，召开评审会。'), '2025-11-20')).toBe('2024-12-08');
  });

  it('keeps a printed year as printed, and drops it when it is after the ingest day', () => {
    expect(estimateEditionDate(mentions('2023年9月1日开工，2030年1月1日完工。'), '2025-11-20')).toBe('2023-09-01');
  });

  it('is null when the page mentions no day', () => {
    expect(estimateEditionDate(mentions('全市推进供暖工作。'), '2025-11-20')).toBeNull();
  });
});

describe('deciding the edition', () => {
  const clues = (over: Partial<EditionClues>): EditionClues => ({
    header: { date: null, page: null },
    file: { date: null, page: null },
    mentions: [{ year: 2025, explicit: false, month: 11, day: 17 }],
    ...over,
  });

  it.each<[string, Partial<EditionClues>, string | undefined, unknown]>([
    ['the header first', { header: { date: '2025-11-04', page: '3' }, file: { date: '2025-11-05', page: 'A05' } }, '2025-11-06', { date: '2025-11-04', page: '3', estimated: false }],
    ['then the file name', { file: { date: '2025-11-05', page: 'A05' } }, '2025-11-06', { date: '2025-11-05', page: 'A05', estimated: false }],
    ['then the caption', {}, '11月6日 第5版', { date: '2025-11-06', page: '5', estimated: false }],
    ['then the estimate', {}, '补传', { date: '2025-11-17', page: null, estimated: true }],
    ['and undated when nothing dates it', { mentions: [] }, undefined, { date: null, page: null, estimated: false }],
  ])('%s', (_name, over, caption, edition) => {
    const decided = decideEdition(clues(over), { ingestDay: '2025-11-20', ...(caption === undefined ? {} : { caption }) });
    expect(decided.edition).toEqual(edition);
  });

  it('has no estimate without an ingest day', () => {
    expect(decideEdition(clues({})).edition).toEqual({ date: null, page: null, estimated: false });
  });
});

describe('parsed pages', () => {
  const page = (text: string, name: string): ParsedPage => {
    const parsed = parsePage(Buffer.from(text), name);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  };
  const text = `西宁晚报 2025.11.04 第3版\n\n冬季供暖准备就绪\n\n${BODY}`;

  it('carry the header edition on the page and on every item', () => {
    const parsed = page(text, 'page.txt');
    expect(parsed.edition).toEqual({ date: '2025-11-04', page: '3', estimated: false });
    expect(parsed.editionBasis).toBe('header');
    expect(parsed.items.map((item) => item.edition)).toEqual([{ date: '2025-11-04', page: '3', estimated: false }]);
  });

  it('are dated again at ingest from the caption or the ingest day', () => {
    const undated = page(`冬季供暖准备就绪\n\n${BODY}`, 'page.txt');
    expect(undated.edition).toEqual({ date: null, page: null, estimated: false });
    const captioned = datePage(undated, { caption: '2025年11月4日', ingestDay: '2025-11-20' });
    expect([captioned.edition, captioned.editionBasis]).toEqual([{ date: '2025-11-04', page: null, estimated: false }, 'caption']);
    const estimated = datePage(undated, { ingestDay: '2025-11-20' });
    expect([estimated.edition, estimated.editionBasis]).toEqual([{ date: '2025-11-03', page: null, estimated: true }, 'estimate']);
    expect(estimated.items[0]!.edition).toEqual({ date: '2025-11-03', page: null, estimated: true });
  });
});

describe('the seed pages', () => {
  // No seed has a dated header or a dated file name ("003_7f32….txt" is an export counter), so each is
  // estimated: the latest day its text mentions, up to the ingest day (here 2026-06-01).
  it.each([
    ['000_2ee3cd2109b16abc.txt', '2025-11-17'], // 11月9日, 11月15日, 11月17日 on a page naming 2025年
    ['001_872cb544f540cd4a.txt', '2026-05-01'], // 4月26日, 4月30日, 5月1日; latest year named 2026 (2026年全国工人先锋号)
    ['002_8fb7ca939356080b.txt', '2023-12-11'], // 12月8日, 12月11日; 2023年度
    ['003_7f32786b762ade4c.txt', '2025-02-21'], // 2月20日 (the reports), 2月21日; 去年11月25日 is 2024
    ['004_477e742880208b76.txt', '2025-10-16'], // 10月15日 (the reports), 10月16日; latest year named 2025
  ])('%s is estimated as %s', (file, date) => {
    const parsed = parsePage(readFileSync(path.join(SEEDS_DIR, file)), file);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.editionClues.header).toEqual({ date: null, page: null });
    expect(parsed.editionClues.file).toEqual({ date: null, page: null });
    const dated = datePage(parsed, { ingestDay: '2026-06-01' });
    expect([dated.edition, dated.editionBasis]).toEqual([{ date, page: null, estimated: true }, 'estimate']);
  });

  it('001 ingested before 2026 is dated by the latest 5月1日 up to that day', () => {
    const file = '001_872cb544f540cd4a.txt';
    const parsed = parsePage(readFileSync(path.join(SEEDS_DIR, file)), file);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(datePage(parsed, { ingestDay: '2025-12-01' }).edition).toEqual({ date: '2025-05-01', page: null, estimated: true });
  });
});
