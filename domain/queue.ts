/**
 * Queue numbers (线上排队): the arithmetic of a line of tickets, who is told
 * "N away" when a number is called, and the waiting times at close. Pure:
 * no grammY, no SQL.
 *
 * Tickets are numbered 1, 2, 3… in the order they are taken and called in
 * that order. A ticket is waiting, then called (its turn: "now serving"),
 * then served, or skipped when staff press "skip" for a no-show. At close,
 * a called ticket counts as served and waiting ones as not served.
 *
 * "Ahead of you" counts the tickets still in the line before yours: the one
 * being served and those waiting. It is also how many calls remain until
 * your turn: with number 10 being served and yours 15, five are ahead.
 */
import { type MoneyError, parseMoney } from "./money.js";

export const TICKET_STATUSES = ["waiting", "called", "served", "skipped", "unserved"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Residents are told when this many are ahead of them, unless the queue says otherwise. */
export const NEAR_DEFAULT = 10;
export const NEAR_MAX = 50;
export const CAPACITY_MAX = 5000;
export const POINT_MAX = 60;
export const GOODS_MAX = 20;
export const GOOD_NAME_MAX = 40;
export const QUEUE_PHOTOS_MAX = 5;

/** A whole number from min to max, typed the way people type it ("200", "２００", "200个"). */
export function parseWhole(raw: string, min: number, max: number): number | undefined {
  const m = /^(\d{1,6})\s*(个|号|张|人|numbers?|tickets?)?$/i.exec(raw.normalize("NFKC").trim());
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export interface TicketInLine {
  number: number;
  status: TicketStatus;
  /** Already told "N away". */
  nearSent: boolean;
}

/** The tickets still in the line (called or waiting), in calling order. */
export function lineOf<T extends TicketInLine>(tickets: readonly T[]): T[] {
  return tickets
    .filter((t) => t.status === "called" || t.status === "waiting")
    .sort((a, b) => a.number - b.number);
}

/** How many are ahead of `number` in the line: the one being served and those waiting before it. */
export function aheadOf(number: number, tickets: readonly TicketInLine[]): number {
  return tickets.filter(
    (t) => (t.status === "called" || t.status === "waiting") && t.number < number,
  ).length;
}

/** The ticket the next call goes to: the lowest waiting number. */
export function nextWaiting<T extends TicketInLine>(tickets: readonly T[]): T | undefined {
  return lineOf(tickets).find((t) => t.status === "waiting");
}

/**
 * After a call: the waiting tickets that now have `near` or fewer ahead and
 * were not told yet, each with how many are ahead. Usually one; more when
 * several numbers left the line at once.
 */
export function nearCrossings<T extends TicketInLine>(
  line: readonly T[],
  near: number,
): Array<{ ticket: T; ahead: number }> {
  const sorted = lineOf(line);
  const found: Array<{ ticket: T; ahead: number }> = [];
  sorted.forEach((ticket, ahead) => {
    if (ticket.status === "waiting" && ahead > 0 && ahead <= near && !ticket.nearSent)
      found.push({ ticket, ahead });
  });
  return found;
}

/** What one press of "next" or "skip" does to the ticket being served. */
export function endOfTurn(kind: "next" | "skip"): TicketStatus {
  return kind === "next" ? "served" : "skipped";
}

export interface WaitFigures {
  /** Tickets served. */
  count: number;
  /** Whole seconds, rounded; null when nobody was served. */
  averageSeconds: number | null;
  longestSeconds: number | null;
}

/** Average and longest wait, from taking a number to being called, over the tickets served. */
export function waitFigures(
  served: ReadonlyArray<{ takenAt: string; calledAt: string | null }>,
): WaitFigures {
  const waits = served
    .filter((t) => t.calledAt !== null)
    .map((t) => Math.max(0, Date.parse(t.calledAt as string) - Date.parse(t.takenAt)));
  if (waits.length === 0) return { count: 0, averageSeconds: null, longestSeconds: null };
  const total = waits.reduce((a, b) => a + b, 0);
  return {
    count: waits.length,
    averageSeconds: Math.round(total / waits.length / 1000),
    longestSeconds: Math.round(waits.reduce((a, b) => Math.max(a, b), 0) / 1000),
  };
}

/** "1 h 05 min" / "12 min" / "40 s" split into parts for the locales. */
export function durationParts(seconds: number): {
  hours: number;
  minutes: number;
  seconds: number;
} {
  const s = Math.max(0, Math.round(seconds));
  return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
}

// =================================================================== goods

export interface Good {
  name: string;
  priceFen: number;
}

export type GoodsParse =
  | { ok: true; goods: Good[] }
  | {
      ok: false;
      error: "empty" | "too-many" | "no-price" | "too-long" | MoneyError;
      line?: string;
    };

/** One good per line, its price last: "大米 5kg 45", "鸡蛋 30个 ¥25.50", "白菜，3.5元". */
export function parseGoods(raw: string): GoodsParse {
  const lines = raw
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return { ok: false, error: "empty" };
  if (lines.length > GOODS_MAX) return { ok: false, error: "too-many" };
  const goods: Good[] = [];
  for (const line of lines) {
    const m = /^(.+?)[\s,，、:：]+(\S+)$/.exec(line);
    const name = m?.[1]?.trim() ?? "";
    if (!m || !/\p{L}/u.test(name)) return { ok: false, error: "no-price", line };
    const price = parseMoney(m[2] as string);
    if (!price.ok) {
      return { ok: false, error: price.error === "format" ? "no-price" : price.error, line };
    }
    if (name.length > GOOD_NAME_MAX) return { ok: false, error: "too-long", line };
    goods.push({ name, priceFen: price.fen });
  }
  return { ok: true, goods };
}
