/**
 * Escalation rules: weekly shifts (parse the lines an admin types, find
 * overlaps), who is on duty at an instant, and the ladder (which step comes
 * next for an urgent item, and when). Pure: no grammY, no SQL; times are
 * passed in.
 */
import { zonedParts } from "./schedule.js";

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

// ================================================================== shifts

/** A weekly shift: on each of `days` (0 = Monday … 6 = Sunday) from `start` to `end` (minutes of the day). */
export interface ShiftTimes {
  days: number[];
  /** 0–1439. */
  start: number;
  /** 1–1440; at or before `start` means the shift ends the next day (22:00-06:00). */
  end: number;
}

export interface ShiftLine extends ShiftTimes {
  /** 1-based, counting the non-empty lines the admin sent. */
  line: number;
  text: string;
  /** `@username` without the @ (lower case), or a numeric Telegram id. */
  who: { username: string } | { id: number };
}

export type ShiftLineError = "format" | "days" | "time" | "same-time" | "who";

export type ShiftLineParse =
  | { ok: true; shift: ShiftLine }
  | { ok: false; line: number; text: string; error: ShiftLineError; part?: string };

const DAY_NAMES: Record<string, number> = {
  mon: 0,
  monday: 0,
  tue: 1,
  tues: 1,
  tuesday: 1,
  wed: 2,
  wednesday: 2,
  thu: 3,
  thur: 3,
  thurs: 3,
  thursday: 3,
  fri: 4,
  friday: 4,
  sat: 5,
  saturday: 5,
  sun: 6,
  sunday: 6,
};
const CHINESE_DAYS: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  七: 6,
};
const EVERY_DAY = new Set(["daily", "everyday", "每天", "每日", "天天"]);

function dayOf(raw: string): number | undefined {
  const token = raw.toLowerCase().replace(/\.$/, "");
  if (token in DAY_NAMES) return DAY_NAMES[token];
  const zh = /^(?:周|星期|礼拜)?([一二三四五六日天七])$/.exec(token);
  if (zh) return CHINESE_DAYS[zh[1] as string];
  return undefined;
}

