/**
 * Folding with offsets (what snippets and the reader app's marks use): the same text as
 * the plain fold, and each folded unit mapped to the original character it came from.
 */
import { describe, expect, it } from 'vitest';
import { createFolder } from '../../src/search/fold.js';

const folder = createFolder();

describe('foldWithOffsets', () => {
  it('maps each folded unit back to its original character', () => {
    // Full-width Latin, upper case, Traditional, a character NFKC lengthens (㍻ → 平成), a surrogate pair (𠀋), spaces between CJK dropped.
    const input = 'ＫＴＶ與網絡 ㍻𠀋A b';
    const { text, offsets } = folder.foldWithOffsets(input);
    expect(text).toBe('ktv与网络平成𠀋a b');
    expect([...offsets]).toEqual([0, 1, 2, 3, 4, 5, 7, 7, 8, 8, 10, 11, 12, 13]);
  });

  it('gives the plain fold’s text for long mixed bodies', () => {
    const pieces = ['西宁市', '網絡', 'ＡＢＣ', 'Hello', ' ', '\n', '，', '。', '㍻', '𠀋', '12345', 'ⅷ', 'é', '\u3000', '臺灣'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const input = Array.from({ length: 400 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const { text, offsets } = folder.foldWithOffsets(input);
      expect(text).toBe(folder.fold(input));
      expect(offsets.length).toBe(text.length + 1);
      expect(offsets[offsets.length - 1]).toBe(input.length);
      for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
    }
  });
});
