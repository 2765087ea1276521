/** /register, and the way other features send an unregistered person here first. */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { privateOnly } from "../../bot/permissions.js";
import { REGISTRATION } from "./registration.js";

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
