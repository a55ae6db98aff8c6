/**
 * The longest body an item keeps. A 5 MB page of one line made one 5 MB article, and every
 * search that matched it cost 1.0–1.3 s of main-thread CPU (snippets, highlighting, answer
 * and related-article work all read the body); a newspaper article is a few thousand
 * characters, the longest seed item under 10,000. Cut at ingest with a warning, a hit's
 * work is bounded wherever it is done; the page file in the inbox keeps the whole text.
 */
export const ARTICLE_MAX_CHARS = 50_000;

/** Where a cut looks back for a sentence's or paragraph's end, so that the body does not stop mid-sentence. */
const LOOK_BACK = 2_000;
const SENTENCE_END = /[。！？!?；;\n]/u;

/**
 * `body` at most `max` characters long: cut after the last sentence end within the final
 * LOOK_BACK characters before the limit, else at the limit (never inside a surrogate pair).
 */
export function cutLongBody(body: string, max: number = ARTICLE_MAX_CHARS): string {
  if (body.length <= max) return body;
  for (let at = max; at > max - LOOK_BACK && at > 0; at--) {
    if (SENTENCE_END.test(body[at - 1]!)) return body.slice(0, at).trimEnd();
  }
  const last = body.charCodeAt(max - 1);
  return body.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** The warning an ingest logs for a cut body. */
export function bodyCutWarning(title: string, length: number, kept: number): string {
  return (
    `the item beginning "${title}" has ${length.toLocaleString('en-US')} characters: ` +
    `cut to ${kept.toLocaleString('en-US')} (an item keeps at most ${ARTICLE_MAX_CHARS.toLocaleString('en-US')}; the page file keeps it all)`
  );
}
