/**
 * Answers a question about the news with one sentence of an article: the
 * sentence that shares most of the question's content words AND holds an
 * answer of the asked type (a number with its unit for 多少/几, a person for
 * 谁, a place for 哪里, a date for 什么时候). Without such a sentence there is
 * no answer: a wrong answer is worse than none. Written here, not taken from a
 * library: no npm package does Chinese answer extraction offline.
 */
import type { Article } from '../types.js';
import type { Answer } from './types.js';

/** What kind of answer a question asks for. */
export type QuestionType = 'count' | 'person' | 'place' | 'time' | 'what';

/** The question's type and, for 多少/几, the unit it names (所 in 多少所学校), if any. */
export interface QuestionShape {
  readonly type: QuestionType;
  readonly unit: string | null;
}

/** A jieba word with its part-of-speech tag. */
export interface Tagged {
  readonly word: string;
  readonly tag: string;
}

/** The text tools an answer needs (from search/tokenize.ts, the one jieba module). */
export interface TextTools {
  /** Content words (folded, function words dropped). */
  words(text: string): string[];
  /** jieba words of the text as written, with part-of-speech tags. */
  tag(text: string): Tagged[];
  /** Width, case and Traditional → Simplified folding (keeps length for CJK text). */
  fold(text: string): string;
  /** Other names of a listed term (synonyms.txt). */
  alternatives(term: string): string[];
  /** Listed terms found in a text. */
  findTerms(text: string): string[];
}

/** Counting units a number may carry, longest first so 万元 wins over 元. */
const UNITS = [
  '万人次', '人次', '件次', '家次', '万千瓦时', '千瓦时', '万千瓦', '千瓦', '兆瓦', '平方公里', '平方米', '公里', '千米', '公斤', '千克',
  '万元', '亿元', '元', '万人', '万户', '万吨', '万亩', '所', '个', '名', '人', '位', '家', '户', '件', '次', '项', '辆', '台', '场',
  '条', '篇', '座', '栋', '处', '套', '支', '种', '类', '批', '米', '亩', '吨', '天', '年', '小时', '分钟', '岁', '届', '期',
  '部', '款', '份', '张', '本', '册', '棵', '株', '间', '层', '倍', '%', '％', '枚', '只', '头', '起', '轮', '组', '队',
  '首', '幅', '集', '单', '笔', '宗', '块', '片',
].sort((a, b) => b.length - a.length);

/** Units that measure time: a number with them is a date part unless the question asks for one. */
const TIME_UNITS = new Set(['天', '年', '小时', '分钟', '岁', '届', '期']);
/** Units that name people (多少人 accepts 名, 位, 人次 …). */
const PEOPLE_UNITS = new Set(['人', '名', '位', '人次', '万人', '万人次']);
/** Words asking for money. */
const MONEY = /钱|资金|金额|经费|费用|投资|补贴|奖励|奖金|价格|多少元/;

const NUMBER = '(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)(?:[万亿])?';
const COUNT = new RegExp(`(${NUMBER})(?:余|多)?(${UNITS.map((u) => u.replace('%', '%')).join('|')})`, 'gu');

/** Dates and times as the paper writes them. */
const DATE = /(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚|早)?(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)?|\d{4}年\d{1,2}月(?:[上中下]旬|底|初)?|(?:今年|去年|明年)?\d{1,2}月(?:[上中下]旬|底|初)|\d{4}年(?:[上下]半年|底|初)/gu;

/** Titles and roles that come before a name (主席施翔, 记者宁亚琴). */
const ROLE = /(?:主席|书记|市长|区长|县长|省长|局长|主任|记者|校长|经理|队长|所长|院长|站长|会长|部长|厅长|处长|科长|委员|代表|民警|老师|医生|教授|专家|负责人|主播|董事长|总经理|馆长|同志|先生|女士|师傅|骑手|小哥|快递员|外卖员|司机|村民|居民|市民|网友|党员|工人|员工|干部)$/u;

