import { POSITION_SKIP, type FieldName } from './segment.js';
import { encodedList, runSteps, writeSegmentInSteps, type EncodedList, type Sink } from './segmentWrite.js';
import { forEachHanRun } from './tokenize.js';
import { ByteWriter, varintSize } from './varint.js';

/**
 * Building a segment from tokenized articles. Postings are kept as flat
 * columns of numbers (term, article, frequency; bigram, position), not as a
 * list object per term: adding an article costs a dictionary lookup and a
 * few array writes per word, and a chunk of thousands of articles is a few
 * large arrays for the garbage collector instead of hundreds of thousands
 * of small ones. Written out, the columns are grouped by term with a
 * counting sort and encoded in the terms' order.
 */

/** One article as the builder takes it: already tokenized. */
export interface SegmentDoc {
  /** The article's position in the store (ascending within and across segments). */
  readonly seq: number;
  readonly id: string;
  /** Title, a separator, body, folded: its Han bigrams and characters are indexed. */
  readonly folded: string;
  /** Where the title part of `folded` ends. */
  readonly titleEnd: number;
  /** jieba words of the title and of the body, repeats kept. */
  readonly title: readonly string[];
  readonly body: readonly string[];
}

/** A growable column of u32. */
class Column {
  values = new Uint32Array(1024);
  length = 0;
  push(value: number): number {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    return this.length++;
  }
}

/**
 * The first two Han characters of the main blocks (U+3400-U+9FFF), as one
 * small integer: a bigram looked up without making a string. Other bigrams
 * (compatibility forms, characters beyond the BMP) are looked up by text.
 */
const HAN_LOW = 0x3400;
const HAN_SPAN = 0xa000 - HAN_LOW;
const gramName = (key: number | string): string =>
  typeof key === 'string' ? key : String.fromCharCode(HAN_LOW + Math.floor(key / HAN_SPAN), HAN_LOW + (key % HAN_SPAN));
const charName = (key: number | string): string => (typeof key === 'string' ? key : String.fromCharCode(key));
const wordName = (key: number | string): string => String(key);

/**
 * Small non-negative integers (a character's code, a bigram's key) to term
 * numbers: open addressing over two typed arrays, a few times faster than a
 * Map for the thousand lookups an article makes.
 */
class IntTerms {
  private keys = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  private size = 0;

  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask; ; slot = (slot + 1) & mask) {
      const found = this.keys[slot]!;
      if (found === key) return this.values[slot];
      if (found === -1) return undefined;
    }
  }

  set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.values[slot] = value;
    this.size++;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== -1) this.set(keys[slot]!, values[slot]!);
  }
}

/** The postings of one field while a segment is built. */
class FieldPostings {
  private readonly textTerms = new Map<string, number>();
  private readonly intTerms = new IntTerms();
  readonly termKeys: (number | string)[] = [];
  lastDoc = new Int32Array(1024);
  lastPosting = new Int32Array(1024);
  readonly terms = new Column();
  readonly docs = new Column();
  readonly tfs = new Column();
  /** Grams: where each posting's positions start in `positions` (each posting's are together, ascending). */
  readonly positionStarts = new Column();
  readonly positions = new Column();
  /** Grams: the current article's occurrences (posting, offset), placed when the article is done. */
  private readonly pending = new Column();

  constructor(readonly name: (key: number | string) => string) {}

  /** Notes that article `doc` holds `key` (once more); returns the posting's index. */
  add(doc: number, key: number | string): number {
    let term = typeof key === 'number' ? this.intTerms.get(key) : this.textTerms.get(key);
    if (term === undefined) {
      term = this.termKeys.length;
      if (typeof key === 'number') this.intTerms.set(key, term);
      else this.textTerms.set(key, term);
      this.termKeys.push(key);
      if (term === this.lastDoc.length) {
        const lastDoc = new Int32Array(term * 2);
        lastDoc.set(this.lastDoc);
        this.lastDoc = lastDoc;
        const lastPosting = new Int32Array(term * 2);
        lastPosting.set(this.lastPosting);
        this.lastPosting = lastPosting;
      }
      this.lastDoc[term] = -1;
    }
    if (this.lastDoc[term] === doc) {
      const posting = this.lastPosting[term]!;
      this.tfs.values[posting]!++;
      return posting;
    }
    this.lastDoc[term] = doc;
    this.terms.push(term);
    this.docs.push(doc);
    const posting = this.tfs.push(1);
    this.lastPosting[term] = posting;
    return posting;
  }

