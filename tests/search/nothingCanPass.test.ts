import { describe, expect, it } from 'vitest';
import { dayNumber, foldArticle, prepareDoc } from '../../src/search/documents.js';
import { createEngine } from '../../src/search/engine.js';
import { bufferSource, openSegment } from '../../src/search/segment.js';
import { createSegmentBuilder } from '../../src/search/segmentBuild.js';
import { createSegmentSet, type SegmentSet } from '../../src/search/segmentSet.js';
import { createTokenizer } from '../../src/search/tokenize.js';
import { resolveTuning } from '../../src/search/tuning.js';
import { memorySink } from '../../src/search/segmentWrite.js';
import type { Article } from '../../src/types.js';

/**
 * A query with a word no article holds that outweighs the rest of its piece
 * lists nothing, and is told so before any list is walked (match.ts
 * nothingCanPass); a word held only inside the stretch typed is no such word.
 * At the engine: a search's fallbacks (the held parts, lone characters)
 * would find the same articles another way.
 */
const tokenizer = createTokenizer();

function article(id: string, title: string, body: string): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: [], date: '2025-02-21', source: 'fixture.txt', body, edition: { date: '2025-02-21', page: null, estimated: false } };
}

const articles = [
  article('union', '工会送温暖', '活动彰显工会社会担当，职工纷纷点赞。'),
  article('club', '工会活动多', '职工书屋和健身房向会员开放。'),
  article('heating', '冬季供暖', '供热公司加强巡检，保障居民温暖过冬。'),
  article('traffic', '早高峰路况', '交警在主要路口疏导车流，市民出行顺畅。'),
  article('weather', '本周天气', '气温下降明显，请注意添衣保暖。'),
];

const builder = createSegmentBuilder();
articles.forEach((item, i) => builder.add(prepareDoc(tokenizer, item, i + 1)));
const sink = memorySink();
builder.write(sink);
const set = createSegmentSet([openSegment('memory', bufferSource(sink.bytes()))]);

/** The index, noting each word whose lists are read. */
const walked: string[] = [];
const watched = new Proxy(set, {
  get(target, property, receiver) {
    if (property !== 'lists') return Reflect.get(target, property, receiver) as unknown;
    return (...args: Parameters<SegmentSet['lists']>) => {
      walked.push(args[1]);
      return target.lists(...args);
    };
  },
});
const days = Int32Array.from(articles, (item) => dayNumber(item.edition.date));
const engine = createEngine(tokenizer, { current: () => watched, days: () => days, folded: (ns) => ns.map((n) => foldArticle(tokenizer, articles[n]!)) }, resolveTuning());
const run = (query: string) => {
  walked.length = 0;
  const ranked = engine.run(engine.parse(query), 10);
  return { ids: ranked.hits.map((hit) => articles[hit.n]!.id), walked: [...walked] };
};

describe('a word no article holds', () => {
  it('that outweighs the rest of its piece lists nothing, and no list is read: 工会橙 (橙 is in no article)', () => {
    expect(engine.parse('工会橙').words.map((word) => word.text)).toEqual(['工会', '橙']);
    expect(run('工会橙')).toEqual({ ids: [], walked: [] });
  });

  it('held inside the stretch typed lists its articles: 显工会社 (jieba cuts 显 and 社 alone from it, and no article holds them alone) finds 彰显工会社会', () => {
    expect(engine.parse('显工会社').words.map((word) => word.text)).toEqual(['显', '工会', '社']);
    const found = run('显工会社');
    expect(found.ids).toEqual(['union']);
    expect(found.walked).toContain('工会');
  });

  it('with a nearest match weighs half the rarest word found, and the articles holding the rest are listed', () => {
    walked.length = 0;
    const ranked = engine.run(engine.parse('工会橙'), 10, { nearest: true });
    expect(ranked.hits.map((hit) => articles[hit.n]!.id).sort()).toEqual(['club', 'union']);
  });
});
