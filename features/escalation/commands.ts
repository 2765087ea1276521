/**
 * Escalation: the duty roster (/duty, /onduty, /shifts), the
 * ladder's settings (/escalation_settings), raising items (/sos and its
 * button for everyone, /page for admins), the page buttons (I'm on it, Can't
 * take it) and the record (/escalation). Every command and button checks the
 * caller's role here, on the server.
 */
import { Composer, InlineKeyboard } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { clockTime, personName } from "../../bot/format.js";
import { holds, privateOnly, refuse, requireRole, sayPrivateOnly } from "../../bot/permissions.js";
import {
  findOverlaps,
  parseLadderSettings,
  parseShiftLines,
  type ShiftLine,
  shiftEndAt,
} from "../../domain/escalation.js";
import type { Role } from "../../domain/roles.js";
import { splitMessage } from "../../domain/text.js";
import type { Person } from "../../storage/people.js";
import { listText, timelineText } from "./record.js";
import { detailsPayload, escalationButtons, SOS_KEY } from "./render.js";
import {
  acknowledge,
  changeLadder,
  currentShiftEnd,
  decline,
  goOffDuty,
  goOnDuty,
  onDutyNow,
  raiseUrgentDetailed,
  replaceRoster,
  sendSos,
  shareOnDuty,
  staffLists,
} from "./service.js";
import { oneLine, SOS, sosLine, sosSentText } from "./sos.js";

export const COORDINATORS: readonly Role[] = ["coordinator"];
const STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];
const RECORD_VIEWERS: readonly Role[] = ["coordinator", "worker"];
const ADMINS: readonly Role[] = ["admin"];
const PAGE_MAX = 1000;
const PROBLEMS_SHOWN = 30;

export const escalation = new Composer<BotContext>();

async function replyLong(ctx: BotContext, text: string): Promise<void> {
  for (const chunk of splitMessage(text)) await ctx.reply(chunk);
}

// ===================================================================== SOS

const startSos = (ctx: BotContext) => enterConversation(ctx, SOS);

/**
 * /sos: in private, asks for one line (or sends at once: `/sos my father
 * fell`). In a group, `/sos <text>` is sent at once too; lives come first.
 */
escalation.command("sos", async (ctx) => {
  const text = ctx.match.trim();
  if (text === "") {
    if (ctx.chat.type !== "private") return sayPrivateOnly(ctx);
    return startSos(ctx);
  }
  const from = ctx.from;
  if (!from) return;
  const sent = await sendSos(
    ctx.deps,
    { id: from.id, firstName: from.first_name, username: from.username ?? null },
    sosLine(ctx.deps, { text }),
  );
  await ctx.reply(sosSentText(ctx, sent));
});

/** The persistent 🆘 button under a resident's chat. */
escalation.chatType("private").hears(SOS_KEY.pattern, startSos);

// =========================================================== page buttons

onButton(escalation, escalationButtons.ack, async (ctx, { id }) => {
  if (!holds(ctx, COORDINATORS)) return refuse(ctx, "escalation.ack", COORDINATORS);
  const taker = ctx.actor?.person as Person;
  // A group page shows no details: they go to the taker privately, if the bot can write to them.
  const inGroup = ctx.chat !== undefined && ctx.chat.type !== "private";
  const reachable = taker.reachability === "reachable";
  const outcome = await acknowledge(ctx.deps, id, taker, { details: inGroup && reachable });
  switch (outcome.type) {
    case "won":
      if (inGroup && !reachable) {
        // The work first (the group is told), the answer last: a refused answer loses nothing.
        await askToOpenPrivate(ctx, `esc_${id}`, personName(taker, taker.id));
        await ctx.answerCallbackQuery({
          text: ctx.t("esc-ack-won-open-private"),
          show_alert: true,
        });
        return;
      }
      await ctx.answerCallbackQuery({
        text: ctx.t(inGroup ? "esc-ack-won-details" : "esc-ack-won"),
        show_alert: true,
      });
      return;
    case "again":
      await ctx.answerCallbackQuery({ text: ctx.t("esc-ack-again") });
      return;
    case "taken":
      await ctx.answerCallbackQuery({
        text: ctx.t("esc-ack-taken", {
          name: outcome.by,
          time: clockTime(outcome.at, ctx.deps.config.timezone),
        }),
        show_alert: true,
      });
      return;
    case "unknown":
      await ctx.answerCallbackQuery({ text: ctx.t("esc-unknown"), show_alert: true });
      return;
  }
});

