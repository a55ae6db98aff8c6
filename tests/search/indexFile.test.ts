import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readIndexFile, stringBlob, writeIndexFile } from '../../src/search/indexFile.js';

describe('index file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips typed arrays, string lists and plain JSON', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-index-'));
    const file = path.join(dir, 'index.bin');
    writeIndexFile(file, {
      version: 3,
      ids: ['a', 'b'],
      nested: { counts: Uint32Array.of(1, 2, 3), tfs: Uint16Array.of(7) },
      folded: stringBlob(['护学岗', '', 'ktv 1215']),
      empty: stringBlob([]),
    });
    expect(readIndexFile(file)).toEqual({
      version: 3,
      ids: ['a', 'b'],
      nested: { counts: Uint32Array.of(1, 2, 3), tfs: Uint16Array.of(7) },
      folded: ['护学岗', '', 'ktv 1215'],
      empty: [],
    });
  });

  it('refuses a file of another format', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-index-'));
    const file = path.join(dir, 'search-index.bin');
    writeFileSync(file, '{"version":1}');
    expect(() => readIndexFile(file)).toThrow(`${file} is not a newsbot index`);
  });
});
