/**
 * Peak RSS of the running bot process (a child process, the real entry
 * point) while a notice to 100,000 residents is expanded and drained
 * (issue 11, benchmark 3). The notice is stored as "Send it" stores it; the
 * bot's own job writes its deliveries in chunks and its outbox sends them to
 * the fake Telegram (in this process) as paid broadcasts at up to 1,000/s,
 * so the whole drain takes about two minutes.
 *
 * Runs the bot two ways in one run: compiled JavaScript (`npm run build`,
 * `node dist/app/main.js`, what `npm start` runs) and the old way, TypeScript
 * through tsx at run time. MEMORY_BENCH_RESIDENTS (default 100000),
 * MEMORY_BENCH_RUNNERS (default "dist,tsx"), MEMORY_BENCH_CHECKIN: the daily
 * check-in step made due as the bot starts, over every household (off,
 * prompt, deadline, report; default report).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { localDate, zonedParts } from "../domain/schedule.js";
import { FakeTelegram } from "../simulator/server.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import { TestClock, tempDir } from "../test/harness.js";
import { machineLine } from "./machine.js";
import { seedResidents } from "./notices-bench.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = import.meta.resolve("tsx");

/** The node flags `npm start` runs the bot with (package.json), unless MEMORY_BENCH_NODE_FLAGS. */
function startFlags(): string[] {
  if (process.env.MEMORY_BENCH_NODE_FLAGS !== undefined) {
    return process.env.MEMORY_BENCH_NODE_FLAGS.split(" ").filter(Boolean);
  }
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as {
    scripts: Record<string, string>;
  };
  const m = /node ((?:--\S+ )*)dist\/app\/main\.js/.exec(pkg.scripts.start ?? "");
  return (m?.[1] ?? "").split(" ").filter(Boolean);
}

function kib(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) : 0;
}

const mib = (k: number) => (k / 1024).toFixed(0);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function drainCount(storage: Storage): Promise<{ left: number; sent: number }> {
  const c = await storage.outbox.counts();
  const pending = await storage.notices.pendingExpansions();
  return { left: c.pending + c.sending + pending.length, sent: c.sent };
}

type CheckinChoice = "off" | "prompt" | "deadline" | "report";

/**
 * The daily check-in's settings, so that the step chosen is due as the bot
 * starts (over all 100,000 households: the deadline step writes a reminder
 * to every household that hasn't reported, which is every one here), or the
 * check-in off. Times are the community's (Asia/Shanghai, the default).
 */
async function checkinStepNow(storage: Storage, step: CheckinChoice): Promise<void> {
  const p = zonedParts(new Date(), "Asia/Shanghai");
  const now = p.hour * 60 + p.minute;
  const at = (minute: number) => {
    const m = Math.min(Math.max(minute, 0), 24 * 60 - 1);
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  };
  const order = { prompt: 0, deadline: 1, report: 2, off: 2 }[step];
  // The chosen step started a minute ago; the ones before it earlier, the ones after it later.
  const start = (i: number) => at(i <= order ? now - 1 - (order - i) : now + 60 * (i - order));
  await storage.checkins.saveSettings(
    { prompt: start(0), deadline: start(1), report: start(2), enabled: step !== "off" },
    null,
  );
}

