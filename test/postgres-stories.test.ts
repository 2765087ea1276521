/**
 * The whole bot on the PostgreSQL dialect: a handful of end-to-end stories
 * (registration, a notice, a request, the morning check-in, an SOS) on PGlite
 * (PostgreSQL in this process, so the default `npm test` needs no server) and,
 * when TEST_POSTGRES_URL is set, on the real server too.
 *
 * Lean on purpose: PGlite is slow and big, so one instance per target, and
 * the stories share one community, told in order.
 */
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckinJobs } from "../features/checkin/job.js";
import { runEscalations } from "../features/escalation/job.js";
import { buttonData, buttonUrls, Harness, u } from "./harness.js";
import { type ScratchDatabase, scratchPostgres } from "./postgres.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
/** Ids past 2^32, as real Telegram users have. */
const A = u.makeUser(2 ** 32 + 2001, { first_name: "A", language_code: "zh-hans" });
const B = u.makeUser(2 ** 32 + 2002, { first_name: "B", language_code: "en" });
/** Supergroup ids need more than 32 bits. */
const GROUP3 = -1003000000003;
const STAFF_GROUP = -1009000000009;

const at = (time: string, day = "2026-11-23") => `${day}T${time}:00+08:00`;

const choose = (h: Harness, user: User, data: string, chat: number = user.id) =>
  h.press(user, h.withButton(chat, data), data);

const SERVER = process.env.TEST_POSTGRES_URL;
const targets: Array<{ name: string; open: () => Promise<ScratchDatabase> }> = [
  { name: "PGlite", open: async () => ({ url: "pglite:", drop: async () => {} }) },
  ...(SERVER ? [{ name: "PostgreSQL", open: () => scratchPostgres(SERVER, "stories") }] : []),
];

describe.each(targets)("the bot on $name", (target) => {
  let h: Harness;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await target.open();
    h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl: scratch.url });
    h.clock.set(at("07:00"));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await scratch?.drop();
  });

  it("registration: staff, a layout, bound groups and two households", async () => {
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
    for (const person of [ADMIN, WORKER, COORD]) await h.text(person, "/start");
    await h.text(ADMIN, "/layout\n3,2,501\n3,2,502");
    await h.bindGroup(ADMIN, GROUP3, "3");
    await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
    await h.register(A, "3-2-501", { name: "王阿姨", phone: "13800138000", members: 2 });
    await h.register(B, "3-2-502", { name: "Brown", phone: "Skip" });
    await h.drain();

    const a = await h.storage.households.ofPerson(A.id);
    expect(a).toMatchObject({ displayName: "王阿姨", household: { members: 2 } });
    expect((await h.storage.households.ofPerson(B.id))?.displayName).toBe("Brown");
    expect((await h.storage.people.get(A.id))?.id).toBe(A.id);
    expect((await h.storage.groups.get(GROUP3))?.chatId).toBe(GROUP3);
  });

  it("a notice to one unit reaches each resident once", async () => {
    h.fake.clearCalls();
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "明天 8 点起 3-2 单元解除封控");
    await h.text(WORKER, "3-2");
    for (const step of ["nt:c:nomore", "nt:c:normal", "nt:c:now", "nt:c:send"]) {
      await choose(h, WORKER, step);
    }
    await h.drain();
    for (const resident of [A, B]) {
      const got = h.fake.messagesIn(resident.id).filter((m) => m.text?.includes("解除封控"));
      expect(got).toHaveLength(1);
    }
    const notice = await h.storage.db
      .selectFrom("notices")
      .select("id")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const rows = await h.storage.outbox.byRef("notice", notice.id);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.status === "sent" && typeof r.messageId === "number")).toBe(true);
  });

  it("a request: filed by the resident, carded to the staff group without the phone", async () => {
    h.fake.clearCalls();
    await h.text(A, "/request");
    await choose(h, A, "rqc:cat:medicine");
    await h.text(A, "硝苯地平缓释片");
    await h.text(A, "2 盒");
    await choose(h, A, "rqc:photos:none");
    await choose(h, A, "rqc:urg:today");
    await choose(h, A, "rqc:sum:send");
    expect(h.lastText(A)).toContain("编号 1123-001");
    await h.drain();
    const card = h.withButton(STAFF_GROUP, "rq:take:1");
    expect(card.text).toContain("1123-001");
    expect(card.text).not.toContain("13800138000");
    await h.press(COORD, card, "rq:take:1");
    expect(h.callbackAnswers().at(-1)).toContain("已由您接手");
    const request = await h.storage.db.selectFrom("requests").selectAll().executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: "taken", household_id: expect.any(Number) });
  });

  it("the morning check-in prompt reaches the building group once, and a reading is stored", async () => {
    h.fake.clearCalls();
    h.clock.set(at("08:00"));
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();
    h.clock.set(at("08:01"));
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();
    const prompts = h.fake
      .messagesIn(GROUP3)
      .filter((m) => buttonUrls(m).some((url) => url.endsWith("?start=checkin")));
    expect(prompts).toHaveLength(1);

    await h.text(B, "/start checkin");
    await h.text(B, "36.6");
    await choose(h, B, "ci:s:fine");
    const readings = await h.storage.db.selectFrom("checkin_readings").selectAll().execute();
    expect(readings).toHaveLength(1);
    expect(readings[0]?.celsius).toBe(36.6);
  });

  it("an SOS pages the coordinator on duty, climbs the ladder once, and stops when taken", async () => {
    h.fake.clearCalls();
    h.clock.set(at("09:00"));
    await h.text(COORD, "/duty on");
    await h.text(A, "/sos 老伴摔倒了，起不来");
    await h.drain();
    const item = (await h.storage.escalations.recent(1))[0];
    if (!item) throw new Error("no urgent item");
    const pages = (chat: number) =>
      h.fake.messagesIn(chat).filter((m) => buttonData(m).includes(`esc:ack:${item.id}`));
    expect(pages(COORD.id)).toHaveLength(1);
    expect(pages(COORD.id)[0]?.text).toContain("老伴摔倒了");

    // Step 2 at five minutes, once however often the job runs.
    h.clock.advance(5 * 60_000);
    await runEscalations(h.deps, h.bot.api);
    await runEscalations(h.deps, h.bot.api);
    await h.drain();
    expect(pages(STAFF_GROUP)).toHaveLength(1);
    expect(pages(STAFF_GROUP)[0]?.text).not.toContain("13800138000");

    const page = pages(COORD.id)[0];
    if (!page) throw new Error("no page");
    await h.press(COORD, page, `esc:ack:${item.id}`);
    await h.drain();
    expect((await h.storage.escalations.get(item.id))?.status).toBe("acknowledged");
  });
});
