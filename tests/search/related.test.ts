import { describe, expect, it } from 'vitest';
import { createRandom, makeCorpus } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { rarestTerms, type TermLists } from '../../src/search/relatedTerms.js';
import { topRelated, type RelatedCandidate } from '../../src/search/relatedTop.js';
import type { Article } from '../../src/types.js';

/**
 * Related articles read from the store only the candidates that can be shown
 * (relatedTop.ts): the result must be that of reading every candidate, sorting
 * them all and keeping the first `limit`, as the search did before.
 */

/** The former computation, kept here as the reference: every candidate read, those stored sorted, the first `limit` kept. */
function readingEvery(candidates: readonly RelatedCandidate[], limit: number, stored: ReadonlyMap<number, Article>) {
  const date = (doc: number) => stored.get(doc)?.date ?? '';
  return candidates
    .filter((entry) => stored.has(entry.n))
    .sort((x, y) => y.count - x.count || (date(x.n) < date(y.n) ? 1 : date(x.n) > date(y.n) ? -1 : 0) || y.score - x.score || x.n - y.n)
    .slice(0, limit)
    .map((entry) => ({ candidate: entry, article: stored.get(entry.n)! }));
}

/** A store of articles by number that records what it was asked for. */
function recordingStore(articles: ReadonlyMap<number, Article>) {
  const reads: number[][] = [];
  const read = (ns: readonly number[]) => {
    reads.push([...ns]);
    return new Map(ns.flatMap((n) => (articles.has(n) ? [[n, articles.get(n)!] as const] : [])));
  };
  return { reads, read };
}

const article = (n: number, date: string | null): Article => ({
  id: `a${n}`,
  kind: 'article',
  title: `t${n}`,
  kicker: null,
  subtitle: null,
  reporters: [],
  date,
  source: 'p.txt',
  body: '',
  edition: { date, page: null, estimated: false },
});

describe('topRelated', () => {
  const candidates: RelatedCandidate[] = [
    { n: 1, count: 3, score: 9 },
    { n: 2, count: 5, score: 4 },
    { n: 3, count: 4, score: 7 },
    { n: 4, count: 4, score: 8 },
    { n: 5, count: 3, score: 2 },
    { n: 6, count: 4, score: 1 },
    { n: 7, count: 6, score: 3 },
  ];
  const dates: Record<number, string | null> = { 1: '2025-05-01', 2: '2025-01-01', 3: '2025-03-01', 4: '2025-03-01', 5: null, 6: '2025-04-01', 7: '2025-02-01' };
  const stored = new Map(candidates.map(({ n }) => [n, article(n, dates[n]!)]));

  it('reads only the candidates sharing at least as many words as the limit-th, and orders them by count, date, score', () => {
    const store = recordingStore(stored);
    // Counts 6, 5, then three with 4: the third place is decided among all three by date (6 is newest), so all three are read.
    expect(topRelated(candidates, 3, store.read).map((pick) => pick.candidate.n)).toEqual([7, 2, 6]);
    expect(store.reads).toEqual([[7, 2, 3, 4, 6]]);
    // Equal count and date: the higher summed idf first.
    expect(topRelated(candidates, 5, store.read).map((pick) => pick.candidate.n)).toEqual([7, 2, 6, 4, 3]);
    expect(topRelated(candidates, 1, store.read).map((pick) => pick.candidate.n)).toEqual([7]);
    expect(store.reads.slice(1)).toEqual([[7, 2, 3, 4, 6], [7]]);
  });

  it('reads the next counts down when a candidate is no longer stored, until limit are found', () => {
    const gone = new Map([...stored].filter(([n]) => n !== 2 && n !== 6));
    const store = recordingStore(gone);
    expect(topRelated(candidates, 4, store.read).map((pick) => pick.candidate.n)).toEqual([7, 4, 3, 1]);
    // First the counts down to the fourth (6, 5, 4, 4, 4), then two more were missing: the count-3 ones.
    expect(store.reads).toEqual([[7, 2, 3, 4, 6], [1, 5]]);
    expect(topRelated(candidates, 10, recordingStore(gone).read).map((pick) => pick.candidate.n)).toEqual([7, 4, 3, 1, 5]);
  });

  it('reads nothing for no candidates or a limit of 0', () => {
    const store = recordingStore(stored);
    expect([topRelated([], 5, store.read), topRelated(candidates, 0, store.read)]).toEqual([[], []]);
    expect(store.reads).toEqual([]);
  });

  it('equals reading every candidate over random candidates with many ties and missing articles', () => {
    const random = createRandom(23);
    const days = [null, '2025-01-01', '2025-01-02', '2025-02-10', '2025-02-11'];
    let read = 0;
    let every = 0;
    for (let round = 0; round < 400; round++) {
      const size = Math.floor(random() * 40);
      const list: RelatedCandidate[] = Array.from({ length: size }, (_, i) => ({
        n: i * 3 + Math.floor(random() * 3),
        count: 3 + Math.floor(random() * 4),
        score: Math.floor(random() * 5) / 2,
      }));
      const kept = new Map(list.filter(() => random() > 0.15).map(({ n }) => [n, article(n, days[Math.floor(random() * days.length)]!)]));
      for (const limit of [1, 2, 5, 10, Infinity]) {
        const store = recordingStore(kept);
        expect(topRelated(list, limit, store.read), `round ${round}, limit ${limit}`).toEqual(readingEvery(list, limit, kept));
        read += store.reads.flat().length;
        every += list.length;
      }
    }
    // It must have saved reads (a test that cannot fail is none): far fewer than every candidate each time.
    expect(read).toBeLessThan(every * 0.7);
  });
});

