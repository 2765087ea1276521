/**
 * What the volunteers' ledger looks like to people, in the reader's
 * language: team names, task posts and their "taken" edits, the claimed
 * task's buttons, shifts, hours, the published ledger (names only with
 * consent), the CSV, and the chart. Buttons are defined here, once.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { ChartSpec } from "../../bot/chart.js";
import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import { csvLine } from "../../domain/notice-report.js";
import {
  AVAILABILITY,
  type Availability,
  BUILT_IN_TEAMS,
  clockOf,
  dayRuns,
  hoursText,
  type VolunteerLedger,
} from "../../domain/volunteers.js";
import type {
  HoursEntry,
  Team,
  TeamShift,
  VolunteerProfile,
  VolunteerTask,
} from "../../storage/volunteers.js";

export type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

export function tr(deps: BotDeps, locale: string): Tr {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

const ID = { id: "int" } as const;

/** The ledger's buttons: on task posts and claimed tasks, the consent question, the profile's answers. */
export const volunteerButtons = {
  /** I'll do it, on a task this feature handles. */
  claim: button("vt:claim", ID),
  /** Done, on a claimed task. */
  done: button("vt:done", ID),
  /** Give it back, on a claimed task. */
  back: button("vt:back", ID),
  /** The answer to "may the published ledger name you?". */
  consent: button("vt:consent", { choice: ["named", "anonymous"] }),
  /** An answer in the profile conversation: the step, then the value. */
  profile: button("vp", { step: "str", value: "str" }),
};

// ================================================================== names

/** A team's name: a built-in team's from locales/, an admin's own as they wrote it. */
export function teamName(t: Tr, key: string | null, teams: readonly Team[]): string {
  if (key === null) return t("vt-team-none");
  const name = teams.find((x) => x.key === key)?.name;
  if (name) return name;
  return (BUILT_IN_TEAMS as readonly string[]).includes(key) ? t(`vt-team-${key}`) : key;
}

export function hours(t: Tr, minutes: number): string {
  return t("vt-hours", { hours: hoursText(minutes) });
}

/** "Mon–Fri", "周一至周五", "Sat, Sun". */
export function daysText(t: Tr, days: readonly number[]): string {
  if (days.length === 7) return t("vt-every-day");
  return dayRuns(days)
    .map(([a, b]) =>
      a === b
        ? t(`vt-day-${a}`)
        : b === a + 1
          ? `${t(`vt-day-${a}`)}${t("list-separator")}${t(`vt-day-${b}`)}`
          : t("vt-day-range", { from: t(`vt-day-${a}`), to: t(`vt-day-${b}`) }),
    )
    .join(t("list-separator"));
}

export function shiftTimes(s: Pick<TeamShift, "start" | "end">): string {
  return `${clockOf(s.start)}–${clockOf(s.end)}`;
}

export function availabilityText(t: Tr, slots: readonly Availability[]): string {
  if (slots.length === 0) return t("vt-availability-unset");
  return AVAILABILITY.filter((a) => slots.includes(a))
    .map((a) => t(`vt-slot-${a}`))
    .join(t("list-separator"));
}

export function buildingsText(t: Tr, buildings: readonly string[]): string {
  return buildings.length === 0
    ? t("vt-buildings-all")
    : buildings.map((b) => t("vt-building", { building: b })).join(t("list-separator"));
}

export function consentText(t: Tr, p: VolunteerProfile | undefined): string {
  if (p?.consent === "named" && p.publicName) return t("vt-consent-named", { name: p.publicName });
  if (p?.consent === "anonymous") return t("vt-consent-anonymous");
  return t("vt-consent-unset");
}

// ================================================================== tasks

/** A task's title in the reader's language; an argument may itself be a key to translate. */
export function taskTitle(t: Tr, task: Pick<VolunteerTask, "titleKey" | "titleArgs">): string {
  const vars: Vars = {};
  for (const [name, value] of Object.entries(task.titleArgs))
    vars[name] = typeof value === "object" ? t(value.key) : value;
  return t(task.titleKey, vars);
}

function postText(t: Tr, task: VolunteerTask, teams: readonly Team[]): string {
  return t(task.urgent ? "vt-post-urgent" : "vt-post", {
    team: teamName(t, task.team, teams),
    title: taskTitle(t, task),
  });
}

