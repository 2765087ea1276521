/**
 * The volunteers' ledger (志愿者台账): teams, availability, team shifts
 * (parse the lines a coordinator types, the next occurrences, the gaps),
 * hours (parse what a volunteer types, the 24-hours-a-day rule, how a task's
 * time counts) and the published figures (totals, average, highest, per
 * team, this week; names only with consent). Pure: no grammY, no SQL; times
 * are passed in.
 */
import {
  MINUTES_PER_DAY,
  minuteOfWeek,
  parseDays,
  type ShiftTimes,
  weeklyIntervals,
} from "./escalation.js";
import type { Category } from "./request-catalogue.js";
import type { Status } from "./request-states.js";
import { zonedParts, zonedTime } from "./schedule.js";

// ==================================================================== teams

/** The teams every community starts with; admins add their own and retire any. */
export const BUILT_IN_TEAMS = ["testing", "supplies", "medicine", "home_help"] as const;

/** A team's key: what coordinators type (`/team_shifts supplies …`). */
export const TEAM_KEY = /^[a-z][a-z0-9_]{1,19}$/;
export const TEAM_NAME_MAX = 20;

/** Which team a request of each category goes to; categories not listed are for staff. */
export const CATEGORY_TEAM: Readonly<Partial<Record<Category, string>>> = {
  testing: "testing",
  groceries: "supplies",
  medicine: "medicine",
  home_help: "home_help",
};

/** A task's state, as the volunteers' ledger keeps it. */
export type TaskState = "open" | "held" | "claimed" | "done" | "cancelled";

/**
 * What a request's state means for its task: open while nobody holds it,
 * held while staff have it (taken, or offered to a volunteer who hasn't
 * accepted), claimed by the volunteer who accepted it, done when done (the
 * resident's answer changes nothing), cancelled when it can't be done.
 */
export function taskStateOfRequest(
  status: Status,
  assigneeId: number | null,
): { status: TaskState; volunteerId: number | null } {
  switch (status) {
    case "new":
    case "reopened":
      return { status: "open", volunteerId: null };
    case "taken":
    case "assigned":
      return { status: "held", volunteerId: null };
    case "accepted":
      return { status: "claimed", volunteerId: assigneeId };
    case "done":
    case "solved":
      return { status: "done", volunteerId: assigneeId };
    case "cant_do":
      return { status: "cancelled", volunteerId: null };
  }
}

// ============================================================= availability

/** When a volunteer can usually help: a part of the day, on weekdays or at the weekend. */
export const AVAILABILITY = [
  "weekday_morning",
  "weekday_afternoon",
  "weekday_evening",
  "weekend_morning",
  "weekend_afternoon",
  "weekend_evening",
] as const;
export type Availability = (typeof AVAILABILITY)[number];

export function isAvailability(value: string): value is Availability {
  return (AVAILABILITY as readonly string[]).includes(value);
}

/** Morning 06:00–12:00, afternoon 12:00–18:00, evening 18:00–22:00; the night is nobody's. */
export function slotAt(now: Date, timeZone: string): Availability | undefined {
  const mow = minuteOfWeek(now, timeZone);
  const weekend = Math.floor(mow / MINUTES_PER_DAY) >= 5;
  const hour = Math.floor((mow % MINUTES_PER_DAY) / 60);
  const part =
    hour >= 6 && hour < 12
      ? "morning"
      : hour >= 12 && hour < 18
        ? "afternoon"
        : hour >= 18 && hour < 22
          ? "evening"
          : undefined;
  if (!part) return undefined;
  return `${weekend ? "weekend" : "weekday"}_${part}` as Availability;
}

// =================================================================== hours

/** The most hours anyone can give in one day. */
export const DAY_MINUTES = MINUTES_PER_DAY;
/** A reason for manual hours or a correction: short, like a note. */
export const REASON_MAX = 200;
/** Manual hours may be added for up to this many days back. */
export const MANUAL_DAYS_BACK = 30;

export type HoursError = "format" | "negative" | "zero" | "over-day";
export type HoursParse = { ok: true; minutes: number } | { ok: false; error: HoursError };

/**
 * Hours as people type them: `2`, `2.5`, `2,5`, `2h`, `2小时`, `1:30`,
 * `90m`, `90分钟`. Negative and more than 24 hours are refused; zero only
 * when `allowZero` (a correction that voids an entry).
 */
