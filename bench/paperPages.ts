/**
 * Test pages as the paper publishes them, made from the seed texts: the
 * items a text page parses into are set again on a multi-column newspaper
 * page (masthead with date and 版, headlines with kickers and subtitles,
 * bylines, in-column photos with captions, a boxed hotline report, articles
 * running from the foot of one column to the head of the next) and drawn as
 * - a PDF with a text layer (Noto Sans SC from @embedpdf/fonts-sc, subset and
 *   embedded by pdfkit),
 * - the same PDF with its character maps (/ToUnicode) removed,
 * - a 300-dpi grayscale PNG, and
 * - a phone photo: 150 dpi, turned a little, uneven light, noise, JPEG.
 * Seeded: the same items give the same bytes on every run.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import type { Article } from '../src/types.js';
import { createRandom } from './synthetic.js';

/** Millimetres to PDF points. */
const MM = 72 / 25.4;
/** Page width (330 mm, a broadsheet's text area) and margins. */
const PAGE_WIDTH = 330 * MM;
const MARGIN = 14 * MM;
const COLUMNS = 6;
const GUTTER = 4.5 * MM;
const COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS;
/** Body type: 9 pt on 13.5 pt lines, paragraphs indented two characters. */
const BODY_SIZE = 9;
const LEADING = 13.5;
const CAPTION_SIZE = 7.5;
/** Space between two stacked articles (a rule runs in it). */
const MODULE_GAP = 8 * MM;

/** The edition printed in the masthead. */
export interface PaperEdition {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** 版 number. */
  readonly page: number;
  /** Section name beside the page number ("要闻"). */
  readonly section: string;
}

/** One thing drawn on the page, in points from the top-left corner. */
type DrawOp =
  | { readonly kind: 'text'; readonly x: number; readonly top: number; readonly size: number; readonly bold: boolean; readonly text: string }
  | { readonly kind: 'rule'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly width: number }
  | { readonly kind: 'box'; readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  | { readonly kind: 'photo'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly seed: number };

/** A laid-out page: its size in points and what is drawn on it. */
export interface PaperLayout {
  readonly width: number;
  readonly height: number;
  readonly ops: readonly DrawOp[];
}

function fontFile(bold: boolean): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(entry), '..', 'fonts', bold ? 'NotoSansHans-Bold.otf' : 'NotoSansHans-Regular.otf');
}

/** Widths come from pdfkit's font metrics, so that the PDF and the images set the same lines. */
function createMeasure(): (text: string, size: number, bold: boolean) => number {
  const doc = new PDFDocument({ size: [100, 100], margin: 0 });
  doc.registerFont('body', fontFile(false));
  doc.registerFont('bold', fontFile(true));
  return (text, size, bold) => doc.font(bold ? 'bold' : 'body').fontSize(size).widthOfString(text);
}

type Measure = ReturnType<typeof createMeasure>;

