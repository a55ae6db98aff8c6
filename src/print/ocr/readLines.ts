/**
 * What each line says: PaddleOCR's recognizer (PP-OCRv4, 6623 characters of
 * ppocr_keys_v1 plus a space) reads a line scaled to 48 pixels high and
 * gives, per column step, a probability for each character; the best path
 * with repeats and blanks removed is the text (CTC greedy decoding).
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { GrayImage } from '../grayImage.js';
import type { LineBox } from './detectLines.js';

/** The recognizer's input height (fixed by the model). */
const LINE_HEIGHT = 48;
/** Widest line input (default 48 × 50 characters): a wider box is read in parts. */
const MAX_LINE_WIDTH = 2400;
/** Lines read in one run (default 8): larger batches gave no speed on 2 cores and more memory. */
const BATCH = 8;
/**
 * At most this many input columns in one run (default 4,800: eight 600-column lines): a batch of
 * the widest lines is read a few at a time. Its output is a probability per character per
 * column step (6,625 × width / 8 floats a line): eight 2,400-column headlines made one 64 MB
 * answer and grew the recognizer's arena to match, the OCR ingest's peak memory. Each line is
 * still padded to its batch's width, so it reads the same.
 */
const RUN_COLUMNS = 4800;

/** A line read: its box and text. */
export interface ReadLine extends LineBox {
  readonly text: string;
  /** Mean probability of the characters read (0–1). */
  readonly confidence: number;
}

/** The line's pixels scaled to `LINE_HEIGHT`, normalized to [-1, 1] as the recognizer was trained. */
function lineInput(image: GrayImage, box: LineBox, width: number, into: Float32Array, offset: number, rowWidth: number): void {
  const plane = LINE_HEIGHT * rowWidth;
  const sx = box.width / width;
  const sy = box.height / LINE_HEIGHT;
  for (let y = 0; y < LINE_HEIGHT; y++) {
    const fy = box.y + (y + 0.5) * sy - 0.5;
    const y0 = Math.max(0, Math.min(image.height - 1, Math.floor(fy)));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = Math.max(0, Math.min(1, fy - y0));
    for (let x = 0; x < width; x++) {
      const fx = box.x + (x + 0.5) * sx - 0.5;
      const x0 = Math.max(0, Math.min(image.width - 1, Math.floor(fx)));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = Math.max(0, Math.min(1, fx - x0));
      const d = image.data;
      const v =
        (d[y0 * image.width + x0]! * (1 - wx) + d[y0 * image.width + x1]! * wx) * (1 - wy) +
        (d[y1 * image.width + x0]! * (1 - wx) + d[y1 * image.width + x1]! * wx) * wy;
      const n = (v / 255 - 0.5) / 0.5;
      const at = offset + y * rowWidth + x;
      into[at] = n;
      into[at + plane] = n;
      into[at + 2 * plane] = n;
    }
  }
}

/** Best path through the per-step probabilities, repeats and blanks (index 0) dropped. */
function decode(probabilities: Float32Array, offset: number, steps: number, classes: number, keys: readonly string[]): { text: string; confidence: number } {
  let text = '';
  let last = 0;
  let sum = 0;
  let n = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -1;
    const base = offset + t * classes;
    for (let k = 0; k < classes; k++) {
      const p = probabilities[base + k]!;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best !== last) {
      text += keys[best - 1] ?? ' ';
      sum += bestP;
      n++;
    }
    last = best;
  }
  return { text, confidence: n === 0 ? 0 : sum / n };
}

/** Reads the lines in `boxes` off the page image, in batches of similar width. */
export async function readLines(
  image: GrayImage,
  boxes: readonly LineBox[],
  recognizer: InferenceSession,
  keys: readonly string[],
  ort: typeof import('onnxruntime-node'),
): Promise<ReadLine[]> {
  const widths = boxes.map((b) => Math.max(LINE_HEIGHT / 2, Math.min(MAX_LINE_WIDTH, Math.round((b.width * LINE_HEIGHT) / b.height))));
  const order = boxes.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]!);
  const read: (ReadLine | undefined)[] = [];
  for (let start = 0; start < order.length; start += BATCH) {
    const batch = order.slice(start, start + BATCH);
    const rowWidth = Math.ceil(Math.max(...batch.map((i) => widths[i]!)) / 8) * 8;
    const perRun = Math.max(1, Math.floor(RUN_COLUMNS / rowWidth));
    for (let first = 0; first < batch.length; first += perRun) {
      const lines = batch.slice(first, first + perRun);
      const size = 3 * LINE_HEIGHT * rowWidth;
      // padding stays 0: mid-gray after normalization, as PaddleOCR pads
      const input = new Float32Array(lines.length * size);
      lines.forEach((i, b) => lineInput(image, boxes[i]!, widths[i]!, input, b * size, rowWidth));
      const tensor = new ort.Tensor('float32', input, [lines.length, 3, LINE_HEIGHT, rowWidth]);
      const output = (await recognizer.run({ [recognizer.inputNames[0]!]: tensor }))[recognizer.outputNames[0]!]!;
      const [, steps, classes] = output.dims as [number, number, number];
      const probabilities = output.data as Float32Array;
      lines.forEach((i, b) => {
        const { text, confidence } = decode(probabilities, b * steps * classes, steps, classes, keys);
        read[i] = { ...boxes[i]!, text: text.trim(), confidence };
      });
    }
  }
  return read.filter((line): line is ReadLine => line !== undefined && line.text !== '');
}
