/**
 * The volunteers' ledger: /volunteer (profile), /myshifts, /myhours and
 * /addhours (volunteers); /team_shifts, /team_task, /hours and
 * /volunteers_export (coordinators); /teams (staff; changes by admins);
 * /volunteers (the published ledger, for everyone); and the buttons on task
 * posts, claimed tasks and the consent question, each checked on the server.
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
import { dateTime, personName } from "../../bot/format.js";
import { holds, privateOnly, refuse, requireRole, roleNames } from "../../bot/permissions.js";
import { parseDateRange } from "../../domain/request-ledger.js";
import type { Role } from "../../domain/roles.js";
import { splitMessage } from "../../domain/text.js";
import {
  BUILT_IN_TEAMS,
  coversNow,
  localDay,
  nextOccurrences,
  parseAddHours,
  parseHours,
  parseTeamShiftLines,
  REASON_MAX,
  shiftsOverlap,
  TEAM_KEY,
  TEAM_NAME_MAX,
  teamGaps,
  weekStart,
} from "../../domain/volunteers.js";
import type { Person } from "../../storage/people.js";
import type { NewTeamShift, TeamShift, VolunteerTask } from "../../storage/volunteers.js";
import { VOLUNTEER_PROFILE } from "./profile.js";
import {
  consentText,
  daysText,
  entryLine,
  hours,
  hoursCsv,
  ledgerChart,
  ledgerText,
  shiftLine,
  shiftTimes,
  taskTitle,
  teamName,
  volunteerButtons,
} from "./render.js";
import {
  type Actor,
  addHours,
  addShifts,
  addTeam,
  COORDINATORS,
  claimedMessage,
  claimTask,
  correctHours,
  finishTask,
  giveBackTask,
  ledgerNow,
  postTask,
  removeShift,
  retireTeam,
  setConsent,
  suggestedName,
  type TaskOutcome,
  VOLUNTEERS,
} from "./service.js";

export const volunteers = new Composer<BotContext>();

const STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];
const ADMINS: readonly Role[] = ["admin"];
/** How many problems a /team_shifts reply lists. */
const PROBLEMS_SHOWN = 20;

function actorOf(ctx: BotContext): Actor {
  return { id: ctx.from?.id as number, roles: ctx.actor?.roles ?? new Set<Role>() };
}

async function replyLong(ctx: BotContext, text: string, extra: { last?: InlineKeyboard } = {}) {
  const chunks = splitMessage(text);
  for (const [i, chunk] of chunks.entries())
    await ctx.reply(
      chunk,
      i === chunks.length - 1 && extra.last ? { reply_markup: extra.last } : undefined,
    );
}

const t = (ctx: BotContext) => (key: string, vars?: Record<string, string | number>) =>
  ctx.t(key, vars);

/** A person by `@username` or Telegram id. */
async function findPerson(
  ctx: BotContext,
  who: { username: string } | { id: number },
): Promise<Person | undefined> {
  const { people } = ctx.deps.storage;
  return "username" in who ? people.findByUsername(who.username) : people.get(who.id);
}

const whoText = (who: { username: string } | { id: number }) =>
  "username" in who ? `@${who.username}` : String(who.id);

async function isVolunteer(ctx: BotContext, personId: number): Promise<boolean> {
  return (await ctx.deps.storage.roles.of(personId)).includes("volunteer");
}

// ============================================================== profile

volunteers.command(
  "volunteer",
  privateOnly(),
  requireRole("volunteer.profile", VOLUNTEERS),
  async (ctx) => {
    await enterConversation(ctx, VOLUNTEER_PROFILE);
  },
);

// =============================================================== shifts

