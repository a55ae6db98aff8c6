import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import { htmlMessages } from '../render/index.js';

/**
 * The Api `newsbot push` and the broadcast bench send with. auto-retry waits out
 * 429s (`retry_after`, at most 60 s, 3 times); network and 5xx errors are not retried
 * here but on a later run or tick, so a dead connection does not hold a worker for long.
 * Connections are kept alive: a broadcast is thousands of calls to one host.
 */
export function createPushApi(token: string, apiRoot: string): Api {
  const agentOptions = { keepAlive: true, maxSockets: 32 };
  const agent = apiRoot.startsWith('http:') ? new HttpAgent(agentOptions) : new HttpsAgent(agentOptions);
  const api = new Api(token, { apiRoot, baseFetchConfig: { agent, compress: true } });
  api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true, rethrowInternalServerErrors: true }),
  );
  // HTML with link previews off, as the bot's own Api sends (render/parseMode.ts).
  api.config.use(htmlMessages);
  return api;
}
