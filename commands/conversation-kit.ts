/**
 * Small helpers shared by the guided conversations. Conversation code
 * replays, so everything that touches the database goes through
 * `conversation.external`.
 */
import type { BotConversation, ConvContext } from "../bot/context.js";

/**
 * Waits for the person's next update. A command (other than the ones handled
 * before conversations, like /cancel) is passed on to the rest of the bot, so
 * /help or /language work mid-conversation and the question stays open.
 */
export async function nextInput(conversation: BotConversation): Promise<ConvContext> {
  const next = await conversation.wait();
  if (next.message?.text?.startsWith("/")) await conversation.skip({ next: true });
  return next;
}

/** Answers a button press that belongs to no open question of this conversation. */
export async function staleButton(ctx: ConvContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("conv-answer-current"), show_alert: false });
}

/** Pulls the callback data out of an update when it starts with `prefix`. */
export function pressed(ctx: ConvContext, prefix: string): string | undefined {
  const data = ctx.callbackQuery?.data;
  return data?.startsWith(prefix) ? data.slice(prefix.length) : undefined;
}
