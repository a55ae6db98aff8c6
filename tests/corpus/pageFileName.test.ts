import { describe, expect, it } from 'vitest';
import { safePageFileName } from '../../src/corpus/index.js';

describe('safePageFileName', () => {
  it.each([
    ['2025-11-04.txt', '2025-11-04.txt'],
    ['.', 'fallback.txt'],
    ['..', 'fallback.txt'],
    ['', 'fallback.txt'],
    ['...', 'fallback.txt'],
    ['.env', 'env'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\pages\\第3版.txt', '第3版.txt'],
    ['a:b*c?.txt', 'a_b_c_.txt'],
    ['tab\there.txt', 'tab_here.txt'],
    [`${'a'.repeat(300)}.txt`, `${'a'.repeat(251)}.txt`],
    [`${'版'.repeat(100)}.txt`, `${'版'.repeat(83)}.txt`],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('%j → %j', (name, safe) => {
    expect(safePageFileName(name, 'fallback.txt')).toBe(safe);
  });
});
