/**
 * Questions inside a guided conversation, for a feature that owns one answer
 * button (`prefix:step:value`): a choice of buttons, an answer in words
 * checked by the feature, and a few photos. Like every conversation, it takes
 * only its own buttons and plain messages (`question`, which also caps the
 * answers one question takes); a press of one of its buttons that answers an
 * older question is told to answer the current one.
 */
import { InlineKeyboard } from "grammy";
import type { Button } from "./callback-data.js";
import type { BotConversation, ConvContext } from "./context.js";
import { MAX_TRIES, question as newQuestion, type Question, staleButton } from "./conversation.js";

export interface Choice<V extends string = string> {
  value: V;
  label: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The button carrying a conversation's answers: which question (step) and the value chosen. */
export type AnswerButton = Button<{ step: string; value: string }>;

/** Letters and digits only, lower case: typing a button's words ("现金") matches "💵 现金". */
export const bare = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

export function asker(answers: AnswerButton) {
  const data = (step: string, value: string) => answers.data({ step, value });
  /** One question's answers: presses of this conversation's button, or messages. */
  const input = (conversation: BotConversation, tries?: number): Question =>
    newQuestion(conversation, [answers], { tries });
  const pressedAt = (answer: ConvContext, step: string) => {
    const pressed = answers.of(answer);
    return pressed?.step === step ? pressed.value : undefined;
  };

  /** A question with buttons; typing a button's words works too. */
  async function choose<V extends string>(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    options: ReadonlyArray<Choice<V>>,
    perRow = 2,
  ): Promise<V> {
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
        typed === undefined || bare(typed) === ""
          ? undefined
          : options.find((o) => bare(o.label) === bare(typed));
      if (match) return match.value;
      // The buttons come again below the answer, so they are at hand.
      await answer.reply(
        ctx.t(typed === undefined ? "ask-use-buttons-not-media" : "ask-use-buttons"),
        {
          reply_markup: keyboard,
        },
      );
    }
  }

  /**
   * A question answered in words, checked by `check` (its error is said and
   * the question stays open). With `skip`, a button (or typing its words)
   * answers null.
   */
  async function askText<T>(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    check: (text: string) => Checked<T> | Promise<Checked<T>>,
    skip?: string,
  ): Promise<T | null> {
    const keyboard = skip ? new InlineKeyboard().text(skip, data(step, "skip")) : undefined;
    await ctx.reply(question, keyboard ? { reply_markup: keyboard } : {});
    const ask = input(conversation);
    for (;;) {
      const answer = await ask.next();
      if (skip && pressedAt(answer, step) === "skip") {
        await answer.answerCallbackQuery();
        await answer.editMessageText(`${question}\n→ ${skip}`);
        return null;
      }
      if (answer.callbackQuery) {
        await staleButton(answer);
        continue;
      }
      const text = answer.message?.text;
      if (text === undefined) {
        await answer.reply(
          ctx.t(answer.message?.photo ? "ask-photo-not-text" : "ask-text-expected"),
        );
        continue;
      }
      if (skip && bare(text) === bare(skip)) return null;
      const checked = await check(text);
      if (checked.ok) return checked.value;
      await answer.reply(checked.error, keyboard ? { reply_markup: keyboard } : {});
    }
  }

  /**
   * Up to `max` photos (their file_ids), ended with a button: `none` before
   * the first photo, `done` after it.
   */
  async function askPhotos(
    conversation: BotConversation,
    ctx: ConvContext,
    step: string,
    question: string,
    max: number,
    labels: { none: string; done: string },
  ): Promise<string[]> {
    const photos: string[] = [];
    const none = new InlineKeyboard().text(labels.none, data(step, "none"));
    const done = new InlineKeyboard().text(labels.done, data(step, "done"));
    await ctx.reply(question, { reply_markup: none });
    const ask = input(conversation, max + MAX_TRIES);
    for (;;) {
      const answer = await ask.next();
      const pressed = pressedAt(answer, step);
      if (pressed === "none" || pressed === "done") {
        await answer.answerCallbackQuery();
        await answer.editMessageReplyMarkup();
        return photos;
      }
      if (answer.callbackQuery) {
        await staleButton(answer);
        continue;
      }
      const photo = answer.message?.photo?.at(-1);
      if (photo) {
        photos.push(photo.file_id);
        if (photos.length >= max) {
          await answer.reply(ctx.t("ask-photos-enough", { count: photos.length }));
          return photos;
        }
        await answer.reply(ctx.t("ask-photo-received", { count: photos.length, max }), {
          reply_markup: done,
        });
        continue;
      }
      const text = answer.message?.text;
      const label = photos.length > 0 ? labels.done : labels.none;
      if (text !== undefined && bare(text) === bare(label)) return photos;
      await answer.reply(ctx.t("ask-photo-expected"), {
        reply_markup: photos.length > 0 ? done : none,
      });
    }
  }

  return { data, input, pressedAt, choose, askText, askPhotos };
}
