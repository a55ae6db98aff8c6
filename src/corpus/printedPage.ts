/**
 * Positioned text (a PDF's text layer, the lines OCR found on a page image)
 * → page text in the form the text pipeline reads: the masthead on the first
 * line, then blocks in reading order separated by blank lines, a headline as
 * one block (kicker, "# title", subtitle), each paragraph on one line, a
 * bold subhead as "**subhead**". What a text file lost, the positions still
 * have: columns, where a paragraph starts (its indent), type sizes.
 *
 * Reading order comes from a recursive XY-cut: a region is cut at its widest
 * band of white space that runs all the way across it (between two rows of
 * stories) or all the way down it (a column gutter), and each part is read
 * in turn, top before bottom, left before right. Headlines that span their
 * story's columns keep the story's gutters from running up into the story
 * above, so a story is read whole, column after column.
 */
import type { PrintedLine, PrintedPage } from '../types.js';
import { TERMINAL } from './charClass.js';

/**
 * Pieces on one baseline closer than this many type sizes (at most 1.2 body
 * sizes) are one line (default 1.0): OCR splits a line where an opening quote
 * leaves white ("站好" | "“护学岗”…", 0.5–0.8); a column gutter is wider (1.3
 * body sizes and more), also between two headlines set side by side.
 */
const JOIN_GAP = 1.0;
/** A gap wider than this many type sizes between joined pieces is a space (default 0.3). */
const SPACE_GAP = 0.3;
/** A horizontal cut needs white space at least this many body sizes high (default 0.8; line gaps are ~0.5). */
const MIN_ROW_GAP = 0.8;
/** A vertical cut needs a gutter at least this many body sizes wide (default 0.7). */
const MIN_GUTTER = 0.7;
/**
 * A horizontal cut wins over a vertical one only when its band is this much
 * wider (default 1.3): the band under a row of headlines set at one height
 * is as wide as a gutter, and cutting there would part headlines from bodies.
 */
const ROW_OVER_GUTTER = 1.3;
/** Type this many body sizes or larger is a headline (default 1.3). */
const TITLE_SIZE = 1.3;
/** Type this much larger than the body, up to a headline, is a kicker or subtitle (default 1.1). */
const DISPLAY_SIZE = 1.1;
/** Type at most this many body sizes is a caption (default 0.92). */
const CAPTION_SIZE = 0.92;
/** A first line indented by this many body sizes opens a paragraph (default 0.9; papers indent two characters). */
const INDENT = 0.9;
/** A line ending this many body sizes short of its column ends a paragraph when it ends a sentence (default 1.5). */
const SHORT_LINE = 1.5;

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const boxOf = (line: PrintedLine): Box => ({ x0: line.x, y0: line.y, x1: line.x + line.width, y1: line.y + line.height });

/**
 * Join the pieces that stand on one baseline next to each other (a PDF
 * draws a line in several runs; OCR finds a line in several boxes): same
 * row, similar size, a gap under `JOIN_GAP` sizes. A wider gap is a gutter.
 */
