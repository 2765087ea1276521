/**
 * Requests: /request (everyone, private), /requests (one's own),
 * /tasks (volunteers), /ledger and /export (coordinators), the buttons on
 * cards, offers and updates (each checked on the server), the deep links
 * from groups, and the polite redirect when someone asks for help inside a
 * building group.
 */
import {
  type CallbackQueryContext,
  Composer,
  GrammyError,
  InlineKeyboard,
  InputFile,
} from "grammy";
import { onButton } from "../../bot/callback-data.js";
import { chartTranslate, replyWithChart } from "../../bot/chart-photo.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { dateTime, personName } from "../../bot/format.js";
import { tierOfActor, wouldAllow } from "../../bot/limits.js";
import { holds, privateOnly, requireRole, roleNames } from "../../bot/permissions.js";
import { lastDates } from "../../domain/checkin-schedule.js";
import { looksLikeRequest, parseRequestNumber } from "../../domain/request-catalogue.js";
import {
  dayOf,
  ledgerFigures,
  parseDateRange,
  startOfLocalDate,
} from "../../domain/request-ledger.js";
import type { ActorFacts } from "../../domain/request-states.js";
import type { Role } from "../../domain/roles.js";
import { localDate } from "../../domain/schedule.js";
import { splitMessage } from "../../domain/text.js";
import { askToOpenPrivate } from "../escalation/index.js";
import { replyTaskBoard } from "../volunteers/index.js";
import { requestSettings } from "./duty.js";
import { type IntakePreset, REQUEST_INTAKE } from "./intake.js";
import { ledgerText, requestsCsv } from "./ledger.js";
import { type NoteAction, REQUEST_NOTE } from "./note.js";
import {
  categoryLabel,
  directory,
  offerPayload,
  requestButtons,
  residentView,
  sheetPayload,
  statusLabel,
  taskPayload,
  tr,
} from "./render.js";
import {
  type ActOutcome,
  act,
  check,
  claimGroupHint,
  maySee,
  recordExport,
  visibleRequest,
} from "./service.js";

const COORDINATORS: readonly Role[] = ["coordinator"];

export const requests = new Composer<BotContext>();

function actorOf(ctx: BotContext): ActorFacts {
  return { id: ctx.from?.id as number, roles: ctx.actor?.roles ?? new Set<Role>() };
}

/** Opens the intake in private (asking first if another conversation is open). */
export async function startIntake(ctx: BotContext, preset: IntakePreset | null = null) {
  // Over the limit, say so now rather than after the whole form (filing checks it again).
  const me = ctx.from?.id;
  if (me !== undefined && !(await wouldAllow(ctx.deps, "request", me, tierOfActor(ctx)))) {
    await ctx.reply(ctx.t("rq-limited"));
    return;
  }
  await enterConversation(ctx, REQUEST_INTAKE, preset);
}

async function startNote(ctx: BotContext, id: number, action: NoteAction) {
  await enterConversation(ctx, REQUEST_NOTE, id, action);
}

/**
 * Deep links into private chat: `request` (the Ask for help button) and
 * `rq_done_<id>` / `rq_cant_<id>` (Done / Can't do pressed in the staff
 * group: the note is written here). Called by /start.
 */
export async function startRequestFromLink(ctx: BotContext, payload: string): Promise<void> {
  if (payload === "request") return startIntake(ctx);
  const sheet = /^rq_sheet_(\d{1,9})$/.exec(payload);
  if (sheet) return showSheet(ctx, Number(sheet[1]));
  const m = /^rq_(done|cant)_(\d+)$/.exec(payload);
  if (!m) return startIntake(ctx);
  const action = m[1] as "done" | "cant";
  const id = Number(m[2]);
  const outcome = await check(ctx.deps, actorOf(ctx), id, action);
  if (!outcome.ok) {
    await ctx.reply(await refusalText(ctx, outcome));
    return;
  }
  await startNote(ctx, id, action);
}

/**
 * `/start rq_sheet_<id>`: the full sheet (room, phone, answers) for whoever
 * took the request in the staff group before the bot could write to them,
 * or the volunteer doing it; anyone else is told it doesn't exist.
 */
