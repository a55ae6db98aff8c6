/**
 * Quiet hours: whether a chat's messages may go now, wait for the end of its quiet
 * hours, or go without a sound. Plain clock arithmetic in the configured time zone.
 */
import { minutesOfDay } from '../calendar.js';
import type { QuietHours } from '../types.js';

/** What quiet hours say about sending now: go, wait for their end, or go without a sound. */
export type QuietState = 'open' | 'hold' | 'silent';

/** Minutes since midnight of `HH:MM`. */
function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * Whether `now` falls in `quiet` (from `start` up to, not including, `end`; over midnight when
 * `end` is earlier): `hold` (or `silent`, as the reader chose) inside, `open` outside or without quiet hours.
 */
export function quietState(quiet: QuietHours | null, now: Date, timeZone: string): QuietState {
  if (!quiet) return 'open';
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const at = minutesOfDay(now, timeZone);
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  if (!inside) return 'open';
  return quiet.silent ? 'silent' : 'hold';
}
