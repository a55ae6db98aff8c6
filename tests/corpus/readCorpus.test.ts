/**
 * Reading a corpus of paths: directories in name order, bad files skipped
 * with a warning naming them, missing paths as errors.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbot-corpus-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readCorpus', () => {
  it('reads the seed directory: five pages, 28 items, nothing skipped', () => {
    const read = readCorpus([SEEDS]);
    expect(read.errors).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(read.pages.map((p) => p.items.length)).toEqual([6, 6, 5, 6, 5]);
  });

  it('skips bad files with a warning naming each, and loads the rest in name order', () => {
    copyFileSync(FIXTURES + 'hard-wrapped.txt', join(dir, 'b-page.txt'));
    copyFileSync(FIXTURES + 'headline-after-body.txt', join(dir, 'a-page.txt'));
    copyFileSync(FIXTURES + 'empty.txt', join(dir, 'c-empty.txt'));
    copyFileSync(FIXTURES + 'english.txt', join(dir, 'd-english.txt'));
    writeFileSync(join(dir, 'e-binary.dat'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]));
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(FIXTURES + 'hard-wrapped.txt', join(dir, 'sub', 'nested.txt'));

    const read = readCorpus([dir]);
    expect(read.errors).toEqual([]);
    expect(read.pages.map((p) => p.source)).toEqual(['a-page.txt', 'b-page.txt']);
    expect(read.warnings).toEqual([
      `${join(dir, 'c-empty.txt')}: empty file, skipped`,
      `${join(dir, 'd-english.txt')}: not a newspaper page (almost no Chinese text), skipped`,
      `${join(dir, 'e-binary.dat')}: not a text file (binary data), skipped`,
    ]);
  });

  it('does not parse a file whose bytes the store already holds (asked by content hash)', () => {
    copyFileSync(FIXTURES + 'hard-wrapped.txt', join(dir, 'b-page.txt'));
    copyFileSync(FIXTURES + 'headline-after-body.txt', join(dir, 'a-page.txt'));
    const storedHash = createHash('sha256').update(readFileSync(join(dir, 'b-page.txt'))).digest('hex');
    const asked: string[] = [];
    const read = readCorpus([dir], {
      isStored: (hash) => {
        asked.push(hash);
        return hash === storedHash;
      },
    });
    expect(read.pages.map((p) => p.source)).toEqual(['a-page.txt']);
    expect(read.stored).toEqual([{ file: join(dir, 'b-page.txt'), source: 'b-page.txt' }]);
    expect(asked).toEqual([read.pages[0]!.contentHash, storedHash]);
    expect(read.warnings).toEqual([]);
  });

  it('reports a missing path as an error and still reads the others', () => {
    const missing = join(dir, 'no-such-dir');
    const file = join(dir, 'page.txt');
    copyFileSync(FIXTURES + 'hard-wrapped.txt', file);
    const read = readCorpus([missing, file]);
    expect(read.errors).toEqual([`${missing}: no such file or directory`]);
    expect(read.warnings).toEqual([]);
    expect(read.pages.map((p) => p.source)).toEqual(['page.txt']);
  });

  it('gives the same ids whichever path names the file', () => {
    copyFileSync(FIXTURES + 'hard-wrapped.txt', join(dir, 'page.txt'));
    const byDir = readCorpus([dir]).pages[0]!.items.map((a) => a.id);
    const byFile = readCorpus([join(dir, 'page.txt')]).pages[0]!.items.map((a) => a.id);
    expect(byFile).toEqual(byDir);
  });
});
