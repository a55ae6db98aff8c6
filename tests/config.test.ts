import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseClockTime } from '../src/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      botToken: null,
      telegramApiRoot: 'https://api.telegram.org',
      dataDir: path.resolve('./data'),
      pushTime: '08:00',
      timeZone: 'Asia/Shanghai',
      adminIds: [],
      updates: { kind: 'polling', metricsPort: null, port: 8080 },
      logLevel: 'info',
      databaseUrl: null,
      host: '127.0.0.1',
      metricsToken: null,
      publicUrl: null,
    });
  });

  it.each([
    [{}, '127.0.0.1'],
    // A webhook must be reachable from the proxy or Telegram: every interface, unless HOST says otherwise.
    [{ BOT_TOKEN: '1:a', WEBHOOK_URL: 'https://bot.example.org/hook' }, null],
    [{ BOT_TOKEN: '1:a', WEBHOOK_URL: 'https://bot.example.org/hook', HOST: '10.0.0.5' }, '10.0.0.5'],
    [{ HOST: '*' }, null],
    [{ HOST: '::' }, '::'],
    [{ HOST: 'bot-host.internal' }, 'bot-host.internal'],
  ])('listens on HOST: %o gives %s', (env, host) => {
    expect(loadConfig(env).host).toBe(host);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      BOT_TOKEN: '123:abc-DEF_1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/',
      DATA_DIR: '/tmp/newsbot-data',
      PUSH_TIME: '7:30',
      TZ_NAME: 'Europe/Berlin',
      ADMIN_IDS: '11, 22',
      WEBHOOK_URL: 'https://bot.example.org/hook',
      PORT: '3000',
      WEBHOOK_SECRET: 's3cret',
      LOG_LEVEL: 'DEBUG',
      METRICS_PORT: '9464',
      DATABASE_URL: 'postgres://newsbot:secret@db.internal:5432/newsbot',
      HOST: '0.0.0.0',
      METRICS_TOKEN: 'scrape-me-0123456789',
      PUBLIC_URL: 'https://news.example.org/reader/',
    });
    expect(config).toMatchObject({
      botToken: '123:abc-DEF_1',
      telegramApiRoot: 'http://127.0.0.1:9000',
      dataDir: '/tmp/newsbot-data',
      pushTime: '7:30',
      timeZone: 'Europe/Berlin',
      adminIds: [11, 22],
      updates: { kind: 'webhook', url: 'https://bot.example.org/hook', port: 3000, secret: 's3cret' },
      logLevel: 'debug',
      databaseUrl: 'postgres://newsbot:secret@db.internal:5432/newsbot',
      host: '0.0.0.0',
      metricsToken: 'scrape-me-0123456789',
      publicUrl: 'https://news.example.org/reader',
    });
    // Without WEBHOOK_URL the bot polls, and METRICS_PORT is where /healthz and /metrics are served.
    expect(loadConfig({ METRICS_PORT: '9464', PORT: '3000' }).updates).toEqual({ kind: 'polling', metricsPort: 9464, port: 3000 });
  });

  it.each([
    [{ BOT_TOKEN: 'nope' }, 'BOT_TOKEN must look like 123456:ABC-DEF (the token @BotFather gives you)'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT must be an http(s) URL, got "ftp://x"'],
    [{ PUSH_TIME: '25:99' }, 'PUSH_TIME must be a time of day as HH:MM (for example 08:00), got "25:99"'],
    [{ TZ_NAME: 'Mars/Olympus' }, 'TZ_NAME must be an IANA time zone such as Asia/Shanghai, got "Mars/Olympus"'],
    [{ ADMIN_IDS: '12,bob' }, 'ADMIN_IDS must be Telegram user ids separated by commas, got "bob"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535, got "70000"'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT must be a whole number from 1 to 65535, got "0"'],
    [{ METRICS_PORT: '9464x' }, 'METRICS_PORT must be a whole number from 1 to 65535, got "9464x"'],
    // The URL is not repeated in the message: it may hold a password.
    [{ DATABASE_URL: 'mysql://u:secret@h/db' }, 'DATABASE_URL must be a postgres:// URL such as postgres://newsbot:secret@db.internal:5432/newsbot'],
    [{ DATABASE_URL: 'newsbot' }, 'DATABASE_URL must be a postgres:// URL such as postgres://newsbot:secret@db.internal:5432/newsbot'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ WEBHOOK_URL: 'https://x.org/h' }, 'WEBHOOK_URL is set but BOT_TOKEN is not: a webhook needs a bot token'],
    [{ HOST: 'my host' }, 'HOST must be an IP address or a host name (127.0.0.1, 0.0.0.0, ::, or * for every interface), got "my host"'],
    // Not echoed: it is a secret.
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be 16 to 256 visible ASCII characters (no spaces)'],
    [{ BOT_TOKEN: '1:a', PUBLIC_URL: 'http://news.example.org' }, 'PUBLIC_URL must be an https:// address such as https://news.example.com (Telegram opens Mini Apps over HTTPS only), got "http://news.example.org"'],
    [{ BOT_TOKEN: '1:a', PUBLIC_URL: 'https://news.example.org/?a=1' }, 'PUBLIC_URL must be an https:// address such as https://news.example.com (Telegram opens Mini Apps over HTTPS only), got "https://news.example.org/?a=1"'],
    [{ PUBLIC_URL: 'https://news.example.org' }, 'PUBLIC_URL is set but BOT_TOKEN is not: the reader app signs readers in with the bot token'],
  ])('rejects %o with one clear message', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('takes a PostgreSQL URL over a Unix socket (the directory in ?host=)', () => {
    const url = 'postgresql:///newsbot?host=/var/run/postgresql';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('listens on every interface with PUBLIC_URL, as with WEBHOOK_URL (the TLS proxy must reach the reader app)', () => {
    expect(loadConfig({ BOT_TOKEN: '1:a', PUBLIC_URL: 'https://news.example.org' }).host).toBe(null);
    expect(loadConfig({ BOT_TOKEN: '1:a', PUBLIC_URL: 'https://news.example.org', HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  it('reports every bad value at once', () => {
    expect(problemsOf({ PUSH_TIME: 'tomorrow', PORT: 'x' })).toHaveLength(2);
  });
});

describe('parseClockTime', () => {
  it.each([
    ['08:00', 480],
    ['7:05', 425],
    ['23:59', 1439],
    ['00:00', 0],
    ['24:00', null],
    ['25:99', null],
    ['8', null],
    ['tomorrow', null],
  ])('%s → %s', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });
});
