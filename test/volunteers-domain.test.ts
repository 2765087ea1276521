/** The volunteers' ledger's pure rules: hours, shifts, who hears a task, the published figures. */
import { describe, expect, it } from "vitest";
import {
  dayRuns,
  nextOccurrences,
  parseAddHours,
  parseHours,
  parseTeamShiftLine,
  parseTeamShiftLines,
  shiftsOverlap,
  slotAt,
  taskMinutes,
  taskRecipients,
  taskStateOfRequest,
  teamGaps,
  type VolunteerReach,
  volunteerLedger,
  weekStart,
} from "../domain/volunteers.js";

const TZ = "Asia/Shanghai";
/** Sunday 22 November 2026, 09:00 in Shanghai. */
const SUNDAY = new Date("2026-11-22T09:00:00+08:00");

describe("hours as people type them", () => {
  it.each([
    ["2", 120],
    ["2.5", 150],
    ["2,5", 150],
    ["0.25", 15],
    ["2h", 120],
    ["2 小时", 120],
    ["2个小时", 120],
    ["1:30", 90],
    ["90m", 90],
    ["90分钟", 90],
    ["２４", 1440],
  ])("%s is %i minutes", (raw, minutes) => {
    expect(parseHours(raw)).toEqual({ ok: true, minutes });
  });

  it.each([
    ["-2", "negative"],
    ["−1.5", "negative"],
    ["25", "over-day"],
    ["24:30", "over-day"],
    ["1441m", "over-day"],
    ["0", "zero"],
    ["0:00", "zero"],
    ["abc", "format"],
    ["2x", "format"],
    ["1:75", "format"],
    ["", "format"],
  ])("%s is refused (%s)", (raw, error) => {
    expect(parseHours(raw)).toEqual({ ok: false, error });
  });

  it("zero is allowed for a correction that voids an entry", () => {
    expect(parseHours("0", { allowZero: true })).toEqual({ ok: true, minutes: 0 });
  });

  it("a task counts claim to done, at most the cap", () => {
    const claimed = new Date("2026-11-22T09:00:00Z");
    expect(taskMinutes(claimed, new Date("2026-11-22T10:29:40Z"), 480)).toEqual({
      minutes: 90,
      capped: false,
    });
    expect(taskMinutes(claimed, new Date("2026-11-24T09:00:00Z"), 480)).toEqual({
      minutes: 480,
      capped: true,
    });
  });
});

describe("/addhours arguments", () => {
  const today = "2026-11-22";
  const parseDay = (token: string) =>
    ({
      yesterday: "2026-11-21",
      "11-20": "2026-11-20",
      "11-23": "2026-11-23",
      "10-01": "2026-10-01",
    })[token];
  const teams = ["supplies", "medicine"];
  const parse = (args: string) => parseAddHours(args, today, parseDay, teams);

  it("hours and a reason, for today", () => {
    expect(parse("2.5 carried water to building 5")).toEqual({
      ok: true,
      who: null,
      minutes: 150,
      day: today,
      team: null,
      reason: "carried water to building 5",
    });
  });

  it("someone, a day and a team", () => {
    expect(parse("@Lee_3 1:30 yesterday medicine 送药")).toEqual({
      ok: true,
      who: { username: "lee_3" },
      minutes: 90,
      day: "2026-11-21",
      team: "medicine",
      reason: "送药",
    });
  });

  it.each([
    ["", "usage"],
    ["-2 搬东西", "negative"],
    ["25 搬东西", "over-day"],
    ["0 搬东西", "zero"],
    ["two 搬东西", "format"],
    ["2", "no-reason"],
    ["2 11-23 明天的", "future"],
    ["2 10-01 很久以前", "too-old"],
    [`2 ${"很".repeat(201)}`, "reason-long"],
  ])("%j is refused (%s)", (args, error) => {
    expect(parse(args)).toEqual({ ok: false, error });
  });
});

