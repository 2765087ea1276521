/**
 * Requests (求助): categories and the questions each one asks, the short
 * number people say on the phone, the state machine and who may move a
 * request through it, the overdue targets, shifts, and the ledger figures.
 * Pure: no grammY, no SQL; times and the time zone are passed in.
 */
import { mayAct, type Role } from "./roles.js";
import { parseClock, zonedParts, zonedTime } from "./schedule.js";

// ================================================================ categories

export const CATEGORIES = [
  "medicine",
  "gas",
  "groceries",
  "repair",
  "testing",
  "home_help",
  "policy",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export const URGENCIES = ["now", "today", "later"] as const;
/** now: urgent, right now; today: by tonight; later: can wait a few days. */
export type Urgency = (typeof URGENCIES)[number];

export function isUrgency(value: string): value is Urgency {
  return (URGENCIES as readonly string[]).includes(value);
}

/**
 * One question of a category. text: up to TEXT_MAX characters; short: up to
 * SHORT_MAX; choice: buttons; count: 1–COUNT_MAX; photos: optional photos
 * (up to PHOTOS_MAX); notice: which notice a policy question is about.
 */
export type FieldKind = "text" | "short" | "list" | "choice" | "count" | "photos" | "notice";

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  /** The choices of a `choice` field. */
  options?: readonly string[];
  /** May be skipped with a button. */
  optional?: boolean;
}

export const TEXT_MAX = 1000;
export const SHORT_MAX = 100;
export const COUNT_MAX = 20;
export const PHOTOS_MAX = 3;
export const NAME_MAX = 30;

/** The questions of each category, in order. */
export const CATEGORY_FIELDS: Readonly<Record<Category, readonly FieldSpec[]>> = {
  medicine: [
    { key: "medicine", kind: "text" },
    { key: "quantity", kind: "short" },
    { key: "photos", kind: "photos", optional: true },
    { key: "by_when", kind: "choice", options: ["today", "tomorrow", "days", "week"] },
  ],
  gas: [
    { key: "gas_problem", kind: "choice", options: ["empty", "topup", "leak", "other"] },
    { key: "note", kind: "short", optional: true },
  ],
  groceries: [
    { key: "list", kind: "list" },
    { key: "payment", kind: "choice", options: ["on_delivery", "paid", "help"] },
  ],
  repair: [
    { key: "problem", kind: "text" },
    { key: "photos", kind: "photos", optional: true },
  ],
  testing: [
    { key: "people", kind: "count" },
    { key: "reason", kind: "choice", options: ["cant_walk", "bedridden", "isolated", "other"] },
  ],
  home_help: [
    { key: "need", kind: "choice", options: ["food", "water", "move", "visit", "other"] },
    { key: "description", kind: "text" },
  ],
  policy: [
    { key: "question", kind: "text" },
    { key: "notice", kind: "notice", optional: true },
  ],
  other: [{ key: "description", kind: "text" }],
};

/** The answers of one request: field key → text (photos are kept apart). */
export type Details = Record<string, string>;

/** A gas leak is urgent whatever the person picks, and gets safety advice first. */
export function forcedUrgency(category: Category, details: Details): Urgency | undefined {
  return category === "gas" && details.gas_problem === "leak" ? "now" : undefined;
}

/** The field that best says what the request is about, for one-line summaries. */
export function headlineField(category: Category): string {
  const fields = CATEGORY_FIELDS[category];
  const text = fields.find((f) => f.kind === "text" || f.kind === "list");
  return (text ?? (fields[0] as FieldSpec)).key;
}

// ================================================================ text input

export type TextCheck =
  | { ok: true; value: string }
  | { ok: false; error: "empty" | "too-long"; length?: number; max?: number };

/** Multi-line text as typed: each line trimmed, runs of blank lines folded, NFKC. */
export function cleanText(raw: string): string {
  return raw
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t\u3000]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A text answer within `max` characters. A "list" must hold at least one word or number. */
export function checkText(raw: string, max: number, kind: "text" | "list" = "text"): TextCheck {
  const value = cleanText(raw);
  const meaningful = value.replace(/[^\p{L}\p{N}]/gu, "");
  if (value === "" || (kind === "list" && meaningful === "")) return { ok: false, error: "empty" };
  if (value.length > max) return { ok: false, error: "too-long", length: value.length, max };
  return { ok: true, value };
}

/** 1–COUNT_MAX, typed the way people type it ("2", "２", "2人"). */
export function parseCount(raw: string): number | undefined {
  const m = /^(\d{1,3})\s*(人|个|位|people|persons?)?$/i.exec(raw.normalize("NFKC").trim());
  const n = m ? Number(m[1]) : Number.NaN;
  return n >= 1 && n <= COUNT_MAX ? n : undefined;
}

// ============================================================ short numbers

/** The community's local date of `at`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** `1122-007`: the local month and day of filing, then the day's sequence. */
export function formatRequestNumber(day: string, seq: number): string {
  const [, month, date] = day.split("-");
  return `${month}${date}-${pad(seq, 3)}`;
}

