import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  dueSteps,
  lastDates,
  parseSettingsArgs,
} from "../domain/checkin-schedule.js";
import {
  type CheckinHousehold,
  type CheckinReading,
  computeCheckinSummary,
  computeTrend,
} from "../domain/checkin-summary.js";
import { localDate } from "../domain/schedule.js";
import { fahrenheitToCelsius, isFever, parseTemperature } from "../domain/temperature.js";

describe("temperature", () => {
  it("accepts the ways people write a reading", () => {
    for (const input of [
      "36.5",
      "36,5",
      "３６．５",
      "36.5°",
      "36.5 C",
      "36.5c",
      "36.5℃",
      "36.5度",
      "36度5",
      "体温 36.5",
      " 36.5 ",
    ]) {
      expect(parseTemperature(input), input).toMatchObject({
        ok: true,
        celsius: 36.5,
        unit: "C",
        assumedFahrenheit: false,
      });
    }
  });

  it("converts Fahrenheit, and flags a bare 93–110 as read in °F", () => {
    expect(parseTemperature("97.7 F")).toMatchObject({
      ok: true,
      celsius: 36.5,
      unit: "F",
      value: 97.7,
      assumedFahrenheit: false,
    });
    expect(parseTemperature("97.7°F")).toMatchObject({ ok: true, celsius: 36.5 });
    expect(parseTemperature("１００℉")).toMatchObject({ ok: true, celsius: 37.8, unit: "F" });
    expect(parseTemperature("华氏98.6")).toMatchObject({ ok: true, celsius: 37, unit: "F" });
    expect(parseTemperature("99")).toMatchObject({
      ok: true,
      celsius: 37.2,
      unit: "F",
      assumedFahrenheit: true,
    });
    expect(parseTemperature("101.5")).toMatchObject({
      ok: true,
      celsius: 38.6,
      assumedFahrenheit: true,
    });
    expect(fahrenheitToCelsius(212)).toBe(100);
  });

  it("refuses what is not a body temperature, saying why", () => {
    expect(parseTemperature("")).toEqual({ ok: false, error: "empty" });
    expect(parseTemperature("   ")).toEqual({ ok: false, error: "empty" });
    expect(parseTemperature("abc")).toEqual({ ok: false, error: "format" });
    expect(parseTemperature("36.5.1")).toEqual({ ok: false, error: "format" });
    expect(parseTemperature("36 37")).toEqual({ ok: false, error: "format" });
    expect(parseTemperature("-36")).toEqual({ ok: false, error: "format" });
    expect(parseTemperature("3")).toMatchObject({
      ok: false,
      error: "too-low",
      value: 3,
      unit: "C",
    });
    expect(parseTemperature("33.9")).toMatchObject({ ok: false, error: "too-low" });
    expect(parseTemperature("43.1")).toMatchObject({ ok: false, error: "too-high" });
    expect(parseTemperature("50")).toMatchObject({ ok: false, error: "too-high" });
    expect(parseTemperature("98 C")).toMatchObject({ ok: false, error: "too-high", unit: "C" });
    expect(parseTemperature("365")).toEqual({
      ok: false,
      error: "missing-point",
      suggestion: 36.5,
    });
    // A bare number read as °F can still fall outside the range once converted.
    expect(parseTemperature("93")).toMatchObject({
      ok: false,
      error: "too-low",
      unit: "F",
      celsius: 33.9,
    });
    expect(parseTemperature("110")).toMatchObject({ ok: false, error: "too-high", celsius: 43.3 });
  });

  it("keeps the range ends and the fever line exact", () => {
    expect(parseTemperature("34")).toMatchObject({ ok: true, celsius: 34 });
    expect(parseTemperature("43.0")).toMatchObject({ ok: true, celsius: 43 });
    expect(isFever(37.2)).toBe(false);
    expect(isFever(37.3)).toBe(true);
    expect(isFever(fahrenheitToCelsius(99.1))).toBe(true); // 37.3
  });
});

describe("check-in settings", () => {
  const current = DEFAULT_SETTINGS;

  it("shows with no argument, switches on and off, sets times in order or by name", () => {
    expect(parseSettingsArgs("", current)).toEqual({ ok: true, kind: "show" });
    expect(parseSettingsArgs("off", current)).toMatchObject({
      ok: true,
      settings: { ...current, enabled: false },
      changed: ["enabled"],
    });
    expect(parseSettingsArgs("07:30 9:30 10:30", current)).toMatchObject({
      ok: true,
      settings: { prompt: "07:30", deadline: "09:30", report: "10:30", enabled: true },
    });
    expect(parseSettingsArgs("截止 １０：３０", current)).toMatchObject({
      ok: true,
      settings: { deadline: "10:30" },
      changed: ["deadline"],
    });
    expect(parseSettingsArgs("07:00", current)).toMatchObject({
      ok: true,
      settings: { prompt: "07:00", deadline: "10:00" },
    });
  });

  it("refuses times that don't exist, out of order, and words it doesn't know", () => {
    expect(parseSettingsArgs("25:00", current)).toEqual({
      ok: false,
      error: "bad-time",
      value: "25:00",
    });
    expect(parseSettingsArgs("deadline 10:60", current)).toMatchObject({
      ok: false,
      error: "bad-time",
    });
    expect(parseSettingsArgs("deadline 07:00", current)).toMatchObject({
      ok: false,
      error: "order",
    });
    expect(parseSettingsArgs("09:00 08:00", current)).toMatchObject({ ok: false, error: "order" });
    expect(parseSettingsArgs("soon", current)).toMatchObject({ ok: false, error: "usage" });
    expect(parseSettingsArgs("deadline", current)).toMatchObject({ ok: false, error: "usage" });
    expect(parseSettingsArgs("1:00 2:00 3:00 4:00", current)).toMatchObject({
      ok: false,
      error: "usage",
    });
  });
});

