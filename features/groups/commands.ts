/**
 * Group chats: the bot being added or removed, /bind (which building, or the
 * staff group), the welcome message with the Register button, and a group
 * upgraded to a supergroup keeping its binding.
 */
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { holds, refuse } from "../../bot/permissions.js";
import { parseBuilding } from "../../domain/address.js";
import {
  bindGroup,
  botAdded,
  botRemoved,
  migrateGroup,
  setBlocked,
  setWelcome,
} from "./service.js";

export const groups = new Composer<BotContext>();

const isGroup = (type: string | undefined) => type === "group" || type === "supergroup";

groups.on("my_chat_member", async (ctx) => {
  const { chat, new_chat_member: member, from } = ctx.myChatMember;
  if (chat.type === "private") {
    // The person blocked or unblocked the bot.
    await setBlocked(ctx.deps, chat.id, member.status === "kicked");
    return;
  }
  if (!isGroup(chat.type)) return;
  const present = member.status === "member" || member.status === "administrator";
  if (!present) {
    await botRemoved(ctx.deps, chat.id, from.id);
    return;
  }
  const wasPresent = ["member", "administrator"].includes(ctx.myChatMember.old_chat_member.status);
  const group = await botAdded(ctx.deps, chat.id, "title" in chat ? chat.title : null, from.id);
  if (wasPresent) return; // only a change of rights (e.g. made admin): nothing to say
  if (group?.kind) {
    await ctx.reply(ctx.t("group-back", { binding: bindingName(ctx, group.kind, group.building) }));
  } else if (holds(ctx, ["admin"])) {
    await ctx.reply(ctx.t("group-added-admin"));
  } else {
    await ctx.reply(ctx.t("group-added-other"));
  }
});

groups.command("bind", async (ctx) => {
  if (!isGroup(ctx.chat.type)) {
    await ctx.reply(ctx.t("bind-private"));
    return;
  }
  if (!holds(ctx, ["admin"])) return refuse(ctx, "group.bind", ["admin"]);
  const arg = ctx.match.trim();
  const staff = /^(staff|工作组|值班)$/i.test(arg);
  const building = staff ? null : parseBuilding(arg);
  if (!staff && !building) {
    await ctx.reply(
      ctx.t(arg === "" ? "bind-usage" : "bind-bad-building", { value: arg.slice(0, 20) }),
    );
    return;
  }
  const outcome = await bindGroup(
    ctx.deps,
    { id: ctx.chat.id, title: ctx.chat.title ?? null },
    ctx.from?.id ?? null,
    building ? { kind: "building", building } : { kind: "staff" },
  );
  if (outcome === "unknown-building") {
    await ctx.reply(ctx.t("bind-unknown-building", { building: building ?? "" }));
    return;
  }
  if (staff) {
    await ctx.reply(ctx.t("bind-staff-done"));
    return;
  }
  await postWelcome(ctx, building as string);
});

async function postWelcome(ctx: BotContext, building: string): Promise<void> {
  const chatId = ctx.chat?.id as number;
  const link = `https://t.me/${ctx.me.username}?start=join_${building}`;
  const keyboard = new InlineKeyboard()
    .url(ctx.t("welcome-register-button"), link)
    .row()
    .url(ctx.t("rq-ask-for-help-button"), `https://t.me/${ctx.me.username}?start=request`);
  const welcome = await ctx.reply(ctx.t("welcome-building", { building }), {
    reply_markup: keyboard,
  });
  await setWelcome(ctx.deps, chatId, welcome.message_id);
  try {
    await ctx.api.pinChatMessage(chatId, welcome.message_id, { disable_notification: true });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    await ctx.reply(ctx.t("welcome-cannot-pin"));
  }
}

function bindingName(ctx: BotContext, kind: "building" | "staff", building: string | null): string {
  return kind === "staff"
    ? ctx.t("binding-staff")
    : ctx.t("binding-building", { building: building ?? "?" });
}

/** The old group's service message and the new supergroup's both carry the move; either is enough. */
groups.on("message:migrate_to_chat_id", async (ctx) => {
  await migrateGroup(ctx.deps, ctx.chat.id, ctx.message.migrate_to_chat_id);
});
groups.on("message:migrate_from_chat_id", async (ctx) => {
  await migrateGroup(ctx.deps, ctx.message.migrate_from_chat_id, ctx.chat.id);
});
