/**
 * Guided conversations: how one is defined, how one is started while another
 * is open (decided here, once), and how a conversation waits for its answers.
 *
 * A conversation waits only for its own buttons and for plain messages (text,
 * photos, a contact...). Everything else goes on to the rest of the bot,
 * unchanged: another feature's button, a command, a persistent key such as
 * 🆘, an edited message. The open question stays open, and the conversation
 * goes on after it. No feature keeps a list of buttons that "work anywhere":
 * every button works anywhere, because only its owner answers it.
 *
 * Conversation code replays, so everything that touches the database goes
 * through `conversation.external`.
 */
import { randomBytes } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { PendingConversation } from "../storage/kv.js";
import { type AnyButton, button, onButton } from "./callback-data.js";
import type { BaseContext, BotContext, BotConversation, ConvContext } from "./context.js";
import type { ReplyKey } from "./keys.js";

// ============================================================ definitions

export interface ConversationDef<A extends unknown[] = unknown[]> {
  /** Stored with the conversation's state; `conv-name-<id>` in locales/ names it for people. */
  readonly id: string;
  readonly builder: (conversation: BotConversation, ctx: ConvContext, ...args: A) => Promise<void>;
  /**
   * Opens on top of whatever conversation is open instead of asking to leave
   * it, and gets each update first. For the SOS: it can't wait, and what was
   * open goes on after it.
   */
  readonly parallel: boolean;
}

/** Any conversation, whatever its arguments (for the app's list). */
export type AnyConversation = ConversationDef<never>;

export function defineConversation<A extends unknown[]>(
  id: string,
  builder: (conversation: BotConversation, ctx: ConvContext, ...args: A) => Promise<void>,
  options: { parallel?: boolean } = {},
): ConversationDef<A> {
  return { id, builder, parallel: options.parallel ?? false };
}

// ================================================================ waiting

/** What a conversation answers to besides plain messages: its own buttons and keys. */
export type Own = ReadonlyArray<AnyButton | ReplyKey>;

const isKey = (own: AnyButton | ReplyKey): own is ReplyKey => "matches" in own;

/**
 * The person's next answer for this conversation: a press of one of its own
 * buttons, or a plain message. Anything else is passed on to the rest of the
 * bot, and this waits again for the next update.
 */
export async function nextInput(conversation: BotConversation, own: Own): Promise<ConvContext> {
  const next = await conversation.wait();
  if (isAnswer(next, own)) return next;
  return conversation.skip({ next: true });
}

function isAnswer(ctx: ConvContext, own: Own): boolean {
  if (ctx.callbackQuery) {
    const data = ctx.callbackQuery.data;
    return own.some((o) => !isKey(o) && o.read(data) !== undefined);
  }
  const message = ctx.message;
  // Edits, membership changes and the like are not answers.
  if (!message) return false;
  const command = message.entities?.some((e) => e.type === "bot_command" && e.offset === 0);
  if (command) return false;
  const key = ctx.deps.keys.find((k) => k.matches(message.text));
  return key === undefined || own.includes(key);
}

/** Answers a press of this conversation's own button that belongs to no open question. */
export async function staleButton(ctx: ConvContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("conv-answer-current"), show_alert: false });
}

// ================================================================ entering

/** The Yes/No under "Leave your unfinished …?". */
export const leaveButtons = {
  leave: button("cv:leave", { token: "str" }),
  stay: button("cv:stay", { token: "str" }),
};

function names(ctx: BaseContext, ids: readonly string[]): string {
  return ids.map((id) => ctx.t(`conv-name-${id}`)).join(ctx.t("list-separator"));
}

const chatOf = (ctx: BaseContext) => String(ctx.chatId);

/**
 * The one place that starts a conversation. With nothing open it starts at
 * once. With another open it asks "Leave your unfinished …?": Yes leaves it
 * and starts this one, No keeps it. What was asked for is stored, so the
 * answer works after a restart. A parallel conversation (the SOS) starts at
 * once on top; asked for again, it starts over.
 */
export async function enterConversation<A extends unknown[]>(
  ctx: BotContext,
  def: ConversationDef<A>,
  ...args: A
): Promise<void> {
  const open = Object.keys(ctx.conversation.active());
  if (def.parallel) {
    if (open.includes(def.id)) await ctx.conversation.exit(def.id);
    await ctx.conversation.enter(def.id, ...args);
    return;
  }
  if (open.length === 0) {
    await ctx.conversation.enter(def.id, ...args);
    return;
  }
  const token = randomBytes(6).toString("base64url");
  await ctx.deps.storage.pendingEntries.write(chatOf(ctx), { id: def.id, args, token, open });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("conv-leave-yes"), leaveButtons.leave.data({ token }))
    .text(ctx.t("conv-leave-no"), leaveButtons.stay.data({ token }));
  // Asked for again while it is open: the same question, put as starting over.
  const again = open.length === 1 && open[0] === def.id;
  const question = again
    ? ctx.t("conv-restart-ask", { open: names(ctx, open) })
    : ctx.t("conv-leave-ask", { open: names(ctx, open), next: names(ctx, [def.id]) });
  await ctx.reply(question, { reply_markup: keyboard });
}

/** The pending entry these buttons were made for, taken (so a second press finds nothing). */
async function takePending(
  ctx: BotContext,
  token: string,
): Promise<PendingConversation | undefined> {
  const store = ctx.deps.storage.pendingEntries;
  const pending = await store.read(chatOf(ctx));
  if (pending?.token !== token) return undefined;
  await store.delete(chatOf(ctx));
  return pending;
}

/** Yes and No under "Leave your unfinished …?". Installed by the app after the conversations. */
export const conversationChoices = new Composer<BotContext>();

onButton(conversationChoices, leaveButtons.leave, async (ctx, { token }) => {
  const pending = await takePending(ctx, token);
  if (!pending) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.editMessageReplyMarkup();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(pending.id, ...pending.args);
  await ctx.answerCallbackQuery();
});

onButton(conversationChoices, leaveButtons.stay, async (ctx, { token }) => {
  const pending = await takePending(ctx, token);
  if (!pending) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.editMessageText(ctx.t("conv-leave-kept", { open: names(ctx, pending.open) }));
  await ctx.answerCallbackQuery();
});