volunteers.command(
  "myshifts",
  privateOnly(),
  requireRole("volunteer.myshifts", VOLUNTEERS),
  async (ctx) => {
    const { storage, clock, config } = ctx.deps;
    const me = ctx.from?.id as number;
    const now = clock.now();
    const teams = await storage.volunteers.teams({ archived: true });
    const mine = (await storage.volunteers.shifts()).filter((s) => s.people.includes(me));
    const next = mine
      .flatMap((s) => nextOccurrences(s, now, config.timezone, 7).map((o) => ({ s, o })))
      .sort((a, b) => a.o.start.getTime() - b.o.start.getTime());
    if (next.length === 0) {
      await ctx.reply(ctx.t("vt-myshifts-none"));
      return;
    }
    const lines = [ctx.t("vt-myshifts-title")];
    for (const { s, o } of next)
      lines.push(
        ctx.t(o.start.getTime() <= now.getTime() ? "vt-myshifts-now" : "vt-myshifts-line", {
          day: ctx.t(`vt-day-${o.weekday}`),
          date: o.date.slice(5),
          times: shiftTimes(s),
          team: teamName(t(ctx), s.team, teams),
        }),
      );
    await replyLong(ctx, lines.join("\n"));
  },
);

async function rosterText(ctx: BotContext, shifts: TeamShift[]): Promise<string> {
  const { storage, clock, config } = ctx.deps;
  const teams = await storage.volunteers.teams({ archived: true });
  if (shifts.length === 0) return ctx.t("vt-shifts-none");
  const names = new Map<number, string>();
  for (const id of new Set(shifts.flatMap((s) => s.people)))
    names.set(id, personName(await storage.people.get(id), id));
  const name = (id: number) => names.get(id) ?? String(id);
  const tt = t(ctx);
  const lines = [ctx.t("vt-shifts-title", { timezone: config.timezone })];
  const byTeam = [...new Set(shifts.map((s) => s.team))];
  for (const team of byTeam) {
    lines.push("", ctx.t("vt-shifts-team", { team: teamName(tt, team, teams) }));
    for (const s of shifts.filter((x) => x.team === team))
      lines.push(shiftLine(tt, s, teams, name));
  }
  const now = clock.now();
  const current = shifts.filter((s) => coversNow(s, now, config.timezone));
  lines.push(
    "",
    current.length === 0
      ? ctx.t("vt-shifts-now-nobody")
      : ctx.t("vt-shifts-now", {
          list: current
            .map((s) =>
              ctx.t("vt-shifts-now-item", {
                team: teamName(tt, s.team, teams),
                people:
                  s.people.map(name).join(ctx.t("list-separator")) || ctx.t("vt-shift-nobody"),
              }),
            )
            .join(ctx.t("vt-list-semicolon")),
        }),
  );
  const gaps = teamGaps(shifts).filter((g) => g.short.length > 0 || g.daysWithout.length > 0);
  if (gaps.length === 0) lines.push(ctx.t("vt-gaps-none"));
  else {
    lines.push("", ctx.t("vt-gaps-title"));
    for (const g of gaps) {
      const parts: string[] = [];
      for (const s of g.short) parts.push(ctx.t("vt-gap-short", { id: s.id, missing: s.missing }));
      if (g.daysWithout.length > 0)
        parts.push(ctx.t("vt-gap-days", { days: daysText(tt, g.daysWithout) }));
      lines.push(
        ctx.t("vt-gap-line", {
          team: teamName(tt, g.team, teams),
          gaps: parts.join(ctx.t("list-separator")),
        }),
      );
    }
  }
  return lines.join("\n");
}

