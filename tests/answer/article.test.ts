import { describe, expect, it } from 'vitest';
import { createAnswerService, questionShape } from '../../src/answer/index.js';
import { createTokenizer } from '../../src/search/index.js';
import type { Article } from '../../src/types.js';
import { answerServiceOver, seedCorpus } from './helpers.js';

const seeds = answerServiceOver(seedCorpus());
const onSeeds = async (question: string) => {
  const answer = await seeds.answers.answer(question);
  return answer && { highlight: answer.highlight, text: answer.text, title: answer.source.title, kind: answer.kind };
};

describe('question shapes', () => {
  const tools = createTokenizer();
  it.each([
    ['全市多少所学校设了护学岗', { asked: 'count', unit: '所', noun: '学校' }],
    ['青海有几个驿站上榜', { asked: 'count', unit: '个', noun: '驿站' }],
    ['投放了多少钱的消费券', { asked: 'count', unit: '元', noun: null }],
    ['谁在直播间带货', { asked: 'person', unit: null, noun: null }],
    ['活动在哪里落幕', { asked: 'place', unit: null, noun: null }],
    ['评审会什么时候召开', { asked: 'time', unit: null, noun: null }],
    ['石建平督办了什么', { asked: 'what', unit: null, noun: null }],
    ['护学岗上线了？', { asked: 'what', unit: null, noun: null }],
    // The number to call, not how many calls: 热线电话多少 without 是 stays a count.
    ['热线电话是多少', { asked: 'phone', unit: null, noun: null }],
    ['物业投诉打什么电话', { asked: 'phone', unit: null, noun: null }],
    ['热线电话多少', { asked: 'count', unit: null, noun: '热线电话' }],
    ['护学岗', null],
  ])('%s', (question, shape) => {
    expect(questionShape(question, tools)).toEqual(shape);
  });
});

describe('answers from the seed articles', () => {
  it.each([
    ['全市多少所学校设了护学岗', '293所', '全市293所学校公安“护学岗”将准时上线'],
    ['青海有多少个工会驿站上榜', '20个', '全国“最美工会户外劳动者服务站点”青海20个工会驿站上榜'],
    ['青超联赛投放了多少钱的消费券', '100万元', '100万元“青海好物”线上消费券为青超联赛添彩'],
    ['最大影厅可容纳多少人', '450人', '一城光影织文脉 多元业态涌活力'],
    ['护学岗提前几分钟上岗', '5分钟', '全市293所学校公安“护学岗”将准时上线'],
    ['谁在直播间介绍烤肠', '冯月茜', '城东区:全国首个社区基层工会主席直播带货'],
    ['文化走亲活动在哪里落幕', '温州', '2025年海西州文化走亲活动在温州落幕'],
    ['欢乐跑活动在哪里举行', '北川万达广场', '欢乐跑,解锁别样假期!'],
    ['营商环境评审会什么时候召开', '12月8日', '西宁市2023年度营商环境改革创新“十佳”典型案例专家评审会召开'],
    // 什么/哪些: the best matching sentence is the answer, bold as a whole.
    ['石建平督办了什么', '石建平现场督办中央生态环境保护督察信访重点关注件整改工作', '石建平现场督办中央生态环境保护督察信访重点关注件整改工作'],
    // 哪些: the items the article lists, named as what is asked after (等…代表).
    ['新就业群体代表有哪些', '快递员、外卖小哥、网约车司机、货车司机', '青海举行“‘新’心相印 聚力同行”主题联谊活动'],
    // The sentence names the cinema; the one after it, in its words, gives the seats.
    ['奥斯卡国际影城有多少个座位', '1199个', '一城光影织文脉 多元业态涌活力'],
    // The paper writes 省委副书记、省长罗东川.
    ['谁是青海省省长', '罗东川', '深化青港合作 共谱发展新篇'],
  ])('%s → %s', async (question, highlight, title) => {
    const answer = await onSeeds(question);
    expect(answer).toMatchObject({ highlight, title, kind: 'article' });
    expect(answer!.text).toContain(highlight);
  });

  // Asked as readers ask: scaffolding, other verbs, the fact (not the sentence) as the answer.
  it.each([
    ['城西区招商引进了多少项目线索', '城西区年内引进19条项目线索', '19条'],
    // 多高: the measure beside 高达; 纯度 is not in the paper (the nearest match finds 硼酸).
    ['硼酸纯度有多高', '硼酸产品主含量高达99.999%', '99.999%'],
    // 谁 answered by the body that did it.
    ['储能专利导航是谁发布的', '省知识产权局正式发布“青海省新型储能产业专利导航”项目成果', '省知识产权局'],
    // 哪些学校: the schools the article names, though no sentence lists them.
    ['禁毒宣传去了哪些学校', '静雅小学、十里铺小学', '静雅小学、十里铺小学'],
    ['青海好物展区展示了哪些特产', '牦牛肉、藏羊、青稞、枸杞、藜麦、非遗文创', '牦牛肉、藏羊、青稞、枸杞、藜麦、非遗文创'],
    // 叫什么: the name quoted beside the thing asked after.
    ['城西区的招商小程序叫什么', '云端商会', '云端商会'],
    // A person with the title: jieba does not know 刘成波, a role before and a verb after make it a name.
    ['政企客户部经理是谁', '政企客户部经理刘成波坦言', '刘成波'],
    // The number bound to the noun, the item of a list of numbers.
    ['开发区有多少家高新技术企业', '西宁开发区累计培育高新技术企业150家', '150家'],
  ])('%s → %s', async (question, text, highlight) => {
    expect(await seeds.answers.answer(question)).toMatchObject({ text, highlight, kind: 'article' });
  });

  it('gives the fact bound to the question, and the sentence it comes from', async () => {
    const answer = await seeds.answers.answer('最大影厅可容纳多少人');
    expect(answer).toMatchObject({
      highlight: '450人',
      text: '最大影厅可容纳450人',
      sentence: '“我们共有1199个座位,全部为沙发座,最大影厅可容纳450人,配备有西宁目前最大的一块终极银幕以及杜比全景声系统。',
      source: { title: '一城光影织文脉 多元业态涌活力' },
      kind: 'article',
    });
  });

  it.each([
    // Nothing in the paper about these: no answer line, whatever the list finds.
    '西宁的股市怎么样',
    '西宁有多少家银行',
    '护学岗什么时候上线',
    // The paper names a 副市长 (deputy mayor), not the mayor.
    '谁是西宁市市长',
    // Held in no sentence but as another word sharing a character (招商 for 招聘): a yes or no is not shown by it.
    '有没有招聘信息',
    // A sentence holding only the question's place (西宁) holds nothing of what it asks.
    '西宁哪里好玩',
    '护学岗', // not a question
  ])('%s → no answer', async (question) => {
    expect(await onSeeds(question)).toBeNull();
  });
});

