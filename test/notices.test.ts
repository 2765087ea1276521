import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { refreshReports } from "../features/notices/job.js";
import { buttonData, Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const GROUP3 = -1003000000003;
const GROUP4 = -1004000000004;

/** Registers a resident through the real conversation. */
/** Registers a resident through the real conversation. */
const register = (h: Harness, user: User, address: string) => h.register(user, address);

/** Presses a button of the worker's latest message offering it. */
const choose = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** Composes and sends a notice with one version, sent now. */
async function sendNotice(
  h: Harness,
  text: string,
  target: string,
  opts: { urgent?: boolean } = {},
) {
  await h.text(WORKER, "/notice");
  await h.text(WORKER, text);
  await h.text(WORKER, target);
  await choose(h, WORKER, "nt:c:nomore");
  await choose(h, WORKER, opts.urgent ? "nt:c:urgent" : "nt:c:normal");
  await choose(h, WORKER, "nt:c:now");
  await choose(h, WORKER, "nt:c:send");
}

const residents = {
  a: u.makeUser(2001, { first_name: "A", language_code: "zh-hans" }),
  b: u.makeUser(2002, { first_name: "B", language_code: "en" }),
  c: u.makeUser(2003, { first_name: "C", language_code: "zh-hans" }),
  d: u.makeUser(2004, { first_name: "D", language_code: "zh-hans" }),
};

/** A community: layout, two bound building groups, four registered residents, a worker. */
async function community(databaseUrl?: string): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.text(ADMIN, "/layout\n3,1,101\n3,2,501\n3,2,502\n4,1,101");
  for (const [chat, building] of [
    [GROUP3, "3"],
    [GROUP4, "4"],
  ] as const) {
    await h.bindGroup(ADMIN, chat, building);
  }
  await register(h, residents.a, "3-2-501");
  await register(h, residents.b, "3-2-502");
  await register(h, residents.c, "3-1-101");
  await register(h, residents.d, "4-1-101");
  h.fake.clearCalls();
  return h;
}

