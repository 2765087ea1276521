/**
 * The bot's direct sends (replies, edits, documents, photos) take their slot
 * from the same flood budget as the outbox (outbox/budget.ts), ahead of it.
 * answerCallbackQuery and other calls that put no message anywhere pass
 * straight through; an edit counts against the global rate only.
 *
 * An API transformer on bot.api, innermost: each attempt (a retry after a
 * 429 or a network error too) takes its own slot. Inside conversations the
 * whole call runs once, through bot.api (see `throughOutside`), so a slot is
 * never taken again when a conversation replays.
 */
import type { Transformer } from "grammy";
import { chatOfPayload, countsAsMessage, type SendBudget } from "../outbox/budget.js";

export function withinBudget(budget: SendBudget): Transformer {
  return async (prev, method, payload, signal) => {
    if (!countsAsMessage(method)) return prev(method, payload, signal);
    const chatId = chatOfPayload(payload);
    // An edit changes a message already there: it takes a global slot but not
    // one of its chat's (Telegram's one a second per chat is about new
    // messages). Otherwise taking a button's keyboard away would hold back
    // the answer that follows it by a second.
    const slotChat = method.startsWith("edit") ? undefined : chatId;
    const ticket = await budget.take(slotChat, signal as AbortSignal | undefined);
    try {
      const answer = await prev(method, payload, signal);
      const retryAfter = answer.ok ? undefined : answer.parameters?.retry_after;
      if (retryAfter !== undefined) budget.rateLimited(chatId, retryAfter);
      return answer;
    } finally {
      budget.answered(ticket);
    }
  };
}
