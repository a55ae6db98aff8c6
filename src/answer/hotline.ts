/**
 * Answers questions about the numbers of the daily 12345 hotline and
 * safety-hazard reports from the stored reports: a metric (calls, messages,
 * a channel, direct, transferred, callbacks, a hot issue, safety totals,
 * sources, topics) for a day, a span, or the newest report, and comparisons
 * (against the report before, the day with the most). Never a number of one
 * day given as another's: a day without a report gets the nearest days that
 * have one.
 */
import type { HotlineReport, SafetyReport } from '../types.js';
import { daysBetween, type DateSpec, parseDateSpec } from './dates.js';
import { ASKS_PHONE } from './question.js';
import type { Answer, AnswerSource, ReportSet } from './types.js';

/** What a hotline question asks for. */
export type Metric =
  | { readonly kind: 'calls' | 'messages' | 'callbacks' | 'summary' | 'topChannel' }
  /** `share`: the question asks what part of the whole it is (占多少, 比例). */
  | { readonly kind: 'direct' | 'transferred'; readonly share?: boolean }
  | { readonly kind: 'channel'; readonly needle: string; readonly share?: boolean }
  | { readonly kind: 'hot'; readonly needle: string | null; readonly rank?: number; readonly askedPlace?: boolean }
  | { readonly kind: 'safety' | 'safetyTopics' }
  /** `name`: the body's full name in a report (what a report without it is said to lack). */
  | { readonly kind: 'safetySource'; readonly needle: string; readonly name: string };

/** How the numbers are to be compared, if at all. */
type Comparison = 'previous' | 'most' | 'least' | null;

/** Words naming the 12345 hotline itself (synonyms are folded to these by the caller's list too). */
const HOTLINE = /12345|热线|有诉必应/;
const SAFETY = /安全隐患|隐患|举报/;
/**
 * What people complain about, asked (大家都在投诉什么, 市民反映最多的是哪些): the hot issues,
 * the report's list, without naming the hotline. 什么时候 asks a time, not a topic.
 */
const COMPLAINED_WHAT = /(?:投诉|反映)(?:了|的|得)?(?:最多的)?(?:是|些)?(?:什么|哪些|啥)(?!时候|时间)/;
/** The most complained of, asked of the hotline (热线投诉最多的): its hot issues too. */
const COMPLAINED_MOST = /(?:投诉|诉求|反映)(?:了|的|得)?最多/;
/** Metric words that only the hotline report uses: they make a question a hotline one without naming it. */
const SPECIFIC = new RegExp(`来电|留言|回访|直接办理|转交|转办|热点问题|热点|(?:多少|几)个?电话|电话(?:量|最多|最少)|${COMPLAINED_WHAT.source}`);
/** A request for the day's figures without a named metric ("昨天热线", "热线日报情况"). */
const OVERVIEW = /情况|数据|日报|怎么样|如何|概况|统计/;
const ASKS = /多少|几|吗|什么|哪|谁|怎么|为何|为什么|是否/;
/** A count asked of the hotline as a whole (热线一共多少件): the day's figures, none named. */
const COUNT_ALL = /(?:一共|总共|共|合计)(?:有|接了|收到)?(?:多少|几)|(?:多少|几)(?:件|起|宗|单)/;
/** What part of the whole a number is (微信留言占多少, 直接办理的比例). */
const SHARE = /占多少|占比|比例|比重|百分之几|百分比|几成|占了?(?:多大|几)/;
/** Which channel the most messages came by (留言最多的渠道, 哪个平台留言最多). */
const TOP_CHANNEL = /(?:渠道|平台|途径|哪个|哪里|哪儿).*留言最多|留言最多的(?:是)?(?:渠道|平台|途径|哪个)|留言.*(?:哪个|什么)(?:渠道|平台|途径)(?:最多|多)/;
/** A topic's count asked for: 物业管理多少件, 排第几, 供暖投诉多吗 (多不多). */
const COUNTED = /多少|几件|几个|排第几|第几位|排名|多吗|多不多/;

