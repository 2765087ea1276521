/**
 * What a request is: its categories and the questions each one asks, its
 * urgencies, how typed answers are checked, the short number people say on
 * the phone, and how a message in a group looks like someone asking for help.
 * Pure: no grammY, no SQL.
 */

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
  // When it is needed is the urgency question every request ends with (asked once).
  medicine: [
    { key: "medicine", kind: "text" },
    { key: "quantity", kind: "short" },
    { key: "photos", kind: "photos", optional: true },
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
