/**
 * The reader app on the bot's HTTP server: `/app/` (the page and its assets)
 * and `/app/api/…` (its data, for signed-in readers only). Every data request
 * carries the launch data Telegram gave the page (`Authorization: tma <initData>`);
 * without valid launch data the answer is 401 with one line, and nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Logger } from '../logger.js';
import type { Clock } from '../types.js';
import type { ReaderApi } from './api.js';
import type { Asset, AssetTable } from './assets.js';
import { checkInitData } from './initData.js';

/** Where the app lives on the server. */
export const APP_PATH = '/app/';
/** A settings change is a few dozen bytes. */
const BODY_LIMIT = 16 * 1024;
/** Smaller answers go out as they are: compressing them saves less than it costs. */
const COMPRESS_FROM = 1024;

/**
 * The page may run its own scripts and styles and talk to its own server, nothing else:
 * no inline script or style, no other host (fonts, scripts, Telegram's own script).
 * Telegram Web shows Mini Apps in a frame on web.telegram.org.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self' https://web.telegram.org",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export interface ReaderAppOptions {
  readonly botToken: string;
  readonly api: ReaderApi;
  /** The built page (`loadAssets`), or null when it was not built. */
  readonly assets: AssetTable | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A route of the bot's HTTP server: requests whose path starts with `prefix`. */
export interface ReaderAppRoute {
  readonly prefix: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

type Encoding = 'br' | 'gzip' | null;

/** The best encoding the client accepts (brotli, then gzip), from Accept-Encoding. */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/**
 * `Server-Timing: app;dur=<ms>`: how long the server took over a data call, from its arrival
 * to its answer's first byte (launch-data check, the answer, JSON, compression). The browser
 * shows it beside the request's own timing (PerformanceResourceTiming.serverTiming, DevTools),
 * so a slow first render can be told apart: the server's time or the network's.
 */
const serverTiming = (started: number) => ({ 'server-timing': `app;dur=${(performance.now() - started).toFixed(1)}` });

function sendJson(request: IncomingMessage, response: ServerResponse, value: unknown, started: number): void {
  const raw = Buffer.from(JSON.stringify(value));
  const encoding = raw.length >= COMPRESS_FROM ? pickEncoding(request.headers['accept-encoding']) : null;
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : encoding === 'gzip'
        ? gzipSync(raw, { level: 6 })
        : raw;
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
    ...serverTiming(started),
  });
  response.end(body);
}

function sendAsset(request: IncomingMessage, response: ServerResponse, asset: Asset): void {
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': asset.contentType,
    etag: asset.etag,
    vary: 'accept-encoding',
    'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const encoding = pickEncoding(request.headers['accept-encoding']);
  const [body, used] =
    encoding === 'br' && asset.brotli ? [asset.brotli, 'br'] : encoding !== null && asset.gzip ? [asset.gzip, 'gzip'] : [asset.body, null];
  response.writeHead(200, { ...headers, 'content-length': body.length, ...(used ? { 'content-encoding': used } : {}) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function readJsonBody(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return { ok: false, error: `body too large: at most ${BODY_LIMIT} bytes` };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, error: 'body must be JSON' };
  }
}

/** The raw launch data of `Authorization: tma <initData>`, or null. */
function launchDataOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^tma\s+(.+)$/s.exec(header);
  return match ? match[1]! : null;
}

/** The route the bot's HTTP server hands `/app…` requests. */
export function createReaderApp(options: ReaderAppOptions): ReaderAppRoute {
  const { api, assets, logger } = options;
  if (!assets) logger.error('the reader app is not built (dist/web/index.html missing): run npm install; /app/ answers 503');

  const serveApi = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const arrived = performance.now();
    const check = checkInitData(launchDataOf(request), options.botToken, options.clock.now());
    if (!check.ok) return sendText(response, 401, check.reason);
    let body: unknown;
    if (request.method === 'POST') {
      const read = await readJsonBody(request);
      if (!read.ok) return sendText(response, 400, read.error);
      body = read.value;
    }
    const path = url.pathname.slice(`${APP_PATH}api/`.length);
    const started = performance.now();
    const answer = await api.answer({ method: request.method ?? 'GET', path, query: url.searchParams, body, reader: check.data.user });
    logger.debug({ path, status: answer.status, ms: Math.round(performance.now() - started) }, 'reader api');
    if (answer.status === 200) return sendJson(request, response, answer.json, arrived);
    sendText(response, answer.status, answer.error);
  };

  return {
    prefix: APP_PATH.slice(0, -1),
    async handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/app') {
        response.writeHead(301, { location: `${APP_PATH}${url.search}`, 'content-length': 0 });
        return void response.end();
      }
      if (url.pathname.startsWith(`${APP_PATH}api/`)) return serveApi(request, response, url);
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'GET only');
      if (!assets) return sendText(response, 503, 'the reader app is not built: run npm install');
      const name = url.pathname === APP_PATH ? 'index.html' : url.pathname.slice(APP_PATH.length);
      const asset = assets.get(name);
      if (!asset) return sendText(response, 404, 'not found');
      sendAsset(request, response, asset);
    },
  };
}
