/**
 * The five seed pages, parsed end to end: every item's headline parts,
 * bylines and date, every report number, and the body contract.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/corpus/index.js';
import type { Article, ParsedPage } from '../../src/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

function parseSeed(file: string): ParsedPage {
  const page = parsePage(readFileSync(SEEDS + file), SEEDS + file);
  if ('error' in page) throw new Error(`${file}: ${page.error}`);
  return page;
}

const pages = new Map(FILES.map((f) => [f.slice(0, 3), parseSeed(f)]));
const page = (prefix: string): ParsedPage => pages.get(prefix)!;
const item = (prefix: string, index: number): Article => page(prefix).items[index]!;

describe('seed pages', () => {
  it('yields 6, 6, 5, 6, 5 items in file order', () => {
    expect(FILES).toHaveLength(5);
    expect(['000', '001', '002', '003', '004'].map((p) => page(p).items.length)).toEqual([6, 6, 5, 6, 5]);
  });

  it('names each page by its base name and hashes its bytes', () => {
    const p = page('003');
    expect(p.source).toBe('003_7f32786b762ade4c.txt');
    expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(p.items.every((a) => a.source === p.source)).toBe(true);
    expect(p.pageDate).toBeNull(); // no seed has a dated page header
  });

  // [page, index, kind, title, kicker, subtitle, reporters, date]
  it.each([
    ['000', 0, 'article', '城东区:全国首个社区基层工会主席直播带货', null, null, ['施翔'], '2025-11-15'],
    ['000', 1, 'article', '查毒驾进场所筑牢全民“防毒线”', null, null, ['宁亚琴'], null],
    ['000', 2, 'article', '首选“健康”成西宁饮品消费新趋势', null, null, ['周智昂'], null],
    ['000', 3, 'article', '青海省新型储能产业专利导航成果发布', null, null, ['小蕊'], null],
    ['000', 4, 'article', '2025年海西州文化走亲活动在温州落幕', null, null, ['李静'], '2025-11-17'],
    ['000', 5, 'article', '城西区以商协会联盟扩大“朋友圈”', null, null, ['张国静'], null],
    ['001', 0, 'article', '青海举行“‘新’心相印 聚力同行”主题联谊活动', null, null, ['咸文静', '李永波'], '2026-04-30'],
    ['001', 1, 'article', '情暖新业态 致敬追光人', null, '——“‘新’心相印 聚力同行”主题联谊活动侧记', ['咸文静', '李永波'], '2026-04-30'],
    ['001', 2, 'article', '100万元“青海好物”线上消费券为青超联赛添彩', null, null, ['王有力'], '2026-04-30'],
    ['001', 3, 'article', '欢乐跑,解锁别样假期!', null, null, ['齐延迪'], '2026-05-01'],
    ['001', 4, 'article', '一城光影织文脉 多元业态涌活力', null, null, [], null],
    ['001', 5, 'article', '向“数”而行 勇立潮头', '中国梦·劳动美', '——记2026年全国工人先锋号获奖集体、青海移动西宁分公司政企客户部', ['钟自珍', '马海曼'], null],
    // 002 prints its headlines after the bodies and out of order; a two-line headline on a hard-wrapped page is one title
    ['002', 0, 'article', '全国“最美工会户外劳动者服务站点”青海20个工会驿站上榜', null, null, ['晴空'], null],
    ['002', 1, 'article', '西宁市2023年度营商环境改革创新“十佳”典型案例专家评审会召开', null, null, ['张弘靓'], '2023-12-08'],
    ['002', 2, 'article', '以主题教育成效提升村集体经济“新高度”', null, null, ['徐顺凯'], '2023-12-08'],
    ['002', 3, 'article', '以责任感慎终如始抓好安全生产', null, null, ['张国静'], null],
    ['002', 4, 'article', '石建平现场督办中央生态环境保护督察信访重点关注件整改工作', null, null, ['樊娅楠'], '2023-12-11'],
    ['003', 0, 'article', '深化青港合作 共谱发展新篇', '第二届青海香港招商引资推介会在香港举行', '梁振英出席并讲话 罗东川出席并作主旨演讲', ['田得乾', '魏慧敏', '张鹏'], '2025-02-21'],
    ['003', 1, 'article', '王卫东开展“走基层、解难题”实践活动时强调 以党建引领推动物业管理提质增效', null, null, ['施翔'], '2025-02-21'],
    // "去年11月25日" on a page whose latest year is 2025
    ['003', 2, 'article', '“有诉必应马上办”为新就业者撑起保护伞', null, null, ['刘瑜'], '2024-11-25'],
    ['003', 3, 'hotline', '西宁市党建引领“有诉必应马上办”机制创新工作日报', null, null, [], '2025-02-20'],
    ['003', 4, 'article', '全市293所学校公安“护学岗”将准时上线', null, null, ['宁亚琴'], null],
    ['003', 5, 'safety', '西宁市安全隐患举报受理情况日报', null, null, [], '2025-02-20'],
    ['004', 0, 'article', '产业"四地"中心城市建设"加速器"', '每月一地:', null, ['施翔'], null],
    ['004', 1, 'article', '西宁开发区化工产业竞争力持续攀升', null, null, ['樊娅楠'], null],
    ['004', 2, 'article', '关爱保护未成年人健康成长', null, null, ['悠然'], '2025-10-16'],
    ['004', 3, 'hotline', '西宁市党建引领"有诉必应马上办"机制创新工作日报', null, null, [], '2025-10-15'],
    ['004', 4, 'safety', '西宁市安全隐患举报受理情况日报', null, null, [], '2025-10-15'],
  ] as const)('%s #%i: %s %s', (prefix, index, kind, title, kicker, subtitle, reporters, date) => {
    const a = item(prefix, index);
    expect({ kind: a.kind, title: a.title, kicker: a.kicker, subtitle: a.subtitle, reporters: a.reporters, date: a.date }).toEqual({
      kind,
      title,
      kicker,
      subtitle,
      reporters,
      date,
    });
  });

  it('gives ids that are 12 hex digits, unique, and the same in every run', () => {
    const all = [...pages.values()].flatMap((p) => p.items);
    expect(new Set(all.map((a) => a.id)).size).toBe(28);
    expect(all.every((a) => /^[0-9a-f]{12}$/u.test(a.id))).toBe(true);
    const again = parseSeed(FILES[2]!).items.map((a) => a.id);
    expect(again).toEqual(page('002').items.map((a) => a.id));
  });

  it('reads the 003 hotline report', () => {
    expect(page('003').hotline).toEqual([
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
  });

  it('reads the 004 hotline report across a page break and an OCR-slipped section head', () => {
    expect(page('004').hotline).toEqual([
      {
        date: '2025-10-15',
        calls: 1215,
        messages: 73,
        channels: { 西宁12345微信公众号: 65, 西宁市政府网: 2, 码上减负: 1, 青海12345政务服务网: 3, 人民网: 2 },
        direct: 739,
        transferred: 476,
        callbacks: null,
        hot: [
          { topic: '物业管理', count: 64 },
          { topic: '消费维权', count: 58 },
          { topic: '劳动纠纷', count: 49 },
        ],
        source: '004_477e742880208b76.txt',
      },
    ]);
  });

  it('reads both safety reports', () => {
    expect([...page('003').safety, ...page('004').safety]).toEqual([
      {
        date: '2025-02-20',
        total: 33,
        sources: { '12345政务服务便民热线': 28, 西宁市应急管理局: 1, 西宁市消防救援支队: 4 },
        topics: ['小区物业', '消防安全', '市政道路', '城乡建设'],
        source: '003_7f32786b762ade4c.txt',
      },
      {
        date: '2025-10-15',
        total: 65,
        sources: { '12345政务服务便民热线': 48, 西宁市消防救援支队: 17 },
        topics: ['小区物业', '消防安全', '市政道路'],
        source: '004_477e742880208b76.txt',
      },
    ]);
  });

  it('finds no arithmetic or layout problem in the seeds', () => {
    expect([...pages.values()].flatMap((p) => p.warnings)).toEqual([]);
  });

  it('keeps report bodies as lines, with the slipped head shown as 热点问题', () => {
    expect(item('004', 3).body.split('\n')).toEqual([
      '10月15日,12345政务服务便民热线接听群众来电诉求1215件次,网民留言73件(西宁12345微信公众号65件,西宁市政府网2件,"码上减负"1件,青海12345政务服务网3件,人民网2件),直接办理739件,转交责任单位办理476件。',
      '热点问题:',
      '1.物业管理64件,无集中反映问题,12345政务服务便民热线已及时联系相应县区政府核实处理。',
      '2.消费维权58件,无集中反映问题,12345政务服务便民热线已及时联系相应县区政府核实处理。',
      '3.劳动纠纷49件,无集中反映问题,12345政务服务便民热线已及时联系相应县区政府核实处理。',
    ]);
  });
});

describe('body contract on the seeds', () => {
  const all = [...pages.values()].flatMap((p) => p.items);

  it('drops ad boxes and markdown marks', () => {
    for (const a of all) {
      expect(a.body).not.toContain('扫码关注');
      expect(a.body).not.toContain('举报电话');
      expect(a.body).not.toMatch(/^#|\*\*/mu);
      expect(a.title).not.toMatch(/[#*]/u);
    }
  });

  it('drops page furniture headlines and page-jump markers', () => {
    const titles = all.map((a) => a.title);
    expect(titles).not.toContain('安全隐患有奖举报');
    expect(titles).not.toContain('辉煌十四五 改革谱新篇');
    expect(all.some((a) => a.body.includes('上接第一版'))).toBe(false);
  });

  it('strips bylines from bodies: they live in reporters', () => {
    for (const a of all) expect(a.body).not.toMatch(/^本报.{0,4}讯|^[（(]\s*记者|记者\s*\S+[)）]$/mu);
    expect(item('000', 1).body.startsWith('近日，市禁毒部门')).toBe(true);
  });

  it.each([
    ['000', 0, '连接企业与市场、职工与家乡的桥梁。'], // column break inside a word
    ['001', 1, '省委网信办面向新就业群体'], // a caption dropped into the sentence
    ['001', 3, '此次北川万达广场欢乐跑以休闲健身、快乐参与为宗旨'],
    ['002', 1, '为保障评审会的公平、公正、公开'], // hard wrap and column break
    ['002', 0, '发布2023年“最美工会户外劳动者服务站点”'], // spaces around digits
    ['004', 0, '把习近平总书记擘画的宏伟蓝图变为美好现实是必须履行的政治责任'],
    ['004', 2, '活动现场播放了"护苗"主题宣传视频《守一扇心窗》'], // a line the extraction printed twice
  ] as const)('%s #%i rejoins "%s"', (prefix, index, phrase) => {
    expect(item(prefix, index).body).toContain(phrase);
  });

  it('moves a stray caption after its paragraph, on its own line', () => {
    const lines = item('001', 1).body.split('\n');
    const para = lines.findIndex((l) => l.includes('省委网信办面向'));
    expect(lines[para + 1]).toBe('外卖小哥、快递员、货车司机代表带来情景剧《舞动高原大地情·雪山驿站暖人心》。');
  });

  it('keeps captions and subheads of an article as their own lines', () => {
    // Captions printed above the text follow the first paragraph.
    expect(item('001', 3).body.split('\n').slice(0, 3)).toEqual([
      '5月1日,西宁细雨淅沥、清风微凉。北川万达广场、城北吾悦广场同步开启“五一”欢乐跑活动,大批运动爱好者奔赴赛场,以奔跑之名邂逅春日美好,用活力姿态解锁别样假期。',
      '↑活动现场。城北吾悦供图',
      '←在签到墙前按下彩色手印。本报记者 齐延迪 摄',
    ]);
    expect(item('001', 4).body.split('\n')).toContain('融合中见温度:从观影体验到城市文化活力');
    expect(item('001', 5).body.split('\n')).toContain('中国移动(西宁)绿电智算融合示范基地。受访单位供图');
    expect(item('003', 2).body.split('\n')).toContain('多元解纷,快速响应诉求');
    expect(item('004', 0).body.split('\n')).toContain('破题——每月一议统筹调度');
  });

  it('undoes doubled subheads', () => {
    const lines = item('002', 2).body.split('\n');
    expect(lines).toContain('党建引领聚人气 市民下乡助振兴');
    expect(lines).toContain('党建引领聚合力 村企联合共振兴');
    expect(lines).toContain('党建引领聚人才 能人回乡强振兴');
  });

  it('leaves no line break inside a sentence on the hard-wrapped page', () => {
    for (const a of page('002').items) {
      for (const line of a.body.split('\n')) {
        expect(line).toMatch(/[。！？…”）)]$|^党建引领/u);
      }
    }
  });

  it('leaves no space between Chinese characters on the spaced page', () => {
    for (const a of page('004').items) expect(a.body).not.toMatch(/\p{Script=Han}[ \t\u3000]+\p{Script=Han}/u);
  });

  it('keeps deliberate spaces on clean pages', () => {
    expect(item('001', 1).body).toContain('以“‘新’心相印 聚力同行”为主题');
  });
});