  /** A bigram at offset `at` of the current article `doc`. */
  addPosition(doc: number, key: number | string, at: number): void {
    this.pending.push(this.add(doc, key));
    this.pending.push(at);
  }

  /**
   * Places the current article's positions, each posting's together: its
   * postings are the last ones made, and each has as many positions as its
   * frequency. Read back posting by posting, they are then read in order.
   */
  endArticle(firstPosting: number): void {
    let start = this.positions.length;
    for (let posting = firstPosting; posting < this.tfs.length; posting++) {
      this.positionStarts.push(start);
      start += this.tfs.values[posting]!;
    }
    while (this.positions.values.length < start) this.positions.push(0);
    this.positions.length = start;
    const fill = this.positionStarts.values;
    const pending = this.pending.values;
    for (let i = 0; i < this.pending.length; i += 2) this.positions.values[fill[pending[i]!]!++] = pending[i + 1]!;
    // Back to where each posting's positions start (the fill moved them to its end).
    for (let posting = firstPosting; posting < this.tfs.length; posting++) fill[posting] = fill[posting]! - this.tfs.values[posting]!;
    this.pending.length = 0;
  }
}

/**
 * The postings of a field grouped by term (a counting sort), each term's in
 * article order: their articles, frequencies and (grams) position starts
 * copied into that order, so that encoding reads them front to back.
 */
function groupByTerm(postings: FieldPostings) {
  const count = postings.terms.length;
  const terms = postings.terms.values;
  const starts = new Uint32Array(postings.termKeys.length + 1);
  for (let i = 0; i < count; i++) starts[terms[i]! + 1]!++;
  for (let t = 0; t < postings.termKeys.length; t++) starts[t + 1]! += starts[t]!;
  const next = starts.slice(0, postings.termKeys.length);
  const docs = new Uint32Array(count);
  const tfs = new Uint32Array(count);
  const positionStarts = postings.positionStarts.length > 0 ? new Uint32Array(count) : null;
  for (let i = 0; i < count; i++) {
    const slot = next[terms[i]!]!++;
    docs[slot] = postings.docs.values[i]!;
    tfs[slot] = postings.tfs.values[i]!;
    if (positionStarts) positionStarts[slot] = postings.positionStarts.values[i]!;
  }
  return { starts, docs, tfs, positionStarts };
}

/** Encodes and emits every list of `postings`, terms in order. */
function emitField(
  field: FieldName,
  postings: FieldPostings,
  lengths: Uint32Array | null,
  emit: (term: string, list: EncodedList) => void,
): void {
  const grouped = groupByTerm(postings);
  const names = postings.termKeys.map(postings.name);
  const sorted = Array.from(names.keys()).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const ids = new ByteWriter();
  const rest = new ByteWriter();
  const out = new ByteWriter();
  const { docs, tfs, positionStarts } = grouped;
  for (const term of sorted) {
    ids.reset();
    rest.reset();
    const from = grouped.starts[term]!;
    const to = grouped.starts[term + 1]!;
    let previous = 0;
    let maxTf = 0;
    let minLength = 0xffffffff;
    for (let k = from; k < to; k++) {
      const doc = docs[k]!;
      ids.varint(doc - previous);
      previous = doc;
      if (lengths) {
        rest.varint(tfs[k]!);
        maxTf = Math.max(maxTf, tfs[k]!);
        minLength = Math.min(minLength, lengths[doc]!);
      }
    }
    if (field === 'grams') encodePositions(rest, from, to, tfs, positionStarts!, postings.positions.values);
    emit(names[term]!, encodedList(out, ids, rest, to - from, lengths ? maxTf : 0, lengths ? minLength : 0));
  }
}