/** The post announcing a task to a volunteer, with the claim button (the owner's, if it has one). */
export function postPayload(deps: BotDeps, locale: string, task: VolunteerTask, teams: Team[]) {
  const t = tr(deps, locale);
  return {
    text: postText(t, task, teams),
    reply_markup: new InlineKeyboard().text(
      t("vt-btn-claim"),
      task.claimData ?? volunteerButtons.claim.data({ id: task.id }),
    ),
  };
}

/** A post once the task is no longer open: the same words, who took it (or that it closed), no buttons. */
export function settledPostText(t: Tr, original: string, task: VolunteerTask, taker: string) {
  // Taken by a volunteer; handled by staff (a coordinator took the request); or over.
  const line =
    task.claimedBy !== null && (task.status === "claimed" || task.status === "done")
      ? t("vt-post-taken", { name: taker })
      : task.status === "held" || task.status === "done"
        ? t("vt-post-held")
        : t("vt-post-closed");
  return `${original}\n\n${line}`;
}

/** A task the volunteer holds: Done and Give back. */
export function claimedPayload(deps: BotDeps, locale: string, task: VolunteerTask, teams: Team[]) {
  const t = tr(deps, locale);
  return {
    text: t("vt-claimed", { team: teamName(t, task.team, teams), title: taskTitle(t, task) }),
    reply_markup: new InlineKeyboard()
      .text(t("vt-btn-done"), volunteerButtons.done.data({ id: task.id }))
      .text(t("vt-btn-back"), volunteerButtons.back.data({ id: task.id })),
  };
}

/** "May the published ledger show your hours under <name>?" */
export function consentPayload(deps: BotDeps, locale: string, suggested: string) {
  const t = tr(deps, locale);
  return {
    text: t("vt-consent-ask", { name: suggested }),
    reply_markup: new InlineKeyboard()
      .text(
        t("vt-btn-consent-named", { name: suggested }),
        volunteerButtons.consent.data({ choice: "named" }),
      )
      .row()
      .text(t("vt-btn-consent-anonymous"), volunteerButtons.consent.data({ choice: "anonymous" })),
  };
}

// ================================================================== shifts

export function shiftLine(
  t: Tr,
  s: TeamShift,
  teams: readonly Team[],
  name: (id: number) => string,
): string {
  const people = s.people.map(name).join(t("list-separator")) || t("vt-shift-nobody");
  const missing = s.needed - s.people.length;
  return t(missing > 0 ? "vt-shift-line-short" : "vt-shift-line", {
    id: s.id,
    team: teamName(t, s.team, teams),
    days: daysText(t, s.days),
    times: shiftTimes(s),
    people,
    needed: s.needed,
    missing: Math.max(0, missing),
  });
}

// =================================================================== hours

export function entryLine(
  t: Tr,
  e: HoursEntry,
  teams: readonly Team[],
  what: string,
  tz: string,
): string {
  const corrected = e.correctedAt
    ? t("vt-entry-corrected", {
        from: hoursText(e.originalMinutes ?? e.minutes),
        reason: e.correctionReason ?? "",
        at: dateTime(e.correctedAt, tz),
      })
    : "";
  return t("vt-entry-line", {
    id: e.id,
    day: e.day.slice(5),
    hours: hours(t, e.minutes),
    team: teamName(t, e.team, teams),
    what,
    capped: e.capped ? t("vt-entry-capped") : "",
    corrected,
  });
}

// =============================================================== the ledger

