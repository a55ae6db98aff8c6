/**
 * Units → items. Finds where items start and end (headlines, datelines,
 * bylines), keeps in-article subheads inside their article, and gives each
 * body its headline, even when the page prints headlines after their
 * bodies or out of order.
 */
import { SENTENCE_PUNCT, TERMINAL } from './charClass.js';
import {
  isContinuedFrom,
  isJumpMarker,
  parseBylineLine,
  parseLeadByline,
  parsePhotoCredit,
  parseTailByline,
} from './byline.js';
import { isReportHeading } from './hotline.js';
import type { Unit } from './layout.js';
import { bigramOverlap, cohesionSplit, hanBigrams } from './overlap.js';

/** A line of an item's body: a paragraph, a subhead or a photo caption. */
export interface BodyLine {
  readonly text: string;
  readonly role: 'paragraph' | 'subhead' | 'caption';
}

/** A headline line with its markdown level (0 for plain text). */
export interface HeadLine {
  readonly text: string;
  readonly heading: number;
}

/** One item before cleanup: headline lines, body lines, bylines. */
export interface RawItem {
  readonly head: readonly HeadLine[];
  readonly lines: readonly BodyLine[];
  /** Byline names, then photographers, in page order (not yet deduplicated). */
  readonly reporters: readonly string[];
}

/** Headline lines are short (default 40 characters). */
const HEADLINE_MAX = 40;
/** A subtitle ("——记…") is at most this long (default 60 characters). */
const SUBTITLE_MAX = 60;
/** Bonus for a headline printed right above the body (default 0.6). */
const ADJACENT_BONUS = 0.6;
/** Least bigram overlap to give a distant headline to a body (default 0.4). */
const MIN_OVERLAP = 0.4;
/**
 * A headline piece is matched only with bodies at most this many bodies
 * before or after its run (default 40). A printed page holds far fewer
 * articles than that; a file this long is many pages run together, where a
 * headline never belongs to a body pages away. The bound keeps matching
 * linear in the page's size (every piece against every body took 113 s on
 * 10 MB).
 */
const HEADLINE_REACH = 40;

type Kind = 'lead' | 'bylineLine' | 'tail' | 'jump' | 'caption' | 'heading' | 'report' | 'short' | 'subhead' | 'text';

interface Run {
  readonly units: readonly Unit[];
  readonly binding: boolean;
  /** Index of the body printed right after the run. */
  readonly next: number;
}

interface Body {
  lines: BodyLine[];
  reporters: string[];
  photographers: string[];
  leadReporters: string[];
  /** A run that heads this body for certain (markdown heading, byline line after it). */
  boundRun?: number;
  pieces: Piece[];
}

interface Piece {
  readonly run: number;
  readonly index: number;
  readonly units: readonly Unit[];
}

function classify(units: readonly Unit[], i: number): Kind {
  const unit = units[i]!;
  const text = unit.text;
  if (unit.caption) return 'caption';
  if (isReportHeading(text) && !unit.bold) return 'report';
  if (unit.heading > 0) return 'heading';
  if (unit.bold) return 'subhead';
  if (isHeadingNeighbour(units, i)) return 'short';
  if (isJumpMarker(text)) return 'jump';
  if (parseLeadByline(text)) return 'lead';
  if ([...text].length <= 30 && parseBylineLine(text)) return 'bylineLine';
  if (parseTailByline(text)?.rest === '') return 'tail';
  const length = [...text].length;
  if (unit.list || length > HEADLINE_MAX) return 'text';
  if (!SENTENCE_PUNCT.test(text) && !TERMINAL.test(text)) return 'short';
  // "欢乐跑,解锁别样假期!" is a headline: a byline line or "(上接第一版)" follows it
  const next = nextSignificant(units, i + 1);
  if (!text.endsWith('。') && next !== undefined && (isBylineLine(units[next]!) || isContinuedFrom(units[next]!.text))) {
    return 'short';
  }
  return 'text';
}

/**
 * A line printed in a markdown heading's block right above or below it is the
 * heading's kicker or subtitle, punctuation or not: "为民办实事，解民生难题" /
 * "# …" / "——记…，…" (a page read from a PDF sets its headline block so).
 */
function isHeadingNeighbour(units: readonly Unit[], i: number): boolean {
  const unit = units[i]!;
  if (unit.heading > 0 || [...unit.text].length > SUBTITLE_MAX || /[。！？]$/u.test(unit.text)) return false;
  const near = (other: Unit | undefined): boolean => other !== undefined && other.heading > 0 && other.block === unit.block;
  return near(units[i + 1]) || near(units[i - 1]);
}

function isBylineLine(unit: Unit): boolean {
  return [...unit.text].length <= 30 && parseBylineLine(unit.text) !== undefined;
}

/** Index of the first unit at or after `from` that is not a caption. */
function nextSignificant(units: readonly Unit[], from: number): number | undefined {
  for (let j = from; j < units.length; j++) if (!units[j]!.caption) return j;
  return undefined;
}

