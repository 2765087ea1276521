import { describe, expect, it } from "vitest";
import {
  DEFAULT_LADDER,
  findOverlaps,
  type LadderState,
  median,
  minuteOfWeek,
  nextMove,
  onDutyAt,
  parseDays,
  parseLadderSettings,
  parseShiftLine,
  parseShiftLines,
  type ShiftLine,
  shiftEndAt,
} from "../domain/escalation.js";
import { storedSummary, summaryIn } from "../features/escalation/summary.js";

const TZ = "Asia/Shanghai";
/** A Monday, 09:00 in Shanghai. */
const MON_0900 = new Date("2026-11-23T09:00:00+08:00");
const at = (local: string) => new Date(`${local}+08:00`);

describe("shift lines", () => {
  it("reads days in English and Chinese, ranges that wrap and lists", () => {
    expect(parseDays("Mon-Sun")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays("mon-fri")).toEqual([0, 1, 2, 3, 4]);
    expect(parseDays("Sat,Sun")).toEqual([5, 6]);
    expect(parseDays("Fri-Mon")).toEqual([0, 4, 5, 6]);
    expect(parseDays("周一-周五")).toEqual([0, 1, 2, 3, 4]);
    expect(parseDays("星期六、星期日")).toEqual([5, 6]);
    expect(parseDays("每天")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays("Someday")).toBeUndefined();
    expect(parseDays("Mon-")).toBeUndefined();
  });

  it("parses a line with an @username or an id, full-width and dashes included", () => {
    const a = parseShiftLine("Mon-Sun 08:00-16:00 @Their_Username", 1);
    expect(a).toEqual({
      ok: true,
      shift: {
        line: 1,
        text: "Mon-Sun 08:00-16:00 @Their_Username",
        days: [0, 1, 2, 3, 4, 5, 6],
        start: 480,
        end: 960,
        who: { username: "their_username" },
      },
    });
    const b = parseShiftLine("周六 - 周日  ２２：００～０６：００  123456789", 2);
    expect(b.ok && b.shift).toMatchObject({
      days: [5, 6],
      start: 1320,
      end: 360,
      who: { id: 123456789 },
    });
    const c = parseShiftLine("Mon-Fri 16:00-24:00 @li_si", 3);
    expect(c.ok && c.shift.end).toBe(1440);
  });

  it("says what is wrong with a malformed line", () => {
    expect(parseShiftLine("Mon-Sun 08:00-16:00", 1)).toMatchObject({ ok: false, error: "format" });
    expect(parseShiftLine("Funday 08:00-16:00 @a_b_c", 1)).toMatchObject({
      ok: false,
      error: "days",
      part: "Funday",
    });
    expect(parseShiftLine("Mon 8-16 @abc", 1)).toMatchObject({
      ok: false,
      error: "time",
      part: "8-16",
    });
    expect(parseShiftLine("Mon 25:00-26:00 @abc", 1)).toMatchObject({ ok: false, error: "time" });
    expect(parseShiftLine("Mon 24:00-08:00 @abc", 1)).toMatchObject({ ok: false, error: "time" });
    expect(parseShiftLine("Mon 08:00-08:00 @abc", 1)).toMatchObject({
      ok: false,
      error: "same-time",
    });
    expect(parseShiftLine("Mon 08:00-16:00 zhang", 1)).toMatchObject({
      ok: false,
      error: "who",
      part: "zhang",
    });
  });

  it("numbers the non-empty lines and skips comments", () => {
    const lines = parseShiftLines("\nMon 08:00-16:00 @aaa\n# night\n\nbad line\n");
    expect(lines.map((l) => (l.ok ? l.shift.line : l.line))).toEqual([1, 2]);
    expect(lines[1]).toMatchObject({ ok: false, error: "format", text: "bad line" });
  });

  it("finds overlapping shifts of the same person, across midnight and Sunday night", () => {
    const shift = (line: number, text: string) => {
      const p = parseShiftLine(text, line);
      if (!p.ok) throw new Error(text);
      return p.shift;
    };
    const key = (s: ShiftLine) => ("username" in s.who ? s.who.username : s.who.id);
    expect(
      findOverlaps(
        [
          shift(1, "Mon-Fri 08:00-16:00 @aaa"),
          shift(2, "Mon-Fri 16:00-24:00 @aaa"), // touches, doesn't overlap
          shift(3, "Mon-Fri 08:00-16:00 @bbb"), // someone else
          shift(4, "Wed 15:00-17:00 @aaa"),
        ],
        key,
      ),
    ).toEqual([{ line: 4, other: 1 }]);
    // Sunday 22:00 to Monday 06:00 overlaps Monday 05:00-07:00.
    expect(
      findOverlaps([shift(1, "Sun 22:00-06:00 @aaa"), shift(2, "Mon 05:00-07:00 @aaa")], key),
    ).toEqual([{ line: 2, other: 1 }]);
  });
});

