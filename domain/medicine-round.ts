/**
 * Medicine rounds (集中购药): what a round asks residents for, how a
 * resident's medicine list is read, and how one household's list moves
 * through the round (submitted → collected → purchased or unavailable →
 * delivered → settled). Pure: no grammY, no SQL.
 */

// ================================================================ a round

/** What residents must have ready besides the list of medicines. */
export const ROUND_NEEDS = ["prescription", "record", "card"] as const;
export type RoundNeed = (typeof ROUND_NEEDS)[number];

export function isRoundNeed(value: string): value is RoundNeed {
  return (ROUND_NEEDS as readonly string[]).includes(value);
}

/** open: taking lists (until its time); closed: no more lists, the work goes on; finished. */
export type RoundStatus = "open" | "closed" | "finished";

/** A round takes lists while it is open and its collection time has not come. */
export function roundAccepting(
  round: { status: RoundStatus; collectAt: string },
  now: Date,
): boolean {
  return round.status === "open" && now.getTime() < Date.parse(round.collectAt);
}

/** Photos are asked for (and "I'll show it at the door" offered) when the round needs papers. */
export function needsPhotos(needs: readonly RoundNeed[]): boolean {
  return needs.includes("prescription") || needs.includes("record");
}

export const PHARMACY_MAX = 100;
export const ROUND_NOTE_MAX = 500;

// ================================================================ a list

/** How the household will pay for what is bought. */
export const PAYMENTS = ["cash", "transfer", "insurance"] as const;
export type Payment = (typeof PAYMENTS)[number];

export function isPayment(value: string): value is Payment {
  return (PAYMENTS as readonly string[]).includes(value);
}

export const MEDICINES_MAX = 10;
export const MEDICINE_NAME_MAX = 60;
export const MEDICINE_AMOUNT_MAX = 20;
export const ROUND_PHOTOS_MAX = 5;

export interface MedicineLine {
  name: string;
  amount: string;
}

export type MedicineListParse =
  | { ok: true; items: MedicineLine[] }
  | { ok: false; error: "empty" | "too-many" | "no-amount" | "too-long"; line?: string };

const COUNT = "(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百半]+)";
const UNIT =
  "(?:盒|瓶|板|片|粒|支|袋|包|罐|贴|管|个|周|天|月|个月|周的量|天的量|个月的量|boxe?s?|bottles?|packs?|packets?|tablets?|pills?|strips?|tubes?|weeks?|days?|months?)";
/** A separator then a count with an optional unit: "降压药 2盒", "降压药，2", "降压药 x2". */
const SEPARATED = new RegExp(`^(.+?)[\\s,，、;；:：×xX*]+(${COUNT}\\s*${UNIT}?(?:的量)?)$`, "iu");
/** No separator: then the unit is required ("降压药两盒"), so "维生素B12" is not read as 12 of something. */
const JOINED = new RegExp(`^(.+?)(${COUNT}\\s*${UNIT}(?:的量)?)$`, "iu");

/** One medicine per line: a name, then how much ("硝苯地平缓释片 2盒", "降压药两盒"). */
export function parseMedicineList(raw: string): MedicineListParse {
  const lines = raw
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/^\s*(?:\d+[.、)]|[-•*])\s*/, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((l) => l !== "");
  if (lines.length === 0) return { ok: false, error: "empty" };
  if (lines.length > MEDICINES_MAX) return { ok: false, error: "too-many" };
  const items: MedicineLine[] = [];
  for (const line of lines) {
    const m = SEPARATED.exec(line) ?? JOINED.exec(line);
    const name = m?.[1]?.trim() ?? "";
    const amount = m?.[2]?.trim() ?? "";
    if (!m || name === "" || !/[\p{L}]/u.test(name)) return { ok: false, error: "no-amount", line };
    if (name.length > MEDICINE_NAME_MAX || amount.length > MEDICINE_AMOUNT_MAX)
      return { ok: false, error: "too-long", line };
    items.push({ name, amount });
  }
  return { ok: true, items };
}

// ======================================================= the list's states

export const SUBMISSION_STATUSES = [
  "submitted",
  "collected",
  "purchased",
  "unavailable",
  "delivered",
  "settled",
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Nothing more will happen to it. */
export const SUBMISSION_FINAL: readonly SubmissionStatus[] = ["settled", "unavailable"];

export type ItemStatus = "pending" | "bought" | "unavailable";

/** Why a medicine could not be bought (said to the resident in their language). */
export const UNAVAILABLE_REASONS = ["out_of_stock", "prescription", "not_sold", "other"] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export function isUnavailableReason(value: string): value is UnavailableReason {
  return (UNAVAILABLE_REASONS as readonly string[]).includes(value);
}

/** What staff do to a list, and the state each starts from. */
export type SubmissionAction = "collect" | "item" | "deliver" | "settle";

export const SUBMISSION_ACTION_FROM: Readonly<Record<SubmissionAction, SubmissionStatus>> = {
  collect: "submitted",
  item: "collected",
  deliver: "purchased",
  settle: "delivered",
};

/** The state a list moves to once every medicine is bought or marked unavailable. */
export function afterItems(items: ReadonlyArray<{ status: ItemStatus }>): SubmissionStatus | null {
  if (items.some((i) => i.status === "pending")) return null;
  return items.some((i) => i.status === "bought") ? "purchased" : "unavailable";
}

/** How many lists are in each state (every state present, zero or not). */
export function countByStatus(
  statuses: Iterable<SubmissionStatus>,
): Record<SubmissionStatus, number> {
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, 0])) as Record<
    SubmissionStatus,
    number
  >;
  for (const s of statuses) counts[s]++;
  return counts;
}

/** Lists still being worked on; a round can be finished when there are none. */
export function inProgress(counts: Record<SubmissionStatus, number>): number {
  return SUBMISSION_STATUSES.filter((s) => !SUBMISSION_FINAL.includes(s)).reduce(
    (n, s) => n + counts[s],
    0,
  );
}