const PREVIOUS = /比(?:前一天|前一日|昨天|前天|上一期|前一期|上期|上一天)|较(?:前一天|前一日|昨天|上一期|前一期|上期)|[和与跟](?:前一天|前一日|上一期|前一期|上期|上一天)(?:相?比|比较|对比)|环比|相比|(?:多|少)了多少|增加了多少|减少了多少|增长|变化/;
const WHICH_DAY = /哪天|哪一天|哪日|哪一日|哪个日子|什么时候|哪一期/;

/** Leading place and hotline names, dropped to get a channel's or receiver's distinctive core. */
const PREFIX = /^(?:青海省|青海|西宁市|西宁|12345)+/;

function coreOf(name: string): string {
  const core = name.replace(PREFIX, '');
  return core === '' ? name : core;
}

/** The ways a reader may name a channel: its name, its core, and the core without 公众号 (微信). */
function channelNeedles(name: string): string[] {
  const core = coreOf(name);
  const needles = [name, core];
  if (core.endsWith('公众号') && core.length > 3) needles.push(core.slice(0, -3), '公众号');
  return needles.filter((needle) => needle.length >= 2);
}

/** A receiving body of safety reports: its name, its core, the core's first four characters or its digits. */
function sourceNeedles(name: string): string[] {
  const core = coreOf(name);
  const needles = [name, core];
  const digits = /^\d{3,}/.exec(name);
  if (digits) needles.push(digits[0]);
  // Readers shorten a body's name to its head and its kind: 消防救援支队 → 消防支队, 应急管理局 → 应急局.
  if (/^\p{Script=Han}{5,}/u.test(core)) needles.push(core.slice(0, 4), core.slice(0, 2) + core.slice(-2), core.slice(0, 2) + core.slice(-1));
  // And to its head alone (消防那边接了多少): the caller takes topics out first (消防安全 is a topic).
  if (/^\p{Script=Han}{4,}/u.test(core)) needles.push(core.slice(0, 2));
  return needles.filter((needle) => needle.length >= 2);
}

function findNeedle(text: string, names: Iterable<string>, needles: (name: string) => string[]): string | null {
  return findNamed(text, names, needles)?.needle ?? null;
}

/** The longest way of naming one of `names` that `text` holds, and the name. */
function findNamed(text: string, names: Iterable<string>, needles: (name: string) => string[]): { needle: string; name: string } | null {
  let best: { needle: string; name: string } | null = null;
  for (const name of names) {
    for (const needle of needles(name)) if (text.includes(needle) && needle.length > (best?.needle.length ?? 0)) best = { needle, name };
  }
  return best;
}

/** A hot topic named in the question: the whole topic, or its first two characters (物业 → 物业管理). */
function topicNeedle(text: string, topics: Iterable<string>): string | null {
  let best: string | null = null;
  for (const topic of topics) {
    const needle = text.includes(topic) ? topic : topic.length > 2 && text.includes(topic.slice(0, 2)) ? topic.slice(0, 2) : null;
    if (needle && needle.length > (best?.length ?? 0)) best = needle;
  }
  return best;
}

const RANKS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** The place asked for among the hot issues (排第二, 第2位, 第三多), or null. */
function rankAsked(text: string): number | null {
  const match = /第([一二两三四五\d])(?:位|名|多|大)?/u.exec(text);
  if (!match || /第[一二两三四五\d][天期日]/u.test(text)) return null;
  return RANKS[match[1]!] ?? Number(match[1]);
}

