/**
 * What the key-care round looks like to people: a check as a task (who,
 * where, how, with the three outcome buttons), a silent resident's welfare
 * check, the second try after no answer, /care (today's round) and /care
 * list. Texts come from locales/<lang>/care.ftl in the reader's language.
 * Tasks go to one person privately; they may carry a phone number and care
 * flags, and never go to a group.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { clockTime } from "../../bot/format.js";
import { formatAddress } from "../../domain/address.js";
import { CARE_OUTCOMES, type CareEntry, type CareStatus, careKey } from "../../domain/care.js";
import { compareDoors } from "../../domain/grid.js";
import { splitMessage } from "../../domain/text.js";
import { BUILT_IN_TEAMS } from "../../domain/volunteers.js";
import type { CareCheck } from "../../storage/care.js";

type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

const tr =
  (deps: BotDeps, locale: string): Tr =>
  (key, vars) =>
    deps.i18n.t(locale, key, vars);

/** The round's buttons: one tap records an outcome. */
export const careButtons = {
  outcome: button("cr:o", { id: "int", o: CARE_OUTCOMES }),
  /** "I'll do it" on a check posted to a volunteers' team: the first claim wins. */
  claim: button("cr:c", { id: "int" }),
};

/** What a task says about a door: the residents' names and phone, care flags or reason. */
export interface DoorFacts {
  names: string[];
  phone: string | null;
  flags: readonly string[];
  reason: string | null;
}

function outcomeKeyboard(t: Tr, checkId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("care-btn-fine"), careButtons.outcome.data({ id: checkId, o: "fine" }))
    .text(t("care-btn-needs"), careButtons.outcome.data({ id: checkId, o: "needs" }))
    .row()
    .text(t("care-btn-no_answer"), careButtons.outcome.data({ id: checkId, o: "no_answer" }));
}

function why(t: Tr, facts: DoorFacts): string {
  const parts = facts.flags.map((f) => t(`flag-${f}`));
  if (facts.reason) parts.push(facts.reason);
  return parts.join(t("list-separator"));
}

function doorLines(t: Tr, check: CareCheck, facts: DoorFacts): string[] {
  const lines = [
    t("care-task-who", {
      address: formatAddress(check),
      names: facts.names.length > 0 ? facts.names.join(t("list-separator")) : t("care-no-name"),
    }),
  ];
  const reasons = why(t, facts);
  if (reasons) lines.push(t("care-task-why", { why: reasons }));
  lines.push(t("care-task-phone", { phone: facts.phone ?? t("care-no-phone") }));
  return lines;
}

export function taskPayload(
  deps: BotDeps,
  locale: string,
  check: CareCheck,
  facts: DoorFacts,
  everyDays: number,
) {
  const t = tr(deps, locale);
  return {
    text: [
      t("care-task-title", { method: t(`care-method-${check.method}`) }),
      ...doorLines(t, check, facts),
      t(everyDays === 1 ? "care-task-daily" : "care-task-every", { days: everyDays }),
      "",
      t("care-task-how"),
    ].join("\n"),
    reply_markup: outcomeKeyboard(t, check.id),
  };
}

export function silencePayload(
  deps: BotDeps,
  locale: string,
  check: CareCheck,
  facts: DoorFacts,
  time: string,
) {
  const t = tr(deps, locale);
  return {
    text: [
      t("care-silence-title", { time }),
      ...doorLines(t, check, facts),
      "",
      t("care-silence-how"),
    ].join("\n"),
    reply_markup: outcomeKeyboard(t, check.id),
  };
}

export function followUpPayload(deps: BotDeps, locale: string, check: CareCheck, facts: DoorFacts) {
  const t = tr(deps, locale);
  return {
    text: [t("care-retry-title"), ...doorLines(t, check, facts), "", t("care-retry-how")].join(
      "\n",
    ),
    reply_markup: outcomeKeyboard(t, check.id),
  };
}

/** The line added to a task once its outcome is recorded. */
export function recordedLine(t: Tr, status: CareStatus, by: string, at: string): string {
  return t("care-recorded", { outcome: t(`care-outcome-${status}`), name: by, time: at });
}

/** A volunteers' team as a plan's "who": "the home help volunteers". */
export function teamLabel(t: Tr, team: string): string {
  const builtIn: readonly string[] = BUILT_IN_TEAMS;
  return t("care-by-team", { team: builtIn.includes(team) ? t(`vt-team-${team}`) : team });
}

