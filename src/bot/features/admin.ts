import { Composer } from 'grammy';
import type { IngestSummary } from '../../app.js';
import { startOfDay } from '../../push/schedule.js';
import type { BotContext } from '../context.js';
import { escapeHtml, HTML, oneLine, truncate } from '../format.js';

/**
 * Largest page file taken (bytes). A newspaper page as text is tens of KB; the Bot
 * API will not hand out files over 20 MB anyway.
 */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Warnings listed in the answer to an upload; the rest are in the log. */
const WARNINGS_SHOWN = 5;

const isAdmin = (ctx: BotContext): boolean => ctx.from !== undefined && ctx.deps.adminIds.includes(ctx.from.id);

/** The answer to an upload: what was found, the warnings, and whether push has news. */
function formatIngest(ctx: BotContext, fileName: string, summary: IngestSummary): string {
  const file = summary.files[0];
  if (!file) {
    const reason = summary.warnings[0] ?? summary.errors[0] ?? '?';
    return ctx.t('ingest-failed', { file: fileName, reason: truncate(oneLine(reason), 200) });
  }
  const lines = [
    ctx.t('ingest-done', {
      file: file.source,
      added: file.added ? 'yes' : 'no',
      articles: summary.newArticles.filter((a) => a.kind === 'article').length,
      hotline: summary.newHotline.length,
      safety: summary.newSafety.length,
    }),
  ];
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
    if (!isAdmin(ctx)) return void (await ctx.reply(ctx.t('ingest-not-admin'), HTML));
    const { ingestUpload, afterIngest } = ctx.deps;
    if (!ingestUpload) return void (await ctx.reply(ctx.t('push-off'), HTML));
    const document = ctx.message.document;
    const fileName = document.file_name ?? `${document.file_unique_id}.txt`;
    if ((document.file_size ?? 0) > UPLOAD_MAX_BYTES) {
      const reason = `${document.file_size} bytes > ${UPLOAD_MAX_BYTES}`;
      return void (await ctx.reply(ctx.t('ingest-failed', { file: fileName, reason }), HTML));
    }
    let bytes: Uint8Array;
    try {
      bytes = await ctx.deps.downloadFile(document.file_id);
    } catch (error) {
      // Telegram's file server (or, in the terminal, the disk) said no: tell the admin why, not "something went wrong".
      ctx.logger.warn({ err: error, file: fileName }, 'upload download failed');
      const reason = error instanceof Error ? error.message : String(error);
      return void (await ctx.reply(ctx.t('ingest-failed', { file: fileName, reason }), HTML));
    }
    const summary = ingestUpload(bytes, fileName, ctx.message.caption);
    ctx.logger.info(
      { file: fileName, articles: summary.newArticles.length, hotline: summary.newHotline.length, warnings: summary.warnings.length },
      'admin upload ingested',
    );
    await ctx.reply(formatIngest(ctx, fileName, summary), HTML);
    afterIngest?.(summary);
  });

  feature.command('stats', async (ctx) => {
    if (!isAdmin(ctx)) return void (await ctx.reply(ctx.t('stats-not-admin'), HTML));
    const store = ctx.deps.subscribers;
    if (!store) return void (await ctx.reply(ctx.t('push-off'), HTML));
    const stats = store.stats(startOfDay(ctx.deps.clock.now(), ctx.deps.timeZone));
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
      HTML,
    );
  });

  return feature;
}