/** "Mon-Sun", "Mon-Fri", "Sat,Sun", "Fri-Mon" (wraps), "周一-周五", "daily". Sorted days, or undefined. */
export function parseDays(raw: string): number[] | undefined {
  const text = raw.toLowerCase();
  if (EVERY_DAY.has(text)) return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of text.split(/[,，、]/)) {
    if (part === "") return undefined;
    const range = part.split("-");
    if (range.length > 2) return undefined;
    const from = dayOf(range[0] as string);
    const to = range.length === 2 ? dayOf(range[1] as string) : from;
    if (from === undefined || to === undefined) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** "8:00" → 480; "24:00" only when `allow24` (an end of day). */
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

/** One line: `Mon-Sun 08:00-16:00 @username` (or a numeric id instead of @username). */
export function parseShiftLine(raw: string, line: number): ShiftLineParse {
  const text = raw.trim();
  const normal = text
    .normalize("NFKC")
    .replace(/[–—~〜至到]/g, "-")
    .replace(/：/g, ":")
    .replace(/\s*([-,，、])\s*/g, "$1")
    .trim();
  const fail = (error: ShiftLineError, part?: string): ShiftLineParse =>
    part === undefined ? { ok: false, line, text, error } : { ok: false, line, text, error, part };
  const tokens = normal.split(/\s+/);
  if (tokens.length !== 3) return fail("format");
  const [daysRaw, timesRaw, whoRaw] = tokens as [string, string, string];
  const days = parseDays(daysRaw);
  if (!days) return fail("days", daysRaw);
  const times = timesRaw.split("-");
  const start = times.length === 2 ? minutesOf(times[0] as string, false) : undefined;
  const end = times.length === 2 ? minutesOf(times[1] as string, true) : undefined;
  if (start === undefined || end === undefined) return fail("time", timesRaw);
  if (start === end) return fail("same-time", timesRaw);
  let who: ShiftLine["who"];
  if (/^@[A-Za-z0-9_]{3,32}$/.test(whoRaw)) who = { username: whoRaw.slice(1).toLowerCase() };
  else if (/^\d{1,15}$/.test(whoRaw)) who = { id: Number(whoRaw) };
  else return fail("who", whoRaw);
  return { ok: true, shift: { line, text, days, start, end, who } };
}

/** The lines of a /shifts message: blank lines and `#` comments skipped, the rest numbered from 1. */
export function parseShiftLines(raw: string): ShiftLineParse[] {
  const results: ShiftLineParse[] = [];
  let n = 0;
  for (const text of raw.split(/\r?\n/)) {
    if (text.trim() === "" || text.trim().startsWith("#")) continue;
    results.push(parseShiftLine(text, ++n));
  }
  return results;
}

/** Minute-of-week intervals [from, to) of a shift; a shift across Sunday midnight is cut in two. */
export function weeklyIntervals(shift: ShiftTimes): Array<[number, number]> {
  const length =
    shift.end > shift.start ? shift.end - shift.start : shift.end + MINUTES_PER_DAY - shift.start;
  const out: Array<[number, number]> = [];
  for (const day of shift.days) {
    const from = day * MINUTES_PER_DAY + shift.start;
    const to = from + length;
    if (to <= MINUTES_PER_WEEK) out.push([from, to]);
    else out.push([from, MINUTES_PER_WEEK], [0, to - MINUTES_PER_WEEK]);
  }
  return out;
}

/**
 * Pairs of lines that give the same person overlapping time. `key` says who a
 * line is for (a person id once names are resolved). Each overlapping line is
 * reported once, against the first earlier line it overlaps.
 */
export function findOverlaps<T extends ShiftTimes & { line: number }>(
  shifts: readonly T[],
  key: (s: T) => string | number,
): Array<{ line: number; other: number }> {
  const found: Array<{ line: number; other: number }> = [];
  for (let i = 0; i < shifts.length; i++) {
    const a = shifts[i] as T;
    const aIntervals = weeklyIntervals(a);
    for (let j = 0; j < i; j++) {
      const b = shifts[j] as T;
      if (key(a) !== key(b)) continue;
      const clash = weeklyIntervals(b).some(([bs, be]) =>
        aIntervals.some(([as, ae]) => as < be && bs < ae),
      );
      if (clash) {
        found.push({ line: a.line, other: b.line });
        break;
      }
    }
  }
  return found;
}

/** Minutes since Monday 00:00 of the week, on the wall clock of `timeZone`. */
export function minuteOfWeek(now: Date, timeZone: string): number {
  const p = zonedParts(now, timeZone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  return weekday * MINUTES_PER_DAY + p.hour * 60 + p.minute;
}

/** When the shift that covers `now` ends, or undefined if none does. */
export function shiftEndAt(shift: ShiftTimes, now: Date, timeZone: string): Date | undefined {
  const p = zonedParts(now, timeZone);
  const mow = minuteOfWeek(now, timeZone);
  for (const [from, to] of weeklyIntervals(shift)) {
    if (mow >= from && mow < to) {
      // A shift cut at Sunday midnight continues on Monday: follow it.
      let end = to;
      if (to === MINUTES_PER_WEEK) {
        const next = weeklyIntervals(shift).find(([f]) => f === 0);
        if (next) end = MINUTES_PER_WEEK + next[1];
      }
      const startOfMinute = now.getTime() - p.second * 1000 - (now.getTime() % 1000);
      return new Date(startOfMinute + (end - mow) * 60_000);
    }
  }
  return undefined;
}

export function inShift(shift: ShiftTimes, now: Date, timeZone: string): boolean {
  return shiftEndAt(shift, now, timeZone) !== undefined;
}

// ===================================================================== duty

/** A coordinator's own switch: on (until switched off), off (until `until`), or none (follow the shifts). */
export interface ManualDuty {
  manual: "on" | "off" | null;
  /** ISO time; an `off` ends then (the end of the shift it was set in). */
  until: string | null;
}

export interface DutyInput {
  /** People who may be on duty: coordinators and admins. */
  candidates: Iterable<number>;
  shifts: ReadonlyArray<ShiftTimes & { personId: number }>;
  manual: ReadonlyMap<number, ManualDuty>;
  now: Date;
  timeZone: string;
}

export type DutyReason = "manual" | "shift";

/** Who is on duty at `now`, and why: `/duty on`, or a shift (unless `/duty off` covers now). */
export function onDutyAt(input: DutyInput): Map<number, DutyReason> {
  const on = new Map<number, DutyReason>();
  const allowed = new Set(input.candidates);
  for (const id of allowed) {
    const m = input.manual.get(id);
    const active = m?.manual && (m.until === null || Date.parse(m.until) > input.now.getTime());
    if (active && m?.manual === "on") on.set(id, "manual");
  }
  for (const s of input.shifts) {
    if (!allowed.has(s.personId) || on.has(s.personId)) continue;
    const m = input.manual.get(s.personId);
    const off =
      m?.manual === "off" && (m.until === null || Date.parse(m.until) > input.now.getTime());
    if (!off && inShift(s, input.now, input.timeZone)) on.set(s.personId, "shift");
  }
  return on;
}

// =================================================================== ladder

export interface LadderSettings {
  /** Minutes to wait for an acknowledgement at each step before the next. */
  step1Minutes: number;
  step2Minutes: number;
  step3Minutes: number;
  /** How many times steps 2 and 3 run again after their first pass. */
  repeats: number;
}

export const DEFAULT_LADDER: LadderSettings = {
  step1Minutes: 5,
  step2Minutes: 5,
  step3Minutes: 5,
  repeats: 3,
};

export const LADDER_LIMITS = {
  minutes: { min: 1, max: 120 },
  repeats: { min: 0, max: 10 },
} as const;

export type LadderStep = 1 | 2 | 3;

export interface LadderState {
  status: "open" | "acknowledged" | "unacknowledged";
  step: LadderStep;
  /** 1 for the first pass through steps 2 and 3, 2 for the first repeat, ... (1 at step 1). */
  round: number;
  /** When the current step was taken. */
  steppedAt: Date;
  /** People (and groups) paged at the current step. */
  paged: number;
  /** Of the people paged at the current step, how many pressed "Can't take it". */
  declined: number;
}

export type LadderMove =
  | { type: "none" }
  | { type: "wait"; until: Date }
  | { type: "step"; step: 2 | 3; round: number; reason: "timeout" | "declined" | "nobody" }
  | { type: "give-up"; reason: "timeout" | "nobody" };

function waitMinutes(step: LadderStep, s: LadderSettings): number {
  return step === 1 ? s.step1Minutes : step === 2 ? s.step2Minutes : s.step3Minutes;
}

/**
 * What the ladder does next. A step with nobody to page is passed at once;
 * step 1 is also passed when everyone paged pressed "Can't take it".
 * Otherwise the next step comes once the step's wait is over: 1 → 2 → 3,
 * then 2 → 3 again up to `repeats` times, then the item is given up.
 */
export function nextMove(state: LadderState, settings: LadderSettings, now: Date): LadderMove {
  if (state.status !== "open") return { type: "none" };
  const nobody = state.paged === 0;
  const allDeclined = state.step === 1 && !nobody && state.declined >= state.paged;
  const due = new Date(state.steppedAt.getTime() + waitMinutes(state.step, settings) * 60_000);
  const reason = nobody ? "nobody" : allDeclined ? "declined" : "timeout";
  if (!nobody && !allDeclined && now.getTime() < due.getTime()) return { type: "wait", until: due };
  if (state.step === 1) return { type: "step", step: 2, round: 1, reason };
  if (state.step === 2) return { type: "step", step: 3, round: state.round, reason };
  if (state.round <= settings.repeats) {
    return { type: "step", step: 2, round: state.round + 1, reason };
  }
  return { type: "give-up", reason: nobody ? "nobody" : "timeout" };
}

/** The median of numbers (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/** "/escalation_settings step1=5 repeats 3": the pairs, or the first part that is wrong. */
export function parseLadderSettings(
  raw: string,
):
  | { ok: true; changes: Partial<LadderSettings> }
  | { ok: false; error: "format" | "key" | "range"; part: string } {
  const text = raw
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/\s*[=:]\s*/g, "=");
  const tokens = text.split(/\s+/).filter((t) => t !== "");
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token.includes("=")) {
      const [k, v = ""] = token.split("=");
      pairs.push([k as string, v]);
    } else {
      const value = tokens[i + 1];
      if (value === undefined) return { ok: false, error: "format", part: token };
      pairs.push([token, value]);
      i++;
    }
  }
  if (pairs.length === 0) return { ok: false, error: "format", part: "" };
  const keys: Record<string, keyof LadderSettings> = {
    step1: "step1Minutes",
    step2: "step2Minutes",
    step3: "step3Minutes",
    repeats: "repeats",
  };
  const changes: Partial<LadderSettings> = {};
  for (const [k, v] of pairs) {
    const key = keys[k];
    if (!key) return { ok: false, error: "key", part: k };
    const n = /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN;
    const limits = key === "repeats" ? LADDER_LIMITS.repeats : LADDER_LIMITS.minutes;
    if (!(n >= limits.min && n <= limits.max))
      return { ok: false, error: "range", part: `${k}=${v}` };
    changes[key] = n;
  }
  return { ok: true, changes };
}
