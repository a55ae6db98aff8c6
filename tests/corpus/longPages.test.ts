/**
 * Long pages: the builders that join a paragraph's pieces and count
 * characters give the same text as joining them one by one would, however
 * long the paragraph (they were rewritten to stay linear in its length).
 */
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../src/corpus/index.js';
import { countHan, displayWidth } from '../../src/corpus/charClass.js';

/** Line `i` of a paragraph: 20 Han characters, no sentence end. */
const line = (i: number): string => `第${'一二三四五六七八九十'[i % 10]}段城市供暖保障服务群众工作会议部署`;

describe('long paragraphs', () => {
  it('joins a hard-wrapped paragraph of 3000 lines into one unit', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${line(i)}，`);
    lines.push('全文完。');
    const { units, hardWrapped } = layoutPage(lines.join('\n'));
    expect(hardWrapped).toBe(true);
    expect(units.map((u) => u.text)).toEqual([lines.join('')]);
  });

  it('rejoins 2000 long lines broken mid-sentence, keeping the last one apart after a full stop', () => {
    const long = (i: number): string => `${line(i)}${line(i + 1)}${line(i + 2)}${line(i + 3)}`;
    const lines = Array.from({ length: 2000 }, (_, i) => `${long(i)}，`);
    const text = [...lines, `${long(7)}。`, '', `${long(8)}。`].join('\n\n');
    const { units, hardWrapped } = layoutPage(text);
    expect(hardWrapped).toBe(false);
    expect(units.map((u) => u.text)).toEqual([`${lines.join('')}${long(7)}。`, `${long(8)}。`]);
  });
});

describe('character counts', () => {
  it.each([
    ['中文', 2, 4],
    ['𠀀a中', 2, 5],
    ['１２，ab', 0, 8],
    ['“好”…', 1, 8],
    ['', 0, 0],
  ])('%s: %i Han, %i columns', (text, han, width) => {
    expect(countHan(text)).toBe(han);
    expect(displayWidth(text)).toBe(width);
  });
});
