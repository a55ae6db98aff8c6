import type { BotContext } from './context.js';

/** How long a getChatMember answer is trusted (default 60 s): a demoted admin loses the right within a minute. */
export const ADMIN_CACHE_MS = 60_000;

/** Answers "may this user change the group's subscriptions?", asking Telegram at most once a minute per user. */
export interface GroupAdminCheck {
  /** True in a private chat, and in a group for its creator, administrators and the group itself (an anonymous admin). */
  mayManage(ctx: BotContext): Promise<boolean>;
}

/**
 * The check behind `/subscribe`, `/unsubscribe`, `/follow` and `/unfollow`
 * in groups: only a group's administrators change what the whole group
 * receives. Answers of getChatMember are cached for `ttlMs` per chat and user.
 */
export function createGroupAdminCheck(ttlMs = ADMIN_CACHE_MS): GroupAdminCheck {
  const cache = new Map<string, { readonly admin: boolean; readonly until: number }>();
  return {
    async mayManage(ctx) {
      const chat = ctx.chat;
      if (!chat || chat.type === 'private') return true;
      // "Remain anonymous" admins write as the group itself
      if (ctx.msg?.sender_chat?.id === chat.id) return true;
      const userId = ctx.from?.id;
      if (userId === undefined) return false;
      const key = `${chat.id}:${userId}`;
      const now = ctx.deps.clock.now().getTime();
      const known = cache.get(key);
      if (known && known.until > now) return known.admin;
      const member = await ctx.api.getChatMember(chat.id, userId);
      const admin = member.status === 'creator' || member.status === 'administrator';
      cache.set(key, { admin, until: now + ttlMs });
      return admin;
    },
  };
}
