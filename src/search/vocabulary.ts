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
  /** Per word, the sizes of the sense groups it is in, and the groups' members. */
  const groupsOf = new Map<string, (readonly string[])[]>();
  /** Two-character words by their last character (茶: 红茶 花茶 …). */
  const byHead = new Map<string, Set<string>>();
  const addHead = (word: string) => {
    if (word.length === 2) byHead.set(word[1]!, (byHead.get(word[1]!) ?? new Set()).add(word));
  };
  text.split(/\r?\n/u).forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`${file}:${i + 1}: expected "sense<TAB>words"`);
    const words = line.slice(tab + 1).split(' ').filter(Boolean);
    for (const word of words) addHead(word);
    if (line.slice(0, tab) === '-') return;
    for (const word of words) {
      const list = groupsOf.get(word) ?? [];
      list.push(words);
      groupsOf.set(word, list);
    }
  });

  /** Words sharing a sense with `word`: the more senses shared, and the narrower they are, the closer. */
  const sameSense = (word: string): string[] => {
    const closeness = new Map<string, number>();
    for (const group of groupsOf.get(word) ?? []) {
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
    for (const other of byHead.get(char) ?? []) {
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

/** Reads the project's list (src/search/vocabulary.txt unless `file` is given). */
export function readVocabulary(file = VOCABULARY_PATH): Vocabulary {
  return parseVocabulary(readFileSync(file, 'utf8'), file);
}

/** No readers' words: a word no article holds stays as it is. */
export const NO_VOCABULARY: Vocabulary = parseVocabulary('');