/**
 * Someone took an item or a request from a group page but has never opened
 * a private chat with the bot (or blocked it), so the details can't reach
 * them: the group is told, with no details, and a button into the private
 * chat that shows them (`/start <payload>`).
 */
export async function askToOpenPrivate(
  ctx: BotContext,
  payload: string,
  name: string,
): Promise<void> {
  const link = `https://t.me/${ctx.me.username}?start=${payload}`;
  // Everyone in the group reads it: the community's language, not the presser's.
  const t = (key: string, vars?: Record<string, string>) =>
    ctx.deps.i18n.t(ctx.deps.config.defaultLocale, key, vars);
  await ctx.reply(t("open-private-for-details", { name }), {
    reply_markup: new InlineKeyboard().url(t("open-private-button"), link),
  });
}

/** `/start esc_<id>`: an item's details, for whoever took it and for those who may see the record. */
export async function showItemFromLink(ctx: BotContext, id: number): Promise<void> {
  const esc = await ctx.deps.storage.escalations.get(id);
  const mine = esc !== undefined && esc.acknowledgedBy === ctx.from?.id;
  if (!mine && !holds(ctx, RECORD_VIEWERS)) return refuse(ctx, "escalation.view", RECORD_VIEWERS);
  if (!esc) {
    await ctx.reply(ctx.t("esc-unknown"));
    return;
  }
  await ctx.reply(detailsPayload(ctx.deps, await ctx.i18n.getLocale(), esc).text);
}

onButton(escalation, escalationButtons.decline, async (ctx, { id }) => {
  if (!holds(ctx, COORDINATORS)) return refuse(ctx, "escalation.decline", COORDINATORS);
  const outcome = await decline(ctx.deps, id, ctx.actor?.person as Person);
  const text =
    outcome.type === "taken"
      ? ctx.t("esc-decline-taken", { name: outcome.by })
      : outcome.type === "unknown"
        ? ctx.t("esc-unknown")
        : ctx.t(`esc-decline-${outcome.type}`);
  await ctx.answerCallbackQuery({ text, show_alert: outcome.type !== "ok" });
});

// ==================================================================== /page

escalation.command("page", privateOnly(), requireRole("escalation.page", ADMINS), async (ctx) => {
  const text = oneLine(ctx.match);
  if (text === "") {
    await ctx.reply(ctx.t("esc-page-usage"));
    return;
  }
  if (text.length > PAGE_MAX) {
    await ctx.reply(ctx.t("esc-page-too-long", { length: text.length, max: PAGE_MAX }));
    return;
  }
  const raised = await raiseUrgentDetailed(ctx.deps, {
    kind: "page",
    summary: text,
    raisedBy: ctx.from?.id ?? null,
  });
  const id = String(raised.id);
  await ctx.reply(
    raised.paged === 0
      ? ctx.t("esc-raised-nobody", { id })
      : ctx.t(`esc-raised-${raised.step}`, { id, count: raised.paged }),
  );
});

// ==================================================================== /duty

