/**
 * Per-person limits: who may do how much of what, and the rule that decides
 * one attempt. Pure: the counters live in the database (storage/limits.ts),
 * the decision is made here.
 *
 * The rule is GCRA (the "generic cell rate algorithm", a leaky bucket kept
 * as one number): a limit of `count` per `perMs` allows a burst of `count`
 * at once, then one more every `perMs / count`. Its state is one timestamp,
 * the "theoretical arrival time" (TAT): the moment the bucket would be empty
 * again. Unlike counting in fixed windows, a burst across a window's edge
 * can't get twice the limit through.
 */

/** How far the bot trusts someone: staff, a registered resident, or anyone else. */
export type Tier = "staff" | "resident" | "stranger";

/** Staff roles (admin included) make staff; a household makes a resident. */
export function tierOf(roles: Iterable<string>): Tier {
  const held = new Set(roles);
  if (["admin", "worker", "coordinator", "volunteer"].some((r) => held.has(r))) return "staff";
  return held.has("resident") ? "resident" : "stranger";
}

export interface Limit {
  /** How many at once (the burst), and how many per `perMs` on average. */
  count: number;
  perMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What is limited. */
export type LimitedAction = "command" | "groupCommand" | "sos" | "request" | "question";

/**
 * The limits, per tier. People who are not registered get the least: a flood
 * from a fresh account costs nothing to make, and they can register in two
 * minutes. The numbers:
 * - commands: far above what anyone types (a worker checking in a whole
 *   staircase at the door sends one command per household), low enough that a
 *   script can't keep the bot busy; in a group, where every reply is seen by
 *   everyone, a few per person in 10 minutes;
 * - SOS: a second SOS while the first is still open is folded into it (no new
 *   page), so this limit only counts attempts: a few per hour is plenty for a
 *   real emergency, and one per 20 minutes after that;
 * - requests: the hotlines in the reports took 100+ a day for a whole
 *   community; one household filing more than 6 in an hour is a mistake or abuse;
 * - questions about notices: the same, for one resident.
 */
export const LIMITS: Readonly<Record<LimitedAction, Readonly<Record<Tier, Limit>>>> = {
  command: {
    staff: { count: 60, perMs: MINUTE },
    resident: { count: 20, perMs: MINUTE },
    stranger: { count: 10, perMs: MINUTE },
  },
  // In a group every reply is seen by everyone: a few per person and group.
  groupCommand: {
    staff: { count: 30, perMs: 10 * MINUTE },
    resident: { count: 5, perMs: 10 * MINUTE },
    stranger: { count: 3, perMs: 10 * MINUTE },
  },
  sos: {
    staff: { count: 10, perMs: HOUR },
    resident: { count: 6, perMs: HOUR },
    stranger: { count: 3, perMs: HOUR },
  },
  request: {
    staff: { count: 30, perMs: HOUR },
    resident: { count: 6, perMs: HOUR },
    stranger: { count: 2, perMs: HOUR },
  },
  question: {
    staff: { count: 20, perMs: HOUR },
    resident: { count: 5, perMs: HOUR },
    stranger: { count: 2, perMs: HOUR },
  },
};

/** A refusal in a group chat is said at most once per person and group in this time. */
export const GROUP_REFUSAL: Limit = { count: 1, perMs: 10 * MINUTE };
/** "You are sending commands too fast" is said at most once in this time. */
export const SLOW_DOWN_NOTICE: Limit = { count: 1, perMs: MINUTE };

export interface Decision {
  allowed: boolean;
  /** The state to store when allowed. */
  tat: number;
  /** When refused: how long until one more would be allowed. */
  retryAfterMs: number;
}

/**
 * One attempt at `now` (ms) against `limit`, with the stored TAT (undefined
 * for someone never seen, or whose bucket has long emptied).
 */
export function decide(limit: Limit, storedTat: number | undefined, now: number): Decision {
  const interval = limit.perMs / limit.count;
  // A stored time further ahead than any bucket can hold means the clock went back: start afresh.
  const sane = storedTat !== undefined && storedTat - now <= limit.perMs ? storedTat : now;
  const tat = Math.max(sane, now);
  const next = Math.ceil(tat + interval);
  // The bucket holds at most `count` intervals ahead of now.
  if (next - now <= limit.perMs) return { allowed: true, tat: next, retryAfterMs: 0 };
  return { allowed: false, tat, retryAfterMs: next - now - limit.perMs };
}
