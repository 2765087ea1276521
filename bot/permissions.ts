/**
 * Server-side permission checks for every command and every button. A
 * refusal is polite, says who may do it, and goes to the audit log. In a
 * group it is said at most once per person in 10 minutes (bot/limits.ts).
 */
import type { MiddlewareFn } from "grammy";
import { mayAct, type Role } from "../domain/roles.js";
import type { BaseContext } from "./context.js";
import { maySayInGroup } from "./limits.js";

export function holds(ctx: BaseContext, allowed: readonly Role[]): boolean {
  return ctx.actor !== undefined && mayAct(ctx.actor.roles, allowed);
}

/** The roles, translated and joined: "管理员、社工". */
export function roleNames(ctx: BaseContext, roles: readonly Role[]): string {
  const names = ["admin", ...roles.filter((r) => r !== "admin")].map((r) => ctx.t(`role-${r}`));
  return names.join(ctx.t("list-or"));
}

export async function refuse(
  ctx: BaseContext,
  action: string,
  allowed: readonly Role[],
): Promise<void> {
  await ctx.deps.storage.audit.log({
    actorId: ctx.from?.id ?? null,
    action,
    outcome: "denied",
    detail: { chat: ctx.chat?.id },
  });
  const text = ctx.t("denied", { roles: roleNames(ctx, allowed) });
  // A button's answer is seen only by whoever pressed it; a reply in a group by everyone.
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else if (await maySayInGroup(ctx)) await ctx.reply(text);
}

/** Lets the update through only for holders of one of `allowed` (admins always). */
export function requireRole(action: string, allowed: readonly Role[]): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    if (holds(ctx, allowed)) return next();
    await refuse(ctx, action, allowed);
  };
}

/** Commands that only make sense in a private chat. */
export function privateOnly(): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === "private") return next();
    await sayPrivateOnly(ctx);
  };
}

/** "Please do this in private", in a group at most once per person in 10 minutes. */
export async function sayPrivateOnly(ctx: BaseContext): Promise<void> {
  if (!(await maySayInGroup(ctx))) return;
  await ctx.reply(ctx.t("private-only", { bot: ctx.me.username }), {
    reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id } : undefined,
  });
}
