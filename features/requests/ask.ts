/**
 * The questions the request conversations ask: the shared ones (bot/ask.ts),
 * with the request's own check of an answer in words (length, an empty
 * list). One set per conversation, for the button that carries its answers
 * (the intake's, the note's).
 */
import { type AnswerButton, asker, type Checked } from "../../bot/ask.js";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { checkText } from "../../domain/request-catalogue.js";

export { bare } from "../../bot/ask.js";

export function questions(answers: AnswerButton) {
  const shared = asker(answers);

  /**
   * A question answered in words: too long or empty is said with the
   * numbers; `parse` checks the answer further (its error is said, and the
   * question stays open). With `skipLabel`, a button (or typing its words)
   * leaves it empty.
   */
  function askText<T = string>(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    opts: {
      max: number;
      kind?: "text" | "list";
      skipLabel?: string;
      parse?: (value: string) => Checked<T> | Promise<Checked<T>>;
    },
  ): Promise<T | null> {
    const check = async (text: string): Promise<Checked<T>> => {
      const checked = checkText(text, opts.max, opts.kind ?? "text");
      if (!checked.ok) {
        const error =
          checked.error === "too-long"
            ? ctx.t("rq-text-too-long", { length: checked.length ?? 0, max: opts.max })
            : ctx.t(opts.kind === "list" ? "rq-list-empty" : "rq-text-empty");
        return { ok: false, error };
      }
      return opts.parse ? opts.parse(checked.value) : { ok: true, value: checked.value as T };
    };
    return shared.askText(conversation, ctx, step, question, check, opts.skipLabel);
  }

  return { ...shared, askText };
}
