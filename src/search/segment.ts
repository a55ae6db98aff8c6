import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * One segment of the search index: the postings of a run of stored articles
 * (consecutive in store order), as one file. The index is a list of segments
 * (segments.ts), so a new page adds a small segment instead of rewriting the
 * whole index, and segments are merged later (indexDir.ts).
 *
 * Only the small parts (term dictionaries, article ids, lengths) are read
 * when a segment opens; posting lists and folded texts are read from the
 * file when a query needs them (a positioned read each, page-cached by the
 * OS). So a start does not grow with the archive, and serving memory holds
 * neither the postings nor any article text: at 100,000 articles the old
 * all-in-memory index was ~720 MB of a 1,466 MB serving RSS.
 *
 * The bigram field also keeps where each bigram starts in each article, so
 * whether an article holds a longer Han stretch (a quoted phrase, a word
 * jieba cut another way, a typed run) is told from the postings: reading and
 * scanning the texts of a common stretch's thousands of holders was most of
 * a slow query's time (70-115 MB read per query at 100,000 articles).
 *
 * Every part carries a CRC-32: the dictionaries when the segment opens, each
 * posting list and each folded text when it is read. A damaged file is found
 * (SegmentDamagedError) instead of loading silently and answering nothing.
 *
 * Layout: "NBSEG001", the folded texts, the posting lists of each field, the
 * bigram positions, the small blobs (each part on an 8-byte boundary), the
 * header (UTF-8 JSON), its length (u32 LE), its CRC-32 (u32 LE), "NBSEG001".
 * The header comes last so that a merge can stream the blobs out first.
 */

const MAGIC = 'NBSEG001';
/** Bumped whenever the tokenizer or what a segment holds changes: older segments are rebuilt. */
export const SEGMENT_VERSION = 2;

/** The five posting fields: jieba words of title and body (with term frequencies), and the Han bigram and character lists. */
export type FieldName = 'title' | 'body' | 'grams' | 'chars' | 'titleChars';
export const FIELDS: readonly FieldName[] = ['title', 'body', 'grams', 'chars', 'titleChars'];
const hasTfs = (field: FieldName) => field === 'title' || field === 'body';

/** One article as the segment keeps it: already tokenized. */
export interface SegmentDoc {
  /** The article's position in the store (ascending within and across segments). */
  readonly seq: number;
  readonly id: string;
  /** Title, TITLE_END, body, folded: for substring and phrase checks. */
  readonly folded: string;
  readonly title: readonly string[];
  readonly body: readonly string[];
  /** Each Han bigram, with the offsets in `folded` where it starts (ascending). */
  readonly grams: ReadonlyMap<string, readonly number[]>;
  readonly chars: Iterable<string>;
  readonly titleChars: Iterable<string>;
}

/** One posting list: local article numbers (ascending) and, for title and body, their term frequencies. */
export interface PostingList {
  readonly ids: Uint32Array;
  readonly tfs: Uint16Array | null;
}

/**
 * Where one bigram starts in each article of its posting list: the offsets of
 * entry i (the list's i-th article) are `at[ends[i - 1]]` up to `at[ends[i]]`
 * (from 0 for the first), ascending.
 */
export interface GramPositions {
  readonly ends: Uint32Array;
  readonly at: Uint32Array;
}

/** A damaged segment file: the caller drops it and re-indexes its articles from the store. */
export class SegmentDamagedError extends Error {
  constructor(
    readonly segment: string,
    what: string,
    message = `search index segment ${segment} is damaged (${what})`,
  ) {
    super(message);
    this.name = 'SegmentDamagedError';
  }
}

/** A segment written by another version of newsbot (another SEGMENT_VERSION): replaced like a damaged one, said plainly. */
export class SegmentVersionError extends SegmentDamagedError {
  constructor(segment: string, version: unknown) {
    super(segment, `format ${String(version)}`, `search index segment ${segment} has format ${String(version)}, this version writes ${SEGMENT_VERSION}`);
    this.name = 'SegmentVersionError';
  }
}

