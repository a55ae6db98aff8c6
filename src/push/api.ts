import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';

/**
 * The Api `newsbot push` and the broadcast bench send with. auto-retry waits out
 * 429s (`retry_after`, at most 60 s, 3 times); network and 5xx errors are not retried
 * here but on a later tick, so a dead connection does not hold a worker for long.
 */
export function createPushApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true, rethrowInternalServerErrors: true }),
  );
  return api;
}
