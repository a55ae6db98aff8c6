import { parseMode } from '@grammyjs/parse-mode';
import type { Transformer } from 'grammy';

/** The methods whose text (or caption) newsbot writes: every one of them is HTML. */
const WRITING_METHODS = new Set(['sendMessage', 'editMessageText', 'sendPhoto', 'answerInlineQuery']);

/** Methods (and inline results) that would unfold a link in the text into a page preview. */
const PREVIEWING_METHODS = new Set(['sendMessage', 'editMessageText']);

const NO_PREVIEW = { is_disabled: true } as const;

/** The payload with link previews off where it has a say and says nothing itself (inline results included). */
function withoutLinkPreviews(method: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (PREVIEWING_METHODS.has(method)) return 'link_preview_options' in payload ? payload : { ...payload, link_preview_options: NO_PREVIEW };
  if (method !== 'answerInlineQuery' || !Array.isArray(payload.results)) return payload;
  const results = (payload.results as Record<string, unknown>[]).map((result) => {
    const content = result.input_message_content as Record<string, unknown> | undefined;
    if (!content || !('message_text' in content) || 'link_preview_options' in content) return result;
    return { ...result, input_message_content: { ...content, link_preview_options: NO_PREVIEW } };
  });
  return { ...payload, results };
}

const html = parseMode('HTML');

/**
 * Every message, caption and inline result the bot and push send is Telegram HTML (article
 * text escaped, `<b>` highlights): grammY's parse-mode plugin sets `parse_mode`, so no call
 * spreads it by hand. Link previews are turned off beside it (the plugin has no option for
 * them): a URL printed in an article must not unfold a web page under a search result.
 * Installed on the bot's Api and on push's own.
 */
export const htmlMessages: Transformer = (prev, method, payload, signal) => {
  if (!WRITING_METHODS.has(method)) return prev(method, payload, signal);
  return html(prev, method, withoutLinkPreviews(method, payload as Record<string, unknown>) as typeof payload, signal);
};
