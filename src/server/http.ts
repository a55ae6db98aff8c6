/**
 * The instance's HTTP server: Telegram's webhook (when there is one),
 * `GET /healthz` for the load balancer, `GET /metrics` for Prometheus, and
 * the routes it is given (the reader app at `/app/`).
 *
 * Written on node:http rather than grammY's `webhookCallback`, which reads
 * the whole body before anything can refuse it and holds the request until
 * the update is handled: here a body over the limit is refused from its
 * Content-Length, a repeated update_id is answered at once, and slow work
 * (an upload's ingest) goes on after Telegram has had its 200.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';
import { createTakingsInDoubt } from './takingsInDoubt.js';

/** Telegram's updates are a few kilobytes; anything near this is not one. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/**
 * Telegram waits for the answer and re-sends on timeout; answer well before the 2 s promised: a
 * loaded machine adds hundreds of ms between the timer and the answer on the wire (chaos run: a
 * 2,000 ms budget gave a p99 of 2.2 s at load 8).
 */
export const DEFAULT_REPLY_WITHIN_MS = 1500;
/** How long taking an update (its id in the store) may take before the answer is 503. */
export const DEFAULT_ACCEPT_WITHIN_MS = 1000;
/** Seconds in a 503's Retry-After: Telegram's own retries come later anyway; a balancer in front reads it. */
const RETRY_AFTER_SECONDS = 5;

