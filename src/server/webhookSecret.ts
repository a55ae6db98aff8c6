import { createHash } from 'node:crypto';

/** WEBHOOK_SECRET, or one derived from the token (the same on every instance of a fleet). */
export function webhookSecret(secret: string | null, token: string): string {
  return secret ?? createHash('sha256').update(token).digest('hex').slice(0, 32);
}