async function runOnce(runner: "dist" | "tsx", residents: number): Promise<string> {
  const tmp = tempDir();
  const fake = await FakeTelegram.start({
    latencyMs: 5,
    requireStart: false,
    limits: {
      globalPerSecond: 30,
      paidPerSecond: 1000,
      perChatPerSecond: 1,
      perGroupPerMinute: 20,
    },
  });
  const databaseUrl = `sqlite:${tmp.dir}/bench.sqlite`;
  const storage = createStorage(await openDatabase(databaseUrl), new TestClock(Date.now()));
  let child: ChildProcess | undefined;
  try {
    await seedResidents(storage, residents);
    const noticeId = await storage.notices.createPending({
      createdBy: 1,
      urgency: "normal",
      sendAt: new Date(),
      versions: [{ target: "all", text: "停水通知：明天 8:00-12:00 全小区停水。", entities: null }],
      expected: residents,
      lane: "bulk",
      notBefore: new Date(Date.now() - 1000),
      bot: "linli_bench_bot",
    });
    await checkinStepNow(storage, (process.env.MEMORY_BENCH_CHECKIN ?? "report") as CheckinChoice);
    // A worker has the live report open: the bot re-renders it every 5 s while it drains.
    if (process.env.MEMORY_BENCH_REPORT !== "0") {
      await storage.notices.setReportMessage(noticeId, 1, 1);
      await storage.notices.markReportDirty(noticeId);
    }
    const args =
      runner === "dist"
        ? [
            ...(process.env.MEMORY_BENCH_PRELOAD
              ? ["--import", process.env.MEMORY_BENCH_PRELOAD]
              : []),
            ...startFlags(),
            `${ROOT}dist/app/main.js`,
          ]
        : ["--import", TSX, `${ROOT}app/main.ts`];
    const started = Date.now();
    child = spawn(process.execPath, args, {
      cwd: tmp.dir,
      env: {
        PATH: process.env.PATH ?? "",
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
        PAID_BROADCAST: "1",
        PAID_BROADCAST_RATE: "1000",
        // glibc's malloc settings, to try them (MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_, ...).
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MALLOC_"))),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const pid = child.pid as number;
    let peak = 0;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, kib(pid, "VmRSS"));
      } catch {}
    }, 200);
    // Started: it asked Telegram who it is and began polling.
    await waitFor(async () => fake.callsTo("getUpdates").length > 0, 60_000);
    const afterStart = kib(pid, "VmRSS");
    const drainStart = Date.now();
    const done = await waitFor(
      async () => (await drainCount(storage)).left === 0,
      Number(process.env.MEMORY_BENCH_TIMEOUT_MS ?? 15 * 60_000),
    );
    const drainMs = Date.now() - drainStart;
    const hwm = kib(pid, "VmHWM");
    clearInterval(sampler);
    const { sent, left } = await drainCount(storage);
    const stats = fake.stats();
    // The bench runs on the real clock: a daily check-in step whose time had
    // come ran during the drain, over every household (part of the peak).
    const steps = (await storage.checkins.runsOn(localDate(new Date(), "Asia/Shanghai")))
      .filter((r) => r.doneAt >= new Date(started).toISOString())
      .map((r) => r.step);
    return [
      `memory (${runner === "dist" ? "node dist/, compiled" : "tsx at run time"}):`,
      `peak RSS ${mib(Math.max(hwm, peak))} MiB during a ${residents.toLocaleString("en")}-recipient notice`,
      `(expanded in chunks and drained as paid broadcasts);`,
      `RSS after start ${mib(afterStart)} MiB (start took ${((drainStart - started) / 1000).toFixed(1)} s);`,
      `${sent} sent in ${(drainMs / 1000).toFixed(0)} s${done ? "" : ` (timed out, ${left} left)`}, ${stats.rateLimited} 429s;`,
      `check-in steps run meanwhile: ${steps.length > 0 ? steps.join(", ") : "none"}`,
    ].join(" ");
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await storage.close();
    await fake.close();
    tmp.remove();
  }
}

export async function benchMemory(): Promise<string[]> {
  const residents = Number(process.env.MEMORY_BENCH_RESIDENTS ?? 100_000);
  const runners = (process.env.MEMORY_BENCH_RUNNERS ?? "dist,tsx").split(",") as Array<
    "dist" | "tsx"
  >;
  if (runners.includes("dist"))
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  const lines: string[] = [];
  for (const runner of runners) lines.push(await runOnce(runner, residents));
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchMemory()) console.log(line);
}
