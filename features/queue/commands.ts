/**
 * Queue numbers: /queue_open (workers, coordinators), /queues (staff: the
 * panel of each open queue with Next, Skip and Close), /queue and the
 * `queue_<id>` deep link (residents: take a number, see the number now
 * served and how many are ahead), and the buttons. Roles are checked on
 * every command and button.
 */
import { type CallbackQueryContext, Composer, GrammyError, type InlineKeyboard } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import type { Role } from "../../domain/roles.js";
import { QUEUE_OPEN, QUEUE_OPENERS } from "./open.js";
import {
  cardPayload,
  closeConfirmKeyboard,
  closedText,
  goodsText,
  panelPayload,
  queueButtons,
  type Tr,
} from "./render.js";
import { callNext, closeQueue, openQueues, panel, queueView, takeNumber } from "./service.js";

const STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];

export const queue = new Composer<BotContext>();

const tOf =
  (ctx: BotContext): Tr =>
  (key, vars) =>
    ctx.t(key, vars);

/** Edits the pressed message; an edit that changes nothing (a double press) is fine. */
async function edit(ctx: BotContext, text: string, reply_markup: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { reply_markup });
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
  }
}

// ================================================================ commands

queue.command(
  "queue_open",
  privateOnly(),
  requireRole("queue.open", QUEUE_OPENERS),
  async (ctx) => {
    await enterConversation(ctx, QUEUE_OPEN);
  },
);

/** /queues: the panel of each open queue. */
queue.command("queues", privateOnly(), requireRole("queue.panel", STAFF), async (ctx) => {
  const open = await openQueues(ctx.deps);
  if (open.length === 0) {
    await ctx.reply(ctx.t("qu-none-staff"));
    return;
  }
  for (const q of open) {
    const p = await panel(ctx.deps, q.id);
    if (!p) continue;
    const payload = panelPayload(tOf(ctx), p.queue, p.serving, p.figures);
    await ctx.reply(payload.text, { reply_markup: payload.reply_markup });
  }
});

/** A resident's card for one queue. */
async function showCard(ctx: BotContext, queueId: number): Promise<void> {
  const view = await queueView(ctx.deps, queueId, ctx.from?.id as number);
  if (!view) {
    await ctx.reply(ctx.t("qu-unknown"));
    return;
  }
  const payload = cardPayload(tOf(ctx), view.queue, view.serving, view.mine);
  await ctx.reply(payload.text, { reply_markup: payload.reply_markup });
}

/** /queue: every open queue, with the resident's own number where they hold one. */
queue.command("queue", privateOnly(), async (ctx) => {
  const open = await openQueues(ctx.deps);
  if (open.length === 0) {
    await ctx.reply(ctx.t("qu-none"));
    return;
  }
  for (const q of open) await showCard(ctx, q.id);
});

/** `/start queue_<id>`: the link in a building group's post. */
export async function startQueueFromLink(ctx: BotContext, payload: string): Promise<void> {
  const id = Number(/^queue_(\d+)$/.exec(payload)?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(id)) {
    await ctx.reply(ctx.t("qu-unknown"));
    return;
  }
  await showCard(ctx, id);
}

// ============================================================ residents

onButton(queue, queueButtons.take, async (ctx, { id }) => {
  const outcome = await takeNumber(ctx.deps, id, ctx.from.id);
  const t = tOf(ctx);
  if (outcome.ok || outcome.reason === "already") {
    const { view } = outcome;
    const mine = view.mine as NonNullable<typeof view.mine>;
    await ctx.answerCallbackQuery({
      text: ctx.t(outcome.ok ? "qu-taken" : "qu-already", { number: String(mine.ticket.number) }),
      show_alert: !outcome.ok,
    });
    const payload = cardPayload(t, view.queue, view.serving, view.mine);
    await edit(ctx, payload.text, payload.reply_markup);
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t(`qu-take-${outcome.reason}`), show_alert: true });
  if (outcome.reason === "gone" || outcome.reason === "closed") {
    const view = await queueView(ctx.deps, id, ctx.from.id);
    if (view) {
      const payload = cardPayload(t, view.queue, view.serving, view.mine);
      await edit(ctx, payload.text, payload.reply_markup);
    }
  }
});

