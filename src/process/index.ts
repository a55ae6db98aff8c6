/**
 * The process around the bot: DATA_DIR's file modes and lock, who this process is (for
 * delivery claims), and how a connection to Telegram is reported. A leaf folder: it
 * imports only the logger, so every layer may use it.
 */
export { acquireDataDirLock, DataDirLockedError, enterDataDir, type DataDirEntry, type DataDirLock } from './dataDirLock.js';
export { DIR_MODE, PROCESS_UMASK, prepareDataDir } from './fileModes.js';
export { currentProcess, formatIdentity, livenessOf, parseIdentity } from './identity.js';
export { connectToTelegram, createOutageReporter, describeApiError, describePollingStop, TelegramConnectError } from './telegramApi.js';
export { createTelegramLink, reportToLink, type TelegramLink } from './telegramLink.js';
