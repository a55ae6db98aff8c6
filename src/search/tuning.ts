/**
 * Every number that tunes the search engine, in one place, with its
 * default: the ranking (BM25, boosts, coverage), related articles, and how
 * the index is built and kept (segments, cache, merges). openSearch takes a
 * partial object and merges it with the defaults once (as MiniSearch does
 * with its options), so a build, a load and an evaluation sweep all read the
 * same values; nothing below openSearch holds a tuning constant of its own.
 */
export interface SearchTuning {
  /** BM25+ over the title and body words (MiniSearch's defaults; b as in Lucene). */
  readonly bm25: {
    /** Term-frequency saturation. */
    readonly k: number;
    /** Length normalization: 0 none, 1 full. */
    readonly b: number;
    /** BM25+ lower bound for any occurrence. */
    readonly d: number;
  };
  /** Title words weigh this much more than body words. */
  readonly titleBoost: number;
  /**
   * A word found only in the bigram field (as a substring, not as a jieba
   * word) scores this share of its idf: below one real occurrence (BM25
   * gives about 1.5 × idf), so the articles jieba agrees with come first.
   * A one-character word (雪 inside 冰雪) scores the same, titleBoost times
   * when the headline holds it.
   */
  readonly substringWeight: number;
  /** A typed stretch (观影消费券) found whole adds this many times its words' idf. */
  readonly runWeight: number;
  /** "Fewer allowed": the share (by idf) of one typed piece's words an article must hold. */
  readonly minCoverage: number;
  /**
   * Scores within this share of the best of their group count as a tie, and
   * a tie keeps corpus order: such gaps come from a few tokens of length
   * between near-identical items, and are noise, not relevance.
   */
  readonly tie: number;
  /**
   * Skip what cannot change the results: marking the holders of common words
   * beside a word every match must hold (match.ts narrowed), and scoring
   * articles that cannot reach the best shown (rank.ts). The same results
   * either way; false marks every holder and scores every match (for checking that).
   */
  readonly prune: boolean;
  /** Related articles: the article's rarest words looked at, how many another must share, and the share of articles above which a word says nothing. */
  readonly related: { readonly terms: number; readonly minShared: number; readonly maxDfShare: number };
  /** Other names tried per query (synonyms.txt): each variant runs a search of its own. */
  readonly synonymVariants: number;
  /** Articles indexed in memory before they are written out as a segment. */
  readonly chunk: number;
  /** Threads a catch-up of more than a chunk tokenizes in (prepareHelper.ts): 2 builds about twice as fast on two cores; 1 keeps to this thread. */
  readonly buildThreads: 1 | 2;
  /** Bytes of decoded lists kept in memory once read (the rest is read from the files when needed), at least. */
  readonly cacheBytes: number;
  /** The cache's share of the index's bytes on disk, when that is more than cacheBytes (a million articles: 3.1 GB on disk, a cache of 510 MB). */
  readonly cacheShare: number;
  /** A segment is merged into the one before it once it holds at least 1/mergeRatio of it: few segments, each article rewritten O(log n) times. */
  readonly mergeRatio: number;
  /**
   * Merges of fewer articles than this wait until they join mergeGather segments: a page's
   * segment (a few dozen articles) was merged after nearly every ingest, each time a worker
   * thread started on the other core while readers were answered.
   */
  readonly mergeFloor: number;
  /** Segments a merge below mergeFloor waits to take in. */
  readonly mergeGather: number;
  /** Articles a search indexes before it answers, when the store has new ones: one ingest batch, not a backlog of years. */
  readonly searchCatchUp: number;
}

/** Any part of the tuning; what is left out keeps its default. */
export type SearchTuningOptions = {
  readonly [K in keyof SearchTuning]?: SearchTuning[K] extends object ? Partial<SearchTuning[K]> : SearchTuning[K];
};

export const DEFAULT_TUNING: SearchTuning = {
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  titleBoost: 2,
  substringWeight: 1,
  runWeight: 2,
  minCoverage: 0.5,
  tie: 0.01,
  prune: true,
  related: { terms: 20, minShared: 3, maxDfShare: 0.2 },
  synonymVariants: 6,
  chunk: 5000,
  buildThreads: 2,
  cacheBytes: 192 * 1024 * 1024,
  cacheShare: 1 / 6,
  mergeRatio: 4,
  mergeFloor: 1000,
  mergeGather: 8,
  searchCatchUp: 500,
};

/** The defaults with `options` over them (nested objects merged field by field). */
export function resolveTuning(options: SearchTuningOptions = {}): SearchTuning {
  // A key given as undefined keeps its default (a spread alone would put undefined in its place).
  const given = Object.fromEntries(Object.entries(options as Record<string, unknown>).filter(([, value]) => value !== undefined)) as SearchTuningOptions;
  return {
    ...DEFAULT_TUNING,
    ...given,
    bm25: { ...DEFAULT_TUNING.bm25, ...options.bm25 },
    related: { ...DEFAULT_TUNING.related, ...options.related },
  };
}
