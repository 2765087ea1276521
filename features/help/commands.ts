/** /help: the commands this person may use here, from the one command list. */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Role } from "../../domain/roles.js";
import { commandsFor } from "./command-list.js";

export const help = new Composer<BotContext>();

help.command("help", async (ctx) => {
  const where = ctx.chat.type === "private" ? "private" : "group";
  const held = ctx.actor?.roles ?? new Set<Role>();
  const lines = commandsFor(held, where).map((c) => `/${c.name} — ${ctx.t(`cmd-${c.name}`)}`);
  await ctx.reply([ctx.t("help-title"), "", ...lines].join("\n"));
});
