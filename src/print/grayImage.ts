/**
 * Page images → one gray level per pixel, what OCR reads. PNG and JPEG are
 * decoded by Skia (@napi-rs/canvas, already used for the charts), TIFF by
 * utif2 (UTIF.js: the scanner formats, uncompressed, LZW, PackBits, CCITT
 * fax and Deflate), both from registry packages with nothing to compile.
 */
import type { PageFileKind } from '../corpus/index.js';

/** A grayscale image: `data[y * width + x]`, 0 black to 255 white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Largest image taken, in pixels (default 120 MP: a broadsheet at 600 dpi); a bigger one is refused before it is decoded. */
export const IMAGE_MAX_PIXELS = 120_000_000;

/** Why an image could not be read, as the one line the admin reads. */
export const IMAGE_ERRORS = {
  damaged: 'a damaged image (it cannot be decoded)',
  tooLarge: `an image of more than ${IMAGE_MAX_PIXELS / 1_000_000} million pixels`,
} as const;

/** Rows drawn and converted at a time (default 256): a whole 300-dpi broadsheet drawn at once held two more RGBA copies, ~150 MB. */
const DECODE_STRIP_ROWS = 256;

/** RGBA (or gray+alpha pairs) → gray, alpha over white, into `data` from pixel `at`. */
function grayInto(data: Uint8Array, at: number, rgba: Uint8Array | Uint8ClampedArray): void {
  for (let i = 0, j = at; i < rgba.length; i += 4, j++) {
    const alpha = rgba[i + 3]!;
    const gray = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
    data[j] = alpha === 255 ? gray : (gray * alpha + 255 * (255 - alpha)) / 255;
  }
}

function toGray(rgba: Uint8Array, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  grayInto(data, 0, rgba);
  return { width, height, data };
}

/** Decodes a PNG, JPEG or TIFF page (the first image of a multi-page TIFF), or gives why not. */
export async function decodeImage(bytes: Uint8Array, kind: Exclude<PageFileKind, 'text' | 'pdf'>): Promise<GrayImage | { error: string }> {
  try {
    if (kind === 'tiff') {
      const UTIF = (await import('utif2')).default;
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const ifd = UTIF.decode(buffer)[0];
      if (!ifd) return { error: IMAGE_ERRORS.damaged };
      // tags 256 and 257: ImageWidth and ImageLength, known before the pixels are decoded
      const width = (ifd.t256 as number[] | undefined)?.[0] ?? 0;
      const height = (ifd.t257 as number[] | undefined)?.[0] ?? 0;
      if (width * height > IMAGE_MAX_PIXELS) return { error: IMAGE_ERRORS.tooLarge };
      UTIF.decodeImage(buffer, ifd);
      return toGray(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
    }
    if (!isWholeImage(bytes, kind)) return { error: IMAGE_ERRORS.damaged };
    const { createCanvas, Image } = await import('@napi-rs/canvas');
    const image = new Image();
    image.src = Buffer.from(bytes);
    if (image.width === 0 || image.height === 0) return { error: IMAGE_ERRORS.damaged };
    if (image.width * image.height > IMAGE_MAX_PIXELS) return { error: IMAGE_ERRORS.tooLarge };
    const { width, height } = image;
    const data = new Uint8Array(width * height);
    const strip = createCanvas(width, Math.min(DECODE_STRIP_ROWS, height)).getContext('2d');
    for (let y = 0; y < height; y += DECODE_STRIP_ROWS) {
      const rows = Math.min(DECODE_STRIP_ROWS, height - y);
      strip.clearRect(0, 0, width, rows);
      strip.drawImage(image, 0, y, width, rows, 0, 0, width, rows);
      grayInto(data, y * width, strip.getImageData(0, 0, width, rows).data);
    }
    return { width, height, data };
  } catch {
    return { error: IMAGE_ERRORS.damaged }; // the decoders' own messages say nothing an admin can act on
  }
}

/**
 * A PNG that has its header chunk and its end chunk, a JPEG that starts and
 * ends with its markers: a file cut off in transfer is refused here, before
 * Skia sees it (Skia decodes what it can of a cut-off file without saying so,
 * and leaves a native object to complain about when the worker ends).
 */
function isWholeImage(bytes: Uint8Array, kind: 'png' | 'jpeg'): boolean {
  const ascii = (from: number, length: number): string => String.fromCharCode(...bytes.subarray(from, from + length));
  if (kind === 'png') return bytes.length > 45 && ascii(12, 4) === 'IHDR' && ascii(bytes.length - 8, 4) === 'IEND';
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  let ends = false;
  for (let i = 0; i + 1 < tail.length; i++) if (tail[i] === 0xff && tail[i + 1] === 0xd9) ends = true;
  return bytes.length > 4 && ends;
}
