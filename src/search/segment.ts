import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { decodeGaps, decodeVarints, varintReader } from './varint.js';

/**
 * One segment of the search index: the postings of a run of stored articles
 * (consecutive in store order), as one file. The index is a list of segments
 * (segmentSet.ts), so a new page adds a small segment instead of rewriting
 * the whole index, and segments are merged later (segmentMerge.ts).
 *
 * Only the dictionaries (terms in sorted order, with counts and where each
 * list lies), article ids and lengths are read when a segment opens; a list
 * is read from the file when a query needs it, decoded, and kept in a cache
 * shared by the segments (ListCache). No article text is kept: the store
 * has it (a phrase with digits or Latin letters, and related articles, read
 * it there).
 *
 * A list holds its article numbers as gaps in variable-byte integers
 * (varint.ts), then, for the title and body words, each article's term
 * frequency; for a bigram, where it starts in each article (below). A title
 * or body list of at least STORED_MAXIMA_FROM articles ends with its blocks'
 * maxima (blockBounds.ts), computed at the segment's own average field
 * length and the default BM25 parameters (the header says which): ranking
 * reads them instead of walking a common word's whole list at its first
 * query. The dictionary keeps per word the largest term frequency and the
 * shortest field among its articles (merges carry them over); ranking no
 * longer reads them: the blocks bound scores much closer.
 *
 * Bigram positions: after the bigram's article numbers, a table of 4-byte
 * offsets (little-endian) of every 16th article's entry, then each article's
 * entry: its length in bytes, then the positions as gaps (so an entry is
 * passed over by reading one number). So whether an
 * article holds a longer Han stretch (a quoted phrase, a word jieba cut
 * another way, a typed run) is told from the postings, decoding only the
 * entries of the articles asked about.
 *
 * Every part carries a CRC-32: the dictionaries when the segment opens, each
 * list and each bigram's positions when read. A damaged file is found
 * (SegmentDamagedError) instead of loading silently and answering nothing.
 *
 * Layout: "NBSEG001", each field's lists in its terms' order, the
 * dictionaries and article data (each on an 8-byte boundary), the header
 * (UTF-8 JSON), its length (u32 LE), its CRC-32 (u32 LE), "NBSEG001". The
 * header comes last so that a build or a merge streams the lists out first.
 */

export const MAGIC = 'NBSEG001';
/** Bumped whenever the tokenizer or what a segment holds changes: older segments are rebuilt. */
export const SEGMENT_VERSION = 4;

/** The five posting fields: jieba words of title and body (with term frequencies), and the Han bigram and character lists. */
export type FieldName = 'title' | 'body' | 'grams' | 'chars' | 'titleChars';
export const FIELDS: readonly FieldName[] = ['title', 'body', 'grams', 'chars', 'titleChars'];
export const hasTfs = (field: FieldName): boolean => field === 'title' || field === 'body';

/** Entries of a bigram's positions between two offsets of its skip table. */
export const POSITION_SKIP = 16;

/** One posting list: local article numbers (ascending) and, for title and body, their term frequencies. */
export interface PostingList {
  readonly ids: Uint32Array;
  readonly tfs: Uint16Array | null;
  /** A long title or body list's block maxima as its segment stores them (blockBounds.ts). */
  readonly stored?: StoredMaxima;
}

/**
 * Title and body lists of at least this many articles store their blocks'
 * maxima after their term frequencies: for a common word, computing them
 * was a walk of the whole list at its first query (7% of a million-article
 * archive's first queries), for a shorter one it costs little and keeping
 * them would add a sixth to its bytes.
 */
export const STORED_MAXIMA_FROM = 256;

/** How many bytes of a list's stored bytes are its blocks' maxima (8 a block, little-endian doubles). */
export const storedMaximaBytes = (field: FieldName, count: number, block: number): number =>
  hasTfs(field) && count >= STORED_MAXIMA_FROM ? 8 * Math.ceil(count / block) : 0;

/** A list's block maxima as stored, and what they were computed with. */
export interface StoredMaxima {
  readonly block: number;
  readonly k: number;
  readonly b: number;
  /** The segment's average field length. */
  readonly average: number;
  readonly parts: Float64Array;
}

