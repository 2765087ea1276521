/**
 * The daily check-in at city scale: 10,000 registered households (about
 * 25,000 people) in 40 buildings, 80% of people reported today (stored in
 * SQLite), six earlier days (in memory, for the trend). Prints the time to compute the missing list and the summary (the
 * target is under 50 ms), the same read from SQLite, the 7-day trend, and the
 * whole deadline step (reminders and staff lists written to the outbox).
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { lastDates } from "../domain/checkin-schedule.js";
import {
  type CheckinReading,
  computeCheckinSummary,
  computeTrend,
} from "../domain/checkin-summary.js";
import { runCheckinJobs } from "../features/checkin/job.js";
import { missingListTexts, summaryTexts } from "../features/checkin/render.js";
import { Harness, tempDir } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";

const HOUSEHOLDS = 10_000;
const TODAY = "2026-11-22";

/** Median and p95 in ms of `runs` calls (after two warm-up calls). */
async function time(runs: number, fn: () => unknown | Promise<unknown>) {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function benchCheckin(): Promise<string[]> {
  const tmp = tempDir();
  const h = await Harness.start({ databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  try {
    h.clock.set(`${TODAY}T07:00:00+08:00`);
    const { storage } = h;
    // Seed through the repositories: 40 buildings × 5 units × 50 rooms.
    let people = 0;
    let reported = 0;
    const dates = lastDates(TODAY, 7);
    const history: CheckinReading[] = [];
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const personId = 10_000_000 + i;
      const members = 1 + (i % 4);
      people += members;
      await storage.people.touch({ id: personId, first_name: `R${i}` }, i % 10 !== 0);
      const household = await storage.households.register({
        personId,
        address: {
          building: String(1 + Math.floor(i / 250)),
          unit: String(1 + (Math.floor(i / 50) % 5)),
          room: String(101 + (i % 50)),
        },
        displayName: `R${i}`,
        phone: i % 3 === 0 ? null : "13800138000",
        members,
        flags: [],
      });
      // Today 80% of people report; earlier days a bit fewer.
      for (const [d, date] of dates.entries()) {
        for (let m = 1; m <= members; m++) {
          if ((i * 7 + m * 13 + d * 5) % 100 >= 70 + d * 2) continue;
          const celsius = (i + m) % 97 === 0 ? 38.1 : 36.5;
          if (date !== TODAY) {
            history.push({ householdId: household.id, member: m, date, celsius, symptom: "fine" });
            continue;
          }
          await storage.checkins.record({
            householdId: household.id,
            member: m,
            date,
            celsius,
            symptom: "fine",
            note: null,
            reportedBy: personId,
            proxy: false,
          });
          reported++;
        }
      }
    }
    await storage.roles.grant(1, "worker", null);
    await storage.roles.grant(2, "coordinator", null);

    const households = await storage.checkins.households();
    const today = await storage.checkins.forSummary(TODAY, TODAY);
    const week = [...history, ...today];
    const settings = await storage.checkins.settings();
    let summary = computeCheckinSummary(TODAY, households, today);

    const compute = await time(30, () => {
      summary = computeCheckinSummary(TODAY, households, today);
    });
    const render = await time(30, () => {
      missingListTexts(h.deps, "zh-CN", summary, settings, 0);
      summaryTexts(h.deps, "zh-CN", summary);
    });
    const fromDb = await time(10, async () => {
      const hs = await storage.checkins.households();
      const rs = await storage.checkins.forSummary(TODAY, TODAY);
      const s = computeCheckinSummary(TODAY, hs, rs);
      missingListTexts(h.deps, "zh-CN", s, settings, 0);
    });
    const trend = await time(10, () => computeTrend(dates, households, week));

    h.clock.set(`${TODAY}T10:00:00+08:00`);
    const started = performance.now();
    await runCheckinJobs(h.deps, h.bot.api);
    const deadlineMs = performance.now() - started;
    const reminders = (await storage.outbox.counts()).pending;

    const { total } = summary;
    return [
      `checkin: ${HOUSEHOLDS.toLocaleString("en")} households (${people.toLocaleString("en")} people, ${reported.toLocaleString("en")} readings today): missing list + summary computed in ${ms(compute.median)} (p95 ${ms(compute.p95)}; target < 50 ms), rendered to text in ${ms(render.median)}`,
      `checkin: the same read from SQLite first: ${ms(fromDb.median)} (p95 ${ms(fromDb.p95)})`,
      `checkin: 7-day trend over ${week.length.toLocaleString("en")} readings: ${ms(trend.median)}`,
      `checkin: deadline step (${total.missing + total.partial} incomplete households, ${reminders} outbox rows written in one transaction): ${ms(deadlineMs)}`,
    ];
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchCheckin()) console.log(line);
}
