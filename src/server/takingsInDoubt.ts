/**
 * Webhook updates whose taking (the store's record of their update_id) got no answer in time
 * or an error: the record may have been written all the same (a frozen database runs the
 * INSERT when it wakes, after the client gave up on it) or not. Telegram's repeat of such an
 * update would then be skipped as a duplicate by whichever instance it reaches, and the update
 * lost. So the taking is asked again, with the same taker, until the store answers: the row is
 * this taking's (written now or earlier) → handled here; another's (the repeat, taken by some
 * instance, which handles it) → nothing. Neither lost nor handled twice.
 */
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';

export interface TakingsInDoubtOptions {
  /** Takes `updateId` for `taker`: true when the store's row is this taker's (see UpdateLog.firstDelivery). */
  take(updateId: number, taker: string): Promise<boolean>;
  /** Handles an update found taken by this process. */
  handle(update: Update): void;
  readonly logger: Logger;
  /** First wait before asking again (default 1000 ms); it doubles up to 15 s. */
  readonly firstDelayMs?: number;
  /** Asked again for at most this long (default 10 minutes): then a warning, and Telegram's repeat decides. */
  readonly giveUpAfterMs?: number;
  /** At most this many at once (default 10,000); more are left to Telegram's repeat, with a warning. */
  readonly max?: number;
}

export interface TakingsInDoubt {
  /** An update whose taking by `taker` got no answer (or failed): asked again until the store answers. */
  add(update: Update, taker: string): void;
  /** How many are being asked about now. */
  readonly size: number;
  /** Stops asking (shutdown); those still in doubt are logged. */
  stop(): void;
}

const LONGEST_DELAY_MS = 15_000;

export function createTakingsInDoubt(options: TakingsInDoubtOptions): TakingsInDoubt {
  const { logger } = options;
  const firstDelay = options.firstDelayMs ?? 1000;
  const giveUpAfter = options.giveUpAfterMs ?? 10 * 60_000;
  const max = options.max ?? 10_000;
  // By taker: two takings of one update (a repeat that also got no answer) are each asked about.
  const waiting = new Map<string, NodeJS.Timeout>();
  let asking = 0;
  let stopped = false;

  const ask = (update: Update, taker: string, since: number, delay: number) => {
    const timer = setTimeout(() => {
      waiting.delete(taker);
      asking++;
      void options.take(update.update_id, taker).then(
        (ours) => {
          asking--;
          if (ours && !stopped) options.handle(update);
        },
        () => {
          asking--;
          if (stopped) return;
          if (Date.now() - since >= giveUpAfter) {
            logger.warn({ update_id: update.update_id }, 'the store did not answer about an update for 10 minutes: left to Telegram\'s repeat');
            return;
          }
          ask(update, taker, since, Math.min(delay * 2, LONGEST_DELAY_MS));
        },
      );
    }, delay);
    waiting.set(taker, timer);
  };

  return {
    add(update, taker) {
      if (stopped) return;
      if (waiting.size + asking >= max) {
        logger.warn({ update_id: update.update_id }, `more than ${max} updates in doubt: this one is left to Telegram's repeat`);
        return;
      }
      ask(update, taker, Date.now(), firstDelay);
    },
    get size() {
      return waiting.size + asking;
    },
    stop() {
      stopped = true;
      for (const timer of waiting.values()) clearTimeout(timer);
      if (waiting.size + asking > 0) {
        logger.warn({ updates: waiting.size + asking }, 'stopping with updates whose taking the store never confirmed: Telegram\'s repeats of them may be skipped');
      }
      waiting.clear();
    },
  };
}
