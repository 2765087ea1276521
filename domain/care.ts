/**
 * The key-care round (重点关注): who is on the list, each person's plan
 * (call or visit, every N days, by whom), when a check is due, what an
 * outcome means, and when silence is a signal. Pure: no grammY, no SQL.
 */

/** The care flags residents tick at registration; any of them puts a household on the list. */
export const CARE_FLAG_NAMES = [
  "lives_alone",
  "over_75",
  "reduced_mobility",
  "chronic_medicine",
] as const;

export const CARE_METHODS = ["call", "visit"] as const;
export type CareMethod = (typeof CARE_METHODS)[number];

/** One tap records how a check went. */
export const CARE_OUTCOMES = ["fine", "needs", "no_answer"] as const;
export type CareOutcome = (typeof CARE_OUTCOMES)[number];
/** A check's state: due until someone records an outcome. */
export type CareStatus = "due" | CareOutcome;

/** Why a check exists: the plan's round, or a resident living alone who went silent. */
export const CHECK_KINDS = ["round", "silence"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** A first "no answer" asks for one more try the same day; the second raises a welfare visit. */
export const MAX_ATTEMPTS = 2;

/** An outcome that means somebody reached the person. */
export function reached(status: CareStatus): boolean {
  return status === "fine" || status === "needs";
}

export interface CarePlan {
  method: CareMethod;
  /** 1 = every day. */
  everyDays: number;
  /** A person (a volunteer or another worker), or null: the unit's worker (or the team). */
  responsibleId: number | null;
  /**
   * "By a volunteer": a volunteers' team, each check posted to its volunteers
   * as a claimable task (the first claim wins). Null: a person or the worker.
   */
  team: string | null;
}

/** The team key-care checks "by a volunteer" go to: home help (上门帮扶). */
export const CARE_TEAM = "home_help";

export const DEFAULT_PLAN: CarePlan = {
  method: "call",
  everyDays: 1,
  responsibleId: null,
  team: null,
};
export const EVERY_DAYS_MAX = 30;

/** Whole days from `from` to `to` ("2026-11-20" → "2026-11-22" is 2). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * Due on `today` when nobody has reached the person for `everyDays` days
 * (or ever). "Reached" is a check recorded as fine or needs something; a "no
 * answer" doesn't count.
 */
export function isDue(lastReached: string | null, everyDays: number, today: string): boolean {
  if (lastReached === null) return true;
  return daysBetween(lastReached, today) >= Math.max(1, everyDays);
}

export interface SilenceFacts {
  /** Someone in the household reported today's check-in. */
  reportedToday: boolean;
  /** They confirmed ("Got it") the latest notice they were sent, today. */
  confirmedToday: boolean;
  /** They wrote to the bot (a message or a button) today. */
  activeToday: boolean;
}

/**
 * A resident living alone is silent when, by the set time, they did none of
 * the three: no check-in, no confirmation of the latest notice, nothing
 * written to the bot. Each counts only if it happened today.
 */
export function isSilent(f: SilenceFacts): boolean {
  return !f.reportedToday && !f.confirmedToday && !f.activeToday;
}

// ===================================================================== /care plan

export type PlanParse =
  | {
      ok: true;
      method: CareMethod | null;
      everyDays: number | null;
      /**
       * "worker": back to the unit's worker; "volunteers": the care team's
       * volunteers (a claimable task); a @username or an id: that person.
       */
      who: { kind: "worker" } | { kind: "volunteers" } | { kind: "person"; ref: string } | null;
    }
  | { ok: false; error: "empty" | "days" | "word"; word?: string };

const METHOD_WORDS: Record<string, CareMethod> = {
  call: "call",
  phone: "call",
  电话: "call",
  打电话: "call",
  visit: "visit",
  上门: "visit",
  探访: "visit",
  探视: "visit",
};
const DAILY_WORDS = new Set(["daily", "每天", "每日"]);
const WORKER_WORDS = new Set(["worker", "网格员", "社工"]);
const VOLUNTEER_WORDS = new Set(["volunteer", "volunteers", "志愿者"]);
const FILLER_WORDS = new Set(["every", "days", "day", "每", "天", "by"]);

/**
 * What follows the room in `/care plan 3-2-501 …`, in any order: `call` or
 * `visit` (电话 / 上门), a number of days (`2`, `every 2 days`, `每2天`,
 * `daily`, `每天`), and who (`@username`, `worker` / 网格员 for the
 * unit's worker, or `volunteers` / 志愿者 for the care team's volunteers). Anything not given stays as it was.
 */
export function parsePlanWords(raw: string): PlanParse {
  const text = raw
    .normalize("NFKC")
    .replace(/每\s*(\d+)\s*天/g, " $1 ")
    .trim();
  if (text === "") return { ok: false, error: "empty" };
  let method: CareMethod | null = null;
  let everyDays: number | null = null;
  let who: Extract<PlanParse, { ok: true }>["who"] = null;
  for (const word of text.split(/\s+/)) {
    const lower = word.toLowerCase();
    if (METHOD_WORDS[lower]) method = METHOD_WORDS[lower] as CareMethod;
    else if (DAILY_WORDS.has(lower)) everyDays = 1;
    else if (WORKER_WORDS.has(lower)) who = { kind: "worker" };
    else if (VOLUNTEER_WORDS.has(lower)) who = { kind: "volunteers" };
    else if (/^@\w{3,32}$/.test(word) || /^\d{5,15}$/.test(word))
      who = { kind: "person", ref: word };
    else if (/^\d{1,3}$/.test(word)) {
      const n = Number(word);
      if (n < 1 || n > EVERY_DAYS_MAX) return { ok: false, error: "days" };
      everyDays = n;
    } else if (!FILLER_WORDS.has(lower))
      return { ok: false, error: "word", word: word.slice(0, 20) };
  }
  if (method === null && everyDays === null && who === null) return { ok: false, error: "empty" };
  return { ok: true, method, everyDays, who };
}

// ===================================================================== the list

/** A household with care flags, as the list reads it. */
export interface Flagged {
  id: number;
  building: string;
  unit: string;
  room: string;
  flags: readonly string[];
}

/** A stored plan (or hand-made addition) for a door. */
export interface PlanRow extends CarePlan {
  building: string;
  unit: string;
  room: string;
  manual: boolean;
  reason: string | null;
}

/** One person (door) on the key-care list. */
export interface CareEntry {
  building: string;
  unit: string;
  room: string;
  householdId: number | null;
  flags: readonly string[];
  manual: boolean;
  reason: string | null;
  plan: CarePlan;
}

/** `building\0unit\0room`: how doors are keyed across the care list, checks and the door list. */
export function careKey(a: { building: string; unit: string; room: string }): string {
  return `${a.building}\u0000${a.unit}\u0000${a.room}`;
}

/**
 * The list: every registered household with a care flag, plus every door a
 * worker added by hand (with a reason). Each has its stored plan, or the
 * default (a call every day by the unit's worker).
 */
export function buildCareList(flagged: readonly Flagged[], plans: readonly PlanRow[]): CareEntry[] {
  const byKey = new Map(plans.map((p) => [careKey(p), p]));
  const entries = new Map<string, CareEntry>();
  for (const h of flagged) {
    const p = byKey.get(careKey(h));
    entries.set(careKey(h), {
      building: h.building,
      unit: h.unit,
      room: h.room,
      householdId: h.id,
      flags: h.flags,
      manual: p?.manual ?? false,
      reason: p?.reason ?? null,
      plan: p
        ? {
            method: p.method,
            everyDays: p.everyDays,
            responsibleId: p.responsibleId,
            team: p.team,
          }
        : DEFAULT_PLAN,
    });
  }
  for (const p of plans) {
    if (!p.manual || entries.has(careKey(p))) continue;
    entries.set(careKey(p), {
      building: p.building,
      unit: p.unit,
      room: p.room,
      householdId: null,
      flags: [],
      manual: true,
      reason: p.reason,
      plan: {
        method: p.method,
        everyDays: p.everyDays,
        responsibleId: p.responsibleId,
        team: p.team,
      },
    });
  }
  return [...entries.values()];
}

/** The entries due on `today`: nobody has reached them for as long as their plan allows. */
export function dueOn(
  entries: readonly CareEntry[],
  lastReached: ReadonlyMap<string, string>,
  today: string,
): CareEntry[] {
  return entries.filter((e) => isDue(lastReached.get(careKey(e)) ?? null, e.plan.everyDays, today));
}

// ===================================================================== the day

export interface CareTimes {
  /** "08:00": the day's checks go out as tasks. */
  roundAt: string;
  /** "16:00": residents living alone who are silent raise a welfare check. */
  silenceAt: string;
  /** "20:00": checks with no outcome raise an urgent welfare visit. */
  dayEnd: string;
}

const minutes = (clock: string) => {
  const [h, m] = clock.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * Which of the day's steps are due at `minute` (minutes since local midnight).
 * The round and the silence check have a window until the day's end (a bot
 * started late still sends them; after the day's end they would only be
 * escalated at once, so they are skipped); the day's end runs until midnight.
 */
export function careStepsAt(minute: number, t: CareTimes) {
  const end = minutes(t.dayEnd);
  return {
    round: minute >= minutes(t.roundAt) && minute < end,
    silence: minute >= minutes(t.silenceAt) && minute < end,
    dayEnd: minute >= end,
  };
}