/** Endings of bodies, not people (宣传部, 总工会): jieba sometimes tags them as names. */
const ORGANISATION = /(?:部|局|会|委|办|处|厅|院|所|站|队|中心|公司|集团|协会|学校|政府|组|科|室|馆|店|团)$/u;

/** Place name endings jieba may not tag ns. */
const PLACE_SUFFIX = /(?:省|市|区|县|州|镇|乡|村|街道|社区|路|街|广场|公园|体育场|体育馆|中心|小学|中学|大学|学院|医院|园区|开发区|新区|景区|会展中心|剧院|博物馆|图书馆|机场|车站|火车站|湖|山|河|岛)$/u;
/** Places too general to answer 哪里. */
const TOO_GENERAL = new Set(['全市', '全省', '全国', '本市', '我市', '我省', '全区', '各地', '当地', '现场', '国内', '国外', '中心', '社区', '街道', '城市', '乡村', '农村', '基层']);

/** Words that make a text a question, and in which way. Order matters: 什么时候 before 什么. */
const SHAPES: readonly { readonly pattern: RegExp; readonly type: QuestionType }[] = [
  { pattern: /什么时候|何时|哪天|哪一天|哪日|几月几[日号]|几号|哪年|哪一年|什么时间|啥时候|多会儿|几点/, type: 'time' },
  { pattern: /多少|几[个所名人位家户件次项辆台场条篇座栋处套支种类批万千百亿十]|几$|几(?=\p{Script=Han})/u, type: 'count' },
  { pattern: /谁|哪位|什么人|哪个人|何人/, type: 'person' },
  { pattern: /哪里|哪儿|在哪|什么地方|何地|何处|哪个地方|哪座城市|哪个城市|哪个省|哪个区|哪个县|去哪/, type: 'place' },
  { pattern: /什么|哪些|啥|哪个|哪家|哪项|怎么|如何|怎样/, type: 'what' },
];

/** Characters of question words, removed before content words are taken. */
const QUESTION_WORDS = /什么时候|什么时间|什么地方|什么人|啥时候|多少|几个|几|什么|哪些|哪里|哪儿|哪个|哪位|哪家|哪项|哪天|哪一天|哪年|哪|谁|何时|何地|何处|何人|啥|怎么样|怎么|如何|怎样|请问|吗|呢|呀|吧|？|\?|是/gu;

/**
 * The question as a search for its articles: question words dropped, with
 * the unit fused to 几 (几座: one jieba word that no article holds).
 */
