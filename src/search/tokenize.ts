import path from 'node:path';
import nodejieba from 'nodejieba';
import { USER_DICT_PATH } from '../paths.js';
import { createFolder, type Folder, type FoldedText } from './fold.js';
import { isStopWord } from './stopWords.js';

/**
 * The one tokenizer for articles and queries (the only module that imports
 * nodejieba). Text is folded first (fold.ts), then cut into runs: Han runs go
 * to jieba, digit runs and Latin runs are kept whole, everything else
 * (punctuation, symbols) is dropped. jieba alone would cut 12345 into single
 * digits and does not know 直播带货, hence the runs and the user dictionary.
 */

/** What a token is made of: decides how it is matched (engine.ts) and highlighted (snippet.ts). */
export type TokenKind = 'han' | 'number' | 'latin';

export interface Token {
  readonly text: string;
  readonly kind: TokenKind;
}

/** A jieba word with its part-of-speech tag (nr person, ns place, m number, x unknown …). */
export interface TaggedWord {
  readonly word: string;
  readonly tag: string;
}

export interface Tokenizer {
  readonly folder: Folder;
  /** jieba's words of `text` as written (not folded), each with its part-of-speech tag: for answering questions. */
  tag(text: string): TaggedWord[];
  /** Word tokens of `text` (folded, stop words dropped), in order, repeats kept: for BM25. */
  words(text: string): string[];
  /** Same as `words`, with each token's kind, from text that is already folded. */
  foldedTokens(folded: string): Token[];
  /** Runs of one kind in already folded text; punctuation and symbols between them dropped. */
  runs(folded: string): Token[];
  /** jieba's cut of one Han run, every piece kept (stop words too), so pieces concatenate back to the run. */
  cut(han: string): string[];
  /**
   * Han character bigrams of already folded text, each with where it starts
   * (UTF-16 offsets, ascending): the fallback field, and what tells without
   * reading the text whether an article holds a longer Han stretch.
   */
  grams(folded: string): Map<string, number[]>;
  /** Distinct Han characters of already folded text (those of one UTF-16 unit): for one-character query words. */
  chars(folded: string): Set<string>;
  fold(text: string): string;
  foldWithOffsets(text: string): FoldedText;
}

/**
 * Runs of one kind. Digits may carry a decimal point ("1.2"); Latin and
 * digits are split apart so that "10000PFLOPS" gives 10000 and pflops.
 */
const RUN = /(\p{Script=Han}+)|([0-9]+(?:\.[0-9]+)*)|(\p{Script=Latin}+)/gu;

/**
 * Each character bigram of the Han run `han`, with the offsets where it
 * starts (UTF-16 units, plus `base`: the run's offset in its text), added to
 * `into`. By character, not by unit: a character beyond the BMP (𠀋) is two
 * units, and half of one is no text.
 */
export function bigramOffsets(han: string, base = 0, into = new Map<string, number[]>()): Map<string, number[]> {
  const width = (at: number) => (han.codePointAt(at)! > 0xffff ? 2 : 1);
  for (let i = 0; i < han.length; ) {
    const next = i + width(i);
    if (next >= han.length) break;
    const gram = han.slice(i, next + width(next));
    const offsets = into.get(gram);
    if (offsets) offsets.push(base + i);
    else into.set(gram, [base + i]);
    i = next;
  }
  return into;
}

/** Is each BMP code unit a Han character (\p{Script=Han})? Built once: a table lookup is ~10 times a regex test per character. */
const HAN_UNITS = (() => {
  const table = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    if (/\p{Script=Han}/u.test(String.fromCharCode(unit))) table[unit] = 1;
  }
  return table;
})();
const HAN_CHAR = /^\p{Script=Han}$/u;

/**
 * Calls `visit(start, end)` for each run of Han characters in `text`
 * (UTF-16 offsets, end exclusive), the runs /\p{Script=Han}+/gu finds: what
 * an index builder walks for the bigram and character fields without a
 * regex match or a string per character.
 */
