/**
 * Answers a question about the news from the articles its search found: the
 * fact bound to what was asked (a number with its unit and the noun it
 * counts, a person with their title, a place, a date, a short list), read from
 * the sentence that shares most of the question's words and holds an answer of
 * the asked kind. Without such a sentence there is no answer: a wrong answer
 * is worse than none. Written here, not taken from a library: no npm package
 * does Chinese answer extraction offline.
 */
import { frameQuery, namesNews } from '../search/index.js';
import type { Article } from '../types.js';
import { PARTICLE_TAGS, readQuestion, UNITS, type Asked, type Question } from './question.js';
import type { Answer, Tagged } from './types.js';

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

/** Units that measure time: a number with them is a date part unless the question asks for a length of time. */
const TIME_UNITS = new Set(['天', '年', '小时', '分钟', '秒', '岁', '届', '期', '个月', '周']);
/** Units that name people (多少人 accepts 名, 位, 人次 …). */
const PEOPLE_UNITS = new Set(['人', '名', '位', '人次', '万人', '万人次']);

const NUMBER = '(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)(?:[万亿])?';
const UNIT = UNITS.join('|');
/** A number and the word it is counted in (293所, 3000余张, 5.7万人次, 99.999%). */
const COUNT = new RegExp(`(${NUMBER})(?:余|多)?(${UNIT})`, 'gu');

/** Dates and times as the paper writes them. */
const DATE = /(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚|早)?(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)?|\d{4}年\d{1,2}月(?:[上中下]旬|底|初)?|(?:今年|去年|明年)?\d{1,2}月(?:[上中下]旬|底|初)|\d{4}年(?:[上下]半年|底|初)/gu;

/** Titles and roles that come before a name (主席施翔, 记者宁亚琴). */
const ROLE = /(?:主席|书记|市长|区长|县长|省长|局长|主任|记者|校长|经理|队长|所长|院长|站长|会长|部长|厅长|处长|科长|委员|代表|民警|老师|医生|教授|专家|负责人|主播|董事长|总经理|馆长|同志|先生|女士|师傅|骑手|小哥|快递员|外卖员|司机|村民|居民|市民|网友|党员|工人|员工|干部|主持人|导购员|工作人员|经营者|董事|执行董事|总裁|秘书长|司长|副主席|书记员|创始人|老板|店主|负责人)$/u;

/** Official titles (区长, 市委书记, 主席): asked for, a person holds that very title, not another. */
const TITLE = /(?:长|书记|主席|主任|经理|董事|总裁|委员|冠军|亚军|季军|得主)$/u;

/** Endings of bodies, not people (宣传部, 总工会): jieba sometimes tags them as names. */
const ORGANISATION = /(?:部|局|会|委|办|处|厅|院|所|站|队|中心|公司|集团|协会|学校|政府|组|科|室|馆|店|团|工会|办公室|支队|大队|分局)$/u;

/** Place name endings jieba may not tag ns. */
const PLACE_SUFFIX = /(?:省|市|区|县|州|镇|乡|村|街道|社区|路|街|广场|公园|体育场|体育馆|中心|小学|中学|大学|学院|学校|医院|园区|开发区|新区|景区|会展中心|剧院|剧场|文化馆|博物馆|图书馆|会堂|礼堂|酒店|宾馆|大厦|影城|超市|商场|机场|车站|火车站|湖|山|河|岛)$/u;
/** Places too general to answer 哪里. */
const TOO_GENERAL = new Set(['全市', '全省', '全国', '本市', '我市', '我省', '全区', '各地', '当地', '现场', '国内', '国外', '中心', '社区', '街道', '城市', '乡村', '农村', '基层']);

/** Reads the question's kind of answer; null when it is not a question (for `newsbot ask` and the tests). */
export function questionShape(question: string, tools: Pick<TextTools, 'tag'>): Pick<Question, 'asked' | 'unit' | 'noun'> | null {
  const read = readQuestion(question, tools.tag);
  return read && { asked: read.asked, unit: read.unit, noun: read.noun };
}

/** A content word of the question with its weight and the other names it may take. */
interface Keyword {
  readonly word: string;
  readonly forms: readonly string[];
  readonly weight: number;
  /** A place name (西宁, 城东区): where the question is, not what it asks. */
  readonly place?: boolean;
}

/** The quality a 多高/多大/多长 question asks about, as the paper writes it beside a number (高达99.999%). */
const MEASURED: Record<string, string> = { 高: '高', 大: '大', 长: '长', 重: '重', 远: '远', 深: '深', 宽: '宽', 快: '快' };

