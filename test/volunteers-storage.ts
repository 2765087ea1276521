/**
 * The volunteers' ledger's repository on every database (run from
 * test/storage-dialects.test.ts, on the database it already opened: SQLite,
 * PGlite, and a PostgreSQL server when TEST_POSTGRES_URL is set): the first
 * claim wins, hours are written with the change that earns them, a day never
 * passes 24 hours, corrections keep the first value and are audited, the
 * consent question goes once, and a request's task follows the request. The
 * bot's stories run on SQLite (test/volunteers.test.ts).
 */
import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Clock } from "../storage/clock.js";
import type { DB } from "../storage/database.js";
import { outboxRepo } from "../storage/outbox.js";
import { TASK_POST_REF, type TaskTiming, volunteersRepo } from "../storage/volunteers.js";

const VOL1 = 5001;
const VOL2 = 5002;
const COORD = 4001;
const BIG = 2 ** 32 + 5; // a Telegram id past 32 bits

class Tick implements Clock {
  ms = Date.parse("2026-11-22T01:00:00.000Z");
  now() {
    return new Date(this.ms);
  }
}

const timing: TaskTiming = (claimedAt, doneAt) => ({
  day: claimedAt.slice(0, 10),
  minutes: Math.round((Date.parse(doneAt) - Date.parse(claimedAt)) / 60_000),
  capped: false,
});

const task = (ref: { type: string; id: number | string } | null = null) => ({
  team: "supplies",
  kind: "adhoc",
  ref,
  titleKey: "vt-title-adhoc",
  titleArgs: { text: "把菜送到 3 号楼", n: 2, label: { key: "vt-team-supplies" } },
  building: "3",
  urgent: false,
  claimData: null,
  postedBy: COORD,
});

