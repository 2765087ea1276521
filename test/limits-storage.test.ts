/**
 * The storage behind the limits, on SQLite and on PostgreSQL (PGlite): the
 * buckets (race-free under concurrent attempts), the housekeeping of stored
 * conversation rows, an open SOS and counting recent urgent items.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../storage/database.js";
import { escalationsRepo } from "../storage/escalations.js";
import { kvRows, kvStorage } from "../storage/kv.js";
import { limitsRepo } from "../storage/limits.js";
import { outboxRepo } from "../storage/outbox.js";
import { TestClock } from "./harness.js";

const TARGETS = [
  { name: "SQLite", url: ":memory:" },
  { name: "PGlite", url: "pglite:" },
];

describe.each(TARGETS)("limits storage on $name", ({ url }) => {
  let db: DB;
  const clock = new TestClock(Date.parse("2026-11-23T09:00:00+08:00"));
  // One database per dialect (PGlite takes a while to start); each test uses its own keys.
  beforeAll(async () => {
    db = await openDatabase(url);
  });
  afterAll(() => db.destroy());

  it("takes a burst, refuses the next, and counts each of many concurrent attempts once", async () => {
    const limits = limitsRepo(db, clock);
    const limit = { count: 3, perMs: 60_000 };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => limits.take("sos:1", limit)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(await limits.wouldAllow("sos:1", limit)).toBe(false);
    expect(await limits.wouldAllow("sos:2", limit)).toBe(true);
    clock.advance(20_000);
    expect((await limits.take("sos:1", limit)).allowed).toBe(true);
    clock.advance(24 * 3600_000);
    expect(await limits.prune(clock.now().getTime() - 3600_000)).toBe(1);
  });

  it("finds conversation rows nobody wrote to for a while, and replaces one only if unchanged", async () => {
    const outbox = outboxRepo(db, clock);
    const state = kvStorage<unknown>(db, clock, "conv:");
    const rows = kvRows(db, clock, outbox, "conv:");
    await state.write("42", { version: [0, 0], state: { register: [{}] } });
    clock.advance(3600_000);
    await state.write("43", { version: [0, 0], state: {} });
    const stale = await rows.writtenBefore(new Date(clock.now().getTime() - 60_000));
    expect(stale.map((r) => r.key)).toEqual(["42"]);
    const seen = stale[0]?.value as string;
    expect(await rows.replace("42", "something else", null)).toBe(false);
    const note = { chatId: 42, lane: "normal" as const, method: "sendMessage" as const };
    expect(await rows.replace("42", seen, null, [{ ...note, payload: { text: "ended" } }])).toBe(
      true,
    );
    expect(await state.read("42")).toBeUndefined();
    expect(await state.read("43")).toBeDefined();
    const queued = await db.selectFrom("outbox").select("chat_id").execute();
    expect(queued.map((r) => Number(r.chat_id))).toEqual([42]);
  });

  it("finds a person's SOS nobody took, and counts recent items by kind", async () => {
    const escalations = escalationsRepo(db, clock, outboxRepo(db, clock));
    const item = (kind: "sos" | "fever", personId: number) => ({
      kind,
      summary: "x",
      address: null,
      phone: null,
      personId,
      raisedBy: personId,
      unregistered: false,
      personLabel: null,
      ref: null,
    });
    const plan = { status: "open" as const, step: 1, round: 1, pages: [], events: [], notes: [] };
    const since = clock.now();
    const sos = await escalations.create(item("sos", 7), () => plan);
    await escalations.create(item("fever", 7), () => plan);
    await escalations.create(item("sos", 8), () => plan);
    expect((await escalations.waitingSosOf(7))?.id).toBe(sos);
    expect(await escalations.waitingSosOf(9)).toBeUndefined();
    expect(await escalations.countSince(since)).toEqual({ sos: 2, fever: 1 });
    await escalations.acknowledge(sos, 100, []);
    expect(await escalations.waitingSosOf(7)).toBeUndefined();
  });
});