function keywordsOf(about: string, tools: TextTools, question?: Question): Keyword[] {
  const terms = tools.findTerms(about);
  let rest = tools.fold(about);
  for (const term of terms) rest = rest.split(term).join(' ');
  const keywords: Keyword[] = terms.map((term) => ({ word: term, forms: [term, ...tools.alternatives(term)], weight: 3 }));
  // Readers name the topic in the paper's nouns but say what happened in verbs of their own (能产 for 年产,
  // 拿到 for 支付): a verb or adverb weighs half a noun of its length.
  const tagged = tools.tag(rest);
  const verbs = new Set(tagged.filter((t) => /^(?:v|d|vd|ad)$/u.test(t.tag)).map((t) => tools.fold(t.word)));
  const places = new Set(tagged.filter((t) => t.tag === 'ns').map((t) => tools.fold(t.word)));
  for (const word of new Set(tools.words(rest))) {
    if (/^\p{Script=Han}$/u.test(word) && UNITS.includes(word)) continue;
    // A longer word says more about the topic than a short one (护学岗 more than 设).
    const weight = /^\d+$/.test(word) ? 2 : Math.min(3, [...word].length === 1 ? 0.5 : [...word].length - 0.5);
    keywords.push({ word, forms: [word, ...tools.alternatives(word)], weight: verbs.has(word) ? weight / 2 : weight, place: places.has(word) });
  }
  if (question?.asked === 'measure') {
    const quality = Object.keys(MEASURED).find((char) => question.asking.includes(`多${char}`));
    if (quality) keywords.push({ word: quality, forms: [MEASURED[quality]!], weight: 1 });
  }
  return keywords;
}

/** A candidate answer in a sentence: the text and where it stands. */
interface Candidate {
  readonly text: string;
  readonly index: number;
  /** Preferred over others of the sentence (the exact unit asked for, a name right after a role). */
  readonly exact: boolean;
  /** Bound to what is asked beyond its kind: the noun counted beside it, the word put before it (前17名). */
  readonly bound?: boolean;
}

/**
 * Nouns naming people (民警, 志愿者, 学生, 代表, 居民): a count of them is a count of
 * people (名, 人, 位) even when no counting word is asked (多少民警 is no 293所学校).
 */
const PEOPLE_NOUN = /(?:员|警|者|生|师|手|工|兵|代表|群众|居民|市民|村民|家长|孩子|儿童|游客|选手|嘉宾|干部|党员|职工|农民|患者|老人|人)$/u;

function countCandidates(sentence: string, question: Question, folded: string): Candidate[] {
  const found: Candidate[] = [];
  const unitAsked = question.unit ?? (question.asked === 'count' && question.noun !== null && PEOPLE_NOUN.test(question.noun) ? '人' : null);
  const asksTime = question.asked === 'duration' || (unitAsked !== null && TIME_UNITS.has(unitAsked));
  for (const match of sentence.matchAll(COUNT)) {
    const [whole, number, unit] = match as unknown as [string, string, string];
    const index = match.index;
    const next = sentence.slice(index + whole.length, index + whole.length + 1);
    const isTime = TIME_UNITS.has(unit);
    // 3月3日, 2025年: parts of dates, not counts (unless the question asks how long).
    if (asksTime !== isTime || /^[月日号]/.test(next)) continue;
    if (/^\d{4}$/.test(number) && unit === '年') continue;
    if (folded.includes(whole)) continue;
    if (question.asked === 'count' && unitAsked !== null && !unitFits(unit, unitAsked)) continue;
    // Bound to what is asked: the unit asked for, the noun counted right after (41个项目) or right before it
    // (会员企业共3500家), or the word the question puts before the number (前17名).
    const noun = question.noun;
    const following = sentence.slice(index + whole.length, index + whole.length + (noun?.length ?? 0) + 3);
    const bound =
      (noun !== null && ((following.includes(noun) && !/[，,、；;。]/u.test(following.slice(0, following.indexOf(noun)))) || new RegExp(`${noun}(?:共|达|约|为|有|合计|总计)?$`, 'u').test(sentence.slice(0, index)))) ||
      (question.lead !== null && sentence.slice(0, index).endsWith(question.lead));
    const exact = bound || (unitAsked !== null && (unit === unitAsked || unit.endsWith(unitAsked)));
    found.push({ text: whole, index, exact, bound });
  }
  return found;
}

function unitFits(unit: string, asked: string): boolean {
  if (unit === asked || unit.endsWith(asked) || asked.endsWith(unit)) return true;
  if (PEOPLE_UNITS.has(asked)) return PEOPLE_UNITS.has(unit);
  // 几个 / 多少个 take any counting word (个, 所, 家 …) but not a time, money or measure.
  if (asked === '个') return !TIME_UNITS.has(unit) && !unit.endsWith('元') && !/米|公里|吨|亩|瓦|%|公斤|千克|度/.test(unit);
  return false;
}

/** 多高/多大: a number with its measure, a share first (硼酸产品主含量高达99.999%). */
function measureCandidates(sentence: string, folded: string): Candidate[] {
  return [...sentence.matchAll(COUNT)]
    .filter((match) => !TIME_UNITS.has(match[2]!) && !folded.includes(match[0]) && !/^[月日号]/.test(sentence.slice(match.index + match[0].length)))
    .map((match) => ({ text: match[0], index: match.index, exact: match[2] === '%' || /[高达到为]$/.test(sentence.slice(0, match.index)) }));
}

