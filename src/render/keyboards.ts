import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { AlertMode, QuietHours } from '../types.js';
import { packCallback } from './callbackData.js';
import { oneLine, truncate } from './format.js';
import type { Translate } from './i18n.js';

/** Longest article title on a read button (Telegram cuts long labels anyway). */
const BUTTON_TITLE_MAX = 24;

type Row = InlineKeyboardButton[];

/** One "📖 n. title" button per item, each on its own row, numbered from `firstNumber`. */
export function readRows(items: readonly { readonly id: string; readonly title: string }[], firstNumber: number): Row[] {
  return items.map((item, i) => [
    InlineKeyboard.text(
      `📖 ${firstNumber + i}. ${truncate(oneLine(item.title), BUTTON_TITLE_MAX)}`,
      packCallback({ kind: 'read', articleId: item.id, part: 0 }),
    ),
  ]);
}

/** The daily summary's own buttons (also under /settings): change the time, or stop it. */
export function subscriptionKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('button-change-time'), packCallback({ kind: 'pickTime' }))
    .text(t('button-unsubscribe'), packCallback({ kind: 'unsubscribe' }));
}

/**
 * Under a digest (and each page of its rest): a read button per article listed, numbered
 * from `from + 1`, then one button for the articles after them when there are more.
 */
export function digestKeyboard(
  digestKey: string,
  shown: readonly { readonly id: string; readonly title: string }[],
  from: number,
  total: number,
  t: Translate,
): InlineKeyboard {
  const rows = readRows(shown, from + 1);
  const next = from + shown.length;
  if (next < total) {
    rows.push([InlineKeyboard.text(t('digest-more-button', { n: total - next }), packCallback({ kind: 'digest', digestKey, from: next }))]);
  }
  return new InlineKeyboard(rows);
}

/** Quiet hours offered by the /settings buttons (any other: `/quiet HH:MM-HH:MM`). */
export const OFFERED_QUIET = { start: '22:00', end: '07:00' } as const;

/**
 * The /settings rows for alerts and quiet hours: how alerts come (the current way marked ✓),
 * and quiet hours on (held, or silent) or off.
 */
export function deliverySettingsRows(mode: AlertMode, quiet: QuietHours | null, t: Translate): Row[] {
  const mark = (on: boolean, label: string) => (on ? `✓ ${label}` : label);
  const modes: AlertMode[] = ['instant', 'hourly', 'daily'];
  const quietButton = (silent: boolean) =>
    InlineKeyboard.text(
      mark(quiet?.silent === silent, t(silent ? 'button-quiet-silent' : 'button-quiet-hold', OFFERED_QUIET)),
      packCallback({ kind: 'quiet', quiet: { ...OFFERED_QUIET, silent } }),
    );
  return [
    modes.map((each) => InlineKeyboard.text(mark(each === mode, t(`button-alerts-${each}`)), packCallback({ kind: 'alertMode', mode: each }))),
    [quietButton(false), quietButton(true), InlineKeyboard.text(mark(quiet === null, t('button-quiet-off')), packCallback({ kind: 'quiet', quiet: null }))],
  ];
}
