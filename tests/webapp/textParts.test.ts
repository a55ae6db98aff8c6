import { describe, expect, it } from 'vitest';
import { markParagraphs, markText, snippetParts } from '../../src/webapp/textParts.js';

describe('article text as marked parts', () => {
  it('cuts a text at the ranges and marks them', () => {
    expect(markText('站好护学岗，撑起平安伞', [{ start: 2, end: 5 }])).toEqual([
      { text: '站好', mark: false },
      { text: '护学岗', mark: true },
      { text: '，撑起平安伞', mark: false },
    ]);
  });

  it('gives one unmarked part for a text without ranges, empty text included', () => {
    expect(markText('没有匹配', [])).toEqual([{ text: '没有匹配', mark: false }]);
    expect(markText('', [])).toEqual([{ text: '', mark: false }]);
  });

  it('marks a range that starts the text or ends it without empty parts', () => {
    expect(markText('护学岗上线', [{ start: 0, end: 3 }, { start: 3, end: 5 }])).toEqual([
      { text: '护学岗', mark: true },
      { text: '上线', mark: true },
    ]);
  });

  it('splits a body into paragraphs at line breaks, each with the marks that fall in it, empty lines dropped', () => {
    const body = '护学岗上线。\n\n全市293所学校设护学岗';
    expect(markParagraphs(body, [{ start: 0, end: 3 }, { start: 17, end: 20 }])).toEqual([
      [{ text: '护学岗', mark: true }, { text: '上线。', mark: false }],
      [{ text: '全市293所学校设', mark: false }, { text: '护学岗', mark: true }],
    ]);
  });

  it('reads a chat snippet: <b> becomes a mark and entities their characters, any other markup stays text', () => {
    expect(snippetParts('…A&amp;B &lt;i&gt; <b>护学岗</b> &quot;x&quot;')).toEqual([
      { text: '…A&B <i> ', mark: false },
      { text: '护学岗', mark: true },
      { text: ' "x"', mark: false },
    ]);
  });
});
