import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { runEscalations } from "../features/escalation/job.js";
import { raiseUrgent } from "../features/escalation/service.js";
import { buttonData, Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const LI = u.makeUser(4001, { first_name: "Li", username: "li_coord", language_code: "zh-hans" });
const ZHAO = u.makeUser(4002, { first_name: "Zhao", username: "zhao_coord", language_code: "en" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const STRANGER = u.makeUser(6001, {
  first_name: "Chen",
  username: "chen_x",
  language_code: "zh-hans",
});
const STAFF_GROUP = -1009000000009;
const MINUTE = 60_000;

const at = (time: string, day = "2026-11-23") => `${day}T${time}:00+08:00`;

const register = (h: Harness, user: User, address: string, phone: string) =>
  h.register(user, address, { name: "王阿姨", phone });

/**
 * A community on Monday 09:00: two coordinators (Li reads Chinese, Zhao
 * English), a worker, a bound staff group, one registered resident. Nobody
 * is on duty yet.
 */
async function community(databaseUrl?: string): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl });
  h.clock.set(at("09:00"));
  await h.storage.roles.grant(LI.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(ZHAO.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  for (const person of [ADMIN, LI, ZHAO, WORKER]) await h.text(person, "/start");
  await h.send(u.myChatMember(u.groupChat(STAFF_GROUP), ADMIN, "left", "member", h.fake.botInfo));
  await h.groupText(ADMIN, STAFF_GROUP, "/bind staff");
  await register(h, RESIDENT, "3-2-501", "13800138000");
  await h.drain();
  h.fake.clearCalls();
  return h;
}

/** Pages (messages with the I'm on it button) each chat has received for item `id`. */
const pagesIn = (h: Harness, chat: number, id: number) =>
  h.fake.messagesIn(chat).filter((m) => buttonData(m).includes(`esc:ack:${id}`) || m.edits > 0);

async function tick(h: Harness, ms = 0) {
  h.clock.advance(ms);
  await runEscalations(h.deps, h.bot.api);
  await h.drain();
}

async function sos(h: Harness, user: User, text: string): Promise<number> {
  await h.text(user, `/sos ${text}`);
  await h.drain();
  const item = (await h.storage.escalations.recent(1))[0];
  if (!item) throw new Error("no urgent item");
  return item.id;
}

describe("escalation", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("step 1 → step 2 → step 3 on time, at 3 am too, then repeats and is marked unacknowledged", async () => {
    h = await community();
    h.clock.set(at("03:00")); // quiet hours: urgent pages don't wait for the morning
    await h.text(LI, "/duty on");
    expect(h.lastText(LI)).toContain("您现在在值班");
    await h.text(RESIDENT, "🆘 紧急求助 SOS");
    expect(h.lastText(RESIDENT)).toContain("发生了什么");
    await h.text(RESIDENT, "老伴摔倒了，起不来");
    expect(h.lastText(RESIDENT)).toContain("已通知正在值班的 1 位工作人员");
    await h.drain();

    const id = (await h.storage.escalations.recent(1))[0]?.id as number;
    const [page] = pagesIn(h, LI.id, id);
    expect(page?.text).toContain("SOS 紧急求助");
    expect(page?.text).toContain("老伴摔倒了，起不来");
    expect(page?.text).toContain("房号：3-2-501");
    expect(page?.text).toContain("电话：13800138000");
    expect(page?.text).toContain("刚刚");
    expect(buttonData(page!)).toEqual([`esc:ack:${id}`, `esc:no:${id}`]);
    const rows = await h.storage.outbox.byRef("escalation", id);
    expect(rows.map((r) => [r.chatId, r.lane, r.status])).toEqual([[LI.id, "urgent", "sent"]]);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(0);
    expect(pagesIn(h, STAFF_GROUP, id)).toHaveLength(0);

    // 4 minutes: nothing yet. 5 minutes: step 2, every coordinator and the staff group.
    await tick(h, 4 * MINUTE);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(0);
    await tick(h, 1 * MINUTE);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
    expect(pagesIn(h, ZHAO.id, id)[0]?.text).toContain("5 min ago"); // in Zhao's English
    expect(pagesIn(h, ZHAO.id, id)[0]?.text).toContain("all coordinators are asked now");
    expect(pagesIn(h, STAFF_GROUP, id)).toHaveLength(1);
    expect(pagesIn(h, LI.id, id)).toHaveLength(2);
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(0);
    // Running again at the same time pages nobody twice.
    await tick(h);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);

    // Another 5 minutes: step 3, the admins.
    await tick(h, 4 * MINUTE);
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(0);
    await tick(h, 1 * MINUTE);
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(1);
    expect(pagesIn(h, ADMIN.id, id)[0]?.text).toContain("现在通知管理员");

    // Steps 2 and 3 repeat three times, then the admins are told it was never taken.
    for (let i = 0; i < 6; i++) await tick(h, 5 * MINUTE);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(4);
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(4);
    let item = await h.storage.escalations.get(id);
    expect(item?.status).toBe("open");
    await tick(h, 5 * MINUTE);
    item = await h.storage.escalations.get(id);
    expect(item?.status).toBe("unacknowledged");
    expect(h.lastText(ADMIN)).toContain("仍然没有人接手");
    expect(h.lastText(ADMIN)).toContain("无人接手");
    await tick(h, 30 * MINUTE);
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(4);

    const stats = await h.storage.escalations.ackStats(
      new Date(at("00:00")),
      new Date(at("23:59")),
    );
    expect(stats.medianSecondsToAck).toBeNull();
    expect(stats.unacknowledged.map((i) => [i.id, i.status])).toEqual([[id, "unacknowledged"]]);

    // The timeline, for staff.
    await h.text(WORKER, `/escalation ${id}`);
    const timeline = h.lastText(WORKER);
    expect(timeline).toContain(`紧急事项 #${id}`);
    expect(timeline).toContain("03:00:00 由 王阿姨 发起");
    expect(timeline).toContain("03:00:00 第 1 步（第 1 轮）：通知了 1 处");
    expect(timeline).toContain("03:05:00 第 2 步（第 1 轮）：通知了 3 处");
    expect(timeline).toContain("03:10:00 第 3 步（第 1 轮）：通知了 1 处");
    expect(timeline).toContain("无人接手：记入台账并告诉管理员");
    expect(timeline).toMatch(/→ Li：03:00:00 已送达（消息 \d+）/);
  });

  it("an acknowledgement at step 1 stops everything: the pages are edited and the resident is told who is coming", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    await h.text(ZHAO, "/duty on");
    const id = await sos(h, RESIDENT, "煤气味很重");
    expect(pagesIn(h, LI.id, id)).toHaveLength(1);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);

    h.clock.advance(2 * MINUTE + 10_000);
    await h.press(LI, h.withButton(LI, `esc:ack:${id}`), `esc:ack:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("交给您了");
    await h.drain();

    const liPage = pagesIn(h, LI.id, id)[0];
    const zhaoPage = pagesIn(h, ZHAO.id, id)[0];
    expect(liPage?.text).toContain("✅ 已由 Li 接手（09:02，发起后 2 分 10 秒）");
    expect(zhaoPage?.text).toContain("✅ Taken by Li at 09:02 (2 min 10 s after it was raised)");
    expect(zhaoPage?.text).toContain("煤气味很重"); // the page is still readable
    expect(buttonData(liPage!)).toEqual([]);
    expect(buttonData(zhaoPage!)).toEqual([]);
    expect(h.lastText(RESIDENT)).toBe(
      `✅ 您的紧急求助（#${id}）已由社区的 Li 接手，正在赶来或会马上联系您。`,
    );

    // Nothing more goes out for it, however long we wait.
    const sentBefore = h.fake.callsTo("sendMessage").length;
    for (let i = 0; i < 10; i++) await tick(h, 5 * MINUTE);
    expect(h.fake.callsTo("sendMessage").length).toBe(sentBefore);
    expect(pagesIn(h, STAFF_GROUP, id)).toEqual([]);

    // Zhao presses after Li took it; Li presses again.
    await h.press(ZHAO, zhaoPage!, `esc:ack:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("Li already took this at 09:02");
    await h.press(LI, liPage!, `esc:ack:${id}`);
    expect(h.callbackAnswers().at(-1)).toBe("您已经接手了这件事。");
    const item = await h.storage.escalations.get(id);
    expect(item).toMatchObject({ status: "acknowledged", acknowledgedBy: LI.id });

    await h.text(WORKER, `/escalation ${id}`);
    const timeline = h.lastText(WORKER);
    expect(timeline).toContain("Li 已接手（2 分 10 秒）");
    expect(timeline).toContain("09:02:10 Li：我来处理（发起后 2 分 10 秒）");
    expect(timeline).toMatch(/→ Zhao：09:00:00 已送达（消息 \d+），已改为“已接手”/);
    await h.text(WORKER, "/escalation");
    expect(h.lastText(WORKER)).toContain(
      `#${id} 11-23 09:00 SOS 紧急求助 3-2-501 — Li 已接手（2 分 10 秒）`,
    );

    const stats = await h.storage.escalations.ackStats(
      new Date(at("00:00")),
      new Date(at("23:59")),
    );
    expect(stats).toMatchObject({ total: 1, acknowledged: 1, medianSecondsToAck: 130 });
    expect(stats.unacknowledged).toEqual([]);
  });

  it("pages already queued are cancelled when someone takes the item", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    const id = await sos(h, RESIDENT, "家里漏水，水很大");
    // The dispatcher is held back, so step 2's pages wait in the outbox.
    await h.outbox.stop();
    await tick(h, 5 * MINUTE);
    const queued = (await h.storage.outbox.byRef("escalation", id)).filter(
      (r) => r.status === "pending",
    );
    expect(queued.map((r) => r.chatId).sort()).toEqual([STAFF_GROUP, LI.id, ZHAO.id].sort());

    await h.press(LI, h.withButton(LI, `esc:ack:${id}`), `esc:ack:${id}`);
    await h.outbox.start();
    await h.drain();
    for (const row of queued) {
      const now = await h.storage.outbox.get(row.id);
      expect(now).toMatchObject({ status: "failed", lastError: "cancelled: acknowledged" });
    }
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(0);
    expect(pagesIn(h, STAFF_GROUP, id)).toEqual([]);
    // Only the one page that had gone out is edited.
    expect(h.fake.callsTo("editMessageText")).toHaveLength(1);
    await tick(h, 20 * MINUTE);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(0);
    await h.text(WORKER, `/escalation ${id}`);
    expect(h.lastText(WORKER)).toContain("取消了 3 条还没发出的呼叫");
  });

  it("a page that was on the wire when someone took the item is edited once it has gone out", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    await h.text(ZHAO, "/duty on");
    await h.outbox.stop();
    const id = await raiseUrgent(h.deps, {
      kind: "page",
      summary: "2栋有人被困电梯",
      raisedBy: ADMIN.id,
    });
    // The dispatcher has claimed both pages; Li's reaches her first.
    const claimed = await h.storage.outbox.claim(10);
    const deliver = async (chatId: number) => {
      const row = claimed.find((r) => r.chatId === chatId);
      if (!row) throw new Error(`no page for ${chatId}`);
      const sent = await h.bot.api.raw.sendMessage({
        ...(row.payload as { text: string }),
        chat_id: chatId,
      });
      await h.storage.outbox.markSent(row.id, sent.message_id);
    };
    await deliver(LI.id);
    await h.press(LI, h.withButton(LI, `esc:ack:${id}`), `esc:ack:${id}`);
    // Zhao's page was on the wire and arrives after Li took it.
    await deliver(ZHAO.id);
    await h.outbox.start();
    await tick(h);
    expect(pagesIn(h, ZHAO.id, id)[0]?.text).toContain("✅ Taken by Li");
    expect(buttonData(pagesIn(h, ZHAO.id, id)[0]!)).toEqual([]);
    expect(pagesIn(h, LI.id, id)[0]?.text).toContain("✅ 已由 Li 接手");
    // The admin who paged hears who took it.
    expect(h.lastText(ADMIN)).toContain(`紧急事项 #${id} 已由 Li 在 09:00 接手`);
    await tick(h, 10 * MINUTE);
    expect(h.fake.callsTo("editMessageText")).toHaveLength(2);
  });

  it("two coordinators press I'm on it at the same moment: exactly one wins", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    await h.text(ZHAO, "/duty on");
    const id = await sos(h, RESIDENT, "胸口疼");
    await Promise.all([
      h.press(LI, h.withButton(LI, `esc:ack:${id}`), `esc:ack:${id}`),
      h.press(ZHAO, h.withButton(ZHAO, `esc:ack:${id}`), `esc:ack:${id}`),
    ]);
    await h.drain();
    const item = await h.storage.escalations.get(id);
    const winner = item?.acknowledgedBy;
    expect([LI.id, ZHAO.id]).toContain(winner);
    const answers = h.callbackAnswers();
    expect(answers.filter((a) => a.includes("交给您了") || a.includes("It's yours"))).toHaveLength(
      1,
    );
    expect(
      answers.filter((a) => a.includes("接手了这件事") || a.includes("already took")),
    ).toHaveLength(1);
    const events = await h.storage.escalations.timeline(id);
    expect(events.filter((e) => e.type === "acknowledged")).toHaveLength(1);
    expect(h.fake.textsIn(RESIDENT.id).filter((t) => t.includes("已由社区的"))).toHaveLength(1);
  });

  it("with nobody on duty, all coordinators and the staff group are paged at once", async () => {
    h = await community();
    await h.text(WORKER, "/onduty");
    expect(h.lastText(WORKER)).toContain("现在没有人值班");
    const id = await sos(h, RESIDENT, "停电了，呼吸机不能用");
    expect(h.fake.textsIn(RESIDENT.id).at(-1)).toContain("已通知全体值班人员");
    expect(pagesIn(h, LI.id, id)).toHaveLength(1);
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
    expect(pagesIn(h, STAFF_GROUP, id)).toHaveLength(1);
    expect(pagesIn(h, STAFF_GROUP, id)[0]?.text).toContain("值班人员还没有人接手");
    expect(pagesIn(h, ADMIN.id, id)).toHaveLength(0);
    // A coordinator takes it from the staff group.
    await h.press(ZHAO, pagesIn(h, STAFF_GROUP, id)[0]!, `esc:ack:${id}`);
    await h.drain();
    expect(pagesIn(h, STAFF_GROUP, id)[0]?.text).toContain("已由 Zhao 接手");
    // An admin's /page with nobody on duty and no coordinators left: the staff group.
    await h.storage.roles.revoke(LI.id, "coordinator");
    await h.storage.roles.revoke(ZHAO.id, "coordinator");
    await h.text(ADMIN, "/page 3栋停水，有老人需要送水");
    expect(h.lastText(ADMIN)).toMatch(
      /已呼叫（#\d+）：现在没有人值班，已直接通知全体值班人员和工作群/,
    );
  });

  it("when the only coordinator on duty can't be reached, step 2 doesn't wait 5 minutes", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    h.fake.userBlocked(LI.id);
    const id = await sos(h, RESIDENT, "我妈妈叫不醒");
    expect((await h.storage.outbox.byRef("escalation", id))[0]?.status).toBe("failed");
    await tick(h, 5_000); // the job's next run
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
    expect(pagesIn(h, STAFF_GROUP, id)).toHaveLength(1);
  });

  it("a restart between steps continues on time, without skipping a step or paging twice", async () => {
    const tmp = tempDir();
    try {
      h = await community(`sqlite:${tmp.dir}/linli.sqlite`);
      await h.text(LI, "/duty on");
      const id = await sos(h, RESIDENT, "门打不开，老人在里面没有回应");
      h.clock.advance(2 * MINUTE);
      await h.restart();
      await tick(h, 2 * MINUTE); // 4 minutes: still step 1
      expect(pagesIn(h, ZHAO.id, id)).toHaveLength(0);
      await tick(h, 1 * MINUTE);
      expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
      await h.restart();
      await tick(h);
      await tick(h, 2 * MINUTE);
      expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
      expect(pagesIn(h, ADMIN.id, id)).toHaveLength(0);
      await h.restart();
      await tick(h, 3 * MINUTE);
      expect(pagesIn(h, ADMIN.id, id)).toHaveLength(1);
      // A button pressed after a restart still works.
      await h.press(ZHAO, h.withButton(ZHAO, `esc:ack:${id}`), `esc:ack:${id}`);
      expect(h.callbackAnswers().at(-1)).toContain("It's yours");
      await h.drain();
      // Every page sent is edited once: Li twice, Zhao, the staff group, the admin.
      expect(h.fake.callsTo("editMessageText")).toHaveLength(5);
      const pages = await h.storage.escalations.pages(id);
      expect(pages.map((p) => [p.step, p.round, p.chatId])).toEqual([
        [1, 1, LI.id],
        [2, 1, LI.id],
        [2, 1, ZHAO.id],
        [2, 1, STAFF_GROUP],
        [3, 1, ADMIN.id],
      ]);
    } finally {
      tmp.remove();
    }
  });
});

