/**
 * A fake Telegram Bot API on 127.0.0.1 for the broadcast bench, the chaos run
 * and the process tests: answers sendMessage (and sendPhoto, multipart) after a fixed
 * delay, can answer 429 or 403 for chosen calls, fail whole methods (401, 409, 500), or
 * never answer; can be made unreachable while running (`setFault`: every connection
 * dropped, every call a 5xx, or every answer late); holds getUpdates like a long poll;
 * counts what each chat received and records every call with its payload (uploads such
 * as sendPhoto's PNG included); serves files for getFile (a reader's document); and
 * answers a send into a deleted forum topic as Telegram does. Bounded: it refuses large
 * bodies and requests past a cap, and closes itself after a deadline even if the caller
 * forgets to.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

export interface FakeBotApiOptions {
  /** Milliseconds before each answer (default 5). */
  readonly latencyMs?: number;
  /** 1-based arrival numbers of sendMessage calls answered with 429 (retry_after `retryAfter`). */
  readonly tooManyAt?: ReadonlySet<number>;
  /** Seconds in the 429 answers (default 1). */
  readonly retryAfter?: number;
  /** Chats that blocked the bot: always 403. */
  readonly blockedChats?: ReadonlySet<number>;
  /** Requests served before every further one gets 500 (default 1,000,000). */
  readonly maxRequests?: number;
  /** The server closes itself after this long (default 30 minutes). */
  readonly deadlineMs?: number;
  /** Answers for whole methods (`{ getMe: 401 }`): an error of that status, as Telegram words it. */
  readonly failMethods?: Readonly<Record<string, number>>;
  /** Never answer anything (a Bot API root that accepts connections and hangs). */
  readonly silent?: boolean;
  /** Longest hold of a getUpdates long poll, in ms (default 1000): an empty answer after it. */
  readonly pollHoldMs?: number;
  /** Files the bot may download, by file_id: getFile gives `documents/<file_id>`, served under /file/bot<token>/. */
  readonly files?: ReadonlyMap<string, Uint8Array>;
}

/** One Bot API call as the fake received it. */
export interface RecordedCall {
  readonly method: string;
  /** JSON body, or a multipart body's text fields (JSON values parsed). */
  readonly payload: Record<string, unknown>;
  /** A multipart body's files (sendPhoto's `photo`, by the part's name). */
  readonly uploads: ReadonlyMap<string, Uint8Array>;
  readonly at: number;
}

/**
 * An outage, set while the fake runs: `drop` closes every connection as it comes (no
 * answer at all, as when Telegram is unreachable), only for `methods` when given;
 * `status` answers every call with that 5xx; `slowMs` answers everything that much later.
 */
export type FakeFault =
  | { readonly drop: true; readonly methods?: readonly string[] }
  | { readonly status: number }
  | { readonly slowMs: number }
  | null;