/** The metric a question asks about, or null when it is not a question about report numbers. */
export function classifyMetric(text: string, reports: ReportSet): Metric | null {
  // 热线电话是多少 asks the number to call: no figure of a report answers it.
  if (ASKS_PHONE.test(text)) return null;
  if (SAFETY.test(text)) {
    const sources = new Set(reports.safety.flatMap((report) => Object.keys(report.sources)));
    const topics = [...new Set(reports.safety.flatMap((report) => report.topics))];
    // A topic named (消防安全) is no receiving body (消防救援支队), though they share a head.
    const named = findNamed(topics.reduce((rest, topic) => rest.split(topic).join(' '), text), sources, sourceNeedles);
    if (named) return { kind: 'safetySource', ...named };
    if (/涉及|哪些问题|什么问题|哪方面|哪些方面|反映|类型|内容/.test(text)) return { kind: 'safetyTopics' };
    return { kind: 'safety' };
  }
  const topics = new Set(reports.hotline.flatMap((report) => report.hot.map((issue) => issue.topic)));
  // A hot topic named whole and counted (物业管理多少件) is about the report even without naming the hotline.
  // A hot topic named (物业管理, or its head with 投诉/问题: 供暖投诉) and counted is about the report
  // even without naming the hotline.
  const named = (topic: string) => text.includes(topic) || (topic.length > 2 && new RegExp(`${topic.slice(0, 2)}(?:的)?(?:投诉|问题|诉求)`, 'u').test(text));
  const namedTopic = [...topics].some(named) && (COUNTED.test(text) || comparisonOf(text) !== null);
  const hotline = HOTLINE.test(text) || SPECIFIC.test(text) || namedTopic;
  if (!hotline) return null;
  const channels = new Set(reports.hotline.flatMap((report) => Object.keys(report.channels)));
  const share = SHARE.test(text);
  const channel = findNeedle(text.replace(/12345(?:政务服务便民)?热线|市民热线/g, ''), channels, channelNeedles);
  if (channel) return { kind: 'channel', needle: channel, share };
  if (TOP_CHANNEL.test(text)) return { kind: 'topChannel' };
  const topic = topicNeedle(text, topics);
  if (topic) return /第几|排名|排在|排几/.test(text) ? { kind: 'hot', needle: topic, askedPlace: true } : { kind: 'hot', needle: topic };
  const rank = rankAsked(text);
  if (rank !== null && /热点|问题|投诉|诉求/.test(text)) return { kind: 'hot', needle: null, rank };
  if (/热点|最多的问题|反映最多|集中反映/.test(text) || COMPLAINED_MOST.test(text) || COMPLAINED_WHAT.test(text)) return { kind: 'hot', needle: null };
  if (text.includes('回访')) return { kind: 'callbacks' };
  if (/直接办理|直接办|直办/.test(text)) return { kind: 'direct', share };
  if (/转交|转办/.test(text)) return { kind: 'transferred', share };
  if (text.includes('留言')) return { kind: 'messages' };
  // 多少人打12345: calling the hotline is a call.
  if (/来电|电话|诉求|接听|接了|通话|打(?:进|来|了|过)?(?:12345|热线)/.test(text)) return { kind: 'calls' };
  if (!ASKS.test(text) || OVERVIEW.test(text) || COUNT_ALL.test(text)) return { kind: 'summary' };
  return null;
}

/** The value of a scalar metric in one report (null: the report lacks it or the metric is not scalar there). */
interface Reading {
  readonly value: number | null;
  /** Name of what was counted, as the report says it ("来电诉求", "西宁12345微信公众号留言"). */
  readonly label: string;
  readonly unit: string;
}