export function searchText(question: string): string {
  const units = UNITS.map((u) => u.replace('%', '%')).join('|');
  return question
    .normalize('NFKC')
    .replace(new RegExp(`(?:多少|几)(?:钱|${units})?`, 'gu'), ' ')
    .replace(QUESTION_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads the type of a question; null when it is not a question. */
export function questionShape(question: string): QuestionShape | null {
  const text = question.normalize('NFKC').replace(/\s+/g, '');
  for (const { pattern, type } of SHAPES) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (type !== 'count') return { type, unit: null };
    const after = text.slice(match.index + match[0].length);
    const word = match[0].startsWith('几') && match[0].length > 1 ? match[0].slice(1) : '';
    const unit = word || (UNITS.find((u) => after.startsWith(u)) ?? null);
    return { type, unit: MONEY.test(text) ? '元' : unit };
  }
  return null;
}

/** Is the text a question (a question word or mark)? */
export function isQuestion(text: string): boolean {
  return /[?？]\s*$/.test(text) || questionShape(text) !== null;
}

/** A content word of the question with its weight and the other names it may take. */
interface Keyword {
  readonly forms: readonly string[];
  readonly weight: number;
}

function keywordsOf(question: string, tools: TextTools): Keyword[] {
  const terms = tools.findTerms(question);
  let rest = tools.fold(question);
  for (const term of terms) rest = rest.split(term).join(' ');
  rest = rest.replace(QUESTION_WORDS, ' ');
  const keywords: Keyword[] = terms.map((term) => ({ forms: [term, ...tools.alternatives(term)], weight: 3 }));
  for (const word of new Set(tools.words(rest))) {
    if (/^\p{Script=Han}$/u.test(word) && UNITS.includes(word)) continue;
    // A longer word says more about the topic than a short one (护学岗 more than 设).
    const weight = /^\d+$/.test(word) ? 2 : Math.min(3, [...word].length === 1 ? 0.5 : [...word].length - 0.5);
    keywords.push({ forms: [word, ...tools.alternatives(word)], weight });
  }
  return keywords;
}

/** A candidate answer in a sentence: the text and where it stands. */
interface Candidate {
  readonly text: string;
  readonly index: number;
  /** Preferred over others of the sentence (the exact unit asked for). */
  readonly exact: boolean;
}

function countCandidates(sentence: string, shape: QuestionShape, question: string): Candidate[] {
  const found: Candidate[] = [];
  const asksTime = shape.unit !== null && TIME_UNITS.has(shape.unit);
  for (const match of sentence.matchAll(COUNT)) {
    const [whole, , unit] = match as unknown as [string, string, string];
    const index = match.index;
    const next = sentence.slice(index + whole.length, index + whole.length + 1);
    // 3月3日, 2025年: parts of dates, not counts (unless the question asks how many years or days).
    if (!asksTime && (TIME_UNITS.has(unit) || /^[月日号]/.test(next))) continue;
    if (/^\d{4}$/.test(match[1]!) && unit === '年') continue;
    if (question.includes(whole)) continue;
    if (shape.unit !== null && !unitFits(unit, shape.unit)) continue;
    found.push({ text: whole, index, exact: shape.unit !== null && (unit === shape.unit || unit.endsWith(shape.unit)) });
  }
  return found;
}

function unitFits(unit: string, asked: string): boolean {
  if (unit === asked || unit.endsWith(asked) || asked.endsWith(unit)) return true;
  if (PEOPLE_UNITS.has(asked)) return PEOPLE_UNITS.has(unit);
  // 几个 / 多少个 take any counting word (个, 所, 家 …) but not a time, money or measure.
  if (asked === '个') return !TIME_UNITS.has(unit) && !unit.endsWith('元') && !/米|公里|吨|亩|瓦|%|％|公斤|千克/.test(unit);
  return false;
}

function timeCandidates(sentence: string, question: string): Candidate[] {
  return [...sentence.matchAll(DATE)]
    .filter((match) => !question.includes(match[0]))
    .map((match) => ({ text: match[0], index: match.index, exact: match[0].includes('日') }));
}

/** Positions of tagged words in the sentence, in order. */
function locate(sentence: string, tagged: readonly Tagged[]): { word: string; tag: string; index: number }[] {
  const located: { word: string; tag: string; index: number }[] = [];
  let at = 0;
  for (const { word, tag } of tagged) {
    const index = sentence.indexOf(word, at);
    if (index < 0) continue;
    located.push({ word, tag, index });
    at = index + word.length;
  }
  return located;
}

function personCandidates(sentence: string, tagged: readonly Tagged[], article: Article, question: string): Candidate[] {
  const words = locate(sentence, tagged);
  const found: Candidate[] = [];
  const add = (text: string, index: number, exact: boolean) => {
    if (!question.includes(text) && !found.some((c) => c.index === index)) found.push({ text, index, exact });
  };
  words.forEach((word, i) => {
    const han = /^\p{Script=Han}{1,4}$/u.test(word.word) && !ORGANISATION.test(word.word);
    if (!han) return;
    // A one-character surname jieba cut off the given name (李 红梅): one name.
    const next = words[i + 1];
    if (word.tag === 'nr' && word.word.length === 1 && next?.tag === 'nr' && next.index === word.index + 1 && next.word.length <= 2) {
      add(word.word + next.word, word.index, true);
      return;
    }
    if (word.word.length < 2) return;
    if (word.tag === 'nr' && !found.some((c) => c.index < word.index && c.index + c.text.length > word.index)) add(word.word, word.index, true);
    // jieba leaves many names untagged (x) or calls them places (ns): one right after a role word (馆长马建国) is a name.
    const before = words[i - 1];
    if (/^(?:x|nr|ns|nz)$/.test(word.tag) && word.word.length <= 3 && before && ROLE.test(before.word) && before.index + before.word.length === word.index) {
      add(word.word, word.index, true);
    }
  });
  for (const name of article.reporters) {
    const index = sentence.indexOf(name);
    if (index >= 0) add(name, index, true);
  }
  return found;
}

function placeCandidates(sentence: string, tagged: readonly Tagged[], question: string): Candidate[] {
  const words = locate(sentence, tagged);
  const found: Candidate[] = [];
  for (let i = 0; i < words.length; i++) {
    const isPlace = (w: { word: string; tag: string }) =>
      /^\p{Script=Han}{2,}$/u.test(w.word) && (w.tag === 'ns' || (w.word.length >= 3 && PLACE_SUFFIX.test(w.word))) && !TOO_GENERAL.has(w.word);
    if (!isPlace(words[i]!)) continue;
    // Adjacent place words are one place: 浙江 温州 → 浙江温州.
    const adjacent = (k: number) => words[k + 1]?.index === words[k]!.index + words[k]!.word.length;
    let j = i;
    while (adjacent(j) && isPlace(words[j + 1]!)) j++;
    // 北川 万达 广场: a place followed by a name and a place word is one place (北川万达广场).
    for (let k = j + 1; k <= j + 2 && adjacent(k - 1); k++) {
      if (PLACE_SUFFIX.test(words[k]!.word) && /^\p{Script=Han}+$/u.test(words[k]!.word)) {
        j = k;
        break;
      }
    }
    const text = sentence.slice(words[i]!.index, words[j]!.index + words[j]!.word.length);
    const before = sentence.slice(Math.max(0, words[i]!.index - 2), words[i]!.index);
    if (!question.includes(text)) found.push({ text, index: words[i]!.index, exact: /[在于赴到至]$|来自$/.test(before) });
    i = j;
  }
  return found;
}

/** Longest sentence given as an answer, in characters. */
const SENTENCE_MAX = 200;
/** A number answers 多少 only this close (in characters) to a word of the question: farther, it counts something else. */
const COUNT_REACH = 12;

/** The sentences of an article, title first; none longer than a reader would take as one answer. */
function sentencesOf(article: Article): string[] {
  const body = article.body.split(/\n|(?<=[。！？；!?;])/u);
  return [article.title, ...body].map((s) => s.trim()).filter((s) => s.length >= 6 && s.length <= SENTENCE_MAX);
}

/**
 * How much of the question a sentence covers: matched keyword weight over all
 * keyword weight. A keyword found only inside a longer word of the sentence
 * (市长 in 副市长) counts half: it is another word.
 */
function coverage(sentence: string, title: string, keywords: readonly Keyword[], tools: TextTools): { share: number; positions: number[] } {
  const text = tools.fold(sentence);
  const head = tools.fold(title);
  const words = new Set(tools.words(sentence));
  let total = 0;
  let matched = 0;
  const positions: number[] = [];
  for (const keyword of keywords) {
    total += keyword.weight;
    // 副市长 is not 市长: a title after 副 (deputy) is another title.
    const form = keyword.forms.find((f) => text.includes(f) && (f.startsWith('副') || !text.includes(`副${f}`)));
    if (form) {
      const whole = words.has(form) || !tools.words(form).every((w) => w === form);
      matched += whole ? keyword.weight : keyword.weight / 2;
      positions.push(text.indexOf(form) + form.length / 2);
    } else if (keyword.forms.some((f) => head.includes(f))) {
      // The headline sets the topic of every sentence of the article, at half weight.
      matched += keyword.weight / 2;
    }
  }
  return { share: total > 0 ? matched / total : 0, positions };
}

/** Added for each pair of the question's words that the sentence keeps side by side (新就业群体代表). */
const RUN_BONUS = 0.05;

/** How many neighbouring pairs of the question's keywords stand together in the sentence, as in the question. */
function runsKept(sentence: string, keywords: readonly Keyword[], tools: TextTools): number {
  const text = tools.fold(sentence);
  let kept = 0;
  for (let i = 0; i + 1 < keywords.length; i++) {
    if (keywords[i]!.forms.some((a) => keywords[i + 1]!.forms.some((b) => text.includes(a + b)))) kept++;
  }
  return kept;
}

/** Least share of the question's content weight a sentence must cover to answer it. */
const MIN_SHARE = 0.6;
/** A 什么/哪些 question is answered only by a sentence covering this much. */
const MIN_SHARE_WHAT = 0.75;
/** Articles (best search hits first) looked into. */
const ARTICLES_READ = 3;

/**
 * The answer to `question` from `articles` (best search hits first), or
 * null. Hotline and safety report items are not looked at (their numbers are
 * answered from the parsed reports).
 */
export function answerFromArticles(question: string, articles: readonly Article[], tools: TextTools): Answer | null {
  const shape = questionShape(question);
  if (!shape) return null;
  const folded = tools.fold(question);
  const keywords = keywordsOf(question, tools);
  if (keywords.filter((k) => k.weight >= 1).length === 0) return null;
  const listAsked = /哪些|有什么|什么样/.test(folded);
  let best: { answer: Answer; score: number } | null = null;
  for (const [rank, article] of articles
    .filter((article) => article.kind === 'article')
    .slice(0, ARTICLES_READ)
    .entries()) {
    for (const sentence of sentencesOf(article)) {
      const { share, positions } = coverage(sentence, article.title, keywords, tools);
      if (share < (shape.type === 'what' ? MIN_SHARE_WHAT : MIN_SHARE) || positions.length === 0) continue;
      const near = (c: Candidate) => positions.some((p) => Math.abs(c.index + c.text.length / 2 - p) <= COUNT_REACH + c.text.length / 2);
      const candidates = candidatesOf(sentence, shape, article, folded, tools).filter((c) => shape.type !== 'count' || near(c));
      if (candidates.length === 0) continue;
      const pick = choose(candidates, positions);
      const score = share * (1 - 0.15 * rank) + (pick.exact ? 0.05 : 0) + RUN_BONUS * runsKept(sentence, keywords, tools) + (listAsked && sentence.includes('、') ? RUN_BONUS : 0);
      if (best && best.score >= score) continue;
      best = {
        score,
        answer: {
          kind: 'article',
          text: sentence,
          highlight: pick.text,
          source: { id: article.id, title: article.title, date: article.date },
        },
      };
    }
  }
  return best?.answer ?? null;
}

function candidatesOf(sentence: string, shape: QuestionShape, article: Article, question: string, tools: TextTools): Candidate[] {
  switch (shape.type) {
    case 'count':
      return countCandidates(sentence, shape, question);
    case 'time':
      return timeCandidates(sentence, question);
    case 'person':
      return personCandidates(sentence, tools.tag(sentence), article, question);
    case 'place':
      return placeCandidates(sentence, tools.tag(sentence), question);
    case 'what':
      return whatCandidate(sentence);
  }
}

/**
 * For 什么/哪些 the answer is the sentence itself (its best match): picking
 * a clause out of it guessed wrong too often to be worth the bold.
 */
function whatCandidate(sentence: string): Candidate[] {
  return [{ text: sentence, index: 0, exact: false }];
}

/** The candidate nearest to the question's words in the sentence; exact ones first. */
function choose(candidates: readonly Candidate[], positions: readonly number[]): Candidate {
  const distance = (c: Candidate) => Math.min(...positions.map((p) => Math.abs(c.index + c.text.length / 2 - p)));
  return [...candidates].sort((a, b) => Number(b.exact) - Number(a.exact) || distance(a) - distance(b))[0]!;
}
