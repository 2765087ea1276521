/**
 * One person can't flood the bot: SOS, requests, questions about notices and
 * commands have per-person limits (stricter for people who aren't
 * registered), a second SOS folds into the open one, many urgent items at
 * once tell the admins once, and refusals in a group are said once.
 */
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { runEscalations } from "../features/escalation/job.js";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const LI = u.makeUser(4001, { first_name: "Li", username: "li_coord", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const NEIGHBOUR = u.makeUser(2002, { first_name: "Chen", language_code: "zh-hans" });
const STRANGER = u.makeUser(6001, {
  first_name: "X",
  username: "x_flood",
  language_code: "zh-hans",
});
const GROUP3 = -1003000000003;
const SECOND = 1000;
const MINUTE = 60_000;

/**
 * Monday 09:00: an admin (from ADMIN_IDS), a coordinator on duty, a worker,
 * building 3's group, two registered residents and someone not registered.
 */
async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  h.clock.set("2026-11-23T09:00:00+08:00");
  await h.storage.roles.grant(LI.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  for (const person of [ADMIN, LI, WORKER]) await h.text(person, "/start");
  await h.text(LI, "/duty on");
  await h.bindGroup(ADMIN, GROUP3, "3");
  await h.register(RESIDENT, "3-2-501", { name: "王阿姨", phone: "13800138000" });
  await h.register(NEIGHBOUR, "3-2-502", { name: "陈先生", phone: "13900139000" });
  await h.drain();
  h.fake.clearCalls();
  return h;
}

/** Pages (messages with an I'm on it button) in a chat. */
const pagesIn = (h: Harness, chat: number) =>
  h.fake.messagesIn(chat).filter((m) => buttonData(m).some((d) => d.startsWith("esc:ack:")));

const texts = (h: Harness, chat: number | User) =>
  h.fake.textsIn(typeof chat === "number" ? chat : chat.id);

describe("one person can't flood it", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("20 SOS in 20 s from someone not registered: at most 3 pages, they are told it is with the coordinators, and a real second SOS still pages at once", async () => {
    h = await community();
    for (let i = 1; i <= 20; i++) {
      await h.text(STRANGER, `/sos 救命 ${i}`);
      h.clock.advance(SECOND);
    }
    await h.drain();

    const pages = pagesIn(h, LI.id);
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(pages).toHaveLength(1); // the first raised it; the rest folded in or were over the limit
    expect(pages[0]?.text).toContain("救命 1");
    const items = await h.storage.escalations.recent(50);
    expect(items).toHaveLength(1);
    // Every SOS got an answer; from the second on, that it is already with the coordinators.
    const replies = texts(h, STRANGER);
    expect(replies).toHaveLength(20);
    expect(replies[0]).toContain("求助已发出");
    for (const reply of replies.slice(1)) expect(reply).toContain("已经在值班人员那里");
    // Folded ones are lines on the item's timeline (a bounded number of them).
    const again = (await h.storage.escalations.timeline(items[0]?.id as number)).filter(
      (e) => e.type === "again",
    );
    expect(again.length).toBeGreaterThan(0);
    expect(again.length).toBeLessThanOrEqual(2);

    // A real second person's SOS still pages the coordinator at once.
    await h.text(RESIDENT, "/sos 老伴摔倒了，起不来");
    expect(h.lastText(RESIDENT)).toContain("已通知正在值班的 1 位工作人员");
    await h.drain();
    const after = pagesIn(h, LI.id);
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain("老伴摔倒了");
  });

  it("a second SOS while the first is still open folds into it: one more timeline line, no new ladder", async () => {
    h = await community();
    await h.text(RESIDENT, "🆘 紧急求助 SOS");
    await h.text(RESIDENT, "老伴摔倒了");
    await h.drain();
    const [item] = await h.storage.escalations.recent(5);
    const id = item?.id as number;
    expect(pagesIn(h, LI.id)).toHaveLength(1);

    h.clock.advance(MINUTE);
    await h.text(RESIDENT, "🆘 紧急求助 SOS");
    await h.text(RESIDENT, "头上在流血");
    expect(h.lastText(RESIDENT)).toContain(`已补充到您的求助 #${id}`);
    await h.drain();
    expect(await h.storage.escalations.recent(5)).toHaveLength(1);
    expect(pagesIn(h, LI.id)).toHaveLength(1);
    await h.text(LI, `/escalation ${id}`);
    expect(h.lastText(LI)).toContain("再次求助：头上在流血");

    // The one ladder goes on: step 2 five minutes after the first SOS, once.
    h.clock.advance(4 * MINUTE);
    await runEscalations(h.deps);
    await h.drain();
    expect(pagesIn(h, LI.id)).toHaveLength(2);
    expect((await h.storage.escalations.pages(id)).map((p) => p.step)).toEqual([1, 2]);

    // Once someone took it, a new SOS is a new item.
    await h.press(LI, pagesIn(h, LI.id)[1] as never, `esc:ack:${id}`);
    await h.text(RESIDENT, "/sos 又摔倒了");
    await h.drain();
    expect(await h.storage.escalations.recent(5)).toHaveLength(2);
  });

  it("many urgent items in a few minutes tell the admins once, with counts and nothing private", async () => {
    h = await community();
    const others = [2003, 2004, 2005].map((id) =>
      u.makeUser(id, { first_name: `R${id}`, language_code: "zh-hans" }),
    );
    for (const [i, user] of others.entries()) {
      await h.register(user, `3-1-10${i + 1}`, { phone: `1370000000${i}` });
    }
    h.fake.clearCalls();
    const burst = () => texts(h, ADMIN).filter((t) => t.includes("比平时多"));

    await h.text(RESIDENT, "/sos 老伴摔倒了");
    await h.text(NEIGHBOUR, "/sos 煤气味很重");
    h.clock.advance(3 * MINUTE);
    await h.text(others[0] as User, "/sos 胸口疼");
    await h.text(others[1] as User, "/sos 喘不上气");
    await h.drain();
    expect(burst()).toHaveLength(0); // four in ten minutes: not yet
    h.clock.advance(3 * MINUTE);
    await h.text(others[2] as User, "/sos 发高烧");
    await h.drain();
    expect(burst()).toHaveLength(1);
    const alert = burst()[0] as string;
    expect(alert).toContain("最近 10 分钟内有 5 件紧急事项");
    expect(alert).toContain("SOS 紧急求助 5");
    for (const secret of ["13800138000", "老伴", "煤气", "3-2-501", "王阿姨"]) {
      expect(alert).not.toContain(secret);
    }
    expect(texts(h, LI).some((t) => t.includes("比平时多"))).toBe(false);

    // A sixth right after: the admins were already told.
    await h.text(ADMIN, "/page 3栋停水");
    await h.drain();
    expect(burst()).toHaveLength(1);
  });

  it("twenty refused staff commands in a building group get one reply, not twenty", async () => {
    h = await community();
    const before = texts(h, GROUP3).length; // the welcome
    const replies = () => texts(h, GROUP3).slice(before);
    for (let i = 0; i < 10; i++) {
      await h.groupText(RESIDENT, GROUP3, "/onduty");
      await h.groupText(RESIDENT, GROUP3, "/bind 4");
    }
    for (let i = 0; i < 20; i++) await h.groupText(STRANGER, GROUP3, "/notice");
    expect(replies()).toHaveLength(2);
    expect(replies()[0]).toContain("只有");
    expect(replies()[1]).toContain("私聊");
    // A command for another bot in the same group is none of ours.
    for (let i = 0; i < 5; i++) await h.groupText(NEIGHBOUR, GROUP3, "/onduty@other_bot");
    await h.groupText(NEIGHBOUR, GROUP3, "/onduty");
    expect(replies()).toHaveLength(3);
    // Ten minutes on, the resident is told again (once).
    h.clock.advance(10 * MINUTE);
    await h.groupText(RESIDENT, GROUP3, "/onduty");
    await h.groupText(RESIDENT, GROUP3, "/onduty");
    expect(replies()).toHaveLength(4);
  });

  it("commands in private: a stranger gets 10 a minute and one 'slow down'; /sos always goes through", async () => {
    h = await community();
    for (let i = 0; i < 15; i++) await h.text(STRANGER, "/help");
    const replies = texts(h, STRANGER);
    expect(replies.filter((t) => t.includes("/help"))).toHaveLength(10);
    expect(replies.filter((t) => t.includes("发命令太快了"))).toHaveLength(1);
    expect(replies).toHaveLength(11);
    await h.text(STRANGER, "/sos 有人晕倒了");
    expect(h.lastText(STRANGER)).toContain("求助已发出");
    // A registered resident gets twice as many.
    h.clock.advance(MINUTE);
    const before = texts(h, RESIDENT).length;
    for (let i = 0; i < 21; i++) await h.text(RESIDENT, "/help");
    const helps = texts(h, RESIDENT).slice(before);
    expect(helps.filter((t) => t.includes("/help"))).toHaveLength(20);
    expect(helps.at(-1)).toContain("发命令太快了");
    // A minute on, the stranger can use commands again.
    h.clock.advance(MINUTE);
    await h.text(STRANGER, "/help");
    expect(h.lastText(STRANGER)).toContain("/help");
  });

  it("requests: six an hour for a resident, then a polite no, and one more every ten minutes", async () => {
    h = await community();
    const file = async (words: string) => {
      await h.text(RESIDENT, "/request");
      await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:cat:other"), "rqc:cat:other");
      await h.text(RESIDENT, words);
      await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:urg:later"), "rqc:urg:later");
      await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:sum:send"), "rqc:sum:send");
    };
    for (let i = 1; i <= 6; i++) await file(`需要帮忙搬东西 ${i}`);
    expect(await h.storage.db.selectFrom("requests").select("id").execute()).toHaveLength(6);
    await h.text(RESIDENT, "/request");
    expect(h.lastText(RESIDENT)).toContain("一小时内已经提交了好几条求助");
    expect(await h.storage.db.selectFrom("requests").select("id").execute()).toHaveLength(6);
    h.clock.advance(10 * MINUTE);
    await file("需要帮忙搬东西 7");
    expect(await h.storage.db.selectFrom("requests").select("id").execute()).toHaveLength(7);
  });

  it("questions about notices: five an hour for a resident", async () => {
    h = await community();
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "明天上午 9 点在楼下做核酸");
    await h.text(WORKER, "3-2-501");
    for (const choice of ["nomore", "normal", "now", "send"]) {
      await h.press(WORKER, h.withButton(WORKER, `nt:c:${choice}`), `nt:c:${choice}`);
    }
    await h.drain();
    const notice = h.withButton(RESIDENT, "nt:q:1");
    for (let i = 1; i <= 5; i++) {
      await h.press(RESIDENT, notice, "nt:q:1");
      await h.text(RESIDENT, `请问要带身份证吗？${i}`);
      expect(h.lastText(RESIDENT)).toContain("您的疑问已转给社区工作人员");
    }
    await h.press(RESIDENT, notice, "nt:q:1");
    expect(h.callbackAnswers().at(-1)).toContain("已经提了好几个问题");
    const questions = await h.storage.db
      .selectFrom("requests")
      .select("id")
      .where("category", "=", "policy")
      .execute();
    expect(questions).toHaveLength(5);
  });
});