function readHotline(report: HotlineReport, metric: Metric): Reading | null {
  switch (metric.kind) {
    case 'calls':
      return { value: report.calls, label: '来电诉求', unit: '件次' };
    case 'messages':
      return { value: report.messages, label: '网民留言', unit: '件' };
    case 'direct':
      return { value: report.direct, label: '直接办理', unit: '件' };
    case 'transferred':
      return { value: report.transferred, label: '转交责任单位办理', unit: '件' };
    case 'callbacks':
      return { value: report.callbacks, label: '回访', unit: '件' };
    case 'channel': {
      const name = Object.keys(report.channels).find((channel) => channelNeedles(channel).includes(metric.needle));
      return name ? { value: report.channels[name]!, label: `${name}留言`, unit: '件' } : { value: null, label: `${metric.needle}留言`, unit: '件' };
    }
    case 'hot': {
      if (metric.needle === null) return null;
      const issue = report.hot.find((hot) => hot.topic.includes(metric.needle!));
      return issue ? { value: issue.count, label: `热点问题“${issue.topic}”`, unit: '件' } : { value: null, label: `热点问题“${metric.needle}”`, unit: '件' };
    }
    default:
      return null;
  }
}

function readSafety(report: SafetyReport, metric: Metric): Reading | null {
  if (metric.kind === 'safety') return { value: report.total, label: '安全隐患举报', unit: '件' };
  if (metric.kind === 'safetySource') {
    const name = Object.keys(report.sources).find((source) => sourceNeedles(source).includes(metric.needle));
    return name ? { value: report.sources[name]!, label: `${name}接收的安全隐患举报`, unit: '件' } : { value: null, label: `${metric.name}接收的安全隐患举报`, unit: '件' };
  }
  return null;
}

const isSafety = (metric: Metric) => metric.kind === 'safety' || metric.kind === 'safetySource' || metric.kind === 'safetyTopics';

/** One dated report of the kind the metric reads. */
interface Dated {
  readonly date: string;
  readonly hotline?: HotlineReport;
  readonly safety?: SafetyReport;
  readonly source: string;
}