function timeCandidates(sentence: string, folded: string): Candidate[] {
  return [...sentence.matchAll(DATE)]
    .filter((match) => !folded.includes(match[0]))
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

/** Common one-character family names (百家姓, the most frequent): a name is one of them and one or two characters more. */
const SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'].map((c) => c));

/** Words around a name that say a person is named (说道, 表示, 出席 …): a surname with a word after it is no name without them. */
const PERSON_VERB = /^(?:说|表示|介绍|坦言|强调|指出|出席|前往|来到|笑着|手持|说道|告诉|透露|回忆|主持|致辞|致|发言|讲话|参加|带领|深入|现场|详细|认为|称|作|是|，|,|、)/u;

function personCandidates(sentence: string, tagged: readonly Tagged[], article: Article, folded: string, keywords: readonly Keyword[]): Candidate[] {
  const words = locate(sentence, tagged);
  const found: Candidate[] = [];
  const add = (text: string, index: number, exact: boolean) => {
    if (!folded.includes(text) && !found.some((c) => c.index === index)) found.push({ text, index, exact });
  };
  /** Does the text before `index` end with a role or title (馆长马建国, 外卖员黄永清)? */
  const afterRole = (index: number) => ROLE.test(sentence.slice(Math.max(0, index - 6), index));
  words.forEach((word, i) => {
    const han = /^\p{Script=Han}{1,4}$/u.test(word.word) && !ORGANISATION.test(word.word);
    if (!han) return;
    const next = words[i + 1];
    const joined = next?.index === word.index + word.word.length ? next : undefined;
    // A one-character family name jieba cut off the given name (黄 永清, 石 建平): one name.
    if (word.word.length === 1 && SURNAMES.has(word.word) && joined && joined.word.length <= 2 && /^\p{Script=Han}+$/u.test(joined.word) && /^(?:nr|n|nz|ns|x|ng)$/.test(joined.tag)) {
      const after = sentence.slice(joined.index + joined.word.length);
      if (word.tag === 'nr' || joined.tag === 'nr' || afterRole(word.index) || PERSON_VERB.test(after)) {
        add(word.word + joined.word, word.index, afterRole(word.index));
        return;
      }
    }
    if (word.word.length < 2) return;
    const covered = found.some((c) => c.index < word.index && c.index + c.text.length > word.index);
    const after = sentence.slice(word.index + word.word.length);
    // jieba's nr alone is often wrong (雪山, 满怀): a name also stands after a role or before what a person does.
    if (word.tag === 'nr' && !covered && (afterRole(word.index) || PERSON_VERB.test(after))) add(word.word, word.index, afterRole(word.index));
    // jieba leaves many names untagged (x) or calls them places (ns): a family name and one or two characters
    // after a role word (馆长马建国), or before what a person does (吕秉凤,是 …; 刘成波坦言).
    if (/^(?:x|nr|ns|nz)$/.test(word.tag) && word.word.length <= 3 && !covered) {
      if (afterRole(word.index) || (SURNAMES.has(word.word[0]!) && word.word.length >= 2 && PERSON_VERB.test(after))) {
        // jieba may cut a three-character name 2 + 1 (伍威 全).
        const rest = joined?.word.length === 1 && word.word.length === 2 && /^\p{Script=Han}$/u.test(joined.word) && /^(?:x|nr|ns|nz|n|ng)$/.test(joined.tag) ? joined.word : '';
        add(word.word + rest, word.index, afterRole(word.index));
      }
    }
  });
  for (const name of article.reporters) {
    const index = sentence.indexOf(name);
    if (index >= 0) add(name, index, true);
  }
  if (found.length > 0) return found;
  // 谁发布的: the body that did it, written right before the question's verb (省知识产权局正式发布).
  return bodyCandidates(sentence, words, folded, keywords);
}

/** Organisations standing right before one of the question's words (their deed), or after 由 (by). */
function bodyCandidates(sentence: string, words: readonly { word: string; tag: string; index: number }[], folded: string, keywords: readonly Keyword[]): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!ORGANISATION.test(words[i]!.word) || !/^\p{Script=Han}+$/u.test(words[i]!.word)) continue;
    // Glue the words before it that make its name (省 知识产权 局).
    let start = i;
    while (start > 0 && words[start - 1]!.index + words[start - 1]!.word.length === words[start]!.index && /^(?:n|ns|nt|nz|j|b|an|vn)/.test(words[start - 1]!.tag) && i - start < 3) start--;
    const text = sentence.slice(words[start]!.index, words[i]!.index + words[i]!.word.length);
    if (text.length < 3 || folded.includes(text)) continue;
    const after = sentence.slice(words[i]!.index + words[i]!.word.length, words[i]!.index + words[i]!.word.length + 6);
    const deed = keywords.some((k) => k.forms.some((f) => after.includes(f)));
    const by = sentence.slice(0, words[start]!.index).endsWith('由');
    if (deed || by) found.push({ text, index: words[start]!.index, exact: true });
  }
  return found;
}

/** A number one calls: a short service number (12345), a line with its area code (0971-8251234), a mobile number. */
const PHONE_NUMBER = /(?<![\d.,，])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{5,8})(?![\d.,%％])/gu;
/** What follows a number that counts or measures something: no number to call (12345件, 10000元). */
const UNIT_AFTER = /^(?:[件元人名个万亿户次家所项台辆只条篇位天年月日号米吨亩平公斤克度岁分秒]|余|多)/u;

/**
 * 电话是多少: numbers to call in the sentence, each with the word for calling
 * beside it, read within its clause (12345政务服务便民热线, 拨打12345, 服务热线0971-8251234).
 */
