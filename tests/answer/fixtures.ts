import type { ReportSet } from '../../src/answer/index.js';
import type { HotlineReport, SafetyReport } from '../../src/types.js';

/** A hotline report with the numbers given; the channels add up to `messages`. */
export function hotline(date: string, calls: number, hot: [string, number][], extra: Partial<HotlineReport> = {}): HotlineReport {
  return {
    date,
    calls,
    messages: 40,
    channels: { 西宁12345微信公众号: 35, 人民网: 3, 青海12345政务服务网: 2 },
    direct: calls - 400,
    transferred: 400,
    callbacks: 200,
    hot: hot.map(([topic, count]) => ({ topic, count })),
    source: `page-${date}.txt`,
    ...extra,
  };
}

export function safety(date: string, total: number, sources: Record<string, number>, topics: string[]): SafetyReport {
  return { date, total, sources, topics, source: `page-${date}.txt` };
}

/**
 * Five days of reports: 10-10 … 10-13 and 10-15 (no report of 10-14), a
 * safety report on 10-13 and 10-15. Numbers chosen so that sums, maxima and
 * differences are each distinct.
 */
export function reportSet(): ReportSet {
  const days: HotlineReport[] = [
    hotline('2025-10-10', 1100, [['消费维权', 70], ['物业管理', 60], ['劳动纠纷', 40]]),
    hotline('2025-10-11', 1050, [['物业管理', 66], ['消费维权', 61], ['供暖问题', 30]]),
    hotline('2025-10-12', 980, [['消费维权', 58], ['劳动纠纷', 41], ['交通出行', 33]]),
    hotline('2025-10-13', 1302, [['供暖问题', 90], ['物业管理', 71], ['消费维权', 55]], { callbacks: null }),
    hotline('2025-10-15', 1215, [['物业管理', 64], ['消费维权', 58], ['劳动纠纷', 49]], {
      messages: 73,
      channels: { 西宁12345微信公众号: 65, 西宁市政府网: 2, 码上减负: 1, 青海12345政务服务网: 3, 人民网: 2 },
      direct: 739,
      transferred: 476,
      callbacks: 310,
    }),
  ];
  const safetyDays = [
    safety('2025-10-13', 40, { '12345政务服务便民热线': 30, 西宁市消防救援支队: 10 }, ['小区物业', '消防安全']),
    safety('2025-10-15', 65, { '12345政务服务便民热线': 48, 西宁市消防救援支队: 17 }, ['小区物业', '消防安全', '市政道路']),
  ];
  return {
    hotline: days,
    safety: safetyDays,
    items: [
      ...days.map((d) => ({ id: `h${d.date!.slice(5).replace('-', '')}`, kind: 'hotline' as const, title: '西宁市党建引领“有诉必应马上办”机制创新工作日报', date: d.date, source: d.source })),
      ...safetyDays.map((d) => ({ id: `s${d.date!.slice(5).replace('-', '')}`, kind: 'safety' as const, title: '西宁市安全隐患举报受理情况日报', date: d.date, source: d.source })),
    ],
  };
}