describe('related articles of the search over the seeds and a synthetic archive', () => {
  const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
  // Recombined seed sentences share rare words with hundreds of others; some dated apart from their edition, some undated.
  const synthetic = makeCorpus(seeds, 1500).map((item, i) => (i % 7 === 0 ? { ...item, date: i % 2 ? null : '2024-12-31' } : item));
  const articles = [...seeds, ...synthetic];
  const deleted = new Set<string>();
  const asked: string[][] = [];
  const source = sourceFromArticles(articles);
  const search = openSearch({
    source: {
      ...source,
      articlesByIds: (ids) => {
        asked.push([...ids]);
        return source.articlesByIds(ids.filter((id) => !deleted.has(id)));
      },
    },
    dir: null,
    logger: createSilentLogger(),
  });

  it('gives the first `limit` of all related articles, reading far fewer', () => {
    const ids = [...seeds, ...synthetic.filter((_, i) => i % 25 === 0)].map((item) => item.id);
    let related = 0;
    let readFive = 0;
    let readEvery = 0;
    for (const id of ids) {
      asked.length = 0;
      const all = search.related(id, Infinity);
      readEvery += asked.flat().length;
      related += all.length;
      for (const limit of [1, 3, 5, 10]) {
        asked.length = 0;
        expect(search.related(id, limit), `${id}, limit ${limit}`).toEqual(all.slice(0, limit));
        if (limit === 5) readFive += asked.flat().length;
      }
    }
    expect(related).toBeGreaterThan(10_000);
    // Five shown (as the reader app and the chat show) read a small part of what reading every candidate reads.
    expect(readFive).toBeLessThan(readEvery / 5);
  });

  it('fills the list from the next candidates when a shown one was deleted from the store meanwhile', () => {
    const id = synthetic[50]!.id;
    const before = search.related(id, Infinity);
    const shown = before.slice(0, 5).map((hit) => hit.id);
    deleted.add(shown[0]!).add(shown[3]!);
    try {
      expect(search.related(id, 5)).toEqual(before.filter((hit) => !deleted.has(hit.id)).slice(0, 5));
      expect(search.related(id, 5).map((hit) => hit.id)).toEqual([shown[1], shown[2], shown[4], before[5]!.id, before[6]!.id]);
    } finally {
      deleted.clear();
    }
  });
});

