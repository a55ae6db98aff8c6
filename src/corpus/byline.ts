/**
 * Bylines: who wrote an item. The paper prints them in a handful of forms,
 * at the start of the first paragraph, on their own line, or at the end:
 *   "本报讯(记者 宁亚琴)近日，…"   "本报香港讯(特约记者 田得乾 魏慧敏 张鹏)2月21日,…"
 *   "本报记者 咸文静 李永波"        "(记者 施翔)"   "…有力保障。 (记者 施翔)"
 *   "本报讯(记者悠然摄影报道)…"     "←在签到墙前按下彩色手印。本报记者 齐延迪 摄"
 */

/** A byline found at the start of a paragraph, and the text after it. */
export interface LeadByline {
  readonly reporters: readonly string[];
  readonly rest: string;
}

const ROLE = String.raw`(?:本报)?(?:特约|实习|首席|摄影)?(?:记者|通讯员)`;
const OPEN = '[（(]';
const CLOSE = '[）)]';

/** "本报讯(记者 X)", "本报讯（记者 X Y）", "本报X讯(特约记者 A B C)"; the dateline may lack the parenthesis. */
const LEAD = new RegExp(String.raw`^\s*本报(?:[\p{Script=Han}]{1,4})?讯\s*(?:${OPEN}([^）)]{0,60})${CLOSE})?\s*`, 'u');
/** "本报记者 咸文静 李永波", "记者 X 文/图" standing alone; "记者了解到" is not one (no space after a bare role). */
const LINE = new RegExp(String.raw`^\s*(?:本报(?:特约|实习|首席|摄影)?(?:记者|通讯员)\s*|(?:特约|实习|首席|摄影)?(?:记者|通讯员)\s+)((?:[\p{Script=Han}·]{2,5}\s*){1,6})(?:\s*(?:文/图|文／图|摄|报道))?\s*$`, 'u');
/** "(记者 施翔)" at the end of a paragraph or alone; "(实习记者 X)". */
const TAIL = new RegExp(String.raw`\s*${OPEN}\s*(${ROLE}[^（()）]{1,40})${CLOSE}\s*$`, 'u');
/**
 * Bare names from a byline's inside: roles, "摄影报道" and separators dropped.
 * "特约记者 田得乾 魏慧敏 张鹏" → [田得乾, 魏慧敏, 张鹏]; "记者悠然摄影报道" → [悠然].
 */
export function bylineNames(inside: string): string[] {
  const cleaned = inside
    .replace(/(?:本报)?(?:特约|实习|首席|摄影)?(?:记者|通讯员)/gu, ' ')
    .replace(/(?:摄影报道|报道|摄影|文\/图|文／图|摄)\s*$/u, '')
    .replace(/[、,，;；/]/gu, ' ');
  return cleaned
    .split(/\s+/u)
    .filter((name) => /^[\p{Script=Han}·]{2,5}$/u.test(name));
}

/** A paragraph that opens with a dateline byline: its names and the text after it. */
export function parseLeadByline(paragraph: string): LeadByline | undefined {
  const m = LEAD.exec(paragraph);
  if (!m) return undefined;
  return { reporters: m[1] === undefined ? [] : bylineNames(m[1]), rest: paragraph.slice(m[0].length) };
}

/** A line that is only a byline ("本报记者 咸文静 李永波"): the names, or undefined. */
export function parseBylineLine(line: string): string[] | undefined {
  const m = LINE.exec(line);
  if (m?.[1] === undefined) return undefined;
  const names = bylineNames(m[1]);
  return names.length > 0 ? names : undefined;
}

/** A byline closing a paragraph ("…保障。 (记者 施翔)"): the names and the paragraph without it. */
export function parseTailByline(paragraph: string): LeadByline | undefined {
  // TAIL is tried at every position of the paragraph; most paragraphs end otherwise
  if (!/[）)]$/u.test(paragraph.trimEnd().slice(-1))) return undefined;
  const m = TAIL.exec(paragraph);
  if (m?.[1] === undefined) return undefined;
  const names = bylineNames(m[1]);
  if (names.length === 0) return undefined;
  return { reporters: names, rest: paragraph.slice(0, m.index).trimEnd() };
}

/**
 * The photographer named in a caption credit ("←在签到墙前按下彩色手印。本报记者 齐延迪 摄").
 * Such names count as reporters: a staff photographer is credited for the
 * item like a writer, and readers search for them the same way. "供图"
 * credits name an organisation that supplied the picture and are ignored.
 */
export function parsePhotoCredit(caption: string): string[] {
  const m = /^(.*?)\s*摄(?:影)?$/u.exec(caption.trim());
  if (m?.[1] === undefined) return [];
  // the credit follows the caption's last sentence: "…手印。本报记者 齐延迪 摄"
  const credit = m[1].split(/[。！？.!?]/u).pop() ?? '';
  const role = /(?:记者|通讯员)\s*(.*)$/u.exec(credit);
  if (role?.[1] !== undefined) return bylineNames(role[1]);
  const last = credit.trim().split(/\s+/u).pop() ?? '';
  return bylineNames(last);
}

/** True for "(上接第一版)" / "（下转第3版）": page-jump markers, not text. */
export function isJumpMarker(line: string): boolean {
  return /^\s*[（(]\s*(?:上接|下转|转自|接)第?[一二三四五六七八九十\d]{1,3}版\s*[）)]\s*$/u.test(line);
}

/** True for an "(上接第一版)" marker: the item continues from another page. */
export function isContinuedFrom(line: string): boolean {
  return /^\s*[（(]\s*上接/u.test(line) && isJumpMarker(line);
}
