/**
 * The group-buy tables on every database Linli runs on: SQLite, PGlite, and a
 * PostgreSQL server when TEST_POSTGRES_URL is set. On the server the races
 * are real (a pool runs transactions at the same time, READ COMMITTED):
 * residents of one room pressing + together, two volunteers marking one door
 * paid, two processes closing one buy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../bot/context.js";
import { changeOrder } from "../features/groupbuy/service.js";
import { type DB, openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import { TestClock } from "./harness.js";

interface Target {
  name: string;
  url(): Promise<string>;
  tearDown(): Promise<void>;
}

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "linli-groupbuy-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

function server(serverUrl: string): Target {
  const name = `linli_gb_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  return {
    name: "PostgreSQL",
    async url() {
      await admin(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    tearDown: () => admin(`drop database if exists ${name} with (force)`),
  };
}

const targets: Target[] = [
  { name: "SQLite", url: async () => `sqlite:${scratch()}/gb.sqlite`, tearDown: async () => {} },
  { name: "PGlite", url: async () => "pglite:", tearDown: async () => {} },
  ...(POSTGRES_URL ? [server(POSTGRES_URL)] : []),
];

describe.each(targets)("group buys on $name", (target) => {
  let db: DB;
  let storage: Storage;
  let deps: BotDeps;
  const clock = new TestClock(Date.parse("2026-11-22T09:00:00+08:00"));
  const households: number[] = [];
  /** Two residents of the first household, one of each other. */
  const people = [501, 502, 503, 504];

  beforeAll(async () => {
    db = await openDatabase(await target.url());
    storage = createStorage(db, clock);
    deps = { storage, clock, logger: pino({ level: "silent" }) } as unknown as BotDeps;
    const now = clock.now().toISOString();
    await db
      .insertInto("people")
      .values(
        people.map((id) => ({
          id,
          first_name: `P${id}`,
          username: null,
          display_name: null,
          phone: null,
          language: null,
          reachability: "reachable" as const,
          created_at: now,
          updated_at: now,
          forgotten_at: null,
        })),
      )
      .execute();
    for (const [personId, room] of [
      [501, "501"],
      [502, "501"],
      [503, "502"],
      [504, "101"],
    ] as const) {
      const h = await storage.households.register({
        personId,
        address: { building: "3", unit: room === "101" ? "1" : "2", room },
        displayName: `P${personId}`,
        phone: null,
        members: 1,
        flags: [],
      });
      if (!households.includes(h.id)) households.push(h.id);
    }
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await target.tearDown();
  });

  const open = (kind: "buy" | "free") =>
    storage.groupbuys.create({
      kind,
      title: kind,
      target: "3",
      delivery: "door",
      pickup: null,
      deadline: new Date(clock.now().getTime() + 3_600_000),
      createdBy: 1,
      items:
        kind === "buy"
          ? [
              { name: "白菜", priceFen: 350, limit: null },
              { name: "猪肉", priceFen: 2500, limit: 2 },
            ]
          : [{ name: "蔬菜包", priceFen: 0, limit: 1 }],
      householdIds: households,
      recipients: people.length,
      messages: ({ id }) =>
        people.map((p) => ({
          chatId: p,
          lane: "bulk" as const,
          method: "sendMessage" as const,
          payload: { text: `buy ${id}` },
          ref: { type: "groupbuy", id },
        })),
    });

  it("stores a buy, an order per household and the announcements in one go", async () => {
    const { id, items } = await open("free");
    expect(items.map((i) => [i.name, i.priceFen, i.limit])).toEqual([["蔬菜包", 0, 1]]);
    const orders = await storage.groupbuys.orders(id);
    expect(orders.map((o) => o.lines.map((l) => l.qty))).toEqual([[1], [1], [1]]);
    const rows = await db
      .selectFrom("outbox")
      .select("ref_id")
      .where("ref_type", "=", "groupbuy")
      .execute();
    expect(rows.filter((r) => r.ref_id === String(id))).toHaveLength(people.length);
    const tallies = await storage.groupbuys.tallies([id]);
    expect(tallies.get(id)).toEqual({ households: 3, fen: 0 });
  });

  it("twenty presses at once from two residents of one room: every one counts, none twice", async () => {
    const { id, items } = await open("buy");
    const cabbage = items[0]?.id as number;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        changeOrder(deps, id, i % 2 ? 501 : 502, cabbage, { add: 1 }),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const order = await storage.groupbuys.order(id, households[0] as number);
    expect(order?.lines.map((l) => l.qty)).toEqual([20, 0]);
    expect(order?.version).toBe(20);
    expect(order?.totalFen).toBe(7000);
    const tallies = await storage.groupbuys.tallies([id]);
    expect(tallies.get(id)).toEqual({ households: 1, fen: 7000 });
    expect(typeof tallies.get(id)?.fen).toBe("number");
  });

  it("closes once, marks a door paid once however many press at once, and keeps shortages in bounds", async () => {
    const { id, items } = await open("buy");
    const [cabbage, pork] = items.map((i) => i.id) as [number, number];
    await changeOrder(deps, id, 503, cabbage, { set: 3 });
    await changeOrder(deps, id, 503, pork, { set: 2 });
    const door = households[1] as number;
    expect(await storage.groupbuys.markPaid(id, door, "cash", 9, () => [])).toEqual({
      ok: false,
      reason: "open",
    });

    clock.advance(3_600_000);
    const closes = await Promise.all(
      [1, 2, 3].map(() =>
        storage.groupbuys.close(id, ({ orders }) =>
          orders
            .filter((o) => o.totalFen > 0)
            .map((o) => ({
              chatId: 1,
              lane: "normal" as const,
              method: "sendMessage" as const,
              payload: { text: `closed ${o.address}` },
              ref: { type: "groupbuy-close", id },
            })),
        ),
      ),
    );
    expect(closes.filter(Boolean)).toHaveLength(1);
    const sent = await db
      .selectFrom("outbox")
      .select("payload")
      .where("ref_type", "=", "groupbuy-close")
      .where("ref_id", "=", String(id))
      .execute();
    expect(sent.map((r) => JSON.parse(r.payload).text)).toEqual(["closed 3-2-502"]);
    expect(await changeOrder(deps, id, 503, cabbage, { add: 1 })).toMatchObject({
      ok: false,
      reason: "closed",
    });

    expect(await storage.groupbuys.changeShort(id, door, cabbage, -1)).toBe("bounds");
    expect(await storage.groupbuys.changeShort(id, door, cabbage, 1)).toBe("ok");
    for (let i = 0; i < 3; i++) await storage.groupbuys.changeShort(id, door, cabbage, 1);
    expect((await storage.groupbuys.order(id, door))?.lines[0]).toMatchObject({ qty: 3, short: 3 });

    const pays = await Promise.all(
      (["cash", "transfer", "cash", "transfer"] as const).map((method, i) =>
        storage.groupbuys.markPaid(id, door, method, 10 + i, () => []),
      ),
    );
    expect(pays.filter((p) => p.ok)).toEqual([{ ok: true, fen: 5000 }]);
    expect(pays.filter((p) => !p.ok).map((p) => !p.ok && p.reason)).toEqual([
      "already",
      "already",
      "already",
    ]);
    // Paid: the shortage is settled and can't move.
    expect(await storage.groupbuys.changeShort(id, door, cabbage, -1)).toBe("frozen");
    const delivered = await Promise.all(
      [1, 2].map((by) => storage.groupbuys.markDelivered(id, door, by, () => [])),
    );
    expect(delivered.sort()).toEqual(["already", "ok"]);
    const order = await storage.groupbuys.order(id, door);
    expect(order?.paid?.fen).toBe(5000);
    expect(order?.delivered).toBe(true);
  });

  it("takes back a wrong tap once however many press at once; counts the doors still to deliver", async () => {
    const { id, items } = await open("buy");
    const cabbage = items[0]?.id as number;
    await changeOrder(deps, id, 501, cabbage, { set: 2 });
    await changeOrder(deps, id, 503, cabbage, { set: 1 });
    expect(await storage.groupbuys.orderedBuildings(id)).toEqual([{ building: "3", doors: 2 }]);
    clock.advance(3_600_000);
    await storage.groupbuys.close(id, () => []);
    const [a, b] = households as [number, number];
    const left: number[] = [];
    await storage.groupbuys.markDelivered(
      id,
      a,
      9,
      () => [],
      async (_trx, _o, n) => {
        left.push(n);
      },
    );
    await storage.groupbuys.markDelivered(
      id,
      b,
      9,
      () => [],
      async (_trx, _o, n) => {
        left.push(n);
      },
    );
    expect(left).toEqual([1, 0]);
    await storage.groupbuys.markPaid(id, a, "cash", 9, () => []);
    const before = await storage.groupbuys.order(id, a);
    const undos = await Promise.all(
      [1, 2, 3].map(() =>
        storage.groupbuys.undoPaid(id, a, before?.paidAt as string, () => [
          {
            chatId: 501,
            lane: "normal" as const,
            method: "sendMessage" as const,
            payload: { text: "undone" },
            ref: { type: "groupbuy-undo", id },
          },
        ]),
      ),
    );
    expect(undos.filter(Boolean)).toHaveLength(1);
    const undelivered = await Promise.all(
      [1, 2].map(() =>
        storage.groupbuys.undoDelivered(id, b, "not the time it was marked", () => []),
      ),
    );
    expect(undelivered).toEqual([false, false]);
    const mark = (await storage.groupbuys.order(id, b))?.deliveredAt as string;
    expect(await storage.groupbuys.undoDelivered(id, b, mark, () => [])).toBe(true);
    const after = await storage.groupbuys.orders(id);
    expect(after.find((o) => o.householdId === a)).toMatchObject({ paid: null, paidAt: null });
    expect(after.find((o) => o.householdId === b)?.delivered).toBe(false);
    const notes = await db
      .selectFrom("outbox")
      .select("ref_id")
      .where("ref_type", "=", "groupbuy-undo")
      .execute();
    expect(notes).toHaveLength(1);
    // Paid again after the undo: the amount is the one due now.
    expect(await storage.groupbuys.markPaid(id, a, "transfer", 9, () => [])).toEqual({
      ok: true,
      fen: 700,
    });
  });

  it("a task whose owner made the claim button: the first claim by what it is about wins", async () => {
    const { task } = await storage.volunteers.postTask(
      {
        team: "supplies",
        kind: "delivery",
        ref: { type: "groupbuy-delivery", id: "7:3" },
        titleKey: "gb-vt-title",
        titleArgs: {},
        building: "3",
        urgent: false,
        claimData: "gb:tk:7:3",
        postedBy: null,
      },
      () => [],
    );
    const claims = await Promise.all(
      [501, 502, 503].map((p) => storage.volunteers.claimByRef("groupbuy-delivery", "7:3", p)),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    const now = await storage.volunteers.task(task.id);
    expect(now?.status).toBe("claimed");
    expect(claims.find((c) => c.ok)?.task?.claimedBy).toBe(now?.claimedBy);
  });
});
