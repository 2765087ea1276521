/** The dashboard's pure figures: the coverage grid and the open requests by age. */
import { describe, expect, it } from "vitest";
import { ageBucket, coverageGrid, requestAges } from "../domain/dashboard.js";

describe("coverage grid", () => {
  it("puts every room of the layout and every registered room in its state, in order", () => {
    const layout = [
      { building: "10", unit: "1", room: "101" },
      { building: "2", unit: "1", room: "1001" },
      { building: "2", unit: "1", room: "201" },
    ];
    const households = [
      { id: 1, building: "2", unit: "1", room: "201", reachable: false },
      { id: 2, building: "2", unit: "1", room: "1001", reachable: true },
      // Not in the layout (registered before it was imported): still shown.
      { id: 3, building: "2", unit: "2", room: "301", reachable: true },
      // Two households in one room: the better state shows.
      { id: 4, building: "10", unit: "1", room: "101", reachable: false },
      { id: 5, building: "10", unit: "1", room: "101", reachable: true },
    ];
    const grid = coverageGrid(layout, households, new Map([[3, "partial"]]));
    expect(grid.map((b) => b.building)).toEqual(["2", "10"]);
    expect(grid[0]?.units).toEqual([
      {
        unit: "1",
        rooms: [
          { room: "201", state: "registered" },
          { room: "1001", state: "reachable" },
        ],
        counts: { none: 0, registered: 1, reachable: 1, partial: 0, reported: 0 },
      },
      {
        unit: "2",
        rooms: [{ room: "301", state: "partial" }],
        counts: { none: 0, registered: 0, reachable: 0, partial: 1, reported: 0 },
      },
    ]);
    expect(grid[1]?.units[0]?.rooms).toEqual([{ room: "101", state: "reachable" }]);
    expect(coverageGrid(layout, [], new Map())[1]?.counts.none).toBe(1);
  });
});

describe("open requests by age", () => {
  it("buckets at 1 h, 6 h, 24 h and 3 days", () => {
    expect([0, 59, 60, 359, 360, 1439, 1440, 4319, 4320].map(ageBucket)).toEqual([
      "hour",
      "hour",
      "six_hours",
      "six_hours",
      "day",
      "day",
      "three_days",
      "three_days",
      "older",
    ]);
  });

  it("counts per category in the catalogue's order", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const ages = requestAges(
      [
        { category: "repair", createdAt: "2026-11-22T09:30:00Z" },
        { category: "medicine", createdAt: "2026-11-18T10:00:00Z" },
        { category: "repair", createdAt: "2026-11-21T12:00:00Z" },
      ],
      now,
    );
    expect(ages.rows).toEqual([
      {
        category: "medicine",
        counts: { hour: 0, six_hours: 0, day: 0, three_days: 0, older: 1 },
        total: 1,
      },
      {
        category: "repair",
        counts: { hour: 1, six_hours: 0, day: 1, three_days: 0, older: 0 },
        total: 2,
      },
    ]);
    expect(ages.total).toBe(3);
  });
});
