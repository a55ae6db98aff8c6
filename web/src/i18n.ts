/**
 * The page's words in Chinese and English, as the bot speaks them: Chinese by
 * default, English for readers whose Telegram is in English.
 */
import type { Edition } from '../../src/types.js';

export type Language = 'zh' | 'en';

const zh = {
  appTitle: '西宁晚报',
  paperName: '西宁晚报',
  tabPaper: '读报',
  tabSearch: '搜索',
  tabHotline: '热线',
  tabSettings: '设置',
  previousEdition: '上一期',
  nextEdition: '下一期',
  calendar: '往期',
  calendarTitle: '选择日期',
  nextPage: '下一版',
  previousPage: '上一版',
  pagesOfDay: '本期版面',
  unknownPage: '其他',
  estimated: '约',
  dateUnknown: '日期不详',
  byline: '记者',
  related: '相关报道',
  share: '分享',
  searchPlaceholder: '搜索报纸，例如 护学岗 2025年2月',
  searchButton: '搜索',
  sortRelevance: '按相关度',
  sortNewest: '最新优先',
  searchTotal: '共 {n} 篇',
  searchNone: '没有找到含有“{q}”的文章。',
  searchSpan: '只搜 {span} 的报纸',
  loadingMore: '加载中…',
  endOfResults: '没有更多了',
  hotlineTitle: '12345 热线',
  hotlineDays: '近 {n} 天',
  hotlineTap: '点图中的一天，看当天的日报',
  hotlineNone: '还没有 12345 热线日报。',
  reportTitle: '12345 热线日报 · {date}',
  calls: '来电诉求',
  messages: '网民留言',
  direct: '直接办理',
  transferred: '转交责任单位办理',
  callbacks: '回访',
  hotIssues: '热点问题',
  notReported: '未报告',
  unitCalls: '件次',
  unitItems: '件',
  comparedWith: '括号里是与 {date} 相比的变化',
  safetyTitle: '安全隐患举报 · {date}',
  safetyTotal: '受理举报',
  safetyTopics: '涉及',
  settingsTitle: '推送设置',
  summary: '热线日报推送',
  summaryOn: '开启',
  summaryTime: '推送时间（北京时间）',
  summaryDays: '推送频率',
  daily: '每天',
  weeklyOn: '每周（{day}）',
  keywords: '关注的关键词',
  keywordsNone: '还没有关注关键词。',
  keywordAdd: '关注',
  keywordPlaceholder: '输入一个词，例如 物业',
  keywordRemove: '取消关注 {word}',
  keywordsHint: '有新文章提到这些词时，机器人会提醒你（最多 {max} 个）。',
  saved: '已保存',
  loading: '加载中…',
  failed: '加载失败：{reason}',
  retry: '重试',
  openFromBot: '请在 Telegram 里从机器人打开读报（点 📰 按钮或菜单按钮）。',
  notFound: '没有找到：{reason}',
  close: '关闭',
  weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  monthTitle: '{year}年{month}月',
  weekdayShort: ['一', '二', '三', '四', '五', '六', '日'],
  kinds: { article: '', hotline: '热线日报', safety: '安全隐患' },
};

type Strings = typeof zh;

const en: Strings = {
  appTitle: 'Xining Evening News',
  paperName: 'Xining Evening News',
  tabPaper: 'Paper',
  tabSearch: 'Search',
  tabHotline: 'Hotline',
  tabSettings: 'Settings',
  previousEdition: 'Previous',
  nextEdition: 'Next',
  calendar: 'Archive',
  calendarTitle: 'Pick a day',
  nextPage: 'Next page',
  previousPage: 'Previous page',
  pagesOfDay: 'Pages of this edition',
  unknownPage: 'Other',
  estimated: 'about ',
  dateUnknown: 'date unknown',
  byline: 'By',
  related: 'Related',
  share: 'Share',
  searchPlaceholder: 'Search the paper, e.g. 护学岗 2025年2月',
  searchButton: 'Search',
  sortRelevance: 'Most relevant',
  sortNewest: 'Newest first',
  searchTotal: '{n} found',
  searchNone: 'Nothing found for “{q}”.',
  searchSpan: 'Editions of {span} only',
  loadingMore: 'Loading…',
  endOfResults: 'No more results',
  hotlineTitle: '12345 hotline',
  hotlineDays: 'Last {n} days',
  hotlineTap: 'Tap a day in the chart to read its report',
  hotlineNone: 'No 12345 hotline report yet.',
  reportTitle: '12345 hotline report · {date}',
  calls: 'Calls',
  messages: 'Web messages',
  direct: 'Handled directly',
  transferred: 'Passed to the responsible unit',
  callbacks: 'Callbacks',
  hotIssues: 'Hot issues',
  notReported: 'not reported',
  unitCalls: '',
  unitItems: '',
  comparedWith: 'Change against {date} in brackets',
  safetyTitle: 'Safety-hazard reports · {date}',
  safetyTotal: 'Reports received',
  safetyTopics: 'About',
  settingsTitle: 'Notifications',
  summary: 'Hotline summary',
  summaryOn: 'On',
  summaryTime: 'Time (Beijing time)',
  summaryDays: 'How often',
  daily: 'Every day',
  weeklyOn: 'Weekly ({day})',
  keywords: 'Followed words',
  keywordsNone: 'You follow no words yet.',
  keywordAdd: 'Follow',
  keywordPlaceholder: 'A word, e.g. 物业',
  keywordRemove: 'Unfollow {word}',
  keywordsHint: 'The bot alerts you when a new article mentions one of them (at most {max}).',
  saved: 'Saved',
  loading: 'Loading…',
  failed: 'Could not load: {reason}',
  retry: 'Try again',
  openFromBot: 'Open the reader from the bot in Telegram (the 📰 button or the menu button).',
  notFound: 'Not found: {reason}',
  close: 'Close',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  monthTitle: '{year}-{month}',
  weekdayShort: ['M', 'T', 'W', 'T', 'F', 'S', 'S'],
  kinds: { article: '', hotline: 'Hotline report', safety: 'Safety report' },
};

type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

export interface Words {
  readonly language: Language;
  readonly strings: Strings;
  /** A message with `{name}` filled in. */
  t(key: TextKey, vars?: Readonly<Record<string, string | number>>): string;
  /** "2025年11月4日" / "2025-11-04". */
  day(iso: string): string;
  /** "第3版", "A03版" / "page 3". */
  page(page: string): string;
  /** "西宁晚报 · 2025年11月4日 · 第3版": where an article was printed. */
  citation(edition: Edition): string;
}

/** Chinese unless the reader's Telegram is in English (as the bot decides). */
export function languageFor(code: string | null | undefined): Language {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function wordsFor(language: Language): Words {
  const strings = language === 'en' ? en : zh;
  const t: Words['t'] = (key, vars = {}) => strings[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole));
  const day = (iso: string) =>
    language === 'en' ? iso : `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  const page = (p: string) => (language === 'en' ? `page ${p}` : /^\d+$/.test(p) ? `第${p}版` : `${p}版`);
  return {
    language,
    strings,
    t,
    day,
    page,
    citation(edition) {
      const parts = [strings.paperName];
      parts.push(edition.date === null ? strings.dateUnknown : (edition.estimated ? strings.estimated : '') + day(edition.date));
      if (edition.page !== null) parts.push(page(edition.page));
      return parts.join(' · ');
    },
  };
}
