/**
 * Text → units: the logical lines of a page (paragraphs, headline lines,
 * captions), with the layout facts the segmenter needs. Undoes the
 * extraction's line breaks: hard wraps every ~20 characters, paragraphs
 * broken by a column break, a photo caption dropped into a sentence.
 */
import { displayWidth, foldWidth, HAN, LEAD_IN_END, SENTENCE_PUNCT, TERMINAL } from './charClass.js';
import { isJumpMarker, parseBylineLine, parseLeadByline, parseTailByline } from './byline.js';
import { stripMarkdown } from './cleanText.js';

/** One logical line of a page. */
export interface Unit {
  /** Text without markdown marks, trimmed; inner spacing untouched. */
  readonly text: string;
  /** Markdown heading level ("# …" = 1), 0 for none. */
  readonly heading: number;
  /** The whole line was bold ("**多元解纷,快速响应诉求**"): a subhead. */
  readonly bold: boolean;
  /** A markdown list item ("- 1. 物业管理 64件, …"). */
  readonly list: boolean;
  /** A photo caption ("↑活动现场。城北吾悦供图"). */
  readonly caption: boolean;
  /** Index of the blank-line-separated block the unit came from. */
  readonly block: number;
  /** Blank lines before the unit (0 inside a block). */
  readonly gapBefore: number;
}

/** A page cut into units. */
export interface Layout {
  readonly units: readonly Unit[];
  /** Lines were hard-wrapped at a fixed width (one paragraph spans many lines). */
  readonly hardWrapped: boolean;
}

interface Block {
  readonly lines: string[];
  readonly gapBefore: number;
  readonly index: number;
}

/**
 * Page furniture: an ad box or notice ("**有诉必应 马上办** / 政务服务便民热线 /
 * **12345** / 扫码关注", "消防安全举报电话: **0971-6333599**") is a block of
 * short lines with a call to scan a code or a phone number. Not an item.
 */
const FURNITURE_CUE = /扫码|二维码|扫一扫|长按识别|(?<!\d)0\d{2,3}-\d{5,8}(?!\d)/u;
/** Lines of furniture blocks are short (default 45 characters). */
const FURNITURE_LINE_MAX = 45;
/** A caption marks its picture with an arrow or ends with a photo credit. */
const CAPTION = /^[↑↓←→↖↗↘↙▲▼◀▶]|(?:供图|摄|摄影|图片来源[^。]*)$/u;
/** Captions are short (default 100 characters). */
const CAPTION_MAX = 100;

/** Cut a decoded page into units. */
export function layoutPage(text: string): Layout {
  const blocks = splitBlocks(text);
  const hardWrapped = isHardWrapped(blocks);
  const units: Unit[] = [];
  for (const block of blocks) {
    if (isFurniture(block)) continue;
    const pieces = hardWrapped ? unwrapBlock(block.lines) : block.lines;
    pieces.forEach((raw, i) => {
      const heading = /^\s{0,3}(#{1,6})\s/u.exec(raw)?.[1]?.length ?? 0;
      const bold = /^\s*\*\*[^*]+\*\*\s*$/u.test(raw);
      const list = /^\s*[-*+]\s+/u.test(raw);
      const clean = stripMarkdown(raw);
      if (clean === '' || isPageHeader(clean)) return;
      units.push({
        text: clean,
        heading,
        bold,
        list,
        caption: isCaption(clean),
        block: block.index,
        gapBefore: i === 0 ? block.gapBefore : 0,
      });
    });
  }
  return { units: rejoinParagraphs(units), hardWrapped };
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let gap = 0;
  let gapBefore = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/u, '');
    if (line.trim() === '') {
      if (lines.length > 0) {
        blocks.push({ lines, gapBefore, index: blocks.length });
        lines = [];
        gap = 0;
      }
      gap++;
      continue;
    }
    if (lines.length === 0) gapBefore = gap;
    lines.push(line.trim());
  }
  if (lines.length > 0) blocks.push({ lines, gapBefore, index: blocks.length });
  return blocks;
}

function isFurniture(block: Block): boolean {
  const lines = block.lines.map(stripMarkdown);
  return lines.some((l) => FURNITURE_CUE.test(l)) && lines.every((l) => [...l].length <= FURNITURE_LINE_MAX);
}

/**
 * The page's running header ("2025年11月4日 星期二", "西宁晚报 2025年11月4日 星期二 第3版"):
 * read for the page date, but not part of any item.
 */
const PAGE_HEADER = /^[^。，,；;]{0,24}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天][^。，,；;]{0,24}$/u;

function isPageHeader(text: string): boolean {
  return PAGE_HEADER.test(foldWidth(text));
}