// ==================================================================== /care

const ICONS: Record<CareStatus, string> = {
  due: "⏳",
  fine: "✅",
  needs: "🧺",
  no_answer: "📵",
};

export function roundText(
  deps: BotDeps,
  t: Tr,
  v: {
    date: string;
    checks: readonly CareCheck[];
    overdue: readonly CareCheck[];
    facts: Map<string, DoorFacts>;
    names: Map<number, string>;
    roundDone: boolean;
    roundAt: string;
    whole: boolean;
  },
): string[] {
  const tz = deps.config.timezone;
  const line = (x: CareCheck) => {
    const facts = v.facts.get(careKey(x));
    const who = facts?.names.join(t("list-separator")) ?? "";
    const base = `${ICONS[x.status]} ${formatAddress(x)}${who ? ` ${who}` : ""}${
      x.kind === "silence" ? ` ${t("care-kind-silence-tag")}` : ""
    }${x.attempt > 1 ? ` ${t("care-retry-tag")}` : ""}`;
    const by = x.recordedBy === null ? "" : (v.names.get(x.recordedBy) ?? "");
    const detail =
      x.status === "due"
        ? t("care-round-due", {
            method: t(`care-method-${x.method}`),
            name:
              x.responsibleId !== null
                ? (v.names.get(x.responsibleId) ?? "")
                : x.team !== null
                  ? teamLabel(t, x.team)
                  : t("care-coordinators"),
          })
        : t("care-round-done", {
            outcome: t(`care-outcome-${x.status}`),
            name: by,
            time: x.recordedAt ? clockTime(x.recordedAt, tz) : "",
          });
    const esc = x.escalationId !== null ? ` ${t("care-escalated", { id: x.escalationId })}` : "";
    return `${base}：${detail}${esc}`;
  };
  const sorted = (list: readonly CareCheck[]) =>
    [...list].sort((a, b) => a.date.localeCompare(b.date) || compareDoors(a, b) || a.id - b.id);
  const done = v.checks.filter((x) => x.status !== "due");
  const due = v.checks.filter((x) => x.status === "due");
  const lines = [
    t(v.whole ? "care-round-title-all" : "care-round-title", { date: v.date }),
    t("care-round-counts", { done: done.length, due: due.length, overdue: v.overdue.length }),
  ];
  if (!v.roundDone) lines.push(t("care-round-not-yet", { time: v.roundAt }));
  if (due.length > 0) lines.push("", t("care-round-due-title"), ...sorted(due).map(line));
  if (done.length > 0) lines.push("", t("care-round-done-title"), ...sorted(done).map(line));
  if (v.overdue.length > 0)
    lines.push(
      "",
      t("care-round-overdue-title"),
      ...sorted(v.overdue).map((x) => `${x.date} ${line(x)}`),
    );
  if (v.checks.length === 0 && v.overdue.length === 0) lines.push("", t("care-round-empty"));
  return splitMessage(lines.join("\n"));
}

export function listText(
  t: Tr,
  rows: ReadonlyArray<{ entry: CareEntry; responsibleId: number | null; facts: DoorFacts }>,
  names: Map<number, string>,
  whole: boolean,
): string[] {
  const lines = [t(whole ? "care-list-title-all" : "care-list-title", { count: rows.length })];
  const sorted = [...rows].sort((a, b) => compareDoors(a.entry, b.entry));
  for (const r of sorted) {
    const e = r.entry;
    const reasons = why(t, r.facts);
    lines.push(
      t("care-list-line", {
        address: formatAddress(e),
        names: r.facts.names.length > 0 ? ` ${r.facts.names.join(t("list-separator"))}` : "",
        why: reasons || t("care-no-reason"),
        method: t(`care-method-${e.plan.method}`),
        every:
          e.plan.everyDays === 1
            ? t("care-every-day")
            : t("care-every-days", { days: e.plan.everyDays }),
        who:
          r.responsibleId !== null
            ? (names.get(r.responsibleId) ?? String(r.responsibleId))
            : e.plan.team !== null
              ? teamLabel(t, e.plan.team)
              : t("care-coordinators"),
      }),
    );
  }
  if (rows.length === 0) lines.push("", t("care-list-empty"));
  lines.push("", t("care-list-usage"));
  return splitMessage(lines.join("\n"));
}
