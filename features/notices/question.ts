/**
 * "I have a question" under a notice: the resident writes it in private; it
 * is kept on their delivery (the report counts questions) and goes to their
 * grid worker first; without one, it is filed as a policy-question request
 * linked to the notice, so someone answers it.
 */
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, question } from "../../bot/conversation.js";
import { cleanLine } from "../../domain/text.js";
import { askedText } from "../grid/index.js";
import { askAboutNotice } from "./service.js";

const QUESTION_MAX = 1000;

async function askNoticeQuestion(
  conversation: BotConversation,
  ctx: ConvContext,
  noticeId: number,
) {
  await ctx.reply(ctx.t("notice-question-ask", { id: noticeId, max: QUESTION_MAX }));
  const ask = question(conversation, []);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined || cleanLine(text) === "") {
      await answer.reply(ctx.t("conv-expected-text"));
      continue;
    }
    if (text.length > QUESTION_MAX) {
      await answer.reply(
        ctx.t("notice-question-too-long", { length: text.length, max: QUESTION_MAX }),
      );
      continue;
    }
    const userId = ctx.from?.id as number;
    // Kept on the delivery (the report counts questions), and sent to the
    // resident's grid worker (or, with none, filed as a policy-question request).
    const filed = await conversation.external((c) =>
      askAboutNotice(c.deps, noticeId, userId, text),
    );
    await answer.reply(
      filed.type === "worker"
        ? askedText(ctx, filed.asked)
        : filed.type === "request"
          ? ctx.t("rq-notice-question-filed", { number: filed.number })
          : ctx.t("notice-question-limited"),
    );
    return;
  }
}

/** The question, as a conversation of its own (opened by the notice's button). */
export const NOTICE_QUESTION = defineConversation("notice-question", askNoticeQuestion);