function isCaption(text: string): boolean {
  return [...text].length <= CAPTION_MAX && CAPTION.test(text);
}

/**
 * A page is hard-wrapped when most of its lines sit in blocks of three or
 * more lines that are narrow (median at most 60 columns, ~30 Han):
 * "本报讯（记者 晴空）日前，全国总工会发\n布 2023 年“最美工会户外劳动者服务站点”".
 */
function isHardWrapped(blocks: readonly Block[]): boolean {
  const all = blocks.flatMap((b) => b.lines);
  const wrapped = blocks.filter((b) => b.lines.length >= 3).flatMap((b) => b.lines);
  if (all.length === 0 || wrapped.length / all.length < 0.5) return false;
  const widths = wrapped.map(displayWidth).sort((a, b) => a - b);
  return (widths[Math.floor(widths.length / 2)] ?? 0) <= 60;
}

/**
 * Join the lines of a hard-wrapped block into paragraphs. A line breaks the
 * paragraph when it ends a sentence well short of the column width; a line
 * with no punctuation standing between sentences is a subhead and keeps its
 * own unit: "过国家绿色食品认证。\n党建引领聚人才 能人回乡强振兴\n玉拉村党支部…".
 * A block of at most three lines none of which has punctuation is a
 * headline: its lines stay apart ("全国“最美工会户外劳动者服务站点”\n青海20个工会驿站上榜").
 */
function unwrapBlock(lines: readonly string[]): string[] {
  if (lines.length <= 3 && lines.every((l) => !SENTENCE_PUNCT.test(l) && !TERMINAL.test(l))) return [...lines];
  const width = Math.max(...lines.map(displayWidth));
  const out: string[] = [];
  let current = createParagraph();
  const flush = (): void => {
    if (!current.empty) out.push(current.text());
    current = createParagraph();
  };
  lines.forEach((line, i) => {
    if (LIST_NUMBER.test(line) && !current.empty) {
      // "１．供暖问题４０件，…" starts a list item even inside a wrapped block
      flush();
    }
    const prev = lines[i - 1];
    const startsFresh = prev === undefined || TERMINAL.test(prev);
    const headlineLike =
      startsFresh &&
      i < lines.length - 1 &&
      !SENTENCE_PUNCT.test(line) &&
      parseLeadByline(line) === undefined &&
      (/\p{Script=Han}\s+\p{Script=Han}/u.test(line) || displayWidth(line) < 0.7 * width);
    if (headlineLike) {
      flush();
      out.push(line);
      return;
    }
    current.append(line);
    if (TERMINAL.test(line) && displayWidth(line) < 0.75 * width) flush();
  });
  flush();
  return out;
}

/** A numbered list item's marker: "1.", "２．", "3、", "- 1." (not "2.8万"). */
const LIST_NUMBER = /^\s*(?:[-*•]\s*)?[0-9０-９]{1,2}\s*[.．、)）](?![0-9０-９])/u;

/**
 * A paragraph built from the pieces of its sentences: no space between
 * Chinese, one between Latin words, text repeated across a break dropped.
 */
interface Paragraph {
  readonly empty: boolean;
  append(piece: string): void;
  text(): string;
  /**
   * What the unit tests (`endsOpen`, `continues`) need of the text, in
   * bounded length: the text itself up to 2 × `PROBE_KEEP` characters, else
   * its start and end, with one "，" between when only the elided middle
   * held sentence punctuation. Those tests read only the start, the end and
   * whether there is any punctuation.
   */
  probe(): string;
}

/** Characters kept from each end of a long paragraph for `Paragraph.probe` (default 200). */
const PROBE_KEEP = 200;

/**
 * Joins a paragraph's pieces in time linear in its length: only the last
 * `REPEAT_MAX` characters are ever compared, where `left + right` re-read the
 * whole growing string each time (a 1 MB wrapped paragraph took minutes).
 */
function createParagraph(): Paragraph {
  const parts: string[] = [];
  let length = 0;
  let head = '';
  let tail = '';
  let punctuated = false;
  return {
    get empty() {
      return length === 0;
    },
    append(piece) {
      let right = piece;
      if (length > 0) {
        right = right.slice(repeatedLength(tail, right, length));
        const a = tail.at(-1) ?? '';
        const b = right[0] ?? '';
        if (/[A-Za-z0-9]/u.test(a) && /[A-Za-z]/u.test(b)) right = ` ${right}`;
      }
      parts.push(right);
      length += right.length;
      if (head.length < PROBE_KEEP) head = (head + right).slice(0, PROBE_KEEP);
      tail = (tail + right).slice(-PROBE_KEEP);
      punctuated ||= SENTENCE_PUNCT.test(right);
    },
    text: () => parts.join(''),
    probe() {
      if (length <= 2 * PROBE_KEEP) return parts.join('');
      const elided = punctuated && !SENTENCE_PUNCT.test(head) && !SENTENCE_PUNCT.test(tail);
      return `${head}${elided ? '，' : ''}${tail}`;
    },
  };
}

