/**
 * How a chat's deliveries come, in words and as values from what readers type: the forum
 * topic an update came from, the alert mode (/digest) and quiet hours (/quiet), shared by
 * those commands and /settings.
 */
import type { Translate } from '../render/index.js';
import type { AlertMode, QuietHours, Subscriber } from '../types.js';
import { readClockWords } from './clockWords.js';
import type { BotContext } from './context.js';

/**
 * A time as readers type it (`7:30`, `０７：３０`, `早上7点半`, `晚上十点`, `8pm`:
 * clockWords.ts): `HH:MM`, or null when it is not a time of day.
 */
export function parsePushTime(text: string): string | null {
  const minutes = readClockWords(text);
  if (minutes === null) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The forum topic (message_thread_id) an update came from, or null outside a topic (a private chat, a plain group, General). */
export function topicOf(ctx: BotContext): number | null {
  const message = ctx.msg;
  return message && 'is_topic_message' in message && message.is_topic_message && message.message_thread_id !== undefined
    ? message.message_thread_id
    : null;
}

/** The alert line of /settings and /digest. */
export function alertModeLine(subscriber: Pick<Subscriber, 'alertMode' | 'alertTime'> | undefined, t: Translate): string {
  const mode = subscriber?.alertMode ?? 'instant';
  return mode === 'daily' && subscriber?.alertTime ? t('alerts-daily', { time: subscriber.alertTime }) : t(`alerts-${mode === 'daily' ? 'instant' : mode}`);
}

/** The quiet hours line of /settings and /quiet. */
export function quietLine(quiet: QuietHours | null | undefined, t: Translate): string {
  if (!quiet) return t('quiet-none');
  return t(quiet.silent ? 'quiet-silent' : 'quiet-hold', { start: quiet.start, end: quiet.end });
}

const INSTANT = /^(?:即时|实时|立即|马上|now|instant|immediately)$/i;
const HOURLY = /^(?:每小时|每个小时|hourly)$/i;
const DAILY = /^(?:每天|每日|daily)$/i;

/**
 * What `/digest 每天 20:00` asks for: `即时`/`now`, `每小时`/`hourly`, `每天 [HH:MM]`/`daily [HH:MM]`
 * (the time defaults to `defaultTime`); null for anything else.
 */
export function parseAlertMode(text: string, defaultTime: string): { mode: AlertMode; time: string | null } | null {
  const words = text.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  const [word, time, ...rest] = words;
  if (word === undefined || rest.length > 0) return null;
  if (time === undefined && INSTANT.test(word)) return { mode: 'instant', time: null };
  if (time === undefined && HOURLY.test(word)) return { mode: 'hourly', time: null };
  if (DAILY.test(word)) {
    const clock = parsePushTime(time ?? defaultTime);
    return clock === null ? null : { mode: 'daily', time: clock };
  }
  return null;
}

const OFF = /^(?:关闭|取消|关|无|off|none|no)$/i;
const SILENT = /^(?:静音|不响铃|silent|silently|mute)$/i;

/** What `/quiet 22:00-07:00 [静音]` asks for: quiet hours, `off`, a window that starts where it ends, or null (unreadable). */
export function parseQuietRequest(text: string): QuietHours | 'off' | { readonly same: string } | null {
  const words = text.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 1 && OFF.test(words[0]!)) return 'off';
  const silent = words.length === 2 && SILENT.test(words[1]!);
  if (words.length !== 1 && !silent) return null;
  const span = /^(.+?)(?:-|~|–|—|至|到)(.+)$/.exec(words[0]!);
  const start = span ? parsePushTime(span[1]!) : null;
  const end = span ? parsePushTime(span[2]!) : null;
  if (start === null || end === null) return null;
  if (start === end) return { same: start };
  return { start, end, silent };
}