export function parseHours(raw: string, options: { allowZero?: boolean } = {}): HoursParse {
  const text = raw
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/^[−–—]/, "-");
  if (/^-\s*\d/.test(text)) return { ok: false, error: "negative" };
  let minutes: number | undefined;
  const clock = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hours = /^(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|小时|个小时|钟头|个钟头)?$/.exec(text);
  const mins = /^(\d+)\s*(?:m|min|mins|minutes?|分钟|分)$/.exec(text);
  if (clock) {
    if (Number(clock[2]) > 59) return { ok: false, error: "format" };
    minutes = Number(clock[1]) * 60 + Number(clock[2]);
  } else if (hours) {
    minutes = Math.round(Number((hours[1] as string).replace(",", ".")) * 60);
  } else if (mins) {
    minutes = Number(mins[1]);
  }
  if (minutes === undefined || !Number.isFinite(minutes)) return { ok: false, error: "format" };
  if (minutes > DAY_MINUTES) return { ok: false, error: "over-day" };
  if (minutes === 0 && !options.allowZero) return { ok: false, error: "zero" };
  return { ok: true, minutes };
}

/** Hours for people: at most two decimals, no trailing zeros (625.15, 9.5, 3). */
export function hoursText(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return String(hours);
}

/**
 * The minutes a task counts for: from claim to done, in whole minutes, at
 * most `capMinutes` (a Done pressed a day late must not add a day of work;
 * a coordinator can correct it). `capped` says the cap applied.
 */
export function taskMinutes(
  claimedAt: Date,
  doneAt: Date,
  capMinutes: number,
): { minutes: number; capped: boolean } {
  const raw = Math.max(0, Math.round((doneAt.getTime() - claimedAt.getTime()) / 60_000));
  return raw > capMinutes ? { minutes: capMinutes, capped: true } : { minutes: raw, capped: false };
}

/** Whether adding `minutes` to a day that already has `dayTotal` stays within 24 hours. */
export function fitsInDay(dayTotal: number, minutes: number): boolean {
  return dayTotal + minutes <= DAY_MINUTES;
}

// ================================================================== shifts

/** A team's weekly shift as a coordinator types it. */
export interface TeamShiftLine extends ShiftTimes {
  /** 1-based, counting the non-empty lines. */
  line: number;
  text: string;
  /** The team as typed (lower case); the caller checks it exists. */
  team: string;
  /** `@username` without the @ (lower case), or a numeric Telegram id. */
  who: Array<{ username: string } | { id: number }>;
  /** How many people the shift needs; undefined: as many as are named (at least 1). */
  needed: number | undefined;
}

export type TeamShiftError = "format" | "team" | "days" | "time" | "same-time" | "who" | "need";

export type TeamShiftParse =
  | { ok: true; shift: TeamShiftLine }
  | { ok: false; line: number; text: string; error: TeamShiftError; part?: string };

/** The most people one shift can need. */
export const SHIFT_NEEDED_MAX = 50;

/** "8:00" → 480; "24:00" only as an end. */
function minutesOf(raw: string, allow24: boolean): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(raw);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59) return undefined;
  if (hour === 24 && minute === 0 && allow24) return MINUTES_PER_DAY;
  if (hour > 23) return undefined;
  return hour * 60 + minute;
}

/**
 * One line: `supplies Mon-Fri 08:00-12:00 @alice @bob need 3`. People are
 * optional (a shift nobody is on yet is a gap); `need 3`, `x3`, `×3` or
 * `需3人` says how many it needs.
 */
export function parseTeamShiftLine(raw: string, line: number): TeamShiftParse {
  const text = raw.trim();
  const normal = text
    .normalize("NFKC")
    .replace(/[–—~〜至到]/g, "-")
    .replace(/：/g, ":")
    .replace(/\s*([-,，、])\s*/g, "$1")
    .replace(/需\s*(\d+)\s*人?/g, "need $1")
    .trim();
  const fail = (error: TeamShiftError, part?: string): TeamShiftParse =>
    part === undefined ? { ok: false, line, text, error } : { ok: false, line, text, error, part };
  const tokens = normal.split(/\s+/);
  if (tokens.length < 3) return fail("format");
  const [teamRaw, daysRaw, timesRaw, ...rest] = tokens as [string, string, string, ...string[]];
  const team = teamRaw.toLowerCase();
  if (!TEAM_KEY.test(team)) return fail("team", teamRaw);
  const days = parseDays(daysRaw);
  if (!days) return fail("days", daysRaw);
  const times = timesRaw.split("-");
  const start = times.length === 2 ? minutesOf(times[0] as string, false) : undefined;
  const end = times.length === 2 ? minutesOf(times[1] as string, true) : undefined;
  if (start === undefined || end === undefined) return fail("time", timesRaw);
  if (start === end % MINUTES_PER_DAY) return fail("same-time", timesRaw);
  const who: TeamShiftLine["who"] = [];
  let needed: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string;
    const need = /^(?:[x×*](\d+)|need(\d+)?)$/i.exec(token);
    if (need) {
      const value = need[1] ?? need[2] ?? rest[++i];
      const n = Number(value);
      if (!/^\d+$/.test(String(value)) || n < 1 || n > SHIFT_NEEDED_MAX)
        return fail("need", value ?? token);
      needed = n;
    } else if (/^@[A-Za-z0-9_]{3,32}$/.test(token)) {
      who.push({ username: token.slice(1).toLowerCase() });
    } else if (/^\d{1,15}$/.test(token)) {
      who.push({ id: Number(token) });
    } else {
      return fail("who", token);
    }
  }
  return { ok: true, shift: { line, text, team, days, start, end, who, needed } };
}