const fixture = (id: string, title: string, body: string, reporters: string[] = []): Article => ({
  id,
  kind: 'article',
  title,
  kicker: null,
  subtitle: null,
  reporters,
  date: '2025-06-03',
  source: 'fixture.txt',
  body,
  edition: { date: '2025-06-03', page: null, estimated: false },
});

const FIXTURES = [
  fixture(
    'bridge',
    '湟水河上新建人行桥通行',
    '6月2日，湟水河海湖新区段新建的3座人行桥正式通行。\n据市住建局介绍，该项目总投资4800万元，全长共计620米。\n市民李红梅说：“以后去公园散步方便多了。”',
    ['王晓'],
  ),
  fixture(
    'library',
    '城北区图书馆延长开放时间',
    '记者从城北区文体旅游局获悉，自7月1日起，城北区图书馆每天开放至晚上9点。\n暑期图书馆将新增座位120个，并在朝阳社区设立分馆。\n馆长马建国表示，将持续举办亲子阅读活动。',
  ),
  fixture(
    'heating',
    '供暖季服务热线开通',
    '11月1日起，市供热公司开通24小时供暖服务热线0971-8251234，暖气不热可随时拨打。\n去年供暖季共接到居民来电23000余件。\n居民也可拨打12345政务服务便民热线反映供暖问题。',
  ),
];
const fixtures = answerServiceOver({ items: FIXTURES });

describe('a question in Traditional characters', () => {
  it('is read as its Simplified form', async () => {
    expect((await onSeeds('全市幾所學校設了護學崗'))?.highlight).toBe('293所');
  });
});

describe('a count of people answered only with people', () => {
  // The article counts schools (293所学校), not the officers on duty: no number answers it.
  it.each(['护学岗有多少民警', '护学岗一共几名民警'])('%s → no answer', async (question) => {
    expect(await onSeeds(question)).toBeNull();
  });

  it('a count of people with a people unit in the sentence still answers', async () => {
    expect((await onSeeds('最大影厅可容纳多少观众'))?.highlight).toBe('450人');
  });
});

