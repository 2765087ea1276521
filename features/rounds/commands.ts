/**
 * Medicine rounds: /round_open (workers), /rounds (staff: open rounds and
 * the counts per state, with the work list, CSV, join, stop and finish),
 * /medicine (residents: the round open for them, or the urgent way), and
 * every button: the resident's Send my list / Ask urgently, and the staff's
 * sheet (collected, bought or not available, delivered, settled, photos).
 * Roles are checked on every one; what shows a list's medicines, photos or
 * phone answers only the staff handling that round, and only in private.
 */
import {
  type CallbackQueryContext,
  Composer,
  GrammyError,
  InlineKeyboard,
  InputFile,
} from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import type { Role } from "../../domain/roles.js";
import { ROUND_OPEN } from "./open.js";
import {
  listPayload,
  overviewKeyboard,
  overviewText,
  reasonKeyboard,
  roundButtons,
  sheetKeyboard,
  sheetText,
  statusLabel,
  type Tr,
} from "./render.js";
import {
  advanceList,
  exportRound,
  finishRound,
  joinRound,
  listPhotos,
  overview,
  resolveMedicine,
  roundEntry,
  roundsFor,
  type StepOutcome,
  sheet,
  stopRound,
  urgentForUnavailable,
  workList,
} from "./service.js";
import { ROUND_SETTLE } from "./settle.js";
import { entryRefusal, missedKeyboard, ROUND_SUBMIT } from "./submit.js";

const STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];
const WORKERS: readonly Role[] = ["worker"];

export const rounds = new Composer<BotContext>();

const tOf =
  (ctx: BotContext): Tr =>
  (key, vars) =>
    ctx.t(key, vars);

/** Edits the pressed message; an edit that changes nothing (a double press) is fine. */
async function edit(
  ctx: BotContext,
  text: string,
  reply_markup: InlineKeyboard | undefined,
): Promise<void> {
  try {
    await ctx.editMessageText(text, { reply_markup });
  } catch (error) {
    if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
  }
}

// ================================================================ commands

rounds.command("round_open", privateOnly(), requireRole("round.open", WORKERS), async (ctx) => {
  await enterConversation(ctx, ROUND_OPEN);
});

/** /rounds: every round not finished, one message each, with the counts per state. */
rounds.command("rounds", privateOnly(), requireRole("round.view", STAFF), async (ctx) => {
  const list = await overview(ctx.deps);
  if (list.length === 0) {
    await ctx.reply(ctx.t("rd-none"));
    return;
  }
  const t = tOf(ctx);
  for (const o of list) {
    await ctx.reply(overviewText(ctx.deps, t, o.round, o.figures, o.accepting), {
      reply_markup: overviewKeyboard(t, o.round),
    });
  }
});

/** /medicine: the rounds open for the resident's household, or the urgent way when there is none. */
rounds.command("medicine", privateOnly(), async (ctx) => {
  const me = ctx.from?.id as number;
  if (!(await ctx.deps.storage.households.ofPerson(me))) {
    await ctx.reply(ctx.t("rd-register-first"));
    return;
  }
  const open = await roundsFor(ctx.deps, me);
  if (open.length === 0) {
    await ctx.reply(ctx.t("rd-medicine-none"), { reply_markup: missedKeyboard(ctx, 0) });
    return;
  }
  const tz = ctx.deps.config.timezone;
  for (const round of open) {
    const entry = await roundEntry(ctx.deps, round.id, me);
    if (entry.kind === "already") {
      await ctx.reply(entryRefusal(ctx, entry));
      continue;
    }
    await ctx.reply(
      ctx.t("rd-medicine-open", {
        id: round.id,
        pharmacy: round.pharmacy,
        time: dateTime(new Date(round.collectAt), tz),
      }),
      {
        reply_markup: new InlineKeyboard().text(
          ctx.t("rd-submit-button"),
          roundButtons.submit.data({ id: round.id }),
        ),
      },
    );
  }
});

// ============================================================ residents

/** Send my list: checked first (registered, for them, not in already, still taking lists). */
onButton(rounds, roundButtons.submit, async (ctx, { id }) => {
  const entry = await roundEntry(ctx.deps, id, ctx.from.id);
  if (entry.kind === "ok") {
    await enterConversation(ctx, ROUND_SUBMIT, id, "round");
    await ctx.answerCallbackQuery();
    return;
  }
  if (entry.kind === "closed") {
    await ctx.reply(entryRefusal(ctx, entry), { reply_markup: missedKeyboard(ctx, id) });
    await ctx.answerCallbackQuery();
    return;
  }
  await ctx.answerCallbackQuery({ text: entryRefusal(ctx, entry), show_alert: true });
});