describe("escalation: SOS, fever, the roster and bad input", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("SOS from a registered resident: the 🆘 button after registering, one line, sent at once; survives a restart", async () => {
    const tmp = tempDir();
    try {
      h = await community(`sqlite:${tmp.dir}/linli.sqlite`);
      // The registration's last message put the 🆘 button under the chat.
      const done = h.fake.messagesIn(RESIDENT.id).find((m) => m.text?.startsWith("✅ 登记完成"));
      expect(done?.reply_markup).toMatchObject({
        keyboard: [[{ text: "🆘 紧急求助 SOS" }]],
        is_persistent: true,
      });
      await h.text(LI, "/duty on");
      await h.text(RESIDENT, "🆘 紧急求助 SOS");
      expect(h.lastText(RESIDENT)).toContain("发生了什么？请用一句话说明");
      await h.restart();
      await h.text(RESIDENT, "我喘不上气");
      const told = h.lastText(RESIDENT);
      expect(told).toMatch(/🆘 求助已发出（#\d+）。已通知正在值班的 1 位工作人员/);
      expect(told).toContain("120");
      expect(h.last(RESIDENT).reply_markup?.keyboard).toBeDefined(); // the button stays
      await h.drain();
      const item = (await h.storage.escalations.recent(1))[0];
      expect(item).toMatchObject({
        kind: "sos",
        summary: "我喘不上气",
        address: "3-2-501",
        phone: "13800138000",
        personId: RESIDENT.id,
        unregistered: false,
      });
      expect(pagesIn(h, LI.id, item?.id as number)).toHaveLength(1);
      // It asks nothing more: the next message is not another SOS.
      await h.text(RESIDENT, "谢谢");
      expect(await h.storage.escalations.recent(5)).toHaveLength(1);
    } finally {
      tmp.remove();
    }
  });

  it("SOS cancelled, pressed twice, and from someone who never registered (sent anyway, marked)", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    await h.text(RESIDENT, "/sos");
    await h.press(RESIDENT, h.withButton(RESIDENT, "esc:sos:cancel"), "esc:sos:cancel");
    expect(h.lastText(RESIDENT)).toContain("已取消，没有发出求助");
    expect(await h.storage.escalations.recent(5)).toHaveLength(0);

    // Pressed the button twice in a panic: sent at once, without details.
    await h.text(RESIDENT, "🆘 紧急求助 SOS");
    await h.text(RESIDENT, "🆘 紧急求助 SOS");
    await h.drain();
    const first = (await h.storage.escalations.recent(1))[0];
    expect(first?.summary).toContain("只按了求助按钮");

    await h.text(STRANGER, "/sos");
    await h.text(STRANGER, "邻居家着火了，3栋");
    expect(h.lastText(STRANGER)).toContain("您还没有登记房号");
    await h.drain();
    const item = (await h.storage.escalations.recent(1))[0];
    expect(item).toMatchObject({ kind: "sos", unregistered: true, address: null });
    const page = pagesIn(h, LI.id, item?.id as number)[0];
    expect(page?.text).toContain("⚠️ 此人未登记");
    expect(page?.text).toContain("求助人：Chen · @chen_x · id 6001");
    expect(page?.text).toContain("房号：未知");
    expect(page?.text).toContain("邻居家着火了，3栋");
  });

  it("a page's I'm on it works while the coordinator has the SOS question open", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    const id = await raiseUrgent(h.deps, { kind: "page", summary: "5栋漏电", raisedBy: ADMIN.id });
    await h.drain();
    await h.text(LI, "/sos");
    await h.press(LI, h.withButton(LI, `esc:ack:${id}`), `esc:ack:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("交给您了");
    expect((await h.storage.escalations.get(id))?.acknowledgedBy).toBe(LI.id);
  });

  it("a fever from the check-in pages the coordinator on duty, and the resident hears who is coming", async () => {
    h = await community();
    await h.text(ZHAO, "/duty on");
    await h.text(ZHAO, "/duty share phone");
    expect(h.lastText(ZHAO)).toContain("we don't have your phone number");
    await h.text(ZHAO, "/duty share name");
    // What the check-in does for a reading of 37.3 °C or more.
    const id = await raiseUrgent(h.deps, {
      kind: "fever",
      summary: "成员 1：38.5℃，咳嗽",
      address: "3-2-501",
      phone: "13800138000",
      personId: RESIDENT.id,
      raisedBy: RESIDENT.id,
      ref: { type: "checkin", id: 7 },
    });
    await h.drain();
    const page = pagesIn(h, ZHAO.id, id)[0];
    expect(page?.text).toContain("🔴 Urgent: fever");
    expect(page?.text).toContain("What: 成员 1：38.5℃，咳嗽");
    expect(page?.text).toContain("Who: 王阿姨");
    expect(page?.text).toContain("Room: 3-2-501");
    expect((await h.storage.escalations.get(id))?.refType).toBe("checkin");
    await h.press(ZHAO, page!, `esc:ack:${id}`);
    await h.drain();
    expect(h.lastText(RESIDENT)).toContain("已由社区的 Zhao 接手");

    // A coordinator who prefers not to be named.
    await h.text(LI, "/duty share none");
    await h.text(LI, "/duty on");
    const second = await raiseUrgent(h.deps, {
      kind: "fever",
      summary: "38.0",
      personId: RESIDENT.id,
    });
    await h.drain();
    await h.press(LI, h.withButton(LI, `esc:ack:${second}`), `esc:ack:${second}`);
    await h.drain();
    expect(h.lastText(RESIDENT)).toBe(
      `✅ 您的紧急求助（#${second}）已有社区工作人员接手，正在赶来或会马上联系您。`,
    );
  });

  it("an urgent page queued behind a large broadcast still goes out first", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    const ids = Array.from({ length: 2000 }, (_, i) => 7_000_000 + i);
    for (const id of ids) h.fake.userStarted(id);
    await h.storage.outbox.enqueue(
      ids.map((chatId) => ({
        chatId,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: { text: "【3-2-501】明天 7:00 在大门口做核酸。" },
      })),
    );
    h.outbox.kick();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the broadcast is under way
    await h.text(RESIDENT, "/sos 心脏不舒服");
    const id = (await h.storage.escalations.recent(1))[0]?.id as number;
    for (let i = 0; i < 200 && pagesIn(h, LI.id, id).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const sends = h.fake.callsTo("sendMessage");
    const pageAt = sends.findIndex((c) => c.params.chat_id === LI.id);
    const bulkBefore = sends.slice(0, pageAt).filter((c) => Number(c.params.chat_id) >= 7_000_000);
    expect(pageAt).toBeGreaterThanOrEqual(0);
    expect(bulkBefore.length).toBeLessThan(1000);
    const bulkLeft = (await h.storage.outbox.counts()).pending;
    expect(bulkLeft).toBeGreaterThan(0); // the page did not wait for the broadcast
  });

  it("the roster: /shifts with malformed and overlapping lines says which and why and changes nothing; shifts and /duty off work", async () => {
    h = await community();
    await h.text(STRANGER, "/start");
    await h.text(
      ADMIN,
      "/shifts\nMon-Sun 08:00-16:00 @li_coord\nFunday 08:00-16:00 @li_coord\nMon-Fri 09:00-10:00\nMon 15:00-17:00 @li_coord\nMon-Sun 16:00-24:00 @nobody_here\nSat 08:00-09:00 @chen_x",
    );
    const reply = h.lastText(ADMIN);
    expect(reply).toContain("什么都没有改动");
    expect(reply).toContain("第 2 行“Funday 08:00-16:00 @li_coord”：看不懂星期“Funday”");
    expect(reply).toContain("第 3 行“Mon-Fri 09:00-10:00”：应该是“星期 时间 人”三部分");
    expect(reply).toContain("第 4 行“Mon 15:00-17:00 @li_coord”：和第 1 行是同一个人，时间重叠了");
    expect(reply).toContain("第 5 行“Mon-Sun 16:00-24:00 @nobody_here”：我不认识 @nobody_here");
    expect(reply).toContain("第 6 行“Sat 08:00-09:00 @chen_x”：@chen_x 不是值班人员");
    expect(await h.storage.escalations.shifts()).toEqual([]);

    await h.text(ADMIN, `/shifts\nMon-Sun 08:00-16:00 @li_coord\nMon-Sun 16:00-24:00 ${ZHAO.id}`);
    expect(h.lastText(ADMIN)).toContain("✅ 值班表已保存，共 2 个班次");
    expect(h.lastText(ADMIN)).toContain("2. Mon-Sun 16:00-24:00 4002 — Zhao");
    await h.text(WORKER, "/onduty");
    expect(h.lastText(WORKER)).toBe(
      "现在在值班（1 人）：\n• Li（班次：Mon-Sun 08:00-16:00 @li_coord）",
    );

    // Li ends her shift early: no pages for the rest of it, back on duty the next morning.
    await h.text(LI, "/duty off");
    expect(h.lastText(LI)).toBe("您现在不在值班，到 16:00 本班次结束。之后的班次照常。");
    const id = await sos(h, RESIDENT, "水管爆了");
    expect(pagesIn(h, LI.id, id)).toHaveLength(1); // step 2: all coordinators
    expect((await h.storage.escalations.get(id))?.step).toBe(2);
    h.clock.set(at("17:00"));
    await h.text(WORKER, "/onduty");
    expect(h.lastText(WORKER)).toContain("• Zhao（班次：Mon-Sun 16:00-24:00 4002）");
    h.clock.set(at("08:30", "2026-11-24"));
    await h.text(LI, "/duty");
    expect(h.lastText(LI)).toContain("您现在在值班（按班次，到 16:00）");
    expect(h.lastText(LI)).toContain("您的班次：Mon-Sun 08:00-16:00 @li_coord");

    await h.text(ADMIN, "/shifts clear");
    expect(await h.storage.escalations.shifts()).toEqual([]);
  });

  it("refuses what people may not do, and bad settings, changing nothing", async () => {
    h = await community();
    await h.text(LI, "/duty on");
    // /page by someone who isn't an admin.
    await h.text(WORKER, "/page 有人晕倒");
    expect(h.lastText(WORKER)).toContain("只有管理员可以");
    await h.text(ADMIN, "/page");
    expect(h.lastText(ADMIN)).toContain("用法：/page");
    expect(await h.storage.escalations.recent(5)).toHaveLength(0);
    // /duty by a resident, /shifts by a coordinator.
    await h.text(RESIDENT, "/duty on");
    expect(h.lastText(RESIDENT)).toContain("只有管理员或值班人员可以");
    await h.text(LI, "/shifts\nMon 08:00-09:00 @li_coord");
    expect(h.lastText(LI)).toContain("只有管理员可以");

    // "I'm on it" pressed by a non-coordinator (a worker, and a resident in the staff group).
    await h.text(ADMIN, "/page 3栋电梯困人");
    await h.drain();
    const id = (await h.storage.escalations.recent(1))[0]?.id as number;
    const page = h.withButton(LI, `esc:ack:${id}`);
    await h.press(WORKER, page, `esc:ack:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("只有管理员或值班人员可以");
    await h.press(RESIDENT, page, `esc:no:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("只有管理员或值班人员可以");
    expect((await h.storage.escalations.get(id))?.acknowledgedBy).toBeNull();
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .select("action")
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.action)).toEqual(
      expect.arrayContaining(["escalation.page", "escalation.ack", "escalation.decline"]),
    );
    // An unknown item.
    await h.press(LI, page, "esc:ack:999");
    expect(h.callbackAnswers().at(-1)).toContain("找不到这件紧急事项");

    // Settings.
    await h.text(ADMIN, "/escalation_settings step1 0");
    expect(h.lastText(ADMIN)).toContain("“step1=0”超出范围");
    await h.text(ADMIN, "/escalation_settings speed 3");
    expect(h.lastText(ADMIN)).toContain("没有“speed”这一项");
    expect(await h.storage.escalations.settings()).toEqual({
      step1Minutes: 5,
      step2Minutes: 5,
      step3Minutes: 5,
      repeats: 3,
    });
    await h.text(LI, "/escalation_settings step1 2");
    expect(h.lastText(LI)).toContain("只有管理员可以");
    await h.text(ADMIN, "/escalation_settings step1=2 repeats 1");
    expect(h.lastText(ADMIN)).toContain("第 1 步（正在值班的人）等待 2 分钟");
    // Li says she can't: she was the only one at step 1, so step 2 starts now, without her.
    await h.press(LI, page, `esc:no:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("已记下");
    await h.press(LI, page, `esc:no:${id}`);
    expect(h.callbackAnswers().at(-1)).toContain("您已经说过处理不了");
    await h.drain();
    expect(pagesIn(h, ZHAO.id, id)).toHaveLength(1);
    expect(pagesIn(h, LI.id, id)).toHaveLength(1);
    expect(pagesIn(h, STAFF_GROUP, id)).toHaveLength(1);
  });
});
