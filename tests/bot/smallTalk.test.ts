import { describe, expect, it } from 'vitest';
import { smallTalkOf } from '../../src/bot/features/smallTalk.js';

describe('smallTalkOf: messages that are no search', () => {
  it.each([
    ['你好', 'greeting'],
    ['您好！', 'greeting'],
    ['Hi~', 'greeting'],
    ['在吗？', 'greeting'],
    ['你好啊', 'greeting'],
    ['谢谢！', 'thanks'],
    ['Thank you', 'thanks'],
    ['好的', 'ok'],
    ['哈哈哈哈', 'ok'],
    ['再见', 'goodbye'],
    ['怎么用？', 'how'],
    ['HELP', 'how'],
    ['👍', 'no-words'],
    ['？？', 'no-words'],
  ] as const)('%s is %s', (text, kind) => {
    expect(smallTalkOf(text)).toBe(kind);
  });

  it.each(['你好西宁', '护学岗', '雪', '12345', 'KTV', '谢谢你们的报道', '  '])('%s is a search (or nothing)', (text) => {
    expect(smallTalkOf(text)).toBeNull();
  });
});
