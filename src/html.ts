/**
 * Text in and out of Telegram's HTML parse mode: the one escape every piece of article or
 * reader text goes through (search's snippets, the bot's and push's messages), and the way
 * back to plain text (inline descriptions, the terminal, `newsbot search` without --json).
 * A leaf: it imports nothing, so every layer may use it.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for Telegram's HTML parse mode (`&`, `<`, `>` and `"`, which attribute values need). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Telegram HTML → plain text: tags dropped, entities decoded (inline descriptions, the terminal).
 * With `bold`, <b> becomes those markers (ANSI bold in a terminal) so highlights stay visible.
 */
export function htmlToPlain(html: string, bold?: { readonly open: string; readonly close: string }): string {
  return html
    .replace(/<(\/?)(?:b|strong)>/gi, (_tag, slash: string) => (bold ? (slash ? bold.close : bold.open) : ''))
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}
