/**
 * `newsbot chat`: the bot's own handlers in a terminal. Each line typed
 * becomes a Telegram update fed to `bot.handleUpdate`; a transformer answers
 * the bot's API calls locally and prints them as plain text, inline buttons
 * as numbered choices. Nothing goes to Telegram.
 */
import { createInterface } from 'node:readline';
import type { Bot } from 'grammy';
import type { InlineKeyboardButton, Update, UserFromGetMe } from 'grammy/types';
import type { BotContext } from '../bot/index.js';
import { htmlToPlain } from '../render/index.js';

/** Who the bot thinks it is in the terminal (no getMe). */
export const TERMINAL_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: '西宁晚报',
  username: 'newsbot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface TerminalChatOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The terminal user's Telegram language (default `zh`; `en` for English). */
  readonly languageCode?: string;
  /** The terminal user's id; make it an admin id to try admin features (default 10). */
  readonly userId?: number;
}

const ANSI_BOLD = { open: '\u001b[1m', close: '\u001b[22m' } as const;

interface Choice {
  readonly label: string;
  readonly messageId: number;
  readonly data?: string;
  readonly url?: string;
}

/**
 * Typing `< path` sends that file as a document (its path is its file_id). The space is
 * required: `<b>x</b>` or `<护学岗>` is text to search, not a file named "b>x</b>".
 */
const DOCUMENT_LINE = /^<\s+(\S.*)$/;

export const TERMINAL_HELP =
  'Type what you would send the bot: a word to search, or a command (/help).\n' +
  'A number picks one of the buttons shown last; "@newsbot 词" tries inline mode;\n' +
  '"< FILE" sends a file as a document. Ctrl-D quits.';

/**
 * Runs the chat until the input ends. Updates are handled one at a time, in
 * the order typed, so the answers always follow their question.
 */
export async function runTerminalChat(bot: Bot<BotContext>, options: TerminalChatOptions): Promise<void> {
  const { input, output } = options;
  const user = {
    id: options.userId ?? 10,
    is_bot: false,
    first_name: 'Terminal',
    language_code: options.languageCode ?? 'zh',
  } as const;
  const chat = { id: user.id, type: 'private', first_name: user.first_name } as const;
  const write = (text: string) => output.write(`${text}\n`);
  // In a real terminal the search highlights show as bold; piped output stays plain text.
  const bold = 'isTTY' in output && output.isTTY === true ? ANSI_BOLD : undefined;
  const plain = (html: unknown) => htmlToPlain(String(html), bold);

  let choices: Choice[] = [];
  let messageId = 0;
  let updateId = 0;
  const showKeyboard = (markup: unknown, id: number) => {
    const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard;
    if (!rows || rows.length === 0) return;
    choices = [];
    for (const row of rows) {
      const line = row.map((button) => {
        choices.push({
          label: button.text,
          messageId: id,
          ...('callback_data' in button ? { data: button.callback_data } : {}),
          ...('url' in button ? { url: button.url } : {}),
        });
        return `[${choices.length}] ${button.text}`;
      });
      write(`  ${line.join('   ')}`);
    }
  };

  bot.api.config.use((_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    let result: unknown = true;
    switch (method) {
      case 'sendMessage': {
        const id = ++messageId;
        write(`\n${plain(p.text)}`);
        showKeyboard(p.reply_markup, id);
        result = { message_id: id, date: Math.floor(Date.now() / 1000), chat, text: p.text };
        break;
      }
      case 'sendPhoto': {
        // A terminal cannot show the picture: name it and print the caption, which says the same in words.
        const id = ++messageId;
        const photo = p.photo as { filename?: string } | string;
        write(`\n(photo ${typeof photo === 'string' ? photo : (photo.filename ?? '')})\n${plain(p.caption ?? '')}`);
        result = { message_id: id, date: Math.floor(Date.now() / 1000), chat, photo: [] };
        break;
      }
      case 'editMessageText':
        write(`\n(message ${Number(p.message_id)} now reads)\n${plain(p.text)}`);
        showKeyboard(p.reply_markup, Number(p.message_id));
        break;
      case 'answerCallbackQuery':
        if (typeof p.text === 'string' && p.text) write(`  « ${p.text} »`);
        break;
      case 'answerInlineQuery': {
        const results = (p.results ?? []) as { title?: string; description?: string }[];
        write(results.length === 0 ? '\n(no inline results)' : '\n(inline results)');
        results.forEach((r, i) => write(`  ${i + 1}. ${r.title ?? ''}${r.description ? ` — ${r.description}` : ''}`));
        if (typeof p.next_offset === 'string' && p.next_offset) write(`  (more from offset ${p.next_offset})`);
        break;
      }
      case 'getMe':
        result = TERMINAL_BOT_INFO;
        break;
      default:
        write(`\n(${method})`);
    }
    return Promise.resolve({ ok: true, result } as never);
  });

  const date = () => Math.floor(Date.now() / 1000);
  const updateFor = (line: string): Omit<Update, 'update_id'> => {
    const pick = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
    if (pick?.data !== undefined) {
      return {
        callback_query: {
          id: `terminal-${updateId}`,
          from: user,
          chat_instance: 'terminal',
          data: pick.data,
          message: { message_id: pick.messageId, date: date(), chat, from: TERMINAL_BOT_INFO, text: '' },
        },
      };
    }
    // A deep-link button (inline results' "read in full") opens the private chat with /start <payload>.
    const start = pick?.url ? new URL(pick.url).searchParams.get('start') : null;
    const text = start ? `/start ${start}` : line;
    const inline = new RegExp(`^@${TERMINAL_BOT_INFO.username}\\b\\s*`).exec(text);
    if (inline) {
      return { inline_query: { id: `terminal-${updateId}`, from: user, query: text.slice(inline[0].length), offset: '', chat_type: 'sender' } };
    }
    const document = DOCUMENT_LINE.exec(text);
    if (document) {
      const path = document[1]!.trim();
      const file_name = path.split(/[\\/]/).pop() ?? path;
      return {
        message: { message_id: ++messageId, date: date(), chat, from: user, document: { file_id: path, file_unique_id: path, file_name } },
      };
    }
    const command = /^\/\S+/.exec(text);
    return {
      message: {
        message_id: ++messageId,
        date: date(),
        chat,
        from: user,
        text,
        ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] } : {}),
      },
    };
  };

  const lines = createInterface({ input, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    await bot.handleUpdate({ update_id: ++updateId, ...updateFor(line) });
  }
}
