/**
 * Character classes the page parsers share: what counts as Chinese text,
 * sentence punctuation, and how wide a line is on the printed column.
 */

/** A Han (Chinese) character. */
export const HAN = /\p{Script=Han}/u;

/** Full-width punctuation and quote marks used in Chinese running text. */
export const CJK_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’《》—…·]/u;

/**
 * Punctuation that appears inside a sentence or ends it. A line holding
 * none of these is a headline candidate ("查毒驾进场所筑牢全民“防毒线”").
 */
export const SENTENCE_PUNCT = /[，。、；！？,;!?]/u;

/** Characters that close a sentence or a paragraph ("…的桥梁。”", "就业机会;"). */
export const TERMINAL = /[。！？!?；;…]["”’」』）)]*$/u;

/**
 * A paragraph ending with a lead-in mark is complete even without a full stop:
 * "这是一段意义非凡的时代征程-", "找准工作切入点和容破口——", "好消息:".
 */
export const LEAD_IN_END = /(?:[—\-–:：]|——)$/u;

const HAN_RUN = /\p{Script=Han}+/gu;
// without the u flag: in unicode mode a class matches lone surrogates only, not halves of a pair
const HIGH_SURROGATE = /[\ud800-\udbff]/g;

/** Count of Han characters in a string. */
export function countHan(text: string): number {
  // runs, not a regex test (or a match) per character: decode counts whole 5 MB pages
  let n = 0;
  for (const [run] of text.matchAll(HAN_RUN)) n += codePoints(run);
  return n;
}

/** Display width: Han and full-width forms count 2 columns, the rest 1. */
export function displayWidth(text: string): number {
  let wide = 0;
  for (const [run] of text.matchAll(WIDE_RUN)) wide += codePoints(run);
  return codePoints(text) + wide;
}

/** Runs of what `displayWidth` counts as 2 columns: Han, `CJK_PUNCT` and the full-width forms block. */
const WIDE_RUN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》—…·]+/gu;

function codePoints(text: string): number {
  return text.length - (text.match(HIGH_SURROGATE)?.length ?? 0);
}

/** Fold full-width digits and letters to ASCII (NFKC), for number parsing. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC');
}
