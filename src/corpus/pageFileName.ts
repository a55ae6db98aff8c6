/**
 * A page file's name as someone else gave it (a Telegram upload's
 * `file_name`) → a name that is safe to store and to write in the inbox.
 */

/** Longest file name most file systems take, in UTF-8 bytes (ext4, APFS, NTFS: 255). */
export const FILE_NAME_MAX_BYTES = 255;

/** Characters no file system or shell should see in a name: separators, Windows-reserved, control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/gu;

/**
 * A safe base name for an uploaded page file, or `fallback` when nothing of
 * the name is left: the last path segment only; unsafe characters become
 * "_"; leading dots and spaces are dropped (no `.`, `..` or dotfile, which
 * the inbox scan skips); at most 255 UTF-8 bytes, cut at a character
 * boundary before the extension so that `.txt` survives.
 */
export function safePageFileName(name: string, fallback: string): string {
  const last = name.split(/[/\\]/u).pop() ?? '';
  const clean = last.replace(UNSAFE, '_').replace(/^[.\s]+/u, '').trimEnd();
  if (clean === '' || /^[._\s]*$/u.test(clean)) return fallback;
  if (Buffer.byteLength(clean, 'utf8') <= FILE_NAME_MAX_BYTES) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  let stem = '';
  for (const ch of clean.slice(0, clean.length - ext.length)) {
    if (Buffer.byteLength(stem + ch + ext, 'utf8') > FILE_NAME_MAX_BYTES) break;
    stem += ch;
  }
  return stem + ext;
}