describe('answers from fixture articles', () => {
  it.each([
    ['湟水河新建了几座人行桥', '3座'],
    ['人行桥项目总投资多少钱', '4800万元'],
    ['图书馆暑期新增多少个座位', '120个'],
    ['人行桥什么时候通行', '6月2日'],
    ['城北区图书馆从什么时候起开放至晚上9点', '7月1日'],
    ['谁说去公园散步方便多了', '李红梅'],
    ['城北区图书馆馆长是谁', '马建国'],
    ['图书馆在哪里设立分馆', '朝阳社区'],
    ['供暖服务热线电话是多少', '热线0971-8251234'],
    ['暖气不热打什么电话', '热线0971-8251234'],
    ['反映供暖问题打什么电话', '拨打12345政务服务便民热线'],
  ])('%s → %s', async (question, highlight) => {
    expect((await fixtures.answers.answer(question))?.highlight).toBe(highlight);
  });

  // The library gives no number to call.
  it.each(['人行桥有多少盏路灯', '图书馆馆长今年多大', '谁设计了人行桥', '图书馆电话是多少'])('%s → no answer', async (question) => {
    expect(await fixtures.answers.answer(question)).toBeNull();
  });
});

describe('what a sentence must hold of the question', () => {
  const directory = fixture('directory', '城南新区建立招商信息库', '城南新区建立招商项目信息库，已收录项目信息300条。');
  const jobs = fixture('jobs', '城南新区发布招聘信息', '城南新区发布招聘信息，提供岗位600个。');
  const produce = fixture('produce', '西宁农产品赴港推介', '西宁的高原农产品在香港亮相。');
  const answered = async (items: Article[], question: string) => (await answerServiceOver({ items }).answers.answer(question))?.text ?? null;

  it('a yes or no: the word itself, not one sharing a character with it (招商 for 招聘)', async () => {
    expect(await answered([directory], '有没有招聘信息')).toBeNull();
    expect(await answered([directory, jobs], '有没有招聘信息')).toBe('城南新区发布招聘信息');
  });

  it('more than the question’s place names, when it asks about more (哪里好玩 is not 西宁)', async () => {
    expect(await answered([produce], '西宁哪里好玩')).toBeNull();
    expect(await answered([produce], '西宁的农产品在哪里亮相')).toBe('西宁的高原农产品在香港亮相');
  });
});

describe('a number to call', () => {
  it('is no count of calls (12345件 beside 电话)', async () => {
    const market = answerServiceOver({ items: [fixture('market', '市场监管局通报投诉举报情况', '今年以来，市市场监管局共受理投诉举报电话12345件，办结率98%。')] });
    expect(await market.answers.answer('市场监管局电话是多少')).toBeNull();
  });
});

describe('answers from a giant article', () => {
  /** Sentences holding none of the question's words. */
  const filler = (sentences: number) => '今天天气晴朗，气温适宜出行。'.repeat(sentences);
  const story = '城北区今年新建了12个停车场，缓解了停车难。';
  const article = (body: string): Article => ({
    id: 'giant0000001',
    kind: 'article',
    title: '城北区新建停车场',
    kicker: null,
    subtitle: null,
    reporters: [],
    date: '2025-10-15',
    source: 'giant.txt',
    body,
    edition: { date: '2025-10-15', page: null, estimated: false },
  });
  const answerIn = (body: string) => answerServiceOver({ items: [article(body)] }).answers.answer('城北区今年新建了多少个停车场');

  it('reads the sentences holding the question words: the answer the same text gives in a normal-size article', async () => {
    const normal = await answerIn(`${filler(20)}${story}${filler(20)}`);
    expect(normal).toMatchObject({ text: '城北区今年新建了12个停车场', highlight: '12个', sentence: story });
    // 3,000 sentences, the one answering near the end: more than an answer reads in one article.
    expect(await answerIn(`${filler(2990)}${story}${filler(10)}`)).toEqual(normal);
  });
});

describe('the answer read from the reply’s own list', () => {
  it('reads the listed page’s best hits instead of searching again', async () => {
    const corpus = seedCorpus();
    const { search } = answerServiceOver(corpus);
    const asked: string[] = [];
    const answers = createAnswerService({
      reports: () => ({ hotline: [], safety: [] }),
      reportItems: () => [],
      search: (query, options) => {
        asked.push(query);
        return search.search(query, options);
      },
      getArticle: (id) => corpus.items.find((item) => item.id === id),
      tools: search.textTools,
      clock: { now: () => new Date('2025-10-16T04:00:00Z') },
    });
    const question = '全市多少所学校设了护学岗';
    const listing = await answers.listing(question);
    const listed = await search.search(listing.query, { limit: 5, nearest: listing.nearest, first: listing.first });
    expect((await answers.answer(question, listed))?.highlight).toBe('293所');
    expect(asked).toEqual([]);
    // What it reads is the list given: a list without the article has no answer in it.
    expect(await answers.answer(question, { results: listed.results.filter((hit) => !hit.title.includes('护学岗')) })).toBeNull();
    // Without a list the answer runs the same search itself.
    expect((await answers.answer(question))?.highlight).toBe('293所');
    expect(asked).toEqual([listing.query]);
  });
});