describe("notices", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  const sentTo = (user: User) => h.fake.messagesIn(user.id).filter((m) => m.text?.startsWith("【"));

  it("a notice for one unit reaches exactly its residents, each tagged with their own room", async () => {
    await h.text(WORKER, "/notice");
    await h.send({
      ...u.privateText(WORKER, "明天 8 点起 3-2 单元解除封控"),
      message: {
        ...u.privateText(WORKER, "明天 8 点起 3-2 单元解除封控").message!,
        entities: [{ type: "bold", offset: 0, length: 6 }],
      },
    });
    await h.text(WORKER, "3-2");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:now");
    // The preview shows one resident's exact message and the counts.
    const texts = h.fake.textsIn(WORKER.id);
    expect(texts.some((t) => t.startsWith("【3-2-501】\n明天 8 点起"))).toBe(true);
    expect(texts.at(-1)).toContain("收件人 2 人：可私信 2 人，无法私信 0 人");
    expect(await h.storage.db.selectFrom("notices").selectAll().execute()).toEqual([]);

    await choose(h, WORKER, "nt:c:send");
    await h.drain();

    const [toA] = sentTo(residents.a);
    expect(toA?.text).toBe("【3-2-501】\n明天 8 点起 3-2 单元解除封控");
    expect(toA?.entities).toEqual([{ type: "bold", offset: "【3-2-501】\n".length, length: 6 }]);
    expect(buttonData(toA!)).toEqual(["nt:ok:1", "nt:q:1"]);
    expect(sentTo(residents.b)[0]?.text).toBe("【3-2-502】\n明天 8 点起 3-2 单元解除封控");
    // English buttons for the English-speaking resident.
    expect(JSON.stringify(sentTo(residents.b)[0]?.reply_markup)).toContain("Got it");
    expect(sentTo(residents.c)).toEqual([]);
    expect(sentTo(residents.d)).toEqual([]);

    // One short pointer in building 3's group, without the body; nothing in building 4's.
    const pointers = h.fake.messagesIn(GROUP3).filter((m) => m.text?.includes("新通知"));
    expect(pointers).toHaveLength(1);
    expect(pointers[0]?.text).toContain("3-2");
    expect(pointers[0]?.text).not.toContain("解除封控");
    expect(h.fake.messagesIn(GROUP4).filter((m) => m.text?.includes("新通知"))).toEqual([]);

    const audit = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "notice.send")
      .execute();
    expect(JSON.parse(audit[0]?.detail ?? "{}")).toMatchObject({
      notice: 1,
      targets: ["3-2"],
      recipients: 2,
    });
  });

  it("Got it presses show in the live report; a second press or a stranger's press changes nothing", async () => {
    h.fake.userBlocked(residents.b.id); // blocks the bot half-way: the send answers 403
    await sendNotice(h, "停水通知", "3");
    await h.drain();

    const toA = sentTo(residents.a)[0]!;
    await h.press(residents.a, toA, "nt:ok:1");
    expect(h.callbackAnswers().at(-1)).toContain("已确认收到");
    await h.press(residents.a, toA, "nt:ok:1");
    expect(h.callbackAnswers().at(-1)).toContain("已经确认过");
    // Someone the notice wasn't sent to (a forwarded copy) presses it.
    await h.send(u.callbackOn(residents.d, residents.d.id, 99, "nt:ok:1"));
    expect(h.callbackAnswers().at(-1)).toContain("不是发给您的");

    const rows = await h.storage.notices.deliveries(1);
    expect(rows.filter((r) => r.confirmedAt).map((r) => r.personId)).toEqual([residents.a.id]);
    expect((await h.storage.people.get(residents.b.id))?.reachability).toBe("blocked");
    expect(
      h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === residents.b.id),
    ).toHaveLength(1);

    // The live report message is edited in place.
    h.clock.advance(10_000);
    expect(await refreshReports(h.deps, h.bot.api)).toBe(1);
    const report = h.fake.messagesIn(WORKER.id).find((m) => m.text?.startsWith("📋 通知 #1"));
    expect(report?.edits).toBe(1);
    expect(report?.text).toContain("合计 3 人：已送达 2，已确认 1，未确认 1");
    expect(report?.text).toContain("3-2：2 人，已送达 1，已确认 1，未确认 0，排队中 0，无法送达 1");
    expect(report?.text).toContain("已屏蔽机器人（请电话联系）：502");
    // Nothing changed since: no further edit.
    h.clock.advance(10_000);
    expect(await refreshReports(h.deps, h.bot.api)).toBe(0);
  });

  it("a resident known to have blocked the bot is counted as unreachable and not sent to", async () => {
    await h.storage.people.setReachability(residents.c.id, "blocked");
    await sendNotice(h, "通知", "3");
    await h.drain();
    expect(
      h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === residents.c.id),
    ).toEqual([]);
    await h.text(WORKER, "/report");
    expect(h.lastTextMessage(WORKER)).toContain("已屏蔽机器人（请电话联系）：101");
  });

  it("two versions: the sealed unit gets its own text, everyone else the general one", async () => {
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "可以出门，注意防护");
    await h.text(WORKER, "全部");
    await choose(h, WORKER, "nt:c:more");
    await h.text(WORKER, "封控中：垃圾下午 4 点前放门口");
    await h.text(WORKER, "3-2");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:now");
    expect(h.lastText(WORKER)).toContain("版本 2（3-2）：2 人");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    expect(sentTo(residents.a).map((m) => m.text)).toEqual([
      "【3-2-501】\n封控中：垃圾下午 4 点前放门口",
    ]);
    expect(sentTo(residents.b).map((m) => m.text)).toEqual([
      "【3-2-502】\n封控中：垃圾下午 4 点前放门口",
    ]);
    expect(sentTo(residents.c).map((m) => m.text)).toEqual(["【3-1-101】\n可以出门，注意防护"]);
    expect(sentTo(residents.d).map((m) => m.text)).toEqual(["【4-1-101】\n可以出门，注意防护"]);
  });

  it("a tag targets the households that carry it", async () => {
    await h.text(WORKER, "/tag sealed 3-1");
    expect(h.lastText(WORKER)).toContain("已给 1 户加上标签 #sealed");
    await sendNotice(h, "封控户请注意", "#sealed");
    await h.drain();
    expect(sentTo(residents.c)).toHaveLength(1);
    expect(sentTo(residents.a)).toEqual([]);
  });

  it("quiet hours: a normal notice at 23:00 waits for 07:00, an urgent one goes now", async () => {
    h.clock.set("2026-11-22T23:00:00+08:00");
    await sendNotice(h, "明早通知", "4");
    await sendNotice(h, "紧急：燃气泄漏，请勿开火", "3-1", { urgent: true });
    await h.drain();
    expect(sentTo(residents.d)).toEqual([]);
    expect(sentTo(residents.c).map((m) => m.text)).toEqual([
      "【3-1-101】\n紧急：燃气泄漏，请勿开火",
    ]);
    h.clock.set("2026-11-23T07:00:01+08:00");
    await h.drain();
    expect(sentTo(residents.d).map((m) => m.text)).toEqual(["【4-1-101】\n明早通知"]);
  });

  it("a scheduled notice goes at its time; a time in the past is refused", async () => {
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "下午核酸");
    await h.text(WORKER, "4");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:later");
    await h.text(WORKER, "08:00"); // the harness clock is 09:00
    expect(h.lastText(WORKER)).toContain("已经过去了");
    await h.text(WORKER, "25:00");
    expect(h.lastText(WORKER)).toContain("看不懂这个时间");
    await h.text(WORKER, "14:30");
    expect(h.lastText(WORKER)).toContain("2026-11-22 14:30");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    expect(sentTo(residents.d)).toEqual([]);
    h.clock.set("2026-11-22T14:31:00+08:00");
    await h.drain();
    expect(sentTo(residents.d)).toHaveLength(1);
  });

  it("refuses bad input at each step and stores nothing", async () => {
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "x".repeat(5000));
    expect(h.lastText(WORKER)).toContain("5,000");
    await h.send(u.privatePhoto(WORKER));
    expect(h.lastText(WORKER)).toContain("请用文字");
    await h.text(WORKER, "正文");
    await h.text(WORKER, "除 3");
    expect(h.lastText(WORKER)).toContain("没有写发给谁");
    await h.text(WORKER, "9-1");
    expect(h.lastText(WORKER)).toContain("没有这些楼栋：9");
    await h.text(WORKER, "3-2-??");
    expect(h.lastText(WORKER)).toContain("看不懂");
    await h.text(WORKER, "#nobody");
    expect(h.lastText(WORKER)).toContain("没有已登记的住户");
    await h.text(WORKER, "/cancel");
    expect(await h.storage.db.selectFrom("notices").selectAll().execute()).toEqual([]);
    expect(await h.storage.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
  });

  it("non-workers can't compose, see reports or press the report's buttons", async () => {
    await h.text(residents.a, "/notice");
    expect(h.lastText(residents.a)).toContain("只有管理员或社工");
    await sendNotice(h, "通知", "3-2");
    await h.drain();
    await h.text(residents.a, "/report");
    expect(h.lastText(residents.a)).toContain("只有管理员或社工");
    await h.send(u.callbackOn(residents.a, residents.a.id, 1, "nt:remind:1"));
    expect(h.callbackAnswers().at(-1)).toContain("只有管理员或社工");
    await h.send(u.callbackOn(residents.a, residents.a.id, 1, "nt:csv:1"));
    expect(h.fake.callsTo("sendDocument")).toEqual([]);
    expect((await h.storage.notices.get(1))?.remindedAt).toBeNull();
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .select("action")
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.action)).toEqual([
      "notice.compose",
      "notice.report",
      "notice.remind",
      "notice.csv",
    ]);
  });

  it("Remind goes once to those who haven't confirmed; CSV lists every recipient", async () => {
    await sendNotice(h, "通知", "3-2");
    await h.drain();
    await h.press(residents.a, sentTo(residents.a)[0]!, "nt:ok:1");
    const report = h.withButton(WORKER, "nt:remind:1");
    await h.press(WORKER, report, "nt:remind:1");
    expect(h.callbackAnswers().at(-1)).toContain("已向 1 位");
    await h.press(WORKER, report, "nt:remind:1");
    expect(h.callbackAnswers().at(-1)).toContain("已经提醒过");
    await h.drain();
    const reminders = sentTo(residents.b).filter((m) => m.text?.includes("#1"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain("Reminder");
    expect(sentTo(residents.a)).toHaveLength(1); // confirmed: no reminder

    await h.press(WORKER, report, "nt:csv:1");
    const doc = h.fake.callsTo("sendDocument")[0];
    const csv = doc?.files.document?.content.toString("utf8") ?? "";
    expect(csv.startsWith("\uFEFF楼栋,单元,房号,称呼,电话,状态,确认时间,疑问\r\n")).toBe(true);
    expect(csv).toContain("3,2,501,A,13800138000,已确认,2026-11-22 09:00,\r\n");
    expect(csv).toContain("3,2,502,B,13800138000,未确认,,\r\n");
  });

  it("I have a question: the question is stored and shows in the report", async () => {
    await sendNotice(h, "通知", "4");
    await h.drain();
    await h.press(residents.d, sentTo(residents.d)[0]!, "nt:q:1");
    expect(h.lastText(residents.d)).toContain("疑问");
    await h.text(residents.d, "老人行动不便，怎么做核酸？");
    expect(h.lastText(residents.d)).toContain("已转给社区工作人员");
    expect((await h.storage.notices.delivery(1, residents.d.id))?.question).toBe(
      "老人行动不便，怎么做核酸？",
    );
    await h.text(WORKER, "/report 1");
    expect(h.lastTextMessage(WORKER)).toContain("有 1 条疑问");
  });

  it("superseding: old recipients get a short update, the old notice is marked, /notices shows the new one", async () => {
    await sendNotice(h, "3-2 封控", "3-2");
    await h.drain();
    await h.text(WORKER, "/supersede 1");
    expect(h.fake.textsIn(WORKER.id).at(-2)).toContain("替换通知 #1");
    await h.text(WORKER, "3-2 解封");
    await h.text(WORKER, "3-2");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:now");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    expect((await h.storage.notices.get(1))?.status).toBe("superseded");
    expect(
      sentTo(residents.a)
        .map((m) => m.text)
        .sort(),
    ).toEqual(
      [
        "【3-2-501】\n3-2 封控",
        "【3-2-501】\n3-2 解封",
        "【3-2-501】\n通知 #1 已更新，旧的内容不再有效。请以最新通知为准，发 /notices 查看。",
      ].sort(),
    );
    await h.text(residents.a, "/notices");
    const list = h.lastText(residents.a);
    expect(list).toContain("3-2 解封");
    expect(list).not.toContain("3-2 封控");
  });

  it("a restart in the middle of composing resumes", async () => {
    const tmp = tempDir();
    await h.close();
    h = await community(`sqlite:${tmp.dir}/linli.sqlite`);
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "重启前写的通知");
    await h.restart();
    await h.text(WORKER, "4");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:now");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    expect(sentTo(residents.d).map((m) => m.text)).toEqual(["【4-1-101】\n重启前写的通知"]);
    tmp.remove();
  });
});