/** A unit of running text: not a heading, subhead, caption, byline line or page-jump marker. */
function isRunningText(unit: Unit): boolean {
  return (
    unit.heading === 0 &&
    !unit.bold &&
    !unit.caption &&
    parseBylineLine(unit.text) === undefined &&
    !isJumpMarker(unit.text) &&
    parseTailByline(unit.text)?.rest !== ''
  );
}

/** Running text that does not open a new item with a dateline ("本报讯(记者 X)…"). */
function isPlainText(unit: Unit): boolean {
  return isRunningText(unit) && parseLeadByline(unit.text) === undefined;
}

/** The paragraph stops mid-sentence: no full stop, no lead-in mark ("…连接企业与市场、职"). */
function endsOpen(unit: Unit): boolean {
  return isRunningText(unit) && !TERMINAL.test(unit.text) && !LEAD_IN_END.test(unit.text) && !/[）)]$/u.test(unit.text);
}

/**
 * Can `next` continue `unit`'s sentence? A long fragment with punctuation
 * or one ending on a comma continues into any plain paragraph
 * ("…让工会组织成为连接企业与市场、职" + "工与家乡的桥梁。"); a short one without
 * punctuation only when the next text opens with a one- or two-character
 * clause ("此次北川万达广场欢乐跑以休闲健" + "身、快乐参与为宗旨…"), since it
 * may be a subhead ("融合中见温度:从观影体验到城市文化活力").
 */
function continues(unit: Unit, next: Unit): boolean {
  if (!endsOpen(unit) || !isPlainText(next) || next.list !== unit.list) return false;
  if (SENTENCE_PUNCT.test(unit.text) || /[,，、]$/u.test(unit.text)) return true;
  const firstClause = next.text.split(SENTENCE_PUNCT)[0] ?? '';
  return [...firstClause].length <= 2 && SENTENCE_PUNCT.test(next.text);
}

/**
 * A caption the layout dropped into a sentence, set off by a wide gap:
 * "…省委网信\n\n\n\n外卖小哥、快递员…带来情景剧《…》。\n\n办面向新就业群体…".
 */
function isFloatingCaption(unit: Unit): boolean {
  return (
    unit.caption ||
    (unit.gapBefore >= 2 && [...unit.text].length <= 80 && TERMINAL.test(unit.text) && HAN.test(unit.text[0] ?? ''))
  );
}

/** Undo column and page breaks inside paragraphs, moving a stray caption after the paragraph. */
function rejoinParagraphs(units: readonly Unit[]): Unit[] {
  const out: Unit[] = [];
  const deferred: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const first = units[i]!;
    const paragraph = createParagraph();
    paragraph.append(first.text);
    // the tests read a bounded probe of the growing text: re-reading all of it made long pages quadratic
    let probe = first;
    const join = (piece: Unit): void => {
      paragraph.append(piece.text);
      probe = { ...first, text: paragraph.probe() };
    };
    for (;;) {
      const next = units[i + 1];
      const after = units[i + 2];
      if (next && after && endsOpen(probe) && isFloatingCaption(next) && continues(probe, after)) {
        deferred.push({ ...next, caption: true });
        join(after);
        i += 2;
      } else if (next && continues(probe, next)) {
        join(next);
        i++;
      } else break;
    }
    out.push(probe === first ? first : { ...first, text: paragraph.text() }, ...deferred.splice(0));
  }
  return out;
}

/** Overlaps shorter than this are coincidence, not a repeated line (default 6). */
const MIN_REPEAT = 6;
/** Overlaps longer than this are not looked for (default 80 characters). */
const REPEAT_MAX = 80;

/**
 * Length of text repeated across a break: the extraction sometimes prints
 * the last line of a column again at the top of the next one:
 * "…主题宣传视频《守" + "活动现场播放了"护苗"主题宣传视频《守一扇心窗》…".
 */
function repeatedLength(leftTail: string, right: string, leftLength: number): number {
  const max = Math.min(leftLength, right.length, REPEAT_MAX);
  for (let n = max; n >= MIN_REPEAT; n--) {
    if (leftTail.endsWith(right.slice(0, n))) return n;
  }
  return 0;
}
