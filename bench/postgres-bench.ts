/**
 * PostgreSQL beside SQLite, and city scale (issue 12). Prints:
 * 1. enqueue 100,000 outbox rows in one transaction, on SQLite (on disk) and
 *    on PostgreSQL;
 * 2. the 1,000/s paid-broadcast drain on PostgreSQL (fake at 1,000/s, 5 ms
 *    latency), beside SQLite;
 * 3. city scale on PostgreSQL: 754,290 rows enqueued (time, database size),
 *    then the drain sampled at 30/s and at 1,000/s with the table full: the
 *    rate of each window is printed to show it is flat, and the whole drain
 *    extrapolated from it; the sender's memory (RSS of this process, which
 *    also runs the fake Telegram, so an upper bound);
 * 4. takeover: two real bot processes (app/main.ts, webhook mode) on one
 *    database, kill -9 of the sender mid-broadcast, time until the next
 *    message reaches the fake; repeated.
 *
 * PostgreSQL comes from BENCH_POSTGRES_URL (else TEST_POSTGRES_URL); each run
 * makes its own database and drops it. Without either, only SQLite runs.
 * `PG_BENCH_SCALE=0.01` shrinks every count (a smoke run); `PG_BENCH=1,3`
 * picks figures; `PG_BENCH_SAMPLE_SECONDS` (default 30) is each drain
 * sample's length. `npx tsx bench/postgres-bench.ts` or `npm run bench -- postgres`.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Api } from "grammy";
import { sql } from "kysely";
import pino from "pino";
import { createDispatcher } from "../outbox/dispatcher.js";
import { FakeTelegram } from "../simulator/server.js";
import { systemClock } from "../storage/clock.js";
import { openStorage, type Storage } from "../storage/index.js";
import type { NewOutboxMessage } from "../storage/outbox.js";
import { freePort, type MainProcess, startMain, until } from "../test/main-process.js";
import { scratchPostgres } from "../test/postgres.js";
import { machineLine } from "./machine.js";

const logger = pino({ level: "silent" });
const SERVER = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
const SCALE = Number(process.env.PG_BENCH_SCALE ?? 1);
const SAMPLE_SECONDS = Number(process.env.PG_BENCH_SAMPLE_SECONDS ?? 30);
const ONLY = process.env.PG_BENCH?.split(",").map(Number);
const CITY = 754_290;
const PER_CHAT = { perChatPerSecond: 1, perGroupPerMinute: 20 };

const scaled = (n: number) => Math.max(10, Math.round(n * SCALE));
const load = () => `load ${loadavg()[0]?.toFixed(1)}`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

interface Db {
  name: string;
  storage: Storage;
  size(): Promise<number>;
  close(): Promise<void>;
}

async function sqliteDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), "linli-pg-bench-"));
  const file = `${dir}/bench.sqlite`;
  const storage = await openStorage(`sqlite:${file}`, systemClock);
  return {
    name: "SQLite",
    storage,
    async size() {
      await sql`pragma wal_checkpoint(truncate)`.execute(storage.db);
      return statSync(file).size;
    },
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDb(tag: string): Promise<Db> {
  const scratch = await scratchPostgres(SERVER as string, tag);
  const storage = await openStorage(scratch.url, systemClock);
  return {
    name: "PostgreSQL",
    storage,
    async size() {
      const { rows } = await sql<{
        bytes: number;
      }>`select pg_database_size(current_database()) as bytes`.execute(storage.db);
      return Number(rows[0]?.bytes ?? 0);
    },
    async close() {
      await storage.close();
      await scratch.drop();
    },
  };
}

function rows(count: number, firstId: number, lane: NewOutboxMessage["lane"] = "bulk") {
  return Array.from(
    { length: count },
    (_, i): NewOutboxMessage => ({
      chatId: firstId + i,
      lane,
      method: "sendMessage",
      payload: {
        text: `【3-2-${i % 1000}】 Notice: nucleic acid testing tomorrow 7:00 at the gate.`,
      },
      ref: { type: "notice", id: 1 },
    }),
  );
}

async function enqueue(db: Db, count: number, firstId = 1_000_000) {
  const all = rows(count, firstId);
  const started = performance.now();
  await db.storage.outbox.enqueue(all);
  return performance.now() - started;
}

/** Drains for `seconds` at `limit`/s with the table as it is; messages per second in each window. */
async function drainSample(
  db: Db,
  limit: number,
  latencyMs: number,
  seconds: number,
  firstId: number,
  count: number,
) {
  const fake = await FakeTelegram.start({
    latencyMs,
    limits: { globalPerSecond: limit, ...PER_CHAT },
  });
  for (let i = 0; i < count; i++) fake.userStarted(firstId + i);
  const dispatcher = createDispatcher({
    storage: db.storage,
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    clock: systemClock,
    logger,
    ratePerSecond: limit,
    ...PER_CHAT,
  });
  const windows: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const windowMs = Math.max(1000, (seconds * 1000) / 6);
  await dispatcher.start();
  const started = performance.now();
  let last = 0;
  while (performance.now() - started < seconds * 1000) {
    await new Promise((r) => setTimeout(r, windowMs));
    const sent = dispatcher.stats().sent;
    windows.push(((sent - last) * 1000) / windowMs);
    last = sent;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if ((await db.storage.outbox.counts()).pending === 0) break;
  }
  const elapsed = (performance.now() - started) / 1000;
  const stats = dispatcher.stats();
  await dispatcher.stop();
  await fake.close();
  return { windows, perSecond: stats.sent / elapsed, rateLimited: stats.rateLimited, peakRss };
}

