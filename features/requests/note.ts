/**
 * The few words that go with a change, asked in private: the note on "Done",
 * the reason for "Can't do" (or for a volunteer giving a task back), and the
 * resident's words after "Not solved". The change is applied when the words
 * arrive (for "Not solved" it already happened at the press, so a resident
 * who doesn't write anything is still heard).
 */
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation } from "../../bot/conversation.js";
import { questions } from "./ask.js";
import { requestButtons } from "./render.js";
import { act, addReopenWords, check } from "./service.js";

export const NOTE_MAX = 500;
const { askText } = questions(requestButtons.note);

export type NoteAction = "done" | "cant" | "reopen";

async function requestNote(
  conversation: BotConversation,
  ctx: ConvContext,
  id: number,
  action: NoteAction,
): Promise<void> {
  const me = ctx.from?.id as number;
  const info = await conversation.external(async (c) => {
    const actor = { id: me, roles: c.actor?.roles ?? new Set() };
    const r = await c.deps.storage.requests.get(id);
    const effective =
      action === "reopen" ? "reopen" : (await check(c.deps, actor, id, action)).action;
    return { number: r?.number ?? "?", effective };
  });

  if (info.effective === "reopen") {
    const words = await ask(
      conversation,
      ctx,
      ctx.t("rq-ask-reopen-words", { number: info.number }),
      {
        skip: ctx.t("rq-skip-words"),
      },
    );
    if (words === null) {
      await ctx.reply(ctx.t("rq-reopen-no-words", { number: info.number }));
      return;
    }
    await conversation.external((c) => addReopenWords(c.deps, me, id, words));
    await ctx.reply(ctx.t("rq-reopen-words-sent", { number: info.number }));
    return;
  }

  const isDone = info.effective === "done";
  const words = await ask(
    conversation,
    ctx,
    ctx.t(`rq-ask-note-${info.effective}`, { number: info.number, max: NOTE_MAX }),
    isDone ? { skip: ctx.t("rq-btn-no-note") } : {},
  );
  const outcome = await conversation.external(async (c) => {
    const actor = { id: me, roles: c.actor?.roles ?? new Set() };
    const result = await act(c.deps, actor, id, action, { note: words });
    return result.ok
      ? { ok: true as const, action: result.action }
      : { ok: false as const, reason: result.reason, status: result.request?.status ?? null };
  });
  if (outcome.ok) {
    await ctx.reply(ctx.t(`rq-ok-${outcome.action}`, { number: info.number }));
    return;
  }
  await ctx.reply(
    ctx.t(`rq-refused-${outcome.reason}`, {
      number: info.number,
      status: outcome.status ? ctx.t(`rq-status-${outcome.status}`) : "—",
      name: "—",
    }),
  );
}

/** The note as a conversation of its own (Done, Can't do, Not solved). */
export const REQUEST_NOTE = defineConversation("request-note", requestNote, {
  // Done and Can't do are staff's (the change itself is checked again when the words arrive).
  rolesNeeded: (args) =>
    args[1] === "reopen" ? undefined : ["volunteer", "coordinator", "worker"],
});

/** A note in words; with `skip`, a button (or typing its words) leaves it out. */
function ask(
  conversation: BotConversation,
  ctx: ConvContext,
  question: string,
  opts: { skip?: string },
) {
  return askText(conversation, ctx, "note", question, { max: NOTE_MAX, skipLabel: opts.skip });
}