/** Telegram's wording of the errors `failMethods` can answer with. */
const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: invalid parameters',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export interface FakeBotApi {
  /** `http://127.0.0.1:<port>`: TELEGRAM_API_ROOT. */
  readonly apiRoot: string;
  /** Successful sendMessage calls per chat. */
  readonly delivered: Map<number, number>;
  /** Texts (a photo's caption) delivered, in order, with their chat, method (sendMessage, sendPhoto) and parse mode (null when none was given). */
  readonly messages: { chatId: number; text: string; at: number; method: string; parseMode: string | null }[];
  /** `inFlight`: sendMessage calls received and not answered yet. */
  /** `dropped`: connections cut by a `drop` fault. */
  readonly stats: { requests: number; tooMany: number; forbidden: number; inFlight: number; dropped: number };
  /** Queues an update for the bot's next getUpdates (long polling is answered at once when one arrives). */
  pushUpdate(update: Update | Record<string, unknown>): void;
  /** Requests per Bot API method. */
  readonly methods: Map<string, number>;
  /** Starts (or, with null, ends) an outage; connections refused meanwhile are counted in `stats.dropped`. */
  setFault(fault: FakeFault): void;
  /** Every call but getUpdates, with its payload (a photo upload: its text fields and files), in arrival order. */
  readonly calls: RecordedCall[];
  /** The offset of every getUpdates call, in arrival order: what the bot confirmed as handled. */
  readonly pollOffsets: number[];
  /** Forum topics deleted from now on (`chatId:threadId`): a send into one answers 400 "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void;
  close(): Promise<void>;
}

/** A photo upload (multipart) is a few hundred KB; any JSON call is far smaller. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** The parts of a multipart/form-data body (a photo upload): text fields (JSON values parsed) and files. */
function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, unknown>; files: Map<string, Uint8Array> } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields: Record<string, unknown> = {};
  const files = new Map<string, Uint8Array>();
  if (!boundary) return { fields, files };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]!}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // past the CRLF after the boundary, before the CRLF ending the part
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined && /filename=/i.test(headers)) files.set(name, new Uint8Array(content));
      else if (name !== undefined) {
        const text = content.toString('utf8');
        try {
          fields[name] = /^[[{]/.test(text) ? JSON.parse(text) : text;
        } catch {
          fields[name] = text;
        }
      }
    }
    at = next;
  }
  return { fields, files };
}