export function joinPieces(lines: readonly PrintedLine[]): PrintedLine[] {
  const sorted = lines.filter((l) => l.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  // a gutter is as wide for headlines as for the body: gaps are measured in body sizes at most
  const body = bodySize(sorted);
  const rows: PrintedLine[][] = [];
  for (const line of sorted) {
    const mid = line.y + line.height / 2;
    const row = rows.find((r) => {
      const last = r.at(-1)!;
      return Math.abs(last.y + last.height / 2 - mid) < Math.min(last.height, line.height) * 0.5;
    });
    if (row) row.push(line);
    else rows.push([line]);
  }
  const out: PrintedLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: PrintedLine | undefined;
    for (const piece of row) {
      if (current && fits(current, piece, body)) current = append(current, piece);
      else {
        if (current) out.push(current);
        current = piece;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

function fits(left: PrintedLine, right: PrintedLine, body: number): boolean {
  const size = Math.max(left.size, right.size);
  const ratio = left.size / right.size;
  const gap = right.x - (left.x + left.width);
  return ratio > 0.8 && ratio < 1.25 && gap < JOIN_GAP * Math.min(size, 1.2 * body) && gap > -0.5 * size;
}

function append(left: PrintedLine, right: PrintedLine): PrintedLine {
  const gap = right.x - (left.x + left.width);
  const spaced = gap > SPACE_GAP * Math.max(left.size, right.size) && !/\s$/u.test(left.text) && !/^\s/u.test(right.text);
  const x1 = Math.max(left.x + left.width, right.x + right.width);
  const y0 = Math.min(left.y, right.y);
  const y1 = Math.max(left.y + left.height, right.y + right.height);
  const weight = (l: PrintedLine): number => [...l.text].length;
  return {
    text: `${left.text}${spaced ? ' ' : ''}${right.text}`,
    x: left.x,
    y: y0,
    width: x1 - left.x,
    height: y1 - y0,
    size: (left.size * weight(left) + right.size * weight(right)) / Math.max(1, weight(left) + weight(right)),
    bold: left.bold && right.bold,
  };
}

/** The body type size: the size most characters are set in. */
export function bodySize(lines: readonly PrintedLine[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const key = Math.round(line.size * 4) / 4;
    counts.set(key, (counts.get(key) ?? 0) + [...line.text].length);
  }
  let best = 0;
  let most = -1;
  for (const [size, count] of counts) {
    if (count > most) {
      best = size;
      most = count;
    }
  }
  return best;
}

/** White gaps along one axis: the widest band no line crosses, with where it is. */
function widestGap(lines: readonly PrintedLine[], axis: 'x' | 'y'): { at: number; width: number } | undefined {
  // a one-character line (a speck OCR read as "水", a stray dash) does not close a gutter
  const solid = axis === 'x' ? lines.filter((l) => [...l.text.trim()].length > 1) : lines;
  const spans = (solid.length > 0 ? solid : lines)
    .map(boxOf)
    .map((b): [number, number] => (axis === 'y' ? [b.y0, b.y1] : [b.x0, b.x1]))
    .sort((a, b) => a[0] - b[0]);
  let best: { at: number; width: number } | undefined;
  let reach = spans[0]?.[1] ?? 0;
  for (const [start, end] of spans.slice(1)) {
    const width = start - reach;
    if (width > 0 && (!best || width > best.width)) best = { at: (start + reach) / 2, width };
    reach = Math.max(reach, end);
  }
  return best;
}

/** Lines of a region in reading order, one group per leaf of the XY-cut. */
function readRegion(lines: readonly PrintedLine[], body: number, out: PrintedLine[][]): void {
  if (lines.length <= 1) {
    if (lines.length === 1) out.push([...lines]);
    return;
  }
  const row = widestGap(lines, 'y');
  const gutter = widestGap(lines, 'x');
  const above = row ? lines.filter((l) => l.y + l.height / 2 < row.at) : [];
  const left = gutter ? lines.filter((l) => l.x + l.width / 2 < gutter.at) : [];
  const rowOk = row !== undefined && row.width >= MIN_ROW_GAP * body;
  const gutterOk = gutter !== undefined && gutter.width >= MIN_GUTTER * body;
  // A gutter is a good cut when both sides have a headline (two stories side by side) or
  // neither has (the columns of one story). With a headline on one side only, it would read
  // the first column of a story under a centred headline before the headline.
  const hasHeadline = (part: readonly PrintedLine[]): boolean => part.some((l) => l.size >= DISPLAY_SIZE * body);
  const goodGutter = gutterOk && hasHeadline(left) === hasHeadline(lines.filter((l) => !left.includes(l)));
  // A row cut under nothing but headlines would part two headlines set side by side from their bodies.
  const goodRow = rowOk && !(goodGutter && above.every((l) => l.size >= DISPLAY_SIZE * body));
  let cut: 'row' | 'gutter' | undefined;
  if (goodRow && goodGutter) cut = row.width > ROW_OVER_GUTTER * gutter.width ? 'row' : 'gutter';
  else if (goodRow || goodGutter) cut = goodRow ? 'row' : 'gutter';
  else if (rowOk || gutterOk) cut = rowOk ? 'row' : 'gutter';
  if (cut === 'row') {
    readRegion(above, body, out);
    readRegion(lines.filter((l) => !above.includes(l)), body, out);
  } else if (cut === 'gutter') {
    readRegion(left, body, out);
    readRegion(lines.filter((l) => !left.includes(l)), body, out);
  } else {
    out.push([...lines].sort((a, b) => a.y - b.y || a.x - b.x));
  }
}

type Role = 'title' | 'display' | 'caption' | 'subhead' | 'body';

function roleOf(line: PrintedLine, body: number): Role {
  if (line.size >= TITLE_SIZE * body) return 'title';
  if (line.size >= DISPLAY_SIZE * body) return line.bold && [...line.text].length > 0 && line.size < 1.2 * body ? 'subhead' : 'display';
  if (line.size <= CAPTION_SIZE * body) return 'caption';
  return line.bold ? 'subhead' : 'body';
}

/** Join two lines of one paragraph: nothing between Chinese, a space between Latin words. */
function joinText(left: string, right: string): string {
  if (/[A-Za-z0-9]$/u.test(left) && /^[A-Za-z]/u.test(right)) return `${left} ${right}`;
  return left + right;
}

/** A paragraph being set from its lines; `open` while its last line ran to the column's edge. */
interface Paragraph {
  text: string;
  open: boolean;
}

/**
 * The page as text the pipeline reads (see the module comment). The first
 * row of the page, when it is one short row of pieces (masthead: paper,
 * date, page, section), becomes one line, so that it reads as the header.
 */
export function composePrintedPage(page: PrintedPage): string {
  const lines = joinPieces(page.lines);
  if (lines.length === 0) return '';
  const bodyType = bodySize(lines);
  const masthead = takeMasthead(lines);
  const leaves: PrintedLine[][] = [];
  readRegion(masthead ? lines.filter((l) => !masthead.lines.includes(l)) : lines, bodyType, leaves);

  const blocks: string[] = [];
  if (masthead) blocks.push(masthead.text);
  let paragraph: Paragraph | undefined;
  const flush = (): void => {
    if (paragraph) blocks.push(paragraph.text);
    paragraph = undefined;
  };
  const entries = leaves.flatMap((leaf, n) => leaf.map((line) => ({ line, leaf: n })));
  const edges = new Map<number, { left: number; right: number }>();
  const edgesOf = (leaf: number): { left: number; right: number } => {
    let known = edges.get(leaf);
    if (!known) {
      const lines = entries.filter((e) => e.leaf === leaf).map((e) => e.line);
      const body = lines.filter((l) => roleOf(l, bodyType) === 'body');
      known = { left: Math.min(...body.map((l) => l.x)), right: Math.max(...lines.map((l) => l.x + l.width)) };
      edges.set(leaf, known);
    }
    return known;
  };
  let i = 0;
  while (i < entries.length) {
    const { line, leaf } = entries[i]!;
    const role = roleOf(line, bodyType);
    if (role === 'title' || role === 'display') {
      // a headline's lines may fall into several leaves (a cut between title and subtitle): they go together
      flush();
      let j = i + 1;
      while (j < entries.length && isHeadlineLine(entries[j]!.line, bodyType) && continuesHeadline(entries[j - 1]!.line, entries[j]!.line)) j++;
      blocks.push(composeHeadline(entries.slice(i, j).map((e) => e.line), bodyType));
      i = j;
      continue;
    }
    if (role === 'caption') {
      flush();
      let text = line.text.trim();
      let last = line;
      while (i + 1 < entries.length && roleOf(entries[i + 1]!.line, bodyType) === 'caption' && continuesHeadline(last, entries[i + 1]!.line)) {
        last = entries[++i]!.line;
        text = joinText(text, last.text.trim());
      }
      blocks.push(text);
      i++;
      continue;
    }
    if (role === 'subhead') {
      // a subhead too long for its column goes on in the next line
      flush();
      let text = line.text.trim();
      let last = line;
      const { right } = edgesOf(leaf);
      while (
        i + 1 < entries.length &&
        roleOf(entries[i + 1]!.line, bodyType) === 'subhead' &&
        continuesHeadline(last, entries[i + 1]!.line) &&
        last.x + last.width >= right - SHORT_LINE * bodyType
      ) {
        last = entries[++i]!.line;
        text = joinText(text, last.text.trim());
      }
      blocks.push(`**${text}**`);
      i++;
      continue;
    }
    // a paragraph left open at the foot of a column goes on at the head of the next, unless that line is indented
    const { left, right } = edgesOf(leaf);
    const text = line.text.trim();
    // a piece standing on the same row as the line before is that line's end, not an indent
    const previous = i > 0 ? entries[i - 1]!.line : undefined;
    const sameRow = previous !== undefined && Math.abs(previous.y - line.y) < 0.5 * line.height && line.x > previous.x;
    const indented = !sameRow && Number.isFinite(left) && line.x - left >= INDENT * bodyType;
    if (paragraph && (!paragraph.open || indented)) flush();
    if (paragraph) paragraph.text = joinText(paragraph.text, text);
    else paragraph = { text, open: true };
    paragraph.open = !(TERMINAL.test(text) && line.x + line.width < right - SHORT_LINE * bodyType);
    i++;
  }
  flush();
  return `${blocks.join('\n\n')}\n`;
}

function isHeadlineLine(line: PrintedLine, body: number): boolean {
  const role = roleOf(line, body);
  return role === 'title' || role === 'display';
}

/** The next line of a headline, subhead or caption stands right below the last, overlapping it across (default: within 1.2 sizes). */
function continuesHeadline(above: PrintedLine, below: PrintedLine): boolean {
  const gap = below.y - (above.y + above.height);
  const overlap = Math.min(above.x + above.width, below.x + below.width) - Math.max(above.x, below.x);
  return gap >= -0.5 * below.size && gap <= 1.2 * Math.max(above.size, below.size) && overlap > 0;
}

/**
 * A headline block: display lines above the largest type are the kicker,
 * below it the subtitle; lines of the largest type are one title.
 */
function composeHeadline(lines: readonly PrintedLine[], body: number): string {
  const largest = Math.max(...lines.map((l) => l.size));
  const isTitle = (l: PrintedLine): boolean => l.size >= largest * 0.9 && l.size >= TITLE_SIZE * body;
  const first = lines.findIndex(isTitle);
  if (first < 0) return lines.map((l) => l.text.trim()).join('\n');
  let last = first;
  while (last + 1 < lines.length && isTitle(lines[last + 1]!)) last++;
  const join = (part: readonly PrintedLine[]): string => part.map((l) => l.text.trim()).reduce((a, b) => joinText(a, b), '');
  const parts = [
    first > 0 ? join(lines.slice(0, first)) : '',
    `# ${join(lines.slice(first, last + 1))}`,
    last + 1 < lines.length ? join(lines.slice(last + 1)) : '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

/** A masthead row printed with a date: at most this many characters (default 60). */
const MASTHEAD_MAX = 60;

/**
 * The masthead: the page's top row when it is short and holds a date ("西宁晚报 |
 * 2025年2月21日 星期五 | 第3版 要闻", set apart across the page). Taken out before
 * the XY-cut: its pieces leave wide gaps that are no gutters.
 */
function takeMasthead(lines: readonly PrintedLine[]): { text: string; lines: PrintedLine[] } | undefined {
  const top = lines.reduce<PrintedLine | undefined>((best, l) => (best === undefined || l.y < best.y ? l : best), undefined);
  if (!top) return undefined;
  const middle = top.y + top.height / 2;
  const row = lines.filter((l) => Math.abs(l.y + l.height / 2 - middle) < 0.6 * Math.min(l.height, top.height)).sort((a, b) => a.x - b.x);
  const text = row.map((l) => l.text.trim()).join(' ');
  if ([...text].length > MASTHEAD_MAX || !/\d{4}\s*年|\d{4}[-./]\d{1,2}[-./]\d{1,2}/u.test(text)) return undefined;
  return { text, lines: row };
}
