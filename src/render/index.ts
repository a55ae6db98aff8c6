/**
 * What the bot and push both write for readers: HTML formatting, the Fluent
 * translations (locales/), and the callback data of the buttons.
 */
export * from './callbackData.js';
export * from './format.js';
// The one escape (and its way back), a leaf every layer shares: re-exported for the bot and push.
export { escapeHtml, htmlToPlain } from '../html.js';
export * from './i18n.js';
export * from './keyboards.js';
export { htmlMessages } from './parseMode.js';
export * from './trendText.js';
export * from './readerLinks.js';
