import type { I18n } from '@grammyjs/i18n';
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Translate } from '../render/index.js';
import { readerAppUrl, translatorFor } from '../render/index.js';

/**
 * The command menu, in menu order; each has a `cmd-<name>` text in
 * locales/<lang>/commands.ftl. Push's commands are listed already: until
 * their handlers are registered they get the unknown-command answer.
 */
export const MENU_COMMANDS = [
  'search',
  'ask',
  'latest',
  'paper',
  'hotline',
  'trend',
  'subscribe',
  'unsubscribe',
  'settings',
  'follow',
  'unfollow',
  'follows',
  'digest',
  'quiet',
  'help',
] as const;

export function commandMenu(t: Translate): BotCommand[] {
  return MENU_COMMANDS.map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/** Fills Telegram's command menu: Chinese for everyone, English for English clients. */
export async function setBotCommands(api: Api, i18n: I18n): Promise<void> {
  await api.setMyCommands(commandMenu(translatorFor(i18n, 'zh')));
  await api.setMyCommands(commandMenu(translatorFor(i18n, 'en')), { language_code: 'en' });
}

/**
 * The menu button of every private chat opens the reader Mini App at today's edition
 * (PUBLIC_URL/app/). Telegram keeps one default button for all languages: Chinese, as the paper.
 */
export async function setReaderMenuButton(api: Api, i18n: I18n, publicUrl: string): Promise<void> {
  await api.setChatMenuButton({
    menu_button: { type: 'web_app', text: translatorFor(i18n, 'zh')('reader-menu'), web_app: { url: readerAppUrl(publicUrl) } },
  });
}