volunteers.command(
  "team_shifts",
  privateOnly(),
  requireRole("volunteer.shifts", COORDINATORS),
  async (ctx) => {
    const { storage, config } = ctx.deps;
    const me = ctx.from?.id as number;
    const text = ctx.match.trim();
    const usage = ctx.t("vt-shifts-usage", { timezone: config.timezone });
    const remove = /^(?:remove|删除|删)\s+#?(\d+)(?:\s+(@[A-Za-z0-9_]{3,32}|\d{5,15}))?$/i.exec(
      text,
    );
    if (remove) {
      const id = Number(remove[1]);
      let personId: number | null = null;
      if (remove[2]) {
        const who = remove[2].startsWith("@")
          ? { username: remove[2].slice(1).toLowerCase() }
          : { id: Number(remove[2]) };
        const person = await findPerson(ctx, who);
        if (!person) {
          await ctx.reply(ctx.t("vt-unknown-person", { who: remove[2] }));
          return;
        }
        personId = person.id;
      }
      const done = await removeShift(ctx.deps, me, id, personId);
      await ctx.reply(ctx.t(done ? "vt-shift-removed" : "vt-shift-not-found", { id }));
      return;
    }
    const parsed = parseTeamShiftLines(text);
    if (parsed.length === 0) {
      await replyLong(
        ctx,
        `${await rosterText(ctx, await storage.volunteers.shifts())}\n\n${usage}`,
      );
      return;
    }
    const teams = await storage.volunteers.teams();
    const problems: Array<{ line: number; text: string }> = [];
    const lines: Array<NewTeamShift & { line: number; text: string }> = [];
    for (const p of parsed) {
      if (!p.ok) {
        problems.push({
          line: p.line,
          text: ctx.t(`vt-shift-error-${p.error}`, {
            line: p.line,
            text: p.text,
            part: p.part ?? "",
          }),
        });
        continue;
      }
      const s = p.shift;
      if (!teams.some((x) => x.key === s.team)) {
        problems.push({
          line: s.line,
          text: ctx.t("vt-shift-error-team", { line: s.line, text: s.text, part: s.team }),
        });
        continue;
      }
      const people: number[] = [];
      for (const who of s.who) {
        const person = await findPerson(ctx, who);
        const error = !person
          ? "unknown-person"
          : !(await isVolunteer(ctx, person.id))
            ? "not-volunteer"
            : null;
        if (error || !person) {
          problems.push({
            line: s.line,
            text: ctx.t(`vt-shift-error-${error}`, {
              line: s.line,
              text: s.text,
              part: whoText(who),
            }),
          });
          continue;
        }
        people.push(person.id);
      }
      lines.push({ ...s, people, line: s.line, text: s.text });
    }
    // Nobody can be on two shifts at once, across teams too.
    const existing = await storage.volunteers.shifts();
    lines.forEach((a, i) => {
      for (const person of a.people) {
        const clash =
          existing.find(
            (b) =>
              b.people.includes(person) &&
              shiftsOverlap(a, b) &&
              !(
                b.team === a.team &&
                b.start === a.start &&
                b.end === a.end &&
                b.days.join() === a.days.join()
              ),
          )?.id ??
          lines.slice(0, i).find((b) => b.people.includes(person) && shiftsOverlap(a, b))?.line;
        if (clash !== undefined) {
          problems.push({
            line: a.line,
            text: ctx.t("vt-shift-error-overlap", { line: a.line, text: a.text, other: clash }),
          });
          break;
        }
      }
    });
    if (problems.length > 0) {
      problems.sort((a, b) => a.line - b.line);
      const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => p.text);
      if (problems.length > PROBLEMS_SHOWN)
        shown.push(ctx.t("vt-shifts-more", { count: problems.length - PROBLEMS_SHOWN }));
      await replyLong(ctx, [ctx.t("vt-shifts-problems"), ...shown].join("\n"));
      return;
    }
    await addShifts(ctx.deps, me, lines);
    await replyLong(
      ctx,
      `${ctx.t("vt-shifts-saved", { count: lines.length })}\n\n${await rosterText(ctx, await storage.volunteers.shifts())}`,
    );
  },
);

// ================================================================ tasks

