/**
 * The outbox against the fake Telegram over HTTP, SQLite on disk. Prints:
 * 1. a 5,000-recipient broadcast at 30/s with 50 ms latency, and the naive
 *    loop (`await sendMessage` one after another, with auto-retry) as baseline;
 * 2. the same at 1,000/s with 5 ms latency;
 * 3. urgent latency (enqueue → sent) while a 5,000-recipient broadcast drains;
 * 4. the time to enqueue 100,000 rows in one transaction;
 * 5. paid broadcasts (issue 11): 5,000 bulk rows with allow_paid_broadcast,
 *    the fake allowing 1,000/s paid and 30/s free, 5 ms latency.
 *
 * `npx tsx bench/outbox-bench.ts`, or `npm run bench` for every benchmark.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import pino from "pino";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "../outbox/dispatcher.js";
import { FakeTelegram, type FakeTelegramOptions } from "../simulator/server.js";
import { systemClock } from "../storage/clock.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import { type NewOutboxMessage, type OutboxRepo, outboxRepo } from "../storage/outbox.js";
import { machineLine, percentile } from "./machine.js";

const logger = pino({ level: "silent" });
const PER_CHAT = { perChatPerSecond: 1, perGroupPerMinute: 20 };

interface Rig {
  fake: FakeTelegram;
  storage: Storage;
  repo: OutboxRepo;
  api: Api;
  close(): Promise<void>;
}

/** A fresh on-disk database and a fake Telegram. */
async function rig(fakeOptions: FakeTelegramOptions): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), "linli-outbox-bench-"));
  const storage = createStorage(await openDatabase(`sqlite:${dir}/bench.sqlite`), systemClock);
  const fake = await FakeTelegram.start(fakeOptions);
  return {
    fake,
    storage,
    repo: outboxRepo(storage.db, systemClock),
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    async close() {
      await fake.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function recipients(fake: FakeTelegram, count: number, firstId: number): number[] {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  for (const id of ids) fake.userStarted(id);
  return ids;
}

function rows(ids: number[], lane: NewOutboxMessage["lane"]): NewOutboxMessage[] {
  return ids.map((id) => ({
    chatId: id,
    lane,
    method: "sendMessage",
    payload: {
      text: `【3-2-${id % 1000}】 Notice: nucleic acid testing tomorrow 7:00 at the gate.`,
    },
    ref: { type: "bench", id },
  }));
}

/** Resolves when every row is sent or failed. */
async function drained(d: Dispatcher, repo: OutboxRepo): Promise<void> {
  for (;;) {
    await d.idle();
    const c = await repo.counts();
    if (c.pending === 0 && c.sending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lost (never received) and duplicated messages, from what the fake received. */
function delivery(fake: FakeTelegram, ids: number[]): { lost: number; duplicates: number } {
  let lost = 0;
  let duplicates = 0;
  for (const id of ids) {
    const n = fake.messagesIn(id).length;
    if (n === 0) lost++;
    else duplicates += n - 1;
  }
  return { lost, duplicates };
}

interface BroadcastFigures {
  perSecond: number;
  /** CPU time per message of this process: dispatcher, SQLite, HTTP client AND the fake server. */
  cpuMsPerMessage: number;
  rateLimited: number;
  lost: number;
  duplicates: number;
}

/** The dispatcher drains `count` rows as fast as the limit allows. */
async function broadcast(
  count: number,
  limit: number,
  latencyMs: number,
  extra: Partial<DispatcherOptions> = {},
  fakeLimits: FakeTelegramOptions["limits"] = { globalPerSecond: limit, ...PER_CHAT },
): Promise<BroadcastFigures & { paid: number }> {
  const r = await rig({ latencyMs, limits: fakeLimits });
  try {
    const ids = recipients(r.fake, count, 1_000_000);
    await r.repo.enqueue(rows(ids, "bulk"));
    const d = createDispatcher({
      storage: r.storage,
      api: r.api,
      clock: systemClock,
      logger,
      ratePerSecond: limit,
      ...PER_CHAT,
      ...extra,
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    await d.start();
    await drained(d, r.repo);
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    await d.stop();
    return {
      perSecond: count / seconds,
      cpuMsPerMessage: (user + system) / 1000 / count,
      rateLimited: r.fake.stats().rateLimited,
      paid: r.fake.callsTo("sendMessage").filter((c) => c.params.allow_paid_broadcast === true)
        .length,
      ...delivery(r.fake, ids),
    };
  } finally {
    await r.close();
  }
}

/** `await api.sendMessage` one after another, auto-retry installed. Messages per second. */
async function naiveLoop(count: number, limit: number, latencyMs: number): Promise<number> {
  const r = await rig({ latencyMs, limits: { globalPerSecond: limit, ...PER_CHAT } });
  try {
    r.api.config.use(autoRetry());
    const ids = recipients(r.fake, count, 2_000_000);
    const started = performance.now();
    for (const row of rows(ids, "bulk")) {
      await r.api.sendMessage(row.chatId, String(row.payload.text));
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await r.close();
  }
}

/**
 * `urgent` messages, one every `everyMs`, while a broadcast of `background`
 * drains at 30/s. Returns enqueue → sent latencies (ms), sorted.
 */
async function urgentLatency(urgent: number, background: number, kick: boolean) {
  const r = await rig({ latencyMs: 50, limits: { globalPerSecond: 30, ...PER_CHAT } });
  try {
    await r.repo.enqueue(rows(recipients(r.fake, background, 3_000_000), "bulk"));
    const urgentIds = recipients(r.fake, urgent, 4_000_000);
    const queuedAt = new Map<number, number>();
    const latencies: number[] = [];
    let resolveAll: () => void = () => {};
    const allSent = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    const d = createDispatcher({
      storage: r.storage,
      api: r.api,
      clock: systemClock,
      logger,
      ratePerSecond: 30,
      ...PER_CHAT,
      onSent(row) {
        const at = queuedAt.get(row.chatId);
        if (at === undefined) return;
        latencies.push(performance.now() - at);
        if (latencies.length === urgent) resolveAll();
      },
    });
    await d.start();
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the broadcast is under way
    for (const id of urgentIds) {
      queuedAt.set(id, performance.now());
      await r.repo.enqueue(rows([id], "urgent"));
      if (kick) d.kick();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await allSent;
    const backlog = (await r.repo.counts()).pending;
    await d.stop();
    return { latencies: latencies.sort((a, b) => a - b), backlog };
  } finally {
    await r.close();
  }
}

/** Enqueue 100,000 rows in one transaction. Milliseconds. */
async function enqueueScale(count: number): Promise<number> {
  const r = await rig({});
  try {
    const batch = rows(
      Array.from({ length: count }, (_, i) => 5_000_000 + i),
      "normal",
    );
    const started = performance.now();
    await r.storage.db.transaction().execute((trx) => r.repo.enqueue(batch, trx));
    return performance.now() - started;
  } finally {
    await r.close();
  }
}

/** `OUTBOX_BENCH=2,4` runs only those figures (figure 1 takes about 3.5 minutes). */
function wanted(figure: number): boolean {
  const only = process.env.OUTBOX_BENCH;
  return !only || only.split(",").includes(String(figure));
}

export async function benchOutbox(): Promise<string[]> {
  // The load average shows how much other processes took from the run.
  const machine = () => ` (${machineLine()}, load ${loadavg()[0]?.toFixed(1)})`;
  const lines: string[] = [];
  const fmt = (n: number, digits = 1) => n.toFixed(digits);

  // Warm-up, not printed: lets the JIT compile the paths every figure uses.
  await broadcast(1000, 1000, 5, { concurrency: 64 });

  if (wanted(1)) lines.push(...(await figureBroadcast(machine, fmt)));
  if (wanted(2)) {
    const fast = await broadcast(5000, 1000, 5, { concurrency: 64 });
    lines.push(
      `outbox broadcast: 5000 msgs, limit 1000/s, latency 5 ms: ${fmt(fast.perSecond, 0)} msg/s, ratio ${fmt(fast.perSecond / 1000, 3)}, ${fast.rateLimited} 429s, ${fast.lost} lost, ${fast.duplicates} duplicates, CPU ${fmt(fast.cpuMsPerMessage, 2)} ms/msg incl. the fake (target >= 900 msg/s)${machine()}`,
    );
  }
  if (wanted(3)) {
    // With a kick after enqueue (what features do), and with the poll alone.
    for (const kick of [true, false]) {
      const { latencies, backlog } = await urgentLatency(50, 5000, kick);
      lines.push(
        `outbox urgent latency (${kick ? "kick after enqueue" : "no kick, 500 ms poll"}): 50 urgent during a 5000-recipient broadcast at 30/s (${backlog} still queued): p50 ${fmt(percentile(latencies, 50), 0)} ms, p99 ${fmt(percentile(latencies, 99), 0)} ms (target p99 < 1500 ms)${machine()}`,
      );
    }
  }
  if (wanted(5)) {
    // The paid path as PAID_BROADCAST=1 configures it: the free rate stays 30/s.
    const paid = await broadcast(
      5000,
      30,
      5,
      { concurrency: 64, paidPerSecond: 1000, paidBroadcast: true },
      { globalPerSecond: 30, paidPerSecond: 1000, ...PER_CHAT },
    );
    lines.push(
      `outbox paid broadcast: 5000 msgs, paid limit 1000/s (free 30/s), latency 5 ms: ${fmt(paid.perSecond, 0)} msg/s, ${paid.paid} sent with allow_paid_broadcast, ${paid.rateLimited} 429s, ${paid.lost} lost, ${paid.duplicates} duplicates (target >= 900 msg/s, 0 429s)${machine()}`,
    );
  }
  if (wanted(4)) {
    const ms = await enqueueScale(100_000);
    lines.push(
      `outbox enqueue: 100,000 rows in one transaction: ${fmt(ms, 0)} ms (${fmt(100_000 / (ms / 1000), 0)} rows/s)${machine()}`,
    );
  }
  return lines;
}

/** Figure 1: 5,000 at 30/s with 50 ms latency, and the naive loop on 500 (extrapolated). */
async function figureBroadcast(machine: () => string, fmt: (n: number, d?: number) => string) {
  const lines: string[] = [];
  const slow = await broadcast(5000, 30, 50);
  lines.push(
    `outbox broadcast: 5000 msgs, limit 30/s, latency 50 ms: ${fmt(slow.perSecond, 2)} msg/s, ratio ${fmt(slow.perSecond / 30, 3)} to limit, ${slow.rateLimited} 429s, ${slow.lost} lost, ${slow.duplicates} duplicates (target ratio >= 0.95)${machine()}`,
  );
  const naive = await naiveLoop(500, 30, 50);
  lines.push(
    `outbox naive baseline: await sendMessage + auto-retry, measured on 500 msgs (5000 extrapolated: ${fmt(5000 / naive, 0)} s): ${fmt(naive, 2)} msg/s; outbox/naive ${fmt(slow.perSecond / naive, 2)}x${machine()}`,
  );

  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await benchOutbox()) console.log(line);
}
