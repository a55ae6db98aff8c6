/**
 * Words a reader frames a search with that name no topic: 最近, 最新, 近期
 * ask for the latest (西宁最近有什么新闻), and 新闻, 报道, 消息 ending what
 * they typed name news itself (近期西宁的新闻: every article is news).
 * Neither is looked for in the articles, where they would have to be held
 * (DESIGN: every result holds the words): asking for the latest lists the
 * matches newest first, and a query of such words alone lists the newest
 * articles. Whole jieba words only: 新闻发布会 and 动态监测 keep their words,
 * and 最近7天 is a time span (timeSpan.ts).
 */
import type { TaggedWord } from './tokenize.js';

/** A query with its framing words taken out. */
export interface FramedQuery {
  /** What is left to search for, as typed when nothing was taken out ('' when only framing words were). */
  readonly text: string;
  /** The reader asked for the latest, or typed framing words alone: list newest first. */
  readonly newest: boolean;
}

/** Words (or runs of jieba words) asking for the latest, wherever they stand. */
const LATEST = new Set(['最近', '最新', '近期', '近来', '近况', '这几天', '这两天', '这些天', '这段时间', '近段时间', '这阵子', '最新消息', '最新动态', '最新进展', '新进展', '新动态', '新消息']);
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
  const kept = withoutLatest(words);
  const latest = kept.length < words.length;
  // Particles go with framing words only (的 alone, or 西宁的, is searched as typed).
  let end = kept.length;
  let news = false;
  while (end > 0 && (PARTICLES.has(kept[end - 1]!) || NEWS.has(kept[end - 1]!))) {
    end--;
    if (NEWS.has(kept[end]!)) news = true;
  }
  if (news || latest) kept.length = end;
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
