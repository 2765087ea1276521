/**
 * Queue calls under a broadcast: the real bot and outbox against the fake
 * Telegram over HTTP (30 messages/s enforced, 1/s per chat, 50 ms latency),
 * SQLite on disk. A queue of 500 numbers (residents told at 10 ahead) is
 * called by staff pressing "next" on the real panel, one call per 20 s of
 * the queue's time, while a notice broadcast (bulk lane) drains the whole
 * time. Prints how long each "N ahead" and "your turn" message took from
 * the press to Telegram's answer, and whether it arrived before the next call.
 *
 * Simulated time: the injected clock moves 20 s per call (what the queue
 * stores: taken, called, the waits); the presses come every 20 s / SPEEDUP
 * of real time, because the outbox paces on real time and Telegram's limits
 * are per real second. A message's delay does not depend on SPEEDUP (it
 * depends on the lanes and the broadcast), as long as the calls themselves
 * stay far under the rate (2 messages per call).
 *
 * `npx tsx bench/queue-bench.ts`, or `npm run bench -- queue`. Sizes:
 * QUEUE_BENCH_NUMBERS (500), QUEUE_BENCH_NEAR (10), QUEUE_BENCH_SPEEDUP (20:
 * one call per real second), QUEUE_BENCH_BROADCAST (enough rows at 30/s to
 * outlast the calls). A quick check: QUEUE_BENCH_NUMBERS=30
 * QUEUE_BENCH_SPEEDUP=100 npx tsx bench/queue-bench.ts
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { takeNumber } from "../features/queue/service.js";
import { FakeTelegram } from "../simulator/server.js";
import { QUEUE_CALL_REF } from "../storage/queues.js";
import { buttonData, Harness, TestClock, tempDir, u } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";

const CALL_EVERY_S = 20;
const RATE = 30;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Registered households, seeded straight into the tables (registration is not what is measured). */
async function seed(h: Harness, count: number, firstId: number): Promise<number[]> {
  const now = h.clock.now().toISOString();
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  await h.storage.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("people")
      .values(
        ids.map((id, i) => ({
          id,
          first_name: `R${i + 1}`,
          username: null,
          display_name: `R${i + 1}`,
          phone: null,
          language: null,
          reachability: "reachable" as const,
          created_at: now,
          updated_at: now,
          forgotten_at: null,
        })),
      )
      .execute();
    const households = await trx
      .insertInto("households")
      .values(
        ids.map((_, i) => ({
          building: String(1 + Math.floor(i / 100)),
          unit: "1",
          room: String(101 + (i % 100)),
          members: 1,
          lives_alone: 0,
          over_75: 0,
          reduced_mobility: 0,
          chronic_medicine: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("id")
      .execute();
    const householdIds = households.map((r) => r.id).sort((a, b) => a - b);
    await trx
      .insertInto("residents")
      .values(
        ids.map((id, i) => ({
          person_id: id,
          household_id: householdIds[i] as number,
          registered_at: now,
        })),
      )
      .execute();
  });
  for (const id of ids) h.fake.userStarted(id);
  return ids;
}

export async function benchQueue(): Promise<string[]> {
  const numbers = setting("QUEUE_BENCH_NUMBERS", 500);
  const near = setting("QUEUE_BENCH_NEAR", 10);
  const speedup = setting("QUEUE_BENCH_SPEEDUP", 20);
  const intervalMs = (CALL_EVERY_S * 1000) / speedup;
  // The broadcast lasts as long as the calls, and a little more.
  const broadcast = setting(
    "QUEUE_BENCH_BROADCAST",
    Math.ceil(((numbers * intervalMs) / 1000) * RATE * 1.1),
  );

  const tmp = tempDir();
  const fake = await FakeTelegram.start({
    latencyMs: 50,
    limits: { globalPerSecond: RATE, perChatPerSecond: 1, perGroupPerMinute: 20 },
  });
  /** Simulated time of each call (its rows' created_at) → the real time of its press. */
  const pressedAt = new Map<string, number>();
  const latencies = { near: [] as number[], turn: [] as number[] };
  let late = 0;
  const delivered = new Map<number, { near: number; turn: number }>();
  const h = await Harness.start({
    fake,
    clock: new TestClock(Date.parse("2026-11-22T09:00:00+08:00")),
    databaseUrl: `sqlite:${tmp.dir}/bench.sqlite`,
    outbox: {
      ratePerSecond: RATE,
      perChatPerSecond: 1,
      perGroupPerMinute: 20,
      pollIntervalMs: 500,
      backoffBaseMs: 1000,
      onSent(row) {
        if (row.ref?.type !== QUEUE_CALL_REF) return;
        const at = pressedAt.get(row.createdAt);
        if (at === undefined) return;
        const ms = performance.now() - at;
        const kind = row.lane === "urgent" ? "turn" : "near";
        latencies[kind].push(ms);
        if (ms > intervalMs) late++;
        const seen = delivered.get(row.chatId) ?? { near: 0, turn: 0 };
        seen[kind]++;
        delivered.set(row.chatId, seen);
      },
    },
  });
  try {
    const admin = u.makeUser(1, { first_name: "Admin" });
    const staff = u.makeUser(2, { first_name: "Staff" });
    await h.storage.roles.grant(staff.id, "coordinator", admin.id);
    const residents = await seed(h, numbers, 10_000_000);

    // The queue, opened through the real conversation.
    const say = (text: string) => h.text(staff, text);
    const choose = (data: string) => h.press(staff, h.withButton(staff, data), data);
    await say("/queue_open");
    await say("Pop-up shop");
    await say(String(numbers));
    await choose("quc:near:other");
    await say(String(near));
    await choose("quc:goods:skip");
    await choose("quc:photos:none");
    await choose("quc:announce:no");
    await choose("quc:sum:open");
    const panel = h.last(staff);

    for (const id of residents) {
      const taken = await takeNumber(h.deps, 1, id);
      if (!taken.ok) throw new Error(`resident ${id} got no number`);
    }

    // The broadcast: a notice to other residents, in the bulk lane.
    const others = Array.from({ length: broadcast }, (_, i) => 20_000_000 + i);
    for (const id of others) fake.userStarted(id);
    await h.storage.outbox.enqueue(
      others.map((chatId) => ({
        chatId,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: { text: "【3-2-501】明天 7:00 在大门口做核酸，请带好身份证。" },
        ref: { type: "notice", id: 1 },
      })),
    );
    h.outbox.kick();
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the notice is under way

    const started = performance.now();
    for (let call = 0; call < numbers; call++) {
      const due = started + call * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      h.clock.advance(CALL_EVERY_S * 1000);
      pressedAt.set(h.clock.now().toISOString(), performance.now());
      const next = buttonData(panel).find((d) => d.startsWith("qu:next:")) as string;
      await h.press(staff, panel, next);
    }
    // Let the last calls arrive (they are ahead of the broadcast).
    for (let i = 0; i < 300 && latencies.turn.length < numbers; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const backlog = (await h.storage.outbox.counts()).pending;
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const figures = (list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? Number.NaN)}`;
    };
    const twice = [...delivered.values()].filter((d) => d.turn > 1 || d.near > 1).length;
    const noTurn = residents.filter((id) => (delivered.get(id)?.turn ?? 0) === 0).length;
    return [
      `queue: ${numbers} numbers called one per ${CALL_EVERY_S} s of queue time (${(intervalMs / 1000).toFixed(2)} s real, ×${speedup}) over ${seconds.toFixed(0)} s while a ${broadcast}-recipient notice drains at ${RATE}/s with 50 ms latency (${backlog} notice messages still queued at the end, ${fake.stats().rateLimited} 429s)`,
      `queue: "${near} ahead" press → Telegram's answer: ${figures(latencies.near)} (${latencies.near.length} messages)`,
      `queue: "your turn" press → Telegram's answer: ${figures(latencies.turn)} (${latencies.turn.length}/${numbers} messages)`,
      `queue: arrived after the next call was due: ${late}; residents told twice: ${twice}; never told their turn: ${noTurn} (target 0, 0, 0) (${machineLine()})`,
    ];
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchQueue()) console.log(line);
}
