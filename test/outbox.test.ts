/**
 * The outbox: the pure rules (error verdicts, pacing, decisions), the
 * repository on real SQLite, and whole delivery stories through the
 * dispatcher against the fake Telegram over HTTP. Assertions are on what the
 * fake received and what was stored; no test asserts a duration.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  decide,
  Pacer,
  SlidingWindow,
  TokenBucket,
} from "../outbox/dispatcher.js";
import { backoffMs, classifySendFailure, toSendFailure } from "../outbox/send-errors.js";
import { FakeTelegram, type FakeTelegramOptions } from "../simulator/server.js";
import { type Clock, systemClock } from "../storage/clock.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import { type NewOutboxMessage, type OutboxRepo, outboxRepo } from "../storage/outbox.js";

const logger = pino({ level: "silent" });
/** Telegram's per-chat and per-group limits, on both sides. */
const LIMITS = { perChatPerSecond: 1, perGroupPerMinute: 20 };

/** A clock that only moves when told to. */
class FixedClock implements Clock {
  constructor(private ms = Date.parse("2026-11-22T01:00:00Z")) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ------------------------------------------------------------------ set-up

interface World {
  fake: FakeTelegram;
  storage: Storage;
  repo: OutboxRepo;
  dispatcher(overrides?: Partial<DispatcherOptions>): Dispatcher;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(
  fakeOptions: FakeTelegramOptions = {},
  databaseUrl = ":memory:",
  fake?: FakeTelegram,
): Promise<World> {
  const f = fake ?? (await FakeTelegram.start(fakeOptions));
  if (!fake) cleanups.push(() => f.close());
  const storage = createStorage(await openDatabase(databaseUrl), systemClock);
  cleanups.push(() => storage.close());
  const api = new Api(f.token, { apiRoot: f.apiRoot });
  const w: World = {
    fake: f,
    storage,
    repo: outboxRepo(storage.db, systemClock),
    dispatcher(overrides = {}) {
      const d = createDispatcher({
        storage,
        api,
        clock: systemClock,
        logger,
        ...LIMITS,
        ...overrides,
      });
      cleanups.push(() => d.stop());
      return d;
    },
  };
  return w;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "linli-outbox-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Residents known to the bot. By default they pressed Start (reachable, and
 * the fake lets messages through); `started: false` met the bot only in a group.
 */
async function residents(
  w: World,
  count: number,
  firstId = 10_001,
  { started = true } = {},
): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  for (const id of ids) {
    if (started) w.fake.userStarted(id);
    await w.storage.people.touch({ id, first_name: `R${id}` }, started);
  }
  return ids;
}

function notice(ids: number[], lane: NewOutboxMessage["lane"] = "normal", tag = "notice") {
  return ids.map(
    (id): NewOutboxMessage => ({
      chatId: id,
      lane,
      method: "sendMessage",
      payload: { text: `【3-2-${id}】 ${tag}` },
      ref: { type: tag, id },
    }),
  );
}

/** Waits until no row is pending or in flight (retries included), then returns the counts. */
async function drained(d: Dispatcher, repo: OutboxRepo, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await d.idle();
    const counts = await repo.counts();
    if (counts.pending === 0 && counts.sending === 0) return counts;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(counts)}`);
    await sleep(20);
  }
}

/** Messages each chat received, for "exactly once" checks. */
function receivedPerChat(fake: FakeTelegram, ids: number[]): number[] {
  return ids.map((id) => fake.messagesIn(id).length);
}

// ============================================================ pure rules

describe("send error verdicts", () => {
  const answer = (error_code: number, description: string, parameters?: object) =>
    classifySendFailure({ error_code, description, ...(parameters ? { parameters } : {}) });

  it("classifies Telegram's answers and network failures", () => {
    expect(answer(429, "Too Many Requests: retry after 7", { retry_after: 7 })).toEqual({
      kind: "rate_limited",
      retryAfter: 7,
    });
    expect(answer(429, "Too Many Requests: retry after 3")).toEqual({
      kind: "rate_limited",
      retryAfter: 3,
    });
    expect(
      answer(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: -100123,
      }),
    ).toEqual({ kind: "migrated", newChatId: -100123 });
    expect(answer(403, "Forbidden: bot was blocked by the user")).toEqual({ kind: "blocked" });
    expect(answer(403, "Forbidden: bot can't initiate conversation with a user")).toEqual({
      kind: "not_started",
    });
    expect(answer(403, "Forbidden: user is deactivated")).toEqual({ kind: "deactivated" });
    expect(answer(403, "Forbidden: bot was kicked from the group chat")).toEqual({
      kind: "chat_not_found",
    });
    expect(answer(400, "Bad Request: chat not found")).toEqual({ kind: "chat_not_found" });
    expect(answer(400, "Bad Request: message is too long")).toEqual({
      kind: "permanent",
      reason: "400: Bad Request: message is too long",
    });
    expect(answer(502, "Bad Gateway").kind).toBe("transient");
    expect(classifySendFailure(toSendFailure(new Error("socket hang up")))).toEqual({
      kind: "transient",
      reason: "network: socket hang up",
    });
  });

  it("backs off exponentially, capped", () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 1000, 5000))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it("decides: a 429 waits without storing anything, a 5xx is an attempt, the last one is dead", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const policy = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000 };
    const row = { id: 1, chatId: 5, attempts: 0 };
    const limited = decide(row, { kind: "rate_limited", retryAfter: 4 }, now, policy);
    expect(limited).toEqual({ pauseChatMs: 4000, pauseLaneMs: 4000 });
    const groupLimited = decide(
      { ...row, chatId: -5 },
      { kind: "rate_limited", retryAfter: 4 },
      now,
      policy,
    );
    expect(groupLimited.pauseLaneMs).toBeUndefined();

    const retry = decide(
      { ...row, attempts: 1 },
      { kind: "transient", reason: "500" },
      now,
      policy,
    );
    expect(retry.settlement).toMatchObject({
      status: "pending",
      countAttempt: true,
      at: new Date("2026-01-01T00:00:02Z"),
    });
    const dead = decide({ ...row, attempts: 2 }, { kind: "transient", reason: "500" }, now, policy);
    expect(dead.settlement).toMatchObject({ status: "dead" });

    const blocked = decide(row, { kind: "blocked" }, now, policy);
    expect(blocked.settlement).toMatchObject({ status: "failed", failure: "blocked" });
    expect(blocked.effect).toEqual({ type: "reachability", userId: 5, reachability: "blocked" });
  });
});

describe("pacing", () => {
  it("a token bucket keeps its average rate when timers fire late", () => {
    const bucket = new TokenBucket(50, 2); // one token per 20 ms
    bucket.take(0);
    bucket.take(0);
    expect(bucket.availableAt(0)).toBe(20);
    // Woken 5 ms late: the next token is due 15 ms later, not 20.
    bucket.take(25);
    expect(bucket.availableAt(25)).toBe(40);
  });

  it("a sliding window admits `limit` events per window", () => {
    const w = new SlidingWindow(3, 1000);
    for (const t of [0, 10, 20]) {
      expect(w.availableAt(t)).toBe(t);
      w.record(t);
    }
    expect(w.availableAt(30)).toBe(1000);
    expect(w.availableAfter(30, 1)).toBe(1010);
    expect(w.availableAfter(30, 3)).toBe(2000);
    w.record(1000);
    expect(w.availableAt(1000)).toBe(1010);
    expect(w.lastAt()).toBe(1000);
  });

  it("spreads the global rate, and holds a group to 20 a minute and a chat to 1 a second", () => {
    const pacer = new Pacer({ ratePerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 });
    // Global: at most 2 at once at 30/s, then one every 1/30 s.
    pacer.record(1, 0);
    expect(pacer.globalReadyAt(0)).toBe(0);
    pacer.record(99, 0);
    expect(pacer.globalReadyAt(0)).toBeCloseTo(1000 / 30);
    // Never more than 30 in any second (plus margin), however late the timers.
    for (let i = 1; i <= 28; i++) pacer.record(100 + i, i * 34);
    expect(pacer.globalReadyAt(1000)).toBe(1025);
    // An unexpected 429 widens the margin.
    pacer.widenGlobal(1000);
    expect(pacer.globalReadyAt(1000)).toBe(1050);
    // Per chat: the next message to chat 1 waits a second plus the margin.
    expect(pacer.chatReadyAt(1, 0)).toBe(1025);
    expect(pacer.chatReadyAt(2, 0)).toBe(0);
    // A group: 20 sends, a second apart, then the 21st waits for the first to leave the minute.
    for (let i = 0; i < 20; i++) pacer.record(-7, i * 1100);
    expect(pacer.chatReadyAt(-7, 22_000)).toBe(60_600);
    // 429: the chat and the lane wait.
    pacer.pauseChat(3, 5000);
    pacer.pauseLane(2, 4000);
    expect(pacer.chatReadyAt(3, 0)).toBe(5000);
    expect(pacer.laneReadyAt(2, 0)).toBe(4000);
    expect(pacer.laneReadyAt(0, 0)).toBe(0);
  });
});

// ============================================================ repository

describe("outbox repository", () => {
  it("enqueues in the caller's transaction: 10,000 rows commit or roll back together", async () => {
    const w = await world();
    const rows = notice(Array.from({ length: 10_000 }, (_, i) => i + 1));
    await expect(
      w.storage.db.transaction().execute(async (trx) => {
        await w.repo.enqueue(rows, trx);
        throw new Error("the notice could not be saved");
      }),
    ).rejects.toThrow("could not be saved");
    expect((await w.repo.counts()).pending).toBe(0);

    const ids = await w.storage.db.transaction().execute(async (trx) => w.repo.enqueue(rows, trx));
    expect(ids).toHaveLength(10_000);
    expect((await w.repo.counts()).pending).toBe(10_000);
    expect(await w.repo.byRef("notice", 42)).toMatchObject([
      { chatId: 42, lane: "normal", status: "pending", payload: { text: "【3-2-42】 notice" } },
    ]);
  });

  it("claims by lane, then oldest due; skips rows not yet due; recovers rows left in flight", async () => {
    const clock = new FixedClock();
    const storage = createStorage(await openDatabase(":memory:"), clock);
    cleanups.push(() => storage.close());
    const repo = outboxRepo(storage.db, clock);
    const later = new Date(clock.now().getTime() + 3_600_000);
    await repo.enqueue([
      ...notice([1, 2], "bulk"),
      ...notice([3], "normal"),
      { ...notice([4], "urgent")[0]!, notBefore: later },
      ...notice([5], "urgent"),
    ]);

    const claimed = await repo.claim(10);
    expect(claimed.map((r) => r.chatId)).toEqual([5, 3, 1, 2]);
    expect(await repo.counts()).toMatchObject({ sending: 4, pending: 1 });
    expect(await repo.nextDueAt()).toEqual(later);

    expect(await repo.recoverInFlight()).toBe(4);
    expect((await repo.claim(1, { maxPriority: 0 })).map((r) => r.chatId)).toEqual([5]);
    clock.advance(3_600_000);
    expect((await repo.claim(10)).map((r) => r.chatId)).toEqual([4, 3, 1, 2]);
  });
});

// ============================================================ stories

describe("dispatcher: delivery stories against the fake Telegram", () => {
  it("a 2,000-recipient broadcast under 400/s, 1/s per chat and 20/min per group arrives exactly once each", async () => {
    const w = await world({ limits: { globalPerSecond: 400, ...LIMITS } });
    const ids = await residents(w, 2000);
    await w.repo.enqueue(notice(ids, "bulk"));
    const sent: number[] = [];
    const d = w.dispatcher({ ratePerSecond: 400, onSent: (row) => void sent.push(row.chatId) });
    await d.start();

    const counts = await drained(d, w.repo);
    expect(counts).toMatchObject({ sent: 2000, failed: 0, dead: 0 });
    expect(receivedPerChat(w.fake, ids).every((n) => n === 1)).toBe(true);
    expect(w.fake.stats().sentMessages).toBe(2000);
    expect(w.fake.messagesIn(ids[0]!)[0]?.text).toBe(`【3-2-${ids[0]}】 notice`);
    expect(new Set(sent).size).toBe(2000);
    // The row remembers Telegram's message id.
    expect((await w.repo.byRef("notice", ids[7]!))[0]).toMatchObject({
      status: "sent",
      messageId: 1,
    });
  }, 30_000);

  it("sending faster than the fake allows: 429s are obeyed, retried, and everyone gets one message", async () => {
    const w = await world({ limits: { globalPerSecond: 50, ...LIMITS } });
    const ids = await residents(w, 200);
    await w.repo.enqueue(notice(ids, "bulk"));
    const d = w.dispatcher({ ratePerSecond: 150, concurrency: 16 });
    await d.start();

    const counts = await drained(d, w.repo);
    expect(counts).toMatchObject({ sent: 200, failed: 0, dead: 0 });
    expect(receivedPerChat(w.fake, ids).every((n) => n === 1)).toBe(true);
    expect(w.fake.stats().rateLimited).toBeGreaterThan(0);
    expect(d.stats().rateLimited).toBe(w.fake.stats().rateLimited);

    // Each refused message came back only after its retry_after.
    const calls = w.fake.callsTo("sendMessage");
    for (const [i, call] of calls.entries()) {
      if (call.errorCode !== 429) continue;
      const retryAfter = Number(/retry after (\d+)/.exec(call.description ?? "")?.[1]);
      const next = calls.slice(i + 1).find((c) => c.params.chat_id === call.params.chat_id);
      expect(next).toBeDefined();
      expect(next!.at - call.at).toBeGreaterThanOrEqual(retryAfter * 1000 - 5);
    }
    // A 429 is not a failed attempt.
    const rows = await w.repo.byRef("notice", ids[199]!);
    expect(rows[0]?.attempts).toBe(0);
  }, 30_000);

  it("403: blocked and never-started residents are marked, failed, and called exactly once", async () => {
    const w = await world();
    const ok = await residents(w, 3, 1);
    const blocked = await residents(w, 3, 101);
    const neverStarted = await residents(w, 4, 201, { started: false });
    for (const id of blocked) w.fake.userBlocked(id);
    await w.repo.enqueue(notice([...ok, ...blocked, ...neverStarted]));
    const failed: Array<[number, string]> = [];
    const d = w.dispatcher({ onFailed: (row, info) => void failed.push([row.chatId, info.kind]) });
    await d.start();

    expect(await drained(d, w.repo)).toMatchObject({ sent: 3, failed: 7, dead: 0 });
    expect(receivedPerChat(w.fake, ok)).toEqual([1, 1, 1]);
    for (const id of [...blocked, ...neverStarted]) {
      expect(w.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === id)).toHaveLength(1);
    }
    const reachability = async (id: number) => (await w.storage.people.get(id))?.reachability;
    expect(await reachability(ok[0]!)).toBe("reachable");
    expect(await reachability(blocked[0]!)).toBe("blocked");
    expect(await reachability(neverStarted[0]!)).toBe("unknown");
    expect((await w.repo.byRef("notice", blocked[1]!))[0]).toMatchObject({
      status: "failed",
      failure: "blocked",
      attempts: 0,
    });
    expect((await w.repo.byRef("notice", neverStarted[1]!))[0]).toMatchObject({
      status: "failed",
      failure: "not_started",
    });
    expect(
      failed
        .filter(([, kind]) => kind === "blocked")
        .map(([id]) => id)
        .sort(),
    ).toEqual(blocked);
    expect(failed.filter(([, kind]) => kind === "not_started")).toHaveLength(4);
  });

  it("a group that became a supergroup: the message arrives at the new id and the group moves", async () => {
    const w = await world();
    const [oldId, newId] = [-4200, -1_000_000_004_200];
    await w.storage.groups.recordAdded(oldId, "3号楼", 1);
    await w.storage.groups.bind(oldId, "building", "3");
    w.fake.migrateGroup(oldId, newId);
    await w.repo.enqueue([
      { chatId: oldId, lane: "normal", method: "sendMessage", payload: { text: "pointer 1" } },
      { chatId: oldId, lane: "normal", method: "sendMessage", payload: { text: "pointer 2" } },
    ]);
    const d = w.dispatcher();
    await d.start();

    expect(await drained(d, w.repo)).toMatchObject({ sent: 2, failed: 0, dead: 0 });
    expect(w.fake.textsIn(newId)).toEqual(["pointer 1", "pointer 2"]);
    expect(w.fake.messagesIn(oldId)).toEqual([]);
    expect(await w.storage.groups.get(oldId)).toBeUndefined();
    expect(await w.storage.groups.get(newId)).toMatchObject({
      building: "3",
      migratedFrom: oldId,
    });
    expect((await w.repo.byChat(newId)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("5xx twice, then a dropped connection, then success: delivered once, three attempts counted", async () => {
    const w = await world();
    const [id] = await residents(w, 1);
    w.fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, 2);
    w.fake.failNext("sendMessage", { error_code: 0, description: "connection dropped" });
    await w.repo.enqueue(notice([id!]));
    // Retries go to the same chat: lift the 1/s so the test doesn't wait.
    const d = w.dispatcher({ backoffBaseMs: 5, perChatPerSecond: 100 });
    await d.start();

    expect(await drained(d, w.repo)).toMatchObject({ sent: 1, dead: 0 });
    expect(w.fake.callsTo("sendMessage")).toHaveLength(4);
    expect(w.fake.textsIn(id!)).toHaveLength(1);
    expect((await w.repo.byRef("notice", id!))[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("always 5xx: dead with the reason after maxAttempts, and never tried again", async () => {
    const w = await world();
    const [id] = await residents(w, 1);
    w.fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 50);
    await w.repo.enqueue(notice([id!]));
    const dead: string[] = [];
    const d = w.dispatcher({
      maxAttempts: 4,
      backoffBaseMs: 5,
      perChatPerSecond: 100,
      onFailed: (_row, info) => void dead.push(`${info.status}: ${info.reason}`),
    });
    await d.start();

    expect(await drained(d, w.repo)).toMatchObject({ sent: 0, dead: 1 });
    expect(w.fake.callsTo("sendMessage")).toHaveLength(4);
    const [row] = await w.repo.byRef("notice", id!);
    expect(row).toMatchObject({ status: "dead", attempts: 4 });
    expect(row?.lastError).toContain("500: Internal Server Error");
    expect(dead).toEqual([`dead: ${row?.lastError}`]);
  });

  it("a crash half-way through a broadcast: a new dispatcher on the same database loses nothing", async () => {
    const dir = tempDir();
    const url = `sqlite:${join(dir, "outbox.sqlite")}`;
    const fake = await FakeTelegram.start({ latencyMs: 20 });
    cleanups.push(() => fake.close());
    const first = await world({}, url, fake);
    const ids = await residents(first, 600);
    await first.repo.enqueue(notice(ids, "bulk"));
    const concurrency = 16;
    const crashing = first.dispatcher({ ratePerSecond: 300, concurrency });
    await crashing.start();
    while (fake.stats().sentMessages < 300) await sleep(5);
    crashing.crash();
    // The requests that were on the wire still land at Telegram.
    await sleep(100);
    const beforeRestart = fake.stats().sentMessages;
    expect(beforeRestart).toBeLessThan(600);

    const second = await world({}, url, fake);
    const d = second.dispatcher({ ratePerSecond: 300, concurrency });
    await d.start();
    expect(await drained(d, second.repo)).toMatchObject({ sent: 600, failed: 0, dead: 0 });

    const perChat = receivedPerChat(fake, ids);
    expect(perChat.every((n) => n >= 1)).toBe(true);
    const duplicates = perChat.reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(concurrency);
    expect(fake.stats().sentMessages).toBe(600 + duplicates);
  }, 30_000);

  it("an urgent message queued behind a large broadcast goes out before the rest of it", async () => {
    const w = await world({ limits: { globalPerSecond: 500, ...LIMITS } });
    const ids = await residents(w, 1500);
    const [escalation] = await residents(w, 1, 1);
    await w.repo.enqueue(notice(ids, "bulk"));
    const concurrency = 16;
    const d = w.dispatcher({ ratePerSecond: 500, concurrency });
    await d.start();
    while (w.fake.stats().sentMessages < 200) await sleep(5);

    const sendsBefore = w.fake.callsTo("sendMessage").length;
    await w.repo.enqueue(notice([escalation!], "urgent", "fever"));
    d.kick();
    await drained(d, w.repo);

    const order = w.fake.callsTo("sendMessage").map((c) => c.params.chat_id);
    const urgentAt = order.indexOf(escalation);
    // Only requests already on their way could overtake it.
    expect(urgentAt - sendsBefore).toBeLessThanOrEqual(concurrency);
    expect(order.length - urgentAt).toBeGreaterThan(1000);
    expect(receivedPerChat(w.fake, [...ids, escalation!]).every((n) => n === 1)).toBe(true);
  }, 30_000);

  it("stop() lets the requests in flight finish and hands the rest back, recorded", async () => {
    const w = await world({ latencyMs: 50 });
    const ids = await residents(w, 100);
    await w.repo.enqueue(notice(ids, "bulk"));
    const d = w.dispatcher({ ratePerSecond: 50 });
    await d.start();
    while (w.fake.stats().sentMessages < 10) await sleep(5);
    await d.stop();

    const counts = await w.repo.counts();
    expect(counts.sending).toBe(0);
    expect(counts.sent + counts.pending).toBe(100);
    // Everything Telegram received is recorded as sent, nothing more.
    expect(counts.sent).toBe(w.fake.stats().sentMessages);
  });

  it("leaves rows for later (quiet hours) alone, and edits a message in place", async () => {
    const w = await world();
    const [id] = await residents(w, 1);
    const morning = new Date(Date.now() + 3_600_000);
    await w.repo.enqueue([{ ...notice([id!])[0]!, notBefore: morning }]);
    const d = w.dispatcher();
    await d.start();
    await d.idle();
    expect(w.fake.callsTo("sendMessage")).toHaveLength(0);
    expect(await w.repo.counts()).toMatchObject({ pending: 1 });

    const report = await w.repo.enqueue([
      { chatId: id!, lane: "urgent", method: "sendMessage", payload: { text: "report v1" } },
    ]);
    d.kick();
    await d.idle();
    const messageId = (await w.repo.get(report[0]!))?.messageId;
    expect(messageId).toBe(1);
    await w.repo.enqueue([
      {
        chatId: id!,
        lane: "urgent",
        method: "editMessageText",
        payload: { message_id: messageId, text: "report v2" },
      },
    ]);
    d.kick();
    await d.idle();
    expect(w.fake.textsIn(id!)).toEqual(["report v2"]);
    expect(w.fake.messagesIn(id!)[0]?.edits).toBe(1);
  });
});
