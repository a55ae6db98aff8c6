/**
 * Everything that knows about croner: the minute tick, the inbox poll, and
 * the wall-clock arithmetic of daily slots in a time zone.
 */
import { Cron } from 'croner';
import type { Logger } from '../logger.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function dailyCron(pushTime: string, timeZone: string): Cron {
  const [hours, minutes] = pushTime.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) {
    throw new Error(`not a time of day: "${pushTime}"`);
  }
  // No function and paused: croner only computes dates here, it schedules nothing.
  return new Cron(`0 ${minutes} ${hours} * * *`, { timezone: timeZone, paused: true });
}

/**
 * The latest moment at or before `now` when the clock in `timeZone` showed `pushTime`
 * (`HH:MM`): the daily slot a subscriber at that time is owed a summary for.
 */
export function lastSlot(pushTime: string, now: Date, timeZone: string): Date {
  const cron = dailyCron(pushTime, timeZone);
  // Two days back is before the last slot even across a DST change.
  let slot = cron.nextRun(new Date(now.getTime() - 2 * DAY_MS));
  if (!slot) throw new Error(`no daily slot for ${pushTime} in ${timeZone}`);
  for (let next = cron.nextRun(slot); next && next.getTime() <= now.getTime(); next = cron.nextRun(next)) {
    slot = next;
  }
  return slot;
}

/**
 * The latest moment at or before `now` when the clock in `timeZone` showed `pushTime` on
 * `weekday` (1 Monday .. 7 Sunday): the weekly slot a weekly subscriber is owed a summary for.
 */
export function lastWeeklySlot(pushTime: string, weekday: number, now: Date, timeZone: string): Date {
  const [hours, minutes] = pushTime.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) {
    throw new Error(`not a time of day: "${pushTime}"`);
  }
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new Error(`not a weekday: ${weekday}`);
  // croner counts days of the week from Sunday = 0.
  const cron = new Cron(`0 ${minutes} ${hours} * * ${weekday % 7}`, { timezone: timeZone, paused: true });
  let slot = cron.nextRun(new Date(now.getTime() - 8 * DAY_MS));
  if (!slot) throw new Error(`no weekly slot for ${weekday} ${pushTime} in ${timeZone}`);
  for (let next = cron.nextRun(slot); next && next.getTime() <= now.getTime(); next = cron.nextRun(next)) {
    slot = next;
  }
  return slot;
}

/** The latest top of the hour at or before `now` on the clocks of `timeZone` (an hourly digest's slot). */
export function lastHourlySlot(now: Date, timeZone: string): Date {
  // No function and paused: croner only computes dates here.
  const cron = new Cron('0 0 * * * *', { timezone: timeZone, paused: true });
  let slot = cron.nextRun(new Date(now.getTime() - 2 * 60 * 60 * 1000));
  if (!slot) throw new Error(`no hourly slot in ${timeZone}`);
  for (let next = cron.nextRun(slot); next && next.getTime() <= now.getTime(); next = cron.nextRun(next)) {
    slot = next;
  }
  return slot;
}

/** The first moment after `now` when the clock in `timeZone` shows `pushTime`. */
export function nextSlot(pushTime: string, now: Date, timeZone: string): Date {
  const next = dailyCron(pushTime, timeZone).nextRun(now);
  if (!next) throw new Error(`no daily slot for ${pushTime} in ${timeZone}`);
  return next;
}

export interface ScheduleOptions {
  readonly timeZone: string;
  readonly logger: Logger;
  /** Called at second 0 of every minute. Runs never overlap: a tick still running skips the next. */
  readonly onMinute: () => Promise<unknown>;
  /** Called every `pollSeconds`; runs never overlap. */
  readonly onPoll?: () => Promise<unknown>;
  /** Seconds between polls (default 10; must divide 60). */
  readonly pollSeconds?: number;
}

/** Starts the cron jobs. `stop()` ends them; a run in progress finishes on its own. */
export function startSchedule(options: ScheduleOptions): { stop(): void } {
  const { timeZone, logger } = options;
  const onError = (job: string) => (error: unknown) => logger.error({ err: error, job }, 'scheduled job failed');
  const jobs = [
    new Cron('0 * * * * *', { timezone: timeZone, protect: true, catch: onError('minute') }, async () => {
      await options.onMinute();
    }),
  ];
  const onPoll = options.onPoll;
  if (onPoll) {
    const seconds = options.pollSeconds ?? 10;
    jobs.push(
      new Cron(`*/${seconds} * * * * *`, { timezone: timeZone, protect: true, catch: onError('poll') }, async () => {
        await onPoll();
      }),
    );
  }
  return {
    stop() {
      for (const job of jobs) job.stop();
    },
  };
}