describe("team shifts", () => {
  it("reads a line with a team, days, times, people and how many it needs", () => {
    const p = parseTeamShiftLine("supplies Mon-Fri 08:00-12:00 @Lee @zhang need 3", 1);
    expect(p).toEqual({
      ok: true,
      shift: {
        line: 1,
        text: "supplies Mon-Fri 08:00-12:00 @Lee @zhang need 3",
        team: "supplies",
        days: [0, 1, 2, 3, 4],
        start: 480,
        end: 720,
        who: [{ username: "lee" }, { username: "zhang" }],
        needed: 3,
      },
    });
    const zh = parseTeamShiftLine("testing 周六，周日 7:30 - 11:30 需2人", 2);
    expect(zh.ok && zh.shift).toMatchObject({
      days: [5, 6],
      start: 450,
      end: 690,
      who: [],
      needed: 2,
    });
    const overnight = parseTeamShiftLine("home_help daily 22:00-06:00 123456 x2", 3);
    expect(overnight.ok && overnight.shift).toMatchObject({
      days: [0, 1, 2, 3, 4, 5, 6],
      start: 1320,
      end: 360,
      who: [{ id: 123456 }],
      needed: 2,
    });
  });

  it.each([
    ["supplies Mon-Fri", "format"],
    ["Supplies! Mon 08:00-12:00", "team"],
    ["supplies Someday 08:00-12:00", "days"],
    ["supplies Mon 8-12", "time"],
    ["supplies Mon 08:00-08:00", "same-time"],
    ["supplies Mon 08:00-12:00 lee", "who"],
    ["supplies Mon 08:00-12:00 need 0", "need"],
  ])("%s is refused (%s)", (line, error) => {
    expect(parseTeamShiftLine(line, 1)).toMatchObject({ ok: false, error });
  });

  it("several lines, comments and blank lines skipped", () => {
    const lines = parseTeamShiftLines(
      "# supplies\nsupplies Mon 08:00-12:00\n\ntesting Tue 09:00-10:00",
    );
    expect(lines.map((l) => l.ok && l.shift.line)).toEqual([1, 2]);
  });

  it("overlaps and day runs", () => {
    const a = { days: [0, 1], start: 480, end: 720 };
    expect(shiftsOverlap(a, { days: [1], start: 700, end: 800 })).toBe(true);
    expect(shiftsOverlap(a, { days: [1], start: 720, end: 800 })).toBe(false);
    expect(
      shiftsOverlap({ days: [6], start: 1320, end: 360 }, { days: [0], start: 300, end: 400 }),
    ).toBe(true);
    expect(dayRuns([6, 0, 1, 2, 4])).toEqual([
      [0, 2],
      [4, 4],
      [6, 6],
    ]);
  });

  it("the next occurrences in the community's time, one in progress included", () => {
    const shift = { days: [0, 6], start: 8 * 60, end: 12 * 60 };
    const next = nextOccurrences(shift, SUNDAY, TZ, 7);
    expect(
      next.map((o) => [o.date, o.weekday, o.start.toISOString(), o.end.toISOString()]),
    ).toEqual([
      ["2026-11-22", 6, "2026-11-22T00:00:00.000Z", "2026-11-22T04:00:00.000Z"],
      ["2026-11-23", 0, "2026-11-23T00:00:00.000Z", "2026-11-23T04:00:00.000Z"],
    ]);
    // Saturday night to Sunday morning is still going at 05:00 on Sunday.
    const night = nextOccurrences(
      { days: [5], start: 22 * 60, end: 6 * 60 },
      new Date("2026-11-22T05:00:00+08:00"),
      TZ,
      1,
    );
    expect(night.map((o) => o.date)).toEqual(["2026-11-21"]);
  });

  it("gaps: shifts short of people and days without any shift", () => {
    const gaps = teamGaps([
      {
        id: 1,
        team: "supplies",
        days: [0, 1, 2, 3, 4],
        start: 480,
        end: 720,
        needed: 3,
        people: [1],
      },
      { id: 2, team: "supplies", days: [5], start: 480, end: 720, needed: 1, people: [2] },
      {
        id: 3,
        team: "testing",
        days: [0, 1, 2, 3, 4, 5, 6],
        start: 420,
        end: 660,
        needed: 2,
        people: [3, 4],
      },
    ]);
    expect(gaps).toEqual([
      { team: "supplies", short: [{ id: 1, missing: 2 }], daysWithout: [6] },
      { team: "testing", short: [], daysWithout: [] },
    ]);
  });
});

