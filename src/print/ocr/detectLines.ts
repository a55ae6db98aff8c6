/**
 * Where the text lines are: PaddleOCR's DB detector (PP-OCRv4) gives each
 * pixel the probability that it is inside a line's shrunk core; the cores
 * are cut apart by their connected components and grown back to the line's
 * size (DB's "unclip"). The page is straight by now, so a line is an upright
 * box.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { GrayImage } from '../grayImage.js';

/** A detected line's box in the page image's pixels. */
export interface LineBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The detector's input is at most this many pixels on its long side (default 2400). */
const DETECT_MAX_SIDE = 2400;
/** A pixel is in a core above this probability (DB's default 0.3). */
const CORE_THRESHOLD = 0.3;
/** A core whose mean probability is below this is not text (default 0.5). */
const BOX_THRESHOLD = 0.5;
/** DB grows a core by area × ratio / perimeter (default 1.6). */
const UNCLIP_RATIO = 1.6;
/** Cores smaller than this many detector pixels are specks (default 12). */
const MIN_CORE_PIXELS = 12;

/** ImageNet mean and deviation per channel (the detector's training normalization); gray is the same in all three. */
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** The detector's input: the page scaled to fit `DETECT_MAX_SIDE`, padded to multiples of 32. */
function detectorInput(image: GrayImage, ort: typeof import('onnxruntime-node')): { tensor: InstanceType<typeof ort.Tensor>; scale: number; width: number; height: number } {
  const scale = Math.min(1, DETECT_MAX_SIDE / Math.max(image.width, image.height));
  const width = Math.ceil((image.width * scale) / 32) * 32;
  const height = Math.ceil((image.height * scale) / 32) * 32;
  const plane = width * height;
  const input = new Float32Array(3 * plane);
  const inverse = 1 / scale;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // box filter over the source pixels that fall into this one (area average when shrinking)
      const sx0 = Math.floor(x * inverse);
      const sy0 = Math.floor(y * inverse);
      const sx1 = Math.min(image.width, Math.max(sx0 + 1, Math.floor((x + 1) * inverse)));
      const sy1 = Math.min(image.height, Math.max(sy0 + 1, Math.floor((y + 1) * inverse)));
      let sum = 0;
      let n = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          sum += image.data[sy * image.width + sx]!;
          n++;
        }
      }
      const v = n === 0 ? 1 : sum / n / 255;
      for (let c = 0; c < 3; c++) input[c * plane + y * width + x] = (v - MEAN[c]!) / STD[c]!;
    }
  }
  return { tensor: new ort.Tensor('float32', input, [1, 3, height, width]), scale, width, height };
}

/** Text line boxes on a straightened page image, top to bottom. */
export async function detectLines(image: GrayImage, detector: InferenceSession, ort: typeof import('onnxruntime-node')): Promise<LineBox[]> {
  const input = detectorInput(image, ort);
  const output = await detector.run({ [detector.inputNames[0]!]: input.tensor });
  const map = output[detector.outputNames[0]!]!.data as Float32Array;
  const { width, height, scale } = input;
  const boxes: LineBox[] = [];
  const label = new Int32Array(width * height).fill(-1);
  const stack: number[] = [];
  for (let start = 0; start < map.length; start++) {
    if (label[start] !== -1 || map[start]! <= CORE_THRESHOLD) continue;
    // flood-fill one core
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    let sum = 0;
    let n = 0;
    label[start] = start;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      sum += map[p]!;
      n++;
      for (const q of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1]) {
        if (q >= 0 && label[q] === -1 && map[q]! > CORE_THRESHOLD) {
          label[q] = start;
          stack.push(q);
        }
      }
    }
    if (n < MIN_CORE_PIXELS || sum / n < BOX_THRESHOLD) continue;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const grow = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    const bx0 = Math.max(0, (x0 - grow) / scale);
    const by0 = Math.max(0, (y0 - grow) / scale);
    const bx1 = Math.min(image.width, (x1 + 1 + grow) / scale);
    const by1 = Math.min(image.height, (y1 + 1 + grow) / scale);
    boxes.push({ x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0 });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * A blank run this many type sizes wide inside a box is a gutter (default 1.2): a space is
 * 0.2, the white before an opening quote up to 0.8, a gutter 1.2 and more.
 */
const GUTTER_IN_BOX = 1.2;
/** A pixel darker than this is ink (default 140 of 255, on the evened page). */
const INK = 140;

/**
 * Boxes cut at the gutters inside them: the detector sometimes runs two
 * columns' lines together where they stand on one baseline (narrow columns
 * in a boxed report). A run of columns without ink at least about a
 * character wide is a gutter: Chinese text has none inside a line.
 */
export function splitAtGutters(image: GrayImage, boxes: readonly LineBox[]): LineBox[] {
  const out: LineBox[] = [];
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x));
    const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
    // the whole height: quotes stand high and "二" has ink only in two rows
    const y0 = Math.max(0, Math.floor(box.y));
    const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
    const inked: boolean[] = [];
    for (let x = x0; x < x1; x++) {
      let ink = 0;
      for (let y = y0; y < y1 && ink < 2; y++) if (image.data[y * image.width + x]! < INK) ink++;
      inked.push(ink >= 2);
    }
    // the type size from the rows with ink (about 0.9 of a size; a neighbour reaching in only makes it larger)
    let inkRows = 0;
    for (let y = y0; y < y1; y++) {
      let ink = 0;
      for (let x = x0; x < x1 && ink < 2; x++) if (image.data[y * image.width + x]! < INK) ink++;
      if (ink >= 2) inkRows++;
    }
    const minGap = (GUTTER_IN_BOX * inkRows) / 0.9;
    let start = 0;
    let runStart = -1;
    const pieces: [number, number][] = [];
    inked.forEach((has, i) => {
      if (!has && runStart < 0) runStart = i;
      if (has && runStart >= 0) {
        if (i - runStart >= minGap && runStart > start) {
          pieces.push([start, runStart]);
          start = i;
        }
        runStart = -1;
      }
    });
    pieces.push([start, inked.length]);
    for (const [a, b] of pieces) out.push({ x: x0 + a, y: box.y, width: Math.max(1, b - a), height: box.height });
  }
  return out;
}
