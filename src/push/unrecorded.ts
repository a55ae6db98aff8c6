/**
 * Messages Telegram accepted whose "sent" could not be written (the database did not
 * answer within push's retries): kept in the process, never sent again by it (the claim
 * is still ours in the database, and this memory answers before any claim), and written
 * as soon as the database answers. Only a process that dies before that loses them: the
 * one at-least-once point the README names.
 */
import type { DeliveryKey, SubscriberStore } from '../types.js';

interface Unrecorded {
  readonly key: DeliveryKey;
  readonly owner: string;
  readonly messageId: number;
  readonly at: Date;
}

export interface UnrecordedSends {
  /** Remembers a send whose record failed. */
  add(key: DeliveryKey, owner: string, messageId: number, at: Date): void;
  /** True while `key` was sent by this process and not recorded yet: it must not be sent again. */
  has(key: DeliveryKey): boolean;
  /** Sends waiting for their record. */
  readonly size: number;
  /**
   * Writes what it can (each record once, in order); what fails stays for the next flush.
   * Returns how many are still unrecorded.
   */
  flush(store: Pick<SubscriberStore, 'markSent'>): Promise<number>;
}

const keyOf = ({ chatId, kind, itemKey }: DeliveryKey) => `${chatId}\u0000${kind}\u0000${itemKey}`;

export function createUnrecordedSends(): UnrecordedSends {
  const waiting = new Map<string, Unrecorded>();
  let flushing: Promise<number> | null = null;
  return {
    add(key, owner, messageId, at) {
      waiting.set(keyOf(key), { key, owner, messageId, at });
    },
    has: (key) => waiting.has(keyOf(key)),
    get size() {
      return waiting.size;
    },
    flush(store) {
      // One flush at a time: a timer's and a stop's would write the same rows twice.
      flushing ??= (async () => {
        try {
          for (const [id, sent] of [...waiting]) {
            try {
              await store.markSent(sent.key, sent.owner, sent.messageId, sent.at);
              waiting.delete(id);
            } catch {
              break; // still down: the rest wait for the next flush
            }
          }
          return waiting.size;
        } finally {
          flushing = null;
        }
      })();
      return flushing;
    },
  };
}
