/**
 * Decoding page files: encodings are detected, bad files get one exact reason.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage, parsePage } from '../../src/corpus/index.js';
import type { ParsedPage } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(FIXTURES + name);
const TEXT = fixture('headline-after-body.txt').toString('utf8');

function parsed(bytes: Uint8Array, name: string): ParsedPage {
  const page = parsePage(bytes, name);
  if ('error' in page) throw new Error(page.error);
  return page;
}

describe('decodePage', () => {
  it.each([
    ['utf-8', Buffer.from(TEXT, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['utf-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf16be')])],
    ['GBK', iconv.encode(TEXT, 'gbk')],
    ['GB18030', iconv.encode(TEXT, 'gb18030')],
  ])('reads %s to the same text', (_name, bytes) => {
    expect(decodePage(bytes, 'page.txt')).toEqual({ text: TEXT });
  });

  it('turns CRLF and CR line ends into LF', () => {
    const crlf = Buffer.from(TEXT.replace(/\n/gu, '\r\n'), 'utf8');
    const cr = Buffer.from(TEXT.replace(/\n/gu, '\r'), 'utf8');
    expect(decodePage(crlf, 'crlf.txt')).toEqual({ text: TEXT });
    expect(decodePage(cr, 'cr.txt')).toEqual({ text: TEXT });
  });

  it('parses a GBK page exactly like its UTF-8 original, ids included', () => {
    const utf8 = parsed(Buffer.from(TEXT, 'utf8'), 'page.txt').items;
    const gbk = parsed(iconv.encode(TEXT, 'gbk'), 'page.txt').items;
    expect(gbk).toEqual(utf8);
    expect(gbk.map((a) => a.title)).toEqual(['城中区南山公园春季植树志愿活动举行', '城北区图书馆推出“夜读”服务']);
  });

  it.each([
    ['empty.txt', fixture('empty.txt'), 'empty file'],
    ['blank.txt', Buffer.from(' \n\r\n\t\n', 'utf8'), 'empty file'],
    ['image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'not a text file (binary data)'],
    ['noise.bin', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256).filter((b) => b !== 0)), 'not a text file (binary data)'],
    ['english.txt', fixture('english.txt'), 'not a newspaper page (almost no Chinese text)'],
    ['latin1.txt', Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve r\xe9sum\xe9 \xe0 la carte. '.repeat(20), 'latin1'), 'not a newspaper page (almost no Chinese text)'],
  ])('rejects %s: %s', (name, bytes, error) => {
    expect(decodePage(bytes, name)).toEqual({ error });
    expect(parsePage(bytes, name)).toEqual({ error });
  });
});