function datedReports(reports: ReportSet, metric: Metric): Dated[] {
  const list: Dated[] = isSafety(metric)
    ? reports.safety.filter((r) => r.date !== null).map((safety) => ({ date: safety.date!, safety, source: safety.source }))
    : reports.hotline.filter((r) => r.date !== null).map((hotline) => ({ date: hotline.date!, hotline, source: hotline.source }));
  // One report a day: the first stored wins (a page printed twice carries the same numbers).
  const byDate = new Map<string, Dated>();
  for (const item of list) if (!byDate.has(item.date)) byDate.set(item.date, item);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function read(dated: Dated, metric: Metric): Reading | null {
  return dated.safety ? readSafety(dated.safety, metric) : dated.hotline ? readHotline(dated.hotline, metric) : null;
}

function sourceOf(dated: Dated, metric: Metric, reports: ReportSet): AnswerSource {
  const kind = isSafety(metric) ? 'safety' : 'hotline';
  const item = reports.items.find((it) => it.kind === kind && it.date === dated.date && it.source === dated.source) ??
    reports.items.find((it) => it.kind === kind && it.date === dated.date);
  return item ? { id: item.id, title: item.title, date: item.date } : { id: '', title: kind === 'safety' ? '安全隐患举报受理情况日报' : '12345热线日报', date: dated.date };
}

const amount = (reading: Reading) => `${reading.value}${reading.unit}`;

/** "2025-10-15：12345热线来电诉求1215件次" and the highlight; a missing number is said to be missing. */
function dayStatement(dated: Dated, metric: Metric): { text: string; highlight: string } {
  const date = dated.date;
  if (metric.kind === 'summary' && dated.hotline) {
    const r = dated.hotline;
    const parts = [
      r.calls !== null ? `来电诉求${r.calls}件次` : null,
      r.messages !== null ? `网民留言${r.messages}件` : null,
      r.direct !== null ? `直接办理${r.direct}件` : null,
      r.transferred !== null ? `转交责任单位办理${r.transferred}件` : null,
      r.callbacks !== null ? `回访${r.callbacks}件` : null,
    ].filter((part): part is string => part !== null);
    const highlight = parts.join('，');
    return { text: `${date}，12345热线${highlight}。`, highlight };
  }
  if (metric.kind === 'hot' && dated.hotline) {
    const hot = dated.hotline.hot;
    const list = hot.map((issue, i) => `${i + 1}.${issue.topic}${issue.count}件`).join('，');
    if (metric.needle === null && metric.rank !== undefined) {
      const issue = hot[metric.rank - 1];
      if (!issue) return { text: `${date}的12345热线日报只列出${hot.length}个热点问题（${list || '未列出热点问题'}）。`, highlight: '' };
      const highlight = `${issue.topic}${issue.count}件`;
      return { text: `${date}，12345热线热点问题第${metric.rank}位：${highlight}。`, highlight };
    }
    if (metric.needle === null) {
      return hot.length > 0
        ? { text: `${date}，12345热线热点问题：${list}。`, highlight: list }
        : { text: `${date}的12345热线日报没有列出热点问题。`, highlight: '' };
    }
    const rank = hot.findIndex((issue) => issue.topic.includes(metric.needle!));
    if (rank >= 0) {
      const issue = hot[rank]!;
      const highlight = `${issue.count}件`;
      // 排第几: the place is the answer; otherwise the count.
      const place = `第${rank + 1}位`;
      return { text: `${date}，12345热线热点问题${place}：${issue.topic}${highlight}。`, highlight: metric.askedPlace ? place : highlight };
    }
    return { text: `${date}的12345热线热点问题中没有“${metric.needle}”（${list || '未列出热点问题'}）。`, highlight: '' };
  }
  if (metric.kind === 'topChannel' && dated.hotline) {
    const channels = Object.entries(dated.hotline.channels).sort(([, a], [, b]) => b - a);
    const most = channels[0]?.[1];
    if (most === undefined) return { text: `${date}的12345热线日报没有列出留言渠道。`, highlight: '' };
    const highlight = `${channels.filter(([, count]) => count === most).map(([name]) => name).join('、')}${most}件`;
    const of = dated.hotline.messages !== null ? `（网民留言共${dated.hotline.messages}件）` : '';
    return { text: `${date}，12345热线留言最多的渠道：${highlight}${of}。`, highlight };
  }
  if (metric.kind === 'safetyTopics' && dated.safety) {
    const topics = dated.safety.topics.join('、');
    return topics
      ? { text: `${date}的安全隐患举报涉及${topics}等问题。`, highlight: topics }
      : { text: `${date}的安全隐患举报日报没有列出涉及的问题。`, highlight: '' };
  }
  const reading = read(dated, metric);
  const prefix = dated.safety ? '' : '12345热线';
  if (reading?.value == null) {
    return { text: `${date}的${dated.safety ? '安全隐患举报' : '12345热线'}日报没有报告${reading?.label ?? '这个数'}。`, highlight: '' };
  }
  const highlight = amount(reading);
  const whole = dated.hotline ? wholeOf(dated.hotline, metric) : null;
  if (whole) {
    const share = `${((reading.value / whole.value) * 100).toFixed(1)}%`;
    return { text: `${date}，${prefix}${reading.label}${highlight}，占${whole.label}${amount(whole)}的${share}。`, highlight: share };
  }
  return { text: `${date}，${prefix}${reading.label}${highlight}。`, highlight };
}

/**
 * The whole a share asked for is of: a channel's messages of all web messages;
 * handled directly or transferred of the calls (the report splits its calls
 * into the two). Null when no share is asked or the report lacks the whole.
 */
function wholeOf(report: HotlineReport, metric: Metric): (Reading & { value: number }) | null {
  if (!('share' in metric) || metric.share !== true) return null;
  const whole = metric.kind === 'channel' ? readHotline(report, { kind: 'messages' }) : readHotline(report, { kind: 'calls' });
  return whole?.value ? { ...whole, value: whole.value } : null;
}

/** The day's figures beside the report before's (和上一期比怎么样): each with its change. */
function compareSummary(dated: readonly Dated[], current: Dated, reports: ReportSet): Answer {
  const metric: Metric = { kind: 'summary' };
  const source = sourceOf(current, metric, reports);
  const index = dated.indexOf(current);
  const previous = index > 0 ? dated[index - 1]! : undefined;
  if (!previous) return { kind: 'hotline', text: `${current.date}之前没有日报可比。${dayStatement(current, metric).text}`, highlight: '', source };
  const kinds = ['calls', 'messages', 'direct', 'transferred', 'callbacks'] as const;
  const parts = kinds.flatMap((kind) => {
    const now = read(current, { kind });
    const before = read(previous, { kind });
    if (now?.value == null || before?.value == null) return [];
    return [`${now.label}${amount(now)}（${changeOf(now.value - before.value, now.unit)}）`];
  });
  const highlight = parts.join('，');
  return { kind: 'hotline', text: `${current.date}与${previousName(previous, current)}（${previous.date}）相比：${highlight}。`, highlight, source };
}

/** A change in words: 多223件次, 少87件次, 持平. */
const changeOf = (diff: number, unit: string) => (diff > 0 ? `多${diff}${unit}` : diff < 0 ? `少${-diff}${unit}` : '持平');

/** The report before, named: 前一天 when it is the day before, else 前一期 (the days between had none). */
const previousName = (previous: Dated, current: Dated) => (daysBetween(previous.date, current.date) === 1 ? '前一天' : '前一期');

/** The days with a report nearest to `date`: the one before and the one after, when there are. */
function nearest(dated: readonly Dated[], date: string): Dated[] {
  const before = [...dated].reverse().find((d) => d.date < date);
  const after = dated.find((d) => d.date > date);
  return [before, after].filter((d): d is Dated => d !== undefined);
}

/** Does the question ask for a comparison, and which? */
function comparisonOf(text: string): Comparison {
  if (WHICH_DAY.test(text) && /最多|最高|最大/.test(text)) return 'most';
  if (WHICH_DAY.test(text) && /最少|最低|最小/.test(text)) return 'least';
  if (PREVIOUS.test(text)) return 'previous';
  return null;
}

function compareWithPrevious(dated: readonly Dated[], current: Dated, metric: Metric, reports: ReportSet): Answer | null {
  const now = read(current, metric);
  if (!now) return null;
  const index = dated.indexOf(current);
  const previous = index > 0 ? dated[index - 1]! : undefined;
  const source = sourceOf(current, metric, reports);
  if (!previous) {
    return { kind: 'hotline', text: `${current.date}之前没有日报可比。${dayStatement(current, metric).text}`, highlight: '', source };
  }
  const before = read(previous, metric);
  if (now.value === null || before?.value == null) {
    const missing = now.value === null ? current.date : previous.date;
    return { kind: 'hotline', text: `${missing}的日报没有报告${now.label}，无法比较。`, highlight: '', source };
  }
  const change = changeOf(now.value - before.value, now.unit);
  const text = `${current.date}${now.label}${amount(now)}，比${previousName(previous, current)}（${previous.date}）的${amount(before)}${change}。`;
  return { kind: 'hotline', text, highlight: change, source };
}

/**
 * Two days' numbers side by side (2月20日和10月15日哪天来电多, 10月15日比2月20日多多少):
 * the later one against the earlier; `which`: asked which day has more (or fewer), that
 * day is the highlight, else the change.
 */
function compareDays(dated: readonly Dated[], pair: readonly string[], metric: Metric, which: 'more' | 'fewer' | null, reports: ReportSet): Answer {
  const [earlierDate, laterDate] = [...pair].sort();
  const earlier = dated.find((d) => d.date === earlierDate);
  const later = dated.find((d) => d.date === laterDate);
  const kind = isSafety(metric) ? '安全隐患举报' : '12345热线';
  const missing = [earlierDate!, laterDate!].filter((date) => !dated.some((d) => d.date === date));
  if (!earlier || !later) {
    const near = missing.flatMap((date) => nearest(dated, date));
    const names = [...new Set(near.map((d) => d.date))].sort().join('、');
    return { kind: 'hotline', text: `没有${missing.join('、')}的${kind}日报；有日报的最近日期：${names}。`, highlight: names, source: sourceOf(near.at(-1) ?? dated.at(-1)!, metric, reports) };
  }
  const source = sourceOf(later, metric, reports);
  const now = read(later, metric);
  const before = read(earlier, metric);
  if (now?.value == null || before?.value == null) {
    const without = now?.value == null ? later.date : earlier.date;
    return { kind: 'hotline', text: `${without}的${kind}日报没有报告${(now ?? before)?.label ?? '这个数'}，无法比较。`, highlight: '', source };
  }
  const diff = now.value - before.value;
  const change = changeOf(diff, now.unit);
  const text = `${later.date}${now.label}${amount(now)}，比${earlier.date}的${amount(before)}${change}。`;
  const day = which === null || diff === 0 ? null : (diff > 0) === (which === 'more') ? later : earlier;
  return { kind: 'hotline', text, highlight: day ? `${day.date}：${amount(day === later ? now : before)}` : change, source };
}

function extremeDay(inSpan: readonly Dated[], metric: Metric, most: boolean, label: string, reports: ReportSet): Answer | null {
  const readings = inSpan
    .map((dated) => ({ dated, reading: read(dated, metric) }))
    .filter((x): x is { dated: Dated; reading: Reading & { value: number } } => x.reading !== null && x.reading.value !== null);
  if (readings.length === 0) return null;
  const best = readings.reduce((a, b) => ((most ? b.reading.value > a.reading.value : b.reading.value < a.reading.value) ? b : a));
  const ties = readings.filter((x) => x.reading.value === best.reading.value).map((x) => x.dated.date);
  const word = most ? '最多' : '最少';
  const days = ties.join('、');
  const text = `${label}有日报的${readings.length}天中，${best.reading.label}${word}的是${days}：${amount(best.reading)}。`;
  return { kind: 'hotline', text, highlight: `${days}：${amount(best.reading)}`, source: sourceOf(best.dated, metric, reports) };
}

function spanAnswer(inSpan: readonly Dated[], metric: Metric, label: string, reports: ReportSet): Answer {
  const last = inSpan[inSpan.length - 1]!;
  const source = sourceOf(last, metric, reports);
  const scalar = inSpan.map((dated) => ({ dated, reading: read(dated, metric) }));
  if (scalar.every((x) => x.reading !== null)) {
    const known = scalar.filter((x) => x.reading!.value !== null);
    const unit = scalar[0]!.reading!.unit;
    const name = metric.kind === 'hot' ? scalar.find((x) => x.reading!.value !== null)?.reading!.label ?? scalar[0]!.reading!.label : scalar[0]!.reading!.label;
    const daily = scalar.map((x) => `${x.dated.date.slice(5)} ${x.reading!.value ?? (metric.kind === 'hot' ? '未上榜' : '未报告')}`).join('，');
    const total = known.reduce((sum, x) => sum + x.reading!.value!, 0);
    const highlight = `共${total}${unit}`;
    const missing = scalar.length - known.length;
    const note = missing > 0 ? `（${missing}天${metric.kind === 'hot' ? '未上榜' : '未报告'}，不计入）` : '';
    return { kind: 'hotline', text: `${label}有日报的${inSpan.length}天，${name}${highlight}${note}：${daily}。`, highlight, source };
  }
  // Lists (hot issues, safety topics, the overview): one line per day.
  const daily = inSpan.map((dated) => dayStatement(dated, metric).highlight || '未报告');
  const text = `${label}有日报的${inSpan.length}天：${inSpan.map((d, i) => `${d.date.slice(5)} ${daily[i]}`).join('；')}。`;
  return { kind: 'hotline', text, highlight: '', source };
}

function spanLabel(spec: Extract<DateSpec, { kind: 'span' }>): string {
  return spec.label.includes(spec.from) ? spec.label : `${spec.label}（${spec.from}至${spec.to}）`;
}

/** The days with a hotline report: they place a month or a day typed without a year (10月 → the October that has them). */
export function reportDays(reports: Pick<ReportSet, 'hotline'>): Set<string> {
  return new Set(reports.hotline.map((r) => r.date).filter((d): d is string => d !== null));
}

/**
 * Answers a question about report numbers, or returns null when the question
 * is not one (then the caller tries the articles). `today` is the reader's
 * calendar day, for 昨天, 上周三, 最近7天.
 */
export function answerHotline(question: string, reports: ReportSet, today: string): Answer | null {
  const days = reportDays(reports);
  const first = parseDateSpec(question, today, days);
  // 2月20日和10月15日哪天来电多: a second day named is compared with the first.
  const second = first.spec.kind === 'day' ? parseDateSpec(first.rest, today, days) : null;
  const pair = first.spec.kind === 'day' && second?.spec.kind === 'day' ? [first.spec.date, second.spec.date] : null;
  const { spec } = first;
  const rest = pair && second ? second.rest : first.rest;
  const metric = classifyMetric(rest, reports);
  if (!metric) return null;
  const dated = datedReports(reports, metric);
  if (dated.length === 0) return null;
  const comparison = comparisonOf(rest);
  // A comparison needs a number: "哪天最多" of hot issues without a topic compares nothing.
  const comparable = metric.kind !== 'summary' && metric.kind !== 'safetyTopics' && !(metric.kind === 'hot' && metric.needle === null);
  if (pair && comparable) return compareDays(dated, pair, metric, WHICH_DAY.test(rest) ? (/少|低|小/.test(rest) ? 'fewer' : 'more') : null, reports);

  if (spec.kind === 'span' || (comparison === 'most' || comparison === 'least')) {
    const inSpan = spec.kind === 'span' ? dated.filter((d) => d.date >= spec.from && d.date <= spec.to) : dated;
    const label = spec.kind === 'span' ? spanLabel(spec) : '';
    if (inSpan.length === 0) {
      const edges = spec.kind === 'span' ? [...nearest(dated, spec.from), ...nearest(dated, spec.to)] : [];
      const names = [...new Set(edges.map((d) => d.date))].sort();
      const near = names.length > 0 ? `；有日报的最近日期：${names.join('、')}` : '';
      const closest = edges[edges.length - 1] ?? dated[dated.length - 1]!;
      return { kind: 'hotline', text: `${label}没有${isSafety(metric) ? '安全隐患举报' : '12345热线'}日报${near}。`, highlight: names.join('、'), source: sourceOf(closest, metric, reports) };
    }
    if ((comparison === 'most' || comparison === 'least') && comparable) return extremeDay(inSpan, metric, comparison === 'most', label, reports);
    if (spec.kind === 'span') return spanAnswer(inSpan, metric, label, reports);
  }

  const current = spec.kind === 'day' ? dated.find((d) => d.date === spec.date) : dated[dated.length - 1];
  if (!current) {
    const date = (spec as { date: string }).date;
    const near = nearest(dated, date);
    const names = near.map((d) => d.date).join('、');
    const text = `没有${date}的${isSafety(metric) ? '安全隐患举报' : '12345热线'}日报；有日报的最近日期：${names}。`;
    // The source is the nearest report after the asked day when there is one (its button opens it), else the one before.
    return { kind: 'hotline', text, highlight: names, source: sourceOf(near[near.length - 1]!, metric, reports) };
  }
  if (comparison === 'previous' && metric.kind === 'summary') return compareSummary(dated, current, reports);
  if (comparison === 'previous' && comparable) return compareWithPrevious(dated, current, metric, reports);
  const { text, highlight } = dayStatement(current, metric);
  return { kind: 'hotline', text, highlight, source: sourceOf(current, metric, reports) };
}
