import type { Article, HotlineReport, SafetyReport } from '../../src/types.js';

const base = { kind: 'article', kicker: null, subtitle: null, reporters: [], source: '003_7f32786b762ade4c.txt' } as const;

/** The article the greeting's example finds. */
export const GUARD: Article = {
  ...base,
  id: 'a1a1a1a1a1a1',
  title: '护学岗守护上学路',
  kicker: '每月一地：',
  subtitle: '——记城西区护学岗志愿者',
  reporters: ['张三', '李四'],
  date: '2025-02-20',
  edition: { date: '2025-02-21', page: '3', estimated: false },
  body: '每天清晨，护学岗的志愿者准时出现在校门口。\n他们说：“孩子安全最重要。”',
};

/** Seven heating articles, two pages of results: the paging set. */
export const HEATING: Article[] = Array.from({ length: 7 }, (_, i) => ({
  ...base,
  id: `b0000000000${i}`,
  title: `供暖问题第${i + 1}篇`,
  date: `2025-02-1${i}`,
  // Printed in ingestion order except the fourth, a day later than the rest: newest first puts it on top.
  edition: { date: i === 3 ? '2025-02-19' : `2025-02-1${i}`, page: '2', estimated: false },
  source: '001_872cb544f540cd4a.txt',
  body: `今冬供暖保障第${i + 1}条消息。`,
}));

/** Article text full of HTML's special characters. */
export const TRICKY: Article = {
  ...base,
  id: 'c1c1c1c1c1c1',
  title: '<测试> “A&B”',
  date: null,
  edition: { date: null, page: null, estimated: false },
  body: '标签<b>不该</b>生效 & 测试 <script>',
};

/** 950 characters, one paragraph: six of them make an article longer than a message. */
const paragraph = (n: number): string => `第${n}段。` + '长'.repeat(946);

export const LONG: Article = {
  ...base,
  id: 'd1d1d1d1d1d1',
  title: '长篇报道',
  date: '2025-02-18',
  edition: { date: '2025-11-17', page: null, estimated: true },
  body: [1, 2, 3, 4, 5, 6].map(paragraph).join('\n'),
};

export const HOTLINE_19: HotlineReport = {
  date: '2025-02-19',
  calls: 1180,
  messages: 90,
  channels: { 人民网: 30, 微信: 60 },
  direct: 900,
  transferred: 370,
  callbacks: 500,
  hot: [
    { topic: '物业管理', count: 40 },
    { topic: '供暖', count: 35 },
  ],
  source: '000_2ee3cd2109b16abc.txt',
};

export const HOTLINE_20: HotlineReport = {
  date: '2025-02-20',
  calls: 1215,
  messages: 86,
  channels: { 人民网: 32, 微信: 54 },
  direct: 900,
  transferred: 401,
  callbacks: null,
  hot: [
    { topic: '供暖', count: 50 },
    { topic: '物业管理', count: 38 },
    { topic: '噪音扰民', count: 12 },
  ],
  source: '002_8fb7ca939356080b.txt',
};

export const SAFETY_20: SafetyReport = {
  date: '2025-02-20',
  total: 12,
  sources: { '12345热线': 9, 市应急管理局: 3 },
  topics: ['小区物业', '消防安全'],
  source: '002_8fb7ca939356080b.txt',
};

export const ALL_ARTICLES: Article[] = [GUARD, ...HEATING, TRICKY, LONG];
