import { describe, expect, it } from 'vitest';
import { ByteWriter, decodeGaps, decodeVarints, varintReader, varintSize } from '../../src/search/varint.js';

describe('varints', () => {
  const values = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 4_294_967_295];

  it('write and read back every size from one to five bytes', () => {
    const writer = new ByteWriter(4);
    for (const value of values) writer.varint(value);
    const bytes = writer.view();
    expect(bytes.length).toBe(values.reduce((sum, value) => sum + varintSize(value), 0));
    const out = new Uint32Array(values.length);
    expect(decodeVarints(bytes, 0, values.length, out)).toBe(bytes.length);
    expect([...out]).toEqual(values);
    const reader = varintReader(bytes);
    reader.skip(3);
    expect(reader.next()).toBe(128);
  });

  it('turn gaps into ascending numbers, from an offset in the output and a starting number', () => {
    const writer = new ByteWriter();
    for (const gap of [5, 1, 300, 70_000]) writer.varint(gap);
    const out = new Uint32Array(6);
    expect(decodeGaps(writer.view(), 0, 4, out, 2, 1000)).toBe(writer.length);
    expect([...out]).toEqual([0, 0, 1005, 1006, 1306, 71_306]);
  });
});