function phoneCandidates(sentence: string, folded: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of sentence.matchAll(PHONE_NUMBER)) {
    const end = match.index + match[0].length;
    if (UNIT_AFTER.test(sentence.slice(end)) || sentence.slice(0, match.index).endsWith('第')) continue;
    const after = /^[^，,。；;！!？?、]{0,10}?(?:电话|热线|专线|客服|服务台)/u.exec(sentence.slice(end));
    const before = /(?:电话|热线|拨打|致电|号码|专线|客服|服务台)[：:\s]{0,2}$/u.exec(sentence.slice(Math.max(0, match.index - 8), match.index));
    if (!after && !before) continue;
    const start = before ? match.index - before[0].length : match.index;
    const text = sentence.slice(start, after ? end + after[0].length : end);
    found.push({ text, index: start, exact: !folded.includes(match[0]) });
  }
  return found;
}

function placeCandidates(sentence: string, tagged: readonly Tagged[], folded: string): Candidate[] {
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
    // 北川 万达 广场, 青海省 文化馆 群星 剧场: a place followed by names and a place word is one place.
    for (let extended = true; extended; ) {
      extended = false;
      for (let k = j + 1; k <= j + 2 && k < words.length && adjacent(k - 1); k++) {
        if (PLACE_SUFFIX.test(words[k]!.word) && /^\p{Script=Han}+$/u.test(words[k]!.word)) {
          j = k;
          extended = true;
          break;
        }
      }
    }
    const text = sentence.slice(words[i]!.index, words[j]!.index + words[j]!.word.length);
    const before = sentence.slice(Math.max(0, words[i]!.index - 2), words[i]!.index);
    if (!folded.includes(text)) found.push({ text, index: words[i]!.index, exact: /[在于赴到至]$|来自$/.test(before) });
    i = j;
  }
  return found;
}

/**
 * A short list for 哪些: the items of an enumeration (牦牛肉、藏羊、青稞) in the
 * sentence, the first item cut to its nouns (集中展示牦牛肉 → 牦牛肉), the last
 * to what comes before 等 (and so on).
 */
function listCandidates(sentence: string, tools: TextTools, folded: string, noun: string | null): Candidate[] {
  const found: Candidate[] = [];
  for (const match of sentence.matchAll(/[^，,。；;：:！？!?“”"《》()（）]+(?:、[^，,。；;：:！？!?“”"《》()（）、]+)+/gu)) {
    const items = match[0].split('、');
    const nouns = (text: string) => {
      const tagged = tools.tag(text);
      let k = tagged.length;
      while (k > 0 && /^(?:n|nr|ns|nt|nz|x|j|an|vn|b|m|q)/.test(tagged[k - 1]!.tag)) k--;
      return tagged.slice(k).map((t) => t.word).join('');
    };
    const first = nouns(items[0]!);
    const lastRaw = items.at(-1)!;
    const last = lastRaw.includes('等') ? lastRaw.slice(0, lastRaw.indexOf('等')) : tools.tag(lastRaw).filter((t) => /^(?:n|nr|ns|nt|nz|x|j)/.test(t.tag)).slice(0, 2).map((t) => t.word).join('');
    const list = [first, ...items.slice(1, -1), last].map((item) => item.trim()).filter((item) => item !== '' && item.length <= 12 && !folded.includes(item));
    if (list.length < 2) continue;
    // With a thing asked after (哪些学校), the list must be of such things: named after the list (等新就业群体代表),
    // or most items of that kind and none the kind itself (进学校 lists places to go, not schools).
    if (noun !== null) {
      const after = sentence.slice(match.index + match[0].length - (lastRaw.length - lastRaw.indexOf('等')), match.index + match[0].length + 12);
      const ofKind = list.filter((item) => [...noun].some((char) => item.endsWith(char))).length;
      const named = lastRaw.includes('等') ? lastRaw.slice(lastRaw.indexOf('等')).includes(noun) || after.includes(noun) : after.slice(0, 8).includes(noun);
      if (!named && (ofKind * 2 < list.length || list.some((item) => item.includes(noun)))) continue;
    }
    const text = list.join('、');
    const index = match.index + match[0].indexOf(list[0]!);
    found.push({ text, index, exact: lastRaw.includes('等') });
  }
  return found;
}

/** For 哪些 with a thing named (哪些学校): the article's names of such things (静雅小学, 十里铺小学), wherever they stand. */
function namedThings(article: Article, noun: string, tools: TextTools, folded: string): string[] {
  const names: string[] = [];
  const ends = [...noun];
  for (const sentence of sentencesOf(article)) {
    // A name of the kind ends with a character of the noun: a sentence without one has none (no jieba for it).
    if (!ends.some((char) => sentence.includes(char))) continue;
    const words = locate(sentence, tools.tag(sentence));
    words.forEach((word, i) => {
      // A name of the kind asked ends with a character of the noun (小学 for 学校) and is more than the noun.
      if (!/^\p{Script=Han}{2,}$/u.test(word.word) || ![...noun].some((char) => word.word.endsWith(char))) return;
      // 青海特产 is the noun itself with a modifier, not the name of one such thing.
      if (word.word.includes(noun)) return;
      let start = i;
      while (start > 0 && words[start - 1]!.index + words[start - 1]!.word.length === words[start]!.index && /^(?:ns|nr|nz|nt|x|j|m)$/.test(words[start - 1]!.tag) && i - start < 2) start--;
      if (start === i) return;
      const name = sentence.slice(words[start]!.index, word.index + word.word.length);
      if (name.length >= 4 && !folded.includes(name) && !names.includes(name)) names.push(name);
    });
  }
  return names;
}