/** One pass over a page's units: the bodies made so far and the headline runs between them. */
interface Pass {
  readonly units: readonly Unit[];
  readonly kinds: readonly Kind[];
  readonly runs: Run[];
  readonly bodies: Body[];
  /** The body lines go to now; undefined between articles. */
  current: Body | undefined;
  /** The last body ended with a tail byline: what follows starts another article. */
  lastEnded: boolean;
}

/** Cut units into items: headline runs, then each unit into the body it belongs to, then headlines to bodies. */
export function segmentUnits(units: readonly Unit[]): RawItem[] {
  const pass: Pass = { units, kinds: units.map((_, i) => classify(units, i)), runs: [], bodies: [], current: undefined, lastEnded: false };
  for (let i = 0; i < units.length; i++) {
    const kind = pass.kinds[i]!;
    if (kind === 'short' || kind === 'heading' || kind === 'report') i = takeRun(pass, i);
    else takeUnit(pass, units[i]!, kind);
  }
  pass.current = undefined;
  assignHeadlines(pass.runs, pass.bodies);
  return pass.bodies.filter((body) => body.lines.length > 0).map((body) => ({
    head: headOf(pass.runs, body),
    lines: body.lines,
    reporters: [...body.reporters, ...body.photographers],
  }));
}

/** The body lines go to: the current one, or a new one. */
function openBody(pass: Pass): Body {
  if (!pass.current) {
    pass.current = { lines: [], reporters: [], photographers: [], leadReporters: [], pieces: [] };
    pass.bodies.push(pass.current);
  }
  return pass.current;
}

/** A tail byline ends the current body (or two, when it names other reporters than its lead). */
function endWithTail(pass: Pass, names: readonly string[]): void {
  const body = openBody(pass);
  pass.current = undefined;
  pass.lastEnded = true;
  const split = body.leadReporters.length > 0 && names.some((n) => !body.leadReporters.includes(n));
  if (split) {
    // "本报讯（记者 张弘靓）…" then "冬季的早晨…（记者 徐顺凯）": two articles with no headline between
    const k = cohesionSplit(body.lines.map((l) => l.text), body.lines.map((l) => l.role !== 'subhead'));
    if (k > 0) {
      pass.bodies.push({ lines: body.lines.splice(k), reporters: [...names], photographers: [], leadReporters: [], pieces: [] });
      return;
    }
  }
  body.reporters.push(...names);
}

/** The units of the run of short lines, headings or a report title that starts at `start`, and where it ends. */
function collectRun(pass: Pass, start: number): { members: Unit[]; end: number } {
  const { units, kinds } = pass;
  let j = start;
  let sawHeading = false;
  const members: Unit[] = [];
  while (j < units.length) {
    const k = kinds[j]!;
    const isSubtitle = members.length > 0 && units[j]!.text.startsWith('——') && [...units[j]!.text].length <= SUBTITLE_MAX;
    if (k === 'report') {
      if (members.length > 0) break;
      members.push(units[j]!);
      j++;
      break;
    }
    if (k === 'heading') {
      if (sawHeading) break;
      sawHeading = true;
    } else if (k !== 'short' && !isSubtitle) break;
    members.push(units[j]!);
    j++;
  }
  return { members, end: j };
}

/**
 * A run of short lines from `start` (its units up to `end`): a headline run, which starts a
 * body (bound to it when a heading, a report title, a byline line or "接上版" makes it
 * certain), or an in-article subhead. Returns the index of the run's last unit.
 */
function takeRun(pass: Pass, start: number): number {
  const { units, kinds } = pass;
  const { members, end } = collectRun(pass, start);
  const before = start === 0 ? undefined : kinds[start - 1];
  const nextIndex = nextSignificant(units, end);
  const next = nextIndex === undefined ? undefined : kinds[nextIndex];
  const strong = members.some((_, m) => kinds[start + m] === 'heading' || kinds[start + m] === 'report');
  const continued = nextIndex !== undefined && isContinuedFrom(units[nextIndex]!.text);
  const binding = strong || next === 'bylineLine' || continued;
  const boundary =
    binding ||
    before === undefined ||
    next === undefined ||
    next === 'lead' ||
    next === 'report' ||
    next === 'heading' ||
    pass.lastEnded ||
    pass.bodies.length === 0;
  if (!boundary) {
    // an in-article subhead: "融合中见温度:从观影体验到城市文化活力"
    for (const m of members) openBody(pass).lines.push({ text: m.text, role: 'subhead' });
    return end - 1;
  }
  pass.current = undefined;
  const body = openBody(pass);
  pass.runs.push({ units: members, binding, next: pass.bodies.length - 1 });
  if (binding) body.boundRun = pass.runs.length - 1;
  pass.lastEnded = false;
  return end - 1;
}

