import { describe, expect, it } from 'vitest';
import { createRandom } from '../../bench/synthetic.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BLOCK, blockCursor, blockParts } from '../../src/search/blockBounds.js';
import { bufferSource, createListCache, fileSource, FIELDS, openSegment, POSITION_SKIP, STORED_MAXIMA_FROM, termTable, type GramPositions, type Header, type Segment } from '../../src/search/segment.js';
import { createSegmentBuilder } from '../../src/search/segmentBuild.js';
import { mergeSegments } from '../../src/search/segmentMerge.js';
import { memorySink, writeSegment as writeSpec } from '../../src/search/segmentWrite.js';
import { createSegmentSet } from '../../src/search/segmentSet.js';
import { bigramOffsets, createTokenizer } from '../../src/search/tokenize.js';
import { readCorpus } from '../../src/corpus/index.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { prepareDoc } from '../../src/search/documents.js';
import { DEFAULT_TUNING } from '../../src/search/tuning.js';
import { article } from './fixtures/articles.js';

const tokenizer = createTokenizer();

/**
 * Texts over a few Han characters, so that bigrams repeat, stand apart from
 * each other and recur at many offsets; punctuation, a Latin word and a
 * number break the Han runs.
 */
function texts(count: number, seed: number): string[] {
  const next = createRandom(seed);
  const pieces = ['青', '海', '省', '西', '宁', '哈', '哈', '，', 'ktv', '12345', '𠀋'];
  return Array.from({ length: count }, () => Array.from({ length: 10 + Math.floor(next() * 60) }, () => pieces[Math.floor(next() * pieces.length)]!).join(''));
}

/** The bytes of a segment of the texts from store position `firstSeq`; `words` gives a text's body words, the first its title (none by default). */
const segmentBytes = (folded: readonly string[], firstSeq: number, words: (text: string) => string[] = () => []): Buffer => {
  const builder = createSegmentBuilder();
  folded.forEach((text, i) => {
    builder.add({ seq: firstSeq + i, id: `a${firstSeq + i}`, folded: text, titleEnd: 0, title: words(text).slice(0, 1), body: words(text) });
  });
  const sink = memorySink();
  builder.write(sink);
  return sink.bytes();
};

/** Every position of a bigram in the `entry`-th article of its list, read with a cursor of its own. */
function positionsIn(positions: GramPositions, entry: number): number[] {
  const cursor = positions.cursor();
  cursor.open(entry);
  const found: number[] = [];
  for (let at = cursor.seekTo(0); at >= 0; at = cursor.seekTo(at + 1)) found.push(at);
  return found;
}

const writeSegment = (folded: readonly string[], firstSeq: number): Segment => openSegment('memory', bufferSource(segmentBytes(folded, firstSeq)));

/** Every Han stretch of 2 to 6 characters in the texts, and a few that are in none. */
function needles(folded: readonly string[]): string[] {
  const found = new Set<string>(['青海省西宁', '哈哈哈哈哈哈', '宁青']);
  for (const text of folded) {
    for (const { 0: run } of text.matchAll(/\p{Script=Han}{2,}/gu)) {
      // By character, as a reader types them (𠀋 is two UTF-16 units).
      const chars = [...run];
      for (let length = 2; length <= 6; length++) for (let i = 0; i + length <= chars.length; i++) found.add(chars.slice(i, i + length).join(''));
    }
  }
  return [...found];
}

