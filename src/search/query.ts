import { isQuestionWord, isStopWord } from './stopWords.js';
import type { Token, TokenKind, Tokenizer } from './tokenize.js';

/** A content word of the query, with the piece (space-separated or quoted) the reader typed it in. */
export interface QueryWord extends Token {
  readonly piece: number;
  /**
   * The reader typed this word as a Han run of its own (雪, or 岗 in "物业 岗"),
   * not a piece jieba cut out of a longer run (设 in 设的宏, which jieba could
   * not cut into words). Only such one-character words are looked for inside
   * other words: a fragment's lone characters would match most of the archive.
   */
  readonly whole: boolean;
}

/** A reader's query, reduced to what the index looks for. All text is folded. */
export interface ParsedQuery {
  /** Content words, deduplicated, in query order. Each is looked for on its own. */
  readonly words: readonly QueryWord[];
  /** Quoted phrases: an article must contain each one as written (spaces ignored). */
  readonly phrases: readonly string[];
  /**
   * Stretches the reader typed in one piece that jieba cut into several
   * content words (党员示范店 → 党员 + 示范店): an article holding the whole
   * stretch ranks higher than one with the words apart.
   */
  readonly runs: readonly string[];
}

/** Quote pairs a reader may type (straight, full-width, curly, corner). */
const QUOTED = /["＂]([^"＂]+)["＂]|“([^”]+)”|「([^」]+)」|『([^』]+)』/g;

/**
 * Parses a query: quoted phrases are kept whole; the rest is cut like an
 * article, minus question words, so "西宁今年发放了多少观影消费券？" is
 * looked for as 西宁 今年 发放 观影 消费 券, with 观影消费券 as a run.
 * A space the reader typed separates words ("消费券 电影" is two words,
 * never the stretch 消费券电影), although the fold drops spaces in articles.
 */
export function parseQuery(query: string, tokenizer: Tokenizer): ParsedQuery {
  const phrases: string[] = [];
  const pieces: string[] = [];
  let last = 0;
  for (const match of query.matchAll(QUOTED)) {
    pieces.push(...query.slice(last, match.index).split(/\s+/));
    last = match.index + match[0].length;
    const phrase = tokenizer.fold(match.slice(1, 5).find(Boolean) ?? '').trim();
    if (phrase === '') continue;
    phrases.push(phrase);
    // The phrase's words still rank the results: it is also one piece of the query.
    pieces.push(phrase);
  }
  pieces.push(...query.slice(last).split(/\s+/));

  const words: QueryWord[] = [];
  const runs: string[] = [];
  const addWord = (text: string, kind: TokenKind, piece: number, whole = true) => {
    if (!words.some((word) => word.text === text)) words.push({ text, kind, piece, whole });
  };
  const folded = pieces.map((piece) => tokenizer.fold(piece)).filter((piece) => piece.trim() !== '');
  folded.forEach((piece, index) => {
    for (const run of tokenizer.runs(piece)) {
      if (run.kind !== 'han') {
        addWord(run.text, run.kind, index);
        continue;
      }
      let stretch: string[] = [];
      const closeStretch = () => {
        if (stretch.length >= 2) runs.push(stretch.join(''));
        stretch = [];
      };
      for (const cut of tokenizer.cut(run.text)) {
        if (isStopWord(cut) || isQuestionWord(cut)) {
          closeStretch();
          continue;
        }
        addWord(cut, 'han', index, cut === run.text);
        stretch.push(cut);
      }
      closeStretch();
    }
  });
  return { words, phrases, runs: [...new Set(runs)] };
}