describe('rarestTerms', () => {
  /** Lists of words held by the given articles in the title and the body, recording which were walked. */
  const listsOf = (held: ReadonlyMap<string, readonly [readonly number[], readonly number[]]>) => {
    const walked: string[] = [];
    const lists: TermLists = {
      counts: (word) => [held.get(word)?.[0].length ?? 0, held.get(word)?.[1].length ?? 0],
      holders: (word) => {
        walked.push(word);
        return new Set([...(held.get(word)?.[0] ?? []), ...(held.get(word)?.[1] ?? [])]);
      },
    };
    return { walked, lists };
  };
  /** The former choice, kept as the reference: every word walked, those held by 2 to maxDf, rarest first, the first `limit`. */
  const walkingEvery = (words: readonly string[], lists: TermLists, limit: number, maxDf: number) =>
    words
      .map((word) => ({ word, holders: lists.holders(word) }))
      .filter(({ holders }) => holders.size >= 2 && holders.size <= maxDf)
      .sort((a, b) => a.holders.size - b.holders.size || (a.word < b.word ? -1 : 1))
      .slice(0, limit);

  it('walks no word certainly too common or held once, and stops once no word left can be rarer', () => {
    const held = new Map<string, readonly [number[], number[]]>([
      ['常见', [[1, 2, 3], [1, 2, 3, 4, 5, 6, 7]]], // 7 holders or more: over maxDf 5
      ['一次', [[], [9]]], // held once
      ['两处', [[1], [1]]], // 1 to 2 holders: walked, held by one only
      ['甲', [[1, 2], [2, 3]]], // 2 to 4: 3 holders
      ['乙', [[], [4, 5]]], // exactly 2
      ['丙', [[6], [7, 8, 9]]], // 3 to 4: 4 holders
      ['丁', [[1, 2, 3, 4, 5], []]], // 5 to 5
    ]);
    const { walked, lists } = listsOf(held);
    expect(rarestTerms([...held.keys()], lists, 2, 5).map(({ word, holders }) => [word, [...holders]])).toEqual([
      ['乙', [4, 5]],
      ['甲', [1, 2, 3]],
    ]);
    // By their least holders: 两处 1, 乙 2, 甲 2; then 丙 (at least 3) cannot be rarer than 甲's 3 ... but may tie it, so it is walked; 丁 (at least 5) is not.
    expect(walked).toEqual(['两处', '乙', '甲', '丙']);
    expect(rarestTerms([...held.keys()], listsOf(held).lists, 0, 5)).toEqual([]);
  });

  it('chooses what walking every word chooses, over random words', () => {
    const random = createRandom(19);
    let walked = 0;
    let every = 0;
    for (let round = 0; round < 300; round++) {
      const held = new Map<string, readonly [number[], number[]]>();
      const words = Array.from({ length: Math.floor(random() * 60) }, (_, i) => `w${i}`);
      const docs = (share: number) => Array.from({ length: 40 }, (_, doc) => doc).filter(() => random() < share);
      for (const word of words) {
        const share = random() < 0.5 ? random() * 0.1 : random() * 0.8;
        held.set(word, [docs(share / 3), docs(share)]);
      }
      for (const [limit, maxDf] of [[1, 8], [5, 8], [20, 8], [20, 30], [5, 2]] as const) {
        const chosen = listsOf(held);
        expect(rarestTerms(words, chosen.lists, limit, maxDf), `round ${round}, limit ${limit}, maxDf ${maxDf}`).toEqual(walkingEvery(words, listsOf(held).lists, limit, maxDf));
        walked += chosen.walked.length;
        every += words.length;
      }
    }
    expect(walked).toBeLessThan(every / 2);
  });
});
