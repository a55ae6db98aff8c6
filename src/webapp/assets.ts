/**
 * The reader app's built files (dist/web, written by `npm install`'s build):
 * read once at start, each with its gzip and brotli forms made by the build,
 * served from memory. Hashed names under assets/ never change, so browsers
 * keep them a year; index.html is checked each time (ETag).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One file as served. */
export interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer | null;
  readonly brotli: Buffer | null;
  readonly etag: string;
  /** Hashed name: cached for a year, never revalidated. */
  readonly immutable: boolean;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** `name-3f9a1c2b.js`: the build names every asset after its content. */
const HASHED = /-[0-9A-Z]{8,}\.\w+$/i;

/** The app's files by URL path under /app/ (`index.html`, `assets/main-3F9A1C2B.js`). */
export type AssetTable = ReadonlyMap<string, Asset>;

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

/**
 * Reads the built app in `dir`. Null when it is missing (only `tsc` ran): the
 * server then answers /app/ with a one-line 503 naming the build command.
 */
export function loadAssets(dir: string): AssetTable | null {
  if (!existsSync(path.join(dir, 'index.html'))) return null;
  const table = new Map<string, Asset>();
  const files = listFiles(dir);
  const present = new Set(files);
  for (const name of files) {
    if (name.endsWith('.gz') || name.endsWith('.br')) continue;
    const body = readFileSync(path.join(dir, name));
    const read = (suffix: string) => (present.has(name + suffix) ? readFileSync(path.join(dir, name + suffix)) : null);
    table.set(name, {
      contentType: TYPES[path.extname(name)] ?? 'application/octet-stream',
      body,
      gzip: read('.gz'),
      brotli: read('.br'),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: name.startsWith('assets/') && HASHED.test(name),
    });
  }
  return table;
}
