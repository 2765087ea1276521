import { describe, expect, it } from "vitest";
import {
  checkText,
  formatRequestNumber,
  looksLikeRequest,
  parseCount,
  parseRequestNumber,
} from "../domain/request-catalogue.js";
import {
  DEFAULT_REQUEST_SETTINGS,
  dueAt,
  type LedgerRow,
  ledgerFigures,
  median,
  parseDateRange,
  shiftOf,
} from "../domain/request-ledger.js";
import { type ActorFacts, decide, type RequestFacts } from "../domain/request-states.js";
import type { Role } from "../domain/roles.js";
import { localDate } from "../domain/schedule.js";

const TZ = "Asia/Shanghai";
const at = (local: string) => new Date(`${local}+08:00`);
const actor = (id: number, ...roles: Role[]): ActorFacts => ({ id, roles: new Set(roles) });
const req = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  status: "new",
  category: "medicine",
  handlerId: null,
  assigneeId: null,
  contactId: 500,
  ...over,
});

describe("request numbers", () => {
  it("are the local month and day, then the day's sequence", () => {
    expect(formatRequestNumber("2026-11-22", 7)).toBe("1122-007");
    expect(formatRequestNumber("2026-01-05", 1234)).toBe("0105-1234");
    // 23:30 UTC on the 21st is already the 22nd in Shanghai.
    expect(localDate(new Date("2026-11-21T23:30:00Z"), TZ)).toBe("2026-11-22");
  });

  it("are read the way people type and say them", () => {
    for (const raw of ["1122-007", "#1122-007", "１１２２－００７", "1122007", "1122 7", "1122-7"])
      expect(parseRequestNumber(raw)).toBe("1122-007");
    for (const raw of ["", "abc", "1322-001", "1122-000", "11-22", "3-2-501"])
      expect(parseRequestNumber(raw)).toBeUndefined();
  });
});

describe("who may move a request", () => {
  const coordinator = actor(1, "coordinator");
  const volunteer = actor(2, "volunteer");
  const other = actor(3, "volunteer");
  const resident = actor(500, "resident");
  const stranger = actor(600, "resident");
  const admin = actor(9, "admin");

  it("coordinators take, assign, finish and close; the first take wins", () => {
    expect(decide("take", coordinator, req())).toEqual({ ok: true, to: "taken" });
    expect(decide("take", coordinator, req({ status: "taken", handlerId: 7 }))).toEqual({
      ok: false,
      reason: "taken",
    });
    expect(decide("assign", coordinator, req({ status: "taken" }))).toEqual({
      ok: true,
      to: "assigned",
    });
    expect(decide("done", coordinator, req({ status: "accepted", assigneeId: 2 }))).toEqual({
      ok: true,
      to: "done",
    });
    expect(decide("cant", coordinator, req({ status: "taken" }))).toEqual({
      ok: true,
      to: "cant_do",
    });
    expect(decide("take", admin, req())).toEqual({ ok: true, to: "taken" });
  });

  it("volunteers claim (not policy questions) and act only on what they hold", () => {
    expect(decide("claim", volunteer, req())).toEqual({ ok: true, to: "accepted" });
    expect(decide("claim", volunteer, req({ category: "policy" }))).toEqual({
      ok: false,
      reason: "denied",
    });
    expect(decide("take", volunteer, req())).toEqual({ ok: false, reason: "denied" });
    const held = req({ status: "accepted", assigneeId: 2, handlerId: 1 });
    expect(decide("done", volunteer, held)).toEqual({ ok: true, to: "done" });
    expect(decide("done", other, held)).toEqual({ ok: false, reason: "not-holder" });
    expect(decide("release", volunteer, held)).toEqual({ ok: true, to: "taken" });
    expect(decide("release", volunteer, { ...held, handlerId: null })).toEqual({
      ok: true,
      to: "new",
    });
    expect(decide("accept", other, req({ status: "assigned", assigneeId: 2 }))).toEqual({
      ok: false,
      reason: "not-holder",
    });
    expect(decide("decline", volunteer, req({ status: "assigned", assigneeId: 2 }))).toEqual({
      ok: true,
      to: "new",
    });
  });

  it("only the resident answers Solved?, and only once the work is done", () => {
    const done = req({ status: "done", handlerId: 1 });
    expect(decide("solved", resident, done)).toEqual({ ok: true, to: "solved" });
    expect(decide("reopen", resident, done)).toEqual({ ok: true, to: "reopened" });
    expect(decide("solved", stranger, done)).toEqual({ ok: false, reason: "not-contact" });
    expect(decide("solved", resident, req({ status: "taken" }))).toEqual({
      ok: false,
      reason: "state",
    });
    expect(decide("reopen", resident, req({ status: "solved" }))).toEqual({
      ok: false,
      reason: "closed",
    });
    // A reopened request is on the list again.
    expect(decide("take", coordinator, req({ status: "reopened", handlerId: 1 }))).toEqual({
      ok: true,
      to: "taken",
    });
  });

  it("residents can't handle requests, and nothing changes a closed one", () => {
    expect(decide("take", resident, req())).toEqual({ ok: false, reason: "denied" });
    expect(decide("done", resident, req())).toEqual({ ok: false, reason: "denied" });
    for (const status of ["done", "solved", "cant_do"] as const) {
      expect(decide("done", coordinator, req({ status }))).toEqual({ ok: false, reason: "closed" });
      expect(decide("take", coordinator, req({ status }))).toEqual({ ok: false, reason: "closed" });
    }
  });
});