const round = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");

async function figureEnqueue(out: string[]) {
  const n = scaled(100_000);
  for (const make of [sqliteDb, ...(SERVER ? [() => postgresDb("enqueue")] : [])]) {
    const db = await make();
    try {
      const ms = await enqueue(db, n);
      out.push(
        `enqueue ${n.toLocaleString("en")} rows, one transaction, ${db.name}: ${ms.toFixed(0)} ms (${Math.round((n / ms) * 1000).toLocaleString("en")} rows/s), database ${mb(await db.size())}; ${load()}`,
      );
    } finally {
      await db.close();
    }
  }
}

async function figureDrain(out: string[]) {
  const n = scaled(20_000);
  for (const make of [sqliteDb, ...(SERVER ? [() => postgresDb("drain")] : [])]) {
    const db = await make();
    try {
      await enqueue(db, n);
      const r = await drainSample(db, 1000, 5, Math.max(5, (n / 1000) * 3), 1_000_000, n);
      out.push(
        `drain at 1,000/s (5 ms latency), ${n.toLocaleString("en")} rows, ${db.name}: ${r.perSecond.toFixed(0)} msg/s, windows [${round(r.windows)}] msg/s, ${r.rateLimited} 429s; ${load()}`,
      );
    } finally {
      await db.close();
    }
  }
}

async function figureCity(out: string[]) {
  if (!SERVER)
    return void out.push("city scale: skipped (no BENCH_POSTGRES_URL/TEST_POSTGRES_URL)");
  const n = scaled(CITY);
  const db = await postgresDb("city");
  try {
    const rssBefore = process.memoryUsage().rss;
    const ms = await enqueue(db, n);
    out.push(
      `city scale, PostgreSQL: enqueue ${n.toLocaleString("en")} rows in one transaction ${(ms / 1000).toFixed(1)} s; database ${mb(await db.size())}; ${load()}`,
    );
    for (const [limit, latency] of [
      [30, 50],
      [1000, 5],
    ] as const) {
      const r = await drainSample(db, limit, latency, SAMPLE_SECONDS, 1_000_000, n);
      const left = (await db.storage.outbox.counts()).pending;
      const hours = left / r.perSecond / 3600;
      out.push(
        `city scale drain at ${limit}/s (sample ${SAMPLE_SECONDS} s, ${left.toLocaleString("en")} still queued): ${r.perSecond.toFixed(1)} msg/s, windows [${round(r.windows)}] msg/s, ${r.rateLimited} 429s; the rest would take ${hours.toFixed(2)} h at this rate; peak RSS ${mb(r.peakRss)} (was ${mb(rssBefore)} before the enqueue; includes the fake); ${load()}`,
      );
    }
  } finally {
    await db.close();
  }
}

async function figureTakeover(out: string[]) {
  if (!SERVER) return void out.push("takeover: skipped (no BENCH_POSTGRES_URL/TEST_POSTGRES_URL)");
  const tries = Math.max(1, Math.round(5 * Math.min(1, SCALE * 10)));
  const times: number[] = [];
  const fake = await FakeTelegram.start({ latencyMs: 20 });
  const scratch = await scratchPostgres(SERVER, "takeover");
  const storage = await openStorage(scratch.url, systemClock);
  const dir = mkdtempSync(join(tmpdir(), "linli-pg-bench-"));
  const running: MainProcess[] = [];
  const bot = async () => {
    const run = startMain(
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: scratch.url,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://linli.example/telegram",
        WEBHOOK_SECRET: "s3cret-token-for-bench",
        PORT: String(await freePort()),
        LOG_LEVEL: "info",
      },
      dir,
    );
    running.push(run);
    await until(() => run.logged("Linli started").length > 0, "a bot to start", 60_000);
    return run;
  };
  try {
    let sender = await bot();
    let standby = await bot();
    let firstId = 1_000_000;
    for (let t = 0; t < tries; t++) {
      const n = 300;
      for (let i = 0; i < n; i++) fake.userStarted(firstId + i);
      await storage.outbox.enqueue(rows(n, firstId));
      firstId += n;
      const sent = () => fake.callsTo("sendMessage").length;
      const before = sent();
      await until(() => sent() >= before + 30, "the broadcast to run", 30_000);
      sender.child.kill("SIGKILL");
      const killedAt = Date.now();
      await sender.exit;
      const after = sent();
      await until(() => sent() > after, "takeover", 30_000);
      times.push((fake.callsTo("sendMessage")[after]?.at ?? Date.now()) - killedAt);
      await until(() => sent() >= before + n, "the rest of the broadcast", 60_000).catch(() => {});
      sender = standby;
      standby = await bot();
    }
    out.push(
      `takeover after kill -9 of the sender (kill → next message at the fake), ${tries} tries: ${times.map((x) => `${x} ms`).join(", ")}; ${load()}`,
    );
  } finally {
    for (const run of running) run.child.kill("SIGKILL");
    await Promise.all(running.map((r) => r.exit));
    await storage.close();
    await scratch.drop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPostgres(): Promise<string[]> {
  const out: string[] = [];
  const figures = [figureEnqueue, figureDrain, figureCity, figureTakeover];
  for (const [i, figure] of figures.entries()) {
    if (ONLY && !ONLY.includes(i + 1)) continue;
    await figure(out);
  }
  if (SCALE !== 1) out.push(`(PG_BENCH_SCALE=${SCALE}: a smoke run, not figures)`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(`# ${machineLine()}`);
  for (const line of await benchPostgres()) console.log(line);
}