describe("who hears a new task", () => {
  const v = (personId: number, extra: Partial<VolunteerReach> = {}): VolunteerReach => ({
    personId,
    teams: ["supplies"],
    buildings: [],
    availability: [],
    onShift: false,
    ...extra,
  });

  it("those on the team's shift now, even lent from another team", () => {
    const people = [v(1, { onShift: true }), v(2), v(3, { teams: ["testing"], onShift: true })];
    expect(taskRecipients(people, "supplies", null, undefined)).toEqual({
      people: [1, 3],
      onShift: true,
    });
  });

  it("else those covering the building and usually free now, else all who cover it", () => {
    const people = [
      v(1, { buildings: ["3"], availability: ["weekend_morning"] }),
      v(2, { buildings: ["3"] }),
      v(3, { buildings: ["5"], availability: ["weekend_morning"] }),
      v(4, { teams: ["medicine"] }),
    ];
    expect(taskRecipients(people, "supplies", "3", "weekend_morning").people).toEqual([1]);
    expect(taskRecipients(people, "supplies", "3", "weekday_evening").people).toEqual([1, 2]);
    // Nobody covers building 9: the whole team hears.
    expect(taskRecipients(people, "supplies", "9", undefined).people).toEqual([1, 2, 3]);
    expect(taskRecipients(people, "cleaning", null, undefined).people).toEqual([]);
  });

  it("the part of the day, on the community's clock", () => {
    expect(slotAt(SUNDAY, TZ)).toBe("weekend_morning");
    expect(slotAt(new Date("2026-11-23T19:00:00+08:00"), TZ)).toBe("weekday_evening");
    expect(slotAt(new Date("2026-11-23T23:00:00+08:00"), TZ)).toBeUndefined();
  });
});

describe("a request's task", () => {
  it.each([
    ["new", null, "open", null],
    ["reopened", null, "open", null],
    ["taken", null, "held", null],
    ["assigned", 7, "held", null],
    ["accepted", 7, "claimed", 7],
    ["done", 7, "done", 7],
    ["solved", 7, "done", 7],
    ["cant_do", null, "cancelled", null],
  ] as const)("%s → %s", (status, assignee, state, volunteer) => {
    expect(taskStateOfRequest(status, assignee)).toEqual({ status: state, volunteerId: volunteer });
  });
});

describe("the published ledger", () => {
  it("totals, average over registered volunteers, the highest, per team, this week; names only with consent", () => {
    const week = weekStart(SUNDAY, TZ);
    expect(week).toBe("2026-11-16");
    const ledger = volunteerLedger(
      [
        { personId: 1, team: "supplies", day: "2026-11-10", minutes: 600 },
        { personId: 1, team: "supplies", day: "2026-11-20", minutes: 120 },
        { personId: 2, team: "medicine", day: "2026-11-21", minutes: 90 },
        { personId: 3, team: null, day: "2026-11-22", minutes: 30 },
        // A voided entry counts for nothing.
        { personId: 4, team: "supplies", day: "2026-11-22", minutes: 0 },
      ],
      [1, 2, 3, 4, 5],
      [
        { personId: 1, publicName: "小李", consent: "named", teams: ["supplies"] },
        { personId: 2, publicName: "老张", consent: "anonymous", teams: ["medicine", "supplies"] },
        { personId: 5, publicName: null, consent: null, teams: ["testing"] },
      ],
      week,
    );
    expect(ledger.registered).toBe(5);
    expect(ledger.totalMinutes).toBe(840);
    expect(ledger.averageMinutes).toBe(168);
    expect(ledger.highest).toMatchObject({ personId: 1, minutes: 720, name: "小李" });
    expect(ledger.week).toEqual({ minutes: 240, people: 3, from: "2026-11-16" });
    expect(ledger.perTeam).toEqual([
      { team: "supplies", minutes: 720, people: 1, members: 2 },
      { team: "medicine", minutes: 90, people: 1, members: 1 },
      { team: null, minutes: 30, people: 1, members: 0 },
      { team: "testing", minutes: 0, people: 0, members: 1 },
    ]);
    expect(ledger.named.map((p) => [p.name, p.minutes, p.weekMinutes])).toEqual([
      ["小李", 720, 120],
    ]);
    expect(ledger.anonymous).toEqual({ people: 2, minutes: 120 });
  });

  it("someone with hours whose role was taken back still counts as a volunteer", () => {
    const ledger = volunteerLedger(
      [{ personId: 9, team: null, day: "2026-11-22", minutes: 60 }],
      [1],
      [],
      "2026-11-16",
    );
    expect(ledger.registered).toBe(2);
    expect(ledger.averageMinutes).toBe(30);
  });
});