async function showSheet(ctx: BotContext, id: number): Promise<void> {
  const r = await ctx.deps.storage.requests.get(id);
  const me = ctx.from?.id;
  const as = r?.handlerId === me ? "handler" : r?.assigneeId === me ? "volunteer" : undefined;
  if (!r || !as) {
    await ctx.reply(ctx.t("rq-refused-unknown"));
    return;
  }
  const dir = await directory(ctx.deps, [r.personId, r.filedBy, r.handlerId, r.assigneeId]);
  await ctx.reply(...asReply(sheetPayload(ctx.deps, await ctx.i18n.getLocale(), r, dir, as)));
}

// ================================================================ refusals

async function refusalText(ctx: BotContext, outcome: Extract<ActOutcome, { ok: false }>) {
  const r = outcome.request;
  if (outcome.reason === "denied") {
    // A volunteer refused a claim (a policy question) is told it is for coordinators.
    const roles: readonly Role[] =
      outcome.action === "claim" && !ctx.actor?.roles.has("volunteer")
        ? ["coordinator", "volunteer"]
        : COORDINATORS;
    return ctx.t("denied", { roles: roleNames(ctx, roles) });
  }
  if (outcome.reason === "unknown" || !r) return ctx.t("rq-refused-unknown");
  const dir = await directory(ctx.deps, [r.handlerId, r.assigneeId]);
  const holder = r.assigneeId ?? r.handlerId;
  return ctx.t(`rq-refused-${outcome.reason}`, {
    number: r.number,
    status: statusLabel(tr(ctx.deps, await ctx.i18n.getLocale()), r.status),
    name: holder === null ? "—" : (dir.get(holder)?.name ?? String(holder)),
  });
}

async function refuseButton(ctx: BotContext, outcome: Extract<ActOutcome, { ok: false }>) {
  await ctx.answerCallbackQuery({ text: await refusalText(ctx, outcome), show_alert: true });
}

// ================================================================ commands

requests.command("request", async (ctx) => {
  if (ctx.chat.type !== "private") {
    await groupHint(ctx, true);
    return;
  }
  await startIntake(ctx);
});

/** /requests: one's own requests; /requests 1122-007: one of them (staff: any they may see). */
requests.command("requests", privateOnly(), async (ctx) => {
  const { storage, config } = ctx.deps;
  const me = ctx.from?.id as number;
  const arg = ctx.match.trim();
  const locale = await ctx.i18n.getLocale();
  const t = tr(ctx.deps, locale);
  const time = (iso: string) => dateTime(new Date(iso), config.timezone);
  if (arg === "") {
    const mine = await storage.requests.ofPerson(me);
    if (mine.length === 0) {
      await ctx.reply(ctx.t("rq-mine-none"));
      return;
    }
    const lines = mine.map((r) =>
      ctx.t("rq-mine-line", {
        number: r.number,
        category: categoryLabel(t, r.category),
        status: statusLabel(t, r.status),
        time: time(r.createdAt),
      }),
    );
    await ctx.reply([ctx.t("rq-mine-title"), ...lines, "", ctx.t("rq-mine-hint")].join("\n"));
    return;
  }
  const number = parseRequestNumber(arg);
  const r = number ? await visibleRequest(ctx.deps, actorOf(ctx), number) : undefined;
  if (!r) {
    await ctx.reply(ctx.t("rq-number-unknown", { number: arg.slice(0, 20) }));
    return;
  }
  const dir = await directory(ctx.deps, [r.handlerId, r.assigneeId]);
  const history = await storage.requests.events(r.id);
  for (const chunk of splitMessage(residentView(t, r, dir, history, time))) await ctx.reply(chunk);
});

