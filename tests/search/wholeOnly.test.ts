import { describe, expect, it } from 'vitest';
import { makeCorpus, makeQueries } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { dayNumber, foldArticle, prepareDoc } from '../../src/search/documents.js';
import { createEngine, type Ranked, type RunOptions } from '../../src/search/engine.js';
import { bufferSource, openSegment } from '../../src/search/segment.js';
import { createSegmentBuilder } from '../../src/search/segmentBuild.js';
import { createSegmentSet } from '../../src/search/segmentSet.js';
import { createTokenizer } from '../../src/search/tokenize.js';
import { resolveTuning } from '../../src/search/tuning.js';
import { memorySink } from '../../src/search/segmentWrite.js';

/**
 * A readers' variant (index.ts runVariants) counts only the articles holding
 * every word, so its run ranks those alone (`wholeOnly`): what it gives of
 * them must be what a full run gives. Compared over a synthetic archive
 * (recombined seed sentences: words shared by thousands of articles, runs
 * typed in one piece) for the bench's query mix, best first and in a span.
 */
const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 3000);
const queries = makeQueries(seeds, 160);
const tokenizer = createTokenizer();

const builder = createSegmentBuilder();
articles.forEach((article, i) => builder.add(prepareDoc(tokenizer, article, i + 1)));
const sink = memorySink();
builder.write(sink);
const set = createSegmentSet([openSegment('memory', bufferSource(sink.bytes()))]);
const days = Int32Array.from(articles, (article) => dayNumber(article.edition.date));
const engine = createEngine(tokenizer, { current: () => set, days: () => days, folded: (ns) => ns.map((n) => foldArticle(tokenizer, articles[n]!)) }, resolveTuning());

/** What a readers' variant takes from a run: its complete count, and its complete leading hits in order. */
const wholePart = (ranked: Ranked) => ({ complete: ranked.complete, leading: ranked.leading.filter((hit) => hit.complete) });

describe('a whole-only run gives the complete articles of a full run', () => {
  const cases: [string, RunOptions][] = [
    ['best first', {}],
    ['best first in a spring span', { since: 20250301, until: 20250531 }],
    ['nearest', { nearest: true }],
  ];

  it.each(cases)('%s', (_name, options) => {
    let withComplete = 0;
    for (const query of queries) {
      const parsed = engine.parse(query);
      const full = engine.run(parsed, 10, options);
      const whole = engine.run(parsed, 10, { ...options, wholeOnly: true });
      expect(wholePart(whole), query).toEqual(wholePart(full));
      // It lists the articles holding every word: as many as the full run counts.
      expect(whole.matching.length, query).toBe(full.complete);
      withComplete += full.complete > 0 ? 1 : 0;
    }
    // Most of the mix has complete articles, and some queries also partial ones the whole-only run leaves out.
    expect(withComplete).toBeGreaterThan(queries.length * 0.5);
  });

  it('counts its words itself when no run before it did (a fresh engine, whole-only runs first)', () => {
    // The whole-only run takes its words' counts from the runs before it; a fresh engine has none and counts them.
    const fresh = createEngine(tokenizer, { current: () => set, days: () => days, folded: (ns) => ns.map((n) => foldArticle(tokenizer, articles[n]!)) }, resolveTuning());
    const wholeFirst = queries.map((query) => wholePart(fresh.run(fresh.parse(query), 10, { wholeOnly: true })));
    expect(wholeFirst).toEqual(queries.map((query) => wholePart(engine.run(engine.parse(query), 10))));
  });

  it('newest first is a full run (the day ranks first there)', () => {
    for (const query of queries.slice(0, 40)) {
      const parsed = engine.parse(query);
      expect(engine.run(parsed, 10, { newest: true, wholeOnly: true }), query).toEqual(engine.run(parsed, 10, { newest: true }));
    }
  });
});

describe("a run's answer is its own", () => {
  it('what a run lists stays as it was while the next runs fill the scratch (its lists are copied out of it)', () => {
    const fresh = () => createEngine(tokenizer, { current: () => set, days: () => days, folded: (ns) => ns.map((n) => foldArticle(tokenizer, articles[n]!)) }, resolveTuning());
    const kept = fresh();
    // A full run and a whole-only one (which lists the complete articles) of each query, one after another.
    const asked = queries.flatMap((query) => [0, 1].map((whole) => ({ query, options: { wholeOnly: whole === 1 } })));
    const answers = asked.map(({ query, options }) => kept.run(kept.parse(query), 10, options));
    // Each asked alone on an engine of its own.
    const alone = asked.map(({ query, options }) => {
      const engine = fresh();
      return engine.run(engine.parse(query), 10, options);
    });
    expect(answers.some((answer) => answer.matching.length > 1000)).toBe(true);
    expect(answers.filter((_answer, i) => asked[i]!.options.wholeOnly).some((answer) => answer.matching.length > 1000)).toBe(true);
    answers.forEach((answer, i) => expect([...answer.matching], asked[i]!.query).toEqual([...alone[i]!.matching]));
  });
});
