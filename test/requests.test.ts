import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../domain/roles.js";
import { dailyRequestSummary } from "../features/requests/job.js";
import { act, fileRequest } from "../features/requests/service.js";
import { buttonData, buttonUrls, Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "张", language_code: "zh-hans" });
const COORD2 = u.makeUser(4002, { first_name: "Lee", language_code: "en" });
const VOL1 = u.makeUser(5001, { first_name: "李", language_code: "zh-hans" });
const VOL2 = u.makeUser(5002, { first_name: "赵", language_code: "zh-hans" });
const RES = u.makeUser(2001, { first_name: "王", language_code: "zh-hans" });
const RES2 = u.makeUser(2002, { first_name: "陈", language_code: "zh-hans" });
const STAFF_GROUP = -1009000000009;
const GROUP3 = -1003000000003;

/** Registers a resident through the real conversation. */
const register = (h: Harness, user: User, address: string, name: string) =>
  h.register(user, address, { name });

/** Presses a button on the newest message in `chat` that offers it. */
const choose = (h: Harness, user: User, data: string, chat: number = user.id) =>
  h.press(user, h.withButton(chat, data), data);

/** A medicine request through the whole intake. */
async function fileMedicine(h: Harness, user: User, urgency: "now" | "today" | "later" = "today") {
  await h.text(user, "/request");
  await choose(h, user, "rqc:cat:medicine");
  await h.text(user, "硝苯地平缓释片");
  await h.text(user, "2 盒");
  await choose(h, user, "rqc:photos:none");
  await choose(h, user, `rqc:urg:${urgency}`);
  await choose(h, user, "rqc:sum:send");
}

async function fileGroceries(h: Harness, user: User) {
  await h.text(user, "/request");
  await choose(h, user, "rqc:cat:groceries");
  await h.text(user, "大米 1 袋\n白菜 2 颗\n酱油");
  await choose(h, user, "rqc:payment:on_delivery");
  await choose(h, user, "rqc:urg:today");
  await choose(h, user, "rqc:sum:send");
}

/** Layout, a building group and the staff group, two residents, coordinators and volunteers. */
async function community(databaseUrl?: string): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl });
  const grants: Array<[User, Role]> = [
    [COORD, "coordinator"],
    [COORD2, "coordinator"],
    [VOL1, "volunteer"],
    [VOL2, "volunteer"],
  ];
  for (const [user, role] of grants) {
    await h.storage.roles.grant(user.id, role, ADMIN.id);
    await h.text(user, "/start"); // they pressed Start: private messages reach them
  }
  await h.text(ADMIN, "/layout\n3,2,501\n3,2,502\n3,1,101");
  for (const [chat, binding] of [
    [GROUP3, "3"],
    [STAFF_GROUP, "staff"],
  ] as const) {
    await h.bindGroup(ADMIN, chat, binding);
  }
  await register(h, RES, "3-2-501", "王阿姨");
  await register(h, RES2, "3-2-502", "陈先生");
  h.fake.clearCalls();
  return h;
}

const texts = (h: Harness, chat: number | User) =>
  h.fake.textsIn(typeof chat === "number" ? chat : chat.id);
const lastAnswer = (h: Harness) => h.callbackAnswers().at(-1) ?? "";

