import { describe, expect, it } from 'vitest';
import { textLayerProblem, UNREADABLE } from '../../src/print/textLayer.js';

/** A text layer of one line holding `text`. */
const layer = (text: string) => ({ width: 600, height: 800, lines: [{ text, x: 0, y: 0, width: 100, height: 9, size: 9, bold: false }] });

const RUNNING_TEXT = '站好护学岗，撑起平安伞。2025年春季新学期即将开学，西宁公安倾力护航，全市293所学校公安护学岗将准时上线。';

describe('textLayerProblem: can a PDF page\'s text layer be read?', () => {
  it.each([
    ['running Chinese text', RUNNING_TEXT, undefined],
    ['nothing but a page number', '3', UNREADABLE.empty],
    ['glyph numbers read as control characters (no character map)', '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'.repeat(5), UNREADABLE.control],
    ['private-use characters', '\ue001\ue002\ue003\ue004\ue005'.repeat(10), UNREADABLE.privateUse],
    // a font's own codes read as Unicode: real characters, but rare ones in no sensible order
    ['garbled rare characters', '丂丄丅丆丏丒丗丟丠両丣並丩丮丯丱丳丵丷丼乀乁乂乄乆乊乑乕乗乚乛乢乣乤乥乧乨乪乫乬乭乮乯'.repeat(2), UNREADABLE.uncommon],
  ])('%s', (_, text, problem) => {
    expect(textLayerProblem(layer(text))).toBe(problem);
  });
});
