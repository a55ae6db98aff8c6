/**
 * A worker done with jieba frees its dictionaries by loading a one-word
 * one in their place (nodejieba never frees them when a thread ends); a
 * tokenizer made afterwards loads the real ones again.
 */
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { createTokenizer, releaseJieba } from '../../src/search/tokenize.js';

describe('releaseJieba', () => {
  it('leaves jieba with a one-word dictionary, and a new tokenizer has the user dictionary again', () => {
    expect(createTokenizer().cut('直播带货')).toEqual(['直播带货']);
    releaseJieba();
    expect(nodejieba.cut('直播带货', true)).not.toEqual(['直播带货']);
    expect(nodejieba.cut('的', true)).toEqual(['的']);
    expect(createTokenizer().cut('直播带货')).toEqual(['直播带货']);
  });
});