describe("check-in schedule", () => {
  const tz = "Asia/Shanghai";
  const at = (time: string) => new Date(`2026-11-22T${time}:00+08:00`);

  it("opens each step's window at its time and closes it at the next step's", () => {
    const due = (time: string) => dueSteps(at(time), tz, DEFAULT_SETTINGS).due;
    expect(due("07:59")).toEqual([]);
    expect(due("08:00")).toEqual(["prompt"]);
    expect(due("08:20")).toEqual(["prompt"]);
    expect(due("09:59")).toEqual(["prompt"]);
    expect(due("10:00")).toEqual(["deadline"]);
    expect(due("11:00")).toEqual(["report"]);
    expect(due("23:59")).toEqual(["report"]);
    expect(dueSteps(at("08:00"), tz, { ...DEFAULT_SETTINGS, enabled: false }).due).toEqual([]);
  });

  it("counts days in the community's time zone", () => {
    // 23:30 UTC on the 21st is already the 22nd in Shanghai.
    expect(localDate(new Date("2026-11-21T23:30:00Z"), tz)).toBe("2026-11-22");
    expect(dueSteps(new Date("2026-11-22T00:00:00Z"), tz, DEFAULT_SETTINGS)).toEqual({
      date: "2026-11-22",
      due: ["prompt"],
    });
    expect(lastDates("2026-03-02", 3)).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
  });
});

describe("check-in summary", () => {
  const households: CheckinHousehold[] = [
    { id: 1, building: "3", unit: "2", room: "501", members: 3, reachable: true },
    { id: 2, building: "3", unit: "2", room: "502", members: 1, reachable: true },
    { id: 3, building: "3", unit: "1", room: "101", members: 1, reachable: false },
    { id: 4, building: "4", unit: "1", room: "101", members: 2, reachable: true },
    { id: 5, building: "10", unit: "", room: "0304", members: 1, reachable: false },
  ];
  const day = "2026-11-22";
  const r = (householdId: number, member: number, celsius: number, date = day): CheckinReading => ({
    householdId,
    member,
    date,
    celsius,
    symptom: "fine",
  });

  it("computes completion by building and unit, the fevers and the missing rooms", () => {
    const readings = [
      r(1, 1, 36.5),
      r(1, 2, 36.6),
      r(1, 3, 36.4),
      r(2, 1, 38.2),
      r(4, 1, 36.8),
      r(4, 7, 36.8), // a member the household doesn't have: not counted
      r(3, 1, 36.5, "2026-11-21"), // yesterday
    ];
    const s = computeCheckinSummary(day, households, readings);
    expect(s.total).toEqual({
      households: 5,
      complete: 2,
      partial: 1,
      missing: 2,
      missingReachable: 0,
      missingUnreachable: 2,
      people: 8,
      readings: 5,
    });
    expect(s.units.map((u) => u.label)).toEqual(["3-1", "3-2", "4-1", "10"]);
    expect(s.buildings).toEqual([
      { building: "3", households: 3, complete: 2, partial: 0, missing: 1 },
      { building: "4", households: 1, complete: 0, partial: 1, missing: 0 },
      { building: "10", households: 1, complete: 0, partial: 0, missing: 1 },
    ]);
    const unit41 = s.units.find((u) => u.label === "4-1");
    expect(unit41?.partialRooms).toMatchObject([{ room: "101", reported: 1, members: 2 }]);
    expect(s.units.find((u) => u.label === "3-1")?.missingRooms).toMatchObject([
      { room: "101", reachable: false, address: "3-1-101" },
    ]);
    expect(s.fevers).toEqual([
      { householdId: 2, address: "3-2-502", member: 1, celsius: 38.2, symptom: "fine", note: null },
    ]);
    expect(s.incomplete.map((h) => h.address).sort()).toEqual(["10-0304", "3-1-101", "4-1-101"]);
  });

  it("sorts rooms naturally and computes a trend against today's households", () => {
    const many: CheckinHousehold[] = ["1001", "201", "99"].map((room, i) => ({
      id: i + 1,
      building: "3",
      unit: "2",
      room,
      members: 1,
      reachable: true,
    }));
    const s = computeCheckinSummary(day, many, []);
    expect(s.units[0]?.missingRooms.map((m) => m.room)).toEqual(["99", "201", "1001"]);

    const trend = computeTrend(["2026-11-20", "2026-11-21", day], households, [
      r(1, 1, 36.5, "2026-11-21"),
      r(2, 1, 36.5, "2026-11-21"),
      r(2, 1, 37.5),
    ]);
    expect(trend).toEqual([
      {
        date: "2026-11-20",
        households: 5,
        complete: 0,
        partial: 0,
        missing: 5,
        fevers: 0,
        rate: 0,
      },
      {
        date: "2026-11-21",
        households: 5,
        complete: 1,
        partial: 1,
        missing: 3,
        fevers: 0,
        rate: 20,
      },
      { date: day, households: 5, complete: 1, partial: 0, missing: 4, fevers: 1, rate: 20 },
    ]);
  });
});
