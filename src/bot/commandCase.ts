import type { Context, NextFunction } from 'grammy';

/**
 * The text with its leading bot command in lower case ("/START@Bot x" →
 * "/start@Bot x"; the bot's username and the rest untouched), or the text
 * unchanged when it opens with no command entity.
 */
export function lowerCaseCommand(text: string, entities: readonly { type: string; offset: number; length: number }[] = []): string {
  const command = entities.find((entity) => entity.type === 'bot_command' && entity.offset === 0);
  if (!command) return text;
  const whole = text.slice(0, command.length);
  const at = whole.indexOf('@');
  const name = at < 0 ? whole : whole.slice(0, at);
  return name.toLowerCase() + text.slice(name.length);
}

/**
 * Middleware: commands match whatever their case (grammY's `command()` is
 * case-sensitive, and phones capitalise the first letter: "/Start", "/START").
 * Rewrites the message's text in place before any feature sees it.
 */
export async function normalizeCommandCase(ctx: Context, next: NextFunction): Promise<void> {
  const message = ctx.message ?? ctx.editedMessage;
  if (message?.text !== undefined) {
    const lowered = lowerCaseCommand(message.text, message.entities);
    if (lowered !== message.text) (message as { text: string }).text = lowered;
  }
  await next();
}