/** An open segment. Local article numbers run from 0 to docs - 1. */
export interface Segment {
  /** The file name, or "memory". */
  readonly name: string;
  readonly docs: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly ids: readonly string[];
  readonly seqs: Uint32Array;
  readonly titleLengths: Uint32Array;
  readonly bodyLengths: Uint32Array;
  /** Every term of `field` (for merging). */
  terms(field: FieldName): readonly string[];
  /** Articles holding `term` in `field`, without reading the list. */
  count(field: FieldName, term: string): number;
  /** The posting list of `term`, or null. Throws SegmentDamagedError on a checksum mismatch. */
  list(field: FieldName, term: string): PostingList | null;
  /** Where `gram` starts in each article of its `grams` list, or null. Throws SegmentDamagedError on a checksum mismatch. */
  positions(gram: string): GramPositions | null;
  /** The folded text of local article `doc`. Throws SegmentDamagedError on a checksum mismatch. */
  folded(doc: number): string;
  /**
   * Which of the local articles `docs` (ascending) have `needle` (UTF-8) in
   * their folded text. Neighbouring texts are read together and searched as
   * bytes: a common word's few thousand candidates cost a few reads, not a
   * read and a string each.
   */
  holding(docs: ArrayLike<number>, needle: Uint8Array): number[];
  close(): void;
}

// ---------------------------------------------------------------- building

interface Growing {
  ids: Uint32Array;
  tfs: Uint16Array | null;
  length: number;
}

/** A bigram's offsets while a segment is built: `ends` is parallel to its posting's ids. */
interface GrowingPositions {
  ends: Uint32Array;
  at: Uint32Array;
  length: number;
}

/** `array` with room for at least `need` entries: itself, or a copy half as large again. */
function room(array: Uint32Array, used: number, need: number): Uint32Array {
  if (need <= array.length) return array;
  const grown = new Uint32Array(Math.max(need, Math.ceil(array.length * 1.5) + 1));
  grown.set(array.subarray(0, used));
  return grown;
}

/** Collects tokenized articles in memory until they are written out as one segment. */
export interface SegmentBuilder {
  add(doc: SegmentDoc): void;
  readonly docs: number;
  /** Writes the segment to `sink`; the builder is spent afterwards. */
  write(sink: Sink): void;
}

export function createSegmentBuilder(): SegmentBuilder {
  const postings = new Map<FieldName, Map<string, Growing>>(FIELDS.map((field) => [field, new Map()]));
  const gramPositions = new Map<string, GrowingPositions>();
  const seqs: number[] = [];
  const ids: string[] = [];
  const folded: string[] = [];
  const titleLengths: number[] = [];
  const bodyLengths: number[] = [];

  const record = (field: FieldName, doc: number, term: string, tf: number) => {
    const map = postings.get(field)!;
    let posting = map.get(term);
    if (!posting) {
      posting = { ids: new Uint32Array(2), tfs: hasTfs(field) ? new Uint16Array(2) : null, length: 0 };
      map.set(term, posting);
    } else if (posting.length === posting.ids.length) {
      // Grow by half: a list's slack stays under a third of it.
      const size = Math.ceil(posting.length * 1.5) + 1;
      const grown = new Uint32Array(size);
      grown.set(posting.ids);
      posting.ids = grown;
      if (posting.tfs) {
        const tfs = new Uint16Array(size);
        tfs.set(posting.tfs);
        posting.tfs = tfs;
      }
    }
    posting.ids[posting.length] = doc;
    if (posting.tfs) posting.tfs[posting.length] = Math.min(tf, 0xffff);
    posting.length++;
  };
  const recordGram = (doc: number, gram: string, offsets: readonly number[]) => {
    record('grams', doc, gram, 1);
    let positions = gramPositions.get(gram);
    if (!positions) {
      positions = { ends: new Uint32Array(2), at: new Uint32Array(2), length: 0 };
      gramPositions.set(gram, positions);
    }
    const entries = postings.get('grams')!.get(gram)!.length;
    positions.ends = room(positions.ends, entries - 1, entries);
    positions.at = room(positions.at, positions.length, positions.length + offsets.length);
    positions.at.set(offsets, positions.length);
    positions.length += offsets.length;
    positions.ends[entries - 1] = positions.length;
  };
  const addWords = (field: FieldName, doc: number, tokens: readonly string[]) => {
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    for (const [term, n] of tf) record(field, doc, term, n);
  };

  return {
    get docs() {
      return ids.length;
    },
    add(doc) {
      const n = ids.length;
      if (n > 0 && doc.seq <= seqs[n - 1]!) throw new Error(`segment: article ${doc.id} out of store order`);
      seqs.push(doc.seq);
      ids.push(doc.id);
      folded.push(doc.folded);
      titleLengths.push(doc.title.length);
      bodyLengths.push(doc.body.length);
      addWords('title', n, doc.title);
      addWords('body', n, doc.body);
      for (const [gram, offsets] of doc.grams) recordGram(n, gram, offsets);
      for (const char of doc.chars) record('chars', n, char, 1);
      for (const char of doc.titleChars) record('titleChars', n, char, 1);
    },
    write(sink) {
      if (ids.length === 0) throw new Error('segment: nothing to write');
      const fields = new Map(
        FIELDS.map((field) => {
          const map = postings.get(field)!;
          const terms = [...map.keys()];
          return [
            field,
            {
              terms,
              list: (i: number): PostingList => {
                const posting = map.get(terms[i]!)!;
                return { ids: posting.ids.subarray(0, posting.length), tfs: posting.tfs?.subarray(0, posting.length) ?? null };
              },
            },
          ] as const;
        }),
      );
      writeSegment(sink, {
        docs: ids.length,
        seqs: Uint32Array.from(seqs),
        ids,
        titleLengths: Uint32Array.from(titleLengths),
        bodyLengths: Uint32Array.from(bodyLengths),
        writeFolded(emit) {
          for (const text of folded) emit(Buffer.from(text, 'utf8'));
        },
        fields,
        gramPositions(i) {
          const positions = gramPositions.get(fields.get('grams')!.terms[i]!)!;
          const entries = postings.get('grams')!.get(fields.get('grams')!.terms[i]!)!.length;
          return { ends: positions.ends.subarray(0, entries), at: positions.at.subarray(0, positions.length) };
        },
      });
    },
  };
}

