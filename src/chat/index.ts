/** `newsbot chat`: the bot's own handlers in a terminal. */
export { runTerminalChat, TERMINAL_BOT_INFO, TERMINAL_HELP } from './terminal.js';
