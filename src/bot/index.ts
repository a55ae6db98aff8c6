export { createBot, type CreateBotOptions, type RateLimitOptions } from './createBot.js';
export type { BotContext, Translate, TranslateVars } from './context.js';
export type { BotDeps } from './deps.js';
export { escapeHtml, formatHotlineReport, htmlToPlain, HTML, MESSAGE_LIMIT } from './format.js';
export { createI18n, localeFor, translatorFor, LOCALES, DEFAULT_LOCALE, type Locale } from './i18n.js';
export { packCallback, unpackCallback, type CallbackAction } from './callbackData.js';
export { commandMenu, setBotCommands, MENU_COMMANDS } from './commandMenu.js';
export { createFileDownloader, FileTooLargeError } from './download.js';