describe('a segment tells which articles hold a Han stretch from its bigram positions', () => {
  const folded = texts(120, 7);
  const all = folded.map((_text, n) => n);
  const expected = (needle: string) => all.filter((n) => folded[n]!.includes(needle));
  const split = [writeSegment(folded.slice(0, 50), 1), writeSegment(folded.slice(50, 90), 51), writeSegment(folded.slice(90), 91)];
  const merged = (() => {
    const sink = memorySink();
    mergeSegments(split, sink);
    return openSegment('memory', bufferSource(sink.bytes()));
  })();

  it.each([
    ['three segments', () => createSegmentSet(split)],
    ['their merge', () => createSegmentSet([merged])],
  ])('%s: the same articles as reading every text, for every stretch', (_name, open) => {
    const set = open();
    const asked = needles(folded);
    expect(asked.length).toBeGreaterThan(500);
    for (const needle of asked) expect(Array.from(set.containing(all, needle)), needle).toEqual(expected(needle));
    // Among candidates only, as the engine asks: articles not asked about are never returned.
    const odd = all.filter((n) => n % 2 === 1);
    for (const needle of asked) expect(Array.from(set.containing(odd, needle)), needle).toEqual(expected(needle).filter((n) => n % 2 === 1));
    // A limit keeps the first holders only ("does any article hold it" stops at the first), across segments too.
    for (const needle of asked) for (const limit of [1, 2, 60]) expect(Array.from(set.containing(all, needle, limit)), needle).toEqual(expected(needle).slice(0, limit));
    // Its candidates (the intersection of its bigrams' lists): the articles holding each of its bigrams, anywhere.
    const holdingEach = (needle: string) => all.filter((n) => [...bigramOffsets(needle).keys()].every((gram) => folded[n]!.includes(gram)));
    for (const needle of asked) expect(Array.from(set.candidates('grams', needle)), needle).toEqual(holdingEach(needle));
  });

  it('written a field at a time (a serving bot pauses between), a segment is byte for byte the one written at once', () => {
    const folded = ['青海湖边的西宁', '西宁晚报 12345 热线', '湖边'];
    const builder = createSegmentBuilder();
    folded.forEach((text, i) => builder.add({ seq: 1 + i, id: `a${1 + i}`, folded: text, titleEnd: 0, title: [text.slice(0, 2)], body: [text.slice(0, 2), text.slice(2, 4)] }));
    const sink = memorySink();
    const steps = builder.writeInSteps(sink);
    let pauses = 0;
    while (steps.next().done !== true) pauses++;
    expect(pauses).toBe(FIELDS.length);
    expect(sink.bytes().equals(segmentBytes(folded, 1, (text) => [text.slice(0, 2), text.slice(2, 4)]))).toBe(true);
  });

  it('a merge writes, byte for byte, the segment of all the texts written at once', () => {
    const merge = memorySink();
    mergeSegments(split, merge);
    expect(merge.bytes().equals(segmentBytes(folded, 1))).toBe(true);
  });

  it('so does a merge of lists with term frequencies (title and body words)', () => {
    const words = (text: string) => text.split('，').filter(Boolean);
    const parts = [
      [0, 50],
      [50, 90],
      [90, 120],
    ].map(([from, to]) => openSegment('memory', bufferSource(segmentBytes(folded.slice(from, to), 1 + from!, words))));
    const merge = memorySink();
    mergeSegments(parts, merge);
    const once = segmentBytes(folded, 1, words);
    expect(merge.bytes().length).toBeGreaterThan(0);
    expect(merge.bytes().equals(once)).toBe(true);
  });

  it('a merge keeps each bigram at its offsets', () => {
    const gram = '青海';
    const holders = all.filter((n) => folded[n]!.includes(gram));
    const positions = merged.positions(gram)!;
    const offsets = holders.map((_n, i) => positionsIn(positions, i));
    expect(merged.list('grams', gram)!.ids).toEqual(Uint32Array.from(holders));
    const expected = holders.map((n) => [...folded[n]!.matchAll(/青海/g)].map((match) => match.index));
    expect(offsets).toEqual(expected);
    // One cursor asked for the articles in any order, and only as far as each is asked (an entry left half read).
    const cursor = positions.cursor();
    const order = holders.map((_n, i) => i).sort((a, b) => ((a * 37) % holders.length) - ((b * 37) % holders.length));
    expect(holders.length).toBeGreaterThan(POSITION_SKIP); // entries reached through the skip table too
    for (const i of order) {
      cursor.open(i);
      const last = expected[i]!.at(-1)!;
      expect([cursor.seekTo(0), cursor.seekTo(last), cursor.seekTo(last + 1)], `entry ${i}`).toEqual([expected[i]![0], last, -1]);
    }
  });

  it.each([
    ['in memory', (bytes: Buffer) => bufferSource(bytes)],
    ['read from its file piece by piece', (bytes: Buffer) => inFile(bytes)],
  ])('damaged positions are found when read, not used (%s)', (_name, source) => {
    const sink = memorySink();
    mergeSegments(split, sink);
    const bytes = sink.bytes();
    const headerLength = bytes.readUInt32LE(bytes.length - 16);
    const header = JSON.parse(bytes.toString('utf8', bytes.length - 16 - headerLength, bytes.length - 16)) as Header;
    // The last position of the last bigram (the grams' lists end with it): its dictionaries still check out.
    bytes[header.fields.grams.offset + header.fields.grams.bytes - 1]! ^= 0xff;
    const segment = openSegment('seg-damaged.nbs', source(bytes));
    const grams = [...new Set(folded.flatMap((text) => [...tokenizer.grams(text).keys()]))];
    for (const gram of grams) expect(segment.list('grams', gram)?.ids.length).toBeGreaterThan(0);
    expect(() => grams.forEach((gram) => segment.positions(gram))).toThrow('search index segment seg-damaged.nbs is damaged (bigram positions checksum)');
  });

  it('read from its file piece by piece, every list and position is as in memory, and stays so as others are read', () => {
    const sink = memorySink();
    mergeSegments(split, sink);
    const inMemory = openSegment('memory', bufferSource(sink.bytes()));
    const fromFile = openSegment('seg-file.nbs', inFile(sink.bytes()));
    // Every list read before any is compared: a list left in the buffer the next one is read into would change.
    const read = FIELDS.flatMap((field) => [...inMemory.scan(field)].map(({ term }) => ({ field, term, list: fromFile.list(field, term)! })));
    expect(read.length).toBeGreaterThan(40);
    for (const { field, term, list } of read) expect(list, `${field} ${term}`).toEqual(inMemory.list(field, term));
    const readers = [...inMemory.scan('grams')].map(({ term }) => ({ term, mine: fromFile.positions(term)! }));
    for (const { term, mine } of readers) {
      const theirs = inMemory.positions(term)!;
      for (let i = 0; i < inMemory.count('grams', term); i++) expect(positionsIn(mine, i), term).toEqual(positionsIn(theirs, i));
    }
  });

  it('scanned from its file in small pieces (as a merge of many inputs reads), a list stays as in memory until the list after the next is read', () => {
    const sink = memorySink();
    mergeSegments(split, sink);
    const inMemory = openSegment('memory', bufferSource(sink.bytes()));
    const fromFile = openSegment('seg-file.nbs', inFile(sink.bytes()));
    let lists = 0;
    for (const field of FIELDS) {
      const expected = [...inMemory.scan(field)].map(({ term, bytes }) => ({ term, bytes: [...bytes] }));
      lists += expected.length;
      for (const readBytes of [1, 16, 300]) {
        const got: { term: string; bytes: number[] }[] = [];
        let previous: { term: string; bytes: Uint8Array } | null = null;
        for (const list of fromFile.scan(field, readBytes)) {
          // The merge joins a list after reading its input's next one.
          if (previous) expect([...previous.bytes], `${field} ${previous.term} (${readBytes})`).toEqual(got[got.length - 1]!.bytes);
          got.push({ term: list.term, bytes: [...list.bytes] });
          previous = list;
        }
        expect(got).toEqual(expected);
      }
    }
    expect(lists).toBeGreaterThan(40);
  });

  it('merged from their files, segments give the same bytes as merged in memory', () => {
    const bytesOf = (segment: Segment) => {
      const sink = memorySink();
      mergeSegments([segment], sink);
      return sink.bytes();
    };
    const fromMemory = memorySink();
    mergeSegments(split, fromMemory);
    const fromFiles = memorySink();
    mergeSegments(
      split.map((segment, i) => openSegment(`seg-${i}.nbs`, inFile(bytesOf(segment)))),
      fromFiles,
    );
    expect(fromFiles.bytes().equals(fromMemory.bytes())).toBe(true);
  });
});