/** Never at the start of a line. */
const NO_START = /^[，。、；：！？）》”’」』…%,.;:!?)\]]/u;
/** Never at the end of a line. */
const NO_END = /[（《“‘「『([]$/u;

/**
 * Break a paragraph into lines of at most `width`: Latin words and numbers
 * stay whole ("1215", "PVC"), closing punctuation never opens a line and
 * opening punctuation never ends one.
 */
function breakLines(text: string, width: number, size: number, bold: boolean, measure: Measure, indent = 0): string[] {
  // a byline stays on one line: a break between two names would join them ("魏慧敏\n张鹏")
  const tokens = text.match(/（记者[^）]*）|[A-Za-z0-9.%]+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  let limit = width - indent;
  for (const token of tokens) {
    if (line !== '' && measure(line + token, size, bold) > limit) {
      let carry = '';
      // closing punctuation takes the character before it along to the next line (it never hangs in the gutter)
      if (NO_START.test(token)) {
        carry = [...line].at(-1)!;
        line = [...line].slice(0, -1).join('');
      }
      while (NO_END.test(line)) {
        carry = line.slice(-1) + carry;
        line = line.slice(0, -1);
      }
      if (line !== '') {
        lines.push(line);
        line = carry;
        limit = width;
      } else line = carry;
    }
    line += token;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** What one article sets: the headline, then the column flow of paragraphs, subheads and figures. */
interface Story {
  readonly kicker: string | null;
  readonly title: string;
  readonly subtitle: string | null;
  readonly flow: readonly FlowPiece[];
  readonly boxed: boolean;
  readonly chars: number;
}

type FlowPiece =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'subhead'; readonly text: string }
  | { readonly kind: 'figure'; readonly caption: string };

const CAPTION_LINE = /^[↑↓←→]|(?:供图|摄|摄影)$/u;
const PHOTO_CREDIT = /(?:记者|通讯员)?\s*([\p{Script=Han}·]{2,4}(?:\s+[\p{Script=Han}·]{2,4})*)\s*(?:摄|摄影)$/u;

/** An item as a story: a byline opens the first paragraph, captions become photos in the flow. */
function toStory(item: Article): Story {
  const lines = item.body.split('\n');
  const credited = new Set(lines.flatMap((line) => (CAPTION_LINE.test(line) ? (PHOTO_CREDIT.exec(line)?.[1]?.split(/\s+/u) ?? []) : [])));
  const byline = item.reporters.filter((name) => !credited.has(name));
  const flow: FlowPiece[] = [];
  let opened = false;
  for (const line of lines) {
    if (CAPTION_LINE.test(line) && [...line].length <= 100) flow.push({ kind: 'figure', caption: line });
    else if ([...line].length <= 30 && !/[，。、；！？,;!?]/u.test(line)) flow.push({ kind: 'subhead', text: line });
    else {
      const lead = !opened && byline.length > 0 ? `本报讯（记者 ${byline.join(' ')}）` : '';
      opened = true;
      flow.push({ kind: 'paragraph', text: lead + line });
    }
  }
  return {
    kicker: item.kicker,
    title: item.title,
    subtitle: item.subtitle,
    flow,
    boxed: item.kind !== 'article',
    chars: item.body.length,
  };
}

/** A set line: text at x relative to its column, with its size, weight and height on the column. */
interface SetLine {
  readonly text: string;
  readonly indent: number;
  readonly size: number;
  readonly bold: boolean;
  readonly height: number;
  readonly photo?: number;
}

/** A story's flow as lines one column wide. */
function setFlow(story: Story, width: number, measure: Measure, seed: number): SetLine[] {
  const out: SetLine[] = [];
  story.flow.forEach((piece, i) => {
    if (piece.kind === 'paragraph') {
      breakLines(piece.text, width, BODY_SIZE, false, measure, 2 * BODY_SIZE).forEach((text, n) =>
        out.push({ text, indent: n === 0 ? 2 * BODY_SIZE : 0, size: BODY_SIZE, bold: false, height: LEADING }),
      );
    } else if (piece.kind === 'subhead') {
      for (const text of breakLines(piece.text, width, BODY_SIZE + 1, true, measure)) {
        out.push({ text, indent: 0, size: BODY_SIZE + 1, bold: true, height: LEADING * 1.4 });
      }
    } else {
      out.push({ text: '', indent: 0, size: 0, bold: false, height: width * 0.62, photo: seed * 100 + i });
      for (const text of breakLines(piece.caption, width, CAPTION_SIZE, false, measure)) {
        out.push({ text, indent: 0, size: CAPTION_SIZE, bold: false, height: CAPTION_SIZE * 1.45 });
      }
      out.push({ text: '', indent: 0, size: 0, bold: false, height: LEADING * 0.6 });
    }
  });
  return out;
}

/** The largest headline size (≤ max) at which the text fits the width on one line. */
function fitSize(text: string, width: number, max: number, min: number, measure: Measure): number {
  let size = max;
  while (size > min && measure(text, size, true) > width) size -= 0.5;
  return size;
}

/** Columns each story spans, by length: long articles 4, others 2 or 3; reports in a box of 2. */
function spanOf(story: Story): number {
  if (story.boxed) return 2;
  if (story.chars > 1800) return 4;
  return story.chars > 900 ? 3 : 2;
}

/** Rows of stories whose spans fill the page's six columns (a story alone takes all six). */
function planRows(stories: readonly Story[]): { story: Story; span: number }[][] {
  const rows: { story: Story; span: number }[][] = [];
  let row: { story: Story; span: number }[] = [];
  let used = 0;
  for (const story of stories) {
    const span = spanOf(story);
    if (used + span > COLUMNS) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push({ story, span });
    used += span;
  }
  if (row.length > 0) rows.push(row);
  // the last story of a row widens to fill it
  return rows.map((r) => {
    const total = r.reduce((sum, m) => sum + m.span, 0);
    return r.map((m, i) => (i === r.length - 1 ? { ...m, span: m.span + COLUMNS - total } : m));
  });
}

/** A story set in `span` columns at (x, y): its ops and its height. */
function setStory(story: Story, x: number, y: number, span: number, measure: Measure, seed: number): { ops: DrawOp[]; height: number } {
  const ops: DrawOp[] = [];
  const width = span * COLUMN_WIDTH + (span - 1) * GUTTER;
  const pad = story.boxed ? 3 * MM : 0;
  const inner = width - 2 * pad;
  let top = y + pad;
  const headLine = (text: string, size: number, bold: boolean): void => {
    const w = measure(text, size, bold);
    ops.push({ kind: 'text', x: x + pad + (story.boxed ? (inner - w) / 2 : 0), top, size, bold, text });
    top += size * 1.35;
  };
  const display = (text: string): void => {
    // a kicker or subtitle too long for one line at 10.5 pt goes on two
    const size = fitSize(text, inner, 13, 10.5, measure);
    for (const part of breakLines(text, inner, size, false, measure)) headLine(part, size, false);
  };
  if (story.kicker) display(story.kicker);
  // a headline too long for one line at 16 pt (12 in a box) goes on two or more, at that size
  const titleSize = fitSize(story.title, inner, story.boxed ? 15 : 26, story.boxed ? 12 : 16, measure);
  for (const part of breakLines(story.title, inner, titleSize, true, measure)) headLine(part, titleSize, true);
  if (story.subtitle) display(story.subtitle);
  top += 3 * MM;

  // body columns inside the story (a box sets its text one wide column per box column)
  const cols = span;
  const colWidth = (inner - (cols - 1) * GUTTER) / cols;
  const lines = setFlow(story, colWidth, measure, seed);
  const total = lines.reduce((sum, l) => sum + l.height, 0);
  // balanced columns: each holds about total / cols, never splitting a photo from the column top
  const target = total / cols + LEADING;
  let col = 0;
  let used = 0;
  let bottom = top;
  for (const line of lines) {
    if (used + line.height > target && col < cols - 1 && used > 0) {
      col++;
      used = 0;
    }
    if (used === 0 && line.photo === undefined && line.size === 0) continue; // no spacer at a column head
    const cx = x + pad + col * (colWidth + GUTTER);
    if (line.photo !== undefined) ops.push({ kind: 'photo', x: cx, y: top + used, w: colWidth, h: line.height - 2, seed: line.photo });
    else if (line.text !== '') ops.push({ kind: 'text', x: cx + line.indent, top: top + used + (line.height - line.size) / 2, size: line.size, bold: line.bold, text: line.text });
    used += line.height;
    bottom = Math.max(bottom, top + used);
  }
  const height = bottom - y + pad;
  if (story.boxed) ops.push({ kind: 'box', x, y, w: width, h: height });
  return { ops, height };
}

/** The masthead: paper, date with weekday, page and section, over a double rule. */
function setMasthead(edition: PaperEdition, measure: Measure): { ops: DrawOp[]; height: number } {
  const [year, month, day] = edition.date.split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  const y = MARGIN;
  const right = `第${edition.page}版 ${edition.section}`;
  const ops: DrawOp[] = [
    { kind: 'text', x: MARGIN, top: y, size: 11, bold: true, text: '西宁晚报' },
    { kind: 'text', x: PAGE_WIDTH / 2 - 60, top: y, size: 10, bold: false, text: `${year}年${month}月${day}日 星期${weekday}` },
    { kind: 'text', x: PAGE_WIDTH - MARGIN - measure(right, 10, false), top: y, size: 10, bold: false, text: right },
    { kind: 'rule', x1: MARGIN, y1: y + 17, x2: PAGE_WIDTH - MARGIN, y2: y + 17, width: 1.2 },
    { kind: 'rule', x1: MARGIN, y1: y + 19.5, x2: PAGE_WIDTH - MARGIN, y2: y + 19.5, width: 0.4 },
  ];
  return { ops, height: 19.5 + 6 * MM };
}

/**
 * Lay out a page's items: the masthead, then rows of stories side by side,
 * a rule between rows. Items keep their page order, row by row.
 */
export function layoutPaperPage(items: readonly Article[], edition: PaperEdition, seed = 1): PaperLayout {
  const measure = createMeasure();
  const masthead = setMasthead(edition, measure);
  const ops: DrawOp[] = [...masthead.ops];
  let y = MARGIN + masthead.height;
  planRows(items.map(toStory)).forEach((row, r) => {
    if (r > 0) {
      ops.push({ kind: 'rule', x1: MARGIN, y1: y - MODULE_GAP / 2, x2: PAGE_WIDTH - MARGIN, y2: y - MODULE_GAP / 2, width: 0.5 });
    }
    let x = MARGIN;
    let height = 0;
    row.forEach((module, m) => {
      const set = setStory(module.story, x, y, module.span, measure, seed * 1000 + r * 10 + m);
      ops.push(...set.ops);
      height = Math.max(height, set.height);
      x += module.span * (COLUMN_WIDTH + GUTTER);
    });
    y += height + MODULE_GAP;
  });
  return { width: PAGE_WIDTH, height: y - MODULE_GAP + MARGIN, ops };
}

/** The page as a PDF with a text layer: each line one text run in an embedded, subset CJK font. */
export async function renderPaperPdf(layout: PaperLayout): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [layout.width, layout.height], margin: 0, compress: true, info: { Title: '西宁晚报' } });
  doc.registerFont('body', fontFile(false));
  doc.registerFont('bold', fontFile(true));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const op of layout.ops) {
    if (op.kind === 'text') doc.font(op.bold ? 'bold' : 'body').fontSize(op.size).fillColor('black').text(op.text, op.x, op.top, { lineBreak: false });
    else if (op.kind === 'rule') doc.moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).lineWidth(op.width).stroke('black');
    else if (op.kind === 'box') doc.rect(op.x, op.y, op.w, op.h).lineWidth(0.8).stroke('black');
    else drawPdfPhoto(doc, op);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A photo's stand-in: a shaded field with a few shapes (no text in it). */
function drawPdfPhoto(doc: PDFKit.PDFDocument, op: Extract<DrawOp, { kind: 'photo' }>): void {
  const random = createRandom(op.seed);
  doc.rect(op.x, op.y, op.w, op.h).fill('#9a9a9a');
  for (let i = 0; i < 5; i++) {
    const gray = Math.floor(60 + random() * 150);
    const hex = gray.toString(16).padStart(2, '0');
    doc.circle(op.x + random() * op.w, op.y + random() * op.h, 4 + random() * op.h * 0.3).fill(`#${hex}${hex}${hex}`);
  }
  doc.rect(op.x, op.y, op.w, op.h).lineWidth(0.3).stroke('black');
}

/**
 * The PDF with its fonts' character maps taken out, as newspaper PDFs often
 * come: each "/ToUnicode n 0 R" is blanked with spaces of the same length,
 * so every offset in the file stays right and the glyphs still draw.
 */
export function stripCharacterMaps(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  return new Uint8Array(Buffer.from(text.replace(/\/ToUnicode \d+ \d+ R/gu, (m) => ' '.repeat(m.length)), 'latin1'));
}

/** How a page image is taken. */
export interface ImageOptions {
  readonly dpi: number;
  /** Turned by this many degrees (a phone photo; default 0). */
  readonly rotateDegrees?: number;
  /** Gaussian-like noise of this standard deviation in gray levels (default 0). */
  readonly noise?: number;
  /** Light falls off to this share at the far corner (default 1: even light). */
  readonly light?: number;
  /** PNG (default) or JPEG at quality 85. */
  readonly format?: 'png' | 'jpeg';
  readonly seed?: number;
}

let fontsRegistered = false;

/** The page as a grayscale image, as a scanner (300 dpi) or a phone (150 dpi, turned, noisy) takes it. */
export function renderPaperImage(layout: PaperLayout, options: ImageOptions): Uint8Array {
  if (!fontsRegistered) {
    GlobalFonts.registerFromPath(fontFile(false), 'PaperBody');
    GlobalFonts.registerFromPath(fontFile(true), 'PaperBold');
    fontsRegistered = true;
  }
  const scale = options.dpi / 72;
  const width = Math.round(layout.width * scale);
  const height = Math.round(layout.height * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  if (options.rotateDegrees) {
    ctx.translate(width / 2, height / 2);
    ctx.rotate((options.rotateDegrees * Math.PI) / 180);
    ctx.translate(-width / 2, -height / 2);
  }
  ctx.scale(scale, scale);
  drawOps(ctx, layout.ops);
  ctx.restore();
  if (options.noise || (options.light !== undefined && options.light < 1)) degrade(ctx, width, height, options);
  return new Uint8Array(options.format === 'jpeg' ? canvas.toBuffer('image/jpeg', 85) : canvas.toBuffer('image/png'));
}

function drawOps(ctx: SKRSContext2D, ops: readonly DrawOp[]): void {
  ctx.fillStyle = '#000000';
  ctx.strokeStyle = '#000000';
  ctx.textBaseline = 'alphabetic';
  for (const op of ops) {
    if (op.kind === 'text') {
      ctx.font = `${op.size}px ${op.bold ? 'PaperBold' : 'PaperBody'}`;
      ctx.fillText(op.text, op.x, op.top + op.size * 0.88);
    } else if (op.kind === 'rule') {
      ctx.lineWidth = op.width;
      ctx.beginPath();
      ctx.moveTo(op.x1, op.y1);
      ctx.lineTo(op.x2, op.y2);
      ctx.stroke();
    } else if (op.kind === 'box') {
      ctx.lineWidth = 0.8;
      ctx.strokeRect(op.x, op.y, op.w, op.h);
    } else {
      const random = createRandom(op.seed);
      ctx.fillStyle = '#9a9a9a';
      ctx.fillRect(op.x, op.y, op.w, op.h);
      for (let i = 0; i < 5; i++) {
        const gray = Math.floor(60 + random() * 150);
        ctx.fillStyle = `rgb(${gray},${gray},${gray})`;
        ctx.beginPath();
        ctx.arc(op.x + random() * op.w, op.y + random() * op.h, 4 + random() * op.h * 0.3, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = '#000000';
    }
  }
}

/** Uneven light (a gradient from the top-left corner) and noise, in place; the image turns gray. */
function degrade(ctx: SKRSContext2D, width: number, height: number, options: ImageOptions): void {
  const random = createRandom(options.seed ?? 7);
  const image = ctx.getImageData(0, 0, width, height);
  const data = image.data;
  const light = options.light ?? 1;
  const noise = options.noise ?? 0;
  const diagonal = Math.hypot(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const shade = 1 - (1 - light) * (Math.hypot(x, y) / diagonal);
      // the sum of three uniforms: close enough to a normal for sensor noise
      const n = noise === 0 ? 0 : (random() + random() + random() - 1.5) * 2 * noise;
      const v = Math.max(0, Math.min(255, data[i]! * shade + 18 * (1 - shade) + n));
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
    }
  }
  ctx.putImageData(image, 0, 0);
}
