/**
 * The questions the request conversations ask: a choice of buttons, or an
 * answer in words, each with its polite refusals. One set per conversation,
 * for the button that carries its answers (the intake's, the note's); like
 * every conversation, it takes only its own buttons and plain messages.
 */
import { InlineKeyboard } from "grammy";
import type { Button } from "../../bot/callback-data.js";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { question as askQuestion, type Question, staleButton } from "../../bot/conversation.js";
import { checkText } from "../../domain/request-catalogue.js";

/** Letters and digits only, lower case: "💊 药品" and "药品" match. */
export const bare = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

export interface Option {
  value: string;
  label: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The button carrying a conversation's answers: which question (step) and the value chosen. */
export type AnswerButton = Button<{ step: string; value: string }>;

export function questions(answers: AnswerButton) {
  /** The data of the button choosing `value` at `step`. */
  const data = (step: string, value: string) => answers.data({ step, value });

  /** A question's answers: presses of this conversation's button, or messages. */
  const input = (conversation: BotConversation, tries?: number): Question =>
    askQuestion(conversation, [answers], { tries });

  /** The value pressed, if the press answers `step`. */
  function pressedAt(answer: ConvContext, step: string): string | undefined {
    const pressed = answers.of(answer);
    return pressed?.step === step ? pressed.value : undefined;
  }

  /**
   * A question with buttons. Typing a button's words works too (for people who
   * type rather than tap); anything else is answered and the buttons come again.
   */
  async function choose(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    options: Option[],
    perRow = 2,
  ): Promise<string> {
    const keyboard = new InlineKeyboard();
    options.forEach((o, i) => {
      keyboard.text(o.label, data(step, o.value));
      if ((i + 1) % perRow === 0 && i < options.length - 1) keyboard.row();
    });
    await ctx.reply(question, { reply_markup: keyboard });
    const ask = input(conversation);
    for (;;) {
      const answer = await ask.next();
      const value = pressedAt(answer, step);
      const option = options.find((o) => o.value === value);
      if (option) {
        await answer.answerCallbackQuery();
        await answer.editMessageText(`${question}\n→ ${option.label}`);
        return option.value;
      }
      if (answer.callbackQuery) {
        await staleButton(answer);
        continue;
      }
      const typed = answer.message?.text;
      const match =
        typed === undefined ? undefined : options.find((o) => bare(o.label) === bare(typed));
      if (match && bare(typed ?? "") !== "") return match.value;
      await answer.reply(
        ctx.t(typed === undefined ? "rq-use-buttons-not-media" : "rq-use-buttons"),
        {
          reply_markup: keyboard,
        },
      );
    }
  }

  /**
   * A question answered in words. A photo, a sticker or a voice message is
   * refused politely; too long or empty is said with the numbers; `parse`
   * checks the answer further (its error is said, and the question stays
   * open). With `skipLabel`, a button (or typing its words) leaves it empty.
   */
  async function askText<T = string>(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    opts: {
      max: number;
      kind?: "text" | "list";
      skipLabel?: string;
      parse?: (value: string) => Parsed<T> | Promise<Parsed<T>>;
    },
  ): Promise<T | null> {
    const keyboard = opts.skipLabel
      ? new InlineKeyboard().text(opts.skipLabel, data(step, "skip"))
      : undefined;
    await ctx.reply(question, keyboard ? { reply_markup: keyboard } : {});
    const ask = input(conversation);
    for (;;) {
      const answer = await ask.next();
      if (opts.skipLabel && pressedAt(answer, step) === "skip") {
        await answer.answerCallbackQuery();
        await answer.editMessageText(`${question}\n→ ${opts.skipLabel}`);
        return null;
      }
      if (answer.callbackQuery) {
        await staleButton(answer);
        continue;
      }
      const text = answer.message?.text;
      if (text === undefined) {
        await answer.reply(ctx.t(answer.message?.photo ? "rq-photo-not-text" : "rq-expected-text"));
        continue;
      }
      if (opts.skipLabel && bare(text) === bare(opts.skipLabel)) return null;
      const checked = checkText(text, opts.max, opts.kind ?? "text");
      if (!checked.ok) {
        await answer.reply(
          checked.error === "too-long"
            ? ctx.t("rq-text-too-long", { length: checked.length ?? 0, max: opts.max })
            : ctx.t(opts.kind === "list" ? "rq-list-empty" : "rq-text-empty"),
        );
        continue;
      }
      if (!opts.parse) return checked.value as T;
      const parsed = await opts.parse(checked.value);
      if (parsed.ok) return parsed.value;
      await answer.reply(parsed.error, keyboard ? { reply_markup: keyboard } : {});
    }
  }

  return { input, data, pressedAt, choose, askText };
}