/** /tasks: the volunteer's own tasks, then the open ones they may take. */
requests.command(
  "tasks",
  privateOnly(),
  requireRole("request.tasks", ["volunteer"]),
  async (ctx) => {
    const { storage } = ctx.deps;
    const me = ctx.from?.id as number;
    const locale = await ctx.i18n.getLocale();
    const mine = await storage.requests.heldBy(me);
    const coordinator = holds(ctx, COORDINATORS);
    const open = (await storage.requests.unclaimed(30))
      .filter((r) => coordinator || r.category !== "policy")
      .slice(0, 10);
    if (mine.length === 0 && open.length === 0) {
      // The teams' other tasks (deliveries, key-care checks…) are listed by the volunteers' ledger.
      if ((await replyTaskBoard(ctx)) === 0) await ctx.reply(ctx.t("rq-tasks-none"));
      return;
    }
    if (mine.length > 0) {
      await ctx.reply(ctx.t("rq-tasks-mine", { count: mine.length }));
      const dir = await directory(
        ctx.deps,
        mine.flatMap((r) => [r.personId, r.handlerId, r.filedBy]),
      );
      for (const r of mine)
        await ctx.reply(
          ...asReply(
            r.status === "assigned"
              ? offerPayload(ctx.deps, locale, r, dir)
              : sheetPayload(ctx.deps, locale, r, dir, "volunteer"),
          ),
        );
    }
    if (open.length > 0) {
      await ctx.reply(ctx.t("rq-tasks-open", { count: open.length }));
      for (const r of open) await ctx.reply(...asReply(taskPayload(ctx.deps, locale, r)));
    }
    await replyTaskBoard(ctx);
  },
);

function asReply(p: { text: string; reply_markup?: InlineKeyboard }) {
  return [p.text, p.reply_markup ? { reply_markup: p.reply_markup } : {}] as const;
}

/** The days the ledger's chart covers. */
const CHART_DAYS = 7;

/** /ledger: in private, or in the staff group. */
requests.command("ledger", requireRole("request.ledger", COORDINATORS), async (ctx) => {
  const { storage, clock, config } = ctx.deps;
  if (ctx.chat.type !== "private") {
    const group = await storage.groups.get(ctx.chat.id);
    if (group?.kind !== "staff") {
      await ctx.reply(ctx.t("rq-ledger-where", { bot: ctx.me.username }));
      return;
    }
  }
  const now = clock.now();
  const settings = requestSettings(ctx.deps);
  const day = dayOf(now, config.timezone);
  const rows = await storage.requests.forLedger(day.start);
  const ledger = ledgerFigures(rows, now, config.timezone, settings, day);
  const urgent = await storage.escalations.ackStats(day.start, now);
  const inGroup = ctx.chat.type !== "private";
  const text = ledgerText(ctx.deps, await ctx.i18n.getLocale(), ledger, now, urgent, inGroup);
  for (const chunk of splitMessage(text)) await ctx.reply(chunk);

  // Beside the text, the last days as a chart (counts only: safe in the staff group too).
  const dates = lastDates(localDate(now, config.timezone), CHART_DAYS);
  const cells = await storage.requests.chartCells(dates[0] as string);
  await replyWithChart(
    ctx,
    // The chart code loads on first use (bot/chart-photo.ts).
    (await import("./chart.js")).ledgerChart({ dates, cells }, chartTranslate(ctx)),
    ctx.t("chart-ledger-caption", { days: CHART_DAYS }),
    "ledger.png",
  );
});

/** /export [from] [to]: the requests filed in a date range, as CSV. */
requests.command(
  "export",
  privateOnly(),
  requireRole("request.export", COORDINATORS),
  async (ctx) => {
    const { storage, clock, config } = ctx.deps;
    const now = clock.now();
    const range = parseDateRange(ctx.match, now, config.timezone);
    if (!range.ok) {
      await ctx.reply(ctx.t(`rq-export-${range.error}`));
      return;
    }
    const from = startOfLocalDate(range.from, config.timezone);
    const to = startOfLocalDate(range.to, config.timezone, 1);
    const rows = await storage.requests.filedBetween(from, to);
    if (rows.length === 0) {
      await ctx.reply(ctx.t("rq-export-empty", { from: range.from, to: range.to }));
      return;
    }
    const dir = await directory(
      ctx.deps,
      rows.flatMap((r) => [r.personId, r.filedBy, r.handlerId, r.assigneeId]),
    );
    const csv = requestsCsv(
      ctx.deps,
      await ctx.i18n.getLocale(),
      rows,
      dir,
      now,
      requestSettings(ctx.deps),
    );
    const name =
      range.from === range.to
        ? `requests-${range.from}.csv`
        : `requests-${range.from}_${range.to}.csv`;
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv), name), {
      caption: ctx.t("rq-export-caption", { count: rows.length, from: range.from, to: range.to }),
    });
    await recordExport(
      ctx.deps,
      ctx.from?.id ?? null,
      { from: range.from, to: range.to },
      rows.length,
    );
  },
);

