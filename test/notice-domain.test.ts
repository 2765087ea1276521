import { describe, expect, it } from "vitest";
import { matchScore, parseTarget, pickVersion, type Target } from "../domain/notice-target.js";
import { afterQuietHours, parseWhen, zonedTime } from "../domain/schedule.js";

const h = (building: string, unit: string, room: string, tags: string[] = []) => ({
  building,
  unit,
  room,
  tags,
});
const target = (raw: string): Target => {
  const r = parseTarget(raw);
  if (!r.ok) throw new Error(`bad target ${raw}`);
  return r.target;
};

describe("notice targets", () => {
  it("parses everyone, buildings, units, rooms, tags and exceptions", () => {
    expect(target("全部")).toEqual({ all: true, include: [], exclude: [] });
    expect(target("3, 5-2 3-2-501 #Sealed")).toEqual({
      all: false,
      include: [
        { kind: "building", building: "3" },
        { kind: "pair", building: "5", second: "2" },
        { kind: "room", building: "3", unit: "2", room: "501" },
        { kind: "tag", tag: "sealed" },
      ],
      exclude: [],
    });
    expect(target("all except 3-2")).toEqual({
      all: true,
      include: [],
      exclude: [{ kind: "pair", building: "3", second: "2" }],
    });
    expect(target("全部 除 3栋2单元").exclude).toEqual([
      { kind: "pair", building: "3", second: "2" },
    ]);
  });

  it("refuses empty and unreadable targets", () => {
    expect(parseTarget("  ")).toEqual({ ok: false, error: "empty" });
    expect(parseTarget("except 3")).toEqual({ ok: false, error: "empty" });
    expect(parseTarget("3-2 ???")).toEqual({ ok: false, error: "bad-part", part: "???" });
  });

  it("matches households, with exclusions winning", () => {
    expect(matchScore(target("3-2"), h("3", "2", "501"))).toBe(3);
    expect(matchScore(target("12-0304"), h("12", "", "0304"))).toBe(4);
    expect(matchScore(target("3"), h("4", "2", "501"))).toBe(-1);
    expect(matchScore(target("all except 3-2"), h("3", "2", "501"))).toBe(-1);
    expect(matchScore(target("all except 3-2"), h("3", "1", "501"))).toBe(0);
    expect(matchScore(target("#over_75"), h("3", "1", "501", ["over_75"]))).toBe(2);
  });

  it("a household matching two versions gets the more specific one", () => {
    const versions = [target("all"), target("3-2")];
    expect(pickVersion(versions, h("3", "2", "501"))).toBe(1);
    expect(pickVersion(versions, h("3", "1", "501"))).toBe(0);
    expect(pickVersion([target("3"), target("#sealed")], h("3", "1", "101", ["sealed"]))).toBe(1);
    expect(pickVersion([target("3-2")], h("4", "1", "101"))).toBe(-1);
  });
});

describe("schedule", () => {
  const tz = "Asia/Shanghai";
  const now = zonedTime(tz, 2026, 11, 22, 15, 0);

  it("reads today's time, tomorrow, and a full date; refuses the past", () => {
    expect(parseWhen("18:00", now, tz)).toEqual({ ok: true, at: new Date("2026-11-22T10:00:00Z") });
    expect(parseWhen("明天 8:00", now, tz)).toEqual({
      ok: true,
      at: new Date("2026-11-23T00:00:00Z"),
    });
    expect(parseWhen("2026-11-24 07:30", now, tz)).toEqual({
      ok: true,
      at: new Date("2026-11-23T23:30:00Z"),
    });
    expect(parseWhen("09:00", now, tz)).toEqual({ ok: false, error: "past" });
    expect(parseWhen("25:00", now, tz)).toEqual({ ok: false, error: "format" });
    expect(parseWhen("soon", now, tz)).toEqual({ ok: false, error: "format" });
  });

  it("moves a time inside quiet hours to their end", () => {
    const late = zonedTime(tz, 2026, 11, 22, 23, 15);
    expect(afterQuietHours(late, "22:00-07:00", tz)).toEqual(new Date("2026-11-22T23:00:00Z")); // 07:00 next day local
    const early = zonedTime(tz, 2026, 11, 23, 5, 0);
    expect(afterQuietHours(early, "22:00-07:00", tz)).toEqual(new Date("2026-11-22T23:00:00Z"));
    expect(afterQuietHours(now, "22:00-07:00", tz)).toEqual(now);
    expect(afterQuietHours(now, "13:00-16:00", tz)).toEqual(zonedTime(tz, 2026, 11, 22, 16, 0));
  });
});