/** The repository's stories on the database `database()` gives (its tables are emptied before each). */
export function volunteersRepositoryStories(database: () => DB): void {
  let db: DB;
  let clock: Tick;
  let repo: ReturnType<typeof volunteersRepo>;
  let outbox: ReturnType<typeof outboxRepo>;

  // The database is the dialect test's (a PGlite takes seconds to start); each story starts from empty tables.
  beforeAll(async () => {
    db = database();
    const at = new Tick().now().toISOString();
    await db
      .insertInto("people")
      .values(
        [VOL1, VOL2, COORD, BIG].map((id) => ({
          id,
          first_name: `P${id}`,
          username: null,
          display_name: null,
          phone: null,
          language: null,
          reachability: "reachable" as const,
          created_at: at,
          updated_at: at,
          forgotten_at: null,
        })),
      )
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  });
  beforeEach(async () => {
    for (const table of [
      "volunteer_hours",
      "volunteer_tasks",
      "volunteer_shift_people",
      "volunteer_shifts",
      "volunteer_profiles",
      "outbox",
      "audit_log",
    ] as const)
      await db.deleteFrom(table).execute();
    await db
      .deleteFrom("volunteer_teams")
      .where("key", "not in", ["testing", "supplies", "medicine", "home_help"])
      .execute();
    await db.updateTable("volunteer_teams").set({ archived_at: null }).execute();
    clock = new Tick();
    outbox = outboxRepo(db, clock);
    repo = volunteersRepo(db, clock, outbox);
  });

  it("teams: the built-in four, an admin's own, retired and back", async () => {
    expect((await repo.teams()).map((t) => [t.key, t.name])).toEqual([
      ["testing", null],
      ["supplies", null],
      ["medicine", null],
      ["home_help", null],
    ]);
    expect(await repo.addTeam("cleaning", "环境消杀", COORD)).toBe("added");
    expect(await repo.addTeam("cleaning", "别的名字", COORD)).toBe("exists");
    expect(await repo.archiveTeam("testing")).toBe(true);
    expect(await repo.archiveTeam("testing")).toBe(false);
    expect((await repo.teams()).map((t) => t.key)).toEqual([
      "supplies",
      "medicine",
      "home_help",
      "cleaning",
    ]);
    expect((await repo.teams({ archived: true })).find((t) => t.key === "testing")?.archived).toBe(
      true,
    );
    expect(await repo.addTeam("testing", null, COORD)).toBe("restored");
    expect((await repo.teams()).map((t) => t.key)).toContain("testing");
  });

  it("profiles and consent: saved, asked once, changed, forgotten", async () => {
    await repo.saveProfile(BIG, {
      teams: ["supplies"],
      availability: ["weekend_morning"],
      buildings: ["3", "5"],
    });
    expect(await repo.profile(BIG)).toMatchObject({
      personId: BIG,
      teams: ["supplies"],
      availability: ["weekend_morning"],
      buildings: ["3", "5"],
      consent: null,
      consentAskedAt: null,
    });
    const question = (chatId: number) => ({
      chatId,
      lane: "normal" as const,
      method: "sendMessage" as const,
      payload: { text: "公示时可以写上名字吗？" },
    });
    await repo.addManual({
      personId: BIG,
      team: null,
      day: "2026-11-22",
      minutes: 60,
      reason: "r",
      addedBy: BIG,
    });
    await repo.addManual({
      personId: VOL2,
      team: null,
      day: "2026-11-22",
      minutes: 60,
      reason: "r",
      addedBy: VOL2,
    });
    expect(await repo.neverAsked()).toEqual([VOL2, BIG]);
    expect(await repo.askConsent(BIG, question(BIG))).toBe(true);
    expect(await repo.askConsent(BIG, question(BIG))).toBe(false);
    expect((await outbox.byChat(BIG)).map((m) => m.payload.text)).toEqual([
      "公示时可以写上名字吗？",
    ]);
    expect(await repo.neverAsked()).toEqual([VOL2]);
    // Someone who answered without being asked is never asked.
    await repo.setConsent(VOL2, "named", "小赵");
    expect(await repo.neverAsked()).toEqual([]);
    expect(await repo.askConsent(VOL2, question(VOL2))).toBe(false);
    await repo.setConsent(VOL2, "anonymous", null);
    expect(await repo.profile(VOL2)).toMatchObject({ consent: "anonymous", publicName: "小赵" });
    await repo.forget(VOL2);
    expect(await repo.profile(VOL2)).toMatchObject({ consent: "anonymous", publicName: null });
  });

  it("shifts: lines for the same times add people; people and shifts come off", async () => {
    const [a] = await repo.addShifts(
      [
        {
          team: "supplies",
          days: [0, 1, 2, 3, 4],
          start: 480,
          end: 720,
          needed: undefined,
          people: [VOL1],
        },
      ],
      COORD,
    );
    const [b, again] = await repo.addShifts(
      [
        { team: "testing", days: [6], start: 1320, end: 360, needed: 3, people: [] },
        {
          team: "supplies",
          days: [0, 1, 2, 3, 4],
          start: 480,
          end: 720,
          needed: undefined,
          people: [VOL2, BIG],
        },
      ],
      COORD,
    );
    expect(again).toBe(a);
    expect(await repo.shifts()).toEqual([
      {
        id: a,
        team: "supplies",
        days: [0, 1, 2, 3, 4],
        start: 480,
        end: 720,
        needed: 3,
        people: [VOL1, VOL2, BIG],
      },
      { id: b, team: "testing", days: [6], start: 1320, end: 360, needed: 3, people: [] },
    ]);
    expect(await repo.removeFromShift(a as number, VOL2)).toBe(true);
    expect(await repo.removeFromShift(a as number, VOL2)).toBe(false);
    expect(await repo.removeShift(b as number)).toBe(true);
    expect((await repo.shifts()).map((s) => [s.id, s.people])).toEqual([[a, [VOL1, BIG]]]);
  });

  it("a task: posted once per thing, the first claim wins, Done writes the hours once", async () => {
    const posts = (t: { id: number }) =>
      [VOL1, VOL2].map((chatId) => ({
        chatId,
        lane: "normal" as const,
        method: "sendMessage" as const,
        payload: { text: "新任务" },
        ref: { type: TASK_POST_REF, id: t.id },
      }));
    const { task: posted, created } = await repo.postTask(task({ type: "delivery", id: 7 }), posts);
    expect(created).toBe(true);
    expect(posted).toMatchObject({
      status: "open",
      ref: { type: "delivery", id: "7" },
      titleArgs: { text: "把菜送到 3 号楼", n: 2, label: { key: "vt-team-supplies" } },
      urgent: false,
    });
    const twice = await repo.postTask(task({ type: "delivery", id: 7 }), posts);
    expect(twice).toMatchObject({ created: false, task: { id: posted.id } });
    expect(await outbox.byRef(TASK_POST_REF, posted.id)).toHaveLength(2);

    const [a, b] = await Promise.all([repo.claim(posted.id, VOL1), repo.claim(posted.id, VOL2)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const winner = a.ok ? VOL1 : VOL2;
    expect((a.ok ? b : a).task?.claimedBy).toBe(winner);
    // The posts still queued for others are dropped.
    expect((await outbox.byRef(TASK_POST_REF, posted.id)).map((m) => m.status)).toEqual([
      "failed",
      "failed",
    ]);

    clock.ms += 75 * 60_000;
    const loser = winner === VOL1 ? VOL2 : VOL1;
    expect((await repo.finish(posted.id, loser, timing)).ok).toBe(false);
    const [d1, d2] = await Promise.all([
      repo.finish(posted.id, winner, timing),
      repo.finish(posted.id, winner, timing),
    ]);
    expect([d1.ok, d2.ok].sort()).toEqual([false, true]);
    expect(await repo.entries()).toMatchObject([
      {
        personId: winner,
        team: "supplies",
        source: "task",
        taskId: posted.id,
        minutes: 75,
        day: "2026-11-22",
      },
    ]);
    expect(await repo.unsettled()).toMatchObject([{ id: posted.id, status: "done" }]);
    expect(await repo.settlePosts(posted.id, [])).toBe(true);
    expect(await repo.settlePosts(posted.id, [])).toBe(false);
    expect(await repo.unsettled()).toEqual([]);

    // Given back: open again, no hours.
    const { task: other } = await repo.postTask(task(), () => []);
    expect((await repo.claim(other.id, VOL1)).ok).toBe(true);
    expect((await repo.release(other.id, VOL2)).ok).toBe(false);
    expect((await repo.release(other.id, VOL1)).task).toMatchObject({
      status: "open",
      claimedBy: null,
    });
    expect((await repo.openTasks()).map((t) => t.id)).toEqual([other.id]);
    expect(await repo.cancel(other.id)).toBe(true);
    expect((await repo.task(other.id))?.status).toBe("cancelled");
  });

  it("a request's task follows the request, and the hours go with its done in its transaction", async () => {
    const ref = { type: "request", id: 12 };
    const follow = (status: "open" | "held" | "claimed" | "done", volunteerId: number | null) =>
      db
        .transaction()
        .execute((trx) => repo.follow(ref, { status, volunteerId }, timing, task(ref), trx));
    // Not posted, nobody holds it: nothing to follow yet.
    expect((await follow("held", null)).task).toBeUndefined();
    // A volunteer accepted it: the task appears, claimed.
    expect((await follow("claimed", VOL1)).task).toMatchObject({
      status: "claimed",
      claimedBy: VOL1,
    });
    clock.ms += 30 * 60_000;
    const done = await follow("done", VOL1);
    expect(done.entry).toMatchObject({ personId: VOL1, minutes: 30, source: "task" });
    // Solved after done changes nothing; reopened, taken again by someone else, done again.
    expect((await follow("done", VOL1)).entry).toBeUndefined();
    expect((await follow("open", null)).task).toMatchObject({ status: "open", claimedBy: null });
    expect((await follow("claimed", VOL2)).task).toMatchObject({ claimedBy: VOL2 });
    clock.ms += 10 * 60_000;
    await follow("done", VOL2);
    expect((await repo.entries()).map((e) => [e.personId, e.minutes])).toEqual([
      [VOL1, 30],
      [VOL2, 10],
    ]);
    // A transaction that fails takes its hours with it.
    clock.ms += 10 * 60_000;
    await follow("open", null);
    await follow("claimed", VOL1);
    await expect(
      db.transaction().execute(async (trx) => {
        await repo.follow(ref, { status: "done", volunteerId: VOL1 }, timing, task(ref), trx);
        throw new Error("the request's update failed");
      }),
    ).rejects.toThrow("the request's update failed");
    expect(await repo.entries()).toHaveLength(2);
  });

  it("a done task taken back by its owner is held again and its hours removed; done again, counted from the same claim", async () => {
    const ref = { type: "groupbuy-delivery", id: "1:3" };
    const inTrx = <T>(f: (trx: DB) => Promise<T>) => db.transaction().execute(f);
    await inTrx((trx) =>
      repo.follow(ref, { status: "claimed", volunteerId: VOL1 }, timing, task(ref), trx),
    );
    clock.ms += 45 * 60_000;
    await inTrx((trx) =>
      repo.follow(ref, { status: "done", volunteerId: VOL1 }, timing, task(ref), trx),
    );
    expect((await repo.entries()).map((e) => e.minutes)).toEqual([45]);
    const reopened = await inTrx((trx) => repo.reopen(ref, trx));
    expect(reopened?.task).toMatchObject({ status: "claimed", claimedBy: VOL1, doneAt: null });
    expect(reopened?.removed.map((e) => e.minutes)).toEqual([45]);
    expect(await repo.entries()).toEqual([]);
    // Not done: nothing to take back.
    expect(await inTrx((trx) => repo.reopen(ref, trx))).toBeUndefined();
    clock.ms += 15 * 60_000;
    await inTrx((trx) =>
      repo.follow(ref, { status: "done", volunteerId: VOL1 }, timing, task(ref), trx),
    );
    expect((await repo.entries()).map((e) => [e.personId, e.minutes])).toEqual([[VOL1, 60]]);
    // A transaction that fails keeps the hours where they were.
    await expect(
      inTrx(async (trx) => {
        await repo.reopen(ref, trx);
        throw new Error("the undo failed");
      }),
    ).rejects.toThrow("the undo failed");
    expect((await repo.taskByRef(ref.type, ref.id))?.status).toBe("done");
    expect(await repo.entries()).toHaveLength(1);
  });

  it("manual hours never pass 24 in a day; a correction keeps the first value and is audited", async () => {
    const add = (minutes: number, day = "2026-11-22") =>
      repo.addManual({
        personId: VOL1,
        team: "supplies",
        day,
        minutes,
        reason: "搬运物资",
        addedBy: VOL1,
      });
    const first = await add(20 * 60);
    expect(first.ok).toBe(true);
    expect(await add(5 * 60)).toEqual({ ok: false, error: "over-day", dayMinutes: 1200 });
    expect((await add(5 * 60, "2026-11-21")).ok).toBe(true);
    const [x, y] = await Promise.all([add(3 * 60), add(3 * 60)]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect(await repo.dayMinutes(VOL1, "2026-11-22")).toBe(23 * 60);

    const id = first.ok ? first.entry.id : -1;
    expect(await repo.correct(id, 22 * 60, "写多了", COORD)).toMatchObject({
      ok: false,
      error: "over-day",
      dayMinutes: 180,
    });
    expect(await repo.correct(9999, 60, "x", COORD)).toEqual({ ok: false, error: "unknown" });
    const fixed = await repo.correct(id, 18 * 60, "写多了", COORD, (before, after) => [
      {
        chatId: after.personId,
        lane: "normal",
        method: "sendMessage",
        payload: { text: `${before.minutes}→${after.minutes}` },
      },
    ]);
    expect(fixed).toMatchObject({
      ok: true,
      entry: { minutes: 1080, originalMinutes: 1200, correctedBy: COORD },
    });
    await repo.correct(id, 17 * 60, "又改了", COORD);
    expect(await repo.entry(id)).toMatchObject({
      minutes: 1020,
      originalMinutes: 1200,
      correctionReason: "又改了",
    });
    expect((await outbox.byChat(VOL1)).map((m) => m.payload.text)).toEqual(["1200→1080"]);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "volunteer.hours.correct")
      .execute();
    expect(audit.map((r) => JSON.parse(r.detail ?? "{}"))).toEqual([
      { entry: id, person: VOL1, from: 1200, to: 1080, reason: "写多了" },
      { entry: id, person: VOL1, from: 1080, to: 1020, reason: "又改了" },
    ]);
    expect(
      (await repo.entries({ from: "2026-11-22", to: "2026-11-22" })).map((e) => e.minutes),
    ).toEqual([1020, 180]);
    expect((await repo.entriesOf(VOL1)).map((e) => e.day)).toEqual([
      "2026-11-22",
      "2026-11-22",
      "2026-11-21",
    ]);
  });
}
