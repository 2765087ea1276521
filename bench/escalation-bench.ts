/**
 * Escalation end to end: the real bot and outbox against the fake Telegram
 * over HTTP (30 messages/s enforced, 1/s per chat, 50 ms latency), SQLite on
 * disk, the wall clock. A 5,000-recipient notice (bulk lane) is draining when
 * urgent items are raised one after another through `raiseUrgent`; prints the
 * time from "item created" to "first page sent" (Telegram answered).
 *
 * `npx tsx bench/escalation-bench.ts`, or `npm run bench` for every benchmark.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { raiseUrgent } from "../features/escalation/service.js";
import { FakeTelegram } from "../simulator/server.js";
import { Harness, TestClock, tempDir, u } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";

/** The harness's clock, reading the real time (the dispatcher's stored times must move). */
class WallClock extends TestClock {
  override now(): Date {
    return new Date();
  }
}

const BROADCAST = 5000;
const ITEMS = 50;
/** Between items: more than the 1 s per chat, so each page measures the broadcast, not its own queue. */
const SPACING_MS = 1200;
const ON_DUTY = 3;

export async function benchEscalation(): Promise<string[]> {
  const tmp = tempDir();
  const fake = await FakeTelegram.start({
    latencyMs: 50,
    limits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  });
  const raisedAt = new Map<string, number>();
  const latencies: number[] = [];
  const h = await Harness.start({
    fake,
    clock: new WallClock(Date.now()),
    databaseUrl: `sqlite:${tmp.dir}/bench.sqlite`,
    outbox: {
      ratePerSecond: 30,
      perChatPerSecond: 1,
      perGroupPerMinute: 20,
      pollIntervalMs: 500,
      backoffBaseMs: 1000,
      onSent(row) {
        if (row.ref?.type !== "escalation") return;
        const at = raisedAt.get(row.ref.id);
        if (at === undefined) return;
        raisedAt.delete(row.ref.id); // the first page of the item counts
        latencies.push(performance.now() - at);
      },
    },
  });
  try {
    const admin = u.makeUser(1, { first_name: "Admin" });
    const coordinators = Array.from({ length: ON_DUTY }, (_, i) =>
      u.makeUser(10 + i, { first_name: `C${i}` }),
    );
    for (const c of coordinators) {
      await h.storage.roles.grant(c.id, "coordinator", admin.id);
      await h.text(c, "/duty on");
    }
    await h.drain();

    const ids = Array.from({ length: BROADCAST }, (_, i) => 8_000_000 + i);
    for (const id of ids) fake.userStarted(id);
    await h.storage.outbox.enqueue(
      ids.map((chatId) => ({
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
    for (let i = 0; i < ITEMS; i++) {
      const t0 = performance.now();
      const id = await raiseUrgent(h.deps, {
        kind: "sos",
        summary: `bench ${i}`,
        address: "3-2-501",
        phone: "13800138000",
      });
      raisedAt.set(String(id), t0);
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
    }
    for (let i = 0; i < 500 && latencies.length < ITEMS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const backlog = (await h.storage.outbox.counts()).pending;
    const sorted = [...latencies].sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(0);
    return [
      `escalation: urgent item created → first page sent, ${ITEMS} items (${ON_DUTY} on duty) over ${seconds.toFixed(0)} s while a ${BROADCAST}-recipient notice drains at 30/s, 50 ms latency (${backlog} notice messages still queued at the end, ${fake.stats().rateLimited} 429s): p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms, max ${fmt(sorted.at(-1) ?? Number.NaN)} ms, ${sorted.length}/${ITEMS} measured (target p99 < 1500 ms) (${machineLine()})`,
    ];
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await benchEscalation()) console.log(line);
}
