import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createRedactor, passwordOf } from '../src/redact.js';

describe('createRedactor', () => {
  const redact = createRedactor(['123456:AAH-secret_token', passwordOf('postgres://newsbot:p%40ss"w\\rd@db:5432/newsbot'), 'hook-secret-1', null, '']);

  it.each([
    ['a request URL', 'request to https://api.telegram.org/bot123456:AAH-secret_token/sendMessage failed', 'request to https://api.telegram.org/bot<redacted>/sendMessage failed'],
    ['a percent-encoded token', '/bot123456%3AAAH-secret_token/getMe', '/bot<redacted>/getMe'],
    ['the password as written in the URL', 'postgres://newsbot:p%40ss"w\\rd@db', 'postgres://newsbot:<redacted>@db'],
    ['the password decoded', 'password p@ss"w\\rd refused', 'password <redacted> refused'],
    ['the password JSON-escaped in a log line', '{"msg":"p@ss\\"w\\\\rd"}', '{"msg":"<redacted>"}'],
    ['the webhook secret', 'x-telegram-bot-api-secret-token: hook-secret-1', 'x-telegram-bot-api-secret-token: <redacted>'],
    ['nothing secret', '护学岗 12345', '护学岗 12345'],
  ])('takes out %s', (_, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('is every pino line, whatever the error nests', () => {
    const lines: string[] = [];
    const logger = pino({ hooks: { streamWrite: redact } }, { write: (line: string) => lines.push(line) });
    const cause = new Error('connect ECONNREFUSED https://api.telegram.org/bot123456:AAH-secret_token/sendMessage');
    logger.error({ err: new Error('handler failed', { cause: new Error('outer', { cause }) }) }, 'handler failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bot<redacted>/sendMessage');
    expect(lines[0]).not.toContain('AAH-secret_token');
  });

  it('leaves text alone without secrets', () => {
    expect(createRedactor([null, undefined, ''])('bot123:abc')).toBe('bot123:abc');
  });
});
