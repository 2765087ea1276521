/**
 * The door list and the key-care round at city scale: 10,000 rooms in 40
 * buildings (5 units × 50 rooms each), 9,000 registered households, 15% of
 * them on the key-care list, 80% reported today; 20 workers, each looking
 * after two buildings. Prints, each against the target of 50 ms:
 *
 * - one worker's door list (about 500 doors' facts read from SQLite, then
 *   ordered for a walk), and the pure ordering for the whole community;
 * - the care round: which of the 1,350 key-care people are due today (the
 *   list, the plans and the last contacts read from SQLite), and /care's
 *   whole-community view; and the morning step that writes the checks and
 *   their tasks in one transaction (no target: it runs once a day).
 *
 * `PEOPLE_BENCH_HOUSEHOLDS=500 npx tsx bench/people-bench.ts` runs a small
 * community to try it out.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { buildCareList, careKey, dueOn } from "../domain/care.js";
import { doorList } from "../domain/grid.js";
import { runCareJobs } from "../features/care/index.js";
import { roundView } from "../features/care/service.js";
import { doorsFor } from "../features/grid/service.js";
import type { CareFlag } from "../storage/households.js";
import { Harness, tempDir } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";

const ROOMS = Number(process.env.PEOPLE_BENCH_HOUSEHOLDS ?? 10_000);
const TODAY = "2026-11-23";
const ROOMS_PER_BUILDING = 250;
const BUILDINGS_PER_WORKER = 2;

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
const n = (x: number) => x.toLocaleString("en");

export async function benchPeople(): Promise<string[]> {
  const tmp = tempDir();
  const h = await Harness.start({ databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  try {
    h.clock.set(`${TODAY}T07:00:00+08:00`);
    const { storage, deps } = h;
    const address = (i: number) => ({
      building: String(1 + Math.floor(i / ROOMS_PER_BUILDING)),
      unit: String(1 + (Math.floor(i / 50) % 5)),
      room: String(100 * (1 + Math.floor((i % 50) / 4)) + 1 + (i % 4)),
    });
    await storage.layout.importRooms(Array.from({ length: ROOMS }, (_, i) => address(i)));
    // 90% of rooms registered; 15% of those on the key-care list; 80% reported today.
    let registered = 0;
    let flagged = 0;
    for (let i = 0; i < ROOMS; i++) {
      if (i % 10 === 9) continue;
      const personId = 10_000_000 + i;
      const flags: CareFlag[] = i % 20 < 3 ? ["lives_alone", "over_75"] : [];
      await storage.people.touch({ id: personId, first_name: `R${i}` }, i % 10 !== 0);
      const household = await storage.households.register({
        personId,
        address: address(i),
        displayName: `R${i}`,
        phone: "13800138000",
        members: 1,
        flags,
      });
      registered++;
      if (flags.length > 0) flagged++;
      if (i % 5 !== 0) {
        await storage.checkins.record({
          householdId: household.id,
          member: 1,
          date: TODAY,
          celsius: 36.5,
          symptom: "fine",
          note: null,
          reportedBy: personId,
          proxy: false,
        });
      }
    }
    const buildings = Math.ceil(ROOMS / ROOMS_PER_BUILDING);
    const workers = Math.ceil(buildings / BUILDINGS_PER_WORKER);
    for (let w = 0; w < workers; w++) {
      const id = 5_000 + w;
      await storage.people.touch({ id, first_name: `W${w}` }, true);
      await storage.roles.grant(id, "worker", null);
      const scopes = Array.from({ length: BUILDINGS_PER_WORKER }, (_, b) => ({
        building: String(1 + w * BUILDINGS_PER_WORKER + b),
        unit: "*",
      })).filter((s) => Number(s.building) <= buildings);
      await storage.grid.assign(scopes, "main", id, null);
    }

    // One worker's door list, read from SQLite and ordered.
    let doors = 0;
    const worker = await time(20, async () => {
      doors = (await doorsFor(deps, 5_000)).doors.length;
    });
    // The ordering alone, for the whole community.
    const rooms = await storage.layout.rooms();
    const residents = await storage.grid.residentsIn(
      Array.from({ length: buildings }, (_, b) => String(b + 1)),
    );
    const reported = await storage.grid.reportedOn(
      TODAY,
      Array.from({ length: buildings }, (_, b) => String(b + 1)),
    );
    let allDoors = 0;
    const whole = await time(20, () => {
      allDoors = doorList({
        rooms,
        residents,
        reportedToday: reported,
        checkinEnabled: true,
        careUnchecked: new Set(),
      }).length;
    });

    // The care round: who is due today, from SQLite.
    let due = 0;
    const plan = await time(20, async () => {
      const list = buildCareList(await storage.households.flagged(), await storage.care.plans());
      due = dueOn(list, await storage.care.lastReached(), TODAY).map(careKey).length;
    });
    // The morning step: checks and their tasks written in one transaction.
    h.clock.set(`${TODAY}T08:00:00+08:00`);
    const started = performance.now();
    const run = await runCareJobs(deps);
    const morningMs = performance.now() - started;
    // /care for the whole community after the round went out.
    let shown = 0;
    const view = await time(10, async () => {
      shown = (await roundView(deps, undefined)).checks.length;
    });

    return [
      `people: ${n(ROOMS)} rooms, ${n(registered)} households, ${n(flagged)} on the key-care list, ${workers} workers`,
      `people: one worker's door list (${n(doors)} doors of ${BUILDINGS_PER_WORKER} buildings), read from SQLite and ordered: ${ms(worker.median)} (p95 ${ms(worker.p95)}; target < 50 ms)`,
      `people: the door list ordered for the whole community (${n(allDoors)} doors, facts already read): ${ms(whole.median)} (p95 ${ms(whole.p95)})`,
      `people: the care round, who is due today (${n(due)} of ${n(flagged)}), read from SQLite: ${ms(plan.median)} (p95 ${ms(plan.p95)}; target < 50 ms)`,
      `people: /care for the whole community (${n(shown)} checks): ${ms(view.median)} (p95 ${ms(view.p95)})`,
      `people: the morning step (${n(run.round ?? 0)} checks and their tasks in one transaction): ${ms(morningMs)}`,
    ];
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchPeople()) console.log(line);
}
