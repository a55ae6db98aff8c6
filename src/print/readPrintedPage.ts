/**
 * A PDF or image page file → the same parsed page a text file gives. A PDF
 * page with a readable text layer is read from it (positions and type sizes
 * give columns, reading order and headlines); a page whose text layer is
 * empty or garbled, and every image, is rendered or decoded and read by OCR.
 * Either way the lines are composed into page text (`composePrintedPage`)
 * and parsed by the text pipeline, so articles, reports and the edition come
 * out the same.
 */
import { basename } from 'node:path';
import {
  checkPageText,
  composePrintedPage,
  hashPage,
  pageFileKind,
  parsePageText,
  type EditionContext,
  type PageFileKind,
} from '../corpus/index.js';
import type { ParsedPage } from '../types.js';
import { decodeImage } from './grayImage.js';
import type { OcrEngine } from './ocr/ocrEngine.js';
import { openPdf, PDF_ERRORS } from './pdfPages.js';
import { textLayerProblem } from './textLayer.js';

/** A PDF page whose text layer cannot be read is rendered at this resolution for OCR (default 300 dpi). */
const RENDER_DPI = 300;

/** Gives an OCR engine, loaded on first use (a text-layer PDF never loads the models). */
export type OcrEngineSource = () => Promise<OcrEngine>;

/** True for the kinds this module reads (PDF and images); text files go to `parsePage`. */
export function isPrintedKind(kind: PageFileKind): kind is Exclude<PageFileKind, 'text'> {
  return kind !== 'text';
}

/**
 * Reads a PDF or image page file. Returns `{ error }` (one line, without the
 * file name) for a damaged, encrypted or non-newspaper file; the page's
 * `reading` says how it was read, for the ingest summary.
 */
export async function readPrintedPage(
  bytes: Uint8Array,
  fileName: string,
  ocr: OcrEngineSource,
  context: EditionContext = {},
): Promise<ParsedPage | { error: string }> {
  const kind = pageFileKind(bytes);
  if (!isPrintedKind(kind)) return { error: 'not a PDF or image page' };
  const origin = { source: basename(fileName), contentHash: hashPage(bytes) };
  let texts: string[];
  let method: 'pdf' | 'ocr';
  let note: string;
  if (kind === 'pdf') {
    const pdf = await openPdf(bytes);
    if ('error' in pdf) return pdf;
    if (pdf.pageCount === 0) {
      await pdf.close();
      return { error: PDF_ERRORS.damaged };
    }
    try {
      texts = [];
      const ocrPages: string[] = [];
      for (let n = 1; n <= pdf.pageCount; n++) {
        const layer = await pdf.textLayer(n);
        const problem = textLayerProblem(layer);
        if (problem === undefined) {
          texts.push(composePrintedPage(layer));
          continue;
        }
        const engine = await ocr();
        const { page } = await engine.readPage(await pdf.render(n, RENDER_DPI));
        texts.push(composePrintedPage(page));
        ocrPages.push(`page ${n}: ${problem}`);
      }
      const pages = `${pdf.pageCount} page${pdf.pageCount === 1 ? '' : 's'}`;
      method = ocrPages.length > 0 ? 'ocr' : 'pdf';
      note = ocrPages.length > 0 ? `PDF, ${pages}, read by OCR (${ocrPages.join('; ')})` : `PDF text layer, ${pages}`;
    } catch {
      // a page whose objects are broken (a cut-off file PDF.js opened by scanning it): the file is damaged
      return { error: PDF_ERRORS.damaged };
    } finally {
      await pdf.close();
    }
  } else {
    const image = await decodeImage(bytes, kind);
    if ('error' in image) return image;
    const engine = await ocr();
    const { page, skew } = await engine.readPage(image);
    texts = [composePrintedPage(page)];
    method = 'ocr';
    const turned = Math.abs(skew) >= 0.1 ? `, turned ${Math.abs(skew).toFixed(1)}° straight` : '';
    note = `${kind.toUpperCase()} image ${image.width}×${image.height}, read by OCR${turned}`;
  }
  const text = texts.join('\n\n');
  const problem = checkPageText(text);
  if (problem !== undefined) return { error: problem };
  return parsePageText(text, { ...origin, reading: { method, note } }, context);
}