/** Missed the round and can't wait: the same list, filed as an urgent medicine request. */
onButton(rounds, roundButtons.missed, async (ctx, { id }) => {
  if (!(await ctx.deps.storage.households.ofPerson(ctx.from.id))) {
    await ctx.answerCallbackQuery({ text: ctx.t("rd-register-first"), show_alert: true });
    return;
  }
  await enterConversation(ctx, ROUND_SUBMIT, id, "urgent");
  await ctx.answerCallbackQuery();
});

/** What couldn't be bought, filed as an urgent request by the household's own press. */
onButton(rounds, roundButtons.urgent, async (ctx, { id }) => {
  const outcome = await urgentForUnavailable(ctx.deps, id, ctx.from.id);
  if (!outcome.ok) {
    await ctx.answerCallbackQuery({ text: ctx.t(`rd-urgent-${outcome.reason}`), show_alert: true });
    return;
  }
  try {
    await ctx.editMessageReplyMarkup();
  } catch {
    // The message may be too old to edit: the request is filed all the same.
  }
  await ctx.reply(ctx.t("rd-urgent-filed", { number: outcome.number }));
  await ctx.answerCallbackQuery();
});

// ================================================================ staff

/**
 * Staff buttons: the role on the server, and private chat only (a list's
 * details never go to a group). Returns false when refused (already answered).
 */
async function staffOnly(
  ctx: CallbackQueryContext<BotContext>,
  action: string,
  roles: readonly Role[] = STAFF,
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

async function refused(ctx: CallbackQueryContext<BotContext>, reason: string, state?: string) {
  await ctx.answerCallbackQuery({
    text: ctx.t(`rd-refused-${reason}`, { state: state ?? "" }),
    show_alert: true,
  });
}

/** After a step: the sheet as it now is, in place; a refusal says why and shows the list as it is. */
async function showStep(
  ctx: CallbackQueryContext<BotContext>,
  outcome: StepOutcome,
  done: string,
): Promise<void> {
  const t = tOf(ctx);
  if (outcome.ok) {
    await ctx.answerCallbackQuery({ text: ctx.t(done) });
    await edit(
      ctx,
      sheetText(t, outcome.submission, outcome.resident),
      sheetKeyboard(t, outcome.submission),
    );
    return;
  }
  if (outcome.reason === "unknown" || outcome.reason === "not-handler")
    return refused(ctx, outcome.reason);
  const s = outcome.submission;
  await refused(ctx, outcome.reason, s ? statusLabel(t, s.status) : "");
  if (s) {
    const current = await sheet(ctx.deps, s.id, ctx.from.id);
    if (!("refused" in current))
      await edit(
        ctx,
        sheetText(t, current.submission, current.resident),
        sheetKeyboard(t, current.submission),
      );
  }
}

/** The work list: a new message from /rounds, or in place when paging or coming back. */
async function showList(
  ctx: CallbackQueryContext<BotContext>,
  id: number,
  page: number,
  inPlace: boolean,
): Promise<void> {
  if (!(await staffOnly(ctx, "round.list"))) return;
  const found = await workList(ctx.deps, id, page, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  const payload = listPayload(tOf(ctx), found.round, found.lines, found.page, found.total);
  if (inPlace) await edit(ctx, payload.text, payload.reply_markup);
  else await ctx.reply(payload.text, { reply_markup: payload.reply_markup });
  await ctx.answerCallbackQuery();
}

onButton(rounds, roundButtons.list, (ctx, { id, page }) => showList(ctx, id, page, false));
onButton(rounds, roundButtons.page, (ctx, { id, page }) => showList(ctx, id, page, true));

/** One list's sheet, in place of the work list. */
onButton(rounds, roundButtons.open, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.sheet"))) return;
  const found = await sheet(ctx.deps, id, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  const t = tOf(ctx);
  await ctx.answerCallbackQuery();
  await edit(
    ctx,
    sheetText(t, found.submission, found.resident),
    sheetKeyboard(t, found.submission),
  );
});

onButton(rounds, roundButtons.back, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.sheet"))) return;
  const found = await sheet(ctx.deps, id, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  const t = tOf(ctx);
  await ctx.answerCallbackQuery();
  await edit(
    ctx,
    sheetText(t, found.submission, found.resident),
    sheetKeyboard(t, found.submission),
  );
});

onButton(rounds, roundButtons.collect, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.collect"))) return;
  await showStep(ctx, await advanceList(ctx.deps, id, "collect", ctx.from.id), "rd-done-collect");
});

onButton(rounds, roundButtons.bought, async (ctx, { id, item }) => {
  if (!(await staffOnly(ctx, "round.bought"))) return;
  const outcome = await resolveMedicine(ctx.deps, id, item, { bought: true }, ctx.from.id);
  await showStep(ctx, outcome, "rd-done-bought");
});

/** Not available: the reasons, in place of the sheet's buttons. */
onButton(rounds, roundButtons.unavailable, async (ctx, { id, item }) => {
  if (!(await staffOnly(ctx, "round.unavailable"))) return;
  const found = await sheet(ctx.deps, id, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  await ctx.answerCallbackQuery({ text: ctx.t("rd-ask-reason", { n: item }) });
  const t = tOf(ctx);
  await edit(ctx, sheetText(t, found.submission, found.resident), reasonKeyboard(t, id, item));
});

onButton(rounds, roundButtons.reason, async (ctx, { id, item, reason }) => {
  if (!(await staffOnly(ctx, "round.unavailable"))) return;
  const outcome = await resolveMedicine(ctx.deps, id, item, { bought: false, reason }, ctx.from.id);
  await showStep(ctx, outcome, "rd-done-unavailable");
});

onButton(rounds, roundButtons.deliver, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.deliver"))) return;
  await showStep(ctx, await advanceList(ctx.deps, id, "deliver", ctx.from.id), "rd-done-deliver");
});

onButton(rounds, roundButtons.settle, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.settle"))) return;
  const found = await sheet(ctx.deps, id, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  await enterConversation(ctx, ROUND_SETTLE, id);
  await ctx.answerCallbackQuery();
});

/** The photos, sent by file_id to the presser's private chat (never into a group). */
onButton(rounds, roundButtons.photos, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.photos"))) return;
  const found = await listPhotos(ctx.deps, id, ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  const s = found.submission;
  for (const [i, photo] of s.photos.entries()) {
    await ctx.api.sendPhoto(ctx.from.id, photo, {
      caption: ctx.t("rd-photo-caption", {
        round: s.roundId,
        number: s.number,
        n: i + 1,
        count: s.photos.length,
      }),
    });
  }
  await ctx.answerCallbackQuery();
});

onButton(rounds, roundButtons.csv, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.csv"))) return;
  const found = await exportRound(ctx.deps, id, await ctx.i18n.getLocale(), ctx.from.id);
  if ("refused" in found) return refused(ctx, found.refused);
  await ctx.replyWithDocument(new InputFile(Buffer.from(found.csv), `medicine-round-${id}.csv`));
  await ctx.answerCallbackQuery();
});