describe("who is on duty", () => {
  const day = { personId: 1, days: [0, 1, 2, 3, 4], start: 480, end: 960 };
  const night = { personId: 2, days: [6], start: 1320, end: 360 }; // Sun 22:00-Mon 06:00

  it("knows the minute of the week in the community's time zone", () => {
    expect(minuteOfWeek(MON_0900, TZ)).toBe(540);
    expect(minuteOfWeek(at("2026-11-29T23:30:00"), TZ)).toBe(6 * 1440 + 1410); // Sunday
  });

  it("puts people on duty by shift, by /duty on, and takes them off with /duty off", () => {
    const input = {
      candidates: [1, 2, 3],
      shifts: [day, night],
      manual: new Map(),
      now: MON_0900,
      timeZone: TZ,
    };
    expect([...onDutyAt(input)]).toEqual([[1, "shift"]]);
    // Monday 05:00: the Sunday night shift is still on.
    expect([...onDutyAt({ ...input, now: at("2026-11-23T05:00:00") })]).toEqual([[2, "shift"]]);
    const manual = new Map([
      [3, { manual: "on" as const, until: null }],
      [1, { manual: "off" as const, until: at("2026-11-23T16:00:00").toISOString() }],
    ]);
    expect([...onDutyAt({ ...input, manual })]).toEqual([[3, "manual"]]);
    // The "off" ran out with the shift: Tuesday's shift counts again.
    expect([...onDutyAt({ ...input, manual, now: at("2026-11-24T09:00:00") })]).toEqual([
      [3, "manual"],
      [1, "shift"],
    ]);
    // Someone who lost the coordinator role is not on duty, whatever the roster says.
    expect(onDutyAt({ ...input, candidates: [2, 3] }).size).toBe(0);
  });

  it("tells when the current shift ends, following it past midnight", () => {
    expect(shiftEndAt(day, at("2026-11-23T09:00:30"), TZ)).toEqual(at("2026-11-23T16:00:00"));
    expect(shiftEndAt(night, at("2026-11-29T23:00:00"), TZ)).toEqual(at("2026-11-30T06:00:00"));
    expect(shiftEndAt(day, at("2026-11-28T09:00:00"), TZ)).toBeUndefined(); // Saturday
  });
});

describe("the ladder", () => {
  const t0 = new Date("2026-11-23T03:00:00+08:00");
  const min = (n: number) => new Date(t0.getTime() + n * 60_000);
  const state = (over: Partial<LadderState>): LadderState => ({
    status: "open",
    step: 1,
    round: 1,
    steppedAt: t0,
    paged: 2,
    declined: 0,
    ...over,
  });

  it("waits 5 minutes at each step, then 1 → 2 → 3, repeats 2 → 3 three times, then gives up", () => {
    const s = DEFAULT_LADDER;
    expect(nextMove(state({}), s, min(4.9))).toEqual({ type: "wait", until: min(5) });
    expect(nextMove(state({}), s, min(5))).toMatchObject({ type: "step", step: 2, round: 1 });
    expect(nextMove(state({ step: 2 }), s, min(5))).toMatchObject({
      type: "step",
      step: 3,
      round: 1,
    });
    expect(nextMove(state({ step: 3 }), s, min(5))).toMatchObject({
      type: "step",
      step: 2,
      round: 2,
    });
    expect(nextMove(state({ step: 3, round: 3 }), s, min(5))).toMatchObject({ step: 2, round: 4 });
    expect(nextMove(state({ step: 3, round: 4 }), s, min(5))).toEqual({
      type: "give-up",
      reason: "timeout",
    });
  });

  it("moves on at once when nobody is paged, or everyone at step 1 can't", () => {
    const s = DEFAULT_LADDER;
    expect(nextMove(state({ paged: 0 }), s, t0)).toMatchObject({ step: 2, reason: "nobody" });
    expect(nextMove(state({ declined: 2 }), s, t0)).toMatchObject({ step: 2, reason: "declined" });
    expect(nextMove(state({ declined: 1 }), s, t0)).toMatchObject({ type: "wait" });
    // A "can't" at step 2 doesn't hurry it (the staff group was paged too).
    expect(nextMove(state({ step: 2, declined: 2 }), s, t0)).toMatchObject({ type: "wait" });
  });

  it("stops for a taken or finished item and follows the settings", () => {
    expect(nextMove(state({ status: "acknowledged" }), DEFAULT_LADDER, min(60))).toEqual({
      type: "none",
    });
    const quick = { ...DEFAULT_LADDER, step1Minutes: 2, repeats: 0 };
    expect(nextMove(state({}), quick, min(2))).toMatchObject({ step: 2 });
    expect(nextMove(state({ step: 3 }), quick, min(5))).toMatchObject({ type: "give-up" });
  });

  it("reads /escalation_settings arguments", () => {
    expect(parseLadderSettings("step1 3 repeats=2")).toEqual({
      ok: true,
      changes: { step1Minutes: 3, repeats: 2 },
    });
    expect(parseLadderSettings("step1 : 10")).toMatchObject({
      ok: true,
      changes: { step1Minutes: 10 },
    });
    expect(parseLadderSettings("step9 3")).toMatchObject({
      ok: false,
      error: "key",
      part: "step9",
    });
    expect(parseLadderSettings("step1 0")).toMatchObject({ ok: false, error: "range" });
    expect(parseLadderSettings("step1 five")).toMatchObject({ ok: false, error: "range" });
    expect(parseLadderSettings("step1")).toMatchObject({ ok: false, error: "format" });
  });

  it("takes the median", () => {
    expect(median([])).toBeUndefined();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 40])).toBe(25);
  });
});

describe("an urgent item's summary in each language", () => {
  it("keeps a person's words as typed and gives each reader the bot's words in their language", () => {
    const words = '3栋楼道有烟 {"byLocale"';
    expect(storedSummary(words)).toBe(words);
    expect(summaryIn(storedSummary(words), "en")).toBe(words);
    const bot = storedSummary({
      "zh-CN": "（只按了求助按钮）",
      en: "(only the SOS key was pressed)",
    });
    expect(summaryIn(bot, "en")).toBe("(only the SOS key was pressed)");
    expect(summaryIn(bot, "zh-CN")).toBe("（只按了求助按钮）");
    // A language it wasn't written in: the first it has.
    expect(summaryIn(bot, "fr")).toBe("（只按了求助按钮）");
    // Emptied by /forget: nothing of theirs is shown.
    expect(summaryIn("", "en")).toBe("");
  });
});