volunteers.command(
  "team_task",
  privateOnly(),
  requireRole("volunteer.task.post", COORDINATORS),
  async (ctx) => {
    const { storage } = ctx.deps;
    const [teamRaw = "", ...rest] = ctx.match.trim().split(/\s+/);
    const team = teamRaw.toLowerCase();
    const text = rest.join(" ").trim();
    const teams = await storage.volunteers.teams();
    if (!teams.some((x) => x.key === team) || text === "") {
      await ctx.reply(ctx.t("vt-task-usage", { teams: teams.map((x) => x.key).join(", ") }));
      return;
    }
    if (text.length > REASON_MAX) {
      await ctx.reply(ctx.t("vt-task-too-long", { max: REASON_MAX, length: text.length }));
      return;
    }
    const { task, recipients } = await postTask(ctx.deps, {
      team,
      kind: "adhoc",
      titleKey: "vt-title-adhoc",
      titleArgs: { text },
      postedBy: ctx.from?.id ?? null,
    });
    await ctx.reply(
      ctx.t(recipients.length > 0 ? "vt-task-posted" : "vt-task-posted-nobody", {
        id: task.id,
        team: teamName(t(ctx), team, teams),
        count: recipients.length,
      }),
    );
  },
);

async function answerRefusal(ctx: CallbackQueryContext<BotContext>, outcome: TaskOutcome) {
  if (outcome.ok) return;
  const text =
    outcome.reason === "denied"
      ? ctx.t("denied", { roles: roleNames(ctx, VOLUNTEERS) })
      : ctx.t(`vt-refused-${outcome.reason}`, { name: outcome.by ?? "—" });
  await ctx.answerCallbackQuery({ text, show_alert: true });
}

async function removeButtons(ctx: BotContext): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    // Already without buttons (a double press): nothing to do.
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
}

onButton(volunteers, volunteerButtons.claim, async (ctx, { id }) => {
  const outcome = await claimTask(ctx.deps, actorOf(ctx), id);
  if (!outcome.ok) return answerRefusal(ctx, outcome);
  const payload = await claimedMessage(ctx.deps, await ctx.i18n.getLocale(), outcome.task);
  await ctx.api.sendMessage(ctx.from.id, payload.text, { reply_markup: payload.reply_markup });
  await ctx.answerCallbackQuery({ text: ctx.t("vt-ok-claim") });
});

onButton(volunteers, volunteerButtons.done, async (ctx, { id }) => {
  const outcome = await finishTask(ctx.deps, actorOf(ctx), id);
  if (!outcome.ok) return answerRefusal(ctx, outcome);
  const recorded = ctx.t("vt-ok-done", { hours: hours(t(ctx), outcome.entry?.minutes ?? 0) });
  await removeButtons(ctx);
  await ctx.reply(recorded);
  await ctx.answerCallbackQuery({ text: recorded });
});

onButton(volunteers, volunteerButtons.back, async (ctx, { id }) => {
  const outcome = await giveBackTask(ctx.deps, actorOf(ctx), id);
  if (!outcome.ok) return answerRefusal(ctx, outcome);
  await removeButtons(ctx);
  await ctx.answerCallbackQuery({ text: ctx.t("vt-ok-back") });
});

/**
 * A volunteer's own claimed tasks (those this feature's Done closes) and the
 * open ones (for /tasks): not requests, which list themselves. An open task
 * whose owner made its claim button (a key-care check, a building's
 * deliveries) is offered with that button.
 */
export async function taskBoard(
  ctx: BotContext,
): Promise<{ mine: VolunteerTask[]; held: VolunteerTask[]; open: VolunteerTask[] }> {
  const { storage } = ctx.deps;
  const me = ctx.from?.id as number;
  const own = (task: VolunteerTask) => task.claimData === null;
  const claimed = await storage.volunteers.claimedBy(me);
  return {
    mine: claimed.filter(own),
    // Held through a feature's own button (deliveries, key-care checks): pressing it again opens it.
    held: claimed.filter((task) => !own(task)),
    open: (await storage.volunteers.openTasks())
      .filter((task) => task.kind !== "request")
      .slice(0, 10),
  };
}

