/**
 * The check-in's storage for a whole community, on SQLite: households read a
 * page at a time come back whole and in order, and a step's rows written a
 * chunk at a time are written once, with the step, or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import type { NewOutboxMessage } from "../storage/outbox.js";
import { TestClock } from "./harness.js";

const HOUSEHOLDS = 4_500; // more than two pages of 2,000

describe("check-in storage over a whole community", () => {
  let db: DB;
  let storage: Storage;
  const clock = new TestClock(Date.parse("2026-11-23T10:05:00+08:00"));

  beforeAll(async () => {
    db = await openDatabase(":memory:");
    storage = createStorage(db, clock);
    const now = clock.now().toISOString();
    for (let i = 0; i < HOUSEHOLDS; i += 500) {
      const n = Array.from({ length: Math.min(500, HOUSEHOLDS - i) }, (_, k) => i + k);
      await db
        .insertInto("people")
        .values(
          n.flatMap((k) => [
            {
              id: 1_000_000 + 2 * k,
              display_name: `A${k}`,
              reachability: "reachable" as const,
              language: k % 2 ? "en" : null,
              created_at: now,
              updated_at: now,
            },
            {
              id: 1_000_001 + 2 * k,
              display_name: `B${k}`,
              reachability: "blocked" as const,
              created_at: now,
              updated_at: now,
            },
          ]),
        )
        .execute();
      const ids = await db
        .insertInto("households")
        .values(
          n.map((k) => ({
            building: String(1 + (k % 9)),
            unit: "1",
            room: String(100 + k),
            members: 2,
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
      await db
        .insertInto("residents")
        .values(
          ids.flatMap((h, j) => {
            const k = n[j] as number;
            // The blocked one registered first in every third household.
            const first = k % 3 === 0 ? 1_000_001 + 2 * k : 1_000_000 + 2 * k;
            const second = k % 3 === 0 ? 1_000_000 + 2 * k : 1_000_001 + 2 * k;
            return [
              { household_id: h.id, person_id: first, registered_at: "2026-11-01T00:00:00.000Z" },
              { household_id: h.id, person_id: second, registered_at: "2026-11-02T00:00:00.000Z" },
            ];
          }),
        )
        .execute();
    }
  });
  afterAll(() => db.destroy());

  it("reads every household once, in order, with its residents earliest first", async () => {
    const all = await storage.checkins.households();
    expect(all).toHaveLength(HOUSEHOLDS);
    expect(new Set(all.map((h) => h.id)).size).toBe(HOUSEHOLDS);
    expect(all.map((h) => h.id)).toEqual([...all.map((h) => h.id)].sort((a, b) => a - b));
    for (const [k, h] of all.entries()) {
      expect(h.room).toBe(String(100 + k));
      expect(h.contacts).toHaveLength(2);
      expect(h.reachable).toBe(true);
      const blockedFirst = k % 3 === 0;
      expect(h.contacts[0]?.reachability).toBe(blockedFirst ? "blocked" : "reachable");
      expect(h.contacts.find((c) => c.reachability === "reachable")?.language).toBe(
        k % 2 ? "en" : null,
      );
    }
    expect(await storage.checkins.household(all[2_001]?.id as number)).toEqual(all[2_001]);
  });

  it("writes a step's rows chunk by chunk with the step, and a second claim writes nothing", async () => {
    const row = (chatId: number): NewOutboxMessage => ({
      chatId,
      lane: "bulk",
      method: "sendMessage",
      payload: { text: `【1-1-${chatId}】` },
      ref: { type: "checkin-reminder", id: "2026-11-23" },
    });
    let made = 0;
    function* chunks() {
      for (let i = 0; i < 5; i++) {
        made++;
        yield Array.from({ length: 1_000 }, (_, k) => row(10_000 + i * 1_000 + k));
      }
    }
    expect(await storage.checkins.claimStep("2026-11-23", "deadline", [row(1)], {}, chunks())).toBe(
      true,
    );
    expect(made).toBe(5);
    const written = await db.selectFrom("outbox").select(["chat_id"]).orderBy("id").execute();
    expect(written.map((r) => r.chat_id)).toEqual([
      1,
      ...Array.from({ length: 5_000 }, (_, k) => 10_000 + k),
    ]);
    made = 0;
    expect(await storage.checkins.claimStep("2026-11-23", "deadline", [row(2)], {}, chunks())).toBe(
      false,
    );
    expect(made).toBe(0);
    expect(
      await db.selectFrom("outbox").select(db.fn.countAll().as("n")).executeTakeFirst(),
    ).toEqual({ n: 5_001 });
  });
});