/** 吗/是不是: the clause that holds what the question asks about. */
function clauseCandidate(sentence: string, positions: readonly number[]): Candidate[] {
  const at = positions[0] ?? 0;
  const { start, end } = clauseAround(sentence, at, at + 1);
  return [{ text: sentence.slice(start, end), index: start, exact: false }];
}

/** Longest sentence given as an answer, in characters. */
const SENTENCE_MAX = 200;
/** A number answers 多少 only this close (in characters) to a word of the question: farther, it counts something else. */
const COUNT_REACH = 12;

/** The sentences of an article, title first; none longer than a reader would take as one answer. */
function sentencesOf(article: Article): string[] {
  return readingsOf(article).map((reading) => reading.sentence);
}

/** Sentences of one article an answer reads, at most: the work stays that of a normal article however long it is. */
const READINGS_MAX = 300;

/**
 * The readings an answer looks at: all of a normal article's; of a longer one
 * (a giant page's item), the {@link READINGS_MAX} holding most of the
 * question's words (tested as written, no jieba: cheap), in article order.
 */
function readingsFor(article: Article, keywords: readonly Keyword[]): { sentence: string; previous: string }[] {
  const readings = readingsOf(article);
  if (readings.length <= READINGS_MAX) return readings;
  const held = (sentence: string) => keywords.reduce((sum, keyword) => sum + (keyword.forms.some((form) => sentence.includes(form)) ? keyword.weight : 0), 0);
  return readings
    .map((reading, at) => ({ at, held: held(reading.sentence) }))
    .sort((a, b) => b.held - a.held || a.at - b.at)
    .slice(0, READINGS_MAX)
    .sort((a, b) => a.at - b.at)
    .map(({ at }) => readings[at]!);
}

/** Each sentence of an article (title first) with its paragraph's first sentence and the one before it ('' for a paragraph's first). */
function readingsOf(article: Article): { sentence: string; previous: string }[] {
  const readings = [{ sentence: article.title.trim(), previous: '' }];
  for (const paragraph of article.body.split('\n')) {
    const sentences = paragraph.split(/(?<=[。！？；!?;])/u).map((raw) => raw.trim());
    // The paragraph's first sentence names what the rest of it is about (城北吾悦广场…开跑。… 各决出前17名).
    sentences.forEach((sentence, i) => readings.push({ sentence, previous: i === 0 ? '' : i === 1 ? sentences[0]! : `${sentences[0]!}${sentences[i - 1]!}` }));
  }
  return readings.filter(({ sentence }) => sentence.length >= 6 && sentence.length <= SENTENCE_MAX);
}

/** Where a keyword form stands in a folded text: whole, inside a longer word, or as a shared character (供暖 ~ 供热). */
function findForm(text: string, keyword: Keyword, sentenceWords: readonly string[]): { index: number; length: number; share: number } | null {
  // 副市长 is not 市长: a title after 副 (deputy) is another title.
  const form = keyword.forms.find((f) => text.includes(f) && (f.startsWith('副') || !text.includes(`副${f}`)));
  if (form) return { index: text.indexOf(form), length: form.length, share: 1 };
  // A two-character word the sentence does not hold: a word holding one of its characters in the same
  // place (细雨 for 下雨, 供热 for 供暖) is a partial match, a quarter of the weight.
  const word = keyword.word;
  if (!/^\p{Script=Han}{2}$/u.test(word)) return null;
  for (const [place, char] of [...word].entries()) {
    if (isCommonChar(char) || ROLE.test(word)) continue;
    const other = sentenceWords.find((w) => w.length === 2 && w[place] === char && w !== word);
    if (other) return { index: text.indexOf(other), length: 2, share: 0.25 };
  }
  return null;
}

/** Characters too common to stand for a word (下 in 下雨, 上, 大 …): they match everywhere. */
function isCommonChar(char: string): boolean {
  return '下上大小中不一了是有在人个来去出开发进行为和以对会年月日多少新全'.includes(char);
}

/** What else a sentence is read with: the article's headline, the sentence before it in its paragraph, the whole article. */
interface Context {
  readonly title: string;
  readonly previous: string;
  /** The whole article, already folded (once per article, not once per sentence). */
  readonly article: string;
}

/**
 * How much of the question a sentence covers: matched keyword weight over all
 * keyword weight. A keyword found only inside a longer word of the sentence
 * (市长 in 副市长) counts half: it is another word. One not in the sentence
 * counts half when the headline or the sentence before holds it (they set the
 * sentence's topic: “我们共有1199个座位” follows the sentence naming the
 * cinema), and a quarter when only the article does elsewhere.
 * `wholeOnly`: a word held only as another sharing a character (招商 for
 * 招聘) counts nothing; a yes or no is shown only by the word itself.
 * `placesOnly`: every word the sentence holds is a place name of the question.
 */