/** What `/healthz` reports: 200 when `healthy`, else 503, with `body` as JSON. */
export interface Health {
  readonly healthy: boolean;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Where Telegram posts updates, and what to do with them. */
export interface WebhookRoute {
  /** Path of WEBHOOK_URL (`/telegram`): POSTs elsewhere are 404. */
  readonly path: string;
  /** Expected `X-Telegram-Bot-Api-Secret-Token`; compared in constant time. */
  readonly secretToken: string;
  /**
   * True the first time this update_id reaches the fleet, false for a repeat (store-backed);
   * `taker` names this taking, so that asking again after a lost answer finds its own record.
   */
  firstDelivery(updateId: number, taker: string): Promise<boolean>;
  /** Handles one update; settles when its handling has ended (never rejects on a reader's bad input). */
  handleUpdate(update: Update): Promise<void>;
}

/** More paths the server answers (the reader app at `/app`): requests whose path is `prefix` or under `prefix/`. */
export interface ExtraRoute {
  readonly prefix: string;
  /** Answers the request (never rejects for a client's bad input: it answers 4xx itself). */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export interface BotServerOptions {
  /** No webhook route in polling mode (METRICS_PORT): only /healthz and /metrics. */
  readonly webhook?: WebhookRoute;
  /** Other routes, tried after /healthz, /metrics and the webhook. */
  readonly routes?: readonly ExtraRoute[];
  readonly health: () => Promise<Health>;
  readonly metrics: Pick<Metrics, 'render' | 'duplicateUpdate'>;
  readonly logger: Logger;
  /** Largest update body accepted, in bytes (default 1 MiB); larger is 413. */
  readonly bodyLimit?: number;
  /** The webhook answers 200 after at most this long, the update's handling going on (default 1500 ms). */
  readonly replyWithinMs?: number;
  /** Taking an update that takes longer than this is refused with 503 and Retry-After (default 1000 ms). */
  readonly acceptWithinMs?: number;
  /** METRICS_TOKEN: `/metrics` wants `Authorization: Bearer <token>` (401 otherwise); null leaves it open. */
  readonly metricsToken: string | null;
}

/** The running server of one instance. */
export interface BotServer {
  /** Listens on `port` (0: any free one) at `host` (null or absent: every interface) and resolves with the port taken. */
  listen(port: number, host?: string | null): Promise<number>;
  /** Updates being handled now (also those already answered 200). */
  readonly inFlight: number;
  /**
   * Shutdown, step 1: /healthz answers 503 (the balancer stops sending here) and new
   * updates are refused with 503 (Telegram re-sends them, to a healthy instance).
   */
  drain(): void;
  /** Step 2: waits for the updates in hand, then stops listening. */
  close(): Promise<void>;
}

class HttpProblem extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function answer(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads the body up to `limit` bytes; more (declared or sent) is a 413. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpProblem(413, `update too large: ${declared} bytes, at most ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpProblem(413, `update too large: over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** An update as Telegram sends it: a JSON object with a whole, non-negative `update_id`. */
function parseUpdate(body: Buffer): Update {
  if (body.length === 0) throw new HttpProblem(400, 'empty body: expected a Telegram update as JSON');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'invalid JSON: expected a Telegram update');
  }
  const updateId = (value as { update_id?: unknown } | null)?.update_id;
  if (typeof value !== 'object' || Array.isArray(value) || !Number.isSafeInteger(updateId) || (updateId as number) < 0) {
    throw new HttpProblem(400, 'not a Telegram update: expected a JSON object with an update_id');
  }
  return value as Update;
}

/** Creates the server, not yet listening. */
export function createBotServer(options: BotServerOptions): BotServer {
  const { webhook, logger } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const replyWithinMs = options.replyWithinMs ?? DEFAULT_REPLY_WITHIN_MS;
  const acceptWithinMs = options.acceptWithinMs ?? DEFAULT_ACCEPT_WITHIN_MS;
  const handling = new Set<Promise<void>>();
  let draining = false;

  const healthz = async (response: ServerResponse) => {
    if (draining) return answer(response, 503, JSON.stringify({ status: 'draining' }), 'application/json');
    const health = await options.health();
    answer(response, health.healthy ? 200 : 503, JSON.stringify(health.body), 'application/json');
  };

  const metrics = async (request: IncomingMessage, response: ServerResponse) => {
    if (options.metricsToken !== null) {
      const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!sameSecret(bearer, options.metricsToken)) {
        response.setHeader('www-authenticate', 'Bearer realm="metrics"');
        throw new HttpProblem(401, 'metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    const { contentType, body } = await options.metrics.render();
    answer(response, 200, body, contentType);
  };

  const receive = async (route: WebhookRoute, request: IncomingMessage, response: ServerResponse) => {
    const started = Date.now();
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], route.secretToken)) {
      throw new HttpProblem(401, 'wrong secret token');
    }
    if (draining) throw new HttpProblem(503, 'shutting down');
    const update = parseUpdate(await readBody(request, bodyLimit));
    // Taking the update (its id in the store) must answer within most of the 2 s; a store that
    // does not (down, frozen, slow) gets a 503 with Retry-After, and Telegram sends the update again.
    const taker = randomUUID();
    const taking = route.firstDelivery(update.update_id, taker);
    let acceptTimer: NodeJS.Timeout | undefined;
    const taken = await Promise.race([
      taking.then(
        (first) => (first ? ('first' as const) : ('repeat' as const)),
        () => 'failed' as const,
      ),
      new Promise<'late'>((resolve) => (acceptTimer = setTimeout(() => resolve('late'), acceptWithinMs))),
    ]);
    clearTimeout(acceptTimer);
    if (taken === 'late') {
      // Taken after all, once the store answers: handled then (Telegram's repeat is skipped as a duplicate).
      // No answer at all: the store may have taken it anyway, so it is asked again until it says.
      void taking.then(
        async (first) => {
          if (first) await track(route, update);
        },
        () => inDoubt.add(update, taker),
      );
    }
    if (taken === 'failed') inDoubt.add(update, taker);
    if (taken === 'late' || taken === 'failed') {
      logger.warn({ update_id: update.update_id, store: taken === 'late' ? 'no answer' : 'error' }, 'update not taken: the store does not answer (503, Telegram sends it again)');
      response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      throw new HttpProblem(503, 'cannot take updates now: the database does not answer');
    }
    if (taken === 'repeat') {
      options.metrics.duplicateUpdate();
      logger.info({ update_id: update.update_id }, 'repeated update skipped');
      return answer(response, 200, '');
    }
    const work = track(route, update);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, replyWithinMs - (Date.now() - started)))));
    await Promise.race([work, late]);
    clearTimeout(timer);
    answer(response, 200, '');
  };

  const inDoubt = createTakingsInDoubt({
    take: (updateId, taker) => webhook!.firstDelivery(updateId, taker),
    handle: (update) => void track(webhook!, update),
    logger,
  });

  /** Handles an update, kept among those in hand until it is done (a stop waits for them). */
  const track = (route: WebhookRoute, update: Update): Promise<void> => {
    const work = route.handleUpdate(update).catch((error: unknown) => {
      logger.error({ err: error, update_id: update.update_id }, 'update failed');
    });
    handling.add(work);
    void work.finally(() => handling.delete(work));
    return work;
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === '/healthz') return healthz(response);
    if (request.method === 'GET' && path === '/metrics') return metrics(request, response);
    if (webhook?.path === path) {
      if (request.method !== 'POST') throw new HttpProblem(405, 'POST only');
      return receive(webhook, request, response);
    }
    const extra = options.routes?.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (extra) return extra.handle(request, response);
    throw new HttpProblem(404, 'not found');
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof HttpProblem) {
        // The rest of a refused body is not read: close the connection instead.
        if (error.status === 413) response.setHeader('connection', 'close');
        answer(response, error.status, `${error.message}\n`);
        return;
      }
      logger.error({ err: error, url: request.url }, 'request failed');
      answer(response, 500, 'internal error\n');
    });
  });
  // A client that trickles its headers or body does not hold a socket for minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  return {
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host ?? undefined, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    get inFlight() {
      return handling.size;
    },
    drain() {
      draining = true;
    },
    async close() {
      draining = true;
      inDoubt.stop();
      // Still listening meanwhile: the balancer's health checks see 503, a stray update gets 503.
      await Promise.allSettled([...handling]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