describe("targets, shifts and days", () => {
  it("urgent 1 h, today by 20:00 (after 20:00: tomorrow 20:00), can wait 3 days", () => {
    const filed = at("2026-11-22T09:00:00");
    expect(dueAt("gas", "now", filed, TZ)).toEqual(at("2026-11-22T10:00:00"));
    expect(dueAt("gas", "today", filed, TZ)).toEqual(at("2026-11-22T20:00:00"));
    expect(dueAt("gas", "today", at("2026-11-22T21:30:00"), TZ)).toEqual(at("2026-11-23T20:00:00"));
    expect(dueAt("gas", "later", filed, TZ)).toEqual(at("2026-11-25T09:00:00"));
  });

  it("targets are configurable, per category too", () => {
    const settings = {
      ...DEFAULT_REQUEST_SETTINGS,
      targets: { nowMinutes: 30, todayBy: "18:00", laterDays: 2 },
      categoryTargets: { medicine: { nowMinutes: 15 } },
    };
    const filed = at("2026-11-22T09:00:00");
    expect(dueAt("medicine", "now", filed, TZ, settings)).toEqual(at("2026-11-22T09:15:00"));
    expect(dueAt("gas", "now", filed, TZ, settings)).toEqual(at("2026-11-22T09:30:00"));
    expect(dueAt("gas", "today", filed, TZ, settings)).toEqual(at("2026-11-22T18:00:00"));
  });

  it("shifts are 8-hour blocks from local midnight", () => {
    expect(shiftOf(at("2026-11-22T09:00:00"), TZ)).toEqual({
      start: at("2026-11-22T08:00:00"),
      end: at("2026-11-22T16:00:00"),
    });
    expect(shiftOf(at("2026-11-22T23:59:00"), TZ)).toEqual({
      start: at("2026-11-22T16:00:00"),
      end: at("2026-11-23T00:00:00"),
    });
    expect(shiftOf(at("2026-11-22T00:00:00"), TZ).start).toEqual(at("2026-11-22T00:00:00"));
  });
});

