/**
 * Line-level cleanup of extracted text: markdown marks, spaces the
 * extraction left inside sentences, doubled subheads.
 */
import { CJK_PUNCT, HAN } from './charClass.js';

/** Markdown inline marks and line prefixes that are layout, not text. */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/u, '')
    .replace(/^\s*[-*+]\s+/u, '')
    .replace(/\*\*(.*?)\*\*/gu, '$1')
    .replace(/__(.*?)__/gu, '$1')
    .replace(/\*\*/gu, '')
    .trim();
}

const DIGIT = /[0-9０-９]/u;
const ASCII_PUNCT = /[,.;:!?、]/u;

/** Options for `removeExtractionSpaces`. */
export interface SpacingOptions {
  /**
   * Also remove a space between two Han characters (default false). Set for
   * pages whose extraction put spaces inside words:
   * "把习近平总书记擘画的 宏伟蓝图变为美好现实是必须履行的政 治责任".
   */
  readonly betweenHan?: boolean;
}

/**
 * Remove spaces the extraction left in running text: around digits in Chinese
 * ("发布 2023 年" → "发布2023年"), next to full-width punctuation
 * ("（记者 樊娅楠） 12月11日"), after a list number ("1. 物业管理"), and with
 * `betweenHan`, between two Han characters. Spaces between Latin words and
 * Han ("语言 and 专业", "有young 活力") stay.
 */
export function removeExtractionSpaces(text: string, options: SpacingOptions = {}): string {
  const quoteRoles = straightQuoteRoles(text);
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch !== ' ' && ch !== '\t' && ch !== '\u3000') {
      out += ch;
      continue;
    }
    let j = i;
    while (j < chars.length && /[ \t\u3000]/u.test(chars[j]!)) j++;
    const left = chars[i - 1] ?? '';
    const right = chars[j] ?? '';
    const leftRole = left === '"' ? quoteRoles.get(i - 1) : undefined;
    const rightRole = right === '"' ? quoteRoles.get(j) : undefined;
    let drop: boolean;
    if (left === '' || right === '') drop = true;
    else if (HAN.test(left) && HAN.test(right)) drop = options.betweenHan === true;
    else if (CJK_PUNCT.test(left) || CJK_PUNCT.test(right)) drop = true;
    else if ((HAN.test(left) && DIGIT.test(right)) || (DIGIT.test(left) && HAN.test(right))) drop = true;
    else if (ASCII_PUNCT.test(left) && /[\p{Script=Han}0-9]/u.test(chars[i - 2] ?? '') && (HAN.test(right) || DIGIT.test(right))) drop = true;
    else if (left === ')' && (HAN.test(right) || DIGIT.test(right))) drop = true;
    else if (right === '(' && HAN.test(left)) drop = true;
    else if (leftRole === 'close' && HAN.test(right)) drop = true;
    else if (rightRole === 'open' && HAN.test(left)) drop = options.betweenHan === true;
    else drop = rightRole === 'close' || leftRole === 'open';
    if (!drop) out += ' ';
    i = j - 1;
  }
  return out;
}

/** For each straight double quote in the text, whether it opens or closes (by parity). */
function straightQuoteRoles(text: string): Map<number, 'open' | 'close'> {
  const roles = new Map<number, 'open' | 'close'>();
  let open = false;
  [...text].forEach((ch, i) => {
    if (ch !== '"') return;
    roles.set(i, open ? 'close' : 'open');
    open = !open;
  });
  return roles;
}

/**
 * Undo doubled pieces from extraction: each space-separated piece that is
 * X+X becomes X ("党建引领聚人气党建引领聚人气 市民下乡助振兴市民下乡助振兴"
 * → "党建引领聚人气 市民下乡助振兴").
 */
export function undoubleHeadline(line: string): string {
  return line
    .split(/(\s+)/u)
    .map((piece) => {
      const chars = [...piece];
      const half = chars.length / 2;
      if (chars.length >= 4 && Number.isInteger(half) && chars.slice(0, half).join('') === chars.slice(half).join('')) {
        return chars.slice(0, half).join('');
      }
      return piece;
    })
    .join('');
}