onButton(queue, queueButtons.view, async (ctx, { id }) => {
  const view = await queueView(ctx.deps, id, ctx.from.id);
  if (!view) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const payload = cardPayload(tOf(ctx), view.queue, view.serving, view.mine);
  await edit(ctx, payload.text, payload.reply_markup);
});

/** The goods and prices, and their photos by file_id. */
onButton(queue, queueButtons.goods, async (ctx, { id }) => {
  const q = await ctx.deps.storage.queues.get(id);
  if (!q) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.reply(goodsText(tOf(ctx), q));
  for (const [i, photo] of q.photos.entries()) {
    await ctx.replyWithPhoto(photo, {
      caption: ctx.t("qu-photo-caption", { point: q.point, n: i + 1, count: q.photos.length }),
    });
  }
  await ctx.answerCallbackQuery();
});

// ================================================================ staff

/** Staff buttons: the role on the server, and private chat only. False when refused (answered). */
async function staffOnly(
  ctx: CallbackQueryContext<BotContext>,
  action: string,
  roles: readonly Role[],
): Promise<boolean> {
  if (!holds(ctx, roles)) {
    await refuse(ctx, action, roles);
    return false;
  }
  if (ctx.chat?.type !== "private") {
    await ctx.answerCallbackQuery({
      text: ctx.t("private-only", { bot: ctx.me.username }),
      show_alert: true,
    });
    return false;
  }
  return true;
}

async function showPanel(ctx: BotContext, queueId: number): Promise<void> {
  const p = await panel(ctx.deps, queueId);
  if (!p) return;
  const payload = panelPayload(tOf(ctx), p.queue, p.serving, p.figures);
  await edit(ctx, payload.text, payload.reply_markup);
}

/** Next / Skip: the next number is called once, however many presses arrive together. */
async function call(
  ctx: CallbackQueryContext<BotContext>,
  id: number,
  seen: number,
  kind: "next" | "skip",
): Promise<void> {
  if (!(await staffOnly(ctx, `queue.${kind}`, STAFF))) return;
  const outcome = await callNext(ctx.deps, id, seen, kind, ctx.from.id);
  if (outcome.ok) {
    await ctx.answerCallbackQuery({
      text: outcome.called
        ? ctx.t("qu-called", { number: String(outcome.called.number) })
        : ctx.t("qu-nobody-waiting"),
    });
  } else if (outcome.reason === "stale") {
    const serving = await ctx.deps.storage.queues.serving(id);
    await ctx.answerCallbackQuery({
      text: ctx.t("qu-stale", { number: String(serving?.number ?? "—") }),
      show_alert: true,
    });
  } else {
    await ctx.answerCallbackQuery({ text: ctx.t(`qu-call-${outcome.reason}`), show_alert: true });
  }
  await showPanel(ctx, id);
}

onButton(queue, queueButtons.next, (ctx, { id, seen }) => call(ctx, id, seen, "next"));
onButton(queue, queueButtons.skip, (ctx, { id, seen }) => call(ctx, id, seen, "skip"));

onButton(queue, queueButtons.panel, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "queue.panel", STAFF))) return;
  await ctx.answerCallbackQuery();
  await showPanel(ctx, id);
});

/** Close: asked first (those still waiting will be told). */
onButton(queue, queueButtons.close, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "queue.close", QUEUE_OPENERS))) return;
  const p = await panel(ctx.deps, id);
  if (p?.queue.status !== "open") {
    await ctx.answerCallbackQuery({ text: ctx.t("qu-call-closed"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const waiting = p.figures.waiting - (p.serving ? 1 : 0);
  await edit(
    ctx,
    ctx.t("qu-close-ask", { id, point: p.queue.point, waiting }),
    closeConfirmKeyboard(tOf(ctx), id),
  );
});

onButton(queue, queueButtons.closeYes, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "queue.close", QUEUE_OPENERS))) return;
  const outcome = await closeQueue(ctx.deps, id, ctx.from.id);
  if (!outcome.ok) {
    await ctx.answerCallbackQuery({ text: ctx.t("qu-call-closed"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  try {
    await ctx.editMessageText(closedText(tOf(ctx), outcome.queue, outcome.figures, outcome.waits));
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
  }
});