/** One unit outside a headline run, by its kind: a byline, a caption, a subhead or body text. */
function takeUnit(pass: Pass, unit: Unit, kind: Kind): void {
  switch (kind) {
    case 'lead': {
      const lead = parseLeadByline(unit.text)!;
      if (pass.current && (pass.current.lines.length > 0 || pass.current.leadReporters.length > 0)) pass.current = undefined;
      const body = openBody(pass);
      body.leadReporters.push(...lead.reporters);
      body.reporters.push(...lead.reporters);
      const tail = parseTailByline(lead.rest);
      const rest = tail ? tail.rest : lead.rest;
      if (rest.trim() !== '') body.lines.push({ text: rest.trim(), role: 'paragraph' });
      pass.lastEnded = false;
      if (tail) endWithTail(pass, tail.reporters);
      return;
    }
    case 'bylineLine':
      openBody(pass).reporters.push(...(parseBylineLine(unit.text) ?? []));
      return;
    case 'tail':
      if (pass.current) endWithTail(pass, parseTailByline(unit.text)?.reporters ?? []);
      else pass.bodies.at(-1)?.reporters.push(...(parseTailByline(unit.text)?.reporters ?? []));
      return;
    case 'jump':
      return;
    case 'caption': {
      const body = openBody(pass);
      body.lines.push({ text: unit.text, role: 'caption' });
      body.photographers.push(...parsePhotoCredit(unit.text));
      return;
    }
    case 'subhead':
      openBody(pass).lines.push({ text: unit.text, role: 'subhead' });
      return;
    default: {
      if (pass.lastEnded) pass.current = undefined;
      pass.lastEnded = false;
      const tail = parseTailByline(unit.text);
      openBody(pass).lines.push({ text: (tail ? tail.rest : unit.text).trim(), role: 'paragraph' });
      if (tail) endWithTail(pass, tail.reporters);
    }
  }
}

function headOf(runs: readonly Run[], body: Body): HeadLine[] {
  const units =
    body.boundRun !== undefined
      ? runs[body.boundRun]!.units
      : [...body.pieces].sort((a, b) => a.run - b.run || a.index - b.index).flatMap((p) => p.units);
  return units.map((u) => ({ text: u.text, heading: u.heading }));
}

/**
 * Give headline pieces to bodies without a certain headline, best match
 * first. A piece is one layout block of a headline run. Its score for a body
 * is the share of its character bigrams found in the body, plus a bonus
 * when the run stands right above the body; a body takes several pieces
 * only when they are neighbours in one run ("西宁市2023年度营商环境改革创新"
 * + "“十佳”典型案例专家评审会召开"). Pieces no body wants are furniture
 * ("辉煌十四五 改革谱新篇") and are dropped.
 */
function assignHeadlines(runs: readonly Run[], bodies: readonly Body[]): void {
  const pieces: Piece[] = [];
  runs.forEach((run, r) => {
    if (run.binding) return;
    let index = 0;
    let block: Unit[] = [];
    for (const unit of run.units) {
      if (block.length > 0 && unit.block !== block[0]!.block) {
        pieces.push({ run: r, index: index++, units: block });
        block = [];
      }
      block.push(unit);
    }
    if (block.length > 0) pieces.push({ run: r, index: index++, units: block });
  });
  // only bodies within some piece's reach are ever compared
  const bigrams: (ReadonlySet<number> | undefined)[] = [];
  const bodyGrams = (b: number): ReadonlySet<number> =>
    (bigrams[b] ??= hanBigrams(bodies[b]!.lines.map((l) => l.text).join('\n')));
  const pairs: { piece: Piece; body: number; score: number }[] = [];
  for (const piece of pieces) {
    const pieceGrams = hanBigrams(piece.units.map((u) => u.text).join(''));
    const near = runs[piece.run]!.next;
    const last = Math.min(bodies.length - 1, near + HEADLINE_REACH);
    for (let b = Math.max(0, near - HEADLINE_REACH); b <= last; b++) {
      const body = bodies[b]!;
      if (body.boundRun !== undefined || body.lines.length === 0) continue;
      const overlap = bigramOverlap(pieceGrams, bodyGrams(b));
      const adjacent = near === b;
      if (overlap >= MIN_OVERLAP || adjacent) pairs.push({ piece, body: b, score: overlap + (adjacent ? ADJACENT_BONUS : 0) });
    }
  }
  pairs.sort((x, y) => y.score - x.score || x.body - y.body || x.piece.run - y.piece.run || x.piece.index - y.piece.index);
  const taken = new Set<Piece>();
  for (const { piece, body: b } of pairs) {
    if (taken.has(piece)) continue;
    const body = bodies[b]!;
    const fits =
      body.pieces.length === 0 ||
      body.pieces.every((p) => p.run === piece.run) &&
        body.pieces.some((p) => Math.abs(p.index - piece.index) === 1);
    if (!fits) continue;
    body.pieces.push(piece);
    taken.add(piece);
  }
}
