/**
 * One hot-issue topic under one name: the paper calls the same topic 物业服务 on one
 * day and 物业管理 on another, and a trend that counted them apart would split its
 * days between two bars. The list (src/search/hotTopics.txt, kept beside the search
 * synonyms) says which names are one topic and which of them to show.
 */
import { readFileSync } from 'node:fs';
import { HOT_TOPICS_PATH } from '../paths.js';

/** The topic list: which name a printed hot-issue name is shown under. */
export interface HotTopics {
  /** The name `printed` is shown under: the first name of its line, or `printed` itself (trimmed, NFKC) when it is not listed. */
  shownName(printed: string): string;
}

/** A name as the list and the reports are compared: NFKC (full-width forms folded), no spaces (an OCR'd "物业 服务"). */
export function foldTopicName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Parses the list: one topic a line, `A = B = C` (A is shown), `#` starts a comment.
 * Throws naming the file and line for a line without two names, or a name listed twice.
 */
export function parseHotTopics(text: string, file = 'hotTopics.txt'): HotTopics {
  const shown = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const names = line.split('=').map(foldTopicName);
    if (names.length < 2 || names.some((name) => name === '')) throw new Error(`${file}:${i + 1}: expected "A = B"`);
    for (const name of names) {
      if (shown.has(name)) throw new Error(`${file}:${i + 1}: "${name}" is listed twice`);
      shown.set(name, names[0]!);
    }
  });
  return { shownName: (printed) => shown.get(foldTopicName(printed)) ?? foldTopicName(printed) };
}

/** Reads the project's list (src/search/hotTopics.txt unless `file` is given). */
export function readHotTopics(file = HOT_TOPICS_PATH): HotTopics {
  return parseHotTopics(readFileSync(file, 'utf8'), file);
}
