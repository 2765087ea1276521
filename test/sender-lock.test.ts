/**
 * The sender lock (storage/sender-lock.ts): on SQLite and PGlite the one
 * process is the sender at once; on a PostgreSQL server (TEST_POSTGRES_URL)
 * one holder at a time, a standby that takes over within a poll, NOTIFY on
 * every enqueue heard by the holder, and a lost connection reported.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../storage/index.js";
import { type SenderLock, senderLock } from "../storage/sender-lock.js";
import { until } from "./main-process.js";
import { scratchPostgres } from "./postgres.js";

const SERVER = process.env.TEST_POSTGRES_URL;
const clock = { now: () => new Date() };

describe("the sender lock", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("SQLite is one process: the lock is held at once", async () => {
    const storage = await openStorage(":memory:", clock);
    cleanups.push(() => storage.close());
    const lock = senderLock(storage.db);
    expect(await lock.firstTry).toBe("sender");
    await lock.acquired;
    await lock.release();
    expect(lock.role()).toBe("released");
  });

  it.runIf(SERVER)(
    "PostgreSQL: one holder, NOTIFY heard, a standby takes over within a poll, a cut connection is reported",
    async () => {
      const scratch = await scratchPostgres(SERVER as string, "lock");
      cleanups.push(() => scratch.drop());
      const storage: Storage = await openStorage(scratch.url, clock);
      cleanups.push(() => storage.close());
      const heard: string[] = [];
      const lost: unknown[] = [];
      const locks: SenderLock[] = [];
      const make = (onNotify?: (lane: string) => void) => {
        const lock = senderLock(storage.db, {
          pollMs: 200,
          heartbeatMs: 200,
          onNotify,
          onLost: (e) => lost.push(e),
        });
        locks.push(lock);
        cleanups.push(() => lock.release());
        return lock;
      };
      const first = make((lane) => heard.push(`first:${lane}`));
      expect(await first.firstTry).toBe("sender");
      const second = make((lane) => heard.push(`second:${lane}`));
      expect(await second.firstTry).toBe("standby");

      await storage.outbox.enqueue([
        { chatId: 1, lane: "bulk", method: "sendMessage", payload: {} },
        { chatId: 2, lane: "urgent", method: "sendMessage", payload: {} },
      ]);
      await until(() => heard.length > 0, "the NOTIFY", 5_000);
      expect(heard).toEqual(["first:urgent"]);
      // A rolled-back enqueue wakes nobody.
      await storage.db
        .transaction()
        .execute(async (trx) => {
          await storage.outbox.enqueue(
            [{ chatId: 3, lane: "normal", method: "sendMessage", payload: {} }],
            trx,
          );
          throw new Error("rolled back");
        })
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).toEqual(["first:urgent"]);

      const released = Date.now();
      await first.release();
      await second.acquired;
      expect(Date.now() - released).toBeLessThan(1_000);
      expect(second.role()).toBe("sender");

      // The server ends the sender's session (as when the connection is cut).
      const third = make();
      expect(await third.firstTry).toBe("standby");
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'linli-sender' and datname = current_database()
        and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`.execute(
        storage.db,
      );
      await until(() => lost.length > 0, "the loss to be reported", 5_000);
      expect(second.role()).toBe("lost");
      await third.acquired;
      expect(third.role()).toBe("sender");
    },
    30_000,
  );
});
