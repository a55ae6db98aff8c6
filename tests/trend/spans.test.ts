import { describe, expect, it } from 'vitest';
import { addDays, adviseSpans } from '../../src/trend/index.js';

const before = (newest: string, ...back: number[]) => back.map((days) => addDays(newest, -days));

describe('adviseSpans', () => {
  it('names the usual spans that hold two reports and the latest 30 days that do', () => {
    // Reports 0, 100 and 110 days before 2025-12-31: /trend 30, 60 and 90 hold one.
    expect(adviseSpans(before('2025-12-31', 0, 100, 110))).toEqual({
      enough: [180, 365],
      suggestion: { days: 30, until: '2025-09-22', from: '2025-08-24', to: '2025-09-22', reports: 2 },
    });
  });

  it('suggests /trend 30 itself when the newest 30 days hold two reports', () => {
    expect(adviseSpans(before('2025-12-31', 0, 29, 200))).toEqual({
      enough: [30, 60, 90, 180, 365],
      suggestion: { days: 30, until: null, from: '2025-12-02', to: '2025-12-31', reports: 2 },
    });
  });

  it('falls back to the latest 365 days only when they hold two reports', () => {
    // The seeds: 2025-02-20 and 2025-10-15, 237 days apart.
    expect(adviseSpans(['2025-10-15', '2025-02-20', '2025-10-15'])).toEqual({
      enough: [365],
      suggestion: { days: 365, until: null, from: '2024-10-16', to: '2025-10-15', reports: 2 },
    });
    expect(adviseSpans(before('2025-12-31', 0, 400, 500))).toEqual({
      enough: [],
      suggestion: { days: 365, until: '2024-11-26', from: '2023-11-28', to: '2024-11-26', reports: 2 },
    });
  });

  it('has nothing to suggest when no two reports lie within a year', () => {
    expect(adviseSpans(before('2025-12-31', 0, 400))).toEqual({ enough: [], suggestion: null });
    expect(adviseSpans(['2025-12-31'])).toEqual({ enough: [], suggestion: null });
    expect(adviseSpans([])).toEqual({ enough: [], suggestion: null });
  });
});