/** What people type or say: `1122-007`, `#1122007`, `１１２２－００７`, `1122 7`. */
export function parseRequestNumber(raw: string): string | undefined {
  const text = raw
    .normalize("NFKC")
    .trim()
    .replace(/^[#＃№]|^no\.?\s*/i, "")
    .replace(/[—–－]/g, "-");
  const m = /^(\d{2})(\d{2})\s*[-\s]?\s*(\d{1,4})$/.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const seq = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || seq < 1) return undefined;
  // A bare 7-digit 1122007 splits as 1122-007; shorter sequences need the dash.
  return `${m[1]}${m[2]}-${pad(seq, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

// ============================================================ state machine

export const STATUSES = [
  "new",
  "taken",
  "assigned",
  "accepted",
  "done",
  "solved",
  "reopened",
  "cant_do",
] as const;
export type Status = (typeof STATUSES)[number];

/** Someone still has to act. */
export const OPEN_STATUSES: readonly Status[] = [
  "new",
  "reopened",
  "taken",
  "assigned",
  "accepted",
];
/** Nobody holds it yet. */
export const UNCLAIMED: readonly Status[] = ["new", "reopened"];
/** Work finished (the resident may still say it isn't solved). */
export const RESOLVED: readonly Status[] = ["done", "solved"];

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export type Action =
  | "take"
  | "claim"
  | "assign"
  | "accept"
  | "decline"
  | "release"
  | "done"
  | "cant"
  | "solved"
  | "reopen";

/** The states each action starts from. */
export const ACTION_FROM: Readonly<Record<Action, readonly Status[]>> = {
  take: UNCLAIMED,
  claim: UNCLAIMED,
  assign: ["new", "reopened", "taken", "assigned"],
  accept: ["assigned"],
  decline: ["assigned"],
  release: ["accepted"],
  done: OPEN_STATUSES,
  cant: OPEN_STATUSES,
  solved: ["done"],
  reopen: ["done"],
};

/** The facts about a request the rules need. */
export interface RequestFacts {
  status: Status;
  category: Category;
  handlerId: number | null;
  assigneeId: number | null;
  /** Who hears back and answers "Solved?": the resident, or the staff member who filed for someone. */
  contactId: number | null;
}

export interface ActorFacts {
  id: number;
  roles: ReadonlySet<Role>;
}

export type Refusal =
  /** The person's roles don't allow it (audited as denied). */
  | "denied"
  /** Only the resident (contact) may answer. */
  | "not-contact"
  /** Only the volunteer holding it may do this. */
  | "not-holder"
  /** Someone took it first. */
  | "taken"
  /** Already finished (done, solved or can't do). */
  | "closed"
  /** Not possible in the current state (e.g. accept after the volunteer was changed). */
  | "state";

export type Decision = { ok: true; to: Status } | { ok: false; reason: Refusal };

/** Who may do what: coordinators run the ledger, volunteers act on what they hold, residents answer. */
export function decide(action: Action, actor: ActorFacts, req: RequestFacts): Decision {
  const coordinator = mayAct(actor.roles, ["coordinator"]);
  const volunteer = actor.roles.has("volunteer");
  const holds = req.assigneeId === actor.id;
  const allowed = ((): Refusal | undefined => {
    switch (action) {
      case "take":
      case "assign":
      case "cant":
        return coordinator ? undefined : "denied";
      case "claim":
        if (coordinator) return undefined;
        return volunteer && req.category !== "policy" ? undefined : "denied";
      case "accept":
      case "decline":
      case "release":
        return holds || actor.roles.has("admin") ? undefined : volunteer ? "not-holder" : "denied";
      case "done":
        if (coordinator) return undefined;
        if (!volunteer) return "denied";
        return holds && req.status === "accepted" ? undefined : "not-holder";
      case "solved":
      case "reopen":
        return req.contactId === actor.id || actor.roles.has("admin") ? undefined : "not-contact";
    }
  })();
  if (allowed) return { ok: false, reason: allowed };
  if (!ACTION_FROM[action].includes(req.status)) {
    if (req.status === "solved" || req.status === "cant_do") return { ok: false, reason: "closed" };
    if (req.status === "done" && action !== "solved" && action !== "reopen")
      return { ok: false, reason: "closed" };
    if ((action === "take" || action === "claim") && isOpen(req.status))
      return { ok: false, reason: "taken" };
    return { ok: false, reason: "state" };
  }
  return { ok: true, to: target(action, req) };
}

/** Where an action leads. A volunteer giving a task back returns it to its coordinator, or to the queue. */
export function target(action: Action, req: Pick<RequestFacts, "handlerId">): Status {
  switch (action) {
    case "take":
      return "taken";
    case "claim":
    case "accept":
      return "accepted";
    case "assign":
      return "assigned";
    case "decline":
    case "release":
      return req.handlerId === null ? "new" : "taken";
    case "done":
      return "done";
    case "cant":
      return "cant_do";
    case "solved":
      return "solved";
    case "reopen":
      return "reopened";
  }
}

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

export interface OverdueItem {
  id: number;
  number: string;
  category: Category;
  urgency: Urgency;
  status: Status;
  address: string | null;
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

// =============================================================== in groups

/**
 * Whether a message in a building group looks like someone asking for help
 * (then the bot points them to the private flow). Words people actually
 * write: 求助, 帮忙, 没有药, 没气了, 漏水, help...
 */
const HELP_WORDS = [
  "求助",
  "求救",
  "帮忙",
  "帮帮",
  "帮我",
  "急需",
  "没药",
  "没有药",
  "买药",
  "缺药",
  "没气",
  "没有气",
  "没煤气",
  "没燃气",
  "漏水",
  "停水",
  "停电",
  "没水",
  "没电",
  "堵了",
  "坏了",
  "没吃的",
  "没有吃的",
  "没菜",
  "断粮",
  "上门核酸",
  "上门检测",
  "走不动",
];
const HELP_PATTERN = /\b(help|sos|need (medicine|food|help)|out of (gas|food|medicine))\b/i;

export function looksLikeRequest(text: string): boolean {
  const t = text.normalize("NFKC");
  if (t.startsWith("/")) return false;
  return HELP_WORDS.some((w) => t.includes(w)) || HELP_PATTERN.test(t);
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
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
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
