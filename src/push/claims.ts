/**
 * Claims left behind by a process that died (kill -9, power loss): released at once
 * by the next push run on the same host instead of waiting out the claim lease.
 */
import type { Logger } from '../logger.js';
import { livenessOf, parseIdentity } from '../process/index.js';
import type { HeldClaims, SubscriberStore } from '../types.js';

/**
 * Releases the claims of every owner on this host that no longer runs; returns how many.
 * A claim of a process on another host (or an owner name that is not `host:pid:start`)
 * is left to the lease. This is the one at-least-once point of push: a message the dead
 * process had handed to Telegram before it died is sent again.
 */
export async function releaseDeadClaims(
  store: Pick<SubscriberStore, 'heldClaims' | 'releaseClaims'>,
  logger: Logger,
  now: Date,
  here?: string,
): Promise<number> {
  let released = 0;
  for (const held of await store.heldClaims()) {
    const owner = parseIdentity(held.owner);
    if (!owner || livenessOf(owner, here) !== 'dead') continue;
    const count = await store.releaseClaims(held.owner, `claimer ${held.owner} died before finishing`, now);
    released += count;
    logger.warn(
      { owner: held.owner, claims: count, since: held.oldest },
      'released the claims of a process that died: these chats are sent to now (one may get the message twice)',
    );
  }
  return released;
}

/** Claims held by processes other than `self` (for reports). */
export async function othersClaims(store: Pick<SubscriberStore, 'heldClaims'>, self: string): Promise<HeldClaims[]> {
  return (await store.heldClaims()).filter((held) => held.owner !== self);
}
