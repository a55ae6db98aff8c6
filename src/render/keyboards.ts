import { InlineKeyboard } from 'grammy';
import { packCallback } from './callbackData.js';
import type { Translate } from './i18n.js';

/** The daily summary's own buttons (also under /settings): change the time, or stop it. */
export function subscriptionKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('button-change-time'), packCallback({ kind: 'pickTime' }))
    .text(t('button-unsubscribe'), packCallback({ kind: 'unsubscribe' }));
}
