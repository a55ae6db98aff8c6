export { createBot, type CreateBotOptions } from './createBot.js';
export type { BotContext } from './context.js';
export type { BotDeps } from './deps.js';
export { setBotCommands, setReaderMenuButton } from './commandMenu.js';
export { createFileDownloader, FileTooLargeError } from './download.js';
export { KEYWORD_MAX, parseKeywords } from './features/follow.js';
