import { isIP } from 'node:net';
import path from 'node:path';

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
  /** Public HTTPS URL for webhook mode; null means long polling. */
  readonly webhookUrl: string | null;
  /** Port of the webhook HTTP server (default 8080). */
  readonly port: number;
  /** Secret token Telegram sends with each webhook call; derived from the bot token when unset. */
  readonly webhookSecret: string | null;
  /** pino level (default `info`). */
  readonly logLevel: string;
  /** Port of `/healthz` and `/metrics` in polling mode; null: none (webhook mode serves them on PORT). */
  readonly metricsPort: number | null;
  /** PostgreSQL shared by a fleet (`postgres://…`) for every store; null (default) keeps SQLite in DATA_DIR. */
  readonly databaseUrl: string | null;
  /**
   * Address the HTTP server (webhook, /healthz, /metrics) listens on: `127.0.0.1` by default, or
   * null, every interface, when WEBHOOK_URL is set (Telegram or the proxy must reach it).
   */
  readonly host: string | null;
  /** When set, `GET /metrics` wants `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); null: open. */
  readonly metricsToken: string | null;
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

/**
 * Reads the environment once. Pure: pass `process.env` (after dotenv) or a
 * literal object in tests. Throws a ConfigError listing every bad value.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const botToken = value('BOT_TOKEN') ?? null;
  if (botToken && !/^\d+:[\w-]+$/.test(botToken)) {
    problems.push('BOT_TOKEN must look like 123456:ABC-DEF (the token @BotFather gives you)');
  }

  const telegramApiRoot = (value('TELEGRAM_API_ROOT') ?? DEFAULTS.telegramApiRoot).replace(/\/+$/, '');
  if (!isHttpUrl(telegramApiRoot)) {
    problems.push(`TELEGRAM_API_ROOT must be an http(s) URL, got "${telegramApiRoot}"`);
  }

  const pushTime = value('PUSH_TIME') ?? DEFAULTS.pushTime;
  if (parseClockTime(pushTime) === null) {
    problems.push(`PUSH_TIME must be a time of day as HH:MM (for example 08:00), got "${pushTime}"`);
  }

  const timeZone = value('TZ_NAME') ?? DEFAULTS.timeZone;
  if (!isTimeZone(timeZone)) {
    problems.push(`TZ_NAME must be an IANA time zone such as Asia/Shanghai, got "${timeZone}"`);
  }

  const adminIds: number[] = [];
  for (const part of (value('ADMIN_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^\d+$/.test(part)) adminIds.push(Number(part));
    else problems.push(`ADMIN_IDS must be Telegram user ids separated by commas, got "${part}"`);
  }

  const webhookUrl = value('WEBHOOK_URL') ?? null;
  if (webhookUrl && !webhookUrl.startsWith('https://')) {
    problems.push(`WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS webhooks), got "${webhookUrl}"`);
  }
  if (webhookUrl && !botToken) {
    problems.push('WEBHOOK_URL is set but BOT_TOKEN is not: a webhook needs a bot token');
  }

  const portText = value('PORT') ?? String(DEFAULTS.port);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535, got "${portText}"`);
  }

  const metricsPortText = value('METRICS_PORT');
  const metricsPort = metricsPortText === undefined ? null : Number(metricsPortText);
  if (metricsPortText !== undefined && (!/^\d+$/.test(metricsPortText) || metricsPort! < 1 || metricsPort! > 65535)) {
    problems.push(`METRICS_PORT must be a whole number from 1 to 65535, got "${metricsPortText}"`);
  }

  const webhookSecret = value('WEBHOOK_SECRET') ?? null;
  if (webhookSecret && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    problems.push('WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (at most 256 characters)');
  }

  const logLevel = (value('LOG_LEVEL') ?? DEFAULTS.logLevel).toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const databaseUrl = value('DATABASE_URL') ?? null;
  if (databaseUrl && !isPostgresUrl(databaseUrl)) {
    // The value is not echoed: it may hold a password.
    problems.push('DATABASE_URL must be a postgres:// URL such as postgres://newsbot:secret@db.internal:5432/newsbot');
  }

  // "*" or "::"/"0.0.0.0" spelled out: every interface.
  const hostText = value('HOST');
  const host = hostText === undefined ? (webhookUrl ? null : DEFAULTS.host) : hostText === '*' ? null : hostText;
  if (hostText !== undefined && hostText !== '*' && isIP(hostText) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(hostText)) {
    problems.push(`HOST must be an IP address or a host name (127.0.0.1, 0.0.0.0, ::, or * for every interface), got "${hostText}"`);
  }

  const metricsToken = value('METRICS_TOKEN') ?? null;
  if (metricsToken && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    // The value is not echoed: it is a secret.
    problems.push('METRICS_TOKEN must be 16 to 256 visible ASCII characters (no spaces)');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    botToken,
    telegramApiRoot,
    dataDir: path.resolve(value('DATA_DIR') ?? DEFAULTS.dataDir),
    pushTime,
    timeZone,
    adminIds,
    webhookUrl,
    port,
    webhookSecret,
    logLevel,
    metricsPort,
    databaseUrl,
    host,
    metricsToken,
  };
}
