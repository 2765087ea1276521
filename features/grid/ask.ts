/**
 * Writing in a thread with one's worker: the resident's question (/ask, the
 * Ask button, Reply under an answer), or a staff member's answer (Reply under
 * a relayed question). One message is asked for and relayed through the bot;
 * neither side sees the other's account.
 */
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, nextInput } from "../../bot/conversation.js";
import { formatAddress } from "../../domain/address.js";
import { cleanLine } from "../../domain/text.js";
import {
  type AskOutcome,
  askWorker,
  TEXT_MAX,
  type ThreadWrite,
  writeInThread,
} from "./service.js";

type T = { t(key: string, vars?: Record<string, string | number>): string };

/** What a resident is told after writing to their worker. */
export function sentText(ctx: T, asked: AskOutcome): string {
  if (asked.type === "not-registered") return ctx.t("grid-not-registered");
  if (asked.type === "no-worker") return ctx.t("grid-no-worker");
  const name = asked.to.name;
  if (asked.stepIn)
    return name ? ctx.t("grid-sent-step-in-name", { name }) : ctx.t("grid-sent-step-in");
  return name ? ctx.t("grid-sent-name", { name }) : ctx.t("grid-sent");
}

/** What the writer is told after writing in an existing thread. */
export function writeOutcomeText(ctx: T, written: ThreadWrite, me: number): string {
  switch (written.type) {
    case "asked":
      return sentText(ctx, written.asked);
    case "sent":
      return ctx.t("grid-answer-sent", { address: formatAddress(written.thread) });
    case "closed":
      return written.thread.residentId === me
        ? ctx.t("grid-closed-resident")
        : ctx.t("grid-closed-staff");
    case "denied":
      return ctx.t("grid-not-yours");
    case "no-worker":
      return ctx.t("grid-no-worker");
    default:
      return ctx.t("grid-thread-unknown");
  }
}

async function writeMessage(
  conversation: BotConversation,
  ctx: ConvContext,
  threadId: number | null,
) {
  const me = ctx.from?.id as number;
  const prompt = await conversation.external(
    async (c): Promise<{ key: string; vars: Record<string, string> }> => {
      if (threadId === null) return { key: "grid-ask-prompt", vars: {} };
      const thread = await c.deps.storage.grid.thread(threadId);
      if (!thread || thread.residentId === me) return { key: "grid-ask-prompt", vars: {} };
      return { key: "grid-reply-prompt", vars: { address: formatAddress(thread) } };
    },
  );
  await ctx.reply(ctx.t(prompt.key, prompt.vars));
  for (;;) {
    const answer = await nextInput(conversation, []);
    const text = answer.message?.text;
    if (text === undefined || cleanLine(text) === "") {
      await answer.reply(ctx.t("grid-text-only"));
      continue;
    }
    if (text.length > TEXT_MAX) {
      await answer.reply(ctx.t("grid-too-long", { length: text.length, max: TEXT_MAX }));
      continue;
    }
    const body = text.trim();
    if (threadId === null) {
      const asked = await conversation.external((c) => askWorker(c.deps, me, body));
      await answer.reply(sentText(ctx, asked));
      return;
    }
    const written = await conversation.external((c) =>
      writeInThread(c.deps, threadId, { id: me, roles: c.actor?.roles ?? new Set() }, body),
    );
    await answer.reply(writeOutcomeText(ctx, written, me));
    return;
  }
}

/** One message into a thread (the resident's question or a staff member's answer). */
export const ASK_WORKER = defineConversation("ask-worker", writeMessage);