describe("the ledger on a known data set", () => {
  const row = (
    id: number,
    category: LedgerRow["category"],
    urgency: LedgerRow["urgency"],
    status: LedgerRow["status"],
    created: string,
    done: string | null = null,
  ): LedgerRow => ({
    id,
    number: `1122-${String(id).padStart(3, "0")}`,
    category,
    urgency,
    status,
    address: "3-2-501",
    createdAt: at(created).toISOString(),
    doneAt: done ? at(done).toISOString() : null,
    reopenedAt: null,
  });
  const rows: LedgerRow[] = [
    // Yesterday, still open, can wait (due the 24th): carried over, not overdue.
    row(1, "repair", "later", "taken", "2026-11-21T10:00:00"),
    // Today, night shift, done at 06:00 (6 h), confirmed.
    row(2, "medicine", "today", "solved", "2026-11-22T00:30:00", "2026-11-22T06:30:00"),
    // Today, this shift, done in 20 min.
    row(3, "gas", "now", "done", "2026-11-22T08:10:00", "2026-11-22T08:30:00"),
    // Today, this shift, urgent and still open at 14:00: 3 h 50 min late.
    row(4, "medicine", "now", "new", "2026-11-22T09:10:00"),
    // Today, this shift, open, due 20:00.
    row(5, "groceries", "today", "accepted", "2026-11-22T10:00:00"),
    // Today, can't do: received, neither open nor solved.
    row(6, "policy", "later", "cant_do", "2026-11-22T11:00:00"),
    // Yesterday, done today after 26 h: counts as done today (median).
    row(7, "testing", "later", "done", "2026-11-21T12:00:00", "2026-11-22T14:00:00"),
  ];
  const now = at("2026-11-22T14:00:00");
  const l = ledgerFigures(rows, now, TZ);

  it("counts open items by category for this shift, today and in all", () => {
    expect(l.open.medicine).toEqual({ shift: 1, today: 1, all: 1 });
    expect(l.open.groceries).toEqual({ shift: 1, today: 1, all: 1 });
    expect(l.open.repair).toEqual({ shift: 0, today: 0, all: 1 });
    expect(l.open.gas).toEqual({ shift: 0, today: 0, all: 0 });
    expect(l.openTotal).toEqual({ shift: 2, today: 2, all: 3 });
  });

  it("received, solved, resolution rate and median time to done", () => {
    expect(l.receivedToday).toBe(5);
    expect(l.solvedToday).toBe(3); // 2, 3 and 7
    expect(l.resolutionRate).toBeCloseTo(2 / 5); // of today's: 2 and 3
    expect(l.medianMinutesToDone).toBe(360); // 20 min, 6 h, 26 h
  });

  it("lists overdue items, most late first", () => {
    expect(l.overdue.map((o) => [o.number, o.minutesLate])).toEqual([["1122-004", 230]]);
    const later = ledgerFigures(rows, at("2026-11-22T21:00:00"), TZ);
    expect(later.overdue.map((o) => o.number)).toEqual(["1122-004", "1122-005"]);
  });

  it("has no rate or median on a day without requests", () => {
    const empty = ledgerFigures([], now, TZ);
    expect(empty.resolutionRate).toBeNull();
    expect(empty.medianMinutesToDone).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe("answers and other input", () => {
  it("text: an empty list, a 5,000-character description", () => {
    expect(checkText("  大米 1 袋\n\n\n白菜  ", 1000, "list")).toEqual({
      ok: true,
      value: "大米 1 袋\n\n白菜",
    });
    expect(checkText("、、、\n - ", 1000, "list")).toEqual({ ok: false, error: "empty" });
    expect(checkText("x".repeat(5000), 1000)).toEqual({
      ok: false,
      error: "too-long",
      length: 5000,
      max: 1000,
    });
  });

  it("counts", () => {
    expect(parseCount("2")).toBe(2);
    expect(parseCount("２人")).toBe(2);
    expect(parseCount("0")).toBeUndefined();
    expect(parseCount("21")).toBeUndefined();
    expect(parseCount("two")).toBeUndefined();
  });

  it("a request typed into a group", () => {
    expect(looksLikeRequest("求助！家里没有药了")).toBe(true);
    expect(looksLikeRequest("我家没气了，谁能帮忙")).toBe(true);
    expect(looksLikeRequest("Can someone help me please")).toBe(true);
    expect(looksLikeRequest("今天天气不错")).toBe(false);
    expect(looksLikeRequest("36.8")).toBe(false);
    expect(looksLikeRequest("/help")).toBe(false);
  });

  it("export date ranges", () => {
    const now = at("2026-11-22T09:00:00");
    expect(parseDateRange("", now, TZ)).toEqual({ ok: true, from: "2026-11-22", to: "2026-11-22" });
    expect(parseDateRange("11-20 11-22", now, TZ)).toEqual({
      ok: true,
      from: "2026-11-20",
      to: "2026-11-22",
    });
    expect(parseDateRange("2026-11-20~2026-11-21", now, TZ)).toEqual({
      ok: true,
      from: "2026-11-20",
      to: "2026-11-21",
    });
    expect(parseDateRange("昨天", now, TZ)).toEqual({
      ok: true,
      from: "2026-11-21",
      to: "2026-11-21",
    });
    expect(parseDateRange("11-22 11-20", now, TZ)).toEqual({ ok: false, error: "order" });
    expect(parseDateRange("2-30", now, TZ)).toEqual({ ok: false, error: "format" });
    expect(parseDateRange("2024-01-01 2026-01-01", now, TZ)).toEqual({
      ok: false,
      error: "too-long",
    });
  });
});
