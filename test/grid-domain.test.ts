/** The grid's and the key-care round's pure rules (domain/grid.ts, domain/care.ts). */
import { describe, expect, it } from "vitest";
import {
  buildCareList,
  careKey,
  careStepsAt,
  DEFAULT_PLAN,
  daysBetween,
  dueOn,
  isDue,
  isSilent,
  parsePlanWords,
} from "../domain/care.js";
import {
  compareDoors,
  currentResponder,
  doorList,
  floorOf,
  GridMap,
  parseScope,
} from "../domain/grid.js";

describe("grid scopes", () => {
  it("reads a building, or a building and unit, as people write them", () => {
    expect(parseScope("3")).toEqual({ ok: true, scope: { building: "3", unit: "*" } });
    expect(parseScope("4-1")).toEqual({ ok: true, scope: { building: "4", unit: "1" } });
    expect(parseScope("3栋2单元")).toEqual({ ok: true, scope: { building: "3", unit: "2" } });
    expect(parseScope("１２号楼")).toEqual({ ok: true, scope: { building: "12", unit: "*" } });
    expect(parseScope("b-2")).toEqual({ ok: true, scope: { building: "B", unit: "2" } });
  });

  it("refuses a room, nothing, or words", () => {
    expect(parseScope("3-2-501").ok).toBe(false);
    expect(parseScope("").ok).toBe(false);
    expect(parseScope("全部的楼!").ok).toBe(false);
  });

  it("reads a unit's main worker and deputy from its own row, then its building's", () => {
    const grid = new GridMap([
      { building: "3", unit: "*", workerId: 1, deputyId: 2 },
      { building: "3", unit: "2", workerId: null, deputyId: 5 },
      { building: "4", unit: "1", workerId: 7, deputyId: null },
    ]);
    expect(grid.of("3", "1")).toEqual({ main: 1, deputy: 2 });
    expect(grid.of("3", "2")).toEqual({ main: 1, deputy: 5 });
    expect(grid.of("4", "1")).toEqual({ main: 7, deputy: null });
    expect(grid.of("4", "2")).toEqual({ main: null, deputy: null });
    expect(grid.covers(5, "3", "2")).toBe(true);
    expect(grid.covers(2, "3", "2")).toBe(false);
    expect(grid.isEmpty).toBe(false);
    expect(new GridMap([]).isEmpty).toBe(true);
  });

  it("sends a resident's message to the worker, or to the deputy when the worker is off", () => {
    const off = new Set<number>();
    const isOff = (id: number) => off.has(id);
    expect(currentResponder({ main: 1, deputy: 2 }, isOff)).toEqual({ to: 1, stepIn: false });
    off.add(1);
    expect(currentResponder({ main: 1, deputy: 2 }, isOff)).toEqual({ to: 2, stepIn: true });
    off.add(2);
    // Both off: the worker still gets it (the unanswered rule brings in the coordinators).
    expect(currentResponder({ main: 1, deputy: 2 }, isOff)).toEqual({ to: 1, stepIn: false });
    expect(currentResponder({ main: null, deputy: 2 }, () => false)).toEqual({
      to: 2,
      stepIn: false,
    });
    expect(currentResponder({ main: null, deputy: null }, () => false)).toBeUndefined();
  });
});

describe("the door list", () => {
  it("takes the floor from the room number", () => {
    expect(floorOf("501")).toBe(5);
    expect(floorOf("1203")).toBe(12);
    expect(floorOf("0304")).toBe(3);
    expect(floorOf("B1502")).toBe(15);
    expect(floorOf("12")).toBeNull();
    expect(floorOf("A")).toBeNull();
  });

  it("orders doors for a walk: building, unit, floor, room; unknown floors last", () => {
    const doors = [
      { building: "10", unit: "1", room: "101" },
      { building: "3", unit: "2", room: "1201" },
      { building: "3", unit: "2", room: "12" },
      { building: "3", unit: "2", room: "502" },
      { building: "3", unit: "1", room: "902" },
      { building: "3", unit: "2", room: "501" },
    ].sort(compareDoors);
    expect(doors.map((d) => `${d.building}-${d.unit}-${d.room}`)).toEqual([
      "3-1-902",
      "3-2-501",
      "3-2-502",
      "3-2-1201",
      "3-2-12",
      "10-1-101",
    ]);
  });

  it("lists every reason a door needs a knock, once per door", () => {
    const doors = doorList({
      rooms: [
        { building: "3", unit: "2", room: "501" },
        { building: "3", unit: "2", room: "502" },
        { building: "3", unit: "2", room: "601" },
      ],
      residents: [
        {
          building: "3",
          unit: "2",
          room: "501",
          householdId: 1,
          name: "王",
          reachability: "reachable",
        },
        {
          building: "3",
          unit: "2",
          room: "601",
          householdId: 2,
          name: "李",
          reachability: "unknown",
        },
        {
          building: "3",
          unit: "2",
          room: "601",
          householdId: 2,
          name: "李二",
          reachability: "blocked",
        },
      ],
      reportedToday: new Set([1]),
      checkinEnabled: true,
      careUnchecked: new Set([careKey({ building: "3", unit: "2", room: "501" })]),
    });
    expect(doors.map((d) => [d.room, d.reasons, d.names])).toEqual([
      ["501", ["care-unchecked"], ["王"]],
      ["502", ["unregistered"], []],
      ["601", ["unreachable", "blocked", "no-checkin"], ["李", "李二"]],
    ]);
  });

  it("doesn't chase the check-in when it is switched off", () => {
    const doors = doorList({
      rooms: [],
      residents: [
        {
          building: "1",
          unit: "",
          room: "101",
          householdId: 1,
          name: null,
          reachability: "reachable",
        },
      ],
      reportedToday: new Set(),
      checkinEnabled: false,
      careUnchecked: new Set(),
    });
    expect(doors).toEqual([]);
  });
});

