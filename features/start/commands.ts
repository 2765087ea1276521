/**
 * /start: the door into private chat. Deep links carry what the person came
 * for: `join_<building>` from a building group's Register button,
 * `role_<code>` from an admin's invite, `esc_<id>` / `rq_sheet_<id>` for the
 * details of an item someone took in the staff group.
 */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { privateOnly } from "../../bot/permissions.js";
import { parseBuilding } from "../../domain/address.js";
import { startCheckin } from "../checkin/index.js";
import { showItemFromLink, sosKeyboard } from "../escalation/index.js";
import { workerLinesFor } from "../grid/index.js";
import { setPersonalMenu } from "../help/index.js";
import { startQueueFromLink } from "../queue/index.js";
import { startRegistration } from "../registration/index.js";
import { startRequestFromLink } from "../requests/index.js";
import { redeemInvite } from "../staff/index.js";

export const start = new Composer<BotContext>();
const priv = start.chatType("private");

priv.command("start", async (ctx) => {
  const payload = ctx.match.trim();
  if (payload.startsWith("join_")) {
    const building = parseBuilding(payload.slice("join_".length));
    return startRegistration(ctx, building);
  }
  if (payload.startsWith("role_")) return acceptInvite(ctx, payload.slice("role_".length));
  // The Report button of the daily check-in prompt in a building group.
  if (payload === "checkin") return startCheckin(ctx);
  // An urgent item taken from the staff group by someone the bot couldn't write to yet.
  const item = /^esc_(\d{1,9})$/.exec(payload);
  if (item) return showItemFromLink(ctx, Number(item[1]));
  // Ask for help (group welcome, group hints), Done / Can't do pressed in the staff group,
  // and a request's sheet for someone who took it there.
  if (payload === "request" || payload.startsWith("rq_")) return startRequestFromLink(ctx, payload);
  // Take a number: the button of a queue's post in a building group.
  if (payload.startsWith("queue_")) return startQueueFromLink(ctx, payload);

  const registered = ctx.actor?.roles.has("resident");
  const worker = registered
    ? await workerLinesFor(ctx.deps, await ctx.i18n.getLocale(), ctx.from?.id as number)
    : undefined;
  const welcome = ctx.t(registered ? "start-registered" : "start-new");
  // A registered resident always has the SOS button under the chat, and hears who their worker is.
  await ctx.reply(worker ? `${welcome}\n\n${worker.join("\n")}` : welcome, {
    reply_markup: registered ? sosKeyboard(ctx) : undefined,
  });
});

/** /start typed in a group: the way into private chat. */
start.chatType(["group", "supergroup"]).command("start", privateOnly());

/** An admin's invite link: the role is granted, and the person's command menu follows. */
async function acceptInvite(ctx: BotContext, code: string): Promise<void> {
  const userId = ctx.from?.id as number;
  const result = await redeemInvite(ctx.deps, code, userId);
  if (!result.ok) {
    await ctx.reply(ctx.t(`invite-${result.reason}`));
    return;
  }
  const roles = new Set([...(ctx.actor?.roles ?? []), result.role]);
  await setPersonalMenu(ctx.api, ctx.deps, userId, await ctx.i18n.getLocale(), roles);
  await ctx.reply(ctx.t("invite-welcome", { role: ctx.t(`role-${result.role}`) }));
}
