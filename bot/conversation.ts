/**
 * Small helpers shared by the guided conversations. Conversation code
 * replays, so everything that touches the database goes through
 * `conversation.external`.
 */
import type { BotConversation, ConvContext } from "./context.js";

/**
 * Buttons that must work wherever they are pressed, even while the person is
 * in the middle of a conversation: taking an urgent page, confirming a
 * notice, handling a request, the report's buttons, language and /forget.
 */
const ANYWHERE_BUTTONS = /^(esc:|rq:|nt:(ok|q|remind|csv):|lang:|forget:)/;
/** The SOS keyboard button's text starts with this. */
const SOS_MARK = "🆘";

/**
 * Waits for the person's next update. Commands (other than the ones handled
 * before conversations, like /cancel), the SOS button and buttons that work
 * anywhere are passed on to the rest of the bot, so /help, an SOS or taking
 * an urgent page work mid-conversation, and the open question stays open.
 */
export async function nextInput(conversation: BotConversation): Promise<ConvContext> {
  const next = await conversation.wait();
  const text = next.message?.text;
  const data = next.callbackQuery?.data;
  if (
    text?.startsWith("/") ||
    text?.startsWith(SOS_MARK) ||
    (data && ANYWHERE_BUTTONS.test(data))
  ) {
    await conversation.skip({ next: true });
  }
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
