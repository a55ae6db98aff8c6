/** A word an article shares with others, and the articles holding it (in the title or the body). */
export interface SharedTerm {
  readonly word: string;
  readonly holders: ReadonlySet<number>;
}

/** What rarestTerms reads of the index for a word. */
export interface TermLists {
  /** Articles holding the word in the title, and in the body (the dictionaries' counts: no list is read). */
  counts(word: string): readonly [title: number, body: number];
  /** The articles holding the word in either field (both lists walked). */
  holders(word: string): ReadonlySet<number>;
}

/**
 * The `limit` rarest of `words` held by 2 to `maxDf` articles, rarest first
 * (then by word), with their holders: the words related articles share.
 *
 * A word's holders take a walk of its lists, and most of an article's words
 * are common: walking every word was ~95% of a related call (p50 140 ms at
 * 20,000 articles). So the counts bound each word's holders first (at least
 * the larger count, at most their sum): a word certainly held by more than
 * `maxDf` or fewer than 2 is never walked, and the others are walked from the
 * lowest bound up, only until no word left can be rarer than the limit-th.
 */
export function rarestTerms(words: readonly string[], lists: TermLists, limit: number, maxDf: number): SharedTerm[] {
  if (limit <= 0) return [];
  const bounded = words
    .map((word) => {
      const [title, body] = lists.counts(word);
      return { word, least: Math.max(title, body), most: title + body };
    })
    .filter(({ least, most }) => most >= 2 && least <= maxDf)
    .sort((a, b) => a.least - b.least || (a.word < b.word ? -1 : 1));
  // The rarest found so far, at most `limit`, in order.
  const rarest: SharedTerm[] = [];
  for (const { word, least } of bounded) {
    if (rarest.length === limit && least > rarest[limit - 1]!.holders.size) break;
    const holders = lists.holders(word);
    if (holders.size < 2 || holders.size > maxDf) continue;
    rarest.push({ word, holders });
    rarest.sort(rarerFirst);
    if (rarest.length > limit) rarest.pop();
  }
  return rarest;
}

function rarerFirst(a: SharedTerm, b: SharedTerm): number {
  return a.holders.size - b.holders.size || (a.word < b.word ? -1 : 1);
}
