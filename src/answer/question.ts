/**
 * What a reader's question asks, apart from what it is about. 多少/几 ask for
 * a count, 多高/多大 for a measure, 多久 for a length of time, 谁 for a person
 * or a body, 哪里 for a place, 什么时候/哪天 for a date, 哪些 for a short
 * list, 什么/哪个 for a thing, 怎么/如何 for a way, 吗/是不是 for a yes or a
 * no. The rest, less the words that only hold a spoken question together (那个,
 * 一共, 现在, 能, 了, 呢, 叫什么名字 …), is what the question is about: the
 * words searched for. Written here: no npm package reads Chinese questions
 * offline; the rules are general (no word of any page), each with an example.
 */
import type { Tagged } from './types.js';

/** What a question asks for. */
export type Asked = 'count' | 'measure' | 'duration' | 'person' | 'place' | 'phone' | 'time' | 'list' | 'what' | 'how' | 'yesno';

/** A reader's question, read. */
export interface Question {
  readonly asked: Asked;
  /** For a count, the counting word it names (所 in 多少所学校; 元 when it asks for money), else null. */
  readonly unit: string | null;
  /** The thing asked after (学校 in 哪些学校, 线索 in 多少项目线索, 代表 in 代表有哪些), or null. */
  readonly noun: string | null;
  /** What the question is about: its words less what is asked and less scaffolding, as the reader wrote them. */
  readonly about: string;
  /** The words that ask (多少所, 多高, 哪些). */
  readonly asking: string;
  /** A word standing right before a number asked for (前 in 前多少名, 达 in 达到多少), or null. */
  readonly lead: string | null;
}

/** Counting words a number may carry, longest first so 万元 wins over 元. */
export const UNITS = [
  '万人次', '人次', '件次', '家次', '万千瓦时', '千瓦时', '万千瓦', '千瓦', '兆瓦', '平方公里', '平方米', '公里', '千米', '公斤', '千克',
  '万元', '亿元', '元', '万人', '万户', '万吨', '万亩', '所', '个', '名', '人', '位', '家', '户', '件', '次', '项', '辆', '台', '场',
  '条', '篇', '座', '栋', '处', '套', '支', '种', '类', '批', '米', '亩', '吨', '天', '年', '小时', '分钟', '岁', '届', '期',
  '部', '款', '份', '张', '本', '册', '棵', '株', '间', '层', '倍', '%', '枚', '只', '头', '起', '轮', '组', '队',
  '首', '幅', '集', '单', '笔', '宗', '块', '片', '个月', '周', '秒', '度', '盏', '所',
].filter((unit, i, all) => all.indexOf(unit) === i).sort((a, b) => b.length - a.length);

/** Words asking for money. */
const MONEY = /多少钱|钱|资金|金额|经费|费用|投资|补贴|奖励|奖金|价格|多少元|收入|增收|收益|营收|产值|销售额|票房|花费|花了|成本|签约额/u;

/** Asking for a number to call: 电话是多少, 号码是多少, 打什么电话, 电话号码, 联系方式. */
export const ASKS_PHONE = /电话(?:号码)?是(?:多少|什么|啥)|号码(?:是)?(?:多少|什么|啥)|打(?:什么|哪个|啥|哪)个?电话|(?:什么|哪个|啥)电话|电话号码|联系方式|联系电话(?:是)?(?:多少)?/u;

/**
 * The ways of asking, in the order they are looked for: a longer or more
 * particular way before a shorter one (什么时候 before 什么, 多久 before 多少,
 * 哪些 before 哪个). Each pattern matches the words that do the asking, which
 * are then taken out of what the question is about.
 */
const WAYS: readonly { readonly asked: Asked; readonly pattern: RegExp }[] = [
  // Before count: 热线电话是多少 asks the number to call, not how many calls (热线电话多少 without 是 stays a count).
  { asked: 'phone', pattern: ASKS_PHONE },
  { asked: 'time', pattern: /什么时候|什么时间|啥时候|何时|哪天|哪一天|哪日|几月几[日号]|几号|哪年|哪一年|哪个月|多会儿|几点|什么日子/u },
  { asked: 'duration', pattern: /多久|多长时间|多少天|多少年|多少个月|多少小时|多少分钟|几天|几年|几个月|几个小时|几小时|几分钟|几周/u },
  { asked: 'measure', pattern: /(?:有)?多(?:高|大|长|重|远|深|宽|快|少度)(?![\p{Script=Han}])|(?:有)?多(?:高|大|长|重|远|深|宽)(?=[的?？吗呢啊]|$)/u },
  { asked: 'count', pattern: /多少钱|多少|几(?!乎)/u },
  { asked: 'person', pattern: /谁|哪位|哪个人|什么人|何人|叫什么名字|姓什么|是哪个单位|哪个单位|哪个部门|哪家单位/u },
  { asked: 'place', pattern: /哪里|哪儿|在哪|去哪|什么地方|何地|何处|哪个地方|哪座城市|哪个城市|哪个省|哪个市|哪个区|哪个县|哪个镇|哪个村|哪个街道|哪个社区|什么位置/u },
  { asked: 'list', pattern: /有哪些|哪些|哪几(?:个|家|所|项|种|位|条|类)|有什么(?=[?？]*$)|都有什么|包括什么|有啥(?=[?？]*$)/u },
  { asked: 'how', pattern: /怎么样|怎么|怎样|如何/u },
  { asked: 'what', pattern: /是什么|什么|啥|哪个|哪家|哪项|哪种|哪一(?:个|家|项|种)?/u },
  // 忙不忙, 方便不方便: a word, 不, the word again.
  // 多吗 (供暖投诉多吗): asks whether there are many; 多 is no word of the topic.
  { asked: 'yesno', pattern: /是不是|是否|有没有|有无|能不能|会不会|了没有|了没|[多少]吗(?=[?？!！。]*$)|吗(?=[?？!！。]*$)|没有(?=[?？]*$)|(?<either>\p{Script=Han}{1,2})不\k<either>/u },
];

