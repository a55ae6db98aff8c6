import { describe, expect, it } from 'vitest';
import { calendarDay, parseDateSpec } from '../../src/answer/index.js';

// Thursday 2025-10-16 in Xining.
const TODAY = '2025-10-16';
const KNOWN = new Set(['2024-10-20', '2025-10-15', '2025-02-20']);

describe('parseDateSpec', () => {
  it.each([
    ['10月15日热线来电', { kind: 'day', date: '2025-10-15' }, '热线来电'],
    ['2025-10-15热线来电', { kind: 'day', date: '2025-10-15' }, '热线来电'],
    ['2025-10-15 12345热线来电', { kind: 'day', date: '2025-10-15' }, '12345热线来电'],
    ['2025/10/1 5号线', { kind: 'day', date: '2025-10-01' }, '5号线'],
    ['2025年10月15日热线来电', { kind: 'day', date: '2025-10-15' }, '热线来电'],
    ['２０２５／１０／１５ 来电', { kind: 'day', date: '2025-10-15' }, '来电'],
    ['十月十五号来电', { kind: 'day', date: '2025-10-15' }, '来电'],
    ['昨天热线来电', { kind: 'day', date: '2025-10-15' }, '热线来电'],
    ['前天热线来电', { kind: 'day', date: '2025-10-14' }, '热线来电'],
    ['上周三热线来电', { kind: 'day', date: '2025-10-08' }, '热线来电'],
    ['本周一热线', { kind: 'day', date: '2025-10-13' }, '热线'],
    ['周五热线', { kind: 'day', date: '2025-10-10' }, '热线'],
    ['最新热线来电', { kind: 'latest' }, '热线来电'],
    ['最近一期热线来电', { kind: 'latest' }, '热线来电'],
    ['热线来电多少', { kind: 'latest' }, '热线来电多少'],
    ['最近7天热线来电', { kind: 'span', from: '2025-10-10', to: '2025-10-16', label: '最近7天' }, '热线来电'],
    ['近三天热线来电', { kind: 'span', from: '2025-10-14', to: '2025-10-16', label: '最近3天' }, '热线来电'],
    ['本月热线来电', { kind: 'span', from: '2025-10-01', to: '2025-10-31', label: '本月' }, '热线来电'],
    ['本周热线来电', { kind: 'span', from: '2025-10-13', to: '2025-10-19', label: '本周' }, '热线来电'],
    ['今年热线来电', { kind: 'span', from: '2025-01-01', to: '2025-12-31', label: '今年' }, '热线来电'],
    ['上个月热线来电', { kind: 'span', from: '2025-09-01', to: '2025-09-30', label: '上个月' }, '热线来电'],
    ['10月热线来电', { kind: 'span', from: '2025-10-01', to: '2025-10-31', label: '2025年10月' }, '热线来电'],
    ['2024年10月热线', { kind: 'span', from: '2024-10-01', to: '2024-10-31', label: '2024年10月' }, '热线'],
    ['上周热线来电', { kind: 'span', from: '2025-10-06', to: '2025-10-12', label: '上周' }, '热线来电'],
    ['10月1日到10月15日热线来电', { kind: 'span', from: '2025-10-01', to: '2025-10-15', label: '2025-10-01至2025-10-15' }, '热线来电'],
  ])('%s', (question, spec, rest) => {
    expect(parseDateSpec(question, TODAY, KNOWN)).toEqual({ spec, rest });
  });

  it('puts a month-day without a year on the latest such day with a report, else nearest to the reports', () => {
    // 10月20日 of 2025 is still to come: the latest one is 2024's, which has a report.
    expect(parseDateSpec('10月20日来电', TODAY, KNOWN).spec).toEqual({ kind: 'day', date: '2024-10-20' });
    // No 2月21日 report in any year: the one next to the 2025-02-20 report.
    expect(parseDateSpec('2月21日来电', '2026-11-27', KNOWN).spec).toEqual({ kind: 'day', date: '2025-02-21' });
    // No reports at all: the latest 2月21日 that has come.
    expect(parseDateSpec('2月21日来电', '2026-11-27', new Set()).spec).toEqual({ kind: 'day', date: '2026-02-21' });
  });

  it('ignores an impossible day rather than answering for another', () => {
    expect(parseDateSpec('2月30日来电', TODAY, KNOWN)).toEqual({ spec: { kind: 'latest' }, rest: '2月30日来电' });
  });
});

describe('calendarDay', () => {
  it('reads the day in Asia/Shanghai, whatever the host zone', () => {
    // 16:30 UTC on the 15th is already 00:30 on the 16th in Xining.
    expect(calendarDay(new Date('2025-10-15T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-10-16');
    expect(calendarDay(new Date('2025-10-15T15:59:00Z'), 'Asia/Shanghai')).toBe('2025-10-15');
  });
});
