/**
 * The ledger's rules: when a request is overdue, days and shifts, the
 * figures of a day (received, solved, median time, overdue items), and the
 * date range of an export. Pure: no grammY, no SQL; times and the time zone
 * are passed in.
 */
import { CATEGORIES, type Category, type Urgency } from "./request-catalogue.js";
import { isOpen, RESOLVED, type Status } from "./request-states.js";
import { localDate, parseClock, zonedParts, zonedTime } from "./schedule.js";

// ==================================================================== time

export interface UrgencyTargets {
  /** Urgent ones: minutes after filing. */
  nowMinutes: number;
  /** "Today" ones: by this local time (a request filed after it: by this time tomorrow). */
  todayBy: string;
  /** Those that can wait: days after filing. */
  laterDays: number;
}

export interface RequestSettings {
  targets: UrgencyTargets;
  /** Per-category exceptions, e.g. medicine: { laterDays: 2 }. */
  categoryTargets: Partial<Record<Category, Partial<UrgencyTargets>>>;
  /** Shifts are blocks of this many hours from local midnight (8: 00–08, 08–16, 16–24). */
  shiftHours: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  targets: { nowMinutes: 60, todayBy: "20:00", laterDays: 3 },
  categoryTargets: {},
  shiftHours: 8,
};

/** When a request is overdue: counted from filing, or from its latest reopening. */
export function dueAt(
  category: Category,
  urgency: Urgency,
  from: Date,
  timeZone: string,
  settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
): Date {
  const t = { ...settings.targets, ...settings.categoryTargets[category] };
  if (urgency === "now") return new Date(from.getTime() + t.nowMinutes * 60_000);
  if (urgency === "later") return new Date(from.getTime() + t.laterDays * 86_400_000);
  const by = parseClock(t.todayBy) ?? { hour: 20, minute: 0 };
  const p = zonedParts(from, timeZone);
  const today = zonedTime(timeZone, p.year, p.month, p.day, by.hour, by.minute);
  if (from.getTime() < today.getTime()) return today;
  return zonedTime(timeZone, p.year, p.month, p.day + 1, by.hour, by.minute);
}

export interface Span {
  start: Date;
  end: Date;
}

/** The local day holding `at`. */
export function dayOf(at: Date, timeZone: string, offsetDays = 0): Span {
  const p = zonedParts(at, timeZone);
  return {
    start: zonedTime(timeZone, p.year, p.month, p.day + offsetDays, 0, 0),
    end: zonedTime(timeZone, p.year, p.month, p.day + offsetDays + 1, 0, 0),
  };
}

/** The shift holding `at`: blocks of `hours` from local midnight (the last one ends at midnight). */
export function shiftOf(at: Date, timeZone: string, hours = 8): Span {
  const p = zonedParts(at, timeZone);
  const startHour = Math.floor(p.hour / hours) * hours;
  const endHour = Math.min(24, startHour + hours);
  return {
    start: zonedTime(timeZone, p.year, p.month, p.day, startHour, 0),
    end: zonedTime(timeZone, p.year, p.month, p.day, endHour, 0),
  };
}

// ================================================================== ledger

/** One request as the ledger sees it (times as ISO strings). */
export interface LedgerRow {
  id: number;
  number: string;
  category: Category;
  urgency: Urgency;
  status: Status;
  address: string | null;
  createdAt: string;
  doneAt: string | null;
  reopenedAt: string | null;
}

export interface OpenCounts {
  /** Filed this shift and still open. */
  shift: number;
  /** Filed today and still open. */
  today: number;
  /** Open, whenever filed (carried over included). */
  all: number;
}

/** An open request past its target, and by how much. */
export interface OverdueItem
  extends Pick<LedgerRow, "id" | "number" | "category" | "urgency" | "status" | "address"> {
  dueAt: Date;
  minutesLate: number;
}

