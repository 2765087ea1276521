/**
 * An edit that changes nothing is done, not failed.
 *
 * Telegram refuses an edit whose text and buttons are what the message
 * already shows ("Bad Request: message is not modified"): a button pressed
 * twice, a report re-rendered with the same figures, a reply markup already
 * taken off. Thrown, that refusal used to end the handler with an apology,
 * and inside a conversation it threw away the conversation. The message
 * already looks the way the edit wanted, so `unchangedEditsAreDone` answers
 * the caller with success (`true`, as for an inline message) instead; the
 * debug log keeps a trace.
 *
 * An API transformer, installed on bot.api and inside conversations. The
 * outbox (its own client) records the refusal on its row instead.
 */
import type { Transformer } from "grammy";
import type { Logger } from "pino";
import { direct, type Live } from "./live.js";

const EDITS = new Set([
  "editMessageText",
  "editMessageCaption",
  "editMessageReplyMarkup",
  "editMessageMedia",
]);

export function isNotModified(description: string | undefined): boolean {
  return (description ?? "").toLowerCase().includes("message is not modified");
}

export function unchangedEditsAreDone(
  logger: Pick<Logger, "debug">,
  live: Live = direct,
): Transformer {
  return async (prev, method, payload, signal) => {
    const answer = await prev(method, payload, signal);
    if (answer.ok || !EDITS.has(method) || !isNotModified(answer.description)) return answer;
    await live(() => logger.debug({ method }, "edit changed nothing; taken as done"));
    return { ok: true, result: true } as unknown as typeof answer;
  };
}
