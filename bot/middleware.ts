/** Middleware that runs for every update, in and out of conversations. */
import type { MiddlewareFn } from "grammy";
import type { Role } from "../domain/roles.js";
import type { BaseContext, BotDeps } from "./context.js";

export function attachDeps(deps: BotDeps): MiddlewareFn<BaseContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    return next();
  };
}

/**
 * Whether this update is someone using the bot, which is when the bot stores
 * a person: anything in their private chat with it, a press of one of its
 * buttons, or a command addressed to it in a group (`/help`, `/help@thisbot`;
 * not `/help@otherbot`). Not: writing in a group without a command (even a
 * message the bot answers, such as a request for help), joining or leaving a
 * group, adding or removing the bot, a join request.
 */
export function usesBot(ctx: BaseContext): boolean {
  if (ctx.chat?.type === "private" || ctx.callbackQuery !== undefined) return true;
  const msg = ctx.msg;
  const text = msg?.text;
  const command = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!text || !command) return false;
  const [, to] = text.slice(0, command.length).split("@");
  return to === undefined || to.toLowerCase() === ctx.me.username.toLowerCase();
}

/**
 * Loads the sender: their roles (ADMIN_IDS are admins without a database
 * row) and whether they are a resident. Only someone using the bot (see
 * `usesBot`) is recorded; a private message proves they can be reached.
 */
export function loadActor(): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const { storage, config } = ctx.deps;
      const inPrivate = ctx.chat?.type === "private" && ctx.myChatMember === undefined;
      const met = await storage.people.meet(from, { reachable: inPrivate, store: usesBot(ctx) });
      const roles = new Set<Role>(met.roles);
      if (config.adminIds.includes(from.id)) roles.add("admin");
      if (met.resident) roles.add("resident");
      ctx.actor = { id: from.id, person: met.person, roles };
    }
    return next();
  };
}

/** One log line per update with its handling time. No message texts, names or phone numbers. */
export function logUpdates(): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.deps.logger.info(
        {
          update_id: ctx.update.update_id,
          type: Object.keys(ctx.update).find((k) => k !== "update_id"),
          chat_type: ctx.chat?.type,
          command: ctx.msg?.text?.startsWith("/") ? ctx.msg.text.split(/[\s@]/)[0] : undefined,
          ms: Math.round((performance.now() - started) * 100) / 100,
        },
        "update handled",
      );
    }
  };
}

/**
 * Updates from a group the bot was removed from are dropped: nothing can be
 * answered there, and nothing is changed.
 */
export function ignoreInactiveGroups(): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (chat && (chat.type === "group" || chat.type === "supergroup") && !ctx.myChatMember) {
      const group = await ctx.deps.storage.groups.get(chat.id);
      if (group && !group.active) {
        ctx.deps.logger.debug({ chat: chat.id }, "update from an inactive group ignored");
        return;
      }
    }
    return next();
  };
}
