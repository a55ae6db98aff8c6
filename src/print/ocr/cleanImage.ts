/**
 * A photographed or scanned page made even before OCR: the light evened out
 * (a phone photo is brighter near the lamp), and the page turned straight
 * (a page laid on a table is never square to the camera).
 */
import type { GrayImage } from '../grayImage.js';

/** The background light is estimated in cells of this share of the page's long side (default 1/100: 50 px on a 300-dpi page). */
const LIGHT_CELL = 0.01;

/**
 * Evens out the light: each pixel is divided by the brightness of the paper
 * around it (the brightest level of its cell, smoothed over the neighbouring
 * cells), so paper is white everywhere and ink keeps its contrast.
 */
export function evenLight(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const cell = Math.max(16, Math.round(LIGHT_CELL * Math.max(width, height)));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  // the paper's level in a cell: a high percentile, not the maximum (noise has bright specks)
  const paper = new Float32Array(cols * rows);
  const histogram = new Uint32Array(256);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      histogram.fill(0);
      let n = 0;
      for (let y = r * cell; y < Math.min(height, (r + 1) * cell); y += 2) {
        for (let x = c * cell; x < Math.min(width, (c + 1) * cell); x += 2) {
          histogram[data[y * width + x]!]!++;
          n++;
        }
      }
      let seen = 0;
      let level = 255;
      for (; level > 0; level--) {
        seen += histogram[level]!;
        if (seen >= n * 0.1) break;
      }
      paper[r * cols + c] = level;
    }
  }
  // a cell full of ink or photo is darker than the paper around it: take the brightest neighbour
  const smooth = new Float32Array(paper.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let best = 0;
      for (let dr = -2; dr <= 2; dr++) {
        for (let dc = -2; dc <= 2; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) best = Math.max(best, paper[rr * cols + cc]!);
        }
      }
      smooth[r * cols + c] = Math.max(40, best);
    }
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, y / cell - 0.5));
    const r0 = Math.floor(fy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const wy = fy - r0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, x / cell - 0.5));
      const c0 = Math.floor(fx);
      const c1 = Math.min(cols - 1, c0 + 1);
      const wx = fx - c0;
      const level =
        (smooth[r0 * cols + c0]! * (1 - wx) + smooth[r0 * cols + c1]! * wx) * (1 - wy) +
        (smooth[r1 * cols + c0]! * (1 - wx) + smooth[r1 * cols + c1]! * wx) * wy;
      out[y * width + x] = Math.min(255, (data[y * width + x]! * 255) / level);
    }
  }
  return { width, height, data: out };
}

/** Skew looked for, in degrees either way (default 6). */
const MAX_SKEW = 6;

/**
 * The page's skew in degrees (positive: the text runs down to the right):
 * the angle at which the dark pixels' row profile is sharpest (lines of text
 * fall into few rows), searched coarse then fine on a reduced copy.
 */
export function findSkew(image: GrayImage): number {
  const step = Math.max(1, Math.round(Math.max(image.width, image.height) / 1200));
  const points: number[] = [];
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      if (image.data[y * image.width + x]! < 128) points.push(x, y);
    }
  }
  if (points.length < 200) return 0;
  const score = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    const counts = new Map<number, number>();
    for (let i = 0; i < points.length; i += 2) {
      const row = Math.round((points[i + 1]! - points[i]! * t) / step);
      counts.set(row, (counts.get(row) ?? 0) + 1);
    }
    let sum = 0;
    for (const n of counts.values()) sum += n * n;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (const [from, to, by] of [
    [-MAX_SKEW, MAX_SKEW, 0.5],
    [-0.5, 0.5, 0.1],
    [-0.1, 0.1, 0.025],
  ] as const) {
    const centre = best;
    for (let d = from; d <= to + 1e-9; d += by) {
      const s = score(centre + d);
      if (s > bestScore) {
        bestScore = s;
        best = centre + d;
      }
    }
  }
  return best;
}

/** The image turned by `degrees` about its centre (bilinear), white where nothing was. */
export function rotate(image: GrayImage, degrees: number): GrayImage {
  if (Math.abs(degrees) < 0.05) return image;
  const { width, height, data } = image;
  const out = new Uint8Array(width * height).fill(255);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // where this output pixel comes from in the input
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      out[y * width + x] =
        (data[i]! * (1 - fx) + data[i + 1]! * fx) * (1 - fy) + (data[i + width]! * (1 - fx) + data[i + width + 1]! * fx) * fy;
    }
  }
  return { width, height, data: out };
}
