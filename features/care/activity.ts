/**
 * When each registered resident last wrote to the bot (a message or a
 * button, in private): one of the three signs of life the silence signal
 * looks at. Installed by the app right after the sender is loaded, before
 * the conversations, so answers inside a conversation count too.
 *
 * At most one write per resident every few minutes per process: the silence
 * check only asks "today?", so a time a few minutes old is as good.
 */
import type { MiddlewareFn } from "grammy";
import type { BaseContext } from "../../bot/context.js";

const EVERY_MS = 5 * 60_000;

export function recordActivity(): MiddlewareFn<BaseContext> {
  const written = new Map<number, number>();
  return async (ctx, next) => {
    const actor = ctx.actor;
    if (
      actor?.roles.has("resident") &&
      ctx.chat?.type === "private" &&
      (ctx.message || ctx.callbackQuery)
    ) {
      const now = ctx.deps.clock.now();
      const last = written.get(actor.id);
      if (last === undefined || now.getTime() - last >= EVERY_MS || now.getTime() < last) {
        written.set(actor.id, now.getTime());
        await ctx.deps.storage.care.seen(actor.id, now.toISOString());
      }
    }
    return next();
  };
}
