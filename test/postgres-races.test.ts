/**
 * Races that only a PostgreSQL server shows (a pool runs transactions at the
 * same time, READ COMMITTED): each was reproduced there before its fix
 * (docs/postgres-notes.md, section B). One process, `Promise.all` of two or
 * more calls. Needs TEST_POSTGRES_URL; SQLite and PGlite run one transaction
 * at a time and can't show them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../storage/index.js";
import type { NewRequest } from "../storage/requests.js";
import { type ScratchDatabase, scratchPostgres } from "./postgres.js";

const SERVER = process.env.TEST_POSTGRES_URL;
const clock = { now: () => new Date("2026-11-23T02:00:00.000Z") };

describe.runIf(SERVER)("races on a PostgreSQL server", () => {
  let scratch: ScratchDatabase;
  let storage: Storage;
  beforeAll(async () => {
    scratch = await scratchPostgres(SERVER as string, "races");
    storage = await openStorage(scratch.url, clock);
  });
  afterAll(async () => {
    await storage?.close();
    await scratch?.drop();
  });

  it("two claims at once take different outbox rows", async () => {
    const ids = await storage.outbox.enqueue(
      Array.from({ length: 100 }, (_, i) => ({
        chatId: 100 + i,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: {},
      })),
    );
    const [a, b] = await Promise.all([storage.outbox.claim(60), storage.outbox.claim(60)]);
    const taken = [...(a ?? []), ...(b ?? [])].map((m) => m.id);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.sort((x, y) => x - y)).toEqual(ids);
  });

  it("requests filed at the same moment get distinct numbers", async () => {
    const request = (i: number): NewRequest => ({
      day: "2026-11-23",
      category: "medicine",
      details: { item: `药 ${i}` } as never,
      urgency: "today",
      householdId: null,
      address: null,
      personId: null,
      contactId: null,
      subjectName: `老人 ${i}`,
      subjectPhone: null,
      filedBy: 9000 + i,
      filedAs: "unregistered",
      noticeId: null,
      photos: [],
    });
    const filed = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => storage.requests.create(request(i))),
    );
    expect(new Set(filed.map((r) => r.number)).size).toBe(5);
  });

  it("a group's 'migrate to' and 'migrate from' at once keep the group", async () => {
    const OLD = -4000000001;
    const NEW = -1004000000001;
    await storage.groups.recordAdded(OLD, "4 栋", 1);
    await storage.groups.bind(OLD, "building", "4");
    const results = await Promise.all([
      storage.groups.migrate(OLD, NEW),
      storage.groups.migrate(OLD, NEW),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(await storage.groups.get(NEW)).toMatchObject({ building: "4", migratedFrom: OLD });
  });

  it("one member's reading sent twice at once: both stored, one current", async () => {
    const { household } = await storage.households.register({
      personId: 7001,
      address: { building: "3", unit: "2", room: "501" },
      displayName: "王",
      phone: null,
      members: 1,
      flags: [],
    });
    const reading = (celsius: number) => ({
      householdId: household.id,
      member: 1,
      date: "2026-11-23",
      celsius,
      symptom: "fine" as never,
      note: null,
      reportedBy: 7001,
      proxy: false,
    });
    await Promise.all([
      storage.checkins.record(reading(36.5)),
      storage.checkins.record(reading(36.7)),
    ]);
    const current = await storage.checkins.readings("2026-11-23", "2026-11-23", household.id);
    expect(current).toHaveLength(1);
  });

  it("two presses of Can't take it at once are recorded once", async () => {
    const id = await storage.escalations.create(
      {
        kind: "sos",
        summary: "x",
        address: null,
        phone: null,
        personId: null,
        raisedBy: null,
        unregistered: true,
        personLabel: null,
        ref: null,
      },
      () => ({ status: "open", step: 1, round: 1, pages: [], events: [], notes: [] }),
    );
    const results = await Promise.all([
      storage.escalations.decline(id, 4001),
      storage.escalations.decline(id, 4001),
    ]);
    expect(results.sort()).toEqual(["again", "ok"]);
    expect(await storage.escalations.decliners(id)).toEqual([4001]);
  });
});
