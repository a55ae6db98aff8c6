import { writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { BLOCK, blockParts } from './blockBounds.js';
import { averageLength, FIELDS, hasTfs, MAGIC, SEGMENT_VERSION, storedMaximaBytes, type BlobRef, type FieldName, type Header, type MaximaBasis } from './segment.js';
import { DEFAULT_TUNING } from './tuning.js';
import { decodeGaps, decodeVarints, type ByteWriter } from './varint.js';

/**
 * Writing a segment file (the layout is in segment.ts): the lists of each
 * field as the builder or a merge emits them, in term order, then the
 * dictionaries gathered meanwhile, then the header. Nothing of a field is
 * held but its dictionary: a segment of the whole archive streams through.
 */

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

/** One list to write: its bytes as segment.ts lays them out, and its dictionary entry. */
export interface EncodedList {
  readonly count: number;
  /** The gaps, then the term frequencies (title, body) or the positions with their skip table (grams); valid only until `emit` returns (the buffer is reused). */
  readonly bytes: Uint8Array;
  readonly idBytes: number;
  /** Title and body: the largest term frequency and the shortest field of the list's articles. */
  readonly maxTf: number;
  readonly minLength: number;
}

/**
 * A list's bytes, the gaps (`ids`) then what follows them (`rest`), joined in
 * `out`, a buffer the builder or merge keeps: valid until the next list. A new
 * array per list was 3 GB of short-lived buffers in a million-article build's
 * final merge, where its peak rose to 2.4-3.4 GB.
 */
export function encodedList(out: ByteWriter, ids: ByteWriter, rest: ByteWriter, count: number, maxTf: number, minLength: number): EncodedList {
  out.reset();
  out.bytes(ids.view());
  out.bytes(rest.view());
  return { count, bytes: out.view(), idBytes: ids.length, maxTf, minLength };
}

/** What a segment holds: its articles, and each field's lists in term order. */
export interface SegmentSpec {
  readonly docs: number;
  readonly seqs: Uint32Array;
  readonly ids: readonly string[];
  readonly titleLengths: Uint32Array;
  readonly bodyLengths: Uint32Array;
  /** Calls `emit` for each list of `field`, terms in ascending order (UTF-16 code units). */
  eachList(field: FieldName, emit: (term: string, list: EncodedList) => void): void;
}

const ZEROS = new Uint8Array(8);
const bytesOf = (array: Uint32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** A growable u32 column of a dictionary. */
function createColumn() {
  let values = new Uint32Array(1024);
  let length = 0;
  return {
    push(value: number) {
      if (length === values.length) {
        const grown = new Uint32Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[length++] = value;
    },
    values: () => values.subarray(0, length),
  };
}

/** A field's dictionary, gathered while its lists are written. */
interface FieldDictionary {
  readonly terms: string[];
  readonly columns: Record<'counts' | 'bytes' | 'idBytes' | 'crcs' | 'maxTfs' | 'minLengths' | 'positionCrcs', ReturnType<typeof createColumn>>;
}

/**
 * The block maxima a long title or body list stores after its term
 * frequencies (segment.ts STORED_MAXIMA_FROM), as little-endian doubles:
 * computed from the list's own bytes, so a merge stores those of the merged
 * list at the merged segment's average. Room is kept between lists.
 */
function createMaximaWriter(lengths: Uint32Array, basis: MaximaBasis, average: number) {
  let ids = new Uint32Array(0);
  let tfs = new Uint16Array(0);
  let out = new Uint8Array(0);
  return (list: EncodedList): Uint8Array => {
    const { count } = list;
    if (ids.length < count) {
      ids = new Uint32Array(count * 2);
      tfs = new Uint16Array(count * 2);
    }
    decodeGaps(list.bytes, 0, count, ids);
    decodeVarints(list.bytes, list.idBytes, count, tfs);
    const parts = blockParts(ids.subarray(0, count), tfs.subarray(0, count), lengths, 0, average, basis.k, basis.b);
    if (out.length < parts.length * 8) out = new Uint8Array(parts.length * 16);
    const view = new DataView(out.buffer);
    parts.forEach((part, i) => view.setFloat64(8 * i, part, true));
    return out.subarray(0, parts.length * 8);
  };
}

/** What this version stores block maxima with: the default BM25 parameters (an index searched with others computes its own). */
function maximaBasis(spec: SegmentSpec): MaximaBasis {
  const average = (lengths: Uint32Array) => averageLength(lengths.reduce((sum, length) => sum + length, 0), spec.docs);
  const { k, b } = DEFAULT_TUNING.bm25;
  return { block: BLOCK, k, b, averages: { title: average(spec.titleLengths), body: average(spec.bodyLengths) } };
}

/** Writes `field`'s lists and returns its dictionary and where the lists lie. */
function writeLists(sink: Sink, spec: SegmentSpec, field: FieldName, basis: MaximaBasis): { dictionary: FieldDictionary; region: { offset: number; bytes: number } } {
  const dictionary: FieldDictionary = {
    terms: [],
    columns: {
      counts: createColumn(),
      bytes: createColumn(),
      idBytes: createColumn(),
      crcs: createColumn(),
      maxTfs: createColumn(),
      minLengths: createColumn(),
      positionCrcs: createColumn(),
    },
  };
  const { columns } = dictionary;
  const offset = sink.offset;
  const maximaOf =
    field === 'title' ? createMaximaWriter(spec.titleLengths, basis, basis.averages.title) : field === 'body' ? createMaximaWriter(spec.bodyLengths, basis, basis.averages.body) : null;
  let previous: string | null = null;
  spec.eachList(field, (term, list) => {
    if (previous !== null && !(previous < term)) throw new Error(`segment: ${field} terms out of order (${previous}, ${term})`);
    previous = term;
    dictionary.terms.push(term);
    const maxima = maximaOf && storedMaximaBytes(field, list.count, basis.block) > 0 ? maximaOf(list) : null;
    columns.counts.push(list.count);
    columns.bytes.push(list.bytes.byteLength + (maxima?.byteLength ?? 0));
    columns.idBytes.push(list.idBytes);
    if (field === 'grams') {
      columns.crcs.push(crc32(list.bytes.subarray(0, list.idBytes)));
      columns.positionCrcs.push(crc32(list.bytes.subarray(list.idBytes)));
    } else {
      columns.crcs.push(maxima ? crc32(maxima, crc32(list.bytes)) : crc32(list.bytes));
    }
    columns.maxTfs.push(list.maxTf);
    columns.minLengths.push(list.minLength);
    sink.write(list.bytes);
    if (maxima) sink.write(maxima);
  });
  return { dictionary, region: { offset, bytes: sink.offset - offset } };
}

/** Writes one blob on an 8-byte boundary and notes where it is. */
function writeBlob(sink: Sink, meta: Record<string, BlobRef>, name: string, bytes: Uint8Array): void {
  const rest = (8 - (sink.offset % 8)) % 8;
  if (rest > 0) sink.write(ZEROS.subarray(0, rest));
  meta[name] = { offset: sink.offset, bytes: bytes.byteLength, crc: crc32(bytes) };
  sink.write(bytes);
}

/** Writes the articles' data and every field's dictionary as blobs. */
function writeMeta(sink: Sink, spec: SegmentSpec, dictionaries: ReadonlyMap<FieldName, FieldDictionary>): Record<string, BlobRef> {
  const meta: Record<string, BlobRef> = {};
  // NUL never occurs in an id or a token: it separates the strings.
  writeBlob(sink, meta, 'ids', Buffer.from(spec.ids.join('\u0000'), 'utf8'));
  writeBlob(sink, meta, 'seqs', bytesOf(spec.seqs));
  writeBlob(sink, meta, 'titleLengths', bytesOf(spec.titleLengths));
  writeBlob(sink, meta, 'bodyLengths', bytesOf(spec.bodyLengths));
  for (const [field, { terms, columns }] of dictionaries) {
    writeBlob(sink, meta, `${field}.terms`, Buffer.from(terms.join('\u0000'), 'utf8'));
    const kept = ['counts', 'bytes', 'idBytes', 'crcs', ...(hasTfs(field) ? ['maxTfs', 'minLengths'] : []), ...(field === 'grams' ? ['positionCrcs'] : [])];
    for (const name of kept) writeBlob(sink, meta, `${field}.${name}`, bytesOf(columns[name as keyof FieldDictionary['columns']].values()));
  }
  return meta;
}

/** Writes the header (with the file's final length in it) and the tail. */
function writeHeader(sink: Sink, partial: Omit<Header, 'totalBytes'>): void {
  const headerStart = sink.offset;
  // totalBytes is in the header itself: written with a fixed width, the header's length does not depend on it.
  const draft = (total: number) => JSON.stringify({ ...partial, totalBytes: String(total).padStart(15, '0') });
  const headerBytes = Buffer.from(draft(headerStart + Buffer.byteLength(draft(0)) + 16), 'utf8');
  sink.write(headerBytes);
  const tail = Buffer.alloc(16);
  tail.writeUInt32LE(headerBytes.byteLength, 0);
  tail.writeUInt32LE(crc32(headerBytes), 4);
  tail.write(MAGIC, 8, 'latin1');
  sink.write(tail);
}

/** Writes the segment `spec` describes to `sink`. */
export function writeSegment(sink: Sink, spec: SegmentSpec): void {
  runSteps(writeSegmentInSteps(sink, spec));
}

/** Runs `steps` to the end at once. */
export function runSteps(steps: Generator<void, void, undefined>): void {
  let step = steps.next();
  while (step.done !== true) step = steps.next();
}

/**
 * writeSegment a field at a time: it pauses after each field's lists, so that
 * a serving bot writing a page's segment lets the replies waiting meanwhile go
 * out (the whole took 10 ms a page once warm, 20–40 for the first pages).
 */
export function* writeSegmentInSteps(sink: Sink, spec: SegmentSpec): Generator<void, void, undefined> {
  if (spec.docs === 0) throw new Error('segment: nothing to write');
  sink.write(Buffer.from(MAGIC, 'latin1'));
  const dictionaries = new Map<FieldName, FieldDictionary>();
  const fields = {} as Record<FieldName, { offset: number; bytes: number }>;
  const maxima = maximaBasis(spec);
  for (const field of FIELDS) {
    const { dictionary, region } = writeLists(sink, spec, field, maxima);
    dictionaries.set(field, dictionary);
    fields[field] = region;
    yield;
  }
  const meta = writeMeta(sink, spec, dictionaries);
  writeHeader(sink, {
    version: SEGMENT_VERSION,
    docs: spec.docs,
    firstSeq: spec.seqs[0]!,
    lastSeq: spec.seqs[spec.docs - 1]!,
    meta,
    fields,
    maxima,
  });
  sink.end();
}
