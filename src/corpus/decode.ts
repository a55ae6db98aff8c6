/**
 * Page file bytes → text. Encodings are detected, never asked for: a BOM
 * decides UTF-8 / UTF-16; otherwise strict UTF-8 is tried first and GB18030
 * (a superset of GBK and GB2312, what Chinese Windows tools write) second.
 */
import iconv from 'iconv-lite';
import { countHan } from './charClass.js';

/** Result of decoding one page file: the text, or a one-line reason it is not a page. */
export type DecodeResult = { text: string } | { error: string };

/** The exact reasons `decodePage` gives; the caller prefixes the file name. */
export const DECODE_ERRORS = {
  empty: 'empty file',
  binary: 'not a text file (binary data)',
  notChinese: 'not a newspaper page (almost no Chinese text)',
  /** Followed by the size and the limit: see `pageTooLarge`. */
  tooLarge: 'too large for a page',
} as const;

/**
 * Largest page file ingested (5 MB), checked where files come in
 * (`readCorpus`, uploads) before they are read. A newspaper page as text is
 * 10–20 KB; a file far beyond that is not one page, and parsing it would
 * take seconds and hundreds of MB.
 */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The reason a file over its limit (`PAGE_MAX_BYTES` for text) is not read; the caller prefixes the file name. */
export function pageTooLarge(size: number, limit: number = PAGE_MAX_BYTES): string {
  return `${DECODE_ERRORS.tooLarge} (${size} bytes; the limit is ${limit} bytes, ${Math.round(limit / 1024 / 1024)} MB)`;
}

/** A page needs at least this many Han characters (default 20)… */
const MIN_HAN = 20;
/** …and at least this share of its visible characters (default 0.3). */
const MIN_HAN_SHARE = 0.3;
/** Control characters other than tab, LF, CR, FF mark binary data past this share (default 0.01). */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decode a page file. UTF-8 with or without BOM, UTF-16 LE/BE with BOM,
 * GBK/GB18030; CRLF and CR become LF. Returns `{ error }` for an empty file,
 * binary data, or text that is not Chinese (e.g. English, or bytes that only
 * decode with replacement characters).
 */
export function decodePage(bytes: Uint8Array, fileName: string): DecodeResult {
  void fileName; // part of the contract for callers; the reasons are the same for every file
  if (bytes.length === 0) return { error: DECODE_ERRORS.empty };

  let text: string;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3)) ?? iconv.decode(Buffer.from(bytes.subarray(3)), 'utf8');
  } else if (b0 === 0xff && b1 === 0xfe) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  } else if (b0 === 0xfe && b1 === 0xff) {
    text = iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  } else {
    // UTF-16 without a BOM, images, archives: all hold NUL bytes, text never does.
    if (bytes.includes(0)) return { error: DECODE_ERRORS.binary };
    text = decodeUtf8(bytes) ?? iconv.decode(Buffer.from(bytes), 'gb18030');
  }

  text = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const problem = checkPageText(text);
  return problem === undefined ? { text } : { error: problem };
}

/**
 * Why a page's text is not a newspaper page (`DECODE_ERRORS`), or undefined
 * when it is one: empty, control characters of binary data, or too little
 * Chinese. Text read from a PDF or by OCR is checked the same way.
 */
export function checkPageText(text: string): string | undefined {
  if (text.trim() === '') return DECODE_ERRORS.empty;
  if (text.includes('\0') || controlShare(text) > MAX_CONTROL_SHARE) return DECODE_ERRORS.binary;
  const visible = text.replace(/\s/gu, '');
  const han = countHan(visible);
  const replacements = (visible.match(/\ufffd/gu) ?? []).length;
  if (han < MIN_HAN || han / visible.length < MIN_HAN_SHARE || replacements > han / 10) return DECODE_ERRORS.notChinese;
  return undefined;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined; // not UTF-8: the caller falls back to GB18030
  }
}

function controlShare(text: string): number {
  // eslint-disable-next-line no-control-regex -- counting control characters is the point: they mark a binary file
  const controls = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/gu) ?? []).length;
  return controls / Math.max(1, text.length);
}
