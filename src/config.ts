import { isIP } from 'node:net';
import path from 'node:path';

/**
 * How the bot gets its updates: long polling (no WEBHOOK_URL), or Telegram calling the
 * webhook server. One or the other, so a webhook's URL is never read where there is none.
 */
export type UpdatesMode =
  | {
      readonly kind: 'polling';
      /** Port of `/healthz` and `/metrics` (METRICS_PORT); null: none. */
      readonly metricsPort: number | null;
      /** PORT (default 8080): where the server listens for the reader app (PUBLIC_URL) when METRICS_PORT is unset. */
      readonly port: number;
    }
  | {
      readonly kind: 'webhook';
      /** The public HTTPS URL Telegram calls (WEBHOOK_URL). */
      readonly url: string;
      /** Port of the webhook server, which also answers `/healthz` and `/metrics` (PORT, default 8080). */
      readonly port: number;
      /** Secret token Telegram sends with each call (WEBHOOK_SECRET); null: derived from the bot token. */
      readonly secret: string | null;
    };

/** The validated settings of one run. See `.env.example` for what each means. */
export interface Config {
  /** Telegram bot token; null runs the bot in the terminal (`newsbot chat`). */
  readonly botToken: string | null;
  /** Bot API root, default `https://api.telegram.org`; tests point it at a local fake. */
  readonly telegramApiRoot: string;
  /** Where the database, the saved index and the inbox live (default `./data`). */
  readonly dataDir: string;
  /** Default daily push time, `HH:MM` (default `08:00`). */
  readonly pushTime: string;
  /** IANA time zone of push times (default `Asia/Shanghai`). */
  readonly timeZone: string;
  /** Telegram user ids allowed to ingest pages and see `/stats`. */
  readonly adminIds: readonly number[];
  /** Long polling, or a webhook (WEBHOOK_URL set). */
  readonly updates: UpdatesMode;
  /** pino level (default `info`). */
  readonly logLevel: string;
  /** PostgreSQL shared by a fleet (`postgres://…`) for every store; null (default) keeps SQLite in DATA_DIR. */
  readonly databaseUrl: string | null;
  /**
   * Address the HTTP server (webhook, /healthz, /metrics) listens on: `127.0.0.1` by default, or
   * null, every interface, when WEBHOOK_URL or PUBLIC_URL is set (Telegram or the proxy must reach it).
   */
  readonly host: string | null;
  /** When set, `GET /metrics` wants `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); null: open. */
  readonly metricsToken: string | null;
  /**
   * PUBLIC_URL: the https:// address readers reach this server at (no trailing slash). With it the
   * server serves the reader Mini App at `/app/` and the bot shows 📰 buttons to it; null: neither.
   */
  readonly publicUrl: string | null;
}

export const DEFAULTS = {
  telegramApiRoot: 'https://api.telegram.org',
  dataDir: './data',
  pushTime: '08:00',
  timeZone: 'Asia/Shanghai',
  port: 8080,
  logLevel: 'info',
  host: '127.0.0.1',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Thrown with every problem found, one line each, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** `HH:MM` (24-hour) → minutes after midnight, or null when it is not a time. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An https:// URL with a host and neither query nor fragment (a path is allowed: a reverse proxy's prefix). */
function isHttpsOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** A postgres:// URL naming a host (or a socket directory in `?host=`). */
function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
      (url.hostname !== '' || url.searchParams.has('host'))
    );
  } catch {
    return false;
  }
}

/** Reads one variable: its value (trimmed, undefined when empty) and where its problem goes. */
type Variable = (name: string) => string | undefined;

function readBotToken(value: Variable, problems: string[]): string | null {
  const botToken = value('BOT_TOKEN') ?? null;
  if (botToken && !/^\d+:[\w-]+$/.test(botToken)) {
    problems.push('BOT_TOKEN must look like 123456:ABC-DEF (the token @BotFather gives you)');
  }
  return botToken;
}

function readTelegramApiRoot(value: Variable, problems: string[]): string {
  const root = (value('TELEGRAM_API_ROOT') ?? DEFAULTS.telegramApiRoot).replace(/\/+$/, '');
  if (!isHttpUrl(root)) problems.push(`TELEGRAM_API_ROOT must be an http(s) URL, got "${root}"`);
  return root;
}

function readPushTime(value: Variable, problems: string[]): string {
  const pushTime = value('PUSH_TIME') ?? DEFAULTS.pushTime;
  if (parseClockTime(pushTime) === null) {
    problems.push(`PUSH_TIME must be a time of day as HH:MM (for example 08:00), got "${pushTime}"`);
  }
  return pushTime;
}

function readTimeZone(value: Variable, problems: string[]): string {
  const timeZone = value('TZ_NAME') ?? DEFAULTS.timeZone;
  if (!isTimeZone(timeZone)) problems.push(`TZ_NAME must be an IANA time zone such as Asia/Shanghai, got "${timeZone}"`);
  return timeZone;
}

