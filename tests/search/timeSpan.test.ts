import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, isCalendarDay, lastDayOfMonth } from '../../src/calendar.js';
import { parseDateSpec } from '../../src/answer/index.js';
import { findTime, splitTimeSpan } from '../../src/search/index.js';
import { namedSpan, namesNewest, namesYearlessMonth } from '../../src/search/timeSpan.js';

// The reader's day: Saturday 2025-02-22 in Asia/Shanghai.
const TODAY = '2025-02-22';

describe('a time span ending the query', () => {
  it.each([
    ['护学岗 2025-02', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗 2024-02', '护学岗', '2024-02-01', '2024-02-29'],
    ['护学岗 2025年2月', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗2025年2月份', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗 2月20日', '护学岗', '2025-02-20', '2025-02-20'],
    // The latest 3月1日 up to today is last year's.
    ['护学岗 3月1日', '护学岗', '2024-03-01', '2024-03-01'],
    ['护学岗 近7天', '护学岗', '2025-02-16', '2025-02-22'],
    ['护学岗 最近三天', '护学岗', '2025-02-20', '2025-02-22'],
    ['护学岗 近2周', '护学岗', '2025-02-09', '2025-02-22'],
    ['护学岗 本月', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗 上个月', '护学岗', '2025-01-01', '2025-01-31'],
    ['护学岗 今年', '护学岗', '2025-01-01', '2025-12-31'],
    ['护学岗 去年', '护学岗', '2024-01-01', '2024-12-31'],
    // A month or a day of a year named from today's.
    ['护学岗 去年11月', '护学岗', '2024-11-01', '2024-11-30'],
    ['护学岗 今年二月份', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗 前年3月', '护学岗', '2023-03-01', '2023-03-31'],
    ['护学岗 去年11月17日', '护学岗', '2024-11-17', '2024-11-17'],
    ['护学岗 2024年', '护学岗', '2024-01-01', '2024-12-31'],
    ['护学岗 2025-02-20', '护学岗', '2025-02-20', '2025-02-20'],
    ['护学岗 2025年2月20日', '护学岗', '2025-02-20', '2025-02-20'],
    ['护学岗 昨天', '护学岗', '2025-02-21', '2025-02-21'],
    ['护学岗 今天', '护学岗', '2025-02-22', '2025-02-22'],
    ['护学岗 ２０２５年２月', '护学岗', '2025-02-01', '2025-02-28'],
    ['2025年2月', '', '2025-02-01', '2025-02-28'],
    ['近7天', '', '2025-02-16', '2025-02-22'],
    // The forms questions use, at the end of a search too (one grammar).
    ['护学岗 前天', '护学岗', '2025-02-20', '2025-02-20'],
    ['护学岗 上周三', '护学岗', '2025-02-12', '2025-02-12'],
    ['护学岗 上周', '护学岗', '2025-02-10', '2025-02-16'],
    ['护学岗 本周', '护学岗', '2025-02-17', '2025-02-23'],
    ['护学岗 2月', '护学岗', '2025-02-01', '2025-02-28'],
    ['护学岗 十二月份', '护学岗', '2024-12-01', '2024-12-31'],
    ['护学岗 2月1日到2月20日', '护学岗', '2025-02-01', '2025-02-20'],
    ['护学岗 过去一个月', '护学岗', '2025-01-24', '2025-02-22'],
  ])('%s → “%s” in %s … %s', (query, text, since, until) => {
    expect(splitTimeSpan(query, TODAY)).toEqual({ text, span: { since, until } });
  });

  it.each([
    '护学岗',
    '12345',
    '护学岗 2025',
    '2025年春季新学期',
    '护学岗 2025年2月30日',
    '护学岗 2025-13',
    '护学岗 去年13月',
    '护学岗 去年2月30日',
    '护学岗 近0天',
  ])('%s has no span and stays whole', (query) => {
    expect(splitTimeSpan(query, TODAY)).toEqual({ text: query, span: null });
  });
});

describe('one grammar for search spans and questions', () => {
  it.each([
    // 本月 is the calendar month in both (a reader asking about this month means the month).
    ['本月', '2025-02-01', '2025-02-28'],
    ['上个月', '2025-01-01', '2025-01-31'],
    ['今年', '2025-01-01', '2025-12-31'],
    ['最近7天', '2025-02-16', '2025-02-22'],
    ['上周', '2025-02-10', '2025-02-16'],
    ['2月', '2025-02-01', '2025-02-28'],
    ['去年11月', '2024-11-01', '2024-11-30'],
  ])('%s means %s … %s to a search and to a question', (words, since, until) => {
    expect(splitTimeSpan(`供暖 ${words}`, TODAY).span).toEqual({ since, until });
    const { spec } = parseDateSpec(`${words}供暖多少件`, TODAY);
    expect(spec.kind === 'span' ? [spec.from, spec.to] : spec).toEqual([since, until]);
  });

  it('finds a time anywhere in a question, and where its words stand', () => {
    expect(findTime('热线10月15日来电多少', { today: '2025-10-16' })).toEqual({ time: { kind: 'day', date: '2025-10-15' }, start: 2, end: 8 });
    expect(findTime('热线来电多少', { today: '2025-10-16' })).toBeNull();
    // No 2月30日: no time, rather than another day.
    expect(findTime('2月30日来电', { today: '2025-10-16' })).toBeNull();
  });
});

describe('calendar days', () => {
  it('takes the day in the time zone, not in UTC', () => {
    // 16:30 UTC on the 21st is already the 22nd in Xining.
    expect(calendarDay(new Date('2025-02-21T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-02-22');
    expect(calendarDay(new Date('2025-02-21T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-02-21');
  });

  it('adds days across months and years, and knows month ends', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2025, 12)).toBe('2025-12-31');
  });

  it.each([
    ['2025-02-28', true],
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2025-2-28', false],
    ['tomorrow', false],
  ])('%s is a calendar day: %s', (text, ok) => {
    expect(isCalendarDay(text)).toBe(ok);
  });
});

describe('a day or month typed without its year, placed by the days that have something (editions, reports)', () => {
  const editions = new Set(['2025-02-21', '2025-10-16', '2025-11-17', '2025-12-07']);
  it.each([
    // Long past: the latest such day or month the paper has.
    ['10月16日', { kind: 'day', date: '2025-10-16' }],
    ['2月', { kind: 'span', from: '2025-02-01', to: '2025-02-28', label: '2025年2月' }],
    // Recent: that very day or month, though its paper may not be in yet.
    ['12月7日', { kind: 'day', date: '2026-12-07' }],
    ['11月', { kind: 'span', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' }],
  ])('%s', (words, time) => {
    expect(findTime(words, { today: '2026-12-07', known: editions })?.time).toEqual(time);
  });
});

describe('namesYearlessMonth: whether a search reads the edition days to place its time', () => {
  it.each([
    ['10月16日', true],
    ['１０月１６日', true],
    ['护学岗 十月', true],
    ['2025年10月', false],
    ['去年11月', false],
    ['三个月建成上线', false],
  ])('%s → %s', (text, names) => {
    expect(namesYearlessMonth(text)).toBe(names);
  });
});

describe('namedSpan and namesNewest: what a command is given instead of a day', () => {
  const today = '2025-04-10';
  it.each([
    ['上个月', { since: '2025-03-01', until: '2025-03-31' }],
    ['3月', { since: '2025-03-01', until: '2025-03-31' }],
    ['2024年', { since: '2024-01-01', until: '2024-12-31' }],
    ['近7天', { since: '2025-04-04', until: '2025-04-10' }],
  ])('%s is a span', (text, span) => {
    expect(namedSpan(text, today)).toEqual(span);
  });

  it.each(['昨天', '2025-03-01', '护学岗 上个月', '上个月 护学岗', ''])('%s is no span of several days', (text) => {
    expect(namedSpan(text, today)).toBeUndefined();
  });

  it('reads 最新 and 最近一期 as the newest, and nothing longer', () => {
    expect(['最新', ' 最近一期 ', '本期', 'Latest'].map(namesNewest)).toEqual([true, true, true, true]);
    expect(['最新新闻', '最近7天', '上一期'].map(namesNewest)).toEqual([false, false, false]);
  });
});
