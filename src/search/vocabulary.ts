import { readFileSync } from 'node:fs';
import { VOCABULARY_PATH } from '../paths.js';

/**
 * Readers' words and the paper's (issue 19): for a word no article holds, the
 * words that may stand in for it. From vocabulary.txt, made from CC-CEDICT
 * (bench/cedictVocabulary.ts): words given the same English sense stand in
 * for each other (打车 → 网约车, "taxi"; 供暖 → 供热, "heating"). For a word of
 * two characters with no such word, the dictionary's words sharing its last
 * character (奶茶 → 红茶); for a longer one, its
 * trailing part (摘草莓 → 草莓). Which of them the paper prints is
 * for the index to say (`known`).
 */
export interface Vocabulary {
  /** Words that may stand in for `word`, the closest first, at most `max`, each one the paper prints. */
  standIns(word: string, paper: PaperCounts, max: number): string[];
}

/** What the paper prints, as the index counts it. */
export interface PaperCounts {
  /** Articles holding the word as a word (0: the paper does not print it); cheap, asked for many words. */
  word(text: string): number;
  /** Does the paper print the text anywhere (also where its words were cut otherwise: 消费券 in 消费/券)? */
  holds(text: string): boolean;
  /** Articles holding the character. */
  char(text: string): number;
  /** Articles in all. */
  readonly docs: number;
}

/**
 * A character shared with a paper word stands for something only when at
 * most this share of the paper holds it: 茶 and 暖 tell a topic, 市 (城市,
 * 全市) is in nearly every article, so 股市 is not read as 城市.
 */
const TELLING_CHAR = 0.25;

/** Reads vocabulary.txt's lines: "sense<TAB>word word …"; the line "-" lists words sharing no sense. */
export function parseVocabulary(text: string, file = 'vocabulary.txt'): Vocabulary {
  const table = readTable(text, file);
  /** Words sharing a sense with `word`: the more senses shared, and the narrower they are, the closer. */
  const sameSense = (word: string): string[] => {
    const closeness = new Map<string, number>();
    for (const group of table.groupsOf(word)) {
      for (const other of group) if (other !== word) closeness.set(other, (closeness.get(other) ?? 0) + 1 / group.length);
    }
    return [...closeness].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([other]) => other);
  };

  /**
   * Two-character words ending in `word`'s last character, when it is a
   * telling one, the paper's most used first. The head of a Chinese compound
   * comes last: 红茶 is a 茶 as 奶茶 is; 股份 is no 股市.
   */
  const sharers = (word: string, paper: PaperCounts): string[] => {
    const counted: { word: string; df: number }[] = [];
    const char = word[1]!;
    if (paper.char(char) > TELLING_CHAR * paper.docs) return [];
    for (const other of table.endingIn(char)) {
      if (other === word) continue;
      const df = paper.word(other);
      if (df > 0) counted.push({ word: other, df });
    }
    return counted.sort((a, b) => b.df - a.df || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)).map((c) => c.word);
  };

  /**
   * The longest trailing part of `word` (two characters or more) that the
   * paper prints: a Chinese compound's head comes last (摘草莓 → 草莓, 足球联赛 →
   * 联赛); its leading part is another thing (世界杯 is no 世界).
   */
  const head = (word: string, paper: PaperCounts): string[] => {
    for (let length = word.length - 1; length >= 2; length--) {
      const piece = word.slice(word.length - length);
      if (paper.word(piece) > 0) return [piece];
    }
    return [];
  };

  return {
    standIns(word, paper, max) {
      const same = sameSense(word).filter((other) => paper.holds(other));
      if (same.length > 0) return same.slice(0, max);
      return (word.length === 2 ? sharers(word, paper) : head(word, paper)).slice(0, max);
    },
  };
}

/** The list read into a few flat arrays. */
interface VocabularyTable {
  /** The sense groups holding `word`, in the list's order, each its words in order. */
  groupsOf(word: string): string[][];
  /** Two-character words ending in `char` (茶: 红茶 花茶 …), each once. */
  endingIn(char: string): string[];
}

/**
 * Reads the lines into numbered words and flat arrays of numbers, not an
 * array per word: the list's 80,000 words as arrays and sets were 196,000
 * objects (18 MB, half of a serving process's heap), marked by every full
 * garbage collection: its pause at a million articles went from 20 to 6 ms.
 */
function readTable(text: string, file: string): VocabularyTable {
  const { numbers, words, groupWords, wordGroups, endings, endingAt } = flatTable(text, file);
  const named = (ns: Uint32Array) => Array.from(ns, (n) => words[n]!);
  return {
    groupsOf(word) {
      const n = numbers.get(word);
      return n === undefined ? [] : Array.from(wordGroups.of(n), (group) => named(groupWords.of(group)));
    },
    endingIn(char) {
      const i = endingAt.get(char);
      return i === undefined ? [] : named(endings.of(i));
    },
  };
}

/** The arrays of readTable (a function of its own: the lists it reads them from are left behind, not kept by its closures). */
function flatTable(text: string, file: string) {
  const numbers = new Map<string, number>();
  const words: string[] = [];
  const numberOf = (word: string): number => {
    let n = numbers.get(word);
    if (n === undefined) {
      n = words.push(word) - 1;
      numbers.set(word, n);
    }
    return n;
  };
  /** Each group's words (by number); each word's groups, in order; two-character words by last character. */
  const groups: number[][] = [];
  const groupsOfWord: number[][] = [];
  const byLast = new Map<string, Set<number>>();
  text.split(/\r?\n/u).forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`${file}:${i + 1}: expected "sense<TAB>words"`);
    const members = line.slice(tab + 1).split(' ').filter(Boolean).map(numberOf);
    for (const n of members) if (words[n]!.length === 2) byLast.set(words[n]![1]!, (byLast.get(words[n]![1]!) ?? new Set()).add(n));
    if (line.slice(0, tab) === '-') return;
    for (const n of members) (groupsOfWord[n] ??= []).push(groups.length);
    groups.push(members);
  });
  const lastChars = [...byLast.keys()];
  return {
    numbers,
    words,
    groupWords: flatten(groups),
    wordGroups: flatten(words.map((_word, n) => groupsOfWord[n] ?? [])),
    endings: flatten(lastChars.map((char) => [...byLast.get(char)!])),
    endingAt: new Map(lastChars.map((char, i) => [char, i])),
  };
}

/** Lists of numbers as one array and where each starts. */
function flatten(lists: readonly (readonly number[])[]): { of(i: number): Uint32Array } {
  const starts = new Uint32Array(lists.length + 1);
  lists.forEach((list, i) => (starts[i + 1] = starts[i]! + list.length));
  const values = Uint32Array.from(lists.flat());
  return { of: (i) => values.subarray(starts[i], starts[i + 1]) };
}

/** Reads the project's list (src/search/vocabulary.txt unless `file` is given). */
export function readVocabulary(file = VOCABULARY_PATH): Vocabulary {
  return parseVocabulary(readFileSync(file, 'utf8'), file);
}

/** No readers' words: a word no article holds stays as it is. */
export const NO_VOCABULARY: Vocabulary = parseVocabulary('');
