export { createBot, type CreateBotOptions, type RateLimitOptions } from './createBot.js';
export type { BotContext } from './context.js';
export type { BotDeps } from './deps.js';
export { commandMenu, setBotCommands, MENU_COMMANDS } from './commandMenu.js';
export { createFileDownloader, FileTooLargeError } from './download.js';
