import * as OpenCC from 'opencc-js';
import type { ConverterFunction } from 'opencc-js/core';
import type { Article } from '../src/types.js';

/**
 * Synthetic corpora and query mixes for the benchmark, made only from the
 * seed pages: articles are recombined real sentences (with the seeds' own
 * spread of article lengths), queries are the kinds readers type (see the
 * search issue). Everything is drawn from a seeded PRNG: the same seed gives
 * the same corpus and queries on every machine.
 */

/** mulberry32: tiny, fast, good enough to shuffle sentences deterministically. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Sentences of a body, each keeping its end mark. */
function splitSentences(body: string): string[] {
  return body.match(/[^。！？!?\n]+[。！？!?]?/g)?.map((s) => s.trim()).filter((s) => s.length >= 8) ?? [];
}

/**
 * `count` articles of recombined seed sentences. Each takes a seed article's
 * sentence count (so lengths follow the seeds), a seed title, and sentences
 * drawn from the whole pool, in paragraphs of 1-4 sentences.
 */
export function makeCorpus(seeds: readonly Article[], count: number, seed = 1): Article[] {
  return [...syntheticArticles(seeds, count, seed)];
}

/** The articles of makeCorpus one at a time: a million of them never sit in memory together. */
export function* syntheticArticles(seeds: readonly Article[], count: number, seed = 1): Generator<Article> {
  const random = createRandom(seed);
  const pool = seeds.flatMap((article) => splitSentences(article.body));
  const lengths = seeds.map((article) => Math.max(2, splitSentences(article.body).length));
  const titles = seeds.map((article) => article.title);
  for (let i = 0; i < count; i++) {
    const length = pick(random, lengths);
    const paragraphs: string[] = [];
    let paragraph = '';
    for (let s = 0; s < length; s++) {
      paragraph += pick(random, pool);
      if (random() < 0.35) {
        paragraphs.push(paragraph);
        paragraph = '';
      }
    }
    if (paragraph) paragraphs.push(paragraph);
    const source = pick(random, seeds);
    const date = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    yield {
      // 12 hex digits like a page's article ids (the reader app's API takes only those); `00ff` keeps them apart from hashes in practice.
      id: `00ff${i.toString(16).padStart(8, '0')}`,
      kind: random() < 0.05 ? 'hotline' : 'article',
      title: pick(random, titles),
      kicker: null,
      subtitle: null,
      reporters: source.reporters,
      date,
      source: `synthetic-${Math.floor(i / 20)}.txt`,
      body: paragraphs.join('\n'),
      // Twenty articles a page, as a day's paper: its edition is the page's day.
      edition: { date, page: String(1 + (i % 20)), estimated: false },
    };
  }
}

/** Words no seed sentence holds: these queries must find nothing. */
const ABSENT = ['股市', '足球世界杯', '量子计算', '海底隧道', '冰球联赛', '火星探测', '芭蕾舞团', '比特币'];
const QUESTIONS = ['西宁今年有多少{}？', '{}是什么？', '哪里可以了解{}？', '{}怎么样了？'];

/**
 * The query mix: words and phrases cut from seed sentences, numbers and
 * Latin words (in odd case and full width), Traditional forms, two words,
 * quoted phrases, questions and absent words, in fixed proportions.
 */
export function makeQueries(seeds: readonly Article[], count: number, seed = 2): string[] {
  const random = createRandom(seed);
  const sentences = seeds.flatMap((article) => splitSentences(article.body));
  const hanRuns = sentences.flatMap((s) => s.match(/\p{Script=Han}{2,}/gu) ?? []);
  const numbers = [...new Set(sentences.flatMap((s) => s.match(/\d{2,}/g) ?? []))];
  const latin = [...new Set(sentences.flatMap((s) => s.match(/[A-Za-z]{2,}/g) ?? []))];
  // opencc-js's full.d.ts imports './core' without an extension, which NodeNext does not resolve: name the type here.
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' }) as ConverterFunction;

  /** A 2-4 character piece of real text: what a reader remembers. */
  const word = () => {
    const run = pick(random, hanRuns);
    const length = Math.min(run.length, 2 + Math.floor(random() * 3));
    const start = Math.floor(random() * (run.length - length + 1));
    return run.slice(start, start + length);
  };
  const phrase = () => {
    const run = pick(random, hanRuns.filter((r) => r.length >= 5));
    const length = Math.min(run.length, 5 + Math.floor(random() * 4));
    const start = Math.floor(random() * (run.length - length + 1));
    return run.slice(start, start + length);
  };
  const fullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  const oddCase = (text: string) => [...text].map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');

  const kinds: [number, () => string][] = [
    [35, word],
    [12, phrase],
    [8, () => pick(random, numbers)],
    [3, () => fullWidth(pick(random, numbers))],
    [6, () => (random() < 0.5 ? oddCase(pick(random, latin)) : fullWidth(pick(random, latin)))],
    [6, () => toTraditional(word())],
    [10, () => `${word()} ${word()}`],
    [6, () => `“${phrase()}”`],
    [8, () => pick(random, QUESTIONS).replace('{}', word())],
    [6, () => pick(random, ABSENT)],
  ];
  const total = kinds.reduce((sum, [weight]) => sum + weight, 0);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    let roll = random() * total;
    for (const [weight, make] of kinds) {
      roll -= weight;
      if (roll < 0) {
        queries.push(make());
        break;
      }
    }
  }
  return queries;
}
