/**
 * The reader app on the bot's HTTP server: the page's files (cache headers,
 * compression, CSP) and the data API behind the launch-data check.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { checkHealth, createBotServer, createMetrics, type BotServer } from '../../src/server/index.js';
import { CONTENT_SECURITY_POLICY, createReaderApp, loadAssets, type ReaderApi } from '../../src/webapp/index.js';
import { signLaunchData } from '../support/launchData.js';

const TOKEN = '123:TEST';
const NOW = new Date('2025-11-04T08:00:00Z');
const INDEX = '<!doctype html><title>t</title><script type="module" src="assets/main-ABCD2345.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('读报'.repeat(400))});`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'main-ABCD2345.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets', 'main-ABCD2345.js.gz'), gzipSync(SCRIPT));
  writeFileSync(path.join(dir, 'assets', 'main-ABCD2345.js.br'), brotliCompressSync(SCRIPT));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An API that answers every signed-in call with what it was asked (the real one is tested in api.test.ts). */
const echoApi: ReaderApi = {
  answer: async ({ method, path: route, query, body, reader }) =>
    route === 'missing'
      ? { status: 404, error: 'no such thing' }
      : { status: 200, json: { method, route, q: query.get('q'), body, reader: reader.id, padding: '读'.repeat(route === 'big' ? 2000 : 0) } },
};

const servers: BotServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(assets = loadAssets(dir)): Promise<number> {
  const server = createBotServer({
    routes: [createReaderApp({ botToken: TOKEN, api: echoApi, assets, clock: { now: () => NOW }, logger: createSilentLogger() })],
    metricsToken: null,
    health: () => checkHealth({ pingStore: async () => {}, indexSize: () => 1, telegramDownSince: () => null }),
    metrics: createMetrics({ indexSize: () => 1 }),
    logger: createSilentLogger(),
  });
  servers.push(server);
  return server.listen(0, '127.0.0.1');
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function call(port: number, method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signedIn = (authDate = NOW.getTime() / 1000) => ({ authorization: `tma ${signLaunchData(TOKEN, { userId: 77, authDate })}` });

describe('the page', () => {
  it('answers /app with a redirect to /app/, keeping the query', async () => {
    const port = await start();
    const reply = await call(port, 'GET', '/app?open=a_0123456789ab');
    expect([reply.status, reply.headers.location]).toEqual([301, '/app/?open=a_0123456789ab']);
  });

  it('serves index.html under the strict CSP, revalidated each time (ETag, 304)', async () => {
    const port = await start();
    const page = await call(port, 'GET', '/app/?open=h', { 'accept-encoding': 'identity' });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe(INDEX);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://web.telegram.org",
    );
    const again = await call(port, 'GET', '/app/', { 'if-none-match': page.headers.etag as string });
    expect([again.status, again.body.length]).toEqual([304, 0]);
  });

  it('serves a hashed asset for a year, brotli or gzip as the browser accepts, plain otherwise', async () => {
    const port = await start();
    const url = '/app/assets/main-ABCD2345.js';
    const br = await call(port, 'GET', url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', 'content-type': 'text/javascript; charset=utf-8', vary: 'accept-encoding' });
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gzip = await call(port, 'GET', url, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await call(port, 'GET', url);
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, SCRIPT]);
  });

  it.each([
    ['GET', '/app/assets/missing-ABCD2345.js', 404, 'not found\n'],
    ['GET', '/app/../package.json', 404, 'not found\n'],
    ['POST', '/app/', 405, 'GET only\n'],
  ])('%s %s: %i', async (method, url, status, text) => {
    const port = await start();
    const reply = await call(port, method, url);
    expect([reply.status, reply.body.toString()]).toEqual([status, text]);
  });

  it('says the app is not built when dist/web is missing, and the rest of the server still answers', async () => {
    const port = await start(loadAssets(path.join(dir, 'nothing-here')));
    const reply = await call(port, 'GET', '/app/');
    expect([reply.status, reply.body.toString()]).toEqual([503, 'the reader app is not built: run npm install\n']);
    expect((await call(port, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('the data API', () => {
  it.each([
    [{}, 'no launch data: open the reader from the bot in Telegram\n'],
    [{ authorization: 'Bearer abc' }, 'no launch data: open the reader from the bot in Telegram\n'],
    [{ authorization: `tma ${signLaunchData('999:OTHER', { userId: 77, authDate: NOW.getTime() / 1000 })}` }, 'launch data signature does not match: open the reader from the bot in Telegram\n'],
    [signedIn(NOW.getTime() / 1000 - 86_401), 'launch data expired (older than 24 hours): open the reader from the bot again\n'],
  ])('answers 401 with one line and nothing else: %j', async (headers, text) => {
    const port = await start();
    const reply = await call(port, 'GET', '/app/api/settings', headers);
    expect([reply.status, reply.body.toString(), reply.headers['content-type'], reply.headers['cache-control']]).toEqual([401, text, 'text/plain; charset=utf-8', 'no-store']);
  });

  it('refuses a settings change without valid launch data before reading it', async () => {
    const port = await start();
    const reply = await call(port, 'POST', '/app/api/settings', { 'content-type': 'application/json' }, '{"action":"unsubscribe"}');
    expect([reply.status, reply.body.toString()]).toEqual([401, 'no launch data: open the reader from the bot in Telegram\n']);
  });

  it('hands a signed-in call to the API as the reader it names, and sends its JSON uncached', async () => {
    const port = await start();
    const reply = await call(port, 'GET', '/app/api/search?q=%E6%8A%A4%E5%AD%A6%E5%B2%97', signedIn());
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(JSON.parse(reply.body.toString())).toEqual({ method: 'GET', route: 'search', q: '护学岗', reader: 77, padding: '' });
    // The server's own time for the call, for the browser's timing of the request (the bench reads it).
    expect(reply.headers['server-timing']).toMatch(/^app;dur=\d+\.\d$/);
    const posted = await call(port, 'POST', '/app/api/settings', { ...signedIn(), 'content-type': 'application/json' }, '{"action":"unsubscribe"}');
    expect(JSON.parse(posted.body.toString())).toMatchObject({ method: 'POST', body: { action: 'unsubscribe' }, reader: 77 });
  });

  it('compresses a large answer for a browser that accepts it', async () => {
    const port = await start();
    const reply = await call(port, 'GET', '/app/api/big', { ...signedIn(), 'accept-encoding': 'br' });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(reply.body).toString())).toMatchObject({ route: 'big' });
  });

  it.each([
    ['POST', '/app/api/settings', 'not json', 400, 'body must be JSON\n'],
    ['GET', '/app/api/missing', undefined, 404, 'no such thing\n'],
  ])('%s %s: %i with one line', async (method, url, body, status, text) => {
    const port = await start();
    const reply = await call(port, method, url, signedIn(), body);
    expect([reply.status, reply.body.toString()]).toEqual([status, text]);
  });
});