onButton(rounds, roundButtons.join, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.join"))) return;
  const outcome = await joinRound(ctx.deps, id, ctx.from.id);
  await ctx.answerCallbackQuery({ text: ctx.t(`rd-join-${outcome}`, { id }), show_alert: true });
});

/** The overview message again, as it now is (after stop). */
async function refreshOverview(ctx: CallbackQueryContext<BotContext>, id: number) {
  const found = (await overview(ctx.deps)).find((o) => o.round.id === id);
  if (!found) return;
  const t = tOf(ctx);
  await edit(
    ctx,
    overviewText(ctx.deps, t, found.round, found.figures, found.accepting),
    overviewKeyboard(t, found.round),
  );
}

onButton(rounds, roundButtons.stop, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.stop", WORKERS))) return;
  const outcome = await stopRound(ctx.deps, id, ctx.from.id);
  await ctx.answerCallbackQuery({ text: ctx.t(`rd-stop-${outcome}`, { id }), show_alert: true });
  await refreshOverview(ctx, id);
});

onButton(rounds, roundButtons.finish, async (ctx, { id }) => {
  if (!(await staffOnly(ctx, "round.finish", WORKERS))) return;
  const outcome = await finishRound(ctx.deps, id, ctx.from.id);
  if (!outcome.ok) {
    await ctx.answerCallbackQuery({
      text: ctx.t(`rd-finish-${outcome.reason}`, { id, count: outcome.count ?? 0 }),
      show_alert: true,
    });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t("rd-finish-done", { id }), show_alert: true });
  try {
    await ctx.editMessageReplyMarkup();
  } catch {
    // Already without buttons.
  }
});