/** The published ledger, as one lockdown community published it: only consented names. */
export function ledgerText(
  t: Tr,
  l: VolunteerLedger,
  teams: readonly Team[],
  asOf: string,
  maxNames = 100,
): string {
  const lines = [t("vt-ledger-title", { at: asOf }), ""];
  lines.push(t("vt-ledger-registered", { count: l.registered }));
  lines.push(t("vt-ledger-total", { hours: hours(t, l.totalMinutes) }));
  if (l.highest) {
    lines.push(
      t("vt-ledger-average-highest", {
        average: hours(t, l.averageMinutes),
        highest: hours(t, l.highest.minutes),
        who: l.highest.name ?? t("vt-anonymous-one"),
      }),
    );
  }
  lines.push(
    t("vt-ledger-week", {
      hours: hours(t, l.week.minutes),
      people: l.week.people,
      from: l.week.from.slice(5),
    }),
  );
  const shownTeams = l.perTeam.filter((x) => x.minutes > 0 || x.members > 0);
  if (shownTeams.length > 0) {
    lines.push("", t("vt-ledger-teams"));
    for (const x of shownTeams)
      lines.push(
        t("vt-ledger-team-line", {
          team: teamName(t, x.team, teams),
          members: x.members,
          people: x.people,
          hours: hours(t, x.minutes),
        }),
      );
  }
  if (l.named.length > 0) {
    lines.push("", t("vt-ledger-named"));
    l.named.slice(0, maxNames).forEach((p, i) => {
      lines.push(
        t("vt-ledger-named-line", {
          n: i + 1,
          name: p.name ?? "",
          hours: hours(t, p.minutes),
          week: hours(t, p.weekMinutes),
        }),
      );
    });
    if (l.named.length > maxNames)
      lines.push(t("vt-ledger-named-more", { count: l.named.length - maxNames }));
  }
  if (l.anonymous.people > 0)
    lines.push(
      "",
      t("vt-ledger-anonymous", {
        count: l.anonymous.people,
        hours: hours(t, l.anonymous.minutes),
      }),
    );
  if (l.totalMinutes === 0) lines.push("", t("vt-ledger-empty"));
  return lines.join("\n");
}

/** The chart beside the ledger: hours per team and the top volunteers (anonymous ones unnamed). */
export async function ledgerChart(
  t: Tr,
  l: VolunteerLedger,
  teams: readonly Team[],
  days: number,
): Promise<ChartSpec> {
  // The chart code (ECharts) loads on first use.
  const { volunteersChart } = await import("./chart.js");
  let anonymous = 0;
  return volunteersChart(
    {
      days,
      teams: l.perTeam
        .filter((x) => x.minutes > 0)
        .map((x) => ({ name: teamName(t, x.team, teams), hours: x.minutes / 60 })),
      volunteers: l.people.map((p) => ({
        name: p.name ?? t("vt-chart-anonymous", { n: ++anonymous }),
        hours: p.minutes / 60,
      })),
    },
    (key, vars) => t(key, vars),
  );
}

// ==================================================================== CSV

const CSV_COLUMNS = [
  "id",
  "day",
  "person",
  "name",
  "public-name",
  "team",
  "source",
  "task",
  "started",
  "ended",
  "hours",
  "capped",
  "reason",
  "added-by",
  "corrected-by",
  "corrected-at",
  "correction-reason",
  "original-hours",
] as const;

export interface CsvPerson {
  name: string;
  publicName: string | null;
}

/** Every entry, one line each; headers in the reader's language, a BOM so Excel reads Chinese. */
export function hoursCsv(
  t: Tr,
  entries: readonly HoursEntry[],
  people: ReadonlyMap<number, CsvPerson>,
  tasks: ReadonlyMap<number, VolunteerTask>,
  teams: readonly Team[],
  tz: string,
): string {
  const time = (at: string | null) => (at ? dateTime(at, tz) : "");
  const name = (id: number | null) => (id === null ? "" : (people.get(id)?.name ?? String(id)));
  const lines = entries.map((e) => {
    const task = e.taskId === null ? undefined : tasks.get(e.taskId);
    return csvLine([
      e.id,
      e.day,
      e.personId,
      name(e.personId),
      people.get(e.personId)?.publicName ?? "",
      teamName(t, e.team, teams),
      t(`vt-source-${e.source}`),
      task ? taskTitle(t, task) : "",
      time(e.startedAt),
      time(e.endedAt),
      hoursText(e.minutes),
      e.capped ? t("vt-csv-yes") : "",
      e.reason,
      name(e.addedBy),
      name(e.correctedBy),
      time(e.correctedAt),
      e.correctionReason,
      e.originalMinutes === null ? "" : hoursText(e.originalMinutes),
    ]);
  });
  const header = csvLine(CSV_COLUMNS.map((c) => t(`vt-csv-${c}`)));
  return `\uFEFF${[header, ...lines].join("\r\n")}\r\n`;
}