/** A private-chat text message from reader `chat` (its own user), a command marked as one, as Telegram sends it. */
export function readerMessage(updateId: number, chat: number, text: string): Update {
  const command = text.startsWith('/') ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] } : {};
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: 'private', first_name: 'r' },
      from: { id: chat, is_bot: false, first_name: 'r', language_code: 'zh' },
      text,
      ...command,
    },
  };
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const latency = options.latencyMs ?? 5;
  const maxRequests = options.maxRequests ?? 1_000_000;
  const delivered = new Map<number, number>();
  const messages: FakeBotApi['messages'] = [];
  const stats = { requests: 0, tooMany: 0, forbidden: 0, inFlight: 0, dropped: 0 };
  let fault: FakeFault = null;
  const methods = new Map<string, number>();
  const calls: RecordedCall[] = [];
  const pollOffsets: number[] = [];
  const deletedTopics = new Set<string>();
  const holds = new Set<() => void>();
  let sendCalls = 0;
  let messageId = 0;
  const updates: { update_id: number }[] = [];
  /** A getUpdates call waiting for an update (long polling). */
  let waiting: { offset: number; answer: () => void } | null = null;
  const pending = (offset: number) => updates.filter((update) => update.update_id >= offset);

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer, late = false) => {
    if (!late) stats.requests++;
    if (stats.requests > maxRequests) return answer(res, 500, { ok: false, error_code: 500, description: 'request cap reached' });
    const method = /\/bot[^/]+\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (method && !late) methods.set(method, (methods.get(method) ?? 0) + 1);
    if (options.silent) return; // the connection stays open, unanswered, until close()
    if (fault && 'drop' in fault && (!fault.methods || fault.methods.includes(method ?? ''))) {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    if (fault && 'status' in fault) {
      return answer(res, fault.status, { ok: false, error_code: fault.status, description: DESCRIPTIONS[fault.status] ?? 'Error' });
    }
    if (fault && 'slowMs' in fault && !late) {
      setTimeout(() => handle(req, res, body, true), fault.slowMs).unref();
      return;
    }
    const failWith = method ? options.failMethods?.[method] : undefined;
    if (failWith !== undefined) {
      return answer(res, failWith, { ok: false, error_code: failWith, description: DESCRIPTIONS[failWith] ?? 'Error' });
    }
    const file = /^\/file\/bot[^/]+\/documents\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    if (file !== undefined) {
      const bytes = options.files?.get(file);
      if (!bytes) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      return void res.end(Buffer.from(bytes));
    }
    let payload: Record<string, unknown> = {};
    let uploads = new Map<string, Uint8Array>();
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      ({ fields: payload, files: uploads } = parseMultipart(body, contentType));
    } else {
      try {
        const raw = body.toString('utf8');
        payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
      }
    }
    if (method && method !== 'getUpdates') calls.push({ method, payload, uploads, at: Date.now() });
    if (method === 'getMe') {
      return answer(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'fake', username: 'fake_bot' } });
    }
    if (method === 'getFile') {
      const id = String(payload.file_id);
      const bytes = options.files?.get(id);
      if (!bytes) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return answer(res, 200, { ok: true, result: { file_id: id, file_unique_id: id, file_size: bytes.length, file_path: `documents/${id}` } });
    }
    if (method === 'getUpdates') {
      const offset = Number(payload.offset ?? 0);
      pollOffsets.push(offset);
      const ready = pending(offset);
      if (ready.length > 0 || !payload.timeout) return answer(res, 200, { ok: true, result: ready });
      // Held at most pollHoldMs (default 1 s, not the bot's timeout), so a stopping bot is not kept waiting.
      const release = () => {
        holds.delete(release);
        clearTimeout(timer);
        waiting = null;
        if (!res.writableEnded) answer(res, 200, { ok: true, result: pending(offset) });
      };
      const timer = setTimeout(release, Math.min(Number(payload.timeout) * 1000, options.pollHoldMs ?? 1000));
      holds.add(release);
      waiting = { offset, answer: release };
      return;
    }
    // A multipart body (sendPhoto) carries the thread id as text.
    const thread = payload.message_thread_id;
    if (thread !== undefined && deletedTopics.has(`${Number(payload.chat_id)}:${Number(thread)}`)) {
      return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message thread not found' });
    }
    if (method !== 'sendMessage' && method !== 'sendPhoto') return answer(res, 200, { ok: true, result: true });
    const text = method === 'sendPhoto' ? payload.caption : payload.text;
    const chatId = Number(payload.chat_id);
    const call = ++sendCalls;
    stats.inFlight++;
    setTimeout(() => {
      stats.inFlight--;
      // Cut before it was answered (an outage began meanwhile): it never reached "Telegram".
      if (req.socket.destroyed) return;
      if (options.tooManyAt?.has(call)) {
        stats.tooMany++;
        const retryAfter = options.retryAfter ?? 1;
        return answer(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        });
      }
      if (options.blockedChats?.has(chatId)) {
        stats.forbidden++;
        return answer(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      }
      delivered.set(chatId, (delivered.get(chatId) ?? 0) + 1);
      const parseMode = typeof payload.parse_mode === 'string' ? payload.parse_mode : null;
      messages.push({ chatId, text: typeof text === 'string' ? text : '', at: Date.now(), method, parseMode });
      answer(res, 200, {
        ok: true,
        result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text },
      });
    }, latency);
  };

  const server = createServer((req, res) => {
    if (fault && 'drop' in fault && !fault.methods) {
      // Unreachable: the connection ends before any answer, whatever was sent.
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  // Node's default of 5 s closes an idle keep-alive connection just as the bot may reuse it, and that
  // send fails with ECONNRESET (seen in the chaos run under load: a reader's search reply lost). Telegram
  // keeps connections open far longer.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(deadline);
      for (const release of [...holds]) release();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const deadline = setTimeout(() => void close(), options.deadlineMs ?? 30 * 60_000);
  deadline.unref();
  const { port } = server.address() as AddressInfo;
  const pushUpdate = (update: Update | Record<string, unknown>) => {
    updates.push(update as { update_id: number });
    waiting?.answer();
  };
  const setFault = (next: FakeFault) => {
    fault = next;
    // Keep-alive connections opened before the outage are cut too: nothing gets through.
    if (next && 'drop' in next && !next.methods) server.closeAllConnections();
  };
  const deleteTopic = (chatId: number, threadId: number) => void deletedTopics.add(`${chatId}:${threadId}`);
  return { apiRoot: `http://127.0.0.1:${port}`, delivered, messages, stats, methods, calls, pollOffsets, deleteTopic, pushUpdate, setFault, close };
}