function coverage(
  sentence: string,
  context: Context,
  keywords: readonly Keyword[],
  tools: TextTools,
  wholeOnly = false,
): { share: number; positions: number[]; weighted: Weighted[]; placesOnly: boolean } {
  const text = tools.fold(sentence);
  const near = tools.fold(`${context.title}\n${context.previous}`);
  const article = context.article;
  const words = new Set(tools.words(sentence));
  let total = 0;
  let matched = 0;
  const positions: number[] = [];
  const weighted: Weighted[] = [];
  let placesOnly = true;
  for (const keyword of keywords) {
    total += keyword.weight;
    const found = findForm(text, keyword, [...words]);
    if (found && !(wholeOnly && found.share < 1)) {
      placesOnly &&= keyword.place === true;
      const form = text.slice(found.index, found.index + found.length);
      const whole = found.share < 1 || words.has(form) || !tools.words(form).every((w) => w === form);
      matched += keyword.weight * found.share * (whole ? 1 : 0.5);
      // Every place the word stands: a number answers when it is near any of them.
      for (let at = found.index; at >= 0; at = text.indexOf(form, at + form.length)) {
        positions.push(at + found.length / 2);
        weighted.push({ from: at, to: at + found.length, weight: keyword.weight });
      }
    } else if (keyword.forms.some((f) => near.includes(f))) {
      matched += keyword.weight / 2;
    } else if (keyword.forms.some((f) => article.includes(f))) {
      matched += keyword.weight / 4;
    }
  }
  return { share: total > 0 ? matched / total : 0, positions, weighted, placesOnly };
}

/**
 * The most {@link coverage} can give the sentence, told without jieba (the
 * costly part): a keyword the folded sentence holds counts whole, one that
 * may be matched by a shared character (供暖 ~ 供热) or found nearby counts
 * what coverage would give it at best. `found` is false when no keyword can
 * stand in the sentence (coverage would find no position). Most sentences
 * of an article are ruled out by it.
 */
function coverageBound(text: string, near: () => string, article: string, keywords: readonly Keyword[]): { share: number; found: boolean } {
  let total = 0;
  let bound = 0;
  let found = false;
  for (const keyword of keywords) {
    total += keyword.weight;
    if (keyword.forms.some((f) => text.includes(f))) {
      bound += keyword.weight;
      found = true;
      continue;
    }
    const shared = sharedCharPossible(text, keyword);
    found ||= shared;
    const nearby = keyword.forms.some((f) => near().includes(f)) ? 0.5 : keyword.forms.some((f) => article.includes(f)) ? 0.25 : 0;
    bound += keyword.weight * Math.max(nearby, shared ? 0.25 : 0);
  }
  return { share: total > 0 ? bound / total : 0, found };
}

/** May {@link findForm} match the keyword by a shared character here (the sentence holds one of its telling characters)? */
function sharedCharPossible(text: string, keyword: Keyword): boolean {
  const word = keyword.word;
  if (!/^\p{Script=Han}{2}$/u.test(word) || ROLE.test(word)) return false;
  return [...word].some((char) => !isCommonChar(char) && text.includes(char));
}