describe("a large notice under Telegram's flood limits", () => {
  it("2,000 residents, the fake enforcing its limits with 429s: everyone gets exactly one tagged message", async () => {
    // The dispatcher is allowed to go faster than the fake, so real 429s happen and are obeyed.
    const h = await Harness.start({
      adminIds: [ADMIN.id],
      outbox: { ratePerSecond: 600, perChatPerSecond: 1, perGroupPerMinute: 20 },
    });
    try {
      h.fake.setLimits({ globalPerSecond: 400, perChatPerSecond: 1, perGroupPerMinute: 20 });
      await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
      await h.bindGroup(ADMIN, GROUP3, "3");
      const ids: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const id = 500_000 + i;
        ids.push(id);
        await h.storage.people.touch({ id, first_name: `R${i}` }, true);
        h.fake.userStarted(id);
        await h.storage.households.register({
          personId: id,
          address: { building: "3", unit: String(1 + (i % 4)), room: String(1000 + i) },
          displayName: `R${i}`,
          phone: null,
          members: 1,
          flags: [],
        });
      }
      h.fake.clearCalls();
      await sendNotice(h, "全体居民：明天停水", "3");
      for (let i = 0; i < 600; i++) {
        await h.drain();
        const counts = await h.storage.outbox.counts();
        if (counts.pending + counts.sending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const got = ids.map((id) =>
        h.fake.messagesIn(id).filter((m) => m.text?.includes("明天停水")),
      );
      expect(got.every((m) => m.length === 1)).toBe(true);
      expect(got[7]?.[0]?.text).toBe(`【3-4-1007】\n全体居民：明天停水`);
      expect(h.fake.stats().rateLimited).toBeGreaterThan(0);
      expect(h.fake.messagesIn(GROUP3).filter((m) => m.text?.includes("新通知"))).toHaveLength(1);
      const rows = await h.storage.notices.deliveries(1);
      expect(rows.filter((r) => r.outboxStatus === "sent")).toHaveLength(2000);
    } finally {
      await h.close();
    }
  }, 60_000);
});
