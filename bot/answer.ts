/**
 * Answering a button never fails the action it belongs to.
 *
 * The answer to a button press (answerCallbackQuery) only stops the spinner
 * on the person's screen, or shows a short toast. Telegram refuses it once
 * the press is older than its window ("query is too old and response timeout
 * expired or query ID is invalid"), which happens whenever the work before
 * the answer, a restart, or a slow network took long. Thrown from inside a
 * handler, that refusal threw away what the press was for: inside a
 * conversation, the whole registration.
 *
 * So every answerCallbackQuery goes through `safeAnswers`: those two refusals
 * are expected and ignored (debug log); any other failure (a network error
 * after the retries, a 5xx, a bad parameter) is logged as a warning; in
 * every case the caller is told it worked and carries on. Handlers still do
 * their work first and answer last, so a slow answer never delays the work.
 *
 * It is an API transformer: installed on bot.api and, through the
 * conversations' plugins, inside conversations too (bot.api's transformers
 * don't reach there).
 */
import type { Transformer } from "grammy";
import type { Logger } from "pino";
import { direct, type Live } from "./live.js";

/** "query is too old and response timeout expired or query ID is invalid", and its variants. */
export function isExpiredQuery(description: string | undefined): boolean {
  const text = (description ?? "").toLowerCase();
  return text.includes("query is too old") || text.includes("query id is invalid");
}

export function safeAnswers(
  logger: Pick<Logger, "debug" | "warn">,
  live: Live = direct,
): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== "answerCallbackQuery") return prev(method, payload, signal);
    try {
      const answer = await prev(method, payload, signal);
      if (answer.ok) return answer;
      const { error_code: code, description } = answer;
      if (isExpiredQuery(description)) {
        await live(() => logger.debug({ code }, "button answered too late; ignored"));
      } else {
        await live(() =>
          logger.warn({ code, description }, "answering a button failed; the action went on"),
        );
      }
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      await live(() => logger.warn({ err }, "answering a button failed; the action went on"));
    }
    // answerCallbackQuery returns `true`; nobody reads more than that.
    return { ok: true, result: true } as Awaited<ReturnType<typeof prev<typeof method>>>;
  };
}
