/**
 * A resident's medicine list, in private: the medicines (name and how much,
 * one per line), photos of the prescription or medical record, how they will
 * pay, then a summary where anything can be changed before it is sent. The
 * household gets its number in the round.
 *
 * In "urgent" mode (the round was missed and the medicine can't wait) the
 * same questions, without payment, end in an urgent medicine request instead.
 */
import { InlineKeyboard } from "grammy";
import { asker } from "../../bot/ask.js";
import type { BaseContext, BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation } from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import {
  MEDICINE_AMOUNT_MAX,
  MEDICINE_NAME_MAX,
  MEDICINES_MAX,
  type MedicineLine,
  needsPhotos,
  PAYMENTS,
  type Payment,
  parseMedicineList,
  ROUND_PHOTOS_MAX,
  type RoundNeed,
} from "../../domain/medicine-round.js";
import { itemLine, paymentLabel, roundButtons, statusLabel } from "./render.js";
import { type Entry, fileUrgentMedicine, type ListDraft, submitList } from "./service.js";

const { choose, askText, askPhotos } = asker(roundButtons.answer);

export type SubmitMode = "round" | "urgent";

async function askMedicines(
  conversation: BotConversation,
  ctx: ConvContext,
): Promise<MedicineLine[]> {
  const items = await askText(conversation, ctx, "meds", ctx.t("rd-ask-medicines"), (raw) => {
    const parsed = parseMedicineList(raw);
    if (parsed.ok) return { ok: true, value: parsed.items };
    return {
      ok: false,
      error: ctx.t(`rd-medicines-${parsed.error}`, {
        line: parsed.line ?? "",
        max: MEDICINES_MAX,
        name: MEDICINE_NAME_MAX,
        amount: MEDICINE_AMOUNT_MAX,
      }),
    };
  });
  return items ?? [];
}

async function askListPhotos(
  conversation: BotConversation,
  ctx: ConvContext,
  needs: readonly RoundNeed[],
): Promise<string[]> {
  const papers = needsPhotos(needs);
  return askPhotos(
    conversation,
    ctx,
    "photos",
    ctx.t(papers ? "rd-ask-photos-needed" : "rd-ask-photos-optional", { max: ROUND_PHOTOS_MAX }),
    ROUND_PHOTOS_MAX,
    {
      none: ctx.t(papers ? "rd-photos-at-door" : "rd-photos-none"),
      done: ctx.t("rd-photos-done"),
    },
  );
}

async function askPayment(conversation: BotConversation, ctx: ConvContext): Promise<Payment> {
  return choose(
    conversation,
    ctx,
    "pay",
    ctx.t("rd-ask-payment"),
    PAYMENTS.map((p) => ({ value: p, label: ctx.t(`rd-pay-${p}`) })),
    1,
  );
}

type SummaryChoice = "send" | "cancel" | "meds" | "photos" | "pay";

async function summary(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: ListDraft,
  mode: SubmitMode,
): Promise<SummaryChoice> {
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const lines = [
    ctx.t(mode === "round" ? "rd-summary-title" : "rd-summary-title-urgent"),
    ...draft.items.map((item, i) => itemLine(t, item, i)),
    ctx.t("rd-summary-photos", { count: draft.photos.length }),
  ];
  if (mode === "round")
    lines.push(ctx.t("rd-summary-payment", { payment: paymentLabel(t, draft.payment) }));
  const options: Array<{ value: SummaryChoice; label: string }> = [
    {
      value: "send",
      label: ctx.t(mode === "round" ? "rd-summary-send" : "rd-summary-send-urgent"),
    },
    { value: "meds", label: ctx.t("rd-summary-edit-meds") },
    { value: "photos", label: ctx.t("rd-summary-edit-photos") },
    ...(mode === "round" ? [{ value: "pay" as const, label: ctx.t("rd-summary-edit-pay") }] : []),
    { value: "cancel", label: ctx.t("rd-summary-cancel") },
  ];
  return choose(conversation, ctx, "sum", lines.join("\n"), options, 1);
}

/** What a resident is told when their list can't be taken (or is in already). */
export function entryRefusal(ctx: BaseCtx, entry: Exclude<Entry, { kind: "ok" }>): string {
  const tz = ctx.deps.config.timezone;
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  switch (entry.kind) {
    case "already":
      return ctx.t("rd-already", {
        id: entry.round.id,
        number: entry.submission.number,
        state: statusLabel(t, entry.submission.status),
      });
    case "closed":
      return ctx.t("rd-missed", {
        id: entry.round.id,
        time: dateTime(new Date(entry.round.collectAt), tz),
      });
    case "not-for-you":
      return ctx.t("rd-not-for-you", { id: entry.round.id });
    case "not-registered":
      return ctx.t("rd-register-first");
    case "unknown":
      return ctx.t("button-expired");
  }
}

type BaseCtx = Pick<BaseContext, "t" | "deps">;

/** The "ask urgently" button offered when the round was missed. */
export function missedKeyboard(ctx: BaseCtx, roundId: number): InlineKeyboard {
  return new InlineKeyboard().text(
    ctx.t("rd-urgent-button"),
    roundButtons.missed.data({ id: roundId }),
  );
}

async function submitConversation(
  conversation: BotConversation,
  ctx: ConvContext,
  roundId: number,
  mode: SubmitMode,
) {
  const me = ctx.from?.id as number;
  const needs = await conversation.external(
    async (c) => (await c.deps.storage.rounds.get(roundId))?.needs ?? [],
  );
  await ctx.reply(ctx.t(mode === "round" ? "rd-intro" : "rd-urgent-intro", { id: roundId }));
  const draft: ListDraft = {
    items: await askMedicines(conversation, ctx),
    photos: await askListPhotos(conversation, ctx, needs),
    payment: mode === "round" ? await askPayment(conversation, ctx) : "cash",
  };
  for (;;) {
    const choice = await summary(conversation, ctx, draft, mode);
    if (choice === "send") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "meds") draft.items = await askMedicines(conversation, ctx);
    if (choice === "photos") draft.photos = await askListPhotos(conversation, ctx, needs);
    if (choice === "pay") draft.payment = await askPayment(conversation, ctx);
  }

  if (mode === "urgent") {
    const filed = await conversation.external((c) =>
      fileUrgentMedicine(c.deps, me, draft.items, draft.photos),
    );
    await ctx.reply(ctx.t("rd-urgent-filed", { number: filed.number }));
    return;
  }
  const result = await conversation.external(async (c) => {
    const outcome = await submitList(c.deps, roundId, me, draft);
    if (outcome.ok) {
      return {
        ok: true as const,
        number: outcome.submission.number,
        time: outcome.round.collectAt,
      };
    }
    return { ok: false as const, text: entryRefusal(c, outcome.entry), kind: outcome.entry.kind };
  });
  if (result.ok) {
    await ctx.reply(
      ctx.t("rd-submitted", {
        id: roundId,
        number: result.number,
        time: dateTime(new Date(result.time), ctx.deps.config.timezone),
      }),
    );
    return;
  }
  // The round closed while the list was being written: the urgent way is offered.
  await ctx.reply(
    result.text,
    result.kind === "closed" ? { reply_markup: missedKeyboard(ctx, roundId) } : {},
  );
}

/** The resident's list (round id, mode): from the announcement's button, or /medicine. */
export const ROUND_SUBMIT = defineConversation("round-submit", submitConversation);
