/**
 * "Send it" is answered at once (issue 11): the notice is durable, with a row
 * saying it is to be expanded, before the worker is told it was sent; the
 * deliveries are written in chunks afterwards by a job that resumes after a
 * restart, and nobody gets the notice twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { computeNoticeReport } from "../domain/notice-report.js";
import { expandNotices } from "../features/notices/index.js";
import { tallyReport } from "../features/notices/job.js";
import { Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "en" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "en" });
const GROUP3 = -1003000000003;
const TEXT = "Water off tomorrow 8:00-12:00";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function seedResidents(h: Harness, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = 600_000 + i;
    ids.push(id);
    await h.storage.people.touch({ id, first_name: `R${i}` }, true);
    h.fake.userStarted(id);
    await h.storage.households.register({
      personId: id,
      address: { building: "3", unit: String(1 + (i % 2)), room: String(100 + i) },
      displayName: `R${i}`,
      phone: null,
      members: 1,
      flags: [],
    });
  }
  return ids;
}

/** The worker composes a notice to building 3 and presses "Send it". */
async function confirmNotice(h: Harness): Promise<void> {
  const choose = (data: string) => h.press(WORKER, h.withButton(WORKER, data), data);
  await h.text(WORKER, "/notice");
  await h.text(WORKER, TEXT);
  await h.text(WORKER, "3");
  await choose("nt:c:nomore");
  await choose("nt:c:normal");
  await choose("nt:c:now");
  await choose("nt:c:send");
}

describe("the fast confirm", () => {
  it("confirm, then a crash between the answer and the last chunk: after the restart everyone gets it exactly once", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const h = await Harness.start({
      adminIds: [ADMIN.id],
      databaseUrl: `${tmp.dir}/linli.sqlite`,
      locale: "en",
      holdBackground: true,
    });
    cleanups.push(() => h.close());
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    await h.bindGroup(ADMIN, GROUP3, "3");
    const ids = await seedResidents(h, 50);
    h.clock.set("2026-11-22T10:00:00+08:00"); // outside quiet hours

    await confirmNotice(h);
    // Answered, and durable: the notice and its expansion row exist; no delivery yet.
    const answer = h.fake
      .messagesIn(WORKER.id)
      .find((m) => m.text?.startsWith("Notice #1 is on its way to 50 people"));
    expect(answer).toBeDefined();
    const notice = await h.storage.notices.get(1);
    expect(notice?.recipients).toBe(50);
    expect(await h.storage.notices.pendingExpansions()).toHaveLength(1);
    expect(await h.storage.notices.deliveries(1)).toHaveLength(0);

    // Two chunks of 10 are written and sent; then the process dies.
    expect(await expandNotices(h.deps, { chunk: 10, maxChunks: 2 })).toBe(2);
    h.outbox.kick();
    await h.outbox.idle();
    const before = ids.filter((id) => h.fake.messagesIn(id).length > 0);
    expect(before).toHaveLength(20);
    await h.restart();

    // The job resumes where the cursor stopped.
    await expandNotices(h.deps, { chunk: 10 });
    await h.drain();
    for (const id of ids) {
      const got = h.fake.messagesIn(id).filter((m) => m.text?.includes(TEXT));
      expect(got, `resident ${id}`).toHaveLength(1);
    }
    expect(await h.storage.notices.deliveries(1)).toHaveLength(50);
    expect((await h.storage.notices.get(1))?.recipients).toBe(50);
    expect(await h.storage.notices.pendingExpansions()).toHaveLength(0);
    // The building group's pointer went once, at the end.
    const pointers = h.fake.messagesIn(GROUP3).filter((m) => m.text?.includes("@linli_test_bot"));
    expect(pointers).toHaveLength(1);
    // A second run finds nothing to do.
    expect(await expandNotices(h.deps)).toBe(0);
    // The live report, counted 7 rows at a time, is the report of all the rows at once.
    const paged = await tallyReport(h.storage, 1, 7);
    expect(paged).toEqual(computeNoticeReport(await h.storage.notices.reportFacts(1)));
    expect(paged.total.recipients).toBe(50);
  }, 60_000);

  it("two expansions at once write each resident once", async () => {
    const h = await Harness.start({ adminIds: [ADMIN.id], locale: "en", holdBackground: true });
    cleanups.push(() => h.close());
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    const ids = await seedResidents(h, 30);
    h.clock.set("2026-11-22T10:00:00+08:00");
    await confirmNotice(h);
    // The background task "Send it" started, and two more runs (the job, a second process).
    h.deps.background.release();
    await Promise.all([
      expandNotices(h.deps, { chunk: 7 }),
      expandNotices(h.deps, { chunk: 7 }),
      h.deps.background.idle(),
    ]);
    await h.drain();
    for (const id of ids) {
      expect(h.fake.messagesIn(id).filter((m) => m.text?.includes(TEXT))).toHaveLength(1);
    }
    expect(await h.storage.notices.deliveries(1)).toHaveLength(30);
  }, 60_000);
});