/** The lines of a /team_shifts message: blank lines and `#` comments skipped. */
export function parseTeamShiftLines(raw: string): TeamShiftParse[] {
  const results: TeamShiftParse[] = [];
  let n = 0;
  for (const text of raw.split(/\r?\n/)) {
    if (text.trim() === "" || text.trim().startsWith("#")) continue;
    results.push(parseTeamShiftLine(text, ++n));
  }
  return results;
}

/** Whether two weekly shifts share any minute. */
export function shiftsOverlap(a: ShiftTimes, b: ShiftTimes): boolean {
  const ai = weeklyIntervals(a);
  return weeklyIntervals(b).some(([bs, be]) => ai.some(([as, ae]) => as < be && bs < ae));
}

/** Runs of consecutive days: [0,1,2,3,4,6] → [[0,4],[6,6]] (for "Mon–Fri, Sun"). */
export function dayRuns(days: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === d - 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

/** "08:00" from minutes of the day (1440 is "24:00"). */
export function clockOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** One occurrence of a weekly shift. */
export interface Occurrence {
  start: Date;
  end: Date;
  /** Local date of the start, YYYY-MM-DD. */
  date: string;
  /** 0 = Monday. */
  weekday: number;
}

function localDateParts(at: Date, timeZone: string, plusDays: number) {
  const p = zonedParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + plusDays));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(p: { year: number; month: number; day: number }): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/**
 * The shift's occurrences that have not ended by `now`, starting within the
 * next `days` local days (today included; one that started yesterday and is
 * still going is included too), in time order.
 */