// ---------------------------------------------------------------- writing

/** Where a segment's bytes go: a file (buffered writes) or memory. */
export interface Sink {
  write(bytes: Uint8Array): void;
  readonly offset: number;
  /** Flushes what is buffered. */
  end(): void;
}

/** A sink writing to an open file descriptor through a 1 MB buffer (a write per posting list would be ~100,000 system calls). */
export function fileSink(fd: number): Sink {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let offset = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(fd, buffer, done, used - done);
    used = 0;
  };
  return {
    get offset() {
      return offset;
    },
    write(bytes) {
      offset += bytes.byteLength;
      if (bytes.byteLength > buffer.byteLength - used) flush();
      if (bytes.byteLength >= buffer.byteLength) {
        let done = 0;
        while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
        return;
      }
      buffer.set(bytes, used);
      used += bytes.byteLength;
    },
    end: flush,
  };
}

/** A sink that keeps the bytes (an index with no directory: tests, `--corpus` runs). */
export function memorySink(): Sink & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  let offset = 0;
  return {
    get offset() {
      return offset;
    },
    write(bytes) {
      chunks.push(Buffer.from(bytes));
      offset += bytes.byteLength;
    },
    end() {},
    bytes: () => Buffer.concat(chunks),
  };
}

interface BlobRef {
  readonly offset: number;
  readonly bytes: number;
  readonly crc: number;
}

interface Header {
  readonly version: number;
  readonly docs: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The file's length, 15 digits. */
  readonly totalBytes: string;
  /** Small parts, read and checked when the segment opens. */
  readonly meta: Record<string, BlobRef>;
  /** Per field: where its posting lists start and how many bytes they take. */
  readonly lists: Record<FieldName, { offset: number; bytes: number }>;
  /** The bigrams' positions, in the order of the grams dictionary. */
  readonly positions: { offset: number; bytes: number };
  readonly folded: { offset: number; bytes: number };
}

interface SegmentSpec {
  readonly docs: number;
  readonly seqs: Uint32Array;
  readonly ids: readonly string[];
  readonly titleLengths: Uint32Array;
  readonly bodyLengths: Uint32Array;
  /** Emits each article's folded text (UTF-8), in order. */
  writeFolded(emit: (text: Uint8Array) => void): void;
  readonly fields: ReadonlyMap<FieldName, { readonly terms: readonly string[]; list(i: number): PostingList }>;
  /** The positions of the `i`-th term of the grams field. */
  gramPositions(i: number): GramPositions;
}