/**
 * Words that hold a spoken question together and say nothing of its topic:
 * they need not be in an article. Whole jieba words only (能 in 能源 stays).
 */
const SCAFFOLDING = new Set([
  '请问', '问', '问一下', '想', '想问', '想知道', '知道', '告诉', '告诉我', '你', '您', '我', '我们', '大家', '一下', '下',
  '那个', '这个', '那些', '这些', '那', '这', '那么', '这么', '一共', '总共', '总计', '共计', '合计', '共', '现在', '目前',
  '如今', '当时', '到底', '究竟', '大概', '大约', '大致', '左右', '差不多', '能', '能够', '可以', '会', '要', '应该', '还', '又',
  '都', '就', '也', '才', '是', '有', '在', '了', '呢', '吗', '呀', '啊', '吧', '嘛', '哦', '的', '地', '得', '过', '着',
  '名字', '叫', '新闻', '报道', '消息', '文章', '相关', '关于', '情况', '具体', '说', '讲', '提到', '里', '中',
]);
/** jieba tags of particles and interjections (u 的/了, y 吗/呢, e 啊, o onomatopoeia). */
export const PARTICLE_TAGS = /^(?:u[a-z]*|y|e|o)$/u;

/**
 * Reads a question; null when the text asks nothing (no way of asking and no
 * question mark). `tag` is jieba's cut with part-of-speech tags.
 */
export function readQuestion(question: string, tag: (text: string) => readonly Tagged[]): Question | null {
  // 那几个网络主播, 这个活动: pointing words, not a question (那几个 asks no count). 这几天, 这段时间: 最近, which
  // the search reads as asking for the latest (search/framing.ts), not a length of time asked for or a 这 to drop.
  const text = question
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/这(?:几天|两天|些天|段时间|阵子)|近段时间/gu, '最近')
    .replace(/[那这](?:几|一)?[个位家些项所次条]/gu, '');
  const squeezed = text.replace(/\s+/g, '');
  const way = WAYS.map((w) => ({ ...w, match: w.pattern.exec(squeezed) })).find((w) => w.match !== null);
  if (!way?.match) return /[?？]$/u.test(squeezed) ? { asked: 'what', unit: null, noun: null, about: aboutOf(text, [], tag), asking: '', lead: null } : null;
  const asking = [...squeezed.matchAll(new RegExp(WAYS.map((w) => w.pattern.source).join('|'), 'gu'))].map((m) => m[0]);
  let after = squeezed.slice(way.match.index + way.match[0].length);
  const before = squeezed.slice(0, way.match.index);
  let unit: string | null = null;
  if (way.asked === 'count') {
    unit = countUnit(after, squeezed, tag);
    if (unit !== null && unit !== '元' && after.startsWith(unit)) {
      const at = asking.indexOf(way.match[0]);
      asking.splice(at < 0 ? asking.length : at, at < 0 ? 0 : 1, way.match[0] + unit);
      after = after.slice(unit.length);
    }
  }
  const noun = nounAsked(way.asked, after, before, tag);
  const lead = /(前|后|共|达|超过|超|约|近|增加|减少|提升至|提高到|降至|下降)$/u.exec(before)?.[1] ?? null;
  return { asked: way.asked, unit, noun, about: aboutOf(text, asking, tag), asking: asking.join(''), lead };
}

/**
 * The counting word of a 多少/几 question: the word right after it when jieba
 * cuts it as a word of its own (多少所学校; not 项 in 多少项目), or 元 for money.
 */
function countUnit(after: string, text: string, tag: (text: string) => readonly Tagged[]): string | null {
  if (MONEY.test(text)) return '元';
  const next = tag(after)[0]?.word ?? '';
  return UNITS.find((unit) => next === unit) ?? null;
}

/**
 * The thing asked after: the first noun right after the asking words (哪些学校,
 * 多少项目线索 → 线索, the last of a run of nouns), or, when they end the
 * question (代表有哪些), the last noun before them.
 */
function nounAsked(asked: Asked, after: string, before: string, tag: (text: string) => readonly Tagged[]): string | null {
  if (asked !== 'count' && asked !== 'list' && asked !== 'what') return null;
  const isNoun = (t: Tagged) => t.tag.startsWith("n") && !SCAFFOLDING.has(t.word);
  const following = tag(after);
  let end = 0;
  while (end < following.length && isNoun(following[end]!)) end++;
  if (end > 0) return following[end - 1]!.word;
  const preceding = tag(before).filter((t) => !PARTICLE_TAGS.test(t.tag) && !SCAFFOLDING.has(t.word));
  const last = preceding.at(-1);
  return last && isNoun(last) ? last.word : null;
}

/**
 * The question's words less the asking and the scaffolding, in the reader's
 * order, run together: one stretch, so that an article is judged on all of it
 * (two pieces would let an article holding one of them through).
 */
function aboutOf(text: string, asking: readonly string[], tag: (text: string) => readonly Tagged[]): string {
  let rest = text;
  for (const words of asking) rest = rest.replace(words, ' ');
  return rest
    .split(/[\s?？!！,，.。;；:：、]+/u)
    .map((piece) =>
      tag(piece)
        .filter((t) => !PARTICLE_TAGS.test(t.tag) && !SCAFFOLDING.has(t.word))
        // jieba glues a particle to a verb it does not know (评了): the verb is the word.
        .map((t) => (t.tag === 'x' && t.word.length > 1 ? t.word.replace(/[了过着的]$/u, '') : t.word))
        .join(''),
    )
    .join('');
}
