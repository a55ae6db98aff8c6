/**
 * A PDF's pages through PDF.js (pdfjs-dist, legacy build: the one meant for
 * Node): each page's text layer with positions and type sizes, and the page
 * drawn on a canvas when its text layer cannot be read. PDF.js is Mozilla's
 * reader behind Firefox: it copes with the broken and odd files a newspaper's
 * e-paper system writes, gives every text run its transform, and renders with
 * @napi-rs/canvas in Node. Its CMaps, standard fonts and decoders are read
 * from the installed package, never fetched.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PrintedLine, PrintedPage } from '../types.js';
import type { GrayImage } from './grayImage.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type RenderParameters = Parameters<PdfPage['render']>[0];

/** A PDF with more pages than this is not a newspaper page (default 24): it is refused, not read for minutes. */
export const PDF_MAX_PAGES = 24;

/** Why a PDF could not be opened, as the one line the admin reads. */
export const PDF_ERRORS = {
  encrypted: 'an encrypted PDF (it needs a password)',
  damaged: 'a damaged PDF (it cannot be read)',
  tooManyPages: `not a newspaper page (a PDF of more than ${PDF_MAX_PAGES} pages)`,
} as const;

/** An open PDF: its pages' text layers and renderings. */
export interface PdfFile {
  readonly pageCount: number;
  /** The page's text layer as positioned lines, in PDF points from the top-left corner. */
  textLayer(pageNumber: number): Promise<PrintedPage>;
  /** The page drawn at `dpi` as a grayscale image (for OCR). */
  render(pageNumber: number, dpi: number): Promise<GrayImage>;
  close(): Promise<void>;
}

let pdfjs: Promise<PdfJs> | undefined;

/** PDF.js, loaded on first use: a text page never pays for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

function packageDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** Opens a PDF, or gives the reason it cannot be read (`PDF_ERRORS`). */
export async function openPdf(bytes: Uint8Array): Promise<PdfFile | { error: string }> {
  const lib = await loadPdfJs();
  const dir = packageDir();
  let doc: PdfDocument;
  try {
    doc = await lib.getDocument({
      // PDF.js takes over (detaches) the buffer it is given: hand it a copy
      data: new Uint8Array(bytes),
      cMapUrl: `${path.join(dir, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(dir, 'standard_fonts')}/`,
      wasmUrl: `${path.join(dir, 'wasm')}/`,
      // glyphs are drawn from the font programs as paths: no FontFace in Node
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { error: name === 'PasswordException' ? PDF_ERRORS.encrypted : PDF_ERRORS.damaged };
  }
  if (doc.numPages > PDF_MAX_PAGES) {
    await doc.destroy();
    return { error: PDF_ERRORS.tooManyPages };
  }
  return {
    pageCount: doc.numPages,
    textLayer: async (n) => readTextLayer(await doc.getPage(n)),
    render: async (n, dpi) => renderPage(await doc.getPage(n), dpi),
    close: () => doc.destroy(),
  };
}

/** A bold face by its PostScript name: "ABCDEF+NotoSansHans-Bold", "FZHei-B01", "SimHei-Heavy". */
const BOLD_FONT = /bold|black|heavy|semibold|demibold|[-_]b\d*$|w[6-9]$/iu;

async function readTextLayer(page: PdfPage): Promise<PrintedPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  // font names come with the operator list; they tell the bold face of subheads
  await page.getOperatorList();
  const bold = new Map<string, boolean>();
  const isBold = (fontName: string): boolean => {
    let known = bold.get(fontName);
    if (known === undefined) {
      const font = page.commonObjs.has(fontName) ? (page.commonObjs.get(fontName) as { name?: string } | undefined) : undefined;
      known = BOLD_FONT.test(font?.name ?? '');
      bold.set(fontName, known);
    }
    return known;
  };
  const lines: PrintedLine[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
    // horizontal text only: rotated runs (a vertical kicker, a watermark) are left out
    if (Math.abs(b) > 0.01 * Math.abs(a) || a <= 0) continue;
    const size = Math.hypot(c, d);
    const ascent = content.styles[item.fontName]?.ascent ?? 0.88;
    const [x, baseline] = viewport.convertToViewportPoint(e, f) as [number, number];
    lines.push({ text: item.str, x, y: baseline - ascent * size, width: item.width, height: size, size, bold: isBold(item.fontName) });
  }
  page.cleanup();
  return { width: viewport.width, height: viewport.height, lines };
}

async function renderPage(page: PdfPage, dpi: number): Promise<GrayImage> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  // @napi-rs/canvas's context is what PDF.js draws on in Node; PDF.js's types name the DOM's
  const parameters = { canvas, canvasContext: context, viewport } as unknown as RenderParameters;
  await page.render(parameters).promise;
  const rgba = context.getImageData(0, 0, width, height).data;
  page.cleanup();
  const gray = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < gray.length; i += 4, j++) gray[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  return { width, height, data: gray };
}