escalation.command("duty", privateOnly(), requireRole("duty.set", COORDINATORS), async (ctx) => {
  const { storage } = ctx.deps;
  const me = ctx.actor?.person as Person;
  const [verb = "", arg = ""] = ctx.match.trim().toLowerCase().split(/\s+/);
  if (verb === "on") {
    await goOnDuty(ctx.deps, me.id);
    await ctx.reply(ctx.t("esc-duty-on"));
    return;
  }
  if (verb === "off") {
    const end = await goOffDuty(ctx.deps, me.id);
    await ctx.reply(
      end
        ? ctx.t("esc-duty-off-shift", { until: clockTime(end, ctx.deps.config.timezone) })
        : ctx.t("esc-duty-off"),
    );
    return;
  }
  if (verb === "share" && (arg === "name" || arg === "phone" || arg === "none")) {
    await shareOnDuty(ctx.deps, me.id, arg);
    const name = personName(me, me.id);
    if (arg === "phone" && !me.phone) {
      await ctx.reply(ctx.t("esc-duty-share-phone-missing", { name }));
    } else {
      await ctx.reply(ctx.t(`esc-duty-share-${arg}`, { name, phone: me.phone ?? "" }));
    }
    return;
  }
  // No (or an unknown) argument: where they stand, then how to change it.
  const reason = (await onDutyNow(ctx.deps)).get(me.id);
  const lines: string[] = [];
  if (reason === "manual") lines.push(ctx.t("esc-duty-status-manual"));
  else if (reason === "shift") {
    const end = await currentShiftEnd(ctx.deps, me.id);
    lines.push(
      ctx.t("esc-duty-status-shift", {
        until: end ? clockTime(end, ctx.deps.config.timezone) : "?",
      }),
    );
  } else lines.push(ctx.t("esc-duty-status-off"));
  const mine = (await storage.escalations.shifts()).filter((s) => s.personId === me.id);
  if (mine.length > 0) {
    lines.push(
      ctx.t("esc-duty-status-shifts", {
        shifts: mine.map((s) => s.line).join(ctx.t("list-separator")),
      }),
    );
  }
  const share = (await storage.escalations.dutyOf(me.id))?.share ?? "name";
  lines.push(ctx.t(`esc-duty-status-share-${share}`), "", ctx.t("esc-duty-usage"));
  await ctx.reply(lines.join("\n"));
});

escalation.command("onduty", requireRole("duty.list", STAFF), async (ctx) => {
  const { storage, clock, config } = ctx.deps;
  const on = await onDutyNow(ctx.deps);
  if (on.size === 0) {
    await ctx.reply(ctx.t("esc-onduty-nobody"));
    return;
  }
  const shifts = await storage.escalations.shifts();
  const now = clock.now();
  const lines = [ctx.t("esc-onduty-title", { count: on.size })];
  for (const [id, reason] of on) {
    const name = personName(await storage.people.get(id), id);
    if (reason === "manual") lines.push(ctx.t("esc-onduty-manual", { name }));
    else {
      const shift = shifts.find(
        (s) => s.personId === id && shiftEndAt(s, now, config.timezone) !== undefined,
      );
      lines.push(ctx.t("esc-onduty-shift", { name, shift: shift?.line ?? "" }));
    }
  }
  await replyLong(ctx, lines.join("\n"));
});

// ================================================================== /shifts

async function rosterText(ctx: BotContext): Promise<string> {
  const { storage, config } = ctx.deps;
  const shifts = await storage.escalations.shifts();
  if (shifts.length === 0) return ctx.t("esc-shifts-none");
  const lines = [ctx.t("esc-shifts-title", { timezone: config.timezone })];
  for (const s of shifts) {
    lines.push(
      ctx.t("esc-shifts-line", {
        position: s.position,
        line: s.line,
        name: personName(await storage.people.get(s.personId), s.personId),
      }),
    );
  }
  return lines.join("\n");
}