describe("requests", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  it("medicine: filed, taken, assigned, done by the volunteer, confirmed solved; the resident hears every step", async () => {
    await h.text(RES, "/request");
    expect(h.lastText(RES)).toContain("哪方面的帮助");
    await choose(h, RES, "rqc:cat:medicine");
    await h.text(RES, "硝苯地平缓释片");
    await h.text(RES, "2 盒");
    await h.send(u.privatePhoto(RES));
    expect(h.lastText(RES)).toContain("收到第 1 张照片");
    await choose(h, RES, "rqc:photos:done");
    await choose(h, RES, "rqc:urg:today");
    const summary = h.lastText(RES);
    expect(summary).toContain("药品：硝苯地平缓释片");
    expect(summary).toContain("数量：2 盒");
    expect(summary).toContain("照片：1");
    expect(summary).toContain("紧急程度：🟠 今天");
    await choose(h, RES, "rqc:sum:send");
    expect(h.lastText(RES)).toContain("编号 1122-001");
    // Her 🆘 key stays under the chat after filing.
    expect(JSON.stringify(h.last(RES).reply_markup)).toContain("紧急求助");
    await h.drain();

    // The staff group and both coordinators get the card; no phone number on it. The group's
    // says only what kind of request, the unit and when; the coordinators' also what and where.
    const card = h.withButton(STAFF_GROUP, "rq:take:1");
    expect(card.text).toContain("1122-001");
    expect(card.text).toContain("单元：3-2");
    expect(card.text).toContain("提交时间：09:00（刚刚）");
    expect(card.text).not.toContain("3-2-501");
    expect(card.text).not.toContain("硝苯地平缓释片");
    expect(card.text).not.toContain("13800138000");
    // One card each, not two (npm run demo showed a coordinator two identical cards).
    for (const chat of [STAFF_GROUP, COORD.id]) {
      const cards = h.fake.messagesIn(chat).filter((m) => buttonData(m).includes("rq:take:1"));
      expect(cards).toHaveLength(1);
    }
    const privateCard = h.withButton(COORD, "rq:take:1").text ?? "";
    expect(privateCard).toContain("3-2-501");
    expect(privateCard).toContain("硝苯地平缓释片");
    expect(privateCard).not.toContain("13800138000");
    expect(buttonData(card)).toEqual([
      "rq:take:1",
      "rq:assign:1",
      "rq:done:1",
      "rq:cant:1",
      "rq:photos:1",
    ]);
    expect(h.withButton(COORD, "rq:take:1").text).toContain("1122-001");
    const card2 = h.withButton(COORD2, "rq:take:1");
    expect(card2.text).toContain("Request 1122-001");
    expect(texts(h, GROUP3).some((t) => t.includes("1122-001"))).toBe(false);

    // The first press wins; the second sees who took it.
    await h.press(COORD, card, "rq:take:1");
    expect(lastAnswer(h)).toContain("已由您接手");
    await h.press(COORD2, card2, "rq:take:1");
    expect(lastAnswer(h)).toContain("already taken by 张");
    await h.drain();
    expect(h.last(STAFF_GROUP).edits).toBeGreaterThan(0);
    expect(
      h.fake.messagesIn(STAFF_GROUP).find((m) => m.text?.includes("1122-001"))?.text,
    ).toContain("张 已接手");
    const sheet = h.withButton(COORD, "rq:assign:1");
    expect(sheet.text).toContain("电话：13800138000");
    expect(texts(h, RES).at(-1)).toContain("由值班人员 张 负责");

    // Assign to a volunteer, who accepts.
    await h.press(COORD, sheet, "rq:assign:1");
    await choose(h, COORD, `rq:to:1:${VOL1.id}`);
    expect(lastAnswer(h)).toContain("已派给 李");
    await h.drain();
    expect(texts(h, RES).at(-1)).toContain("正在安排志愿者");
    const offer = h.withButton(VOL1, "rq:accept:1");
    expect(offer.text).not.toContain("13800138000");
    await h.press(VOL1, offer, "rq:accept:1");
    await h.drain();
    expect(texts(h, RES).at(-1)).toContain("志愿者 李 正在办理");
    expect(texts(h, COORD).at(-1)).toContain("李 接受了求助 1122-001");
    expect(h.withButton(VOL1, "rq:done:1").text).toContain("13800138000");

    // The volunteer marks it done with a note; the resident is asked "Solved?".
    await choose(h, VOL1, "rq:done:1");
    expect(h.lastText(VOL1)).toContain("办了什么");
    await h.text(VOL1, "药已送到门口");
    expect(h.lastText(VOL1)).toContain("已记为办完");
    await h.drain();
    const done = h.withButton(RES, "rq:yes:1");
    expect(done.text).toContain("已经办完：药已送到门口");
    await h.press(RES, done, "rq:yes:1");
    expect(h.lastText(RES)).toContain("已记为解决");
    await h.drain();
    expect(texts(h, COORD).at(-1)).toContain("居民确认求助 1122-001 已解决");

    const r = await h.storage.requests.get(1);
    expect(r).toMatchObject({
      status: "solved",
      handlerId: COORD.id,
      assigneeId: VOL1.id,
      residentAnswer: "solved",
      lastNote: "药已送到门口",
      address: "3-2-501",
      filedAs: "self",
    });
    expect(r?.photos).toHaveLength(1);
    const events = await h.storage.requests.events(1);
    expect(events.map((e) => e.action)).toEqual([
      "file",
      "take",
      "assign",
      "accept",
      "done",
      "solved",
    ]);
    // A message to the resident at every step.
    const heard = texts(h, RES).join("\n");
    for (const step of [
      "编号 1122-001",
      "由值班人员 张 负责",
      "正在安排志愿者",
      "正在办理",
      "已经办完",
      "已记为解决",
    ])
      expect(heard).toContain(step);
    // The staff group card ends without buttons.
    const finalCard = h.fake.messagesIn(STAFF_GROUP).find((m) => m.text?.includes("1122-001"));
    expect(finalCard?.text).toContain("居民确认已解决");
    expect(buttonData(finalCard!)).toEqual([]);
  });

  it("two volunteers claim the same task at the same moment: exactly one gets it", async () => {
    await fileGroceries(h, RES);
    await h.drain();
    await h.text(VOL1, "/tasks");
    await h.text(VOL2, "/tasks");
    const [a, b] = [h.withButton(VOL1, "rq:claim:1"), h.withButton(VOL2, "rq:claim:1")];
    expect(a.text).toContain("大米");
    await Promise.all([h.press(VOL1, a, "rq:claim:1"), h.press(VOL2, b, "rq:claim:1")]);
    const answers = h.callbackAnswers().slice(-2);
    expect(answers.filter((t) => t.includes("是您的了"))).toHaveLength(1);
    expect(answers.filter((t) => t.includes("已经由"))).toHaveLength(1);
    const r = await h.storage.requests.get(1);
    expect(r?.status).toBe("accepted");
    expect([VOL1.id, VOL2.id]).toContain(r?.assigneeId);
    const claims = (await h.storage.requests.events(1)).filter((e) => e.action === "claim");
    expect(claims).toHaveLength(1);
    await h.drain();
    expect(texts(h, RES).at(-1)).toContain("正在办理");
  });

  it("a resident says not solved: the request reopens with their words, and goes back on the list", async () => {
    await fileMedicine(h, RES);
    await h.drain();
    await choose(h, COORD, "rq:take:1");
    await h.drain();
    await choose(h, COORD, "rq:done:1");
    await choose(h, COORD, "rqn:note:skip"); // no note
    expect(h.lastText(COORD)).toContain("已记为办完");
    await h.drain();
    expect(h.withButton(RES, "rq:no:1").text).toContain("已经办完：无");

    await choose(h, RES, "rq:no:1");
    expect((await h.storage.requests.get(1))?.status).toBe("reopened");
    expect(h.lastText(RES)).toContain("还有什么问题");
    await h.text(RES, "药送错了，是硝苯地平不是氨氯地平");
    expect(h.lastText(RES)).toContain("已转给值班人员");
    await h.drain();
    const r = await h.storage.requests.get(1);
    expect(r).toMatchObject({ status: "reopened", residentAnswer: "not_solved" });
    expect(r?.lastNote).toContain("药送错了");
    expect(texts(h, COORD).some((t) => t.includes("居民补充：药送错了"))).toBe(true);
    // Fresh cards with "I'll handle it" for the coordinators on duty and the staff group.
    const fresh = h.withButton(COORD2, "rq:take:1");
    expect(fresh.text).toContain("not solved");
    await h.press(COORD2, fresh, "rq:take:1");
    expect((await h.storage.requests.get(1))?.handlerId).toBe(COORD2.id);
    const actions = (await h.storage.requests.events(1)).map((e) => e.action);
    expect(actions).toEqual(["file", "take", "done", "reopen", "reopen-words", "take"]);
  });

  it("proxy filing for an unregistered elderly person", async () => {
    await h.text(VOL1, "/request");
    await choose(h, VOL1, "rqc:for:unregistered");
    await h.text(VOL1, "王奶奶");
    await choose(h, VOL1, "rqc:phone:skip");
    await choose(h, VOL1, "rqc:room:skip");
    expect(texts(h, VOL1).at(-2)).toContain("至少要留一个");
    await h.text(VOL1, "139 0000 1111");
    await h.text(VOL1, "3-1-101");
    await choose(h, VOL1, "rqc:cat:home_help");
    await choose(h, VOL1, "rqc:need:food");
    await h.text(VOL1, "独居，行动不便，两天没吃热饭了");
    await choose(h, VOL1, "rqc:urg:today");
    expect(h.lastText(VOL1)).toContain("为谁：王奶奶（未登记，电话 13900001111，房号 3-1-101）");
    await choose(h, VOL1, "rqc:sum:send");
    expect(h.fake.textsIn(VOL1.id).at(-1)).toContain("请转告对方");
    // A volunteer who isn't a resident gets no 🆘 key, only the phone keyboard taken away.
    expect(h.last(VOL1).reply_markup).toEqual({ remove_keyboard: true });
    await h.drain();

    const r = await h.storage.requests.get(1);
    expect(r).toMatchObject({
      filedAs: "unregistered",
      subjectName: "王奶奶",
      subjectPhone: "13900001111",
      address: "3-1-101",
      personId: null,
      contactId: VOL1.id,
      filedBy: VOL1.id,
      category: "home_help",
    });
    const card = h.withButton(STAFF_GROUP, "rq:take:1");
    expect(card.text).toContain("单元：3-1");
    expect(card.text).not.toContain("王奶奶");
    expect(card.text).not.toContain("13900001111");
    const privateCard = h.withButton(COORD, "rq:take:1").text ?? "";
    expect(privateCard).toContain("王奶奶（未登记）");
    expect(privateCard).toContain("代登记：李");
    expect(privateCard).not.toContain("13900001111");
    await h.press(COORD, card, "rq:take:1");
    await h.drain();
    expect(h.withButton(COORD, "rq:assign:1").text).toContain("电话：13900001111");
    // The volunteer who filed it hears back, to pass it on.
    expect(texts(h, VOL1).at(-1)).toContain("由值班人员 张 负责");
  });

  it("a coordinator files for a registered household by its room", async () => {
    await h.text(COORD, "/request");
    await choose(h, COORD, "rqc:for:household");
    await h.text(COORD, "3-2-999");
    expect(h.lastText(COORD)).toContain("房号表里没有");
    await h.text(COORD, "3-2-502");
    await choose(h, COORD, "rqc:cat:repair");
    await h.text(COORD, "厨房水管漏水");
    await choose(h, COORD, "rqc:photos:none");
    await choose(h, COORD, "rqc:urg:now");
    await choose(h, COORD, "rqc:sum:send");
    const r = await h.storage.requests.get(1);
    expect(r).toMatchObject({ filedAs: "household", personId: RES2.id, address: "3-2-502" });
    expect(r?.householdId).not.toBeNull();
    expect(r?.escalationId).not.toBeNull();
    // Urgent: raised through the one door for urgent items (pages in the urgent
    // lane, with the phone number), and the cards ride the urgent lane too.
    const raised = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "urgent.request")
      .execute();
    expect(JSON.parse(raised[0]?.detail ?? "{}").ref).toEqual({ type: "request", id: 1 });
    const urgent = await h.storage.db
      .selectFrom("outbox")
      .selectAll()
      .where("lane", "=", "urgent")
      .execute();
    expect(
      urgent.some((m) => m.payload.includes("1122-001") && m.payload.includes("13800138000")),
    ).toBe(true);
    const cards = await h.storage.outbox.byRef("request-card", 1);
    expect(cards.every((m) => m.lane === "urgent")).toBe(true);
  });

  it("a request typed into a building group is redirected once, and nothing personal appears there", async () => {
    await h.groupText(RES, GROUP3, "求助！我是3-2-501王阿姨，电话13800138000，高血压没有药了");
    const hint = h.last(GROUP3);
    expect(hint.text).toContain("私聊");
    expect(buttonUrls(hint)).toEqual([`https://t.me/${h.fake.botInfo.username}?start=request`]);
    for (const secret of ["13800138000", "501", "高血压", "王阿姨"])
      expect(hint.text).not.toContain(secret);
    // Once per person: a second message from the same person gets no second answer.
    const before = h.fake.messagesIn(GROUP3).length;
    await h.groupText(RES, GROUP3, "帮帮忙，没药了");
    await h.groupText(RES, GROUP3, "今天天气不错");
    expect(h.fake.messagesIn(GROUP3).length).toBe(before);
    await h.groupText(RES2, GROUP3, "我家没气了，谁能帮忙");
    expect(h.fake.messagesIn(GROUP3).length).toBe(before + 1);
    // The staff group is a workspace: no hints there.
    const staffBefore = h.fake.messagesIn(STAFF_GROUP).length;
    await h.groupText(COORD, STAFF_GROUP, "谁来帮忙看一下 3-2 的求助");
    expect(h.fake.messagesIn(STAFF_GROUP).length).toBe(staffBefore);

    // The button opens the private flow.
    await h.text(RES, "/start request");
    expect(h.lastText(RES)).toContain("哪方面的帮助");
    await choose(h, RES, "rqc:cat:medicine");
    await h.text(RES, "降压药");
    await h.text(RES, "1 盒");
    await choose(h, RES, "rqc:photos:none");
    await choose(h, RES, "rqc:urg:now");
    await choose(h, RES, "rqc:sum:send");
    await h.drain();
    // Nothing of it reaches the building group.
    const group = texts(h, GROUP3).join("\n");
    for (const secret of ["13800138000", "降压药", "3-2-501", "1122-001"])
      expect(group).not.toContain(secret);
    // The welcome message carries the Ask for help button.
    const welcome = h.fake.messagesIn(GROUP3).find((m) => buttonUrls(m).length > 0);
    expect(buttonUrls(welcome!)).toContain(`https://t.me/${h.fake.botInfo.username}?start=request`);
  });

  it("exports a CSV with the columns a spreadsheet user expects", async () => {
    await fileMedicine(h, RES);
    h.clock.advance(10 * 60_000);
    await fileGroceries(h, RES2);
    await h.drain();
    await choose(h, COORD, "rq:take:1");
    h.clock.advance(30 * 60_000);
    await choose(h, COORD, "rq:done:1");
    await h.text(COORD, "已送到");
    await h.text(COORD, "/export 11-22");
    const doc = h.fake.callsTo("sendDocument").at(-1);
    expect(doc?.files.document?.filename).toBe("requests-2026-11-22.csv");
    const csv = doc?.files.document?.content.toString("utf8") ?? "";
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFF编号,登记时间,类别,紧急程度,状态,楼栋,单元,房号,称呼,电话,登记方式,登记人,详情,照片数,值班人员,志愿者,办完时间,用时（分钟）,备注,居民反馈,是否超时",
    );
    expect(lines[1]).toBe(
      "1122-001,2026-11-22 09:00,💊 买药 / 药品,🟠 今天,已办完，待确认,3,2,501,王阿姨,13800138000,本人,王阿姨,药品：硝苯地平缓释片; 数量：2 盒,0,张,,2026-11-22 09:40,40,已送到,,否",
    );
    expect(lines[2]).toBe(
      "1122-002,2026-11-22 09:10,🛒 买菜和生活用品,🟠 今天,待接手,3,2,502,陈先生,13800138000,本人,陈先生,清单：大米 1 袋 / 白菜 2 颗 / 酱油; 付款：送到时付钱,0,,,,,,,否",
    );
    expect(lines).toHaveLength(4); // header, two rows, the final line end

    // In English for an English-speaking coordinator.
    await h.text(COORD2, "/export 2026-11-22 2026-11-22");
    const en =
      h.fake.callsTo("sendDocument").at(-1)?.files.document?.content.toString("utf8") ?? "";
    expect(en.startsWith("\uFEFFNumber,Filed at,Category,Urgency,Status,Building")).toBe(true);
    // Bad ranges and the wrong person.
    await h.text(COORD, "/export 11-22 11-20");
    expect(h.lastText(COORD)).toContain("开始日期比结束日期晚");
    await h.text(COORD, "/export 明年");
    expect(h.lastText(COORD)).toContain("用法");
    await h.text(COORD, "/export 11-01");
    expect(h.lastText(COORD)).toContain("没有求助记录");
    await h.text(RES, "/export");
    expect(h.lastText(RES)).toContain("只有管理员或值班人员");
    expect(h.fake.callsTo("sendDocument")).toHaveLength(2);
  });

  it("bad input: photo for text, text for a choice, an empty list, 5,000 characters", async () => {
    await h.text(RES, "/request");
    await h.text(RES, "随便");
    expect(h.lastText(RES)).toContain("请点下面的按钮");
    expect(buttonData(h.last(RES))).toContain("rqc:cat:medicine");
    await h.send(u.privatePhoto(RES));
    expect(h.lastText(RES)).toContain("不需要发照片");
    await h.text(RES, "买菜和生活用品"); // typing a button's words works
    expect(h.lastText(RES)).toContain("要买的东西");
    await h.send(u.privatePhoto(RES));
    expect(h.lastText(RES)).toContain("请用文字回答");
    await h.text(RES, "、、、\n - ");
    expect(h.lastText(RES)).toContain("清单是空的");
    await h.text(RES, "米".repeat(5000));
    expect(h.lastText(RES)).toContain("5,000");
    await h.text(RES, "大米 1 袋");
    await h.text(RES, "送到时付钱");
    await choose(h, RES, "rqc:urg:later");
    // Change an answer from the summary.
    await choose(h, RES, "rqc:sum:f:list");
    await h.text(RES, "大米 2 袋");
    expect(h.lastText(RES)).toContain("清单：大米 2 袋");
    await h.text(RES, "发送");
    expect(h.lastText(RES)).toContain("请点上面的按钮");
    await choose(h, RES, "rqc:sum:send");
    const r = await h.storage.requests.get(1);
    expect(r?.details).toEqual({ list: "大米 2 袋", payment: "on_delivery" });
    expect(r?.urgency).toBe("later");
  });

  it("refuses: Done by a volunteer who doesn't hold it, a closed request, someone else's request, /ledger by a resident", async () => {
    await fileMedicine(h, RES);
    await h.drain();
    await h.text(VOL1, "/tasks");
    await choose(h, VOL1, "rq:claim:1");
    await h.drain();
    // Another volunteer crafts the Done button.
    await h.send(u.callbackOn(VOL2, VOL2.id, 1, "rq:done:1"));
    expect(lastAnswer(h)).toContain("不在您手上");
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "request.done")
      .where("outcome", "=", "denied")
      .execute();
    expect(denied).toHaveLength(1);
    // A resident presses a staff button; a stranger presses the resident's button.
    await h.send(u.callbackOn(RES2, RES2.id, 1, "rq:take:1"));
    expect(lastAnswer(h)).toContain("只有管理员或值班人员");
    await choose(h, VOL1, "rq:done:1");
    await h.text(VOL1, "送到了");
    await h.drain();
    await h.send(u.callbackOn(RES2, RES2.id, 1, "rq:yes:1"));
    expect(lastAnswer(h)).toContain("不是给您的");
    expect((await h.storage.requests.get(1))?.status).toBe("done");
    // And by number: someone else's request looks like no request at all.
    await h.text(RES2, "/requests 1122-001");
    expect(h.lastText(RES2)).toContain("没有找到");
    await h.text(RES, "/requests 1122-001");
    expect(h.lastText(RES)).toContain("办理记录");
    await h.text(RES, "/requests");
    expect(h.lastText(RES)).toContain("1122-001");
    // Pressed on a closed request.
    await choose(h, RES, "rq:yes:1");
    await h.send(u.callbackOn(COORD, COORD.id, 1, "rq:cant:1"));
    expect(lastAnswer(h)).toContain("已经办结");
    await h.send(u.callbackOn(RES, RES.id, 1, "rq:no:1"));
    expect(lastAnswer(h)).toContain("已经办结");
    expect((await h.storage.requests.get(1))?.status).toBe("solved");
    // /ledger by a resident.
    await h.text(RES, "/ledger");
    expect(h.lastText(RES)).toContain("只有管理员或值班人员");
  });

  it("a volunteer declines, another accepts and then gives it back with a reason", async () => {
    await fileGroceries(h, RES);
    await h.drain();
    await choose(h, COORD, "rq:assign:1");
    await choose(h, COORD, `rq:to:1:${VOL1.id}`);
    await h.drain();
    await choose(h, VOL1, "rq:decline:1");
    expect(lastAnswer(h)).toContain("另找人");
    await h.drain();
    expect(texts(h, COORD).at(-1)).toContain("李 这次办不了求助 1122-001");
    expect(await h.storage.requests.get(1)).toMatchObject({ status: "taken", assigneeId: null });
    // The old offer is dead: pressing Accept on it now changes nothing.
    await h.send(u.callbackOn(VOL1, VOL1.id, 1, "rq:accept:1"));
    expect(lastAnswer(h)).toContain("不在您手上");

    await choose(h, COORD, "rq:assign:1");
    await choose(h, COORD, `rq:to:1:${VOL2.id}`);
    await h.drain();
    await choose(h, VOL2, "rq:accept:1");
    await h.drain();
    await h.text(VOL2, "/tasks");
    expect(texts(h, VOL2).join("\n")).toContain("您手上的任务（1 件）");
    await choose(h, VOL2, "rq:cant:1");
    expect(h.lastText(VOL2)).toContain("任务会交回值班人员");
    await h.text(VOL2, "超市关门了");
    expect(h.lastText(VOL2)).toContain("已交回值班人员");
    await h.drain();
    expect(texts(h, COORD).at(-1)).toContain("赵 把求助 1122-001 交回来了：超市关门了");
    expect(await h.storage.requests.get(1)).toMatchObject({
      status: "taken",
      handlerId: COORD.id,
      assigneeId: null,
    });
    // The resident heard at every change, and never saw the volunteers' back-and-forth as an error.
    expect(texts(h, RES).filter((t) => t.includes("正在安排志愿者"))).toHaveLength(2);
  });

  it("at night the resident's updates arrive silently", async () => {
    h.clock.set("2026-11-22T23:30:00+08:00");
    await fileMedicine(h, RES, "now");
    await h.drain();
    await choose(h, COORD, "rq:take:1");
    await h.drain();
    const update = h.fake
      .callsTo("sendMessage")
      .filter((c) => c.params.chat_id === RES.id)
      .at(-1);
    expect(String(update?.params.text)).toContain("由值班人员 张 负责");
    expect(update?.params.disable_notification).toBe(true);
  });

  it("Done pressed in the staff group opens the private chat for the note", async () => {
    await fileMedicine(h, RES);
    await h.drain();
    const card = h.withButton(STAFF_GROUP, "rq:cant:1");
    await h.press(COORD, card, "rq:cant:1");
    const answer = h.fake.callsTo("answerCallbackQuery").at(-1);
    expect(answer?.params.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=rq_cant_1`);
    await h.text(COORD, "/start rq_cant_1");
    expect(h.lastText(COORD)).toContain("为什么办不了");
    await h.text(COORD, "药店缺货，请联系社区医院");
    await h.drain();
    expect((await h.storage.requests.get(1))?.status).toBe("cant_do");
    expect(texts(h, RES).at(-1)).toContain("这次没法办理：药店缺货");
    // A resident can't use the link.
    await h.text(RES2, "/start rq_done_1");
    expect(h.lastText(RES2)).toContain("只有管理员或值班人员");
  });

  it("an unregistered resident registers first and comes straight back to the request", async () => {
    const NEW = u.makeUser(2009, { first_name: "周", language_code: "zh-hans" });
    await h.text(NEW, "/request");
    expect(texts(h, NEW).at(-2)).toContain("需要先登记您的房号");
    await h.text(NEW, "3-1-101");
    await h.text(NEW, "周奶奶");
    await h.text(NEW, "跳过");
    await h.text(NEW, "1");
    await choose(h, NEW, "reg:flags:done");
    await choose(h, NEW, "reg:save");
    expect(texts(h, NEW).at(-2)).toContain("回到您的求助");
    expect(h.lastText(NEW)).toContain("哪方面的帮助");
    await choose(h, NEW, "rqc:cat:policy");
    await h.text(NEW, "能去上班吗？");
    await choose(h, NEW, "rqc:urg:later");
    await choose(h, NEW, "rqc:sum:send");
    expect(await h.storage.requests.get(1)).toMatchObject({
      category: "policy",
      address: "3-1-101",
      personId: NEW.id,
    });
  });

  it("the ledger figures on a known data set; in private or the staff group only", async () => {
    const t0 = Date.parse("2026-11-22T09:00:00+08:00");
    const staff = { id: COORD.id, roles: new Set<Role>(["coordinator"]) };
    const draft = (
      category: "medicine" | "gas" | "repair",
      urgency: "now" | "today" | "later",
    ) => ({
      subject: { kind: "self" as const },
      category,
      details: { medicine: "药", gas_problem: "empty", problem: "漏水" },
      photos: [],
      urgency,
      noticeId: null,
    });
    h.clock.set(new Date(t0));
    await fileRequest(h.deps, RES.id, draft("medicine", "now")); // 1: urgent, stays open
    h.clock.set(new Date(t0 + 10 * 60_000));
    await fileRequest(h.deps, RES2.id, draft("gas", "today")); // 2: done in 20 min
    await act(h.deps, staff, 2, "take");
    h.clock.set(new Date(t0 + 30 * 60_000));
    await act(h.deps, staff, 2, "done", { note: "换好了" });
    h.clock.set(new Date(t0 + 60 * 60_000));
    await fileRequest(h.deps, RES2.id, draft("repair", "later")); // 3: open
    h.clock.set(new Date(t0 + 3 * 3600_000)); // 12:00
    await h.drain(); // the cards have arrived: the ledger and its chart come last

    await h.text(COORD, "/ledger");
    const text = h.lastTextMessage(COORD);
    expect(text).toContain("本班：08:00–16:00");
    expect(text).toContain("💊 买药 / 药品：1 / 1 / 1");
    expect(text).toContain("🔧 维修（水、电、马桶堵了……）：1 / 1 / 1");
    expect(text).not.toContain("🔥 燃气：");
    expect(text).toContain("合计：2 / 2 / 2");
    expect(text).toContain("今日收到 3 件，今日办完 1 件");
    expect(text).toContain("办结率（今日收到的）：33%");
    expect(text).toContain("中位用时：20 分钟");
    expect(text).toContain("⏰ 超时 1 件");
    expect(text).toContain(
      "1122-001 · 💊 买药 / 药品 · 3-2-501 · 🔴 紧急 · 待接手 · 超时 2 小时 0 分钟",
    );
    // The urgent request went up the escalation ladder, and nobody took it.
    expect(text).toContain("今天紧急事项 1 件，还没有人接手过。");
    expect(text).toContain("⚠ 无人接手 #1 紧急求助 3-2-501（09:00）");

    await h.groupText(COORD, STAFF_GROUP, "/ledger");
    expect(texts(h, STAFF_GROUP).filter((t) => t.includes("今日收到 3 件"))).toHaveLength(1);
    await h.groupText(COORD, GROUP3, "/ledger");
    expect(h.lastText(GROUP3)).toContain("只能在私聊");
    expect(h.lastText(GROUP3)).not.toContain("1122-001");
  });

  it("the end-of-day summary goes once, to the staff group, across restarts", async () => {
    await h.close();
    const tmp = tempDir();
    try {
      h = await community(`sqlite:${tmp.dir}/db.sqlite`);
      await fileMedicine(h, RES);
      await fileGroceries(h, RES2);
      await h.drain();
      await choose(h, COORD, "rq:take:2");
      await choose(h, COORD, "rq:done:2");
      await choose(h, COORD, "rqn:note:skip");
      h.clock.set("2026-11-23T00:01:00+08:00");
      expect(await dailyRequestSummary(h.deps)).toBe(true);
      expect(await dailyRequestSummary(h.deps)).toBe(false);
      await h.restart();
      expect(await dailyRequestSummary(h.deps)).toBe(false);
      await h.drain();
      const summaries = texts(h, STAFF_GROUP).filter((t) => t.includes("求助日报"));
      expect(summaries).toHaveLength(1);
      expect(summaries[0]).toContain("2026-11-22 求助日报");
      expect(summaries[0]).toContain("今日收到 2 件，今日办完 1 件");
      expect(summaries[0]).toContain("仍未办结 1 件");
      // The next day has its own.
      h.clock.set("2026-11-24T00:01:00+08:00");
      expect(await dailyRequestSummary(h.deps)).toBe(true);
    } finally {
      await h.close();
      tmp.remove();
      h = await Harness.start(); // afterEach closes it
    }
  });

  it("a question on a notice opens a policy request linked to the notice", async () => {
    await h.storage.roles.grant(COORD.id, "worker", ADMIN.id);
    await h.text(COORD, "/notice");
    await h.text(COORD, "明天起凭核酸证明进超市");
    await h.text(COORD, "3-2");
    await choose(h, COORD, "nt:c:nomore");
    await choose(h, COORD, "nt:c:normal");
    await choose(h, COORD, "nt:c:now");
    await choose(h, COORD, "nt:c:send");
    await h.drain();
    await choose(h, RES, "nt:q:1");
    await h.text(RES, "老人不会用手机，怎么出示证明？");
    expect(h.lastText(RES)).toContain("已转给社区工作人员（编号 1122-001）");
    expect(await h.storage.requests.get(1)).toMatchObject({
      category: "policy",
      noticeId: 1,
      address: "3-2-501",
    });
    expect((await h.storage.notices.delivery(1, RES.id))?.question).toContain("老人不会用手机");
    await h.drain();
    expect(h.withButton(COORD, "rq:take:1").text).toContain("通知 #1");
    // The question is the resident's own words: never in the group.
    expect(h.withButton(STAFF_GROUP, "rq:take:1").text).not.toContain("老人不会用手机");
  });
});

describe("requests across a restart", () => {
  it("a restart in the middle of the intake resumes it", async () => {
    const tmp = tempDir();
    const h = await community(`sqlite:${tmp.dir}/db.sqlite`);
    try {
      await h.text(RES, "/request");
      await choose(h, RES, "rqc:cat:medicine");
      await h.text(RES, "阿司匹林");
      await h.restart();
      await h.text(RES, "1 盒");
      expect(h.lastText(RES)).toContain("照片");
      await choose(h, RES, "rqc:photos:none");
      await h.restart();
      await choose(h, RES, "rqc:urg:later");
      await choose(h, RES, "rqc:sum:send");
      expect(h.lastText(RES)).toContain("编号 1122-001");
      const r = await h.storage.requests.get(1);
      expect(r?.details).toEqual({
        medicine: "阿司匹林",
        quantity: "1 盒",
      });
    } finally {
      await h.close();
      tmp.remove();
    }
  });
});