/** Replies with the task board (for /tasks); returns how many tasks were shown. */
export async function replyTaskBoard(ctx: BotContext): Promise<number> {
  const { mine, held, open } = await taskBoard(ctx);
  const locale = await ctx.i18n.getLocale();
  const teams = await ctx.deps.storage.volunteers.teams({ archived: true });
  for (const task of mine) {
    const payload = await claimedMessage(ctx.deps, locale, task);
    await ctx.reply(payload.text, { reply_markup: payload.reply_markup });
  }
  // One line a task with the task's own button: "Open" on those held, "I'll do it" on the open.
  const list = async (tasks: VolunteerTask[], heading: string, label: string) => {
    if (tasks.length === 0) return;
    await ctx.reply(ctx.t(heading, { count: tasks.length }));
    for (const task of tasks)
      await ctx.reply(
        ctx.t("vt-board-line", {
          team: teamName(t(ctx), task.team, teams),
          title: taskTitle(t(ctx), task),
        }),
        {
          reply_markup: new InlineKeyboard().text(
            ctx.t(label),
            task.claimData ?? volunteerButtons.claim.data({ id: task.id }),
          ),
        },
      );
  };
  await list(held, "vt-board-held", "vt-btn-open");
  await list(open, "vt-board-open", "vt-btn-claim");
  return mine.length + held.length + open.length;
}

// ================================================================ hours

async function hoursSummary(ctx: BotContext, personId: number, limit: number): Promise<string> {
  const { storage, clock, config } = ctx.deps;
  const tt = t(ctx);
  const teams = await storage.volunteers.teams({ archived: true });
  const mine = await storage.volunteers.entriesOf(personId);
  const week = weekStart(clock.now(), config.timezone);
  const total = mine.reduce((s, e) => s + e.minutes, 0);
  const thisWeek = mine.filter((e) => e.day >= week).reduce((s, e) => s + e.minutes, 0);
  const perTeam = new Map<string | null, number>();
  for (const e of mine) perTeam.set(e.team, (perTeam.get(e.team) ?? 0) + e.minutes);
  const lines = [ctx.t("vt-myhours-total", { total: hours(tt, total), week: hours(tt, thisWeek) })];
  const teamParts = [...perTeam.entries()]
    .filter(([, m]) => m > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([team, m]) => `${teamName(tt, team, teams)} ${hours(tt, m)}`);
  if (teamParts.length > 0)
    lines.push(ctx.t("vt-myhours-teams", { list: teamParts.join(ctx.t("list-separator")) }));
  const recent = mine.slice(0, limit);
  if (recent.length > 0) {
    lines.push("", ctx.t("vt-myhours-recent"));
    for (const e of recent) {
      const task = e.taskId === null ? undefined : await storage.volunteers.task(e.taskId);
      const what = task ? taskTitle(tt, task) : (e.reason ?? "");
      lines.push(entryLine(tt, e, teams, what, config.timezone));
    }
  }
  return lines.join("\n");
}

volunteers.command(
  "myhours",
  privateOnly(),
  requireRole("volunteer.myhours", VOLUNTEERS),
  async (ctx) => {
    const me = ctx.from?.id as number;
    const profile = await ctx.deps.storage.volunteers.profile(me);
    const suggested = await suggestedName(ctx.deps, me);
    const text = [
      ctx.t("vt-myhours-title"),
      await hoursSummary(ctx, me, 10),
      "",
      ctx.t("vt-myhours-consent", { consent: consentText(t(ctx), profile) }),
      "",
      ctx.t("vt-myhours-hint"),
    ].join("\n");
    const keyboard = new InlineKeyboard()
      .text(
        ctx.t("vt-btn-consent-named", { name: suggested }),
        volunteerButtons.consent.data({ choice: "named" }),
      )
      .row()
      .text(
        ctx.t("vt-btn-consent-anonymous"),
        volunteerButtons.consent.data({ choice: "anonymous" }),
      );
    await replyLong(ctx, text, { last: keyboard });
  },
);

