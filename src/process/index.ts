/**
 * The process around the bot: DATA_DIR's file modes and lock, who this process is (for
 * delivery claims), and how a connection to Telegram is reported. A leaf folder: it
 * imports only the logger, so every layer may use it.
 */
// app.ts and cli.ts take the lock and the file modes from their modules: through this file they would load grammY (telegramApi.ts).
export { acquireDataDirLock, DataDirLockedError, type DataDirLock } from './dataDirLock.js';
export { prepareDataDir } from './fileModes.js';
export { currentProcess, formatIdentity, livenessOf, parseIdentity } from './identity.js';
export { connectToTelegram, createOutageReporter, describeApiError, describePollingStop, TelegramConnectError } from './telegramApi.js';
export { createTelegramLink, reportToLink, type TelegramLink } from './telegramLink.js';