export function forEachHanRun(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    let width = 1;
    let han: boolean;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      width = 2;
      han = HAN_CHAR.test(text.slice(i, i + 2));
    } else {
      han = HAN_UNITS[unit] === 1;
    }
    if (han) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) visit(start, text.length);
}

/** Kept beside the user dictionary (src/search/, also when running from dist/). */
const JIEBA_IDF_STUB = path.join(path.dirname(USER_DICT_PATH), 'jieba-idf.utf8');
const JIEBA_STOP_STUB = path.join(path.dirname(USER_DICT_PATH), 'jieba-stop.utf8');

/** Options for {@link createTokenizer}. */
export interface TokenizerOptions {
  /** jieba user dictionary (one word a line, optional tag). Default: src/search/userdict.utf8. */
  readonly userDict?: string;
}

/**
 * nodejieba keeps its dictionaries in process-wide native state, so they are
 * loaded once per process, whatever the number of tokenizers.
 */
let loadedUserDict: string | null = null;

const JIEBA_RELEASE_DICT = path.join(path.dirname(USER_DICT_PATH), 'jieba-release.utf8');

/**
 * Puts a one-word dictionary in place of jieba's own, which frees it:
 * nodejieba frees its dictionaries (~250 MB) only when a load replaces them,
 * never when a worker thread that loaded them ends. A worker done with
 * jieba calls this just before it ends.
 */
export function releaseJieba(): void {
  if (loadedUserDict === null) return;
  // jieba's HMM model (0.5 MB) stays: nodejieba's default when none is named.
  nodejieba.load({ dict: JIEBA_RELEASE_DICT, userDict: JIEBA_RELEASE_DICT, idfDict: JIEBA_IDF_STUB, stopWordDict: JIEBA_STOP_STUB });
  loadedUserDict = null;
}

/** Creates a tokenizer (loads jieba's dictionaries on first use in the process). */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const userDict = options.userDict ?? USER_DICT_PATH;
  if (loadedUserDict === null) {
    // The idf and stop-word dictionaries serve only jieba's keyword extraction, which search does not
    // use: one-line stand-ins save ~170 ms and ~20 MB of the cold start (jieba's own load is ~1 s).
    nodejieba.load({ userDict, idfDict: JIEBA_IDF_STUB, stopWordDict: JIEBA_STOP_STUB });
    loadedUserDict = userDict;
  } else if (loadedUserDict !== userDict) {
    throw new Error(`jieba is already loaded with ${loadedUserDict}; one user dictionary per process`);
  }
  const folder = createFolder();

  const runs = (folded: string): Token[] => {
    const found: Token[] = [];
    for (const [, han, number, latin] of folded.matchAll(RUN)) {
      if (han !== undefined) found.push({ text: han, kind: 'han' });
      else if (number !== undefined) found.push({ text: number, kind: 'number' });
      else if (latin !== undefined) found.push({ text: latin, kind: 'latin' });
    }
    return found;
  };
  // HMM on: unknown names (姜晓东) come out as one word rather than three characters.
  const cut = (han: string): string[] => nodejieba.cut(han, true);

  const foldedTokens = (folded: string): Token[] => {
    const tokens: Token[] = [];
    for (const run of runs(folded)) {
      if (run.kind !== 'han') tokens.push(run);
      else for (const word of cut(run.text)) if (!isStopWord(word)) tokens.push({ text: word, kind: 'han' });
    }
    return tokens;
  };

  return {
    folder,
    fold: folder.fold,
    foldWithOffsets: folder.foldWithOffsets,
    foldedTokens,
    runs,
    cut,
    tag: (text) => nodejieba.tag(text),
    words: (text) => foldedTokens(folder.fold(text)).map((token) => token.text),
    grams(folded) {
      const grams = new Map<string, number[]>();
      for (const { 0: han, index } of folded.matchAll(/\p{Script=Han}{2,}/gu)) bigramOffsets(han, index, grams);
      return grams;
    },
    chars(folded) {
      const chars = new Set<string>();
      for (const [char] of folded.matchAll(/\p{Script=Han}/gu)) if (char.length === 1) chars.add(char);
      return chars;
    },
  };
}
