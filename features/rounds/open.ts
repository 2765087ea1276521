/**
 * /round_open: a worker opens a medicine round. Which pharmacy or clinic,
 * when the lists are collected (lists are taken until then), what residents
 * must have ready, a note, and who it is for; then a preview of exactly what
 * one resident receives, with the counts, where any answer can be changed.
 */
import { InlineKeyboard } from "grammy";
import { asker, type Checked } from "../../bot/ask.js";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, staleButton } from "../../bot/conversation.js";
import { holds } from "../../bot/permissions.js";
import {
  isRoundNeed,
  PHARMACY_MAX,
  ROUND_NEEDS,
  ROUND_NOTE_MAX,
  type RoundNeed,
} from "../../domain/medicine-round.js";
import { parseTarget } from "../../domain/notice-target.js";
import { parseWhen } from "../../domain/schedule.js";
import { announcementPayload, roundButtons } from "./render.js";
import { openRound, previewRound, type RoundDraft, unknownBuildings } from "./service.js";

const { choose, askText, input, data, pressedAt } = asker(roundButtons.answer);

/** Words as typed (Chinese punctuation kept), trimmed. */
function text(ctx: ConvContext, max: number, raw: string): Checked<string> {
  const value = raw.trim();
  if (value === "") return { ok: false, error: ctx.t("rd-text-empty") };
  if (value.length > max)
    return { ok: false, error: ctx.t("rd-text-too-long", { length: value.length, max }) };
  return { ok: true, value };
}

async function askPharmacy(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  const answer = await askText(conversation, ctx, "pharmacy", ctx.t("rd-ask-pharmacy"), (raw) =>
    text(ctx, PHARMACY_MAX, raw.replace(/\s+/g, " ")),
  );
  return answer ?? "";
}

async function askWhen(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  const answer = await askText(conversation, ctx, "when", ctx.t("rd-ask-when"), async (raw) => {
    // The injected clock, not Date.now(): replayed like any other outside call.
    const now = await conversation.external((c) => c.deps.clock.now().toISOString());
    const when = parseWhen(raw, new Date(now), ctx.deps.config.timezone);
    return when.ok
      ? { ok: true, value: when.at.toISOString() }
      : { ok: false, error: ctx.t(`rd-when-${when.error}`) };
  });
  return answer ?? "";
}

/** What residents must have ready: toggles, then Done. The medicine list is always asked for. */
async function askNeeds(
  conversation: BotConversation,
  ctx: ConvContext,
  current: readonly RoundNeed[],
): Promise<RoundNeed[]> {
  const chosen = new Set<RoundNeed>(current);
  const keyboard = () => {
    const k = new InlineKeyboard();
    for (const need of ROUND_NEEDS) {
      const mark = chosen.has(need) ? "☑" : "☐";
      k.text(`${mark} ${ctx.t(`rd-need-${need}`)}`, data("needs", need)).row();
    }
    return k.text(ctx.t("rd-needs-done"), data("needs", "done"));
  };
  await ctx.reply(ctx.t("rd-ask-needs"), { reply_markup: keyboard() });
  // Ticking and unticking boxes takes several presses.
  const ask = input(conversation, 20);
  for (;;) {
    const answer = await ask.next();
    const value = pressedAt(answer, "needs");
    if (value === "done") {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return ROUND_NEEDS.filter((n) => chosen.has(n));
    }
    if (value !== undefined && isRoundNeed(value)) {
      if (chosen.has(value)) chosen.delete(value);
      else chosen.add(value);
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup({ reply_markup: keyboard() });
      continue;
    }
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(ctx.t("conv-use-buttons"), { reply_markup: keyboard() });
  }
}

async function askNote(conversation: BotConversation, ctx: ConvContext): Promise<string | null> {
  return askText(
    conversation,
    ctx,
    "note",
    ctx.t("rd-ask-note", { max: ROUND_NOTE_MAX }),
    (raw) => text(ctx, ROUND_NOTE_MAX, raw),
    ctx.t("rd-skip"),
  );
}