volunteers.command(
  "addhours",
  privateOnly(),
  requireRole("volunteer.addhours", [...VOLUNTEERS, ...COORDINATORS]),
  async (ctx) => {
    const { storage, clock, config } = ctx.deps;
    const now = clock.now();
    const today = localDay(now, config.timezone);
    const teams = await storage.volunteers.teams({ archived: true });
    const parseDay = (token: string) => {
      const range = parseDateRange(token, now, config.timezone);
      return range.ok ? range.from : undefined;
    };
    const parsed = parseAddHours(
      ctx.match,
      today,
      parseDay,
      teams.map((x) => x.key),
    );
    if (!parsed.ok) {
      await ctx.reply(
        ctx.t(`vt-addhours-${parsed.error}`, {
          max: REASON_MAX,
          days: 30,
          usage: ctx.t("vt-addhours-usage"),
        }),
      );
      return;
    }
    const me = ctx.from?.id as number;
    let personId = me;
    if (parsed.who) {
      // Adding for someone else is a coordinator's job.
      if (!holds(ctx, COORDINATORS)) {
        await refuse(ctx, "volunteer.addhours.other", COORDINATORS);
        return;
      }
      const person = await findPerson(ctx, parsed.who);
      if (!person || !(await isVolunteer(ctx, person.id))) {
        await ctx.reply(
          ctx.t(person ? "vt-not-a-volunteer" : "vt-unknown-person", { who: whoText(parsed.who) }),
        );
        return;
      }
      personId = person.id;
    }
    const profile = await storage.volunteers.profile(personId);
    const team = parsed.team ?? (profile?.teams.length === 1 ? (profile.teams[0] ?? null) : null);
    const result = await addHours(ctx.deps, {
      personId,
      team,
      day: parsed.day,
      minutes: parsed.minutes,
      reason: parsed.reason,
      addedBy: me,
    });
    if (!result.ok) {
      await ctx.reply(
        result.error === "over-day"
          ? ctx.t("vt-addhours-day-full", {
              day: parsed.day,
              already: hours(t(ctx), result.dayMinutes),
            })
          : ctx.t("vt-addhours-usage"),
      );
      return;
    }
    await ctx.reply(
      ctx.t("vt-addhours-done", {
        id: result.entry.id,
        hours: hours(t(ctx), result.entry.minutes),
        day: result.entry.day,
        team: teamName(t(ctx), team, teams),
      }),
    );
  },
);

/** /hours: everyone's totals; /hours @someone: their entries; /hours fix <id> <hours> <reason>. */
volunteers.command(
  "hours",
  privateOnly(),
  requireRole("volunteer.hours", COORDINATORS),
  async (ctx) => {
    const { storage } = ctx.deps;
    const me = ctx.from?.id as number;
    const args = ctx.match.trim();
    const fix = /^(?:fix|改)\s+#?(\d+)\s+(\S+)\s*([\s\S]*)$/i.exec(args);
    if (fix) {
      const id = Number(fix[1]);
      const parsed = parseHours(fix[2] as string, { allowZero: true });
      const reason = (fix[3] ?? "").trim();
      if (!parsed.ok) {
        await ctx.reply(ctx.t(`vt-addhours-${parsed.error}`, { usage: ctx.t("vt-hours-usage") }));
        return;
      }
      if (reason === "" || reason.length > REASON_MAX) {
        await ctx.reply(
          ctx.t(reason === "" ? "vt-fix-no-reason" : "vt-addhours-reason-long", {
            max: REASON_MAX,
          }),
        );
        return;
      }
      const result = await correctHours(ctx.deps, me, id, parsed.minutes, reason);
      if (!result.ok) {
        await ctx.reply(
          result.error === "unknown"
            ? ctx.t("vt-entry-unknown", { id })
            : ctx.t("vt-addhours-day-full", {
                day: (await storage.volunteers.entry(id))?.day ?? "",
                already: hours(t(ctx), result.dayMinutes),
              }),
        );
        return;
      }
      await ctx.reply(
        ctx.t("vt-fix-done", {
          id,
          from: hours(t(ctx), result.before?.minutes ?? 0),
          to: hours(t(ctx), result.entry.minutes),
        }),
      );
      return;
    }
    const who = /^(@[A-Za-z0-9_]{3,32}|\d{5,15})$/.exec(args)?.[1];
    if (who) {
      const person = await findPerson(
        ctx,
        who.startsWith("@") ? { username: who.slice(1).toLowerCase() } : { id: Number(who) },
      );
      if (!person) {
        await ctx.reply(ctx.t("vt-unknown-person", { who }));
        return;
      }
      const text = [
        ctx.t("vt-hours-of", { name: personName(person, person.id) }),
        await hoursSummary(ctx, person.id, 30),
        "",
        ctx.t("vt-hours-usage"),
      ].join("\n");
      await replyLong(ctx, text);
      return;
    }
    if (args !== "") {
      await ctx.reply(ctx.t("vt-hours-usage"));
      return;
    }
    // Everyone's totals, for staff (names as staff know them; this is not the published ledger).
    const { ledger } = await ledgerNow(ctx.deps);
    if (ledger.people.length === 0) {
      await ctx.reply(`${ctx.t("vt-ledger-empty")}\n\n${ctx.t("vt-hours-usage")}`);
      return;
    }
    const lines = [ctx.t("vt-hours-title", { count: ledger.people.length })];
    for (const p of ledger.people)
      lines.push(
        ctx.t("vt-hours-line", {
          name: personName(await storage.people.get(p.personId), p.personId),
          id: String(p.personId),
          hours: hours(t(ctx), p.minutes),
          week: hours(t(ctx), p.weekMinutes),
        }),
      );
    lines.push("", ctx.t("vt-hours-usage"));
    await replyLong(ctx, lines.join("\n"));
  },
);

