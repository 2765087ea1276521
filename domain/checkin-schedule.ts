/**
 * The daily check-in's timetable: the settings an admin types, and which of
 * the day's three steps (prompt, deadline, final report) is due at a given
 * moment. Pure: `now` and the time zone are passed in.
 */
import { localDate, parseClock, zonedParts } from "./schedule.js";

export const CHECKIN_STEPS = ["prompt", "deadline", "report"] as const;
export type CheckinStep = (typeof CHECKIN_STEPS)[number];

export interface CheckinSettings {
  /** "08:00": the prompt in every building group (and to those who opted in). */
  prompt: string;
  /** "10:00": reminders to the missing, the missing list to staff. */
  deadline: string;
  /** "11:00": the day's summary to the coordinators. */
  report: string;
  enabled: boolean;
}

export const DEFAULT_SETTINGS: CheckinSettings = {
  prompt: "08:00",
  deadline: "10:00",
  report: "11:00",
  enabled: true,
};

/** Minutes since local midnight of "HH:MM" (already validated). */
export function minutesOf(clock: string): number {
  const t = parseClock(clock);
  if (!t) throw new Error(`not a clock time: ${clock}`);
  return t.hour * 60 + t.minute;
}

/** "8:5" is not accepted; "8:05", "08:05", "８：０５" are, and come back as "08:05". */
export function normalizeClock(raw: string): string | undefined {
  const t = parseClock(raw);
  if (!t) return undefined;
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

export type SettingsParse =
  | { ok: true; kind: "show" }
  | { ok: true; kind: "set"; settings: CheckinSettings; changed: Array<keyof CheckinSettings> }
  | {
      ok: false;
      /** bad-time: "25:00"; order: prompt < deadline < report broken; usage: anything else. */
      error: "bad-time" | "order" | "usage";
      value?: string;
      settings?: CheckinSettings;
    };

const ON = new Set(["on", "开", "开启", "打开"]);
const OFF = new Set(["off", "关", "关闭"]);
const KEYWORDS: Record<string, "prompt" | "deadline" | "report"> = {
  prompt: "prompt",
  提醒: "prompt",
  开始: "prompt",
  deadline: "deadline",
  截止: "deadline",
  report: "report",
  summary: "report",
  汇总: "report",
};
const TIME_LIKE = /^\d{1,2}[:：.]\d{1,2}$/;

/**
 * `/checkin_settings` arguments: nothing (show), `on` / `off`, up to three
 * times in order (prompt, deadline, report), or `prompt 07:30`,
 * `deadline 10:30`, `report 11:30` (also 提醒 / 截止 / 汇总). The result must
 * keep prompt < deadline < report within the day.
 */
export function parseSettingsArgs(raw: string, current: CheckinSettings): SettingsParse {
  const tokens = raw
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .split(/[\s,，]+/)
    .filter((t) => t !== "");
  if (tokens.length === 0) return { ok: true, kind: "show" };
  const next: CheckinSettings = { ...current };
  const changed = new Set<keyof CheckinSettings>();
  const order = ["prompt", "deadline", "report"] as const;
  let position = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (ON.has(token) || OFF.has(token)) {
      next.enabled = ON.has(token);
      changed.add("enabled");
      continue;
    }
    const keyword = KEYWORDS[token];
    let field: "prompt" | "deadline" | "report" | undefined;
    let value = token;
    if (keyword) {
      field = keyword;
      value = tokens[++i] ?? "";
    } else if (TIME_LIKE.test(token) || /^\d+$/.test(token)) {
      field = order[position++];
    }
    if (!field) return { ok: false, error: "usage", value: token };
    const clock = normalizeClock(value);
    if (!clock) return { ok: false, error: value === "" ? "usage" : "bad-time", value };
    next[field] = clock;
    changed.add(field);
  }
  if (
    !(
      minutesOf(next.prompt) < minutesOf(next.deadline) &&
      minutesOf(next.deadline) < minutesOf(next.report)
    )
  ) {
    return { ok: false, error: "order", settings: next };
  }
  return { ok: true, kind: "set", settings: next, changed: [...changed] };
}

/** The `count` local dates ending with `date`, oldest first. */
export function lastDates(date: string, count: number): string[] {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const dates: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = new Date(Date.UTC(y, m - 1, d - i));
    dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

/**
 * Which steps are due at `now`. Each step has a window that runs until the
 * next step's time (the report's until midnight): a bot that was down at
 * 08:00 and starts at 08:20 still sends today's prompt, but one that starts
 * at 10:30 does not send a "please report" after the deadline has passed.
 * The caller keeps what it has done today, so a step runs once.
 */
export function dueSteps(
  now: Date,
  timeZone: string,
  settings: CheckinSettings,
): { date: string; due: CheckinStep[] } {
  const date = localDate(now, timeZone);
  if (!settings.enabled) return { date, due: [] };
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const starts = CHECKIN_STEPS.map((s) => minutesOf(settings[s]));
  const due = CHECKIN_STEPS.filter((_, i) => {
    const start = starts[i] as number;
    const end = starts[i + 1] ?? 24 * 60;
    return minute >= start && minute < end;
  });
  return { date, due };
}