const bytesOf = (array: Uint32Array | Uint16Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * The bytes of many small typed arrays, one after the other, through one
 * reused buffer. Taking `.buffer` of a small typed array makes V8 move it
 * off its heap: done for each of a segment's tens of thousands of short
 * lists, that was most of the time of writing one.
 */
function createStager() {
  let staged = new Uint8Array(1 << 16);
  return (array: Uint32Array | Uint16Array): Uint8Array => {
    const bytes = array.length * array.BYTES_PER_ELEMENT;
    if (bytes > staged.byteLength) staged = new Uint8Array(Math.max(bytes, staged.byteLength * 2));
    const view = array instanceof Uint32Array ? new Uint32Array(staged.buffer, 0, array.length) : new Uint16Array(staged.buffer, 0, array.length);
    view.set(array);
    return staged.subarray(0, bytes);
  };
}
const listBytes = (count: number, tfs: boolean) => count * 4 + (tfs ? align4(count * 2) : 0);
const align4 = (n: number) => n + ((4 - (n % 4)) % 4);
const ZEROS = new Uint8Array(8);

function writeSegment(sink: Sink, spec: SegmentSpec): void {
  const pad = () => {
    const rest = (8 - (sink.offset % 8)) % 8;
    if (rest > 0) sink.write(ZEROS.subarray(0, rest));
  };
  sink.write(Buffer.from(MAGIC, 'latin1'));
  const stage = createStager();

  const foldedStart = sink.offset;
  const foldedLengths = new Uint32Array(spec.docs);
  const foldedCrcs = new Uint32Array(spec.docs);
  let doc = 0;
  spec.writeFolded((text) => {
    foldedLengths[doc] = text.byteLength;
    foldedCrcs[doc] = crc32(text);
    doc++;
    sink.write(text);
  });
  if (doc !== spec.docs) throw new Error(`segment: ${doc} folded texts for ${spec.docs} articles`);
  const folded = { offset: foldedStart, bytes: sink.offset - foldedStart };
  pad();

  const lists = {} as Record<FieldName, { offset: number; bytes: number }>;
  const meta: Record<string, BlobRef> = {};
  const perField = new Map<FieldName, { counts: Uint32Array; crcs: Uint32Array; terms: readonly string[] }>();
  for (const field of FIELDS) {
    const { terms, list } = spec.fields.get(field)!;
    const counts = new Uint32Array(terms.length);
    const crcs = new Uint32Array(terms.length);
    const start = sink.offset;
    terms.forEach((_term, i) => {
      const posting = list(i);
      counts[i] = posting.ids.length;
      const idBytes = stage(posting.ids);
      let crc = crc32(idBytes);
      sink.write(idBytes);
      if (hasTfs(field)) {
        const tfBytes = stage(posting.tfs!);
        crc = crc32(tfBytes, crc);
        sink.write(tfBytes);
        if (tfBytes.byteLength % 4 !== 0) sink.write(ZEROS.subarray(0, 2));
      }
      crcs[i] = crc;
    });
    lists[field] = { offset: start, bytes: sink.offset - start };
    pad();
    perField.set(field, { counts, crcs, terms });
  }

  const gramCount = perField.get('grams')!.terms.length;
  const positionTotals = new Uint32Array(gramCount);
  const positionCrcs = new Uint32Array(gramCount);
  const positionsStart = sink.offset;
  for (let i = 0; i < gramCount; i++) {
    const { ends, at } = spec.gramPositions(i);
    if (ends.length !== perField.get('grams')!.counts[i] || at.length !== (ends.at(-1) ?? 0)) throw new Error('segment: bigram positions do not match the list');
    positionTotals[i] = at.length;
    const endBytes = stage(ends);
    const endCrc = crc32(endBytes);
    sink.write(endBytes);
    const atBytes = stage(at);
    positionCrcs[i] = crc32(atBytes, endCrc);
    sink.write(atBytes);
  }
  const positions = { offset: positionsStart, bytes: sink.offset - positionsStart };
  pad();

  const blob = (name: string, bytes: Uint8Array) => {
    meta[name] = { offset: sink.offset, bytes: bytes.byteLength, crc: crc32(bytes) };
    sink.write(bytes);
    pad();
  };
  // NUL never occurs in an id or a token: it separates the strings.
  blob('ids', Buffer.from(spec.ids.join('\u0000'), 'utf8'));
  blob('seqs', bytesOf(spec.seqs));
  blob('titleLengths', bytesOf(spec.titleLengths));
  blob('bodyLengths', bytesOf(spec.bodyLengths));
  blob('foldedLengths', bytesOf(foldedLengths));
  blob('foldedCrcs', bytesOf(foldedCrcs));
  blob('positionTotals', bytesOf(positionTotals));
  blob('positionCrcs', bytesOf(positionCrcs));
  for (const [field, { counts, crcs, terms }] of perField) {
    blob(`${field}.terms`, Buffer.from(terms.join('\u0000'), 'utf8'));
    blob(`${field}.counts`, bytesOf(counts));
    blob(`${field}.crcs`, bytesOf(crcs));
  }

  const headerStart = sink.offset;
  const partial = {
    version: SEGMENT_VERSION,
    docs: spec.docs,
    firstSeq: spec.seqs[0]!,
    lastSeq: spec.seqs[spec.docs - 1]!,
    meta,
    lists,
    positions,
    folded,
  };
  // totalBytes is in the header itself: written with a fixed width, the header's length does not depend on it.
  const draft = (total: number) => JSON.stringify({ ...partial, totalBytes: String(total).padStart(15, '0') });
  const header = draft(headerStart + Buffer.byteLength(draft(0)) + 16);
  const headerBytes = Buffer.from(header, 'utf8');
  sink.write(headerBytes);
  const tail = Buffer.alloc(16);
  tail.writeUInt32LE(headerBytes.byteLength, 0);
  tail.writeUInt32LE(crc32(headerBytes), 4);
  tail.write(MAGIC, 8, 'latin1');
  sink.write(tail);
  sink.end();
}

// ---------------------------------------------------------------- reading

/** Bytes of a segment: a file read with positioned reads, or a buffer. */
export interface ByteSource {
  readonly size: number;
  /** The bytes are in memory: reading them costs nothing, so lists read are not cached. */
  readonly inMemory: boolean;
  /** `bytes` bytes at `offset`; typed-array views on them are aligned when `offset` is (a file's parts are). */
  read(offset: number, bytes: number): Uint8Array;
  /** Fills `target` with the bytes at `offset`. */
  readInto(target: Uint8Array, offset: number): void;
  close(): void;
}

/**
 * Files up to this size are read whole when opened: a new page's segment is
 * a few hundred KB, and merging two of them read each of their thousands of
 * lists with a system call of its own (about 100 ms per page at 100,000
 * articles, on the event loop of a serving bot).
 */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** The bytes of a segment file: read whole when it is small, else by positioned reads. */
export function fileSource(file: string): ByteSource {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  if (size <= READ_WHOLE_BYTES) {
    try {
      // A file cut short meanwhile gives what is there, which openSegment finds damaged.
      return bufferSource(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }
  const readInto = (target: Uint8Array, offset: number) => {
    let done = 0;
    while (done < target.byteLength) {
      const got = readSync(fd, target, done, target.byteLength - done, offset + done);
      if (got === 0) throw new RangeError(`short read at ${offset}`);
      done += got;
    }
  };
  return {
    size,
    inMemory: false,
    read(offset, bytes) {
      // Not zero-filled (it is overwritten at once), and not from the shared pool, so views on it are aligned.
      const out = new Uint8Array(Buffer.allocUnsafeSlow(bytes).buffer, 0, bytes);
      readInto(out, offset);
      return out;
    },
    readInto,
    close: () => closeSync(fd),
  };
}

export function bufferSource(buffer: Uint8Array): ByteSource {
  return {
    size: buffer.byteLength,
    inMemory: true,
    read(offset, bytes) {
      if (offset + bytes > buffer.byteLength) throw new RangeError(`short read at ${offset}`);
      // A view, no copy (a merge of two small segments reads tens of thousands of lists), unless it would not be aligned.
      if ((buffer.byteOffset + offset) % 4 === 0) return buffer.subarray(offset, offset + bytes);
      const out = new Uint8Array(new ArrayBuffer(bytes));
      out.set(buffer.subarray(offset, offset + bytes));
      return out;
    },
    readInto(target, offset) {
      if (offset + target.byteLength > buffer.byteLength) throw new RangeError(`short read at ${offset}`);
      target.set(buffer.subarray(offset, offset + target.byteLength));
    },
    close() {},
  };
}

const u32 = (bytes: Uint8Array) => new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const strings = (bytes: Uint8Array) => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text === '' ? [] : text.split('\u0000');
};

/**
 * Posting lists read lately, shared by the segments of an index, most
 * recently used last: readers ask for the same common words and characters
 * again and again, and a list from memory costs nothing to read again.
 */
export interface ListCache {
  /** A prefix no other segment's keys use. */
  scope(): string;
  get(key: string): PostingList | GramPositions | undefined;
  set(key: string, list: PostingList | GramPositions): void;
}

/** A cache of at most `maxBytes` bytes of posting lists and bigram positions. */
export function createListCache(maxBytes: number): ListCache {
  const lists = new Map<string, PostingList | GramPositions>();
  const size = (list: PostingList | GramPositions) =>
    'ids' in list ? list.ids.byteLength + (list.tfs?.byteLength ?? 0) : list.ends.byteLength + list.at.byteLength;
  let used = 0;
  let scopes = 0;
  return {
    scope: () => `${scopes++}\u0000`,
    get(key) {
      const list = lists.get(key);
      if (list) {
        lists.delete(key);
        lists.set(key, list);
      }
      return list;
    },
    set(key, list) {
      if (size(list) > maxBytes) return;
      lists.set(key, list);
      used += size(list);
      for (const [old, value] of lists) {
        if (used <= maxBytes) break;
        lists.delete(old);
        used -= size(value);
      }
    },
  };
}

/** Opens a segment over `source`. Throws SegmentDamagedError when its header or dictionaries do not check out. */
export function openSegment(name: string, source: ByteSource, cache: ListCache = createListCache(0)): Segment {
  const damaged = (what: string) => new SegmentDamagedError(name, what);
  const read = (offset: number, bytes: number, what: string): Uint8Array => {
    try {
      return source.read(offset, bytes);
    } catch {
      throw damaged(`${what} cut off`);
    }
  };
  if (source.size < 24) throw damaged('too short');
  const tail = read(source.size - 16, 16, 'tail');
  const tailView = Buffer.from(tail.buffer, tail.byteOffset, 16);
  const head = Buffer.from(read(0, 8, 'start'));
  if (head.toString('latin1') !== MAGIC || tailView.toString('latin1', 8, 16) !== MAGIC) throw damaged('not a segment, or cut off');
  const headerBytes = tailView.readUInt32LE(0);
  if (headerBytes > source.size - 24) throw damaged('header length');
  const headerRaw = read(source.size - 16 - headerBytes, headerBytes, 'header');
  if (crc32(headerRaw) !== tailView.readUInt32LE(4)) throw damaged('header checksum');
  const header = JSON.parse(Buffer.from(headerRaw).toString('utf8')) as Header;
  if (Number(header.totalBytes) !== source.size) throw damaged(`size ${source.size}, expected ${header.totalBytes}`);
  if (header.version !== SEGMENT_VERSION) throw new SegmentVersionError(name, header.version);

  const metaBlob = (key: string): Uint8Array => {
    const ref = header.meta[key];
    if (!ref) throw damaged(`no ${key}`);
    const bytes = read(ref.offset, ref.bytes, key);
    if (crc32(bytes) !== ref.crc) throw damaged(`${key} checksum`);
    return bytes;
  };
  const ids = strings(metaBlob('ids'));
  const seqs = u32(metaBlob('seqs'));
  const titleLengths = u32(metaBlob('titleLengths'));
  const bodyLengths = u32(metaBlob('bodyLengths'));
  const foldedLengths = u32(metaBlob('foldedLengths'));
  const foldedCrcs = u32(metaBlob('foldedCrcs'));
  const docs = header.docs;
  if ([ids.length, seqs.length, titleLengths.length, bodyLengths.length, foldedLengths.length].some((n) => n !== docs)) {
    throw damaged('article count');
  }
  const foldedStarts = new Float64Array(docs + 1);
  for (let i = 0; i < docs; i++) foldedStarts[i + 1] = foldedStarts[i]! + foldedLengths[i]!;
  if (foldedStarts[docs] !== header.folded.bytes) throw damaged('folded texts');

  const fields = new Map(
    FIELDS.map((field) => {
      const terms = strings(metaBlob(`${field}.terms`));
      const counts = u32(metaBlob(`${field}.counts`));
      const crcs = u32(metaBlob(`${field}.crcs`));
      if (terms.length !== counts.length || crcs.length !== counts.length) throw damaged(`${field} dictionary`);
      const index = new Map<string, number>();
      terms.forEach((term, i) => index.set(term, i));
      const starts = new Float64Array(counts.length + 1);
      for (let i = 0; i < counts.length; i++) starts[i + 1] = starts[i]! + listBytes(counts[i]!, hasTfs(field));
      if (starts[counts.length] !== header.lists[field].bytes) throw damaged(`${field} lists`);
      return [field, { index, counts, crcs, starts, base: header.lists[field].offset }] as const;
    }),
  );
  const grams = fields.get('grams')!;
  const positionTotals = u32(metaBlob('positionTotals'));
  const positionCrcs = u32(metaBlob('positionCrcs'));
  if (positionTotals.length !== grams.counts.length || positionCrcs.length !== grams.counts.length) throw damaged('bigram positions dictionary');
  const positionStarts = new Float64Array(grams.counts.length + 1);
  for (let i = 0; i < grams.counts.length; i++) positionStarts[i + 1] = positionStarts[i]! + 4 * (grams.counts[i]! + positionTotals[i]!);
  if (positionStarts[grams.counts.length] !== header.positions.bytes) throw damaged('bigram positions');

  // Lists of a segment in memory are views on its bytes: nothing to keep, and nothing to push out of the cache.
  const lists = source.inMemory ? createListCache(0) : cache;
  const scope = lists.scope();
  /** Folded texts whose checksum has been checked (1). */
  const checked = new Uint8Array(docs);
  /** Where `holding` reads texts. */
  const scratch = Buffer.allocUnsafe(WINDOW);

  return {
    name,
    docs,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    ids,
    seqs,
    titleLengths,
    bodyLengths,
    terms: (field) => [...fields.get(field)!.index.keys()],
    count(field, term) {
      const f = fields.get(field)!;
      const i = f.index.get(term);
      return i === undefined ? 0 : f.counts[i]!;
    },
    list(field, term) {
      const f = fields.get(field)!;
      const i = f.index.get(term);
      if (i === undefined) return null;
      const key = `${scope}${field}\u0000${term}`;
      const hit = lists.get(key);
      if (hit && 'ids' in hit) return hit;
      const count = f.counts[i]!;
      const bytes = read(f.base + f.starts[i]!, f.starts[i + 1]! - f.starts[i]!, `${field} list`);
      const withTfs = hasTfs(field);
      const checked = withTfs ? bytes.subarray(0, count * 6) : bytes;
      if (crc32(checked) !== f.crcs[i]) throw damaged(`${field} list checksum`);
      const ids = new Uint32Array(bytes.buffer, bytes.byteOffset, count);
      // The checksum holds; a last id past the segment would still mean a writer's bug, not a query's.
      if (count > 0 && ids[count - 1]! >= docs) throw damaged(`${field} list range`);
      const list: PostingList = { ids, tfs: withTfs ? new Uint16Array(bytes.buffer, bytes.byteOffset + count * 4, count) : null };
      lists.set(key, list);
      return list;
    },
    positions(gram) {
      const i = grams.index.get(gram);
      if (i === undefined) return null;
      const key = `${scope}positions\u0000${gram}`;
      const hit = lists.get(key);
      if (hit && 'at' in hit) return hit;
      const count = grams.counts[i]!;
      const total = positionTotals[i]!;
      const bytes = read(header.positions.offset + positionStarts[i]!, 4 * (count + total), 'bigram positions');
      if (crc32(bytes) !== positionCrcs[i]) throw damaged('bigram positions checksum');
      const positions: GramPositions = {
        ends: new Uint32Array(bytes.buffer, bytes.byteOffset, count),
        at: new Uint32Array(bytes.buffer, bytes.byteOffset + 4 * count, total),
      };
      if ((count > 0 ? positions.ends[count - 1] : 0) !== total) throw damaged('bigram positions range');
      lists.set(key, positions);
      return positions;
    },
    folded(doc) {
      const start = foldedStarts[doc]!;
      const bytes = read(header.folded.offset + start, foldedStarts[doc + 1]! - start, 'folded text');
      if (crc32(bytes) !== foldedCrcs[doc]) throw damaged('folded text checksum');
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    },
    holding(docs, needle) {
      const found: number[] = [];
      for (let i = 0; i < docs.length; ) {
        // One read for candidates whose texts lie close together (at most GAP bytes between two).
        const first = docs[i]!;
        let j = i + 1;
        while (
          j < docs.length &&
          foldedStarts[docs[j]!]! - foldedStarts[docs[j - 1]! + 1]! <= GAP &&
          foldedStarts[docs[j]! + 1]! - foldedStarts[first]! <= WINDOW
        ) {
          j++;
        }
        const from = foldedStarts[first]!;
        const length = foldedStarts[docs[j - 1]! + 1]! - from;
        const window = length <= scratch.byteLength ? scratch.subarray(0, length) : Buffer.allocUnsafe(length);
        try {
          source.readInto(window, header.folded.offset + from);
        } catch {
          throw damaged('folded text cut off');
        }
        // Each text's checksum is checked the first time it is read.
        for (let k = i; k < j; k++) {
          const doc = docs[k]!;
          if (checked[doc] === 1) continue;
          if (crc32(window.subarray(foldedStarts[doc]! - from, foldedStarts[doc + 1]! - from)) !== foldedCrcs[doc]) throw damaged('folded text checksum');
          checked[doc] = 1;
        }
        // One pass over the window: each match found names its article, then the search goes on from the next candidate.
        let k = i;
        let at = window.indexOf(needle, foldedStarts[docs[k]!]! - from);
        while (at >= 0 && k < j) {
          while (k < j && foldedStarts[docs[k]! + 1]! - from < at + needle.byteLength) k++;
          if (k === j) break;
          const start = foldedStarts[docs[k]!]! - from;
          if (at >= start) {
            found.push(docs[k]!);
            k++;
            if (k === j) break;
            at = window.indexOf(needle, foldedStarts[docs[k]!]! - from);
          } else {
            at = window.indexOf(needle, start);
          }
        }
        i = j;
      }
      return found;
    },
    close: () => source.close(),
  };
}

/** Bytes of folded text read at once when checking candidates (see `holding`). */
const WINDOW = 256 * 1024;
/** Texts of candidates at most this many bytes apart are read together (the bytes between are read too). */
const GAP = 4096;

// ---------------------------------------------------------------- merging

/**
 * Writes the segments `inputs` (consecutive, in store order) as one segment
 * to `sink`, list by list: it never holds more than one term's lists of the
 * inputs in memory, so a merge of the whole archive stays small.
 */
export function mergeSegments(inputs: readonly Segment[], sink: Sink): void {
  const bases: number[] = [];
  let docs = 0;
  for (const segment of inputs) {
    bases.push(docs);
    docs += segment.docs;
  }
  const concat = (pick: (segment: Segment) => Uint32Array) => {
    const out = new Uint32Array(docs);
    inputs.forEach((segment, i) => out.set(pick(segment), bases[i]));
    return out;
  };
  const fields = new Map(
    FIELDS.map((field) => {
      const union = new Set<string>();
      for (const segment of inputs) for (const term of segment.terms(field)) union.add(term);
      const terms = [...union];
      return [
        field,
        {
          terms,
          list(i: number): PostingList {
            const term = terms[i]!;
            const parts = inputs.map((segment) => segment.list(field, term));
            const count = parts.reduce((sum, part) => sum + (part?.ids.length ?? 0), 0);
            const ids = new Uint32Array(count);
            const tfs = hasTfs(field) ? new Uint16Array(count) : null;
            let at = 0;
            parts.forEach((part, k) => {
              if (!part) return;
              for (let j = 0; j < part.ids.length; j++) ids[at + j] = part.ids[j]! + bases[k]!;
              if (tfs && part.tfs) tfs.set(part.tfs, at);
              at += part.ids.length;
            });
            return { ids, tfs };
          },
        },
      ] as const;
    }),
  );
  writeSegment(sink, {
    docs,
    seqs: concat((segment) => segment.seqs),
    ids: inputs.flatMap((segment) => segment.ids),
    titleLengths: concat((segment) => segment.titleLengths),
    bodyLengths: concat((segment) => segment.bodyLengths),
    writeFolded(emit) {
      for (const segment of inputs) for (let doc = 0; doc < segment.docs; doc++) emit(Buffer.from(segment.folded(doc), 'utf8'));
    },
    fields,
    gramPositions(i) {
      const gram = fields.get('grams')!.terms[i]!;
      const parts = inputs.map((segment) => segment.positions(gram));
      const ends = new Uint32Array(parts.reduce((sum, part) => sum + (part?.ends.length ?? 0), 0));
      const at = new Uint32Array(parts.reduce((sum, part) => sum + (part?.at.length ?? 0), 0));
      let entries = 0;
      let offsets = 0;
      for (const part of parts) {
        if (!part) continue;
        for (let j = 0; j < part.ends.length; j++) ends[entries + j] = part.ends[j]! + offsets;
        at.set(part.at, offsets);
        entries += part.ends.length;
        offsets += part.at.length;
      }
      return { ends, at };
    },
  });
}