// ================================================================ buttons

/** I'll handle it / claim / accept / decline: applied at once. */
for (const action of ["take", "claim", "accept", "decline"] as const) {
  onButton(requests, requestButtons[action], async (ctx, { id }) => {
    const outcome = await act(ctx.deps, actorOf(ctx), id, action);
    if (!outcome.ok) return refuseButton(ctx, outcome);
    const taker = ctx.actor?.person;
    if (ctx.chat?.type !== "private" && taker && taker.reachability !== "reachable") {
      // Taken from the staff group by someone the bot can't write to: the sheet waits behind /start.
      await askToOpenPrivate(ctx, `rq_sheet_${id}`, personName(taker, taker.id));
      await ctx.answerCallbackQuery({ text: ctx.t("esc-ack-won-open-private"), show_alert: true });
      return;
    }
    // The offer or the task line has done its job; cards are edited through the outbox.
    if (ctx.chat?.type === "private" && action !== "take") await removeButtons(ctx);
    await ctx.answerCallbackQuery({
      text: ctx.t(`rq-ok-${outcome.action}`, { number: outcome.request.number }),
    });
  });
}

/** Done / Can't do: the note is written in private (a group press opens the private chat). */
for (const action of ["done", "cant"] as const) {
  onButton(requests, requestButtons[action], (ctx, { id }) => doneOrCant(ctx, action, id));
}

async function doneOrCant(
  ctx: CallbackQueryContext<BotContext>,
  action: "done" | "cant",
  id: number,
): Promise<void> {
  const outcome = await check(ctx.deps, actorOf(ctx), id, action);
  if (!outcome.ok) return refuseButton(ctx, outcome);
  if (ctx.chat?.type !== "private") {
    await ctx.answerCallbackQuery({
      url: `https://t.me/${ctx.me.username}?start=rq_${action}_${id}`,
    });
    return;
  }
  await startNote(ctx, id, action);
  await ctx.answerCallbackQuery();
}

/** Assign to a volunteer: the list of volunteers, as buttons. */
onButton(requests, requestButtons.assign, async (ctx, { id }) => {
  const outcome = await check(ctx.deps, actorOf(ctx), id, "assign");
  if (!outcome.ok) return refuseButton(ctx, outcome);
  const holders = await ctx.deps.storage.roles.holders();
  const volunteers = holders.filter((h) => h.role === "volunteer").slice(0, 30);
  if (volunteers.length === 0) {
    await ctx.answerCallbackQuery({ text: ctx.t("rq-no-volunteers"), show_alert: true });
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const v of volunteers)
    keyboard
      .text(personName(v, v.personId), requestButtons.to.data({ id, volunteer: v.personId }))
      .row();
  await ctx.reply(ctx.t("rq-pick-volunteer", { number: outcome.request.number }), {
    reply_markup: keyboard,
  });
  await ctx.answerCallbackQuery();
});

