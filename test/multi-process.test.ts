/**
 * Several real bot processes (app/main.ts, webhook mode) on one PostgreSQL
 * database and the fake Telegram: one sender at a time, a standby that takes
 * over when the sender is killed (-9), periodic steps done once across
 * processes. These need the server: they run when TEST_POSTGRES_URL is set
 * (.ci/run sets it and fails if the server can't be reached).
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../simulator/server.js";
import { makeUser, privateText } from "../simulator/updates.js";
import type { Clock } from "../storage/clock.js";
import { openStorage, type Storage } from "../storage/index.js";
import { tempDir } from "./harness.js";
import { freePort, type MainProcess, startMain, until } from "./main-process.js";
import { type ScratchDatabase, scratchPostgres } from "./postgres.js";

const SERVER = process.env.TEST_POSTGRES_URL;
const ADMIN = 1001;
const COORD = 4001;
const STAFF_GROUP = -1009000000009;
const BUILDING_GROUPS = [-1003000000003, -1004000000004, -1005000000005];

const systemClock: Clock = { now: () => new Date() };

describe.runIf(SERVER)("several processes on one PostgreSQL database", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setUp(tag: string) {
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.close());
    const scratch: ScratchDatabase = await scratchPostgres(SERVER as string, tag);
    cleanups.push(() => scratch.drop());
    // Migrated before the bots start, and used by the test to seed and to look.
    const storage = await openStorage(scratch.url, systemClock);
    cleanups.push(() => storage.close());
    const dir = tempDir();
    cleanups.push(dir.remove);
    return { fake, scratch, storage, dir: dir.dir };
  }

  /** One bot process in webhook mode on the shared database. */
  async function bot(
    fake: FakeTelegram,
    url: string,
    dir: string,
    extra: Record<string, string> = {},
  ): Promise<MainProcess & { port: number }> {
    const port = await freePort();
    const run = startMain(
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: url,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://linli.example/telegram",
        WEBHOOK_SECRET: "s3cret-token-for-tests",
        PORT: String(port),
        ADMIN_IDS: String(ADMIN),
        TIMEZONE: "UTC",
        QUIET_HOURS: "03:00-03:01",
        LOG_LEVEL: "info",
        ...extra,
      },
      dir,
    );
    cleanups.push(() => run.child.kill("SIGKILL"));
    await until(() => run.logged("Linli started").length > 0, "the bot to start", 30_000);
    return { ...run, port };
  }

  async function health(run: { port: number }): Promise<unknown> {
    return (await fetch(`http://127.0.0.1:${run.port}/healthz`)).json();
  }

  /** A sender, then a standby. */
  async function twoBots(fake: FakeTelegram, url: string, dir: string, extra = {}) {
    const first = await bot(fake, url, dir, extra);
    expect(first.logged("this process is the sender")).toHaveLength(1);
    const second = await bot(fake, url, dir, extra);
    await until(() => second.stdout().includes("standby"), "the second to stand by");
    expect(second.logged("this process is the sender")).toHaveLength(0);
    expect(await health(first)).toEqual({ ok: true, database: "ok", sender: "sender" });
    expect(await health(second)).toEqual({ ok: true, database: "ok", sender: "standby" });
    return { first, second };
  }

  it("kill -9 of the sender mid-broadcast: the standby takes over within 5 s; everyone gets it once, except what was on the wire", async () => {
    const { fake, scratch, storage, dir } = await setUp("takeover");
    const { first, second } = await twoBots(fake, scratch.url, dir, { SEND_RATE: "30" });
    fake.setLatency(50);

    const chats = Array.from({ length: 240 }, (_, i) => 10_000 + i);
    for (const chat of chats) fake.userStarted(chat);
    // Enqueued by a third process (this test): the sender hears the NOTIFY.
    const enqueuedAt = Date.now();
    await storage.outbox.enqueue(
      chats.map((chatId) => ({
        chatId,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: { text: `broadcast to ${chatId}` },
      })),
    );
    const delivered = () => fake.callsTo("sendMessage").length;
    await until(() => delivered() > 0, "the first message");
    // Heard at once, not at a poll.
    expect(fake.callsTo("sendMessage")[0]!.at - enqueuedAt).toBeLessThan(1000);

    await until(() => delivered() >= 80, "a third of the broadcast", 20_000);
    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    await first.exit;
    // What the dead sender had claimed and not settled: the only rows that may go twice.
    const onTheWire = new Set(
      (
        await storage.db
          .selectFrom("outbox")
          .select("chat_id")
          .where("status", "=", "sending")
          .execute()
      ).map((r) => r.chat_id),
    );
    const before = fake.callsTo("sendMessage").length;

    await until(() => second.logged("this process is the sender").length > 0, "takeover", 10_000);
    await until(() => fake.callsTo("sendMessage").length > before, "sending again", 10_000);
    const resumedAt = fake.callsTo("sendMessage")[before]!.at;
    expect(resumedAt - killedAt).toBeLessThan(5_000);
    expect(await health(second)).toMatchObject({ ok: true, sender: "sender" });

    await until(
      () => chats.every((chat) => fake.messagesIn(chat).length > 0),
      "everyone to get it",
      30_000,
    );
    const twice = chats.filter((chat) => fake.messagesIn(chat).length > 1);
    for (const chat of twice) {
      expect(onTheWire.has(chat)).toBe(true);
      // Its first copy reached Telegram just before the kill: it was on the wire.
      const first = fake.callsTo("sendMessage").find((c) => Number(c.params.chat_id) === chat);
      expect(killedAt - (first?.at ?? 0)).toBeLessThan(1_000);
    }
    expect(twice.length).toBeLessThanOrEqual(32); // the dispatcher's requests in flight
    // The last results are written just after the last messages arrive.
    let counts = await storage.outbox.counts();
    for (let i = 0; i < 40 && counts.sent < chats.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await storage.outbox.counts();
    }
    expect(counts).toMatchObject({ pending: 0, sending: 0, sent: chats.length });
    expect(second.logged("outbox: rows left in flight requeued").length).toBeLessThanOrEqual(1);
  }, 120_000);

  it("two processes: an update sent to both is handled once; when the check-in is due, one prompt per group", async () => {
    const { fake, scratch, storage, dir } = await setUp("checkin");
    for (const [i, chat] of BUILDING_GROUPS.entries()) {
      await storage.groups.recordAdded(chat, `${i + 3} 栋`, ADMIN);
      await storage.groups.bind(chat, "building", String(i + 3));
    }
    // Due since midnight (UTC, the bots' time zone); the deadline not yet.
    await storage.checkins.saveSettings(
      { prompt: "00:00", deadline: "23:58", report: "23:59", enabled: true },
      ADMIN,
    );
    const { first, second } = await twoBots(fake, scratch.url, dir);
    // The same update reaches both processes (Telegram resent it to another one behind the
    // load balancer): it is handled once.
    const resident = 5_501;
    fake.userStarted(resident);
    const update = privateText(makeUser(resident, { language_code: "en" }), "/help");
    const statuses = await Promise.all(
      [first, second].map(async (run) => {
        const response = await fetch(`http://127.0.0.1:${run.port}/`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": "s3cret-token-for-tests",
          },
          body: JSON.stringify(update),
        });
        return response.status;
      }),
    );
    expect(statuses).toEqual([200, 200]);
    await until(() => fake.textsIn(resident).length > 0, "the reply");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.textsIn(resident)).toHaveLength(1);
    expect(
      [first, second].flatMap((run) => run.logged("update already taken by another process")),
    ).toHaveLength(1);
    // Both run the check-in job every 30 s, on the same second.
    await until(
      () => BUILDING_GROUPS.every((chat) => fake.messagesIn(chat).length > 0),
      "the prompts",
      45_000,
    );
    // Another round of both jobs.
    await new Promise((r) => setTimeout(r, 31_000));
    for (const chat of BUILDING_GROUPS) expect(fake.messagesIn(chat)).toHaveLength(1);
    const prompts = await storage.db.selectFrom("checkin_prompts").selectAll().execute();
    expect(prompts).toHaveLength(BUILDING_GROUPS.length);
  }, 120_000);

  it("an escalation step that falls due while the sender is down fires once after takeover", async () => {
    const { fake, scratch, storage, dir } = await setUp("ladder");
    await storage.roles.grant(COORD, "coordinator", ADMIN);
    for (const person of [ADMIN, COORD]) {
      await storage.people.touch({ id: person, first_name: "Li", language_code: "en" }, true);
      fake.userStarted(person);
    }
    await storage.groups.recordAdded(STAFF_GROUP, "staff", ADMIN);
    await storage.groups.bind(STAFF_GROUP, "staff", null);
    const { first, second } = await twoBots(fake, scratch.url, dir);

    first.child.kill("SIGKILL");
    await first.exit;
    // Raised six minutes ago at step 1 with nobody on duty: step 2 is due now, with no sender.
    const past: Clock = { now: () => new Date(Date.now() - 6 * 60_000) };
    const { createStorage } = await import("../storage/index.js");
    const then: Storage = createStorage(storage.db, past);
    const id = await then.escalations.create(
      {
        kind: "sos",
        summary: "fell, can't get up",
        address: "3-2-501",
        phone: null,
        personId: null,
        raisedBy: null,
        unregistered: true,
        personLabel: "Wang",
        ref: null,
      },
      () => ({ status: "open", step: 1, round: 1, pages: [], events: [], notes: [] }),
    );

    await until(() => second.logged("this process is the sender").length > 0, "takeover", 10_000);
    const pagesTo = (chat: number) =>
      fake
        .messagesIn(chat)
        .filter((m) => JSON.stringify(m.reply_markup ?? {}).includes(`esc:ack:${id}`));
    await until(() => pagesTo(STAFF_GROUP).length > 0, "the step 2 page", 20_000);
    await until(() => pagesTo(COORD).length > 0, "the coordinator's page", 10_000);
    // Several more ladder runs (every 5 s): still once.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(pagesTo(STAFF_GROUP)).toHaveLength(1);
    expect(pagesTo(COORD)).toHaveLength(1);
    expect((await storage.escalations.get(id))?.step).toBe(2);
  }, 120_000);
});