// ================================================================ teams

volunteers.command("teams", privateOnly(), requireRole("volunteer.teams", STAFF), async (ctx) => {
  const { storage } = ctx.deps;
  const me = ctx.from?.id as number;
  const [verb = "", keyRaw = "", ...nameParts] = ctx.match.trim().split(/\s+/);
  const tt = t(ctx);
  if (/^(add|remove|添加|删除)$/i.test(verb)) {
    if (!holds(ctx, ADMINS)) {
      await refuse(ctx, "volunteer.team.change", ADMINS);
      return;
    }
    const key = keyRaw.toLowerCase();
    if (!TEAM_KEY.test(key)) {
      await ctx.reply(ctx.t("vt-teams-usage"));
      return;
    }
    if (/^(remove|删除)$/i.test(verb)) {
      const done = await retireTeam(ctx.deps, me, key);
      await ctx.reply(ctx.t(done ? "vt-team-retired" : "vt-team-unknown", { key }));
      return;
    }
    const name = nameParts.join(" ").trim();
    const builtIn = (BUILT_IN_TEAMS as readonly string[]).includes(key);
    if ((!builtIn && name === "") || name.length > TEAM_NAME_MAX) {
      await ctx.reply(ctx.t("vt-team-name-needed", { max: TEAM_NAME_MAX }));
      return;
    }
    const result = await addTeam(ctx.deps, me, key, builtIn ? null : name);
    const teams = await storage.volunteers.teams();
    await ctx.reply(ctx.t(`vt-teams-${result}`, { key, name: teamName(tt, key, teams) }));
    return;
  }
  const teams = await storage.volunteers.teams({ archived: true });
  const profiles = await storage.volunteers.profiles();
  const lines = [ctx.t("vt-teams-title")];
  for (const team of teams.filter((x) => !x.archived))
    lines.push(
      ctx.t("vt-teams-line", {
        key: team.key,
        name: teamName(tt, team.key, teams),
        count: profiles.filter((p) => p.teams.includes(team.key)).length,
      }),
    );
  const retired = teams.filter((x) => x.archived);
  if (retired.length > 0)
    lines.push(
      ctx.t("vt-teams-retired", {
        list: retired
          .map((x) => ctx.t("vt-team-with-key", { name: teamName(tt, x.key, teams), key: x.key }))
          .join(ctx.t("list-separator")),
      }),
    );
  if (holds(ctx, ADMINS)) lines.push("", ctx.t("vt-teams-usage"));
  await replyLong(ctx, lines.join("\n"));
});

// =========================================================== the ledger

