/**
 * Words a reader frames a search with that name no topic:
 * - 最近, 最新, 近期 ask for the latest (西宁最近有什么新闻), as do 明天, 下周;
 * - 帮我找一下, 我想看, 查一下 opening what they typed ask the bot to search;
 * - 关于, 有关 before the topic, 相关 after it, 跟 … 有关 around it mark it
 *   (关于禁毒的新闻, 禁毒相关报道);
 * - 新闻, 报道, 消息, 报纸 ending what they typed name news itself (近期西宁的
 *   新闻: every article is news).
 * None is looked for in the articles, where they would have to be held
 * (DESIGN: every result holds the words): asking for the latest lists the
 * matches newest first, and a query of such words alone lists the newest
 * articles. Whole jieba words only: 新闻发布会, 查毒驾 and 相关政策 keep their
 * words, and 最近7天 is a time span (timeSpan.ts).
 */
import type { TaggedWord } from './tokenize.js';

/** A query with its framing words taken out. */
export interface FramedQuery {
  /** What is left to search for, as typed when nothing was taken out ('' when only framing words were). */
  readonly text: string;
  /** The reader asked for the latest, or typed framing words alone: list newest first. */
  readonly newest: boolean;
}

/**
 * Words (or runs of jieba words) asking for the latest, wherever they stand; with them the days
 * to come (明天有什么活动): the paper prints what is announced for them in its newest editions.
 */
const LATEST = new Set([
  ...['最近', '最新', '近期', '近来', '近况', '这几天', '这两天', '这些天', '这段时间', '近段时间', '这阵子', '最新消息', '最新动态', '最新进展', '新进展', '新动态', '新消息'],
  // The latest issue (最近一期报纸): its articles come first when the newest are.
  ...['最近一期', '最新一期', '最近的一期', '最新的一期', '最近这期', '这一期', '这期', '本期'],
  ...['明天', '明日', '后天', '下周', '下星期', '下个月', '下月', '明年', '即将'],
]);
/** Words naming news itself: taken out when they end a piece (with particles after them). */
const NEWS = new Set(['新闻', '报道', '新闻报道', '消息', '资讯', '动态', '文章', '新鲜事', '报纸']);
/** Does the jieba word name news itself (新闻, 报道)? A question asking for such things asks for the articles. */
export const namesNews = (word: string): boolean => NEWS.has(word);
/** Particles that may stand between the words and the end (近期西宁的新闻呢). */
const PARTICLES = new Set(['的', '了', '呢', '吗', '啊', '呀', '吧', '哦']);
/** Lengths of the runs of jieba words a LATEST entry may be cut into (这|段时间), longest first. */
const RUN_LENGTHS = [3, 2, 1];
/** A number after 最近 makes a span (最近7天, 近三个月): not a request for the latest. */
const NUMBER = /^[\d一二两三四五六七八九十]/u;
/**
 * Words opening a piece that ask the bot to search (请帮我找一下, 给我看看, 我想了解, 查一下, 搜索):
 * a verb of looking, with someone asked or wanting it before it, or 一下/看看 after it. A bare
 * one-character verb stays a word (查毒驾, 看电影) unless it is the whole piece (搜 禁毒).
 */
const ASKING_TO_SEARCH =
  /^(?:请|麻烦(?:你|您)?)?(?:你|您)?(?:帮我|给我|帮忙|替我|我想|我要|想|要)?(?:找找|查查|搜搜|看看|找|查|搜|看|搜索|查找|查询|检索|了解|知道)(?:一下|看看|看)?$/u;
/** Words before a topic marking it as one (关于禁毒); 跟, 和, 与 only with 有关 or 相关 after it (跟物业有关). */
const TOPIC_BEFORE = new Set(['关于', '有关', '对于']);
const TOPIC_WITH = new Set(['跟', '和', '与', '同']);
const TOPIC_AFTER = new Set(['相关', '有关']);

/**
 * The query less its framing words. `fold` folds a piece as the index does
 * (Traditional 新聞 is 新闻); `tag` cuts it into jieba words. A piece that
 * keeps every word is kept as typed.
 */
export function frameQuery(query: string, fold: (text: string) => string, tag: (text: string) => readonly TaggedWord[]): FramedQuery {
  const pieces = query
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .map((typed) => framePiece(typed, fold, tag));
  if (pieces.every((piece) => !piece.changed)) return { text: query.trim(), newest: false };
  const text = pieces.map((piece) => piece.text).filter(Boolean).join(' ');
  return { text, newest: text === '' || pieces.some((piece) => piece.latest) };
}

/** One piece of a query (what was typed between spaces) less its framing words; `changed`: some were taken out. */
function framePiece(typed: string, fold: (text: string) => string, tag: (text: string) => readonly TaggedWord[]): { text: string; latest: boolean; changed: boolean } {
  const folded = fold(typed);
  const words = tag(folded).map(({ word }) => word);
  // A cut that does not give the piece back is left alone.
  if (words.join('') !== folded) return { text: typed, latest: false, changed: false };
  const withoutLatestWords = withoutLatest(words);
  const latest = withoutLatestWords.length < words.length;
  const kept = withoutTopicMarks(withoutAsking(withoutLatestWords), latest);
  const changed = kept.length < words.length;
  return { text: changed ? kept.join('') : typed, latest, changed };
}

/** The words less the runs of them that ask for the latest (a run of up to three words), but for one a number follows. */
function withoutLatest(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; ) {
    const run = RUN_LENGTHS.find((length) => i + length <= words.length && LATEST.has(words.slice(i, i + length).join('')));
    if (run !== undefined && !NUMBER.test(words[i + run] ?? '')) {
      i += run;
      continue;
    }
    kept.push(words[i]!);
    i++;
  }
  return kept;
}

/** The words less those opening them that ask the bot to search (the most words that do). */
function withoutAsking(words: readonly string[]): readonly string[] {
  for (let count = words.length; count > 0; count--) {
    const opening = words.slice(0, count).join('');
    if (ASKING_TO_SEARCH.test(opening) && (opening.length > 1 || count === words.length)) return words.slice(count);
  }
  return words;
}

/**
 * The words less the marks around the topic: 关于 opening them; then, from
 * the end, news words, 相关/有关 and particles (particles only with one of the
 * others, or after a word asking for the latest: 的 alone, or 西宁的, is
 * searched as typed), and 跟 opening them when 有关 or 相关 ended them.
 */
function withoutTopicMarks(words: readonly string[], latest: boolean): string[] {
  let start = TOPIC_BEFORE.has(words[0] ?? '') && words.length > 1 ? 1 : 0;
  let end = words.length;
  let marked = false;
  let related = false;
  while (end > start && (PARTICLES.has(words[end - 1]!) || NEWS.has(words[end - 1]!) || TOPIC_AFTER.has(words[end - 1]!))) {
    end--;
    if (!PARTICLES.has(words[end]!)) marked = true;
    if (TOPIC_AFTER.has(words[end]!)) related = true;
  }
  if (!marked && !latest) end = words.length;
  if (related && TOPIC_WITH.has(words[start] ?? '')) start++;
  return words.slice(start, end);
}
