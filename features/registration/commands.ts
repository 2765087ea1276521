/**
 * /register, the way other features send an unregistered person here first,
 * and /residents: a worker's list of a room's residents, where a wrong one
 * can be removed (workers and admins; every button checks the role again).
 */
import { Composer, GrammyError } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import { formatAddress, parseAddress } from "../../domain/address.js";
import type { Role } from "../../domain/roles.js";
import { REGISTRATION } from "./registration.js";
import { confirmRemoveKeyboard, residentButtons, residentLabel, roomPayload } from "./render.js";
import { allowAgain, removeResident, roomOf } from "./service.js";

/** Who may see a room's residents and remove a wrong one (admins too). */
export const ROOM_KEEPERS: readonly Role[] = ["worker"];

export const registrationCommands = new Composer<BotContext>();

registrationCommands.command("register", privateOnly(), async (ctx) => {
  await startRegistration(ctx);
});

export async function startRegistration(
  ctx: BotContext,
  building?: string,
  after?: string,
): Promise<void> {
  await enterConversation(ctx, REGISTRATION, building, after);
}

registrationCommands.command(
  "residents",
  privateOnly(),
  requireRole("household.view", ROOM_KEEPERS),
  async (ctx) => {
    const parsed = parseAddress(ctx.match.trim());
    if (!parsed.ok) {
      await ctx.reply(ctx.t("res-usage"));
      return;
    }
    const room = await roomOf(ctx.deps, parsed.address);
    if (!room || (room.residents.length === 0 && room.removed.length === 0)) {
      await ctx.reply(ctx.t("res-none", { address: formatAddress(parsed.address) }));
      return;
    }
    const { text, reply_markup } = roomPayload(ctx, room);
    await ctx.reply(text, reply_markup ? { reply_markup } : {});
  },
);

onButton(registrationCommands, residentButtons.remove, async (ctx, { h, p }) => {
  if (!holds(ctx, ROOM_KEEPERS)) return refuse(ctx, "household.remove", ROOM_KEEPERS);
  const household = await ctx.deps.storage.households.byId(h);
  const room = household && (await roomOf(ctx.deps, household));
  const resident = room?.residents.find((r) => r.personId === p);
  if (!household || !resident) {
    await ctx.answerCallbackQuery({ text: ctx.t("res-gone"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(
    ctx.t("res-confirm-remove", {
      name: residentLabel(resident),
      address: formatAddress(household),
    }),
    { reply_markup: confirmRemoveKeyboard(ctx, h, p) },
  );
});

onButton(registrationCommands, residentButtons.removeYes, async (ctx, { h, p }) => {
  if (!holds(ctx, ROOM_KEEPERS)) return refuse(ctx, "household.remove", ROOM_KEEPERS);
  const outcome = await removeResident(ctx.deps, ctx.from.id, h, p);
  await ctx.answerCallbackQuery();
  const text = outcome.ok
    ? ctx.t("res-removed", {
        name: residentLabel(outcome.resident),
        address: formatAddress(outcome.household),
      })
    : ctx.t("res-gone");
  await editOrReply(ctx, text);
});

onButton(registrationCommands, residentButtons.removeNo, async (ctx) => {
  await ctx.answerCallbackQuery();
  await editOrReply(ctx, ctx.t("res-kept"));
});

onButton(registrationCommands, residentButtons.allow, async (ctx, { h, p }) => {
  if (!holds(ctx, ROOM_KEEPERS)) return refuse(ctx, "household.allow", ROOM_KEEPERS);
  const household = await ctx.deps.storage.households.byId(h);
  const room = household && (await roomOf(ctx.deps, household));
  const removed = room?.removed.find((r) => r.personId === p);
  const allowed = household && removed ? await allowAgain(ctx.deps, ctx.from.id, h, p) : false;
  await ctx.answerCallbackQuery({
    text:
      allowed && household && removed
        ? ctx.t("res-allowed", { name: residentLabel(removed), address: formatAddress(household) })
        : ctx.t("res-gone"),
    show_alert: true,
  });
});

/** The question's message becomes the answer; a message that can't be edited gets a reply. */
async function editOrReply(ctx: BotContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text);
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    await ctx.reply(text);
  }
}