/** A bigram's positions for its grouped postings `from`-`to`: the skip table, then each entry's byte length and gaps. */
function encodePositions(out: ByteWriter, from: number, to: number, counts: Uint32Array, starts: Uint32Array, positions: Uint32Array): void {
  const table = out.reserve(4 * Math.ceil((to - from) / POSITION_SKIP));
  const stream = out.length;
  for (let k = from; k < to; k++) {
    const e = k - from;
    if (e % POSITION_SKIP === 0) out.u32At(table + 4 * (e / POSITION_SKIP), out.length - stream);
    const n = counts[k]!;
    const start = starts[k]!;
    let length = 0;
    let previous = 0;
    for (let j = start; j < start + n; j++) {
      length += varintSize(positions[j]! - previous);
      previous = positions[j]!;
    }
    out.varint(length);
    previous = 0;
    for (let j = start; j < start + n; j++) {
      const at = positions[j]!;
      out.varint(at - previous);
      previous = at;
    }
  }
}

/** Collects tokenized articles in memory until they are written out as one segment. */
export interface SegmentBuilder {
  add(doc: SegmentDoc): void;
  readonly docs: number;
  /** Writes the segment to `sink`; the builder is spent afterwards. */
  write(sink: Sink): void;
  /** The same, pausing after each field (writeSegmentInSteps). */
  writeInSteps(sink: Sink): Generator<void, void, undefined>;
}

export function createSegmentBuilder(): SegmentBuilder {
  const fields = {
    title: new FieldPostings(wordName),
    body: new FieldPostings(wordName),
    grams: new FieldPostings(gramName),
    chars: new FieldPostings(charName),
    titleChars: new FieldPostings(charName),
  } satisfies Record<FieldName, FieldPostings>;
  const seqs = new Column();
  const ids: string[] = [];
  const titleLengths = new Column();
  const bodyLengths = new Column();

  /** The Han bigrams (with their offsets) and characters of article `doc`. */
  const addHan = (doc: number, text: string, titleEnd: number) => {
    forEachHanRun(text, (start, end) => {
      for (let i = start; i < end; ) {
        const unit = text.charCodeAt(i);
        const width = unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
        if (width === 1) {
          fields.chars.add(doc, unit);
          if (i < titleEnd) fields.titleChars.add(doc, unit);
        }
        const next = i + width;
        if (next >= end) break;
        const second = text.charCodeAt(next);
        const nextWidth = second >= 0xd800 && second <= 0xdbff ? 2 : 1;
        const key =
          width === 1 && nextWidth === 1 && unit >= HAN_LOW && unit < 0xa000 && second >= HAN_LOW && second < 0xa000
            ? (unit - HAN_LOW) * HAN_SPAN + (second - HAN_LOW)
            : text.slice(i, next + nextWidth);
        fields.grams.addPosition(doc, key, i);
        i = next;
      }
    });
  };

  function* writeInSteps(sink: Sink): Generator<void, void, undefined> {
    const lengths = { title: titleLengths.values.subarray(0, ids.length), body: bodyLengths.values.subarray(0, ids.length) };
    yield* writeSegmentInSteps(sink, {
      docs: ids.length,
      seqs: seqs.values.slice(0, ids.length),
      ids,
      titleLengths: lengths.title.slice(),
      bodyLengths: lengths.body.slice(),
      eachList(field, emit) {
        emitField(field, fields[field], field === 'title' || field === 'body' ? lengths[field] : null, emit);
      },
    });
  }

  return {
    get docs() {
      return ids.length;
    },
    add(doc) {
      const n = ids.length;
      if (n > 0 && doc.seq <= seqs.values[n - 1]!) throw new Error(`segment: article ${doc.id} out of store order`);
      seqs.push(doc.seq);
      ids.push(doc.id);
      titleLengths.push(doc.title.length);
      bodyLengths.push(doc.body.length);
      for (const word of doc.title) fields.title.add(n, word);
      for (const word of doc.body) fields.body.add(n, word);
      const firstGram = fields.grams.tfs.length;
      addHan(n, doc.folded, doc.titleEnd);
      fields.grams.endArticle(firstGram);
    },
    write(sink) {
      runSteps(writeInSteps(sink));
    },
    writeInSteps,
  };
}