describe("the key-care round", () => {
  it("is due when nobody reached the person for as long as the plan allows", () => {
    expect(daysBetween("2026-11-20", "2026-11-22")).toBe(2);
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(isDue(null, 3, "2026-11-22")).toBe(true);
    expect(isDue("2026-11-22", 1, "2026-11-22")).toBe(false);
    expect(isDue("2026-11-21", 1, "2026-11-22")).toBe(true);
    expect(isDue("2026-11-20", 3, "2026-11-22")).toBe(false);
    expect(isDue("2026-11-19", 3, "2026-11-22")).toBe(true);
  });

  it("builds the list from care flags and from people added by hand, each with a plan", () => {
    const list = buildCareList(
      [
        { id: 1, building: "3", unit: "2", room: "501", flags: ["lives_alone", "over_75"] },
        { id: 2, building: "3", unit: "2", room: "502", flags: ["chronic_medicine"] },
      ],
      [
        {
          building: "3",
          unit: "2",
          room: "502",
          manual: false,
          reason: null,
          method: "visit",
          everyDays: 2,
          responsibleId: 9,
          team: null,
        },
        {
          building: "4",
          unit: "1",
          room: "101",
          manual: true,
          reason: "刚出院",
          method: "call",
          everyDays: 1,
          responsibleId: null,
          team: null,
        },
        {
          building: "5",
          unit: "1",
          room: "101",
          manual: false,
          reason: null,
          method: "call",
          everyDays: 1,
          responsibleId: null,
          team: null,
        },
      ],
    );
    expect(list.map((e) => [e.room, e.householdId, e.manual, e.reason, e.plan])).toEqual([
      ["501", 1, false, null, DEFAULT_PLAN],
      ["502", 2, false, null, { method: "visit", everyDays: 2, responsibleId: 9, team: null }],
      [
        "101",
        null,
        true,
        "刚出院",
        { method: "call", everyDays: 1, responsibleId: null, team: null },
      ],
    ]);
    const last = new Map([[careKey(list[1] as (typeof list)[number]), "2026-11-21"]]);
    expect(dueOn(list, last, "2026-11-22").map((e) => e.room)).toEqual(["501", "101"]);
  });

  it("calls a resident silent only when none of the three signs of life came today", () => {
    const none = { reportedToday: false, confirmedToday: false, activeToday: false };
    expect(isSilent(none)).toBe(true);
    expect(isSilent({ ...none, reportedToday: true })).toBe(false);
    expect(isSilent({ ...none, confirmedToday: true })).toBe(false);
    expect(isSilent({ ...none, activeToday: true })).toBe(false);
  });

  it("reads a plan in either language and in any order", () => {
    expect(parsePlanWords("visit every 2 days @xiaoli")).toEqual({
      ok: true,
      method: "visit",
      everyDays: 2,
      who: { kind: "person", ref: "@xiaoli" },
    });
    expect(parsePlanWords("上门 每2天 网格员")).toEqual({
      ok: true,
      method: "visit",
      everyDays: 2,
      who: { kind: "worker" },
    });
    expect(parsePlanWords("每天 打电话")).toEqual({
      ok: true,
      method: "call",
      everyDays: 1,
      who: null,
    });
    expect(parsePlanWords("visit 志愿者")).toEqual({
      ok: true,
      method: "visit",
      everyDays: null,
      who: { kind: "volunteers" },
    });
    expect(parsePlanWords("call 45")).toEqual({ ok: false, error: "days" });
    expect(parsePlanWords("call weekly")).toEqual({ ok: false, error: "word", word: "weekly" });
    expect(parsePlanWords("")).toEqual({ ok: false, error: "empty" });
  });

  it("runs the round and the silence check until the day's end, and escalates after it", () => {
    const t = { roundAt: "08:00", silenceAt: "16:00", dayEnd: "20:00" };
    expect(careStepsAt(7 * 60 + 59, t)).toEqual({ round: false, silence: false, dayEnd: false });
    expect(careStepsAt(8 * 60, t)).toEqual({ round: true, silence: false, dayEnd: false });
    expect(careStepsAt(16 * 60 + 30, t)).toEqual({ round: true, silence: true, dayEnd: false });
    expect(careStepsAt(20 * 60, t)).toEqual({ round: false, silence: false, dayEnd: true });
  });
});

describe("the care settings", () => {
  it("need the round and the silence check before the day's end", async () => {
    const { parseConfig } = await import("../bot/config.js");
    const base = { BOT_TOKEN: "123456789:AAEabcdefghijklmnop" };
    const ok = parseConfig(base);
    expect(ok.ok && ok.config.care).toEqual({
      roundAt: "08:00",
      silenceAt: "16:00",
      dayEnd: "20:00",
    });
    expect(ok.ok && ok.config.grid).toEqual({ answerHours: 4 });
    const bad = parseConfig({ ...base, CARE_SILENCE_AT: "21:00", ASK_ANSWER_HOURS: "0" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain(
      "CARE_SILENCE_AT must be earlier than CARE_DAY_END (20:00)",
    );
    expect(!bad.ok && bad.message).toContain("ASK_ANSWER_HOURS");
  });
});
