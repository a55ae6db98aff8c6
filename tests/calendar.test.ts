import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarDay, minutesOfDay, startOfDay } from '../src/calendar.js';

afterEach(() => vi.restoreAllMocks());

describe('reading a moment on the clocks of a time zone', () => {
  // 2026-03-08 15:30:00 UTC: 23:30 of the 8th in Shanghai, 11:30 in New York (summer time since 02:00 that
  // morning; the day began at 00:00 EST), already 04:30 of the 9th in Auckland (summer time, +13).
  const moment = new Date('2026-03-08T15:30:00Z');

  it.each([
    ['Asia/Shanghai', '2026-03-08', 23 * 60 + 30, '2026-03-07T16:00:00.000Z'],
    ['America/New_York', '2026-03-08', 11 * 60 + 30, '2026-03-08T05:00:00.000Z'],
    ['Pacific/Auckland', '2026-03-09', 4 * 60 + 30, '2026-03-08T11:00:00.000Z'],
    ['UTC', '2026-03-08', 15 * 60 + 30, '2026-03-08T00:00:00.000Z'],
  ])('%s: day %s, %i minutes into it, which began at %s', (timeZone, day, minutes, start) => {
    expect(calendarDay(moment, timeZone)).toBe(day);
    expect(minutesOfDay(moment, timeZone)).toBe(minutes);
    expect(startOfDay(moment, timeZone).toISOString()).toBe(start);
  });

  it('throws the RangeError Intl throws for a zone that does not exist, every time it is asked', () => {
    expect(() => calendarDay(moment, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => calendarDay(moment, 'Mars/Olympus')).toThrow('Invalid time zone specified: Mars/Olympus');
  });

  // Each Intl.DateTimeFormat holds ICU memory V8 does not count: made one per call (two or more per search reply),
  // thousands piled up between full GCs and were freed in one turn of the event loop, holding it 100+ ms (issue 20).
  it('makes one formatter per time zone and face, not one per call', () => {
    const Real = Intl.DateTimeFormat;
    const made = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args) {
      return new Real(...args);
    });
    for (let minute = 0; minute < 100; minute++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, minute));
      calendarDay(at, 'America/Sao_Paulo');
      minutesOfDay(at, 'America/Sao_Paulo');
      startOfDay(at, 'America/Sao_Paulo');
    }
    // One for the day, one for minutes, one for the wall clock startOfDay reads the zone's offset on.
    expect(made).toHaveBeenCalledTimes(3);
    expect(calendarDay(new Date('2026-01-01T02:59:00Z'), 'America/Sao_Paulo')).toBe('2025-12-31');
    expect(calendarDay(new Date('2026-01-01T03:00:00Z'), 'America/Sao_Paulo')).toBe('2026-01-01');
    expect(made).toHaveBeenCalledTimes(3);
  });
});
