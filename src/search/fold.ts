import * as OpenCC from 'opencc-js';
import type { ConverterFunction } from 'opencc-js/core';

/**
 * Folding: what makes `ＫＴＶ`, `ktv` and `KTV`, or `網絡` and `网络`, the
 * same text for search. Documents and queries go through the same fold, and
 * the fold keeps, for each folded character, the offset of the original
 * character it came from, so highlights land on the reader's own text.
 */

/** Folded text plus, for each of its UTF-16 units, the offset in the original. */
export interface FoldedText {
  readonly text: string;
  /** `offsets[i]` is the original offset of `text[i]`; one extra entry holds the original length. */
  readonly offsets: Uint32Array;
}

/** A folder built once per process: it holds the opencc converter and its character table. */
export interface Folder {
  /** NFKC, lower case, Traditional → Simplified, whitespace between CJK removed. */
  fold(text: string): string;
  /** Same as `fold`, with the offset map back to the original text. */
  foldWithOffsets(text: string): FoldedText;
}

const ASCII_ALNUM = /[0-9a-z]/;

/**
 * Creates the folder. opencc-js converts about 5 M chars/s; most pages are
 * already Simplified, so the converter runs only when the text holds a
 * character that opencc would change (found once, from the BMP Han block).
 */
export function createFolder(): Folder {
  // 'hk' reads Hong Kong forms (網絡, 裏) as well as plain Traditional.
  // opencc-js's full.d.ts imports './core' without an extension, which NodeNext does not resolve: name the type here.
  const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' }) as ConverterFunction;
  const changing = findChangingHan(toSimplified);

  const simplify = (text: string): string => {
    if (!holdsChanging(text, changing)) return text;
    const converted = toSimplified(text);
    if (converted.length === text.length) return converted;
    // A phrase rule changed the length: convert char by char so offsets stay aligned.
    return Array.from(text, (ch) => {
      const one = toSimplified(ch);
      return one.length === ch.length ? one : ch;
    }).join('');
  };

  // Characters outside the fast paths (punctuation, full-width forms, Latin with accents) each folded once per process.
  const foldedChars = new Map<string, string>();
  const foldChar = (ch: string): string => {
    let folded = foldedChars.get(ch);
    if (folded === undefined) {
      folded = ch.normalize('NFKC').toLowerCase();
      foldedChars.set(ch, folded);
    }
    return folded;
  };

  const foldWithOffsets = (input: string): FoldedText => {
    // Snippets fold each hit's whole body. Characters folding is sure to keep (ASCII other than
    // A-Z, the main Han blocks) are copied a stretch at a time; only the others are folded and
    // appended one by one. Offsets go into a typed array, grown when a fold lengthens (㍻ → 平成).
    let text = '';
    let offsets = new Uint32Array(input.length + 16);
    let count = 0;
    /** input[copied, offset) is kept as it is and not appended yet. */
    let copied = 0;
    for (let offset = 0; offset < input.length; ) {
      const unit = input.charCodeAt(offset);
      if ((unit < 0x80 && (unit < 0x41 || unit > 0x5a)) || (unit >= 0x3400 && unit <= 0x9fff)) {
        offsets[count++] = offset++;
        continue;
      }
      text += input.slice(copied, offset);
      const code = input.codePointAt(offset)!;
      const size = code > 0xffff ? 2 : 1;
      const folded = unit < 0x80 ? String.fromCharCode(unit + 0x20) : foldChar(input.slice(offset, offset + size));
      text += folded;
      if (count + folded.length + (input.length - offset) > offsets.length) {
        const grown = new Uint32Array(2 * (count + folded.length + (input.length - offset)));
        grown.set(offsets.subarray(0, count));
        offsets = grown;
      }
      // By UTF-16 unit, not by code point: every unit of the folded text gets its offset.
      // eslint-disable-next-line @typescript-eslint/prefer-for-of
      for (let i = 0; i < folded.length; i++) offsets[count++] = offset;
      offset += size;
      copied = offset;
    }
    text += input.slice(copied);
    return dropSpaces(simplify(text), offsets.subarray(0, count), input.length);
  };

  return {
    foldWithOffsets,
    // Same result as foldWithOffsets(text).text, with native NFKC on the whole
    // string: about 15 times faster, which is what indexing and queries need.
    fold: (text) => dropSpacesFast(simplify(text.normalize('NFKC').toLowerCase())),
  };
}

/**
 * Drops whitespace unless it separates two Latin/digit characters. OCR text
 * puts spaces inside Chinese sentences ("发布 2023 年“最美…”"), and a
 * reader's "消费券 电影" is two words either way, while "pue 1.2" must not
 * become one token.
 */
function dropSpaces(text: string, offsets: Uint32Array, originalLength: number): FoldedText {
  const kept = new Uint32Array(text.length + 1);
  let out = '';
  let count = 0;
  // Stretches without whitespace are copied whole (a body is mostly such stretches between its line breaks).
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && !isSpace(text.charCodeAt(j))) kept[count++] = offsets[j++]!;
    out += text.slice(i, j);
    if (j === text.length) break;
    i = j;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    const prev = out[out.length - 1];
    const next = text[j];
    if (prev !== undefined && next !== undefined && ASCII_ALNUM.test(prev) && ASCII_ALNUM.test(next)) {
      out += ' ';
      kept[count++] = offsets[i]!;
    }
    i = j;
  }
  kept[count++] = originalLength;
  return { text: out, offsets: kept.slice(0, count) };
}

/** Is this UTF-16 unit whitespace, as the regular expression \s says? */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The rule of dropSpaces without the offsets. */
function dropSpacesFast(text: string): string {
  return text.replace(/\s+/g, (spaces: string, at: number, whole: string) =>
    at > 0 && ASCII_ALNUM.test(whole[at - 1]!) && ASCII_ALNUM.test(whole[at + spaces.length] ?? '') ? ' ' : '',
  );
}

/** The BMP Han block looked at for characters opencc changes. */
const HAN_FIRST = 0x3400;
const HAN_LAST = 0x9fff;

/** A byte per BMP Han character (from HAN_FIRST): 1 where opencc would change it on its own. */
function findChangingHan(convert: (text: string) => string): Uint8Array {
  const chars: string[] = [];
  for (let code = HAN_FIRST; code <= HAN_LAST; code++) chars.push(String.fromCharCode(code));
  // One character per line, so that no phrase rule applies across them.
  const converted = convert(chars.join('\n')).split('\n');
  const changing = new Uint8Array(chars.length);
  chars.forEach((ch, i) => {
    if (converted[i] !== ch) changing[i] = 1;
  });
  return changing;
}

/**
 * Does the text hold a character opencc would change? A table look-up per
 * UTF-16 unit: a few times faster than a regular expression with the ~3,000
 * characters as a class, and every snippet asks it of a whole body.
 */
function holdsChanging(text: string, changing: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= HAN_FIRST && unit <= HAN_LAST && changing[unit - HAN_FIRST] === 1) return true;
  }
  return false;
}
