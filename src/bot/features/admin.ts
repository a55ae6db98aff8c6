import { Composer } from 'grammy';
import type { IngestSummary } from '../../types.js';
import { startOfDay } from '../../calendar.js';
import { DECODE_ERRORS, PRINTED_MAX_BYTES, safePageFileName } from '../../corpus/index.js';
import type { BotContext } from '../context.js';
import { FileTooLargeError } from '../download.js';
import { IMAGE_ERRORS, PDF_ERRORS } from '../../print/index.js';
import { escapeHtml, oneLine, truncate } from '../../render/index.js';

/**
 * Largest page file downloaded: a PDF's or an image's limit (30 MB), held while downloading
 * too; a text file over 5 MB is refused by the ingest after it. (Telegram's own Bot API
 * server hands bots files of at most 20 MB: a larger one fails at getFile.)
 */
export const UPLOAD_MAX_BYTES = PRINTED_MAX_BYTES;
/** Warnings listed in the answer to an upload; the rest are in the log. */
const WARNINGS_SHOWN = 5;

const isAdmin = (ctx: BotContext): boolean => ctx.from !== undefined && ctx.deps.adminIds.includes(ctx.from.id);

/**
 * Why a file was not read, as one sentence in the reader's language: the
 * corpus's reasons (`DECODE_ERRORS`, `pageTooLarge`) are English for logs.
 */
function formatUnreadable(ctx: BotContext, fileName: string, reason: string): string {
  if (reason.includes(DECODE_ERRORS.empty)) return ctx.t('ingest-empty', { file: fileName });
  if (reason.includes(DECODE_ERRORS.binary)) return ctx.t('ingest-binary', { file: fileName });
  if (reason.includes(DECODE_ERRORS.notChinese)) return ctx.t('ingest-not-chinese', { file: fileName });
  if (reason.includes(DECODE_ERRORS.tooLarge)) {
    const [, size = '?', max = String(UPLOAD_MAX_BYTES)] = /\((\d+) bytes; the limit is (\d+) bytes/u.exec(reason) ?? [];
    return ctx.t('ingest-too-large', { file: fileName, size, max });
  }
  if (reason.includes(PDF_ERRORS.encrypted)) return ctx.t('ingest-encrypted', { file: fileName });
  if (reason.includes(PDF_ERRORS.damaged) || reason.includes(IMAGE_ERRORS.damaged)) return ctx.t('ingest-damaged', { file: fileName });
  return ctx.t('ingest-unreadable', { file: fileName });
}

/** The answer to an upload: what was found, the warnings, and whether push has news. */
function formatIngest(ctx: BotContext, fileName: string, summary: IngestSummary): string {
  const file = summary.files[0];
  if (!file) return formatUnreadable(ctx, fileName, summary.warnings[0] ?? summary.errors[0] ?? '');
  const lines = [
    ctx.t('ingest-done', {
      file: file.source,
      added: file.added ? 'yes' : 'no',
      articles: summary.newArticles.filter((a) => a.kind === 'article').length,
      hotline: summary.newHotline.length,
      safety: summary.newSafety.length,
    }),
  ];
  if (file.added && file.reading) lines.push(ctx.t('ingest-read', { method: file.reading.method, note: escapeHtml(file.reading.note) }));
  const warnings = [...file.warnings, ...summary.warnings];
  if (file.added && warnings.length > 0) {
    lines.push(
      [ctx.t('ingest-warnings'), ...warnings.slice(0, WARNINGS_SHOWN).map((w) => `· ${escapeHtml(truncate(oneLine(w), 160))}`)]
        .join('\n'),
    );
  }
  if (summary.newArticles.length + summary.newHotline.length + summary.newSafety.length > 0) {
    lines.push(ctx.t('ingest-pushed'));
  }
  return lines.join('\n\n');
}

/**
 * Admin features: a page file sent as a document is ingested like `newsbot ingest`
 * (then push sends what it made due), and `/stats`. Others are told it is admin-only.
 */
export function createAdminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.chatType('private').on('message:document', async (ctx) => {
    if (!isAdmin(ctx)) return void (await ctx.reply(ctx.t('ingest-not-admin')));
    const { ingestUpload, afterIngest } = ctx.deps;
    const document = ctx.message.document;
    // ".", "..", ".profile" or 300 bytes of name: made safe before anything is stored or shown
    const fileName = safePageFileName(document.file_name ?? '', `${document.file_unique_id}.txt`);
    const tooLarge = (size: number) => ctx.t('ingest-too-large', { file: fileName, size, max: UPLOAD_MAX_BYTES });
    if ((document.file_size ?? 0) > UPLOAD_MAX_BYTES) return void (await ctx.reply(tooLarge(document.file_size!)));
    let bytes: Uint8Array;
    try {
      bytes = await ctx.deps.downloadFile(document.file_id, UPLOAD_MAX_BYTES);
    } catch (error) {
      // The library's text ("Call to 'getFile' failed! …") goes to the log; the admin gets a sentence.
      ctx.logger.warn({ err: error, file: fileName }, 'upload download failed');
      const answer = error instanceof FileTooLargeError ? tooLarge(error.size) : ctx.t('ingest-download-failed', { file: fileName });
      return void (await ctx.reply(answer));
    }
    const summary = await ingestUpload(bytes, fileName, ctx.message.caption);
    ctx.logger.info(
      { file: fileName, articles: summary.newArticles.length, hotline: summary.newHotline.length, warnings: summary.warnings.length },
      'admin upload ingested',
    );
    await ctx.reply(formatIngest(ctx, fileName, summary));
    afterIngest(summary);
  });

  feature.command('stats', async (ctx) => {
    if (!isAdmin(ctx)) return void (await ctx.reply(ctx.t('stats-not-admin')));
    const store = ctx.deps.subscribers;
    const stats = await store.stats(startOfDay(ctx.deps.clock.now(), ctx.deps.timeZone));
    await ctx.reply(
      ctx.t('stats', {
        subscribers: stats.activeSubscribers,
        followers: stats.followers,
        blockedChats: stats.blockedChats,
        summaries: stats.sentSummaries,
        alerts: stats.sentAlerts,
        retrying: stats.failedRetrying,
        givenUp: stats.failedGivenUp,
        blocked: stats.blocked,
        claimsHeld: stats.claimsHeld,
      }),
    );
  });

  return feature;
}
