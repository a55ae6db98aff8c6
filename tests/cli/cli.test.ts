import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SEEDS_DIR } from '../../src/paths.js';
import { runNode, type NodeRun } from '../helpers/runNode.js';

// These tests run the built CLI (tests/support/buildSetup.ts builds it first), as a user would.
const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
const SEED_003 = path.join(SEEDS_DIR, '003_7f32786b762ade4c.txt');

let workDir: string;

beforeEach(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-'));
});

/** Runs `newsbot ...` in an empty directory (no .env) with a fresh DATA_DIR and info logs on. */
function newsbot(args: string[], input = '', env: Record<string, string> = {}): Promise<NodeRun> {
  return runNode(CLI, args, { cwd: workDir, env: { PATH: process.env.PATH, DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'info', ...env }, input });
}

/** What `search --json` prints for one query. */
interface SearchJson {
  query: string;
  total: number;
  span?: { since: string; until: string };
  sort?: string;
  results: { title: string; edition: unknown; snippet: string }[];
}

/** What `ask --json` prints for one question. */
interface AskJson {
  question: string;
  answer: unknown;
  results: { title: string }[];
}

describe('newsbot articles', () => {
  it('prints the items of the seeds as JSON and nothing else on stdout', async () => {
    const { code, stdout } = await newsbot(['articles', '--json', '--corpus', SEEDS_DIR]);
    expect(code).toBe(0);
    const items = JSON.parse(stdout) as Record<string, unknown>[];
    expect(items).toHaveLength(28);
    expect(Object.keys(items[0]!)).toEqual(['id', 'kind', 'title', 'kicker', 'subtitle', 'reporters', 'date', 'source', 'body', 'edition']);
    expect(items.filter((item) => item.kind === 'hotline')).toHaveLength(2);
    expect(items.filter((item) => item.kind === 'safety')).toHaveLength(2);
    expect(new Set(items.map((item) => item.id)).size).toBe(28);
  });

  it('gives every item the same id in every run and from the default corpus', async () => {
    const once = JSON.parse((await newsbot(['articles', '--json', '--corpus', SEED_003])).stdout) as { id: string }[];
    const again = JSON.parse((await newsbot(['articles', '--json'])).stdout) as { id: string; source: string }[];
    expect(once.map((item) => item.id)).toEqual(
      again.filter((item) => item.source === '003_7f32786b762ade4c.txt').map((item) => item.id),
    );
  });

  it.each([
    ['a missing path', () => '/no/such/page.txt', 'newsbot: /no/such/page.txt: no such file or directory\n'],
    ['an empty file', () => write('empty.txt', ''), 'newsbot: {dir}/empty.txt: empty file\n'],
    ['a binary file', () => write('data.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])), 'newsbot: {dir}/data.bin: not a text file (binary data)\n'],
    // PNG's signature makes it an image, read by OCR: a cut-off one is a damaged image
    ['a cut-off image', () => write('scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 1, 2])), 'newsbot: {dir}/scan.png: a damaged image (it cannot be decoded)\n'],
  ])('fails on %s with one line on stderr', async (_case, makePath, message) => {
    const { code, stdout, stderr } = await newsbot(['articles', '--json', '--corpus', makePath()]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(message.replace('{dir}', workDir));
  });

  it('skips a bad file with a warning naming it when the others are fine', async () => {
    const bad = write('empty.txt', '');
    const { code, stdout, stderr } = await newsbot(['articles', '--json', '--corpus', bad, '--corpus', SEED_003]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(6);
    expect(stderr).toContain(`${bad}: empty file, skipped`);
  });
});

describe('newsbot hotline', () => {
  it('prints the reports of a page as JSON', async () => {
    const { code, stdout } = await newsbot(['hotline', '--json', '--corpus', SEED_003]);
    expect(code).toBe(0);
    const { hotline, safety } = JSON.parse(stdout) as { hotline: unknown; safety: unknown };
    expect(hotline).toEqual([
      {
        date: '2025-02-20',
        calls: 992,
        messages: 45,
        channels: { 西宁12345微信公众号: 39, 中国政府网: 2, 人民网: 1, 青海12345政务服务网: 1, 西宁市政府网: 2 },
        direct: 547,
        transferred: 445,
        callbacks: 230,
        hot: [
          { topic: '消费维权', count: 86 },
          { topic: '物业服务', count: 53 },
          { topic: '劳动纠纷', count: 52 },
        ],
        source: '003_7f32786b762ade4c.txt',
      },
    ]);
    expect(safety).toEqual([
      {
        date: '2025-02-20',
        total: 33,
        sources: { '12345政务服务便民热线': 28, 西宁市应急管理局: 1, 西宁市消防救援支队: 4 },
        topics: ['小区物业', '消防安全', '市政道路', '城乡建设'],
        source: '003_7f32786b762ade4c.txt',
      },
    ]);
  });
});

describe('newsbot ingest', () => {
  it('adds a page once, keeps a copy in the inbox, and changes nothing the second time', async () => {
    // The seeds are in the store from the first open: a leading blank line makes other bytes, same items.
    const page = write('new-page.txt', `\n${readFileSync(SEED_003, 'utf8')}`);
    const first = await newsbot(['ingest', page]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('new-page.txt: 4 articles, 1 hotline report, 1 safety report\n');
    expect(readdirSync(path.join(workDir, 'data', 'inbox'))).toEqual(['new-page.txt']);
    const second = await newsbot(['ingest', page]);
    expect(second.stdout).toBe('new-page.txt: already ingested, nothing changed\n');
  });

  it('gives way to a bot on the same machine: it runs at nice 10, every thread of it, and loads neither grammY, pg nor the search (a search keeps its priority)', async () => {
    // A preload that writes, as the command ends, the priority of each of its threads and the packages loaded from node_modules.
    const preload = write(
      'probe.cjs',
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_FILE, JSON.stringify({ " +
        "priorities: require('node:fs').readdirSync('/proc/self/task').map((thread) => require('node:os').getPriority(Number(thread))), " +
        "packages: [...new Set(Object.keys(require.cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file)?.[1]).filter(Boolean))] })));",
    );
    const probe = async (args: string[]) => {
      const file = path.join(workDir, `probe-${args[0]!}.json`);
      const run = await newsbot(args, '', { NODE_OPTIONS: `--require ${preload}`, PROBE_FILE: file });
      expect(run.code).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8')) as { priorities: number[]; packages: string[] };
    };
    const page = write('new-page.txt', `\n${readFileSync(SEED_003, 'utf8')}`);
    const own = getPriority();
    const ingest = await probe(['ingest', page]);
    // Node's own threads (garbage collection helpers, started before the command) as well as the main one.
    expect(ingest.priorities.length).toBeGreaterThan(4);
    expect(new Set(ingest.priorities)).toEqual(new Set([Math.max(own, 10)]));
    expect(ingest.packages).toContain('better-sqlite3');
    expect(ingest.packages.filter((name) => ['grammy', 'pg', 'nodejieba'].includes(name))).toEqual([]);
    const search = await probe(['search', '护学岗']);
    expect(new Set(search.priorities)).toEqual(new Set([own]));
    expect(search.packages).toContain('nodejieba');
  });

  it('keeps every new page in the inbox: from a directory, and under a name already taken', async () => {
    const seed = readFileSync(SEED_003, 'utf8');
    mkdirSync(path.join(workDir, 'monday'));
    mkdirSync(path.join(workDir, 'tuesday'));
    write('monday/page.txt', seed.replaceAll('护学岗', '护校岗'));
    const tuesday = write('tuesday/page.txt', seed.replaceAll('护学岗', '护园岗'));
    expect((await newsbot(['ingest', path.join(workDir, 'monday')])).code).toBe(0);
    expect((await newsbot(['ingest', tuesday])).code).toBe(0);
    expect(readdirSync(path.join(workDir, 'data', 'inbox'))).toHaveLength(2);
    // The store is rebuilt from seeds/ and the inbox: both pages are still there.
    rmSync(path.join(workDir, 'data', 'newsbot.db'));
    const titles = (JSON.parse((await newsbot(['articles', '--json'])).stdout) as { title: string }[]).map((item) => item.title);
    expect(titles).toContain('全市293所学校公安“护校岗”将准时上线');
    expect(titles).toContain('全市293所学校公安“护园岗”将准时上线');
  });

  it('names a missing file', async () => {
    expect(await newsbot(['ingest', 'nope.txt'])).toMatchObject({ code: 1, stdout: '', stderr: 'newsbot: nope.txt: no such file or directory\n' });
  });

  it('fails with one stderr line naming the file when no file is a page', async () => {
    const scan = write('scan.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    expect(await newsbot(['ingest', scan])).toEqual({ code: 1, stdout: '', stderr: `newsbot: ${scan}: not a text file (binary data)\n` });
  });

  it('refuses a page over 5 MB in one stderr line, without reading it', async () => {
    const big = path.join(workDir, 'big.txt');
    writeFileSync(big, Buffer.alloc(5 * 1024 * 1024 + 1, '版'));
    expect(await newsbot(['ingest', big])).toEqual({
      code: 1,
      stdout: '',
      stderr: `newsbot: ${big}: too large for a page (5242881 bytes; the limit is 5242880 bytes, 5 MB)\n`,
    });
  });

  it('cuts an item longer than 50,000 characters at a sentence end, with a warning naming it', async () => {
    // One line of 72,000 characters, no headline: cut after the last full sentence within the limit.
    const sentence = '市民反映小区路灯不亮，维修人员当天到场更换灯具。';
    const page = write('giant.txt', `${sentence.repeat(3000)}\n`);
    const { code, stdout, stderr } = await newsbot(['ingest', page]);
    expect([code, stdout]).toEqual([0, 'giant.txt: 1 article, 0 hotline reports, 0 safety reports\n']);
    const warnings = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(warnings).toContain(
      'the item beginning "市民反映小区路灯不亮" has 72,000 characters: cut to 49,992 (an item keeps at most 50,000; the page file keeps it all)',
    );
    const listed = await newsbot(['articles', '--json']);
    const giant = (JSON.parse(listed.stdout) as { source: string; body: string }[]).find((item) => item.source === 'giant.txt');
    expect(giant?.body).toBe(sentence.repeat(2083));
    expect(readFileSync(path.join(workDir, 'data', 'inbox', 'giant.txt'), 'utf8')).toBe(`${sentence.repeat(3000)}\n`);
  });

  it('keeps warnings about skipped files off stdout', async () => {
    const page = write('new-page.txt', `\n${readFileSync(SEED_003, 'utf8')}`);
    const empty = write('empty.txt', '');
    const { code, stdout, stderr } = await newsbot(['ingest', page, empty]);
    expect(code).toBe(0);
    expect(stdout).toBe('new-page.txt: 4 articles, 1 hotline report, 1 safety report\n');
    expect(stderr).toContain(`${empty}: empty file, skipped`);
  });
});

describe('newsbot search', () => {
  it('prints one JSON object and nothing else on stdout', async () => {
    const { code, stdout } = await newsbot(['search', '护学岗', '--json', '--limit', '1', '--corpus', SEEDS_DIR]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchJson;
    expect(result.query).toBe('护学岗');
    expect(result.results).toHaveLength(1);
    expect(result.results[0]!.title).toBe('全市293所学校公安“护学岗”将准时上线');
    // Page 003 has no dated header or file name: its edition is the latest day it mentions (2月21日).
    expect(result.results[0]!.edition).toEqual({ date: '2025-02-21', page: null, estimated: true });
  });

  it('marks only the words a question asks about, not stand-ins for its question words', async () => {
    // The seeds never print 多少 (how many); CC-CEDICT gives it 若干, which one seed prints (若干政策措施).
    const { code, stdout } = await newsbot(['search', '有多少政策措施？', '--json', '--corpus', SEEDS_DIR]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchJson;
    expect([result.total, result.results[0]!.title]).toEqual([1, '情暖新业态 致敬追光人']);
    expect(result.results[0]!.snippet).toContain('的若干<b>政策措施</b>》');
  });

  it('takes a trailing time and --since/--until/--sort, stdout JSON only', async () => {
    const { code, stdout, stderr } = await newsbot(['search', '护学岗 2025年2月', '--json', '--sort', 'newest', '--since', '2025-02-21', '--corpus', SEED_003]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchJson;
    expect(result.results.map((hit) => hit.title)).toEqual(['全市293所学校公安“护学岗”将准时上线']);
    expect([result.query, result.total, result.span, result.sort]).toEqual([
      '护学岗 2025年2月',
      1,
      { since: '2025-02-21', until: '2025-02-28' },
      'newest',
    ]);
    expect(stderr).not.toContain('\n    at ');
  });

  it('answers one line per query with --stdin, in order, with --limit', async () => {
    const { code, stdout } = await newsbot(['search', '--stdin', '--json', '--limit', '2', '--corpus', SEEDS_DIR], '零糖\n股市\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as SearchJson);
    expect(lines.map((line) => line.query)).toEqual(['零糖', '股市']);
    // Only one seed article mentions 零糖 at all.
    expect(lines[0]!.total).toBe(1);
    expect(lines[0]!.results.map((hit) => hit.title)).toEqual(['首选“健康”成西宁饮品消费新趋势']);
    expect(lines[1]).toEqual({ query: '股市', total: 0, results: [] });
  });
});

describe('newsbot ask', () => {
  it('prints the question, the answer with its source, and the results as one JSON object', async () => {
    const { code, stdout } = await newsbot(['ask', '10月15日12345热线接了多少电话？', '--json', '--limit', '1', '--corpus', SEEDS_DIR]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as AskJson;
    expect(result.question).toBe('10月15日12345热线接了多少电话？');
    expect(result.answer).toEqual({
      text: '2025-10-15，12345热线来电诉求1215件次。',
      highlight: '1215件次',
      kind: 'hotline',
      source: { id: '842f1012039b', title: '西宁市党建引领"有诉必应马上办"机制创新工作日报', date: '2025-10-15' },
    });
    expect(result.results).toHaveLength(1);
  });

  it('answers one line per question with --stdin; no answer is null', async () => {
    const { code, stdout } = await newsbot(['ask', '--stdin', '--json', '--corpus', SEEDS_DIR], '全市多少所学校设了护学岗\n西宁的股市怎么样\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as AskJson);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.answer).toEqual({
      text: '全市293所学校公安“护学岗”将准时上线',
      highlight: '293所',
      kind: 'article',
      sentence: '全市293所学校公安“护学岗”将准时上线',
      source: { id: 'aba5ffa08aed', title: '全市293所学校公安“护学岗”将准时上线', date: null },
    });
    expect(lines[0]!.results[0]!.title).toBe('全市293所学校公安“护学岗”将准时上线');
    expect(lines[1]).toEqual({ question: '西宁的股市怎么样', answer: null, results: [] });
  });

  it('says what is missing', async () => {
    expect(await newsbot(['ask', '--json', '--corpus', SEEDS_DIR])).toMatchObject({ code: 1, stdout: '', stderr: 'newsbot: ask: missing QUESTION (or --stdin)\n' });
  });
});

describe('newsbot chat', () => {
  it('answers questions as the bot on Telegram does: the answer line first, then the results', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '10月15日12345热线接了多少电话？\n/ask 全市多少所学校设了护学岗？\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    // Each reply's first line: the answer (💡), then the result list (🔎) it sits above.
    expect(stdout.split('\n').filter((line) => /^[💡🔎]/u.test(line))).toEqual([
      '💡 2025-10-15，12345热线来电诉求1215件次。',
      // The list shows what the question is about: its asking and scaffolding words out.
      '🔎 “10月15日12345热线接电话”：共 4 篇，第 1/1 页',
      '💡 全市293所学校公安“护学岗”将准时上线',
      '🔎 “全市学校设护学岗”：共 1 篇，第 1/1 页',
    ]);
  });

  it('answers ten readers’ questions of ten kinds with the answer in the first line of each reply', async () => {
    const questions: readonly (readonly [string, string])[] = [
      ['10月15日12345热线接了多少电话？', '💡 2025-10-15，12345热线来电诉求1215件次。'],
      ['排第二的热点是什么', '💡 2025-10-15，12345热线热点问题第2位：消费维权58件。'],
      ['2月20日安全隐患举报涉及哪些问题', '💡 2025-02-20的安全隐患举报涉及小区物业、消防安全、市政道路、城乡建设等问题。'],
      ['城西区招商引进了多少项目线索', '💡 城西区年内引进19条项目线索'],
      ['硼酸纯度有多高', '💡 硼酸产品主含量高达99.999%'],
      ['储能专利导航是谁发布的', '💡 省知识产权局正式发布“青海省新型储能产业专利导航”项目成果'],
      ['禁毒宣传去了哪些学校', '💡 静雅小学、十里铺小学'],
      ['营商环境评审会是哪天开的', '💡 12月8日，西宁市优化营商环境工作领导小组办公室组织省内外营商环境领域教授、学者召开了西宁市2023年度营商环境改革创新“十佳”典型案例专家评审会'],
      ['海西州文化走亲活动在哪里落幕', '💡 2025年海西州文化走亲活动在温州落幕'],
      ['城西区的招商小程序叫什么', '💡 云端商会'],
    ];
    const { code, stdout, stderr } = await newsbot(['chat'], `${questions.map(([question]) => question).join('\n')}\n`, { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => line.startsWith('💡'))).toEqual(questions.map(([, answer]) => answer));
  }, 120_000);

  it('answers the number to call when asked for one (热线电话是多少), and the calls when asked how many (热线电话多少)', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '热线电话是多少\n热线电话多少\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => line.startsWith('💡'))).toEqual(['💡 12345政务服务便民热线', '💡 2025-10-15，12345热线来电诉求1215件次。']);
  }, 120_000);

  it('gives no answer line from a sentence that holds only part of what is asked (招商 for 招聘, 西宁 alone for 西宁哪里好玩), only the list', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '有没有招聘信息\n西宁哪里好玩\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^[💡🔎]/u.test(line))).toEqual(['🔎 “招聘信息”：共 4 篇，第 1/1 页', '🔎 “西宁好玩”：共 2 篇，第 1/1 页']);
  }, 120_000);

  it('lists the report a hotline question is answered from first, though its words are not the question’s', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '排第二的热点是什么\n10月15日12345热线接了多少电话？\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:💡|🔎|\d\. )/u.test(line))).toEqual([
      '💡 2025-10-15，12345热线热点问题第2位：消费维权58件。',
      // No article holds 排第二热点: the list is the report the answer was read from.
      '🔎 “排第二热点”：共 1 篇，第 1/1 页',
      '1. 西宁市党建引领"有诉必应马上办"机制创新工作日报',
      '💡 2025-10-15，12345热线来电诉求1215件次。',
      '🔎 “10月15日12345热线接电话”：共 4 篇，第 1/1 页',
      // The day's report first (the answer's source), then the others holding some of the words.
      '1. 西宁市党建引领"有诉必应马上办"机制创新工作日报',
      '2. 西宁市安全隐患举报受理情况日报',
      '3. 西宁市党建引领“有诉必应马上办”机制创新工作日报',
      '4. 西宁市安全隐患举报受理情况日报',
    ]);
    expect(stdout).toContain('10月15日,12345政务服务便民热线接听群众来电诉求1215件次');
  }, 120_000);

  it('finds the paper’s word for a reader’s word the paper does not print (src/search/vocabulary.txt)', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '打车司机\n供暖\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:🔎|\d\. )/u.test(line))).toEqual([
      '🔎 “打车司机”：共 2 篇，第 1/1 页',
      '1. 青海举行“‘新’心相印 聚力同行”主题联谊活动',
      '2. “有诉必应马上办”为新就业者撑起保护伞',
      '🔎 “供暖”：共 1 篇，第 1/1 页',
      '1. 王卫东开展“走基层、解难题”实践活动时强调 以党建引领推动物业管理提质增效',
    ]);
    // What the paper prints: 网约车司机 (打车, "taxi" in CC-CEDICT), 供热 ("heating").
    expect(stdout).toContain('网约车司机');
    expect(stdout).toContain('详细询问供热');
  }, 120_000);

  it('finds a reader’s one-character verb inside the paper’s words (摘 in 采摘, 卖 in 售卖)', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '摘草莓\n网上卖特产\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:🔎|\d\. )/u.test(line))).toEqual([
      '🔎 “摘草莓”：共 1 篇，第 1/1 页',
      '1. 以主题教育成效提升村集体经济“新高度”',
      '🔎 “网上卖特产”：共 1 篇，第 1/1 页',
      '1. 城东区:全国首个社区基层工会主席直播带货',
    ]);
  }, 120_000);

  it('reads 最近 and 新闻 as how to list: newest first, and the newest articles for those words alone', async () => {
    // 8 presses the last list's 🎯 按相关度: the same words by relevance.
    const { code, stdout, stderr } = await newsbot(['chat'], '近期西宁的新闻\n8\n最近有哪些关于西宁的报道？\n最新消息\n新闻发布会\n最近护学岗 2025年2月\n超级联赛新闻发布会发布了什么\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    const replies = stdout.split(/\n(?=🔎|🗞|💡)/u).filter((reply) => /^[🔎🗞💡]/u.test(reply));
    expect(replies.map((reply) => reply.split('\n')[0])).toEqual([
      '🔎 “西宁”：共 20 篇，最新在前，第 1/4 页',
      '🔎 “西宁”：共 20 篇，第 1/4 页',
      // A question asking for reports: the list is the answer (no 💡 line read out of an article).
      '🔎 “西宁”：共 20 篇，最新在前，第 1/4 页',
      '🗞 最新文章：共 28 篇，最新在前，第 1/6 页',
      // 新闻 inside what was typed is a word to find.
      '🔎 “新闻发布会”：共 1 篇，第 1/1 页',
      // With a time span too: the span's editions, newest first.
      '🔎 “护学岗” · 2025年2月：共 1 篇，最新在前，第 1/1 页',
      // 新闻 inside what is asked about (新闻发布会): a fact is asked, and answered.
      '💡 第三届“大美青海·高原足球”超级联赛新闻发布会发布了本届赛事商务活动的联动举措',
      '🔎 “超级联赛发布会发布”：共 1 篇，第 1/1 页',
    ]);
    const editions = (reply: string) => [...reply.matchAll(/^西宁晚报 · 约(\d{4})年(\d{1,2})月(\d{1,2})日/gmu)].map(([, y, m, d]) => `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`);
    for (const reply of [replies[0]!, replies[2]!, replies[3]!]) {
      const days = editions(reply);
      expect(days).toHaveLength(5);
      expect(days).toEqual([...days].sort().reverse());
    }
    // By relevance the best match leads, not the newest edition.
    expect(editions(replies[1]!)).not.toEqual([...editions(replies[1]!)].sort().reverse());
    expect(replies[3]).toContain('1. 青海举行“‘新’心相印 聚力同行”主题联谊活动');
  }, 120_000);

  it('reads asking to search (帮我找一下) and the marks around a topic (关于, 跟…有关) as no words to find', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '帮我找一下护学岗\n跟物业有关的新闻\n查毒驾\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:🔎|1\. )/u.test(line))).toEqual([
      '🔎 “护学岗”：共 1 篇，第 1/1 页',
      '1. 全市293所学校公安“护学岗”将准时上线',
      '🔎 “物业”：共 5 篇，第 1/1 页',
      '1. 王卫东开展“走基层、解难题”实践活动时强调 以党建引领推动物业管理提质增效',
      // 查 opening a word is a word to find.
      '🔎 “查毒驾”：共 1 篇，第 1/1 页',
      '1. 查毒驾进场所筑牢全民“防毒线”',
    ]);
  }, 120_000);

  it('reads the paper itself (报纸) as no word to find, and 多不多 as asking, not as words', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '昨天的报纸\n物业的投诉多不多\n最近一期报纸\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n');
    // Yesterday's edition (the seeds have none): a time alone, not a search for 报纸.
    expect(lines.filter((line) => line.endsWith('的报纸里还没有文章。'))).toEqual([expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日的报纸里还没有文章。$/u)]);
    // And which editions there are: the seeds' three newest.
    expect(stdout).toContain('最近的几期：2026年5月1日、2025年11月17日、2025年10月16日；发 /paper 日期 看一期的全部标题。');
    // 物业 is a hot issue of the reports: the answer is its count, and the list starts with that report.
    expect(lines.filter((line) => /^(?:💡|🔎)/u.test(line))).toEqual(['💡 2025-10-15，12345热线热点问题第1位：物业管理64件。', '🔎 “物业投诉”：共 3 篇，第 1/1 页']);
    // The latest issue: the newest articles, the seeds' newest edition first.
    expect(lines.filter((line) => line.startsWith('🗞'))).toEqual(['🗞 最新文章：共 28 篇，最新在前，第 1/6 页']);
    expect(lines[lines.indexOf('🗞 最新文章：共 28 篇，最新在前，第 1/6 页') + 3]).toBe('西宁晚报 · 约2026年5月1日');
  }, 120_000);

  it("answers questions in readers' words: what people complain about, a count of the whole hotline in a month, a count of people", async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '最近大家都在投诉什么\n10月份热线一共多少件\n护学岗有多少民警\n留言最多的渠道是哪个\n微信留言占多少\n热线和上一期比怎么样\n2月20日和10月15日哪天来电多\n消防那边接了多少举报\n熱線10月15日來電多少\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:💡|🔎)/u.test(line))).toEqual([
      '💡 2025-10-15，12345热线热点问题：1.物业管理64件，2.消费维权58件，3.劳动纠纷49件。',
      '🔎 “投诉”：共 3 篇，最新在前，第 1/1 页',
      // 10月 is the October the reports are of; the list under the answer is of the same month.
      '💡 2025年10月（2025-10-01至2025-10-31）有日报的1天：10-15 来电诉求1215件次，网民留言73件，直接办理739件，转交责任单位办理476件。',
      '🔎 “热线” · 2025年10月：共 2 篇，第 1/1 页',
      // A count of people: the article's 293所学校 is no answer to it.
      '🔎 “护学岗民警”：共 1 篇，第 1/1 页',
      '💡 2025-10-15，12345热线留言最多的渠道：西宁12345微信公众号65件（网民留言共73件）。',
      expect.stringMatching(/^🔎 /u),
      '💡 2025-10-15，12345热线西宁12345微信公众号留言65件，占网民留言73件的89.0%。',
      expect.stringMatching(/^🔎 /u),
      '💡 2025-10-15与前一期（2025-02-20）相比：来电诉求1215件次（多223件次），网民留言73件（多28件），直接办理739件（多192件），转交责任单位办理476件（多31件）。',
      expect.stringMatching(/^🔎 /u),
      '💡 2025-10-15来电诉求1215件次，比2025-02-20的992件次多223件次。',
      expect.stringMatching(/^🔎 /u),
      '💡 2025-10-15，西宁市消防救援支队接收的安全隐患举报17件。',
      expect.stringMatching(/^🔎 /u),
      // Traditional characters are read as Simplified.
      '💡 2025-10-15，12345热线来电诉求1215件次。',
      expect.stringMatching(/^🔎 /u),
    ]);
  }, 120_000);

  it('reads times as readers type them: 早上8点半, 晚上10点到早上7点, 周五 晚上8点, 每天 晚上9点半', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/subscribe 早上8点半\n/quiet 晚上10点到早上7点\n/subscribe weekly 周五 晚上8点\n/subscribe 早上20点\n/follow 护学岗\n/digest 每天 晚上9点半\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('✅ 已订阅：每天 08:30（北京时间）推送 12345 热线日报。');
    expect(stdout).toContain('免打扰：每天 22:00–07:00（北京时间）不发消息');
    expect(stdout).toContain('✅ 已订阅周报：每周五 20:00（北京时间）');
    expect(stdout).toContain('“早上20点”不是一个时间。请写成 /subscribe 07:30 或 /subscribe 早上7点半');
    expect(stdout).toContain('提醒方式：每天 21:30（北京时间），把这一天的新文章合成一条发来');
  }, 120_000);

  it("reads a trend's span and last day as readers say them: 半年 is 180 days, 2月20日 the day of a report", async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/trend 半年\n/trend 两周 2月20日\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('2025-04-19 至 2025-10-15 只有 1 份热线日报，至少要 2 份才能画出趋势。');
    // The last day as readers write it: 2月20日 is the day of the seeds' report.
    expect(stdout).toContain('2025-02-07 至 2025-02-20 只有 1 份热线日报，至少要 2 份才能画出趋势。');
  }, 120_000);

  it('lists the newest articles holding the words for /latest 词, and the newest of all for /latest alone', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/latest 消费券\n/latest\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').filter((line) => /^(?:🔎|🗞|1\. )/u.test(line))).toEqual([
      '🔎 “消费券”：共 2 篇，最新在前，第 1/1 页',
      '1. 100万元“青海好物”线上消费券为青超联赛添彩',
      '🗞 最新文章',
      '1. 向“数”而行 勇立潮头',
    ]);
  }, 120_000);

  it('takes 最新 and 最近一期 as the newest for /hotline and /paper, and points a span to /trend or a search', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/hotline 最新\n/paper 最近一期\n/hotline 上个月\n/paper 10月\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('☎️ 12345 热线日报 · 2025-10-15');
    expect(stdout).toContain('🗞 西宁晚报 · 约2026年5月1日 · 共 6 篇');
    expect(stdout).toContain('“上个月”是一段时间：/hotline 看一天的日报，例如 /hotline 2025-10-15；这段时间的趋势请发 /trend 上个月');
    expect(stdout).toContain('“10月”是一段时间：/paper 看一期报纸，例如 /paper 2026-05-01；这段时间的文章请直接发“10月”');
  }, 120_000);

  it('reads a trend over a span named whole: 10月 is the October with a report, 2025年 the year (10月 was ten months)', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/trend 10月\n/trend 2025年\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('2025-10-01 至 2025-10-31 只有 1 份热线日报，至少要 2 份才能画出趋势。');
    expect(stdout).toContain('(photo trend-2025-01-01-2025-12-31.png)\n📈 12345 热线 · 2025-01-01 至 2025-12-31（2 份日报）');
  }, 120_000);

  it('reads a day without its year as the latest such day there is: /paper 10月16日, /hotline 10月15日, a search for 10月16日', async () => {
    // Today (the machine's clock) is past October 2025; the seeds' editions and reports are of 2025.
    const { code, stdout, stderr } = await newsbot(['chat'], '/paper 10月16日\n/hotline 10月15日\n/hotline 十月十五\n10月16日\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    // A search by the day alone: its edition, as /paper finds it.
    expect(stdout).toContain('🗓 2025年10月16日的报纸：共 5 篇，最新在前，第 1/1 页');
    expect(stdout).toContain('🗞 西宁晚报 · 约2025年10月16日 · 共 5 篇');
    expect(stdout).toContain('☎️ 12345 热线日报 · 2025-10-15');
    expect(stdout).toContain('“十月十五”不是日期，请写成 YYYY-MM-DD 或“10月15日”“昨天”，例如 /hotline 2025-10-15');
  }, 120_000);

  it('unfollows every word with /unfollow 全部, and only the word 全部 when it is one followed', async () => {
    const { code, stdout, stderr } = await newsbot(['chat'], '/follow 护学岗 物业\n/unfollow 全部\n/follows\n/follow 全部 禁毒\n/unfollow 全部\n/follows\n', { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n').filter((line) => /^(?:已取消关注|🔔 你关注的|你还没有关注)/u.test(line));
    expect(lines).toEqual(['已取消关注：护学岗、物业', '你还没有关注关键词。发 /follow 词 关注，例如：/follow 护学岗', '已取消关注：全部', '🔔 你关注的关键词（1/20）：禁毒']);
  }, 120_000);

  it('turns the page of the latest search when a reader types 下一页, 更多, 上一页 or 第3页, going on from where the buttons left it', async () => {
    // 7 is ▶ under the first page (its buttons: five articles, the page, ▶).
    const typed = ['下一页', '西宁', '7', '下一页', '更多。', '上一页', '第4页', '下一页', '第9页', '上一页', '上一页', '上一页', '上一页'];
    const { code, stdout, stderr } = await newsbot(['chat'], `${typed.join('\n')}\n`, { LOG_LEVEL: 'warn' });
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n').filter((line) => /^(?:🔎|还没有可以翻页|没有第|已经是第一页)/u.test(line));
    expect(lines).toEqual([
      '还没有可以翻页的搜索：先发几个字搜一搜，比如“热线”。',
      '🔎 “西宁”：共 20 篇，第 1/4 页',
      '🔎 “西宁”：共 20 篇，第 2/4 页',
      '🔎 “西宁”：共 20 篇，第 3/4 页',
      '🔎 “西宁”：共 20 篇，第 4/4 页',
      '🔎 “西宁”：共 20 篇，第 3/4 页',
      '🔎 “西宁”：共 20 篇，第 4/4 页',
      '没有第 5 页：这个搜索一共 4 页。',
      '没有第 9 页：这个搜索一共 4 页。',
      '🔎 “西宁”：共 20 篇，第 3/4 页',
      '🔎 “西宁”：共 20 篇，第 2/4 页',
      '🔎 “西宁”：共 20 篇，第 1/4 页',
      '已经是第一页了。',
    ]);
  }, 120_000);

  it('searches a line that starts with "<" but is not "< FILE"', async () => {
    const { code, stdout } = await newsbot(['chat', '--corpus', SEED_003], '<护学岗>&\n');
    expect(code).toBe(0);
    expect(stdout).toContain('全市293所学校公安“护学岗”将准时上线');
    expect(stdout).not.toContain('抱歉');
  });
});

describe('newsbot', () => {
  it('names an unknown command', async () => {
    const { code, stderr } = await newsbot(['frobnicate']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('newsbot: unknown command "frobnicate"');
  });

  it('says DATA_DIR is not a directory when it names a file', async () => {
    const file = write('data', 'not a directory');
    expect(await newsbot(['articles'], '', { DATA_DIR: file })).toEqual({
      code: 1,
      stdout: '',
      stderr: `newsbot: DATA_DIR is not a directory: ${file}\n`,
    });
  });

  it('names a bad setting without a stack trace', async () => {
    expect(await newsbot(['articles'], '', { PUSH_TIME: '25:99' })).toMatchObject({
      code: 1,
      stderr: 'newsbot: PUSH_TIME must be a time of day as HH:MM (for example 08:00), got "25:99"\n',
    });
  });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(workDir, name);
  writeFileSync(file, content);
  return file;
}
