import { hasTfs, POSITION_SKIP, SCAN_WINDOW, type FieldName, type Segment, type StoredList } from './segment.js';
import { encodedList, writeSegment, type EncodedList, type Sink } from './segmentWrite.js';
import { ByteWriter, varintReader } from './varint.js';

/**
 * Bytes a merge reads ahead over all its inputs together: each reads
 * `MERGE_READ_BYTES / inputs` at a time (at least 64 KB, at most
 * SCAN_WINDOW), so that a build's final merge of 200 chunks holds ~128 MB of
 * read buffers (two per input), where 4 MB pieces each took 0.8 GB, and as
 * much again of pieces dropped but not yet collected.
 */
const MERGE_READ_BYTES = 64 * 1024 * 1024;

/**
 * Writes the segments `inputs` (consecutive, in store order) as one segment
 * to `sink`. Each field's lists are read front to back from every input at
 * once (their terms are sorted) and joined term by term: an input's list is
 * copied as it is stored but for its first gap, which now counts from the
 * previous input's last article, and a bigram's skip table, made again. So
 * a merge reads and writes each byte once, holding one term's lists at a time.
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
  writeSegment(sink, {
    docs,
    seqs: concat((segment) => segment.seqs),
    ids: inputs.flatMap((segment) => Array.from({ length: segment.docs }, (_id, i) => segment.id(i))),
    titleLengths: concat((segment) => segment.titleLengths),
    bodyLengths: concat((segment) => segment.bodyLengths),
    eachList(field, emit) {
      mergeField(field, inputs, bases, emit);
    },
  });
}

/** The current list of each input that still has lists, by term then input order: a heap. */
interface Cursor {
  readonly input: number;
  readonly lists: Iterator<StoredList>;
  current: StoredList;
}

const before = (a: Cursor, b: Cursor) => a.current.term < b.current.term || (a.current.term === b.current.term && a.input < b.input);

function createCursorHeap(cursors: Cursor[]) {
  const heap = cursors;
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (left + 1 < heap.length && before(heap[left + 1]!, heap[least]!)) least = left + 1;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  return {
    get size() {
      return heap.length;
    },
    top: () => heap[0]!,
    /** Moves the top cursor to its next list, or drops it when it has none. */
    advanceTop() {
      const next = heap[0]!.lists.next();
      if (next.done) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      } else {
        heap[0]!.current = next.value;
      }
      if (heap.length > 0) down(0);
    },
  };
}

function mergeField(field: FieldName, inputs: readonly Segment[], bases: readonly number[], emit: (term: string, list: EncodedList) => void): void {
  const cursors: Cursor[] = [];
  const readBytes = Math.max(64 * 1024, Math.min(SCAN_WINDOW, Math.floor(MERGE_READ_BYTES / inputs.length)));
  inputs.forEach((segment, input) => {
    const lists = segment.scan(field, readBytes)[Symbol.iterator]();
    const first = lists.next();
    if (!first.done) cursors.push({ input, lists, current: first.value });
  });
  const heap = createCursorHeap(cursors);
  const join = createJoiner(field);
  while (heap.size > 0) {
    const term = heap.top().current.term;
    const parts: { list: StoredList; base: number }[] = [];
    while (heap.size > 0 && heap.top().current.term === term) {
      parts.push({ list: heap.top().current, base: bases[heap.top().input]! });
      heap.advanceTop();
    }
    emit(term, join(parts));
  }
}

/** Joins one term's lists from consecutive inputs (in input order) into one list, valid until the next join (encodedList). */
function createJoiner(field: FieldName) {
  const ids = new ByteWriter();
  const rest = new ByteWriter();
  const stream = new ByteWriter();
  const out = new ByteWriter();
  const withTfs = hasTfs(field);
  return (parts: readonly { list: StoredList; base: number }[]): EncodedList => {
    ids.reset();
    rest.reset();
    stream.reset();
    let last = 0;
    let count = 0;
    let maxTf = 0;
    let minLength = 0xffffffff;
    const skips: number[] = [];
    for (const { list, base } of parts) {
      // The first gap is the first local article: from the previous input's last article now.
      const reader = varintReader(list.bytes);
      const first = reader.next();
      ids.varint(first + base - (count === 0 ? 0 : last));
      ids.bytes(list.bytes.subarray(reader.at, list.idBytes));
      let local = first;
      for (let i = 1; i < list.count; i++) local += reader.next();
      last = local + base;
      if (withTfs) {
        rest.bytes(list.bytes.subarray(list.idBytes));
        maxTf = Math.max(maxTf, list.maxTf);
        minLength = Math.min(minLength, list.minLength);
      }
      if (field === 'grams') appendPositions(stream, skips, list, count);
      count += list.count;
    }
    if (field === 'grams') {
      // The skip table, 4 bytes little-endian an entry, then the entries.
      const table = rest.reserve(4 * skips.length);
      skips.forEach((offset, i) => rest.u32At(table + 4 * i, offset));
      rest.bytes(stream.view());
    }
    return encodedList(out, ids, rest, count, withTfs ? maxTf : 0, withTfs ? minLength : 0);
  };
}

/** Appends a bigram's position entries to `stream`, noting where every POSITION_SKIP-th entry of the joined list starts. */
function appendPositions(stream: ByteWriter, skips: number[], list: StoredList, entriesBefore: number): void {
  const table = 4 * Math.ceil(list.count / POSITION_SKIP);
  const entries = list.bytes.subarray(list.idBytes + table);
  const reader = varintReader(entries);
  const base = stream.length;
  for (let e = 0; e < list.count; e++) {
    if ((entriesBefore + e) % POSITION_SKIP === 0) skips.push(base + reader.at);
    const length = reader.next();
    reader.at += length;
  }
  stream.bytes(entries);
}
