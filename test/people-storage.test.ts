/**
 * The grid's and the key-care round's repositories on SQLite and on PGlite
 * (PostgreSQL in this process): the same calls give the same answers, ids
 * past 2^32 come back as numbers, and "first wins" updates report their rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../storage/clock.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";

const BIG_WORKER = 2 ** 32 + 7;
const BIG_RESIDENT = 2 ** 32 + 11;

class Clock2 implements Clock {
  constructor(public at: Date) {}
  now() {
    return this.at;
  }
}

describe.each([
  { name: "SQLite", url: ":memory:" },
  { name: "PGlite", url: "pglite:" },
])("grid and care storage on $name", ({ url }) => {
  let s: Storage;
  const clock = new Clock2(new Date("2026-11-23T01:00:00.000Z"));

  beforeAll(async () => {
    s = createStorage(await openDatabase(url), clock);
    const now = clock.now().toISOString();
    for (const id of [BIG_WORKER, BIG_RESIDENT]) {
      await s.db
        .insertInto("people")
        .values({
          id,
          first_name: "P",
          username: null,
          display_name: null,
          phone: null,
          language: null,
          reachability: "reachable",
          created_at: now,
          updated_at: now,
          forgotten_at: null,
        })
        .execute();
    }
    await s.households.register({
      personId: BIG_RESIDENT,
      address: { building: "3", unit: "2", room: "501" },
      displayName: "王阿姨",
      phone: "13800138000",
      members: 1,
      flags: ["lives_alone"],
    });
    // A first in-memory PGlite runs initdb and every migration: seconds, more on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it("assigns, reads and clears grid rows and worker profiles", async () => {
    await s.grid.assign([{ building: "3", unit: "*" }], "main", BIG_WORKER, null);
    await s.grid.assign([{ building: "3", unit: "2" }], "deputy", BIG_WORKER + 1, null);
    expect(await s.grid.rows()).toEqual(
      expect.arrayContaining([
        { building: "3", unit: "*", workerId: BIG_WORKER, deputyId: null },
        { building: "3", unit: "2", workerId: null, deputyId: BIG_WORKER + 1 },
      ]),
    );
    expect(await s.grid.knownUnits()).toEqual([{ building: "3", unit: "2" }]);
    const p = await s.grid.saveProfile(BIG_WORKER, { shownName: "张姐", away: true });
    expect(p).toEqual({
      personId: BIG_WORKER,
      shownName: "张姐",
      shownPhone: null,
      shareAccount: false,
      away: true,
    });
    expect((await s.grid.saveProfile(BIG_WORKER, { away: false })).shownName).toBe("张姐");
    expect(await s.grid.clear([{ building: "3", unit: "2" }])).toBe(1);
  });

  it("relays a thread both ways, finds it from a reply, and hands it on once", async () => {
    const { threadId, opened } = await s.grid.residentMessage(
      {
        residentId: BIG_RESIDENT,
        householdId: null,
        building: "3",
        unit: "2",
        room: "501",
        noticeId: null,
      },
      {
        fromId: BIG_RESIDENT,
        side: "resident",
        text: "问题",
        copies: (ids) => [
          {
            chatId: BIG_WORKER,
            lane: "normal",
            method: "sendMessage",
            payload: { text: `#${ids.threadId}` },
          },
        ],
      },
    );
    expect(opened).toBe(true);
    const [row] = await s.outbox.byChat(BIG_WORKER);
    // As the dispatcher records it once sent (outbox.settle's PostgreSQL fix is the outbox's own).
    await s.db
      .updateTable("outbox")
      .set({ status: "sent", message_id: 4242 })
      .where("id", "=", row?.id as number)
      .execute();
    expect(await s.grid.threadOfRelay(BIG_WORKER, 4242)).toBe(threadId);
    expect(await s.grid.relayedTo(threadId)).toEqual(new Set([BIG_WORKER]));
    const waiting = await s.grid.waitingBefore(clock.now().toISOString());
    expect(waiting.map((t) => t.id)).toEqual([threadId]);
    expect(await s.grid.escalate(waiting[0]!, [])).toBe(true);
    expect(await s.grid.escalate(waiting[0]!, [])).toBe(false);
    const answered = await s.grid.staffMessage(threadId, {
      fromId: BIG_WORKER,
      side: "staff",
      text: "回答",
      copies: () => [],
    });
    expect(answered).toBe(true);
    expect(await s.grid.close(threadId, BIG_WORKER, [])).toBe(true);
    expect(await s.grid.close(threadId, BIG_WORKER, [])).toBe(false);
    expect(
      await s.grid.staffMessage(threadId, {
        fromId: 1,
        side: "staff",
        text: "x",
        copies: () => [],
      }),
    ).toBe(false);
    expect((await s.grid.messages(threadId)).map((m) => m.text)).toEqual(["问题", "回答"]);
  });

  it("claims a day's step once, records the first outcome, and claims an escalation once", async () => {
    expect((await s.households.flagged()).map((h) => [h.room, h.flags])).toEqual([
      ["501", ["lives_alone"]],
    ]);
    const check = {
      building: "3",
      unit: "2",
      room: "501",
      date: "2026-11-23",
      householdId: null,
      kind: "round" as const,
      attempt: 1,
      method: "call" as const,
      responsibleId: BIG_WORKER,
      team: null,
    };
    const stored = await s.care.claimStep("2026-11-23", "round", [check], () => []);
    expect((stored || []).map((c) => [c.responsibleId, c.status])).toEqual([[BIG_WORKER, "due"]]);
    expect(await s.care.claimStep("2026-11-23", "round", [check], () => [])).toBe(false);
    const id = (stored as Array<{ id: number }>)[0]?.id as number;
    const first = await s.care.record(id, "no_answer", BIG_WORKER, (c) => ({
      check: { ...check, attempt: c.attempt + 1 },
      messages: () => [],
    }));
    expect(first.type === "ok" && first.followUp?.attempt).toBe(2);
    expect((await s.care.record(id, "fine", BIG_WORKER)).type).toBe("already");
    expect((await s.care.dueUpTo("2026-11-23", true)).map((c) => c.attempt)).toEqual([2]);
    expect(await s.care.claimEscalation(id)).toBe(true);
    expect(await s.care.claimEscalation(id)).toBe(false);
    clock.at = new Date("2026-11-23T02:00:00.000Z");
    expect((await s.care.claimedNotRaised("2026-11-23T01:30:00.000Z")).map((c) => c.id)).toEqual([
      id,
    ]);
    await s.care.setEscalation(id, 9);
    expect(await s.care.claimedNotRaised("2026-11-23T01:30:00.000Z")).toEqual([]);
    if (first.type === "ok" && first.followUp)
      await s.care.record(first.followUp.id, "fine", BIG_WORKER);
    const last = await s.care.lastReached();
    expect([...last.values()]).toEqual(["2026-11-23"]);
  });

  it("a team's check: listed until claimed, the first claim wins and runs its writes with it", async () => {
    const check = {
      building: "3",
      unit: "2",
      room: "502",
      date: "2026-11-24",
      householdId: null,
      kind: "round" as const,
      attempt: 1,
      method: "visit" as const,
      responsibleId: null,
      team: "home_help",
    };
    const [stored] = (await s.care.claimStep("2026-11-24", "round", [check], () => [])) || [];
    const id = stored?.id as number;
    expect((await s.care.unclaimedTeamChecks("2026-11-24")).map((c) => [c.id, c.team])).toEqual([
      [id, "home_help"],
    ]);
    const also: number[] = [];
    const claims = await Promise.all(
      [BIG_WORKER, BIG_WORKER + 1].map((p) =>
        s.care.claimCheck(id, p, async (_trx, c) => {
          also.push(c.responsibleId as number);
        }),
      ),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(also).toHaveLength(1);
    expect((await s.care.check(id))?.responsibleId).toBe(also[0]);
    expect(await s.care.unclaimedTeamChecks("2026-11-24")).toEqual([]);
  });

  it("keeps plans, and reads the signs of life since a time", async () => {
    const a = { building: "4", unit: "1", room: "101" };
    const plan = await s.care.savePlan(
      a,
      { manual: true, reason: "刚出院" },
      { method: "call", everyDays: 1 },
      null,
    );
    expect([plan.manual, plan.reason, plan.everyDays]).toEqual([true, "刚出院", 1]);
    const changed = await s.care.savePlan(
      a,
      { everyDays: 3, responsibleId: BIG_WORKER },
      { method: "call", everyDays: 1 },
      null,
    );
    expect([changed.manual, changed.everyDays, changed.responsibleId]).toEqual([
      true,
      3,
      BIG_WORKER,
    ]);
    expect(await s.care.unsetManual(a)).toBe(true);
    expect(await s.care.unsetManual(a)).toBe(false);
    await s.care.seen(BIG_RESIDENT, "2026-11-23T03:00:00.000Z");
    await s.care.seen(BIG_RESIDENT, "2026-11-23T04:00:00.000Z");
    expect(await s.care.activeSince([BIG_RESIDENT], "2026-11-23T03:30:00.000Z")).toEqual(
      new Set([BIG_RESIDENT]),
    );
    expect(await s.care.activeSince([BIG_RESIDENT], "2026-11-23T05:00:00.000Z")).toEqual(new Set());
    expect(await s.care.confirmedSince([BIG_RESIDENT], "2026-11-23T00:00:00.000Z")).toEqual(
      new Set(),
    );
    const contacts = await s.care.contacts([(await s.households.flagged())[0]?.id as number]);
    expect(contacts.map((c) => [c.personId, c.name, c.phone])).toEqual([
      [BIG_RESIDENT, "王阿姨", "13800138000"],
    ]);
  });
});
