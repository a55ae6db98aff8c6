import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSilentLogger, type Logger } from '../../src/logger.js';
import { createTokenizer, openSearch, sourceFromArticles, tailToMerge } from '../../src/search/index.js';
import { SEGMENT_VERSION, type Header } from '../../src/search/segment.js';
import { DEFAULT_TUNING } from '../../src/search/tuning.js';
import type { Article } from '../../src/types.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';
import { RANKING_SET } from './fixtures/articles.js';

const tokenizer = createTokenizer();
const logger = createSilentLogger();
const open = (articles: readonly Article[] = RANKING_SET, dir: string | null = null, log: Logger = logger) =>
  openSearch({ source: sourceFromArticles(articles), dir, logger: log, tokenizer });
const ids = async (query: string, search = open()) => (await search.search(query)).results.map((hit) => hit.id);

describe('ranking', () => {
  const search = open();

  it.each([
    // The only article that holds the word.
    ['奥斯卡', ['movies']],
    ['护学岗', ['school']],
    // The question's content words: only "movies" has 今年, 发放 and 观影消费券 whole; "coupons"
    // (消费券 for shopping) holds less than half of the question's weight.
    ['西宁今年发放了多少观影消费券？', ['movies']],
    // Two typed words: "movies" has both; "coupons" (消费券, three times) and "cinema-mention"
    // (电影 once) have one each: fewer words allowed, after.
    ['消费券 电影', ['movies', 'coupons', 'cinema-mention']],
    // jieba cuts 网络主播 in the article as 网络/主/播; the bigrams find it. "network" (网络 only,
    // the commoner half of the word) is about something else and is not listed.
    ['网络主播', ['streamers']],
    ['網絡主播', ['streamers']],
    // Numbers are whole words: 1215 is in the hotline report only (not in 12345).
    ['1215', ['hotline']],
    ['12345', ['hotline']],
    ['１２３４５', ['hotline']],
    // Latin in any case or width.
    ['ktv', ['school']],
    ['ＫＴＶ', ['school']],
    ['Pflops', ['computing']],
    // Only "party-shops" has 党员示范店; "party-members" has 党员 and 示范 apart, not 示范店.
    ['党员示范店', ['party-shops']],
    // Quoted: only the article that has it as written.
    ['“党员示范店”', ['party-shops']],
    ['"码上减负"', ['hotline']],
  ])('%s', async (query, expected) => {
    expect(await ids(query, search)).toEqual(expected);
  });

  it.each(['股市', '足球世界杯', '西宁 股市', '城中区有足球世界杯吗？', '"示范店党员"', '的', ''])('finds nothing for %j', async (query) => {
    expect(await search.search(query)).toEqual({ query, words: query.trim(), total: 0, results: [], span: null, sort: 'relevance', nearest: false });
  });

  it('puts a title match above a body match', async () => {
    // 护学岗 is in the school article's title; a body-only mention scores less.
    const withMention = open([
      ...RANKING_SET,
      { ...RANKING_SET[2]!, id: 'mention', body: '开学第一天，民警在护学岗值守，城中区的文化生活越来越丰富。' },
    ]);
    expect(await ids('护学岗', withMention)).toEqual(['school', 'mention']);
  });

  it('finds a one-character word inside other words, below the articles holding every typed word', async () => {
    const withProperty = open([
      ...RANKING_SET,
      { ...RANKING_SET[2]!, id: 'property', title: '物业服务提质增效', body: '物业公司上门维修，物业费公开透明。' },
      { ...RANKING_SET[2]!, id: 'both', title: '小区开展安全检查', body: '物业公司在小区门口设立值守岗，提醒居民注意安全。' },
    ]);
    // "both" holds 物业 and 岗; "property" holds 物业 only (three times, in its headline too); "school"
    // holds 岗 only inside 护学岗, a jieba word of its own, so only the character's own list finds it.
    expect(await ids('物业 岗', withProperty)).toEqual(['both', 'property', 'school']);
  });

  it('pages with limit and offset, total counting all', async () => {
    const all = await search.search('城中区');
    expect(all.total).toBe(2);
    expect((await search.search('城中区', { limit: 1, offset: 1 })).results.map((hit) => hit.id)).toEqual([all.results[1]!.id]);
  });

  it('returns hits with the article fields and an escaped, highlighted snippet', async () => {
    const { results } = await search.search('ktv');
    expect(results[0]).toMatchObject({
      id: 'school',
      title: '全市293所学校公安“护学岗”将准时上线',
      date: '2025-02-21',
      source: 'fixture.txt',
      snippet: '对校园周边网吧、<b>KTV</b>等行业场所开展治安清查和消防安全检查。',
    });
  });
});

