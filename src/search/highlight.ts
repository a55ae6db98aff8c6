import type { ParsedQuery } from './query.js';
import type { Token } from './tokenize.js';

/** The words and phrases to highlight for a query. */
export function highlightTerms(query: ParsedQuery): Token[] {
  const terms: Token[] = [
    ...query.phrases.map((text): Token => ({ text, kind: 'han' })),
    ...query.runs.map((text): Token => ({ text, kind: 'han' })),
  ];
  const single = query.words.length === 1;
  for (const word of query.words) {
    // A lone character (券, 站) would light up every occurrence; it is highlighted only as the whole query.
    if (word.kind === 'han' && word.text.length < 2 && !single) continue;
    terms.push({ text: word.text, kind: word.kind });
  }
  return terms;
}
