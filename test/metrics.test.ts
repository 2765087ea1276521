/**
 * /healthz and /metrics over HTTP, from the real entry point: on the
 * webhook's port in webhook mode, on METRICS_PORT in polling mode.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../simulator/server.js";
import { makeUser, privateText } from "../simulator/updates.js";
import { openStorage } from "../storage/index.js";
import { tempDir } from "./harness.js";
import { freePort, startMain, until } from "./main-process.js";

const clock = { now: () => new Date() };

/** The value of one sample line of Prometheus text, e.g. `linli_outbox_depth{lane="bulk"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("health and metrics", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp() {
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.close());
    const dir = tempDir();
    cleanups.push(dir.remove);
    return { fake, dir: dir.dir };
  }

  it("webhook mode serves them on the webhook's port: database and sender, depth, sends, 429s, update times, open escalations", async () => {
    const { fake, dir } = await setUp();
    const port = await freePort();
    const url = `sqlite:${dir}/linli.sqlite`;
    const run = startMain(
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: url,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://linli.example/telegram",
        WEBHOOK_SECRET: "s3cret-token-for-tests",
        PORT: String(port),
        QUIET_HOURS: "03:00-03:01",
        TIMEZONE: "UTC",
      },
      dir,
    );
    cleanups.push(() => run.child.kill("SIGKILL"));
    await until(() => run.logged("Linli started").length > 0, "the bot to start", 30_000);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, database: "ok", sender: "sender" });

    // An update, handled and timed.
    const user = makeUser(5002, { first_name: "Li", language_code: "en" });
    fake.userStarted(user.id);
    const posted = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "s3cret-token-for-tests",
      },
      body: JSON.stringify(privateText(user, "/help")),
    });
    expect(posted.status).toBe(200);
    await until(() => fake.textsIn(user.id).length > 0, "the reply");

    // Rows enqueued by another connection (the sender's poll finds them): one answered 429 first.
    const storage = await openStorage(url, clock);
    cleanups.push(() => storage.close());
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    for (const chat of [7001, 7002, 7003]) fake.userStarted(chat);
    await storage.outbox.enqueue(
      [7001, 7002, 7003].map((chatId) => ({
        chatId,
        lane: "normal" as const,
        method: "sendMessage" as const,
        payload: { text: "hello" },
      })),
    );
    // Far in the future: waits in the bulk lane.
    await storage.outbox.enqueue([
      {
        chatId: 7004,
        lane: "bulk",
        method: "sendMessage",
        payload: { text: "later" },
        notBefore: new Date(Date.now() + 3600_000),
      },
    ]);
    await until(() => [7001, 7002, 7003].every((c) => fake.textsIn(c).length > 0), "sends", 15_000);

    let text = "";
    async function scrape() {
      const res = await get("/metrics");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      text = await res.text();
    }
    await scrape();
    for (let i = 0; i < 20 && sample(text, "linli_outbox_sent_total") !== 3; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await scrape();
    }
    expect(sample(text, "linli_outbox_sent_total")).toBe(3);
    expect(sample(text, "linli_telegram_429_total")).toBe(1);
    expect(sample(text, "linli_outbox_failed_total")).toBe(0);
    expect(sample(text, "linli_outbox_dead_total")).toBe(0);
    expect(sample(text, 'linli_outbox_depth{lane="bulk"}')).toBe(1);
    expect(sample(text, 'linli_outbox_depth{lane="normal"}')).toBe(0);
    expect(sample(text, 'linli_outbox_depth{lane="urgent"}')).toBe(0);
    expect(sample(text, "linli_update_duration_seconds_count")).toBe(1);
    expect(text).toContain('linli_update_duration_seconds_bucket{le="0.5"}');
    expect(sample(text, 'linli_escalations_open{kind="sos"}')).toBe(0);
    expect(sample(text, "linli_sender")).toBe(1);
    expect(text).toContain("linli_process_resident_memory_bytes");
  }, 60_000);

  it("polling mode serves them on METRICS_PORT", async () => {
    const { fake, dir } = await setUp();
    const port = await freePort();
    const run = startMain(
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
        METRICS_PORT: String(port),
      },
      dir,
    );
    cleanups.push(() => run.child.kill("SIGKILL"));
    await until(() => run.logged("Linli started").length > 0, "the bot to start", 30_000);
    await until(() => run.logged("http served").length > 0, "the metrics port");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ ok: true, database: "ok", sender: "sender" });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain("linli_outbox_depth");
    expect((await fetch(`http://127.0.0.1:${port}/dashboard/`)).status).toBe(404);
  }, 60_000);
});
