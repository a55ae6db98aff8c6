import { createHash } from 'node:crypto';
import type { Config } from '../config.js';

/** WEBHOOK_SECRET, or one derived from the token (the same on every instance of a fleet). */
export function webhookSecret(config: Pick<Config, 'webhookSecret'>, token: string): string {
  return config.webhookSecret ?? createHash('sha256').update(token).digest('hex').slice(0, 32);
}
