import { describe, expect, it } from 'vitest';
import { pageTurnOf } from '../../src/bot/searchRequest.js';

describe('pageTurnOf', () => {
  it.each([
    ['下一页', { step: 1 }],
    ['下一页。', { step: 1 }],
    [' 更多 ', { step: 1 }],
    ['还有吗？', { step: 1 }],
    ['下一頁', { step: 1 }],
    ['Next', { step: 1 }],
    ['more >>', { step: 1 }],
    ['上一页', { step: -1 }],
    ['上一頁', { step: -1 }],
    ['第3页', { page: 3 }],
    ['第 十二 页', { page: 12 }],
    ['第３页', { page: 3 }],
    ['page 2', { page: 2 }],
  ])('reads %j as a page turn', (text, turn) => {
    expect(pageTurnOf(text)).toEqual(turn);
  });

  it.each(['下一页的新闻', '更多热线', '第0页', '第一千页', '下', '翻页机', '热线', ''])('reads %j as words to search', (text) => {
    expect(pageTurnOf(text)).toBeNull();
  });
});