onButton(requests, requestButtons.to, async (ctx, { id, volunteer }) => {
  // Who may assign is checked before anything about the volunteer is said.
  const allowed = await check(ctx.deps, actorOf(ctx), id, "assign");
  if (!allowed.ok) return refuseButton(ctx, allowed);
  if (!(await ctx.deps.storage.roles.of(volunteer)).includes("volunteer")) {
    await ctx.answerCallbackQuery({ text: ctx.t("rq-not-a-volunteer"), show_alert: true });
    return;
  }
  const outcome = await act(ctx.deps, actorOf(ctx), id, "assign", { assignee: volunteer });
  const dir = await directory(ctx.deps, [volunteer]);
  const name = dir.get(volunteer)?.name ?? String(volunteer);
  if (!outcome.ok && outcome.request?.assigneeId === volunteer) {
    // Pressed twice (or from two lists): it is already theirs, and one offer went out.
    await ctx.answerCallbackQuery({
      text: ctx.t("rq-already-assigned", { number: outcome.request.number, name }),
    });
    return;
  }
  if (!outcome.ok) return refuseButton(ctx, outcome);
  await ctx.editMessageText(ctx.t("rq-assigned-to", { number: outcome.request.number, name }));
  await ctx.answerCallbackQuery({
    text: ctx.t("rq-ok-assign", { number: outcome.request.number, name }),
  });
});

/** The resident's answer to "Solved?". Only the person it was asked of counts. */
for (const [answer, action] of [
  ["yes", "solved"],
  ["no", "reopen"],
] as const) {
  onButton(requests, requestButtons[answer], (ctx, { id }) => solvedOrNot(ctx, action, id));
}

async function solvedOrNot(
  ctx: CallbackQueryContext<BotContext>,
  action: "solved" | "reopen",
  id: number,
): Promise<void> {
  const outcome = await act(ctx.deps, actorOf(ctx), id, action);
  if (!outcome.ok) return refuseButton(ctx, outcome);
  await removeButtons(ctx);
  if (action === "solved") {
    await ctx.reply(ctx.t("rq-solved-thanks", { number: outcome.request.number }));
  } else {
    await startNote(ctx, id, "reopen");
  }
  await ctx.answerCallbackQuery();
}

/** The photos, sent to the presser's private chat (never into a group). */
onButton(requests, requestButtons.photos, async (ctx, { id }) => {
  const r = await ctx.deps.storage.requests.get(id);
  if (!r || !maySee(actorOf(ctx), r)) {
    await ctx.answerCallbackQuery({ text: ctx.t("rq-refused-unknown"), show_alert: true });
    return;
  }
  const photos = r.photos;
  if (photos.length === 0) {
    await ctx.answerCallbackQuery({ text: ctx.t("rq-no-photos") });
    return;
  }
  try {
    for (const [i, photo] of photos.entries())
      await ctx.api.sendPhoto(ctx.from.id, photo, {
        caption: ctx.t("rq-photo-caption", { number: r.number, n: i + 1, count: photos.length }),
      });
    await ctx.answerCallbackQuery();
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 403)) throw error;
    await ctx.answerCallbackQuery({
      text: ctx.t("rq-open-private-first", { bot: ctx.me.username }),
      show_alert: true,
    });
  }
});

async function removeButtons(ctx: BotContext): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    // Already without buttons (a double press): nothing to do.
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
}

// ================================================================ groups

/**
 * Someone asks for help inside a building group: one short answer with a
 * button into private chat, at most once per person in a while (see claimGroupHint),
 * never repeating what they wrote. The staff group is left alone.
 */
requests.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
  if (!looksLikeRequest(ctx.msg.text)) return next();
  const group = await ctx.deps.storage.groups.get(ctx.chat.id);
  if (group?.kind === "staff") return next();
  // Already pointed to the private flow lately: say nothing, let other features look.
  if (!(await groupHint(ctx, false))) return next();
});

/** Answers with the button into private chat; false if this person was answered lately. */
async function groupHint(ctx: BotContext, asked: boolean): Promise<boolean> {
  const chatId = ctx.chat?.id as number;
  const from = ctx.from?.id;
  if (from === undefined) return false;
  if (!asked && !(await claimGroupHint(ctx.deps, chatId, from))) return false;
  const link = `https://t.me/${ctx.me.username}?start=request`;
  await ctx.reply(ctx.t("rq-group-hint"), {
    reply_markup: new InlineKeyboard().url(ctx.t("rq-ask-for-help-button"), link),
    reply_parameters: ctx.msg
      ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true }
      : undefined,
  });
  return true;
}