/** The bytes as a segment file read by positioned reads (as a large one is), in a folder removed once it is open. */
function inFile(bytes: Uint8Array) {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-segment-'));
  try {
    const file = path.join(dir, 'seg-file.nbs');
    writeFileSync(file, bytes);
    return fileSource(file, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Matching counts a two-character Han word's holders from its bigram's
 * count in the dictionaries (match.ts countKnown): that holds only if every
 * article a title or body list gives for the word also holds its bigram.
 * Checked over the seed pages and over articles whose words an OCR line
 * break, a space, Traditional or full-width forms split or dress.
 */
describe("a two-character word's lists are among its bigram's holders", () => {
  it('for every such word of the seed pages and of broken lines', () => {
    const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
    const broken = [
      article('newline', '服\n务群众', '社\n区服务，热\n线电话'),
      article('spaces', '服 务 群 众', '社 区 服 务'),
      article('traditional', '社區服務', '熱線電話 ＡＢＣ１２３４５'),
    ];
    const docs = [...seeds, ...broken].map((item, i) => prepareDoc(tokenizer, item, i + 1));
    const builder = createSegmentBuilder();
    for (const doc of docs) builder.add(doc);
    const sink = memorySink();
    builder.write(sink);
    const segment = openSegment('memory', bufferSource(sink.bytes()));
    const words = new Set(docs.flatMap((doc) => [...doc.title, ...doc.body]).filter((word) => /^\p{Script=Han}{2}$/u.test(word)));
    let postings = 0;
    const outside: string[] = [];
    for (const word of words) {
      const grams = new Set(segment.list('grams', word)?.ids ?? []);
      for (const field of ['title', 'body'] as const) {
        for (const n of segment.list(field, word)?.ids ?? []) {
          postings++;
          if (!grams.has(n)) outside.push(`${word} in ${docs[n]!.id}`);
        }
      }
    }
    expect(outside).toEqual([]);
    expect(words.size).toBeGreaterThan(500);
    expect(postings).toBeGreaterThan(words.size);
    // The broken headline's words were read whole (服务 across the line break), so they are among those checked.
    expect(docs.at(-3)!.title).toEqual(['服务', '群众']);
  });
});

describe('article ids, kept as the bytes the segment stores', () => {
  const withIds = (docs: number, ids: readonly string[]) => {
    const sink = memorySink();
    const seqs = Uint32Array.from({ length: docs }, (_seq, i) => i + 1);
    writeSpec(sink, { docs, seqs, ids, titleLengths: new Uint32Array(docs), bodyLengths: new Uint32Array(docs), eachList: () => undefined });
    return openSegment('seg-ids.nbs', bufferSource(sink.bytes()));
  };

  it('reads each id as written, whatever its characters, through a set of segments too', () => {
    const ids = ['a1', '西宁晚报-2025-02-21-1', '𠀋x', 'z'];
    const segment = withIds(4, ids);
    expect(ids.map((_id, i) => segment.id(i))).toEqual(ids);
    const set = createSegmentSet([withIds(2, ['first', 'second']), segment]);
    expect(Array.from({ length: set.docs }, (_id, n) => set.id(n))).toEqual(['first', 'second', ...ids]);
  });

  it('a segment whose ids do not count its articles is damaged', () => {
    expect(() => withIds(3, ['a', 'b'])).toThrow('search index segment seg-ids.nbs is damaged (article count)');
    expect(() => withIds(1, ['a', 'b'])).toThrow('search index segment seg-ids.nbs is damaged (article count)');
  });
});

describe('a dictionary\'s terms, kept as their code units', () => {
  // Sorted as the writer sorts them (UTF-16 code units): 𠀋 (a surrogate pair) after the BMP's Han, a term before its longer ones.
  const terms = ['12345', 'ktv', '宁', '海', '西宁', '西宁市', '西宁市区', '青海', '\u{2000B}'].sort();
  const table = termTable(Buffer.from(terms.join('\u0000'), 'utf8'));

  it('finds each term at its place and reads it back', () => {
    expect(table.count).toBe(terms.length);
    terms.forEach((term, i) => {
      expect(table.find(term), term).toBe(i);
      expect(table.at(i)).toBe(term);
    });
  });

  it('finds nothing for a term it does not hold: before, between and after them, a part or a longer one', () => {
    for (const absent of ['0', '西', '西宁市区县', '西宁区', '\u{2000C}', '\u{1F600}', 'ktvv', 'kt', '']) expect(table.find(absent), absent).toBe(-1);
    // Asked again (the table keeps its last answers): the same.
    expect([table.find('西宁市'), table.find('西')]).toEqual([terms.indexOf('西宁市'), -1]);
  });

  it('holds no term when the stored list is empty', () => {
    const empty = termTable(Buffer.alloc(0));
    expect([empty.count, empty.find('西宁')]).toEqual([0, -1]);
  });
});

describe('the list cache grows with the index it serves', () => {
  /** A decoded list of `count` articles: 6 bytes each (ids and term frequencies). */
  const listOf = (count: number) => ({ ids: new Uint32Array(count), tfs: new Uint16Array(count) });

  it('keeps at least its bytes, or its share of its segments on disk when that is more', () => {
    const cache = createListCache(100, 1 / 4);
    const big = listOf(20);
    cache.set('big', big);
    expect(cache.get('big')).toBeUndefined();
    // Two segments of 400 bytes: a quarter of them is 200 bytes, room for the 120-byte list.
    cache.scope(400);
    cache.scope(400);
    cache.set('big', big);
    expect(cache.get('big')).toBe(big);
    cache.set('small', listOf(5));
    // One segment closed (merged away): 100 bytes again, and the least recently used list goes.
    cache.release(400);
    cache.set('other', listOf(5));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('small')).toBeDefined();
  });

  it("a segment's file counts while it is open", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-cache-'));
    try {
      const bytes = segmentBytes(['盐湖资源开发'], 1);
      const file = path.join(dir, 'seg.nbs');
      writeFileSync(file, bytes);
      const cache = createListCache(0, 1);
      const big = listOf(Math.floor(bytes.length / 6) + 1);
      // Read by positioned reads, as a large segment is (a small one is read whole, and its lists are not cached).
      const segment = openSegment('seg.nbs', fileSource(file, 0), cache);
      cache.set('half', listOf(Math.floor(bytes.length / 16)));
      expect(cache.get('half')).toBeDefined();
      cache.set('big', big);
      expect(cache.get('big')).toBeUndefined();
      segment.close();
      cache.set('after', listOf(1));
      expect(cache.get('after')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('long title and body lists store their blocks\' maxima', () => {
  // 600 articles over a few body words: 青海 in all of them (tf 1-4), 西宁 in every other (300, tf 2), 省 in every
  // twentieth (30 articles: too few to store); 哈 varies the lengths.
  const bodies = Array.from({ length: 600 }, (_, i) => [
    ...Array.from({ length: 1 + (i % 4) }, () => '青海'),
    ...(i % 2 === 0 ? ['西宁', '西宁'] : []),
    ...(i % 20 === 0 ? ['省'] : []),
    ...Array.from({ length: i % 9 }, () => '哈'),
  ]);
  const folded = bodies.map((words) => words.join(''));
  const wordsOf = (text: string) => bodies[folded.indexOf(text)]!;
  const bytesOf = (from: number, to: number) => {
    const builder = createSegmentBuilder();
    for (let i = from; i < to; i++) builder.add({ seq: 1 + i, id: `a${1 + i}`, folded: folded[i]!, titleEnd: 0, title: [], body: wordsOf(folded[i]!) });
    const sink = memorySink();
    builder.write(sink);
    return sink.bytes();
  };
  const segment = openSegment('memory', bufferSource(bytesOf(0, 600)));
  const average = segment.bodyLengths.reduce((sum, length) => sum + length, 0) / segment.docs;
  const { k, b } = DEFAULT_TUNING.bm25;

  it('as ranking would compute them at the segment\'s average, for lists of at least STORED_MAXIMA_FROM articles', () => {
    for (const word of ['青海', '西宁']) {
      const list = segment.list('body', word)!;
      expect(list.ids.length).toBeGreaterThanOrEqual(STORED_MAXIMA_FROM);
      expect(list.stored?.average).toBe(average);
      expect(list.stored?.parts).toEqual(blockParts(list.ids, list.tfs!, segment.bodyLengths, 0, average, k, b));
      expect(list.stored?.parts.length).toBe(Math.ceil(list.ids.length / BLOCK));
    }
    const short = segment.list('body', '省')!;
    expect(short.ids.length).toBe(30);
    expect(short.stored).toBeUndefined();
  });

  it('a merge stores those of the merged lists, at the merged segment\'s average: byte for byte the segment written at once', () => {
    // Each part's own lists of 青海 are long enough to store maxima (at its own average), which the merge must not carry over.
    const parts = [
      [0, 280],
      [280, 600],
    ].map(([from, to]) => openSegment('memory', bufferSource(bytesOf(from!, to!))));
    expect(parts[0]!.list('body', '青海')!.stored).toBeDefined();
    const merge = memorySink();
    mergeSegments(parts, merge);
    expect(merge.bytes().equals(bytesOf(0, 600))).toBe(true);
  });

  it('ranking takes the stored maxima while they hold at the index\'s average, and computes its own when they do not', () => {
    const list = segment.list('body', '青海')!;
    const bm25 = { ...DEFAULT_TUNING.bm25 };
    // Stored parts moved up by a known amount show which ones a cursor bounds with.
    const marked = { ...list, stored: { ...list.stored!, parts: list.stored!.parts.map((part) => part + 1) } };
    const boundOf = (of: typeof list, at: number) => blockCursor([{ base: 0, list: of }], segment.bodyLengths, at, bm25, 1).boundAt(of.ids[0]!);
    const computed = bm25.d + blockParts(list.ids, list.tfs!, segment.bodyLengths, 0, average, k, b)[0]!;
    expect(boundOf(marked, average)).toBe(computed + 1);
    // At an average 10% larger the stored ones would have to be scaled more than they may: computed again there.
    const larger = average * 1.1;
    expect(boundOf({ ...marked }, larger)).toBe(bm25.d + blockParts(list.ids, list.tfs!, segment.bodyLengths, 0, larger, k, b)[0]!);
  });
});