/** /volunteers: the published ledger (names only with consent), then its chart. */
volunteers.command("volunteers", async (ctx) => {
  const { clock, config, logger } = ctx.deps;
  const view = await ledgerNow(ctx.deps);
  const tt = t(ctx);
  await replyLong(
    ctx,
    ledgerText(tt, view.ledger, view.teams, dateTime(clock.now(), config.timezone)),
  );
  if (view.ledger.totalMinutes === 0) return;
  try {
    // The chart code loads on first use.
    const { renderSpec } = await import("../../bot/chart.js");
    const { png } = await renderSpec(await ledgerChart(tt, view.ledger, view.teams, view.days));
    await ctx.replyWithPhoto(new InputFile(png, "volunteers.png"), {
      caption: ctx.t("vt-chart-caption", { hours: hours(tt, view.ledger.totalMinutes) }),
    });
  } catch (err) {
    // The text has gone out; a chart that can't be drawn is not worth an error to the reader.
    logger.warn({ err }, "volunteers chart failed");
  }
});

/** /volunteers_export [from] [to]: every entry (or those of the days given) as CSV. */
volunteers.command(
  "volunteers_export",
  privateOnly(),
  requireRole("volunteer.export", COORDINATORS),
  async (ctx) => {
    const { storage, clock, config } = ctx.deps;
    const now = clock.now();
    const args = ctx.match.trim();
    let range: { from?: string; to?: string } = {};
    if (args !== "") {
      const parsed = parseDateRange(args, now, config.timezone);
      if (!parsed.ok) {
        await ctx.reply(ctx.t(`rq-export-${parsed.error}`));
        return;
      }
      range = { from: parsed.from, to: parsed.to };
    }
    const entries = await storage.volunteers.entries(range);
    if (entries.length === 0) {
      await ctx.reply(ctx.t("vt-export-empty"));
      return;
    }
    const people = new Map<number, { name: string; publicName: string | null }>();
    const profiles = new Map(
      (await storage.volunteers.profiles()).map((p) => [p.personId, p] as const),
    );
    for (const id of new Set(
      entries.flatMap((e) => [e.personId, e.addedBy, e.correctedBy]).filter((x) => x !== null),
    )) {
      const profile = profiles.get(id);
      people.set(id, {
        name: personName(await storage.people.get(id), id),
        publicName: profile?.consent === "named" ? profile.publicName : null,
      });
    }
    const tasks = new Map<number, VolunteerTask>();
    for (const id of new Set(entries.flatMap((e) => (e.taskId === null ? [] : [e.taskId])))) {
      const task = await storage.volunteers.task(id);
      if (task) tasks.set(id, task);
    }
    const teams = await storage.volunteers.teams({ archived: true });
    const csv = hoursCsv(t(ctx), entries, people, tasks, teams, config.timezone);
    const today = localDay(now, config.timezone);
    const name = range.from
      ? range.from === range.to
        ? `volunteer-hours-${range.from}.csv`
        : `volunteer-hours-${range.from}_${range.to}.csv`
      : `volunteer-hours-all-${today}.csv`;
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv), name), {
      caption: ctx.t("vt-export-caption", {
        count: entries.length,
        hours: hours(
          t(ctx),
          entries.reduce((s, e) => s + e.minutes, 0),
        ),
      }),
    });
    await storage.audit.log({
      actorId: ctx.from?.id ?? null,
      action: "volunteer.export",
      detail: { ...range, count: entries.length },
    });
  },
);

// ================================================================ consent

onButton(volunteers, volunteerButtons.consent, async (ctx, { choice }) => {
  if (!holds(ctx, VOLUNTEERS)) {
    await refuse(ctx, "volunteer.consent", VOLUNTEERS);
    return;
  }
  const me = ctx.from.id;
  const name = choice === "named" ? await suggestedName(ctx.deps, me) : null;
  await setConsent(ctx.deps, me, choice, name);
  const profile = await ctx.deps.storage.volunteers.profile(me);
  const text = ctx.t("vt-consent-saved", { consent: consentText(t(ctx), profile) });
  await removeButtons(ctx);
  await ctx.reply(text);
  await ctx.answerCallbackQuery({ text });
});