export interface Ledger {
  shift: Span;
  day: Span;
  open: Record<Category, OpenCounts>;
  openTotal: OpenCounts;
  receivedToday: number;
  /** Finished today (done or confirmed solved, and not reopened since). */
  solvedToday: number;
  /** Of today's requests, the share now done or solved; null without requests. */
  resolutionRate: number | null;
  /** Median minutes from filing to done, over those finished today; null if none. */
  medianMinutesToDone: number | null;
  overdue: OverdueItem[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const within = (iso: string | null, span: Span) =>
  iso !== null && iso >= span.start.toISOString() && iso < span.end.toISOString();

/**
 * The figures of the ledger at `now` for the day `day` (default: today): open
 * items by category, received and solved, resolution rate, median time to
 * done, and overdue items (those open past their target, latest first late).
 */
export function ledgerFigures(
  rows: readonly LedgerRow[],
  now: Date,
  timeZone: string,
  settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
  day: Span = dayOf(now, timeZone),
): Ledger {
  const shift = shiftOf(now, timeZone, settings.shiftHours);
  const open = Object.fromEntries(
    CATEGORIES.map((c) => [c, { shift: 0, today: 0, all: 0 }]),
  ) as Record<Category, OpenCounts>;
  const openTotal: OpenCounts = { shift: 0, today: 0, all: 0 };
  const overdue: OverdueItem[] = [];
  const minutesToDone: number[] = [];
  let receivedToday = 0;
  let resolvedOfToday = 0;
  let solvedToday = 0;

  for (const r of rows) {
    const receivedThisDay = within(r.createdAt, day);
    if (receivedThisDay) {
      receivedToday++;
      if (RESOLVED.includes(r.status)) resolvedOfToday++;
    }
    if (RESOLVED.includes(r.status) && within(r.doneAt, day)) {
      solvedToday++;
      minutesToDone.push((Date.parse(r.doneAt as string) - Date.parse(r.createdAt)) / 60_000);
    }
    if (!isOpen(r.status)) continue;
    const counts = open[r.category];
    for (const c of [counts, openTotal]) {
      c.all++;
      if (receivedThisDay) c.today++;
      if (within(r.createdAt, shift)) c.shift++;
    }
    const due = dueAt(
      r.category,
      r.urgency,
      new Date(r.reopenedAt ?? r.createdAt),
      timeZone,
      settings,
    );
    if (due.getTime() < now.getTime()) {
      overdue.push({
        id: r.id,
        number: r.number,
        category: r.category,
        urgency: r.urgency,
        status: r.status,
        address: r.address,
        dueAt: due,
        minutesLate: Math.floor((now.getTime() - due.getTime()) / 60_000),
      });
    }
  }
  overdue.sort((a, b) => b.minutesLate - a.minutesLate || a.id - b.id);
  const med = median(minutesToDone);
  return {
    shift,
    day,
    open,
    openTotal,
    receivedToday,
    solvedToday,
    resolutionRate: receivedToday === 0 ? null : resolvedOfToday / receivedToday,
    medianMinutesToDone: med === null ? null : Math.round(med),
    overdue,
  };
}

// ================================================================== export

export type DateRange =
  | { ok: true; from: string; to: string }
  | { ok: false; error: "format" | "order" | "too-long" };

export const EXPORT_MAX_DAYS = 366;

/** The instant a local date (YYYY-MM-DD) begins, `plusDays` later. */
export function startOfLocalDate(date: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return zonedTime(timeZone, y, m, d + plusDays, 0, 0);
}

/** One date: 2026-11-20, 11-20 (this year), 11/20, today/今天, yesterday/昨天. */
function parseDate(raw: string, now: Date, timeZone: string): string | undefined {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  if (text === "today" || text === "今天") return localDate(now, timeZone);
  if (text === "yesterday" || text === "昨天")
    return localDate(dayOf(now, timeZone, -1).start, timeZone);
  const m = /^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const year = m[1] ? Number(m[1]) : zonedParts(now, timeZone).year;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * `/export` arguments: nothing (today), one date (that day), or two dates
 * (from and to, both included).
 */
export function parseDateRange(args: string, now: Date, timeZone: string): DateRange {
  const parts = args
    .normalize("NFKC")
    .trim()
    .split(/\s+|\s*(?:~|到|至|—|–)\s*/)
    .filter((p) => p !== "");
  if (parts.length > 2) return { ok: false, error: "format" };
  const dates = parts.map((p) => parseDate(p, now, timeZone));
  if (dates.some((d) => d === undefined)) return { ok: false, error: "format" };
  const today = localDate(now, timeZone);
  const from = (dates[0] ?? today) as string;
  const to = (dates[1] ?? from) as string;
  if (from > to) return { ok: false, error: "order" };
  const days =
    (startOfLocalDate(to, timeZone).getTime() - startOfLocalDate(from, timeZone).getTime()) /
    86_400_000;
  if (days >= EXPORT_MAX_DAYS) return { ok: false, error: "too-long" };
  return { ok: true, from, to };
}