/**
 * The average field length of `docs` articles whose lengths add up to
 * `total` (1 for none): what BM25 normalizes by. The index (segmentSet.ts)
 * and a segment's stored maxima (segmentWrite.ts) both take it from here:
 * a segment alone must give its own stored average bit for bit, or ranking
 * could no longer compare its bounds without a margin.
 */
export const averageLength = (total: number, docs: number): number => total / docs || 1;

/** What a segment's stored maxima were computed with (Header.maxima). */
export interface MaximaBasis {
  /** Postings per block. */
  readonly block: number;
  readonly k: number;
  readonly b: number;
  /** The segment's own average title and body lengths. */
  readonly averages: { readonly title: number; readonly body: number };
}

/** Where one bigram starts in each article of its posting list. */
export interface GramPositions {
  /** A reader of one article's positions at a time, with a place of its own (several may read the same bigram). */
  cursor(): PositionCursor;
}

/** Reads one article's positions of a bigram, in ascending order, only as far as asked. */
export interface PositionCursor {
  /** Moves to the `entry`-th article of the list: entries asked in ascending order are read on from the last. */
  open(entry: number): void;
  /** The first position at or after `target` in the open article, or -1 when none is (targets asked in ascending order). */
  seekTo(target: number): number;
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

/** One list as stored, for merging: its bytes and what the dictionary says of it. */
export interface StoredList {
  readonly term: string;
  readonly count: number;
  /** The article numbers' gaps, then the term frequencies or the bigram positions (not the stored block maxima). */
  readonly bytes: Uint8Array;
  /** Bytes of the gaps (the term frequencies or positions follow). */
  readonly idBytes: number;
  readonly maxTf: number;
  readonly minLength: number;
}

/** An open segment. Local article numbers run from 0 to docs - 1. */
export interface Segment {
  /** The file name, or "memory". */
  readonly name: string;
  readonly docs: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The article id of the segment's article `i`. */
  id(i: number): string;
  readonly seqs: Uint32Array;
  readonly titleLengths: Uint32Array;
  readonly bodyLengths: Uint32Array;
  /** Articles holding `term` in `field`, without reading the list. */
  count(field: FieldName, term: string): number;
  /** The posting list of `term`, or null. Throws SegmentDamagedError on a checksum mismatch. */
  list(field: FieldName, term: string): PostingList | null;
  /** Where `gram` starts in each article of its `grams` list, or null. Throws SegmentDamagedError on a checksum mismatch. */
  positions(gram: string): GramPositions | null;
  /**
   * Every list of `field` in term order, read in sequential pieces of about
   * `readBytes` (default SCAN_WINDOW) and checked, for merging. A list stays
   * valid until the list after the next one is read.
   */
  scan(field: FieldName, readBytes?: number): Iterable<StoredList>;
  close(): void;
}

// ---------------------------------------------------------------- reading

/** Bytes of a segment: a file read with positioned reads, or a buffer. */
export interface ByteSource {
  readonly size: number;
  /** The bytes are in memory: reading them costs nothing, so lists read are not cached. */
  readonly inMemory: boolean;
  /** `bytes` bytes at `offset` (a view when in memory, else a copy). */
  read(offset: number, bytes: number): Uint8Array;
  /** The same bytes for a caller done with them before the next `peek`: from a file, in one buffer read into each time. */
  peek(offset: number, bytes: number): Uint8Array;
  /** The same bytes read into `into` (at least `bytes` long) when they must be copied: a caller that keeps its own buffers. */
  readInto(offset: number, bytes: number, into: Uint8Array): Uint8Array;
  close(): void;
}

/**
 * What `peek` reads a file into, shared by every segment (reads are one at a
 * time): a list decoded at once needs no copy of its own, and a million-article
 * index read 670 MB of such copies over the bench's 300 queries, whose growth
 * made V8 run a full garbage collection (20 ms) every ten queries or so.
 */
let peekBuffer = new Uint8Array(0);

/**
 * Files up to this size are read whole when opened: a new page's segment is
 * a few tens of KB, and merging two of them read each of their thousands of
 * lists with a system call of its own.
 */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** The bytes of a segment file: read whole when it is small (up to `readWholeBytes`), else by positioned reads. */
export function fileSource(file: string, readWholeBytes = READ_WHOLE_BYTES): ByteSource {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  if (size <= readWholeBytes) {
    try {
      // A file cut short meanwhile gives what is there, which openSegment finds damaged.
      return bufferSource(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  }
  const readInto = (out: Uint8Array, offset: number, bytes: number): Uint8Array => {
    if (offset + bytes > size) throw new RangeError(`short read at ${offset}`);
    let done = 0;
    while (done < bytes) {
      const got = readSync(fd, out, done, bytes - done, offset + done);
      if (got === 0) throw new RangeError(`short read at ${offset}`);
      done += got;
    }
    return out.subarray(0, bytes);
  };
  return {
    size,
    inMemory: false,
    read: (offset, bytes) => readInto(new Uint8Array(bytes), offset, bytes),
    peek(offset, bytes) {
      if (peekBuffer.length < bytes) peekBuffer = new Uint8Array(Math.max(bytes, 2 * peekBuffer.length, 64 * 1024));
      return readInto(peekBuffer, offset, bytes);
    },
    readInto: (offset, bytes, into) => readInto(into, offset, bytes),
    close: () => closeSync(fd),
  };
}

export function bufferSource(buffer: Uint8Array): ByteSource {
  return {
    size: buffer.byteLength,
    inMemory: true,
    read(offset, bytes) {
      if (offset + bytes > buffer.byteLength) throw new RangeError(`short read at ${offset}`);
      return buffer.subarray(offset, offset + bytes);
    },
    peek(offset, bytes) {
      return this.read(offset, bytes);
    },
    readInto(offset, bytes) {
      return this.read(offset, bytes);
    },
    close() {},
  };
}

/**
 * Lists read lately, shared by the segments of an index, most recently used
 * last: readers ask for the same common words and characters again and
 * again, and a list from memory costs nothing to read again.
 */
export interface ListCache {
  /** A prefix no other segment's keys use, for a segment of `fileBytes` on disk (counted until `release`). */
  scope(fileBytes: number): string;
  /** The segment of `fileBytes` is closed: its bytes no longer count. */
  release(fileBytes: number): void;
  get(key: string): PostingList | PositionsEntry | undefined;
  set(key: string, value: PostingList | PositionsEntry): void;
}

/** A bigram's positions as cached: the stored bytes and their reader. */
export interface PositionsEntry {
  readonly bytes: Uint8Array;
  readonly positions: GramPositions;
}

const sizeOf = (value: PostingList | PositionsEntry) =>
  'ids' in value ? value.ids.byteLength + (value.tfs?.byteLength ?? 0) : value.bytes.byteLength;

/**
 * A cache of at most `maxBytes` bytes of lists and bigram positions, or
 * `share` of its segments' bytes on disk when that is more: a common word's
 * list grows with the archive, and a cache of a fixed size holds fewer of
 * the words readers ask again the larger the archive gets.
 */
export function createListCache(maxBytes: number, share = 0): ListCache {
  const entries = new Map<string, PostingList | PositionsEntry>();
  let used = 0;
  let scopes = 0;
  let fileBytes = 0;
  const limit = () => Math.max(maxBytes, share * fileBytes);
  return {
    scope(bytes) {
      fileBytes += bytes;
      return `${scopes++}\u0000`;
    },
    release(bytes) {
      fileBytes -= bytes;
    },
    get(key) {
      const value = entries.get(key);
      if (value) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      const most = limit();
      if (sizeOf(value) > most) return;
      entries.set(key, value);
      used += sizeOf(value);
      for (const [old, stale] of entries) {
        if (used <= most) break;
        entries.delete(old);
        used -= sizeOf(stale);
      }
    },
  };
}

/** Where a blob of the segment lies, and its CRC-32. */
export interface BlobRef {
  readonly offset: number;
  readonly bytes: number;
  readonly crc: number;
}

export interface Header {
  readonly version: number;
  readonly docs: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The file's length, 15 digits. */
  readonly totalBytes: string;
  /** Dictionaries and article data, read and checked when the segment opens. */
  readonly meta: Record<string, BlobRef>;
  /** Per field: where its lists start and how many bytes they take. */
  readonly fields: Record<FieldName, { offset: number; bytes: number }>;
  /** What the long lists' stored block maxima were computed with. */
  readonly maxima: MaximaBasis;
}

/** One field's dictionary, as read when the segment opens. */
interface Dictionary {
  /** Sorted (UTF-16 code unit order). */
  readonly terms: TermTable;
  readonly counts: Uint32Array;
  /** Where each list starts, relative to the field's first byte; one more entry for the end. */
  readonly starts: Float64Array;
  readonly idBytes: Uint32Array;
  readonly crcs: Uint32Array;
  /** Title and body: the largest term frequency and the shortest field of each word's articles. */
  readonly maxTfs: Uint32Array | null;
  readonly minLengths: Uint32Array | null;
  /** Grams: the CRC-32 of each bigram's positions. */
  readonly positionCrcs: Uint32Array | null;
  readonly base: number;
}

/**
 * A field's terms as their UTF-16 code units one after another (NUL between
 * them), off the heap: a real archive's dictionaries hold millions of words
 * and bigrams, and as JS strings every full garbage collection would walk
 * them (the article ids as strings made that 58 ms at a million articles).
 */
export interface TermTable {
  readonly count: number;
  /** Term `i` as a string (a merge reads them all once). */
  at(i: number): string;
  /** Index of `term`, or -1. */
  find(term: string): number;
}

/** Reads the terms as stored (UTF-8, joined by NUL) into a TermTable. */
export function termTable(bytes: Uint8Array): TermTable {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  const starts = itemStarts(units);
  const count = starts.length - 1;
  const recent = new Map<string, number>();
  /** Term i against `term`: below 0, 0 or above 0 as it sorts before, with or after it. */
  const compare = (i: number, term: string): number => {
    let at = starts[i]!;
    const end = starts[i + 1]! - 1;
    for (let k = 0; k < term.length; k++, at++) {
      if (at === end) return -1;
      const difference = units[at]! - term.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return at === end ? 0 : 1;
  };
  return {
    count,
    at: (i) => Buffer.from(units.buffer, units.byteOffset + 2 * starts[i]!, 2 * (starts[i + 1]! - 1 - starts[i]!)).toString('utf16le'),
    find(term) {
      const known = recent.get(term);
      if (known !== undefined) return known;
      if (recent.size >= RECENT_TERMS) recent.clear();
      let lo = 0;
      let hi = count - 1;
      let found = -1;
      while (lo <= hi && found < 0) {
        const mid = (lo + hi) >>> 1;
        const order = compare(mid, term);
        if (order < 0) lo = mid + 1;
        else if (order > 0) hi = mid - 1;
        else found = mid;
      }
      recent.set(term, found);
      return found;
    },
  };
}

/** Terms looked up lately, per field of a segment: a query asks for its words' counts, then their lists, then their positions. */
const RECENT_TERMS = 4096;

const u32 = (bytes: Uint8Array): Uint32Array => {
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Uint32Array(bytes.slice().buffer);
};
/**
 * Where each item of NUL-joined `units` starts (none when empty), then one
 * more entry: item i is units[starts[i]] up to (not including)
 * units[starts[i + 1] - 1], its NUL or the end.
 */
function itemStarts(units: Uint8Array | Uint16Array): Uint32Array {
  // The NULs found by indexOf, which scans natively: a for…of over a million ids' bytes took 270 ms at a first start.
  let count = units.length > 0 ? 1 : 0;
  for (let at = units.indexOf(0); at >= 0; at = units.indexOf(0, at + 1)) count++;
  const starts = new Uint32Array(count + 1);
  for (let at = units.indexOf(0), k = 1; at >= 0; at = units.indexOf(0, at + 1)) starts[k++] = at + 1;
  starts[count] = units.length + 1;
  return starts;
}

/**
 * The segment's article ids as stored (joined by NUL), each read when asked
 * for; null when they are not `docs` ids. A million ids as strings were 40 MB
 * of the heap, which every full garbage collection walked: 58 → 25 ms a
 * collection, at a million articles, with them kept as bytes.
 */
function articleIds(bytes: Uint8Array, docs: number): ((i: number) => string) | null {
  const starts = itemStarts(bytes);
  if (starts.length - 1 !== docs) return null;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (i) => text.toString('utf8', starts[i], starts[i + 1]! - 1);
}

/** Reads and checks the header at the end of `source`. */
function readHeader(name: string, source: ByteSource, read: (offset: number, bytes: number, what: string) => Uint8Array): Header {
  const damaged = (what: string) => new SegmentDamagedError(name, what);
  if (source.size < 24) throw damaged('too short');
  const tail = Buffer.from(read(source.size - 16, 16, 'tail'));
  const head = Buffer.from(read(0, 8, 'start'));
  if (head.toString('latin1') !== MAGIC || tail.toString('latin1', 8, 16) !== MAGIC) throw damaged('not a segment, or cut off');
  const headerBytes = tail.readUInt32LE(0);
  if (headerBytes > source.size - 24) throw damaged('header length');
  const headerRaw = read(source.size - 16 - headerBytes, headerBytes, 'header');
  if (crc32(headerRaw) !== tail.readUInt32LE(4)) throw damaged('header checksum');
  const header = JSON.parse(Buffer.from(headerRaw).toString('utf8')) as Header;
  if (Number(header.totalBytes) !== source.size) throw damaged(`size ${source.size}, expected ${header.totalBytes}`);
  if (header.version !== SEGMENT_VERSION) throw new SegmentVersionError(name, header.version);
  // Read from the file: what the type promises is checked here.
  const maxima = header.maxima as Partial<MaximaBasis> | undefined;
  if (![maxima?.block, maxima?.k, maxima?.b, maxima?.averages?.title, maxima?.averages?.body].every((value) => typeof value === 'number' && value > 0)) throw damaged('header maxima');
  return header;
}

/** Reads one field's dictionary and checks that its lists fill the field's bytes. */
function readDictionary(field: FieldName, header: Header, blob: (key: string) => Uint8Array, damaged: (what: string) => Error): Dictionary {
  const terms = termTable(blob(`${field}.terms`));
  const counts = u32(blob(`${field}.counts`));
  const sizes = u32(blob(`${field}.bytes`));
  const idBytes = u32(blob(`${field}.idBytes`));
  const crcs = u32(blob(`${field}.crcs`));
  const withTfs = hasTfs(field);
  const maxTfs = withTfs ? u32(blob(`${field}.maxTfs`)) : null;
  const minLengths = withTfs ? u32(blob(`${field}.minLengths`)) : null;
  const positionCrcs = field === 'grams' ? u32(blob('grams.positionCrcs')) : null;
  const all = [counts, sizes, idBytes, crcs, maxTfs, minLengths, positionCrcs];
  if (all.some((array) => array !== null && array.length !== terms.count)) throw damaged(`${field} dictionary`);
  const starts = new Float64Array(terms.count + 1);
  for (let i = 0; i < terms.count; i++) starts[i + 1] = starts[i]! + sizes[i]!;
  if (starts[terms.count] !== header.fields[field].bytes) throw damaged(`${field} lists`);
  return { terms, counts, starts, idBytes, crcs, maxTfs, minLengths, positionCrcs, base: header.fields[field].offset };
}

/** Decodes a stored list of `count` articles: the gaps, then the term frequencies when `withTfs`. */
export function decodeList(bytes: Uint8Array, count: number, withTfs: boolean): PostingList {
  const ids = new Uint32Array(count);
  const end = decodeGaps(bytes, 0, count, ids);
  let tfs: Uint16Array | null = null;
  if (withTfs) {
    tfs = new Uint16Array(count);
    decodeVarints(bytes, end, count, tfs);
  }
  return { ids, tfs };
}

/** The block maxima a list's stored bytes end with (storedMaximaBytes of them), with what they were computed at. */
export function readStoredMaxima(bytes: Uint8Array, blocks: number, basis: MaximaBasis, average: number): StoredMaxima {
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.byteLength - 8 * blocks, 8 * blocks);
  const parts = new Float64Array(blocks);
  for (let i = 0; i < blocks; i++) parts[i] = view.getFloat64(8 * i, true);
  return { block: basis.block, k: basis.k, b: basis.b, average, parts };
}

/**
 * The reader of a bigram's positions (`bytes`: its skip table then its
 * entries, for `count` articles). A cursor decodes an article's positions
 * only up to what it is asked: whether an article holds a longer text is
 * mostly told by its first few (most articles asked about hold it).
 */
export function gramPositions(bytes: Uint8Array, count: number): GramPositions {
  const stream = 4 * Math.ceil(count / POSITION_SKIP);
  const skipTo = (skip: number) => stream + ((bytes[skip]! | (bytes[skip + 1]! << 8) | (bytes[skip + 2]! << 16) | (bytes[skip + 3]! << 24)) >>> 0);
  return {
    cursor() {
      const reader = varintReader(bytes);
      /** The entry that starts at `nextAt` (the one after the open one), or -1. */
      let nextEntry = -1;
      let nextAt = 0;
      /** The open entry ends at `end`; `position` is the last one decoded (-1: none yet), the sum of the gaps read. */
      let end = 0;
      let sum = 0;
      let position = -1;
      return {
        open(entry) {
          const skipped = entry - (entry % POSITION_SKIP);
          const readOn = nextEntry >= skipped && nextEntry <= entry;
          let e = readOn ? nextEntry : skipped;
          reader.at = readOn ? nextAt : skipTo(4 * (skipped / POSITION_SKIP));
          // An entry is its length in bytes, then its gaps: passed over by reading one number.
          for (; e < entry; e++) {
            const length = reader.next();
            reader.at += length;
          }
          const length = reader.next();
          end = reader.at + length;
          sum = 0;
          position = -1;
          nextEntry = entry + 1;
          nextAt = end;
        },
        seekTo(target) {
          while (position < target) {
            if (reader.at >= end) return -1;
            sum += reader.next();
            position = sum;
          }
          return position;
        },
      };
    },
  };
}

/** Opens a segment over `source`. Throws SegmentDamagedError when its header or dictionaries do not check out. */
export function openSegment(name: string, source: ByteSource, cache: ListCache = createListCache(0)): Segment {
  const damaged = (what: string) => new SegmentDamagedError(name, what);
  const read = (offset: number, bytes: number, what: string, peek = false): Uint8Array => {
    try {
      return peek ? source.peek(offset, bytes) : source.read(offset, bytes);
    } catch {
      throw damaged(`${what} cut off`);
    }
  };
  const header = readHeader(name, source, read);
  const blob = (key: string): Uint8Array => {
    const ref = header.meta[key];
    if (!ref) throw damaged(`no ${key}`);
    const bytes = read(ref.offset, ref.bytes, key);
    if (crc32(bytes) !== ref.crc) throw damaged(`${key} checksum`);
    return bytes;
  };
  const docs = header.docs;
  const id = articleIds(blob('ids'), docs);
  const seqs = u32(blob('seqs'));
  const titleLengths = u32(blob('titleLengths'));
  const bodyLengths = u32(blob('bodyLengths'));
  if (!id || [seqs.length, titleLengths.length, bodyLengths.length].some((n) => n !== docs)) throw damaged('article count');
  const dictionaries = new Map(FIELDS.map((field) => [field, readDictionary(field, header, blob, damaged)] as const));
  // Lists of a segment in memory are read again at no cost: nothing to keep, and nothing to push out of the cache.
  const lists = source.inMemory ? createListCache(0) : cache;
  const scope = lists.scope(source.size);

  /**
   * The bytes list `i` of `field` is decoded from, checked: its gaps and term
   * frequencies, or a bigram's gaps alone (its positions follow, read when asked
   * for). Valid until the next list is read.
   */
  const listBytes = (dictionary: Dictionary, i: number, field: FieldName): Uint8Array => {
    const start = dictionary.starts[i]!;
    const length = field === 'grams' ? dictionary.idBytes[i]! : dictionary.starts[i + 1]! - start;
    const bytes = read(dictionary.base + start, length, `${field} list`, true);
    if (crc32(bytes) !== dictionary.crcs[i]) throw damaged(`${field} list checksum`);
    return bytes;
  };
  const checkRange = (list: PostingList, field: FieldName) => {
    // The checksum holds; a last id past the segment would still mean a writer's bug, not a query's.
    if (list.ids.length > 0 && list.ids[list.ids.length - 1]! >= docs) throw damaged(`${field} list range`);
  };

  return {
    name,
    docs,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    id,
    seqs,
    titleLengths,
    bodyLengths,
    count(field, term) {
      const dictionary = dictionaries.get(field)!;
      const i = dictionary.terms.find(term);
      return i < 0 ? 0 : dictionary.counts[i]!;
    },
    list(field, term) {
      const dictionary = dictionaries.get(field)!;
      const i = dictionary.terms.find(term);
      if (i < 0) return null;
      const key = `${scope}${field}\u0000${term}`;
      const hit = lists.get(key);
      if (hit && 'ids' in hit) return hit;
      const bytes = listBytes(dictionary, i, field);
      const count = dictionary.counts[i]!;
      const decoded = decodeList(bytes, count, hasTfs(field));
      const maximaBytes = storedMaximaBytes(field, count, header.maxima.block);
      const list =
        maximaBytes === 0
          ? decoded
          : { ...decoded, stored: readStoredMaxima(bytes, maximaBytes / 8, header.maxima, header.maxima.averages[field as 'title' | 'body']) };
      checkRange(list, field);
      lists.set(key, list);
      return list;
    },
    positions(gram) {
      const dictionary = dictionaries.get('grams')!;
      const i = dictionary.terms.find(gram);
      if (i < 0) return null;
      const key = `${scope}positions\u0000${gram}`;
      const hit = lists.get(key);
      if (hit && 'positions' in hit) return hit.positions;
      const start = dictionary.starts[i]! + dictionary.idBytes[i]!;
      const bytes = read(dictionary.base + start, dictionary.starts[i + 1]! - start, 'bigram positions');
      if (crc32(bytes) !== dictionary.positionCrcs![i]) throw damaged('bigram positions checksum');
      const entry: PositionsEntry = { bytes, positions: gramPositions(bytes, dictionary.counts[i]!) };
      lists.set(key, entry);
      return entry.positions;
    },
    *scan(field, readBytes = SCAN_WINDOW) {
      const dictionary = dictionaries.get(field)!;
      const window = createWindow(source, dictionary.base, dictionary.starts[dictionary.terms.count]!, readBytes, damaged);
      for (let i = 0; i < dictionary.terms.count; i++) {
        const bytes = window(dictionary.starts[i]!, dictionary.starts[i + 1]!);
        const idBytes = dictionary.idBytes[i]!;
        if (crc32(field === 'grams' ? bytes.subarray(0, idBytes) : bytes) !== dictionary.crcs[i]) throw damaged(`${field} list checksum`);
        if (field === 'grams' && crc32(bytes.subarray(idBytes)) !== dictionary.positionCrcs![i]) throw damaged('bigram positions checksum');
        const count = dictionary.counts[i]!;
        yield {
          term: dictionary.terms.at(i),
          count,
          // Without stored maxima: the merged list's are computed at the merged segment's average.
          bytes: bytes.subarray(0, bytes.byteLength - storedMaximaBytes(field, count, header.maxima.block)),
          idBytes,
          maxTf: dictionary.maxTfs?.[i] ?? 0,
          minLength: dictionary.minLengths?.[i] ?? 0,
        };
      }
    },
    close() {
      lists.release(source.size);
      source.close();
    },
  };
}

/** Bytes read ahead when a merge scans a field's lists in order. */
export const SCAN_WINDOW = 4 * 1024 * 1024;

/**
 * Reads a field's bytes (`bytes` from `base`) front to back in pieces of
 * `readBytes` (more for a longer list): `slice(from, to)` (relative to base,
 * never going back) is a view valid until the piece after the next is read.
 * From a file, the pieces alternate between two buffers kept for the scan: a
 * merge of 200 inputs allocating a new 4 MB piece each time held 0.8 GB of
 * them, and as much again of old ones until a full garbage collection.
 */
function createWindow(source: ByteSource, base: number, bytes: number, readBytes: number, damaged: (what: string) => Error) {
  const buffers = [new Uint8Array(0), new Uint8Array(0)];
  let which = 0;
  let held: Uint8Array = new Uint8Array(0);
  let heldFrom = 0;
  return (from: number, to: number): Uint8Array => {
    if (to > heldFrom + held.length) {
      const length = Math.max(to - from, Math.min(readBytes, bytes - from));
      which ^= 1;
      if (!source.inMemory && buffers[which]!.length < length) buffers[which] = new Uint8Array(Math.max(length, readBytes));
      try {
        held = source.readInto(base + from, length, buffers[which]!);
      } catch {
        throw damaged('lists cut off');
      }
      heldFrom = from;
    }
    return held.subarray(from - heldFrom, to - heldFrom);
  };
}