/** Where one of the question's words stands in a sentence, and how much it weighs. */
interface Weighted {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
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
const MIN_SHARE = 0.5;
/** A question answered by a clause rather than a typed value (什么, 怎么, 吗) needs this much. */
const MIN_SHARE_CLAUSE = 0.75;
/** Added to a sentence's share when its number is followed by the noun the question counts. */
const BOUND_BONUS = 0.15;
/** Articles (best search hits first) looked into. */
const ARTICLES_READ = 3;
/** Items of a list answer shown, at most. */
const LIST_MAX = 6;

const CLAUSE_END = /[，,；;：:。！？!?]/u;

/** The clause of `sentence` around [from, to): between the punctuation marks before and after it (and 、 with `items`). */
function clauseAround(sentence: string, from: number, to: number, items = false): { start: number; end: number } {
  const ends = (char: string) => CLAUSE_END.test(char) || (items && char === '、');
  let start = from;
  while (start > 0 && !ends(sentence[start - 1]!)) start--;
  let end = to;
  while (end < sentence.length && !ends(sentence[end]!)) end++;
  return { start, end };
}

/**
 * The fact bound to the answer: the clause holding it (the sentence's
 * 150 characters cut to 年内引进19条项目线索), with the next clause when the
 * clause is little more than the value (11月15日, → 11月15日，城东区…开播), and the
 * question's leading name when the clause leaves it out (城西区年内引进19条项目线索).
 */
function factOf(sentence: string, pick: Candidate, question: Question, tools: TextTools): string {
  // A number in a list of numbers (企业150家、省级科技型企业250家、…) is its own item.
  const numeric = question.asked === 'count' || question.asked === 'measure' || question.asked === 'duration';
  const around = clauseAround(sentence, pick.index, pick.index + pick.text.length, numeric);
  const start = around.start;
  let end = around.end;
  const own = sentence.slice(start, end).replace(pick.text, '').replace(/[^\p{Script=Han}]/gu, '');
  if (own.length < 4 && end < sentence.length) end = clauseAround(sentence, end + 1, end + 1).end;
  const clause = sentence.slice(start, end).replace(/^[“”"‘’\s]+|[“”"‘’\s]+$/gu, '');
  const subject = tools.tag(question.about).find((t) => /^(?:ns|nt)$/.test(t.tag) || (t.word.length >= 3 && (PLACE_SUFFIX.test(t.word) || ORGANISATION.test(t.word))));
  return subject && !clause.includes(subject.word) && !/^\d/.test(clause) ? `${subject.word}${clause}` : clause;
}

/** Ways of asking for things (哪些, 什么, 有没有): asked of news itself (报道, 新闻), they ask for the articles. */
const ASKS_THINGS = new Set<Asked>(['list', 'what', 'yesno']);

/**
 * Does the question end on news itself (有哪些关于西宁的报道？, 有什么新闻吗)? Its last word
 * but particles and punctuation: 新闻 inside 新闻发布会发布了什么 asks about the press conference.
 */
function endsOnNews(folded: string, tools: TextTools): boolean {
  const words = tools.tag(folded).filter(({ word, tag }) => /[\p{L}\p{N}]/u.test(word) && !PARTICLE_TAGS.test(tag));
  return words.length > 0 && namesNews(words.at(-1)!.word);
}

/**
 * The answer to `question` from `articles` (best search hits first), or
 * null. Hotline and safety report items are not looked at (their numbers are
 * answered from the parsed reports).
 */
export function answerFromArticles(text: string, articles: readonly Article[], tools: TextTools): Answer | null {
  const question = readQuestion(text, tools.tag);
  if (!question) return null;
  const folded = tools.fold(text);
  // 最近有哪些关于西宁的报道 asks for articles: the list under the answer is the answer, no sentence is.
  if (ASKS_THINGS.has(question.asked) && endsOnNews(folded, tools)) return null;
  // 最近 and 最新 say when to look, not what a sentence must hold (search/framing.ts).
  const keywords = keywordsOf(frameQuery(question.about, tools.fold, tools.tag).text, tools, question);
  if (keywords.filter((k) => k.weight >= 1).length === 0) return null;
  // A report's numbers are answered from the parsed report; the number to call is read from its text like any other.
  const read = articles.filter((article) => article.kind === 'article' || question.asked === 'phone').slice(0, ARTICLES_READ);
  const roles = keywords.filter((keyword) => TITLE.test(keyword.word));
  // A clause or a sentence answers only a question it covers well; a typed value or a list carries its own evidence.
  const clauseOnly = question.asked === 'what' || question.asked === 'how' || question.asked === 'yesno';
  const asksBeyondPlaces = keywords.some((keyword) => !keyword.place);
  let best: { answer: Answer; score: number } | null = null;
  for (const [rank, article] of read.entries()) {
    const whole = tools.fold(`${article.title}\n${article.body}`);
    for (const { sentence, previous } of readingsFor(article, keywords)) {
      // Most sentences cannot pass: told without jieba.
      const ceiling = coverageBound(tools.fold(sentence), () => tools.fold(`${article.title}\n${previous}`), whole, keywords);
      if (ceiling.share + BOUND_BONUS < MIN_SHARE || !ceiling.found) continue;
      const { share, positions, weighted, placesOnly } = coverage(sentence, { title: article.title, previous, article: whole }, keywords, tools, question.asked === 'yesno');
      if (share + BOUND_BONUS < MIN_SHARE || positions.length === 0) continue;
      // 西宁哪里好玩: a sentence holding only the question's place names holds nothing of what it asks.
      if (placesOnly && asksBeyondPlaces) continue;
      // 区长是谁: a person is the answer only where the title asked for stands (a 主席 is no 区长).
      const near = tools.fold(`${previous}${sentence}`);
      if (question.asked === 'person' && roles.some((role) => !role.forms.some((form) => near.includes(form)))) continue;
      const nearWords = (c: Candidate) => positions.some((p) => Math.abs(c.index + c.text.length / 2 - p) <= COUNT_REACH + c.text.length / 2);
      const numeric = question.asked === 'count' || question.asked === 'measure' || question.asked === 'duration';
      const candidates = candidatesOf(sentence, question, article, folded, keywords, positions, tools).filter((c) => !numeric || nearWords(c));
      if (candidates.length === 0) continue;
      const pick = choose(candidates, weighted, sentence);
      // The number counts the very thing asked about (165万吨电解铝, 41个项目): the sentence answers it.
      const bound = numeric && pick.bound === true;
      const listed = question.asked === 'list' && pick.text !== sentence;
      // A name of the kind asked (“云端商会”小程序) is typed evidence; a bare clause must cover more.
      const typed = !clauseOnly || (pick.exact && pick.text !== sentence);
      if (share + (bound ? BOUND_BONUS : 0) < (typed ? MIN_SHARE : MIN_SHARE_CLAUSE)) continue;
      const score = share * (1 - 0.15 * rank) + (pick.exact ? 0.05 : 0) + (bound ? BOUND_BONUS : 0) + RUN_BONUS * runsKept(sentence, keywords, tools) + (listed ? RUN_BONUS : 0);
      if (best && best.score >= score) continue;
      const fact = question.asked === 'list' || question.asked === 'what' || question.asked === 'how' || question.asked === 'phone' ? pick.text : factOf(sentence, pick, question, tools);
      best = { score, answer: { kind: 'article', text: fact, highlight: pick.text, sentence, source: { id: article.id, title: article.title, date: article.date } } };
    }
  }
  // 哪些学校 with no list in a sentence: the names of such things in the best article.
  if (!best && question.asked === 'list' && question.noun !== null) return listOfNamed(read, question, keywords, tools, folded);
  return best?.answer ?? null;
}

/** 哪些学校: the names of such things in the best article that covers the question (静雅小学、十里铺小学). */
function listOfNamed(articles: readonly Article[], question: Question, keywords: readonly Keyword[], tools: TextTools, folded: string): Answer | null {
  for (const article of articles.slice(0, 1)) {
    const whole = tools.fold(`${article.title}\n${article.body}`);
    const covers = ({ sentence, previous }: { sentence: string; previous: string }) =>
      coverageBound(tools.fold(sentence), () => tools.fold(`${article.title}\n${previous}`), whole, keywords).share >= MIN_SHARE &&
      coverage(sentence, { title: article.title, previous, article: whole }, keywords, tools).share >= MIN_SHARE;
    if (!readingsFor(article, keywords).some(covers)) continue;
    const names = namedThings(article, question.noun!, tools, folded).slice(0, LIST_MAX);
    if (names.length < 2) continue;
    const list = names.join('、');
    const sentence = sentencesOf(article).find((s) => s.includes(names[0]!)) ?? list;
    return { kind: 'article', text: list, highlight: list, sentence, source: { id: article.id, title: article.title, date: article.date } };
  }
  return null;
}

function candidatesOf(sentence: string, question: Question, article: Article, folded: string, keywords: readonly Keyword[], positions: readonly number[], tools: TextTools): Candidate[] {
  const asked: Asked = question.asked;
  switch (asked) {
    case 'count':
    case 'duration':
      return countCandidates(sentence, question, folded);
    case 'measure':
      return measureCandidates(sentence, folded);
    case 'time':
      return timeCandidates(sentence, folded);
    case 'person':
      return personCandidates(sentence, tools.tag(sentence), article, folded, keywords);
    case 'place':
      return placeCandidates(sentence, tools.tag(sentence), folded);
    case 'phone':
      return phoneCandidates(sentence, folded);
    case 'list': {
      const listed = listCandidates(sentence, tools, folded, question.noun);
      return listed.length > 0 ? listed.map((c) => ({ ...c, text: c.text.split('、').slice(0, LIST_MAX).join('、') })) : [];
    }
    case 'yesno':
      return clauseCandidate(sentence, positions);
    case 'what': {
      const named = question.noun === null ? [] : namedIn(sentence, question.noun, tools, folded);
      return named.length > 0 ? named : [whatCandidate(sentence, positions)];
    }
    case 'how':
      return [whatCandidate(sentence, positions)];
  }
}

/**
 * 叫什么/什么活动: a name of the kind asked in the sentence, quoted beside the
 * noun (打造“云端商会”微信小程序) or a word ending with it (主题联谊活动).
 */
function namedIn(sentence: string, noun: string, tools: TextTools, folded: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of sentence.matchAll(/[“"「]([^”"」]{2,16})[”"」]/gu)) {
    const around = sentence.slice(Math.max(0, match.index - noun.length - 2), match.index) + sentence.slice(match.index + match[0].length, match.index + match[0].length + noun.length + 4);
    if (around.includes(noun) && !folded.includes(match[1]!)) found.push({ text: match[1]!, index: match.index + 1, exact: true });
  }
  for (const word of locate(sentence, tools.tag(sentence))) {
    if (word.word !== noun && word.word.endsWith(noun) && !folded.includes(word.word)) found.push({ text: word.word, index: word.index, exact: true });
  }
  return found;
}

/** 什么/怎么: the clause of the sentence around the question's words (the sentence when they spread over it). */
function whatCandidate(sentence: string, positions: readonly number[]): Candidate {
  const from = Math.floor(Math.min(...positions));
  const to = Math.ceil(Math.max(...positions));
  const { start, end } = clauseAround(sentence, from, to);
  const text = sentence.slice(start, end).trim();
  return text.length >= 6 ? { text, index: start, exact: false } : { text: sentence, index: 0, exact: false };
}

/**
 * The candidate bound closest to the question's words: exact ones first, then
 * by the weight of the words around it, each counting less the farther it
 * stands (高新技术企业150家 over 专精特新企业62家 for 多少家高新技术企业).
 */
function choose(candidates: readonly Candidate[], weighted: readonly Weighted[], sentence: string): Candidate {
  const closeness = (c: Candidate) =>
    weighted.reduce((sum, w) => {
      const [from, to] = w.to <= c.index ? [w.to, c.index] : w.from >= c.index + c.text.length ? [c.index + c.text.length, w.from] : [0, 0];
      // A word across a comma belongs to another clause (会员企业 after 全国四好商会7家，): it binds little.
      const apart = CLAUSE_END.test(sentence.slice(from, to)) || sentence.slice(from, to).includes('、') ? 5 : 1;
      return sum + w.weight / (1 + to - from) / apart;
    }, 0);
  return [...candidates].sort((a, b) => Number(b.bound ?? false) - Number(a.bound ?? false) || Number(b.exact) - Number(a.exact) || closeness(b) - closeness(a))[0]!;
}
