import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, isCalendarDay, lastDayOfMonth } from '../../src/calendar.js';
import { splitTimeSpan } from '../../src/search/timeSpan.js';

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
    ['护学岗 2024年', '护学岗', '2024-01-01', '2024-12-31'],
    ['护学岗 2025-02-20', '护学岗', '2025-02-20', '2025-02-20'],
    ['护学岗 2025年2月20日', '护学岗', '2025-02-20', '2025-02-20'],
    ['护学岗 昨天', '护学岗', '2025-02-21', '2025-02-21'],
    ['护学岗 今天', '护学岗', '2025-02-22', '2025-02-22'],
    ['护学岗 ２０２５年２月', '护学岗', '2025-02-01', '2025-02-28'],
    ['2025年2月', '', '2025-02-01', '2025-02-28'],
    ['近7天', '', '2025-02-16', '2025-02-22'],
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
    '护学岗 近0天',
  ])('%s has no span and stays whole', (query) => {
    expect(splitTimeSpan(query, TODAY)).toEqual({ text: query, span: null });
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
