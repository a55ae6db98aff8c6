/**
 * What a page file is, told from its first bytes (never from its name: an
 * upload's name is whatever the sender's phone gave it), and how large it
 * may be.
 */

/** A text page, a PDF, or a page image. */
export type PageFileKind = 'text' | 'pdf' | 'png' | 'jpeg' | 'tiff';

/** Bytes `pageFileKind` looks at. */
export const KIND_PROBE_BYTES = 8;

/**
 * Largest PDF or image page ingested (30 MB): a 300-dpi scan of a broadsheet
 * page as PNG is 5–20 MB, an e-paper PDF page 1–10 MB.
 */
export const PRINTED_MAX_BYTES = 30 * 1024 * 1024;

/** The kind of a page file from its first bytes (`KIND_PROBE_BYTES` are enough). */
export function pageFileKind(head: Uint8Array): PageFileKind {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff'; // II*\0, MM\0*
  return 'text';
}

/** The size limit for a page file of this kind: 5 MB for text, 30 MB for a PDF or an image. */
export function pageSizeLimit(kind: PageFileKind, textLimit: number): number {
  return kind === 'text' ? textLimit : PRINTED_MAX_BYTES;
}
