import { request } from 'node:http';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { checkHealth, createBotServer, createMetrics, type BotServer, type BotServerOptions } from '../../src/server/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const SECRET = 's3cret-token';
const PATH = '/telegram';

function messageUpdate(updateId: number, text = '护学岗'): Update {
  return {
    update_id: updateId,
    message: { message_id: 1, date: 0, chat: { id: 7, type: 'private', first_name: 'A' }, from: { id: 7, is_bot: false, first_name: 'A' }, text },
  };
}

/** A gate a fake handler waits at, opened by the test. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const servers: BotServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(overrides: Partial<BotServerOptions> & { handle?: (u: Update) => Promise<void> } = {}) {
  const handled: Update[] = [];
  const metrics = createMetrics({ indexSize: () => 3 });
  const log = openSqliteStore(':memory:').updates;
  const server = createBotServer({
    webhook: {
      path: PATH,
      secretToken: SECRET,
      firstDelivery: (id) => log.firstDelivery(id, new Date('2025-02-21T00:00:00Z')),
      handleUpdate: async (update) => {
        handled.push(update);
        await overrides.handle?.(update);
      },
    },
    health: () => checkHealth({ pingStore: async () => {}, indexSize: () => 3, telegramDownSince: () => null }),
    metrics,
    metricsToken: null,
    logger: createSilentLogger(),
    ...overrides,
  });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const post = (body: string, secret: string | null = SECRET) =>
    fetch(`${base}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body,
    });
  return { server, port, base, handled, metrics, post };
}

describe('webhook route', () => {
  it('hands a well-formed update with the right secret to the bot and answers 200', async () => {
    const { post, handled } = await start();
    const response = await post(JSON.stringify(messageUpdate(10)));
    expect(response.status).toBe(200);
    expect(handled).toEqual([messageUpdate(10)]);
  });

  it.each([
    ['a wrong secret', 'guess', 401, 'wrong secret token\n'],
    ['no secret header', null, 401, 'wrong secret token\n'],
    ['a secret of another length', `${SECRET}x`, 401, 'wrong secret token\n'],
  ])('refuses %s', async (_, secret, status, text) => {
    const { post, handled } = await start();
    const response = await post(JSON.stringify(messageUpdate(11)), secret);
    expect([response.status, await response.text()]).toEqual([status, text]);
    expect(handled).toEqual([]);
  });

  it.each([
    ['invalid JSON', '{"update_id": 1,', 'invalid JSON: expected a Telegram update\n'],
    ['an empty body', '', 'empty body: expected a Telegram update as JSON\n'],
    ['JSON that is not an update', '{"message": {}}', 'not a Telegram update: expected a JSON object with an update_id\n'],
    ['an array', '[1,2]', 'not a Telegram update: expected a JSON object with an update_id\n'],
    ['a negative update_id', '{"update_id": -4}', 'not a Telegram update: expected a JSON object with an update_id\n'],
  ])('answers %s with 400 and one line, no stack trace', async (_, body, text) => {
    const { post, handled } = await start();
    const response = await post(body);
    expect([response.status, await response.text()]).toEqual([400, text]);
    expect(handled).toEqual([]);
  });

  it('refuses a body declared over 1 MB before reading it (413), the rest never sent', async () => {
    const { port, handled } = await start();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: PATH,
        method: 'POST',
        headers: { 'content-length': String(2 * 1024 * 1024), 'x-telegram-bot-api-secret-token': SECRET },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', reject);
      // Only the first kilobyte of the two megabytes promised.
      req.write('x'.repeat(1024));
    });
    expect(answer).toEqual({ status: 413, body: 'update too large: 2097152 bytes, at most 1048576\n' });
    expect(handled).toEqual([]);
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit (413)', async () => {
    const { port, handled } = await start({ bodyLimit: 100 });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: PATH,
        method: 'POST',
        headers: { 'transfer-encoding': 'chunked', 'x-telegram-bot-api-secret-token': SECRET },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(messageUpdate(12, '长'.repeat(200))));
    });
    expect(answer).toEqual({ status: 413, body: 'update too large: over 100 bytes\n' });
    expect(handled).toEqual([]);
  });

  it('answers 503 with Retry-After when the store fails to take the update, and hands it to nobody', async () => {
    const handled: Update[] = [];
    const { post } = await start({
      webhook: {
        path: PATH,
        secretToken: SECRET,
        firstDelivery: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
        handleUpdate: async (update) => void handled.push(update),
      },
    });
    const response = await post(JSON.stringify(messageUpdate(30)));
    expect([response.status, response.headers.get('retry-after'), await response.text()]).toEqual([
      503,
      '5',
      'cannot take updates now: the database does not answer\n',
    ]);
    expect(handled).toEqual([]);
  });

  it('answers 503 when the store does not answer in time, and handles the update once the store has taken it', async () => {
    const store = gate();
    const handled: Update[] = [];
    const done = gate();
    const { post } = await start({
      acceptWithinMs: 50,
      webhook: {
        path: PATH,
        secretToken: SECRET,
        firstDelivery: async () => {
          await store.opened;
          return true;
        },
        handleUpdate: async (update) => {
          handled.push(update);
          done.open();
        },
      },
    });
    const response = await post(JSON.stringify(messageUpdate(31)));
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
    expect(handled).toEqual([]);
    // The store answers after all: the update was taken, so it is handled here (Telegram's repeat will be a duplicate).
    store.open();
    await done.opened;
    expect(handled).toEqual([messageUpdate(31)]);
  });

  it('handles an update whose taking was written but never answered once the store answers again, and skips the repeat', async () => {
    // A frozen PostgreSQL runs the INSERT when it wakes, after the bot gave up on it: the record is there, the answer lost.
    const log = openSqliteStore(':memory:').updates;
    const now = new Date('2025-02-21T00:00:00Z');
    let calls = 0;
    const done = gate();
    const { post, handled } = await start({
      acceptWithinMs: 50,
      handle: async () => done.open(),
      webhook: {
        path: PATH,
        secretToken: SECRET,
        firstDelivery: async (id, taker) => {
          const first = await log.firstDelivery(id, now, taker);
          if (++calls === 1) throw new Error('Query read timeout');
          return first;
        },
        handleUpdate: async (update) => {
          handled.push(update);
          done.open();
        },
      },
    });
    const response = await post(JSON.stringify(messageUpdate(40)));
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
    await done.opened;
    // Telegram's repeat (a new taking) is skipped: handled once.
    expect((await post(JSON.stringify(messageUpdate(40)))).status).toBe(200);
    expect(handled).toEqual([messageUpdate(40)]);
  });

  it('leaves an update whose taking failed to the instance that took its repeat', async () => {
    const log = openSqliteStore(':memory:').updates;
    const now = new Date('2025-02-21T00:00:00Z');
    const handled: Update[] = [];
    const askedAgain = gate();
    let calls = 0;
    const { post } = await start({
      webhook: {
        path: PATH,
        secretToken: SECRET,
        firstDelivery: async (id, taker) => {
          calls++;
          if (calls === 1) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          const first = await log.firstDelivery(id, now, taker);
          askedAgain.open();
          return first;
        },
        handleUpdate: async (update) => void handled.push(update),
      },
    });
    expect((await post(JSON.stringify(messageUpdate(41)))).status).toBe(503);
    // Meanwhile Telegram's repeat reached another instance, which took it.
    expect(await log.firstDelivery(41, now, 'other-instance')).toBe(true);
    await askedAgain.opened;
    await new Promise((resolve) => setImmediate(resolve));
    expect([calls, handled]).toEqual([2, []]);
  });

  it('handles an update_id Telegram delivers twice once, and counts the repeat', async () => {
    const { post, handled, metrics } = await start();
    expect((await post(JSON.stringify(messageUpdate(20)))).status).toBe(200);
    expect((await post(JSON.stringify(messageUpdate(20)))).status).toBe(200);
    expect((await post(JSON.stringify(messageUpdate(21)))).status).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([20, 21]);
    expect((await metrics.render()).body).toContain('newsbot_duplicate_updates_total 1\n');
  });

  it('answers 200 while a slow update is still being handled, which then goes on to its end', async () => {
    const slow = gate();
    let finished = false;
    const { post, server } = await start({
      replyWithinMs: 20,
      handle: async () => {
        await slow.opened;
        finished = true;
      },
    });
    const response = await post(JSON.stringify(messageUpdate(30)));
    expect([response.status, finished, server.inFlight]).toEqual([200, false, 1]);
    slow.open();
    await server.close();
    expect([finished, server.inFlight]).toEqual([true, 0]);
  });

  it('on shutdown: /healthz says 503 and new updates are refused while the one in hand finishes', async () => {
    const slow = gate();
    const { post, server, base, handled } = await start({ replyWithinMs: 10, handle: () => slow.opened });
    expect((await post(JSON.stringify(messageUpdate(40)))).status).toBe(200);
    server.drain();
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([503, { status: 'draining' }]);
    const refused = await post(JSON.stringify(messageUpdate(41)));
    expect([refused.status, await refused.text(), closed]).toEqual([503, 'shutting down\n', false]);
    slow.open();
    await closing;
    expect(handled.map((u) => u.update_id)).toEqual([40]);
  });

  it('knows only its routes', async () => {
    const { base } = await start();
    const get = await fetch(`${base}${PATH}`);
    const other = await fetch(`${base}/other`, { method: 'POST', body: '{}' });
    expect([get.status, await get.text(), other.status, await other.text()]).toEqual([405, 'POST only\n', 404, 'not found\n']);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('wants the token as a bearer token: 401 without it or with another, the metrics with it', async () => {
    const { base } = await start({ metricsToken: 'scrape-me-0123456789' });
    const scrape = (authorization?: string) =>
      fetch(`${base}/metrics`, authorization === undefined ? {} : { headers: { authorization } });
    const none = await scrape();
    const wrong = await scrape('Bearer scrape-me-0123456788');
    const right = await scrape('Bearer scrape-me-0123456789');
    expect([none.status, await none.text(), none.headers.get('www-authenticate')]).toEqual([
      401,
      'metrics need Authorization: Bearer <METRICS_TOKEN>\n',
      'Bearer realm="metrics"',
    ]);
    expect(wrong.status).toBe(401);
    expect([right.status, await right.text()]).toEqual([200, expect.stringContaining('newsbot_index_articles 3\n')]);
  });
});

describe('/healthz', () => {
  it('is 200 with the store ok and the index size', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { store: 'ok', index: { articles: 3 }, telegram: 'ok', down: [] }]);
  });

  it.each([
    ['the store does not answer', async () => Promise.reject(new Error('connection refused')), 3, { store: 'unavailable', index: { articles: 3 }, telegram: 'ok', down: ['store'] }],
    ['the index is not loaded', async () => {}, null, { store: 'ok', index: null, telegram: 'ok', down: ['index'] }],
  ])('is 503 when %s', async (_, pingStore, size, body) => {
    const { base } = await start({ health: () => checkHealth({ pingStore, indexSize: () => size, telegramDownSince: () => null }) });
    const response = await fetch(`${base}/healthz`);
    expect([response.status, await response.json()]).toEqual([503, body]);
  });

  it('is served without a webhook route (polling mode, METRICS_PORT)', async () => {
    const server = createBotServer({
      health: () => checkHealth({ pingStore: async () => {}, indexSize: () => 0, telegramDownSince: () => null }),
      metrics: createMetrics({ indexSize: () => 0 }),
      metricsToken: null,
      logger: createSilentLogger(),
    });
    servers.push(server);
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const health = await fetch(`${base}/healthz`);
    const webhook = await fetch(`${base}${PATH}`, { method: 'POST', body: '{}' });
    expect([health.status, await health.json(), webhook.status]).toEqual([200, { store: 'ok', index: { articles: 0 }, telegram: 'ok', down: [] }, 404]);
  });
});

describe('update log', () => {
  it('remembers an update id for a day, then forgets it', async () => {
    const log = openSqliteStore(':memory:').updates;
    const t0 = new Date('2025-02-21T00:00:00Z');
    const later = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
    expect(await log.firstDelivery(5, t0)).toBe(true);
    expect(await log.firstDelivery(5, later(1))).toBe(false);
    expect(await log.firstDelivery(6, later(1))).toBe(true);
    expect(await log.firstDelivery(5, later(23))).toBe(false);
    expect(await log.firstDelivery(5, later(25))).toBe(true);
  });
});