function readAdminIds(value: Variable, problems: string[]): number[] {
  const adminIds: number[] = [];
  for (const part of (value('ADMIN_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^\d+$/.test(part)) adminIds.push(Number(part));
    else problems.push(`ADMIN_IDS must be Telegram user ids separated by commas, got "${part}"`);
  }
  return adminIds;
}

/** A TCP port from 1 to 65535, or null when the variable is unset and has no default. */
function readPort(name: string, value: Variable, problems: string[], fallback: number | null): number | null {
  const text = value(name) ?? (fallback === null ? undefined : String(fallback));
  if (text === undefined) return null;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    problems.push(`${name} must be a whole number from 1 to 65535, got "${text}"`);
  }
  return port;
}

/** WEBHOOK_URL decides the mode; PORT, METRICS_PORT and WEBHOOK_SECRET are checked whichever it is. */
function readUpdatesMode(value: Variable, problems: string[], botToken: string | null): UpdatesMode {
  const url = value('WEBHOOK_URL') ?? null;
  if (url && !url.startsWith('https://')) {
    problems.push(`WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS webhooks), got "${url}"`);
  }
  if (url && !botToken) problems.push('WEBHOOK_URL is set but BOT_TOKEN is not: a webhook needs a bot token');
  const port = readPort('PORT', value, problems, DEFAULTS.port) ?? DEFAULTS.port;
  const metricsPort = readPort('METRICS_PORT', value, problems, null);
  const secret = value('WEBHOOK_SECRET') ?? null;
  if (secret && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    problems.push('WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (at most 256 characters)');
  }
  return url ? { kind: 'webhook', url, port, secret } : { kind: 'polling', metricsPort, port };
}

function readLogLevel(value: Variable, problems: string[]): string {
  const logLevel = (value('LOG_LEVEL') ?? DEFAULTS.logLevel).toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return logLevel;
}

function readDatabaseUrl(value: Variable, problems: string[]): string | null {
  const databaseUrl = value('DATABASE_URL') ?? null;
  if (databaseUrl && !isPostgresUrl(databaseUrl)) {
    // The value is not echoed: it may hold a password.
    problems.push('DATABASE_URL must be a postgres:// URL such as postgres://newsbot:secret@db.internal:5432/newsbot');
  }
  return databaseUrl;
}

/**
 * HOST: where the HTTP server (webhook, /healthz, /metrics, the reader app) listens. Default 127.0.0.1,
 * or every interface (null) with a webhook or PUBLIC_URL, which Telegram or the proxy must reach; `*`
 * spells every interface.
 */
function readHost(value: Variable, problems: string[], updates: UpdatesMode, publicUrl: string | null): string | null {
  const text = value('HOST');
  if (text === undefined) return updates.kind === 'webhook' || publicUrl !== null ? null : DEFAULTS.host;
  if (text === '*') return null;
  if (isIP(text) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(text)) {
    problems.push(`HOST must be an IP address or a host name (127.0.0.1, 0.0.0.0, ::, or * for every interface), got "${text}"`);
  }
  return text;
}

/** PUBLIC_URL: https, a host, neither query nor fragment (a path prefix is allowed); the bot token signs readers in. */
function readPublicUrl(value: Variable, problems: string[], botToken: string | null): string | null {
  const text = value('PUBLIC_URL');
  if (text === undefined) return null;
  const publicUrl = text.replace(/\/+$/, '');
  if (!isHttpsOrigin(publicUrl)) {
    problems.push(`PUBLIC_URL must be an https:// address such as https://news.example.com (Telegram opens Mini Apps over HTTPS only), got "${text}"`);
  }
  if (!botToken) problems.push('PUBLIC_URL is set but BOT_TOKEN is not: the reader app signs readers in with the bot token');
  return publicUrl;
}

function readMetricsToken(value: Variable, problems: string[]): string | null {
  const metricsToken = value('METRICS_TOKEN') ?? null;
  if (metricsToken && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    // The value is not echoed: it is a secret.
    problems.push('METRICS_TOKEN must be 16 to 256 visible ASCII characters (no spaces)');
  }
  return metricsToken;
}

/**
 * Reads the environment once. Pure: pass `process.env` (after dotenv) or a
 * literal object in tests. Throws a ConfigError listing every bad value, in the
 * order of the variables in `.env.example`.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const value: Variable = (name) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const botToken = readBotToken(value, problems);
  const telegramApiRoot = readTelegramApiRoot(value, problems);
  const pushTime = readPushTime(value, problems);
  const timeZone = readTimeZone(value, problems);
  const adminIds = readAdminIds(value, problems);
  const updates = readUpdatesMode(value, problems, botToken);
  const databaseUrl = readDatabaseUrl(value, problems);
  // Read before HOST, which it opens to every interface.
  const publicUrl = readPublicUrl(value, problems, botToken);
  const config: Config = {
    botToken,
    telegramApiRoot,
    dataDir: path.resolve(value('DATA_DIR') ?? DEFAULTS.dataDir),
    pushTime,
    timeZone,
    adminIds,
    updates,
    logLevel: readLogLevel(value, problems),
    databaseUrl,
    host: readHost(value, problems, updates, publicUrl),
    metricsToken: readMetricsToken(value, problems),
    publicUrl,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