export function nextOccurrences(
  shift: ShiftTimes,
  now: Date,
  timeZone: string,
  days = 7,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (let offset = -1; offset < days; offset++) {
    const day = localDateParts(now, timeZone, offset);
    const weekday = (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
    if (!shift.days.includes(weekday)) continue;
    const start = at(timeZone, day, shift.start);
    const end = at(
      timeZone,
      day,
      shift.end > shift.start ? shift.end : shift.end + MINUTES_PER_DAY,
    );
    if (end.getTime() <= now.getTime()) continue;
    out.push({ start, end, date: isoDate(day), weekday });
  }
  return out;
}

function at(timeZone: string, day: { year: number; month: number; day: number }, minutes: number) {
  return zonedTime(
    timeZone,
    day.year,
    day.month,
    day.day + Math.floor(minutes / MINUTES_PER_DAY),
    Math.floor((minutes % MINUTES_PER_DAY) / 60),
    minutes % 60,
  );
}

/** A team shift as the gaps need it. */
export interface StaffedShift extends ShiftTimes {
  id: number;
  team: string;
  needed: number;
  people: readonly number[];
}

export interface TeamGaps {
  team: string;
  /** Shifts with fewer people than they need, and how many are missing. */
  short: Array<{ id: number; missing: number }>;
  /** Weekdays (0 = Monday) on which the team has no shift at all. */
  daysWithout: number[];
}

/** Per team that has shifts: the shifts short of people, and the days with none. */
export function teamGaps(shifts: readonly StaffedShift[]): TeamGaps[] {
  const teams = [...new Set(shifts.map((s) => s.team))];
  return teams.map((team) => {
    const own = shifts.filter((s) => s.team === team);
    const covered = new Set(own.flatMap((s) => s.days));
    return {
      team,
      short: own
        .filter((s) => s.people.length < s.needed)
        .map((s) => ({ id: s.id, missing: s.needed - s.people.length })),
      daysWithout: [0, 1, 2, 3, 4, 5, 6].filter((d) => !covered.has(d)),
    };
  });
}

/** Whether a weekly shift covers this instant. */
export function coversNow(shift: ShiftTimes, now: Date, timeZone: string): boolean {
  const mow = minuteOfWeek(now, timeZone);
  return weeklyIntervals(shift).some(([from, to]) => mow >= from && mow < to);
}

// ========================================================= who hears a task

/** What deciding who is told about a new task needs to know about one volunteer. */
export interface VolunteerReach {
  personId: number;
  teams: readonly string[];
  /** Buildings they cover; empty: all. */
  buildings: readonly string[];
  availability: readonly Availability[];
  /** On one of the team's shifts right now. */
  onShift: boolean;
}

/**
 * Who is told about a new task of `team` (`onShift`: on one of that team's
 * shifts now): the team's volunteers who cover its
 * building (or everyone in the team, if nobody covers it); of those, the ones
 * on the team's shift now, else the ones usually available at this time of
 * day, else all of them.
 */
export function taskRecipients(
  volunteers: readonly VolunteerReach[],
  team: string,
  building: string | null,
  slot: Availability | undefined,
): { people: number[]; onShift: boolean } {
  // Someone on the team's shift now counts as the team's, even lent from another team.
  const members = volunteers.filter((v) => v.teams.includes(team) || v.onShift);
  const covering =
    building === null
      ? members
      : members.filter((v) => v.buildings.length === 0 || v.buildings.includes(building));
  const pool = covering.length > 0 ? covering : members;
  const onShift = pool.filter((v) => v.onShift);
  if (onShift.length > 0) return { people: onShift.map((v) => v.personId), onShift: true };
  const available = slot ? pool.filter((v) => v.availability.includes(slot)) : [];
  const chosen = available.length > 0 ? available : pool;
  return { people: chosen.map((v) => v.personId), onShift: false };
}

// ================================================================ the ledger

/** One entry of hours, as the figures need it. */
export interface HoursFacts {
  personId: number;
  team: string | null;
  /** Local date, YYYY-MM-DD. */
  day: string;
  minutes: number;
}

/** How a volunteer agreed to be shown in the published ledger. */
export type Consent = "named" | "anonymous";

export interface PublicFacts {
  personId: number;
  /** The name they chose for the ledger. */
  publicName: string | null;
  /** null: not answered yet, which counts as anonymous. */
  consent: Consent | null;
  teams: readonly string[];
}

export interface PersonHours {
  personId: number;
  minutes: number;
  weekMinutes: number;
  /** Their chosen name, only if they agreed to be named. */
  name: string | null;
}

export interface VolunteerLedger {
  /** Volunteers now, and anyone else who has hours. */
  registered: number;
  totalMinutes: number;
  /** Total over registered volunteers (as the published ledgers count it). */
  averageMinutes: number;
  highest: PersonHours | null;
  perTeam: Array<{ team: string | null; minutes: number; people: number; members: number }>;
  week: { minutes: number; people: number; from: string };
  /** Those who agreed to be named, most hours first. */
  named: PersonHours[];
  /** Everyone else with hours, counted together. */
  anonymous: { people: number; minutes: number };
  /** Everyone with hours, most first (for staff and the chart). */
  people: PersonHours[];
}

/** The Monday (local date) of the week `now` is in. */
export function weekStart(now: Date, timeZone: string): string {
  const weekday = Math.floor(minuteOfWeek(now, timeZone) / MINUTES_PER_DAY);
  return isoDate(localDateParts(now, timeZone, -weekday));
}

/** The local date `now` is in, plus `plusDays`. */
export function localDay(now: Date, timeZone: string, plusDays = 0): string {
  return isoDate(localDateParts(now, timeZone, plusDays));
}

/** Whether a published name may be shown for this volunteer. */
export function shownName(p: Pick<PublicFacts, "consent" | "publicName"> | undefined) {
  return p?.consent === "named" && p.publicName ? p.publicName : null;
}

/**
 * The ledger's figures from every entry: volunteers (role holders plus anyone
 * with hours), total, average per volunteer, the highest, per team, this
 * week (from `weekFrom`, a local date), and who may be named.
 */
export function volunteerLedger(
  entries: readonly HoursFacts[],
  volunteerIds: readonly number[],
  profiles: readonly PublicFacts[],
  weekFrom: string,
): VolunteerLedger {
  const profileOf = new Map(profiles.map((p) => [p.personId, p]));
  const byPerson = new Map<number, { minutes: number; weekMinutes: number }>();
  const byTeam = new Map<string | null, { minutes: number; people: Set<number> }>();
  let total = 0;
  let week = 0;
  const weekPeople = new Set<number>();
  for (const e of entries) {
    if (e.minutes <= 0) continue;
    total += e.minutes;
    const p = byPerson.get(e.personId) ?? { minutes: 0, weekMinutes: 0 };
    p.minutes += e.minutes;
    if (e.day >= weekFrom) {
      p.weekMinutes += e.minutes;
      week += e.minutes;
      weekPeople.add(e.personId);
    }
    byPerson.set(e.personId, p);
    const t = byTeam.get(e.team) ?? { minutes: 0, people: new Set<number>() };
    t.minutes += e.minutes;
    t.people.add(e.personId);
    byTeam.set(e.team, t);
  }
  const registered = new Set([...volunteerIds, ...byPerson.keys()]).size;
  const people: PersonHours[] = [...byPerson.entries()]
    .map(([personId, h]) => ({ personId, ...h, name: shownName(profileOf.get(personId)) }))
    .sort((a, b) => b.minutes - a.minutes || a.personId - b.personId);
  const members = new Map<string, number>();
  for (const p of profiles) {
    if (!volunteerIds.includes(p.personId)) continue;
    for (const team of p.teams) members.set(team, (members.get(team) ?? 0) + 1);
  }
  const teams = new Set<string | null>([...byTeam.keys(), ...members.keys()]);
  const perTeam = [...teams]
    .map((team) => ({
      team,
      minutes: byTeam.get(team)?.minutes ?? 0,
      people: byTeam.get(team)?.people.size ?? 0,
      members: team === null ? 0 : (members.get(team) ?? 0),
    }))
    .sort((a, b) => b.minutes - a.minutes || String(a.team).localeCompare(String(b.team)));
  const named = people.filter((p) => p.name !== null);
  const anon = people.filter((p) => p.name === null);
  return {
    registered,
    totalMinutes: total,
    averageMinutes: registered === 0 ? 0 : Math.round(total / registered),
    highest: people[0] ?? null,
    perTeam,
    week: { minutes: week, people: weekPeople.size, from: weekFrom },
    named,
    anonymous: { people: anon.length, minutes: anon.reduce((s, p) => s + p.minutes, 0) },
    people,
  };
}

// ============================================================ typed hours

export type AddHoursError =
  | HoursError
  | "usage"
  | "future"
  | "too-old"
  | "no-reason"
  | "reason-long";

export type AddHoursParse =
  | {
      ok: true;
      /** Someone else (a coordinator adding for them): `@username` or a Telegram id. */
      who: { username: string } | { id: number } | null;
      minutes: number;
      day: string;
      team: string | null;
      reason: string;
    }
  | { ok: false; error: AddHoursError };

/**
 * `/addhours [@someone] <hours> [date] [team] <reason>`: the hours (see
 * parseHours), an optional day (today by default; `yesterday`, `11-20`,
 * `2026-11-20`; not in the future, at most MANUAL_DAYS_BACK days back), an
 * optional team key, and a reason (required). `parseDay` reads one date
 * token, or returns undefined if it isn't one.
 */
export function parseAddHours(
  args: string,
  today: string,
  parseDay: (token: string) => string | undefined,
  teamKeys: readonly string[],
): AddHoursParse {
  const tokens = args.normalize("NFKC").trim().split(/\s+/).filter(Boolean);
  let who: { username: string } | { id: number } | null = null;
  const first = tokens[0] ?? "";
  if (/^@[A-Za-z0-9_]{3,32}$/.test(first)) {
    who = { username: first.slice(1).toLowerCase() };
    tokens.shift();
  } else if (/^\d{6,15}$/.test(first)) {
    who = { id: Number(first) };
    tokens.shift();
  }
  const hoursToken = tokens.shift();
  if (hoursToken === undefined) return { ok: false, error: "usage" };
  const parsed = parseHours(hoursToken);
  if (!parsed.ok) return parsed;
  let day = today;
  const dayToken = tokens[0];
  const maybeDay = dayToken === undefined ? undefined : parseDay(dayToken);
  if (maybeDay !== undefined) {
    tokens.shift();
    if (maybeDay > today) return { ok: false, error: "future" };
    const back = (Date.parse(today) - Date.parse(maybeDay)) / 86_400_000;
    if (back > MANUAL_DAYS_BACK) return { ok: false, error: "too-old" };
    day = maybeDay;
  }
  let team: string | null = null;
  const teamToken = tokens[0]?.toLowerCase();
  if (teamToken !== undefined && teamKeys.includes(teamToken)) {
    team = teamToken;
    tokens.shift();
  }
  const reason = tokens.join(" ").trim();
  if (reason === "") return { ok: false, error: "no-reason" };
  if (reason.length > REASON_MAX) return { ok: false, error: "reason-long" };
  return { ok: true, who, minutes: parsed.minutes, day, team, reason };
}