describe('matches (keyword alerts)', () => {
  const search = open();
  const byId = (id: string) => RANKING_SET.find((article) => article.id === id)!;

  it.each([
    ['网络主播', 'streamers', true],
    ['網絡主播', 'streamers', true],
    ['1215', 'hotline', true],
    ['1215', 'computing', false],
    ['足球', 'movies', false],
    ['“党员示范店”', 'party-members', false],
    ['党员示范店', 'party-shops', true],
  ])('%s on %s: %s', async (keyword, id, expected) => {
    expect(search.matches(byId(id), keyword)).toBe(expected);
  });

  it('agrees with search on every fixture', async () => {
    for (const query of ['网络主播', '消费券 电影', '党员示范店', 'ktv', '城中区', '岗', '影 券']) {
      const found = new Set(await ids(query, search));
      for (const article of RANKING_SET) expect(search.matches(article, query)).toBe(found.has(article.id));
    }
  });
});

describe('persistence', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-search-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const indexDir = () => path.join(dir, 'search-index');
  const files = () => readdirSync(indexDir()).sort();
  /** A logger, and the messages it logged at warn or above so far. */
  const recording = () => {
    const { logger, entries } = recordingLogger();
    return { log: logger, warnings: () => entries.filter((entry) => entry.level >= LEVEL.warn).map((entry) => entry.msg) };
  };
  const QUERIES = ['网络主播', '1215', '消费券 电影', 'ktv', '岗', '“党员示范店”'];

  it('saves, then loads the same index (same results) without rebuilding', async () => {
    const built = open(RANKING_SET, indexDir());
    expect(files()).toEqual([`seg-0000000001-${String(RANKING_SET.length).padStart(10, '0')}.nbs`]);
    const before = statSync(path.join(indexDir(), files()[0]!)).mtimeMs;
    const loaded = open(RANKING_SET, indexDir());
    for (const query of QUERIES) expect(await loaded.search(query)).toEqual(await built.search(query));
    expect(loaded.size).toBe(RANKING_SET.length);
    expect(statSync(path.join(indexDir(), files()[0]!)).mtimeMs).toBe(before);
  });

  /** The merge policy's ratio alone (no small merge waits for others): what the tests of merging itself run with. */
  const RATIO_ONLY = { mergeFloor: 0 };

  it('a segment per batch of new articles, merged with the one before once it is a quarter of its size; results as one build', async () => {
    // 'school' (the only article with KTV) is the sixth.
    const source = sourceFromArticles(RANKING_SET.slice(0, 5));
    const search = openSearch({ source, dir: indexDir(), logger, tokenizer, tuning: RATIO_ONLY });
    expect(await ids('ktv', search)).toEqual([]);
    source.push(RANKING_SET.slice(5, 6));
    // The next search picks up what the store gained: no add() call needed.
    expect(await ids('ktv', search)).toEqual(['school']);
    expect(files()).toEqual(['seg-0000000001-0000000005.nbs', 'seg-0000000006-0000000006.nbs']);
    source.push(RANKING_SET.slice(6, 7));
    await search.refresh();
    // 7 (1 article) is a quarter of 6 or more: merged with it; then 6-7 (2) is with 1-5: merged again.
    expect(files()).toEqual(['seg-0000000001-0000000007.nbs']);
    source.push(RANKING_SET.slice(7));
    await search.refresh();
    expect(files()).toEqual(['seg-0000000001-0000000010.nbs']);
    expect(search.size).toBe(RANKING_SET.length);
    const oneBuild = open(RANKING_SET);
    for (const query of QUERIES) expect(await search.search(query)).toEqual(await oneBuild.search(query));
    expect(await ids('ktv', search)).toEqual(['school']);
  });

  it.each([
    [[5, 1], 0],
    [[5, 1, 1], 3],
    [[4000, 200, 60], 2],
    [[1000, 200, 60], 3],
    [[10], 0],
    [[], 0],
  ])('merge policy, its ratio alone: segments of %j merge their newest %i', (sizes, count) => {
    expect(tailToMerge(sizes, { ...DEFAULT_TUNING, ...RATIO_ONLY })).toBe(count);
  });

  it.each([
    // Fewer than 1,000 articles wait until the merge takes in 8 segments.
    [[5, 1, 1], 0],
    [[4000, 200, 60], 0],
    [[1283, 6, 6, 6, 6, 6, 6, 6], 0],
    [[1283, 6, 6, 6, 6, 6, 6, 6, 6], 8],
    // The 48 joins the pages after it: 42 of them are more than a quarter of it.
    [[1_000_000, 48, 6, 6, 6, 6, 6, 6, 6], 8],
    // Enough articles merge at once, as by the ratio alone.
    [[4000, 900, 300], 3],
    [[5000, 5000], 2],
  ])('merge policy: segments of %j merge their newest %i', (sizes, count) => {
    expect(tailToMerge(sizes)).toBe(count);
  });

  it("pages' small segments are merged eight at a time, not after each page; results as one build", async () => {
    const source = sourceFromArticles(RANKING_SET.slice(0, 2));
    const search = openSearch({ source, dir: indexDir(), logger, tokenizer });
    for (let page = 2; page < 8; page++) {
      source.push(RANKING_SET.slice(page, page + 1));
      await search.refresh();
    }
    expect(files()).toHaveLength(7);
    source.push(RANKING_SET.slice(8, 9));
    await search.refresh();
    expect(files()).toEqual(['seg-0000000001-0000000009.nbs']);
    source.push(RANKING_SET.slice(9));
    await search.refresh();
    expect(files()).toEqual(['seg-0000000001-0000000009.nbs', 'seg-0000000010-0000000010.nbs']);
    const oneBuild = open(RANKING_SET);
    for (const query of QUERIES) expect(await search.search(query)).toEqual(await oneBuild.search(query));
  });

  it('a serving index merges in a worker thread: it answers meanwhile, then holds one segment with the same results', async () => {
    const source = sourceFromArticles(RANKING_SET.slice(0, 5));
    const search = openSearch({ source, dir: indexDir(), logger, tokenizer, mergeOffThread: true, tuning: RATIO_ONLY });
    source.push(RANKING_SET.slice(5, 6));
    await search.refresh();
    source.push(RANKING_SET.slice(6, 7));
    await search.refresh();
    // The merge of 1-5, 6 and 7 runs elsewhere: the three segments serve until it is done.
    expect(files()).toEqual(['seg-0000000001-0000000005.nbs', 'seg-0000000006-0000000006.nbs', 'seg-0000000007-0000000007.nbs']);
    expect(await ids('ktv', search)).toEqual(['school']);
    await vi.waitFor(() => expect(files()).toEqual(['seg-0000000001-0000000007.nbs']), { timeout: 20_000, interval: 20 });
    source.push(RANKING_SET.slice(7));
    const oneBuild = open(RANKING_SET);
    for (const query of QUERIES) expect(await search.search(query)).toEqual(await oneBuild.search(query));
    await vi.waitFor(() => expect(files()).toEqual(['seg-0000000001-0000000010.nbs']), { timeout: 20_000, interval: 20 });
    for (const query of QUERIES) expect(await search.search(query)).toEqual(await oneBuild.search(query));
    search.close();
  });

  it('closing during a worker merge keeps the inputs; the next start serves them and leaves no temp file', async () => {
    const source = sourceFromArticles(RANKING_SET.slice(0, 5));
    const search = openSearch({ source, dir: indexDir(), logger, tokenizer, mergeOffThread: true, tuning: RATIO_ONLY });
    source.push(RANKING_SET.slice(5));
    await search.refresh();
    // 6-10 (5) beside 1-5 (5): merged in a worker, stopped by the close
    expect(files()).toEqual(['seg-0000000001-0000000005.nbs', 'seg-0000000006-0000000010.nbs']);
    search.close();
    const { log, warnings } = recording();
    const next = openSearch({ source, dir: indexDir(), logger: log, tokenizer });
    expect(warnings()).toEqual([]);
    expect(next.size).toBe(RANKING_SET.length);
    expect(files().filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await ids('ktv', next)).toEqual(['school']);
  });

  it('a crash between the store and the index: the next start indexes only the missing articles', async () => {
    open(RANKING_SET.slice(0, 5), indexDir());
    const { log, warnings } = recording();
    const next = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toEqual([]);
    expect(next.size).toBe(RANKING_SET.length);
    // The five new ones became a segment of their own (a merge of ten articles waits for more segments).
    expect(files()).toEqual(['seg-0000000001-0000000005.nbs', 'seg-0000000006-0000000010.nbs']);
    expect(await ids('ktv', next)).toEqual(['school']);
  });

  it('rebuilds when the saved index does not match the store (another article at the same place)', async () => {
    open(RANKING_SET, indexDir());
    const { log, warnings } = recording();
    const smaller = open(RANKING_SET.filter((article) => article.id !== 'school'), indexDir(), log);
    expect(warnings()).toEqual(['search index does not match the stored articles: rebuilding it']);
    expect(smaller.size).toBe(RANKING_SET.length - 1);
    expect(await ids('ktv', smaller)).toEqual([]);
  });

  const segmentFile = () => path.join(indexDir(), files()[0]!);
  it.each([
    ['cut by 4 KB', (file: string) => truncateSync(file, Math.max(0, statSync(file).size - 4096))],
    ['cut by 10 bytes', (file: string) => truncateSync(file, statSync(file).size - 10)],
    ['zeroed', (file: string) => writeFileSync(file, Buffer.alloc(statSync(file).size))],
    ['empty', (file: string) => writeFileSync(file, '')],
  ])('a segment file %s: one warning at start, rebuilt from the store, same results', async (_name, damage) => {
    const built = open(RANKING_SET, indexDir());
    damage(segmentFile());
    const { log, warnings } = recording();
    const loaded = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^search index segment seg-0000000001-0000000010\.nbs is damaged \(.+\): its articles are indexed again from the store$/);
    for (const query of QUERIES) expect(await loaded.search(query)).toEqual(await built.search(query));
    expect(readdirSync(indexDir()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('100 garbled bytes in the middle of the file: one warning, the answer is the right one', async () => {
    const built = open(RANKING_SET, indexDir());
    const expected = await built.search('网络');
    expect(expected.total).toBeGreaterThan(0);
    const file = segmentFile();
    const bytes = readFileSync(file);
    // The lists lie between the folded texts and the dictionaries: garble the middle of the file.
    const middle = Math.floor(bytes.length / 2);
    for (let i = 0; i < 100; i++) bytes[middle + i] = (bytes[middle + i]! + 97) & 0xff;
    writeFileSync(file, bytes);
    const { log, warnings } = recording();
    const loaded = open(RANKING_SET, indexDir(), log);
    const answers: unknown[] = [];
    for (const query of QUERIES.concat('网络')) answers.push(await loaded.search(query));
    expect(answers.at(-1)).toEqual(expected);
    for (const [i, query] of QUERIES.entries()) expect(answers[i]).toEqual(await built.search(query));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^search index segment seg-0000000001-0000000010\.nbs is damaged \(.+\): its articles are indexed again from the store$/);
  });

  it('garbled posting lists (dictionaries intact) are found when a query reads them: one warning, the right answer', async () => {
    const built = open(RANKING_SET, indexDir());
    const expected = await built.search('网络');
    const file = segmentFile();
    const bytes = readFileSync(file);
    // The header (JSON, at the end of the file: its length is 16 bytes before the end) says where the body's lists are.
    const headerLength = bytes.readUInt32LE(bytes.length - 16);
    const header = JSON.parse(bytes.toString('utf8', bytes.length - 16 - headerLength, bytes.length - 16)) as Header;
    const { offset, bytes: length } = header.fields.body;
    for (let i = offset; i < offset + length; i++) bytes[i] = (bytes[i]! + 97) & 0xff;
    writeFileSync(file, bytes);
    const { log, warnings } = recording();
    const loaded = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toEqual([]);
    expect(await loaded.search('网络')).toEqual(expected);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^search index segment seg-0000000001-0000000010\.nbs is damaged \(body list (checksum|order)\): its articles are indexed again from the store$/);
    for (const query of QUERIES) expect(await loaded.search(query)).toEqual(await built.search(query));
    expect(warnings()).toHaveLength(1);
  });

  it('a segment written by an earlier format is said so and indexed again from the store', async () => {
    const built = open(RANKING_SET, indexDir());
    const file = segmentFile();
    const bytes = readFileSync(file);
    const headerLength = bytes.readUInt32LE(bytes.length - 16);
    const headerStart = bytes.length - 16 - headerLength;
    const header = bytes.toString('utf8', headerStart, bytes.length - 16).replace(`"version":${SEGMENT_VERSION},`, '"version":1,');
    bytes.write(header, headerStart, 'utf8');
    bytes.writeUInt32LE(crc32(Buffer.from(header, 'utf8')), bytes.length - 12);
    writeFileSync(file, bytes);
    const { log, warnings } = recording();
    const loaded = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toEqual([
      `search index segment seg-0000000001-0000000010.nbs has format 1, this version writes ${SEGMENT_VERSION}: its articles are indexed again from the store`,
    ]);
    for (const query of QUERIES) expect(await loaded.search(query)).toEqual(await built.search(query));
  });

  it('a directory in place of a segment file, and leftover *.tmp files, are removed; the index is rebuilt', async () => {
    mkdirSync(path.join(indexDir(), 'seg-0000000001-0000000010.nbs'), { recursive: true });
    writeFileSync(path.join(indexDir(), 'seg-0000000001-0000000010.nbs.123.tmp'), 'half');
    const { log, warnings } = recording();
    const search = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^search index segment seg-0000000001-0000000010\.nbs is damaged \(not a file\): its articles are indexed again from the store$/);
    expect(await ids('ktv', search)).toEqual(['school']);
    expect(files()).toEqual(['seg-0000000001-0000000010.nbs']);
    expect(statSync(segmentFile()).isFile()).toBe(true);
  });

  it('a file in place of the index directory: one warning, the index is kept in memory, nothing stops', async () => {
    writeFileSync(indexDir(), 'not a directory');
    const { log, warnings } = recording();
    const search = open(RANKING_SET, indexDir(), log);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^search index directory unusable \(.+\): the index is kept in memory only$/);
    expect(await ids('ktv', search)).toEqual(['school']);
    expect(readFileSync(indexDir(), 'utf8')).toBe('not a directory');
  });

  it('a failed save is one warning; the index works from memory, no *.tmp is left, and the next start saves it', async () => {
    const source = sourceFromArticles(RANKING_SET.slice(0, 9));
    const { log, warnings } = recording();
    const search = openSearch({ source, dir: indexDir(), logger: log, tokenizer });
    // A directory under the name the next segment takes: the rename fails, as on a full or broken disk.
    mkdirSync(path.join(indexDir(), 'seg-0000000010-0000000010.nbs', 'x'), { recursive: true });
    source.push(RANKING_SET.slice(9));
    await search.refresh();
    expect(search.size).toBe(RANKING_SET.length);
    expect(await ids('ktv', search)).toEqual(['school']);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^cannot save the search index \(.+\): kept in memory, saved again later$/);
    expect(readdirSync(indexDir()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const next = open(RANKING_SET, indexDir());
    expect(await ids('ktv', next)).toEqual(['school']);
    expect(files()).toEqual(['seg-0000000001-0000000009.nbs', 'seg-0000000010-0000000010.nbs']);
    expect(statSync(path.join(indexDir(), files()[1]!)).isFile()).toBe(true);
  });
});