escalation.command("shifts", privateOnly(), requireRole("duty.shifts", ADMINS), async (ctx) => {
  const { storage, config } = ctx.deps;
  const text = ctx.match.trim();
  const usage = ctx.t("esc-shifts-usage", { timezone: config.timezone });
  if (/^(clear|清空|none|无)$/i.test(text)) {
    await replaceRoster(ctx.deps, [], ctx.from?.id ?? null);
    await ctx.reply(ctx.t("esc-shifts-cleared"));
    return;
  }
  const parsed = parseShiftLines(text);
  if (parsed.length === 0) {
    await replyLong(ctx, `${await rosterText(ctx)}\n\n${usage}`);
    return;
  }
  const problems: Array<{ line: number; text: string }> = [];
  const resolved: Array<ShiftLine & { personId: number }> = [];
  const { coordinators, admins } = await staffLists(ctx.deps);
  const allowed = new Set([...coordinators, ...admins]);
  for (const p of parsed) {
    if (!p.ok) {
      problems.push({
        line: p.line,
        text: ctx.t(`esc-shift-error-${p.error}`, {
          line: p.line,
          text: p.text,
          part: p.part ?? "",
        }),
      });
      continue;
    }
    const who = p.shift.who;
    const part = "username" in who ? `@${who.username}` : String(who.id);
    const person =
      "username" in who
        ? await storage.people.findByUsername(who.username)
        : await storage.people.get(who.id);
    const error = !person ? "unknown-person" : !allowed.has(person.id) ? "not-coordinator" : null;
    if (error || !person) {
      const line = p.shift.line;
      problems.push({
        line,
        text: ctx.t(`esc-shift-error-${error}`, { line, text: p.shift.text, part }),
      });
      continue;
    }
    resolved.push({ ...p.shift, personId: person.id });
  }
  for (const o of findOverlaps(resolved, (s) => s.personId)) {
    const line = resolved.find((s) => s.line === o.line) as ShiftLine;
    problems.push({
      line: o.line,
      text: ctx.t("esc-shift-error-overlap", { line: o.line, text: line.text, other: o.other }),
    });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => p.text);
    if (problems.length > PROBLEMS_SHOWN) {
      shown.push(ctx.t("esc-shifts-more", { count: problems.length - PROBLEMS_SHOWN }));
    }
    await replyLong(ctx, [ctx.t("esc-shifts-problems"), ...shown].join("\n"));
    return;
  }
  await replaceRoster(
    ctx.deps,
    resolved.map((s) => ({
      personId: s.personId,
      days: s.days,
      start: s.start,
      end: s.end,
      line: s.text,
    })),
    ctx.from?.id ?? null,
  );
  await replyLong(
    ctx,
    `${ctx.t("esc-shifts-saved", { count: resolved.length })}\n\n${await rosterText(ctx)}`,
  );
});

// ===================================================== /escalation_settings

async function settingsText(ctx: BotContext): Promise<string> {
  const s = await ctx.deps.storage.escalations.settings();
  return ctx.t("esc-settings-show", {
    step1: s.step1Minutes,
    step2: s.step2Minutes,
    step3: s.step3Minutes,
    repeats: s.repeats,
  });
}

escalation.command(
  "escalation_settings",
  privateOnly(),
  requireRole("escalation.settings", ADMINS),
  async (ctx) => {
    const text = ctx.match.trim();
    if (text === "") {
      await ctx.reply(`${await settingsText(ctx)}\n\n${ctx.t("esc-settings-usage")}`);
      return;
    }
    const parsed = parseLadderSettings(text);
    if (!parsed.ok) {
      await ctx.reply(
        `${ctx.t(`esc-settings-error-${parsed.error}`, { part: parsed.part })}\n${ctx.t("esc-settings-usage")}`,
      );
      return;
    }
    await changeLadder(ctx.deps, parsed.changes, ctx.from?.id ?? null);
    await ctx.reply(`${ctx.t("esc-settings-saved")}\n\n${await settingsText(ctx)}`);
  },
);

// ============================================================= /escalation

escalation.command(
  "escalation",
  privateOnly(),
  requireRole("escalation.view", RECORD_VIEWERS),
  async (ctx) => {
    const arg = ctx.match.trim().replace(/^#/, "");
    const locale = await ctx.i18n.getLocale();
    if (arg === "") {
      await replyLong(ctx, await listText(ctx.deps, locale));
      return;
    }
    const id = /^\d{1,9}$/.test(arg) ? Number(arg) : Number.NaN;
    const text = Number.isFinite(id) ? await timelineText(ctx.deps, locale, id) : undefined;
    await replyLong(ctx, text ?? `${ctx.t("esc-unknown")}\n${ctx.t("esc-usage")}`);
  },
);
