import { readFileSync } from 'node:fs';
import { SYNONYMS_PATH } from '../paths.js';

/**
 * The paper's names for one thing (12345热线 = 市民热线 = 12345政务服务便民热线)
 * and readers' words for the paper's terms (外卖小哥 -> 外卖配送员), from a
 * checked-in list (synonyms.txt). A query is searched as written and as each
 * variant with one name swapped for another, and the results merged: an
 * article using any of the names is found, without the engine knowing.
 */
export interface Synonyms {
  /** The query as written, then up to `max` variants with one listed name replaced by another. */
  variants(query: string, max?: number): string[];
  /** The other names `term` may be written as (empty when it is not listed). */
  alternatives(term: string): string[];
  /** The listed names found in `text`, longest first, each occurrence once (no overlaps). */
  find(text: string): string[];
}

/** Variants looked at by default: each runs a search of its own. */
const MAX_VARIANTS = 6;

/**
 * Parses the list: "A = B = C" (all equal) and "A -> B, C" (A also finds B
 * and C); '#' starts a comment. Throws naming the line for anything else.
 */
export function parseSynonyms(text: string, file = 'synonyms.txt'): Synonyms {
  const others = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    const list = others.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    others.set(from, list);
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const fold = (name: string) => name.trim().normalize('NFKC').toLowerCase();
    if (line.includes('->')) {
      const [from, to, ...extra] = line.split('->');
      const targets = (to ?? '').split(/[,，]/).map(fold).filter(Boolean);
      if (extra.length > 0 || !from?.trim() || targets.length === 0) throw new Error(`${file}:${i + 1}: expected "A -> B, C"`);
      for (const target of targets) link(fold(from), target);
      return;
    }
    const names = line.split('=').map(fold).filter(Boolean);
    if (names.length < 2) throw new Error(`${file}:${i + 1}: expected "A = B" or "A -> B"`);
    for (const a of names) for (const b of names) link(a, b);
  });
  const names = [...others.keys()].sort((a, b) => b.length - a.length);

  const occurrences = (folded: string): { name: string; index: number }[] => {
    const found: { name: string; index: number }[] = [];
    const taken = new Array<boolean>(folded.length).fill(false);
    for (const name of names) {
      for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + 1)) {
        if (taken.slice(at, at + name.length).some(Boolean)) continue;
        taken.fill(true, at, at + name.length);
        found.push({ name, index: at });
      }
    }
    return found.sort((a, b) => a.index - b.index);
  };

  return {
    variants(query, max = MAX_VARIANTS) {
      const folded = query.normalize('NFKC').toLowerCase();
      const result = [query];
      for (const { name, index } of occurrences(folded)) {
        for (const other of others.get(name) ?? []) {
          if (result.length > max) return result;
          result.push(folded.slice(0, index) + other + folded.slice(index + name.length));
        }
      }
      return result;
    },
    alternatives: (term) => others.get(term.normalize('NFKC').toLowerCase()) ?? [],
    find: (text) => [...new Set(occurrences(text.normalize('NFKC').toLowerCase()).map((o) => o.name))],
  };
}

/** Reads the project's list (src/search/synonyms.txt unless `file` is given). */
export function readSynonyms(file = SYNONYMS_PATH): Synonyms {
  return parseSynonyms(readFileSync(file, 'utf8'), file);
}

/** No synonyms at all: every query as written. */
export const NO_SYNONYMS: Synonyms = parseSynonyms('');