async function askTarget(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("rd-target-all"), data("target", "all"))
    .text(ctx.t("rd-target-chronic"), data("target", "#chronic_medicine"));
  await ctx.reply(ctx.t("rd-ask-target"), { reply_markup: keyboard });
  const ask = input(conversation);
  for (;;) {
    const answer = await ask.next();
    const pressed = pressedAt(answer, "target");
    if (answer.callbackQuery && pressed === undefined) {
      await staleButton(answer);
      continue;
    }
    if (pressed !== undefined) await answer.answerCallbackQuery();
    const raw = pressed ?? answer.message?.text;
    if (raw === undefined) {
      await answer.reply(ctx.t("rd-target-expected"));
      continue;
    }
    const parsed = parseTarget(raw);
    if (!parsed.ok) {
      await answer.reply(ctx.t("rd-target-bad", { part: parsed.part ?? "" }));
      continue;
    }
    const target = parsed.target;
    const check = await conversation.external(async (c) => ({
      unknown: await unknownBuildings(c.deps, target),
      count: (await previewRound(c.deps, raw)).recipients,
    }));
    if (check.unknown.length > 0) {
      await answer.reply(ctx.t("rd-target-unknown", { buildings: check.unknown.join(", ") }));
      continue;
    }
    if (check.count === 0) {
      await answer.reply(ctx.t("rd-target-nobody"));
      continue;
    }
    if (pressed !== undefined) await answer.editMessageReplyMarkup();
    return raw.trim();
  }
}

type PreviewChoice = "send" | "cancel" | "pharmacy" | "when" | "needs" | "note" | "target";
const EDITS = ["pharmacy", "when", "needs", "note", "target"] as const;

async function preview(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: RoundDraft,
): Promise<PreviewChoice> {
  const counts = await conversation.external((c) => previewRound(c.deps, draft.target));
  const locale = await ctx.i18n.getLocale();
  const sample = announcementPayload(
    ctx.deps,
    locale,
    { ...draft, id: 0 },
    counts.sampleAddress ?? "3-2-501",
  );
  await ctx.reply(ctx.t("rd-preview-intro"));
  await ctx.reply(sample.text);
  const options = [
    { value: "send" as const, label: ctx.t("rd-preview-send") },
    ...EDITS.map((e) => ({ value: e, label: ctx.t(`rd-edit-${e}`) })),
    { value: "cancel" as const, label: ctx.t("rd-preview-cancel") },
  ];
  const question = ctx.t("rd-preview-counts", {
    recipients: counts.recipients,
    reachable: counts.reachable,
    unreachable: counts.recipients - counts.reachable,
  });
  const choice: PreviewChoice = await choose(conversation, ctx, "preview", question, options);
  // Residents may have left since the target was checked: ask for it again.
  return choice === "send" && counts.recipients === 0 ? "target" : choice;
}

async function openRoundConversation(conversation: BotConversation, ctx: ConvContext) {
  const me = ctx.from?.id as number;
  const draft: RoundDraft = {
    pharmacy: await askPharmacy(conversation, ctx),
    collectAt: await askWhen(conversation, ctx),
    needs: await askNeeds(conversation, ctx, ["prescription"]),
    note: await askNote(conversation, ctx),
    target: await askTarget(conversation, ctx),
  };
  for (;;) {
    const choice = await preview(conversation, ctx, draft);
    if (choice === "send") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "pharmacy") draft.pharmacy = await askPharmacy(conversation, ctx);
    if (choice === "when") draft.collectAt = await askWhen(conversation, ctx);
    if (choice === "needs") draft.needs = await askNeeds(conversation, ctx, draft.needs);
    if (choice === "note") draft.note = await askNote(conversation, ctx);
    if (choice === "target") draft.target = await askTarget(conversation, ctx);
  }
  // The role is checked again as it is used: it may have been taken back meanwhile.
  const opened = await conversation.external(async (c) => {
    if (!holds(c, ["worker"])) return null;
    const { round, recipients } = await openRound(c.deps, draft, me);
    return { id: round.id, recipients };
  });
  if (!opened) {
    await ctx.reply(ctx.t("rd-role-gone"));
    return;
  }
  await ctx.reply(ctx.t("rd-opened", { id: opened.id, count: opened.recipients }));
}

export const ROUND_OPEN = defineConversation("round-open", openRoundConversation, {
  rolesNeeded: () => ["worker"],
});
