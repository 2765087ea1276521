/**
 * The bot's direct sends (replies, edits, documents, photos) take their slot
 * from the same flood budget as the outbox (outbox/budget.ts), ahead of it.
 * answerCallbackQuery and other calls that put no message anywhere pass
 * straight through.
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
    const ticket = await budget.take(chatId, signal as AbortSignal | undefined);
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
