/**
 * The volunteers' ledger, as whole stories against the fake Telegram: a
 * volunteer's profile in taps, tasks posted to a team (a resident's request,
 * a coordinator's delivery) and claimed (the first claim wins), hours from
 * claim to done, manual hours and corrections, consent deciding what
 * /volunteers publishes, the CSV, team shifts and gaps, and every button
 * checked on the server.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../domain/roles.js";
import { runVolunteerJobs } from "../features/volunteers/index.js";
import { buttonData, buttonTexts, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const COORD = u.makeUser(4001, {
  first_name: "张",
  username: "coord_zhang",
  language_code: "zh-hans",
});
const VOL1 = u.makeUser(5001, { first_name: "李", username: "xiaoli", language_code: "zh-hans" });
const VOL2 = u.makeUser(5002, { first_name: "赵", username: "xiaozhao", language_code: "zh-hans" });
const VOL3 = u.makeUser(5003, { first_name: "Sam", username: "sam_v", language_code: "en" });
const RES = u.makeUser(2001, { first_name: "王", username: "wang_res", language_code: "zh-hans" });
const GROUP3 = -1003000000003;
const MINUTE = 60_000;

const choose = (h: Harness, user: User, data: string, chat: number = user.id) =>
  h.press(user, h.withButton(chat, data), data);
const texts = (h: Harness, user: User) => h.fake.textsIn(user.id);
const lastAnswer = (h: Harness) => h.callbackAnswers().at(-1) ?? "";

/** A layout with buildings 3 and 5, a building group, a resident, a coordinator and three volunteers. */
async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  const grants: Array<[User, Role]> = [
    [COORD, "coordinator"],
    [VOL1, "volunteer"],
    [VOL2, "volunteer"],
    [VOL3, "volunteer"],
  ];
  for (const [user, role] of grants) {
    await h.storage.roles.grant(user.id, role, ADMIN.id);
    await h.text(user, "/start"); // they pressed Start: private messages reach them
  }
  await h.text(ADMIN, "/layout\n3,2,501\n3,2,502\n5,1,101");
  await h.bindGroup(ADMIN, GROUP3, "3");
  await h.register(RES, "3-2-501", { name: "王阿姨" });
  h.fake.clearCalls();
  return h;
}

/** A profile as the conversation would save it (the conversation itself is tested once, below). */
async function profile(
  h: Harness,
  user: User,
  teams: string[],
  consent: "named" | "anonymous" | null = null,
) {
  await h.storage.volunteers.saveProfile(user.id, { teams, availability: [], buildings: [] });
  if (consent) await h.storage.volunteers.setConsent(user.id, consent, user.first_name);
}

async function fileGroceries(h: Harness, user: User) {
  await h.text(user, "/request");
  await choose(h, user, "rqc:cat:groceries");
  await h.text(user, "大米 1 袋\n白菜 2 颗");
  await choose(h, user, "rqc:payment:on_delivery");
  await choose(h, user, "rqc:urg:today");
  await choose(h, user, "rqc:sum:send");
}

async function settle(h: Harness) {
  await h.drain();
  await runVolunteerJobs(h.deps);
  await h.drain();
}

describe("the volunteers' ledger", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  it("a volunteer fills in their profile with buttons only", async () => {
    await h.text(VOL1, "/volunteer");
    expect(texts(h, VOL1).at(-2)).toContain("每一步点按钮就行");
    const teamsQuestion = h.last(VOL1);
    expect(teamsQuestion.text).toBe("您参加哪些队伍？可以多选。");
    expect(buttonData(teamsQuestion)).toEqual([
      "vp:team:testing",
      "vp:team:supplies",
      "vp:team:medicine",
      "vp:team:home_help",
      "vp:team:done",
    ]);
    // Done with nothing chosen is answered, and the question stays.
    await choose(h, VOL1, "vp:team:done");
    expect(lastAnswer(h)).toBe("请至少选一支队伍。");
    await choose(h, VOL1, "vp:team:supplies");
    await choose(h, VOL1, "vp:team:medicine");
    await choose(h, VOL1, "vp:team:testing");
    await choose(h, VOL1, "vp:team:testing"); // ticked, then unticked
    expect(buttonTexts(h.last(VOL1))).toEqual([
      "⬜ 核酸检测点",
      "✅ 物资保障",
      "✅ 代购送药",
      "⬜ 上门帮扶",
      "👌 好了",
    ]);
    await h.text(VOL1, "物资");
    expect(h.lastText(VOL1)).toBe("请点上面的按钮选择。");
    await choose(h, VOL1, "vp:team:done");
    expect(
      h.fake.messagesIn(VOL1.id).find((m) => m.message_id === teamsQuestion.message_id)?.text,
    ).toBe("您参加哪些队伍？可以多选。\n→ 物资保障、代购送药");
    expect(h.lastText(VOL1)).toContain("您一般什么时候有空");
    await choose(h, VOL1, "vp:slot:weekend_morning");
    await choose(h, VOL1, "vp:slot:weekday_evening");
    await choose(h, VOL1, "vp:slot:done");
    expect(h.lastText(VOL1)).toContain("您负责哪几栋楼");
    expect(buttonData(h.last(VOL1))).toEqual([
      "vp:building:all",
      "vp:building:3",
      "vp:building:5",
      "vp:building:done",
    ]);
    await choose(h, VOL1, "vp:building:3");
    await choose(h, VOL1, "vp:building:done");
    expect(h.lastText(VOL1)).toContain("公示时可以写上您的名字吗");
    await choose(h, VOL1, "vp:consent:other");
    await h.text(VOL1, "3号楼小李".repeat(10));
    expect(h.lastText(VOL1)).toContain("最多 30 个字");
    await h.text(VOL1, "3号楼小李");
    const saved = h.lastText(VOL1);
    expect(saved).toContain("队伍：物资保障、代购送药");
    expect(saved).toContain("空闲时间：工作日晚上、周末上午");
    expect(saved).toContain("负责楼栋：3 号楼");
    expect(saved).toContain("公示：署名“3号楼小李”");
    const stored = await h.storage.volunteers.profile(VOL1.id);
    expect(stored).toMatchObject({
      teams: ["supplies", "medicine"],
      availability: ["weekend_morning", "weekday_evening"],
      buildings: ["3"],
      publicName: "3号楼小李",
      consent: "named",
    });

    // Again: each step starts from what was chosen, so changing one thing is a few taps.
    await h.text(VOL1, "/volunteer");
    expect(buttonTexts(h.last(VOL1))).toContain("✅ 物资保障");
    await choose(h, VOL1, "vp:team:done");
    await choose(h, VOL1, "vp:slot:done");
    await choose(h, VOL1, "vp:building:all");
    await choose(h, VOL1, "vp:building:done");
    await choose(h, VOL1, "vp:consent:anonymous");
    expect(h.lastText(VOL1)).toContain("负责楼栋：全部楼栋");
    expect(h.lastText(VOL1)).toContain("公示：匿名统计");
    expect(await h.storage.volunteers.profile(VOL1.id)).toMatchObject({
      buildings: [],
      consent: "anonymous",
      publicName: "3号楼小李",
    });

    // Only volunteers have a profile.
    await h.text(RES, "/volunteer");
    expect(h.lastText(RES)).toMatch(/^抱歉，只有管理员或志愿者可以做这件事/);
  });

  it("a volunteer claims a request posted to their team, and their hours appear in the ledger", async () => {
    await profile(h, VOL1, ["supplies"]);
    await profile(h, VOL2, ["supplies"]);
    await profile(h, VOL3, ["medicine"]);
    await fileGroceries(h, RES);
    await h.drain();

    // The supplies team hears of it privately, with the request's own claim button.
    const post1 = h.withButton(VOL1, "rq:claim:1");
    const post2 = h.withButton(VOL2, "rq:claim:1");
    expect(post1.text).toContain(
      "【物资保障】新任务：1122-001 · 🟠 今天 · 3-2 · 🛒 买菜和生活用品",
    );
    // No room, phone or the resident's own words in the post.
    for (const text of [post1.text, post2.text]) {
      expect(text).not.toContain("501");
      expect(text).not.toContain("13800138000");
      expect(text).not.toContain("大米");
    }
    expect(texts(h, VOL3).some((t) => t.includes("1122-001"))).toBe(false);

    await h.press(VOL1, post1, "rq:claim:1");
    expect(lastAnswer(h)).toContain("是您的了");
    await settle(h);
    // The other post now says who took it, without a button.
    const edited = h.fake.messagesIn(VOL2.id).find((m) => m.message_id === post2.message_id);
    expect(edited?.text).toContain("已由 李 接手");
    expect(buttonData(edited!)).toEqual([]);
    const task = await h.storage.volunteers.taskByRef("request", 1);
    expect(task).toMatchObject({ status: "claimed", claimedBy: VOL1.id, team: "supplies" });

    // 90 minutes later the volunteer presses Done on their sheet and skips the note.
    h.clock.advance(90 * MINUTE);
    await choose(h, VOL1, "rq:done:1");
    await choose(h, VOL1, "rqn:note:skip");
    const entries = await h.storage.volunteers.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      personId: VOL1.id,
      team: "supplies",
      source: "task",
      minutes: 90,
      day: "2026-11-22",
    });
    expect((await h.storage.volunteers.taskByRef("request", 1))?.status).toBe("done");
    // Their first hours: the ledger's job asks them, once, how the published ledger may show them.
    await settle(h);
    await settle(h);
    const asked = h.fake
      .messagesIn(VOL1.id)
      .filter((m) => buttonData(m).includes("vt:consent:named"));
    expect(asked).toHaveLength(1);
    expect(asked[0]?.text).toContain("公示时可以写上“李”吗");
    await choose(h, VOL1, "vt:consent:named");

    await h.text(VOL1, "/myhours");
    expect(h.lastText(VOL1)).toContain("累计 1.5 小时，本周 1.5 小时。");
    expect(h.lastText(VOL1)).toContain("1122-001 · 🟠 今天 · 3-2 · 🛒 买菜和生活用品");

    // The published ledger, asked for by a resident.
    h.fake.clearCalls();
    await h.text(RES, "/volunteers");
    const ledger = texts(h, RES).find((t) => t.includes("志愿者服务台账")) ?? "";
    expect(ledger).toContain("登记志愿者：3 人");
    expect(ledger).toContain("累计服务：1.5 小时");
    expect(ledger).toContain("人均 0.5 小时，最多 1.5 小时（李）");
    expect(ledger).toContain("本周（11-16 起）：1.5 小时，1 人参与");
    expect(ledger).toContain("· 物资保障：2 人，服务 1.5 小时");
    expect(ledger).toContain("1. 李 1.5 小时（本周 1.5 小时）");
    const photo = h.fake.callsTo("sendPhoto").at(-1);
    expect(photo?.params.chat_id).toBe(RES.id);
    expect(String(photo?.params.caption)).toBe("志愿者服务时长，累计 1.5 小时");
    expect(photo?.files.photo?.content.subarray(1, 4).toString()).toBe("PNG");
  });

  it("a request a coordinator takes is no longer open to volunteers; one they give up is cancelled", async () => {
    await profile(h, VOL1, ["supplies"]);
    await fileGroceries(h, RES);
    await h.drain();
    const post = h.withButton(VOL1, "rq:claim:1");
    await choose(h, COORD, "rq:take:1");
    await settle(h);
    expect((await h.storage.volunteers.taskByRef("request", 1))?.status).toBe("held");
    const edited = h.fake.messagesIn(VOL1.id).find((m) => m.message_id === post.message_id);
    expect(edited?.text).toContain("工作人员已经在处理了，谢谢大家。");
    expect(buttonData(edited!)).toEqual([]);
    // Coordinators who finish it themselves give nobody hours.
    await choose(h, COORD, "rq:done:1");
    await choose(h, COORD, "rqn:note:skip");
    expect((await h.storage.volunteers.taskByRef("request", 1))?.status).toBe("done");
    expect(await h.storage.volunteers.entries()).toEqual([]);
  });

  it("requests are announced at night only to volunteers on shift; the rest hear in the morning", async () => {
    h.clock.set("2026-11-22T23:00:00+08:00");
    await profile(h, VOL1, ["supplies"]);
    await profile(h, VOL2, ["supplies"]);
    await fileGroceries(h, RES);
    await h.drain();
    expect(texts(h, VOL1).some((t) => t.includes("1122-001"))).toBe(false);
    h.clock.set("2026-11-23T07:01:00+08:00");
    await h.drain();
    expect(h.withButton(VOL1, "rq:claim:1").text).toContain("1122-001");

    // With someone on the night shift, only they hear, at once.
    await h.text(COORD, "/team_shifts supplies daily 22:00-07:00 @xiaozhao");
    h.clock.set("2026-11-23T23:30:00+08:00");
    await fileGroceries(h, RES);
    await h.drain();
    expect(h.withButton(VOL2, "rq:claim:2").text).toContain("1123-001");
    expect(texts(h, VOL1).some((t) => t.includes("1123-001"))).toBe(false);
  });

  it("two volunteers claim a coordinator's task at the same moment: exactly one gets it, and only they can finish it", async () => {
    await profile(h, VOL1, ["supplies"]);
    await profile(h, VOL2, ["supplies"]);
    await h.text(COORD, "/team_task supplies 把 20 箱蔬菜送到 3 号楼");
    expect(h.lastText(COORD)).toBe("任务 #1 已发给【物资保障】的 2 位志愿者，有人接手会告诉您。");
    await h.drain();
    const a = h.withButton(VOL1, "vt:claim:1");
    const b = h.withButton(VOL2, "vt:claim:1");
    expect(a.text).toBe(
      "📋【物资保障】新任务：把 20 箱蔬菜送到 3 号楼\n谁有空？先点“我来”的人接手。",
    );

    await Promise.all([h.press(VOL1, a, "vt:claim:1"), h.press(VOL2, b, "vt:claim:1")]);
    const answers = h.callbackAnswers().slice(-2);
    expect(answers.filter((t) => t === "任务是您的了，谢谢！")).toHaveLength(1);
    expect(answers.filter((t) => /已经由 (李|赵) 接手了/.test(t))).toHaveLength(1);
    const task = await h.storage.volunteers.task(1);
    expect(task?.status).toBe("claimed");
    const winner = task?.claimedBy === VOL1.id ? VOL1 : VOL2;
    const loser = winner === VOL1 ? VOL2 : VOL1;
    const audit = await h.storage.audit.recent();
    expect(audit.filter((r) => r.action === "volunteer.task.claim")).toHaveLength(1);

    // The winner has Done and Give back; the loser's post says who took it.
    const mine = h.withButton(winner, "vt:done:1");
    expect(mine.text).toContain("这个任务交给您了");
    expect(buttonData(mine)).toEqual(["vt:done:1", "vt:back:1"]);
    await h.drain();
    const loserPost = h.fake.messagesIn(loser.id).find((m) => m.text?.includes("新任务"));
    expect(loserPost?.text).toContain(`已由 ${winner.first_name} 接手`);
    expect(buttonData(loserPost!)).toEqual([]);

    // Only the winner can finish it.
    await h.press(loser, mine, "vt:done:1");
    expect(lastAnswer(h)).toBe("这个任务不在您手上，只有接手的志愿者可以操作。");
    h.clock.advance(45 * MINUTE);
    await h.press(winner, mine, "vt:done:1");
    expect(lastAnswer(h)).toBe("已记录，服务时长 0.75 小时。辛苦了！");
    await h.press(winner, mine, "vt:done:1");
    expect(lastAnswer(h)).toBe("这个任务已经结束了。");
    expect(await h.storage.volunteers.entries()).toMatchObject([
      { personId: winner.id, minutes: 45, source: "task", taskId: 1 },
    ]);
    await h.drain();
    expect(texts(h, COORD).at(-1)).toBe(
      `${winner.first_name} 办完了【物资保障】把 20 箱蔬菜送到 3 号楼，记 0.75 小时。`,
    );
    // Their first hours: asked once about the published ledger.
    const asked = h.withButton(winner, "vt:consent:named");
    expect(asked.text).toContain(`公示时可以写上“${winner.first_name}”吗`);
  });

  it("a volunteer gives a task back; it is open again for the others", async () => {
    await profile(h, VOL1, ["supplies"]);
    await h.text(COORD, "/team_task supplies 去 5 号楼取快递");
    await h.drain();
    await choose(h, VOL1, "vt:claim:1");
    await choose(h, VOL1, "vt:back:1");
    expect(lastAnswer(h)).toBe("已退回，其他志愿者可以接手。");
    expect((await h.storage.volunteers.task(1))?.status).toBe("open");
    await h.drain();
    expect(texts(h, COORD).at(-1)).toContain("李 退回了【物资保障】去 5 号楼取快递");
    // It is on /tasks for any volunteer.
    await h.text(VOL2, "/tasks");
    expect(h.withButton(VOL2, "vt:claim:1").text).toBe("【物资保障】去 5 号楼取快递");
    await choose(h, VOL2, "vt:claim:1");
    expect(lastAnswer(h)).toBe("任务是您的了，谢谢！");
    expect(await h.storage.volunteers.entries()).toEqual([]);
  });

  it("manual hours: bad values are refused; a coordinator's correction is audited and the volunteer told", async () => {
    const refusals: Array<[string, string]> = [
      ["/addhours -2 搬运物资", "时长不能是负数。"],
      ["/addhours 25 搬运物资", "时长不能超过 24 小时，一天只有 24 小时。"],
      ["/addhours 24:30 搬运物资", "时长不能超过 24 小时，一天只有 24 小时。"],
      ["/addhours 0 搬运物资", "时长不能是 0。"],
      ["/addhours 两小时 搬运物资", "时长看不懂"],
      ["/addhours 2", "请写上原因"],
      ["/addhours 2 11-23 明天的活", "不能补记还没到的日子。"],
      ["/addhours 2 2026-09-01 很久以前", "只能补记 30 天以内的时长"],
      ["/addhours", "用法：/addhours 时长"],
    ];
    for (const [command, reply] of refusals) {
      await h.text(VOL1, command);
      expect(h.lastText(VOL1), command).toContain(reply);
    }
    expect(await h.storage.volunteers.entries()).toEqual([]);

    await h.text(VOL1, "/addhours 20 搬运物资");
    expect(h.lastText(VOL1)).toBe("已补记 #1：2026-11-22 20 小时（未分队）。");
    // The day already has 20 hours: 5 more would pass 24.
    await h.text(VOL1, "/addhours 5 又搬了一趟");
    expect(h.lastText(VOL1)).toBe("2026-11-22 已经记了 20 小时，再加就超过一天 24 小时了。");
    await h.text(VOL1, "/addhours 4 today 又搬了一趟");
    expect(h.lastText(VOL1)).toContain("已补记 #2：2026-11-22 4 小时");
    await h.text(VOL1, "/addhours 1:30 昨天 medicine 送药到 5 号楼");
    expect(h.lastText(VOL1)).toBe("已补记 #3：2026-11-21 1.5 小时（代购送药）。");

    // Corrections are for coordinators.
    await h.text(VOL1, "/hours fix 1 2 写多了");
    expect(h.lastText(VOL1)).toMatch(/^抱歉，只有管理员或值班人员可以做这件事/);
    const fixes: Array<[string, string]> = [
      ["/hours fix 1 25 写错了", "时长不能超过 24 小时"],
      ["/hours fix 1 -1 写错了", "时长不能是负数。"],
      ["/hours fix 1 3", "更正需要写原因"],
      ["/hours fix 99 3 写错了", "找不到第 99 条记录。"],
      // With entry 2 (4 hours) the day can't hold 21.
      ["/hours fix 1 21 写错了", "2026-11-22 已经记了 4 小时，再加就超过一天 24 小时了。"],
    ];
    for (const [command, reply] of fixes) {
      await h.text(COORD, command);
      expect(h.lastText(COORD), command).toContain(reply);
    }
    await h.text(COORD, "/hours fix 1 18 实际是 18 小时");
    expect(h.lastText(COORD)).toBe(
      "已把第 1 条从 20 小时 改为 18 小时，志愿者本人会收到通知，操作已记录。",
    );
    await h.drain();
    expect(texts(h, VOL1).at(-1)).toBe(
      "您第 1 条时长记录（2026-11-22）由 张 从 20 小时 更正为 18 小时，原因：实际是 18 小时。有疑问可以直接找值班人员。",
    );
    const audit = (await h.storage.audit.recent()).find(
      (r) => r.action === "volunteer.hours.correct",
    );
    expect(audit).toMatchObject({
      actorId: COORD.id,
      detail: { entry: 1, person: VOL1.id, from: 1200, to: 1080, reason: "实际是 18 小时" },
    });
    expect(await h.storage.volunteers.entry(1)).toMatchObject({
      minutes: 1080,
      originalMinutes: 1200,
      correctedBy: COORD.id,
    });
    // 0 voids an entry; it keeps its history.
    await h.text(COORD, "/hours fix 3 0 重复了");
    expect((await h.storage.volunteers.entry(3))?.minutes).toBe(0);

    // A coordinator adds hours for a volunteer (not for a resident).
    await h.text(COORD, "/addhours @xiaozhao 7 yesterday 值夜班");
    expect(h.lastText(COORD)).toBe("已补记 #4：2026-11-21 7 小时（未分队）。");
    await h.text(COORD, "/addhours @wang_res 2 帮忙");
    expect(h.lastText(COORD)).toContain("@wang_res 还不是志愿者");
    await h.text(VOL1, "/addhours @xiaozhao 2 帮他记");
    expect(h.lastText(VOL1)).toMatch(/^抱歉，只有管理员或值班人员可以做这件事/);

    await h.text(VOL1, "/myhours");
    const mine = h.lastText(VOL1);
    expect(mine).toContain("累计 22 小时，本周 22 小时。");
    expect(mine).toContain(
      "#1 11-22 · 18 小时 · 未分队 · 搬运物资（已更正，原 20 小时：实际是 18 小时）",
    );
    await h.text(COORD, "/hours @xiaoli");
    expect(h.lastText(COORD)).toContain("李 的服务时长（内部）");
    await h.text(COORD, "/hours");
    expect(h.lastText(COORD)).toContain("李（5001）：累计 22 小时，本周 22 小时");
    expect(h.lastText(COORD)).toContain("赵（5002）：累计 7 小时");
  });

  it("consent on and off changes what /volunteers publishes", async () => {
    await h.text(VOL1, "/addhours 3 搬运物资");
    await h.text(VOL2, "/addhours 2 送药");
    await h.drain();
    // Each was asked once, after their first hours.
    await choose(h, VOL1, "vt:consent:named");
    expect(h.lastText(VOL1)).toBe("好的，公示台账里：署名“李”。");
    await choose(h, VOL2, "vt:consent:anonymous");
    await h.text(VOL1, "/addhours 1 再搬一趟");
    await h.drain();
    expect(h.fake.messagesIn(VOL1.id).filter((m) => m.text?.includes("可以写上"))).toHaveLength(1);

    const published = async (user: User = RES, chat: number = user.id) => {
      await (chat === user.id
        ? h.text(user, "/volunteers")
        : h.groupText(user, chat, "/volunteers"));
      return (
        h.fake
          .textsIn(chat)
          .filter((t) => t.includes("志愿者服务台账"))
          .at(-1) ?? ""
      );
    };
    let ledger = await published();
    expect(ledger).toContain("1. 李 4 小时（本周 4 小时）");
    expect(ledger).toContain("最多 4 小时（李）");
    expect(ledger).toContain("另有 1 位志愿者匿名统计，共 2 小时。");
    expect(ledger).not.toContain("赵");

    // Lee changes their mind in /myhours.
    await h.text(VOL1, "/myhours");
    expect(h.lastText(VOL1)).toContain("公示台账里：署名“李”");
    await choose(h, VOL1, "vt:consent:anonymous");
    ledger = await published();
    expect(ledger).not.toContain("李");
    expect(ledger).toContain("最多 4 小时（一位志愿者）");
    expect(ledger).toContain("另有 2 位志愿者匿名统计，共 6 小时。");

    // Zhao agrees after all; the building group sees the same consented names.
    await h.text(VOL2, "/myhours");
    await choose(h, VOL2, "vt:consent:named");
    ledger = await published(RES, GROUP3);
    expect(ledger).toContain("1. 赵 2 小时");
    expect(ledger).not.toContain("李");

    // /forget takes the published name away.
    await h.text(VOL2, "/forget");
    await choose(h, VOL2, "forget:yes");
    expect(await h.storage.volunteers.profile(VOL2.id)).toMatchObject({
      publicName: null,
      consent: "anonymous",
    });
    ledger = await published();
    expect(ledger).not.toContain("赵");
    expect(ledger).toContain("累计服务：6 小时");
  });

  it("exports every entry as CSV with the columns a coordinator expects", async () => {
    await profile(h, VOL1, ["supplies"], "named");
    await h.text(COORD, "/team_task supplies 把菜送到 3 号楼");
    await h.drain();
    await choose(h, VOL1, "vt:claim:1");
    h.clock.advance(30 * MINUTE);
    await choose(h, VOL1, "vt:done:1");
    await h.text(VOL2, '/addhours 2 yesterday 送药, "急"');
    await h.text(COORD, "/hours fix 2 1.5 实际一个半小时");

    await h.text(VOL1, "/volunteers_export");
    expect(h.lastText(VOL1)).toMatch(/^抱歉，只有管理员或值班人员可以做这件事/);
    await h.text(COORD, "/volunteers_export 2026-11-30 11-01");
    expect(h.fake.callsTo("sendDocument")).toHaveLength(0);

    await h.text(COORD, "/volunteers_export");
    const doc = h.fake.callsTo("sendDocument").at(-1);
    expect(doc?.files.document?.filename).toBe("volunteer-hours-all-2026-11-22.csv");
    expect(String(doc?.params.caption)).toContain("志愿者时长：2 条，共 2 小时。");
    const csv = doc?.files.document?.content.toString("utf8") ?? "";
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "编号,日期,志愿者ID,志愿者,公示署名,队伍,来源,任务,开始,结束,小时,按上限计,原因,记录人,更正人,更正时间,更正原因,原小时数",
    );
    expect(lines[1]).toBe(
      `2,2026-11-21,${VOL2.id},赵,,未分队,补记,,,,1.5,,"送药, ""急""",赵,张,2026-11-22 09:30,实际一个半小时,2`,
    );
    expect(lines[2]).toBe(
      `1,2026-11-22,${VOL1.id},李,李,物资保障,任务,把菜送到 3 号楼,2026-11-22 09:00,2026-11-22 09:30,0.5,,,,,,,`,
    );
    expect(lines).toHaveLength(3);

    await h.text(COORD, "/volunteers_export 11-21");
    const day = h.fake.callsTo("sendDocument").at(-1);
    expect(day?.files.document?.filename).toBe("volunteer-hours-2026-11-21.csv");
    expect(day?.files.document?.content.toString("utf8").trimEnd().split("\r\n")).toHaveLength(2);
    const audit = await h.storage.audit.recent();
    expect(audit.filter((r) => r.action === "volunteer.export").map((r) => r.outcome)).toEqual([
      "ok",
      "ok",
      "denied",
    ]);
  });

  it("team shifts: a coordinator plans them and sees who is on and the gaps; a volunteer sees their next shifts", async () => {
    await h.text(
      COORD,
      [
        "/team_shifts supplies 周一-周五 08:00-12:00 @xiaoli",
        "cleaning Mon 08:00-09:00",
        "supplies Sat 08:00-12:00 @wang_res",
        "supplies Sat 13:00-14:00 @nobody_here",
        "supplies Funday 08:00-12:00",
      ].join("\n"),
    );
    const problems = h.lastText(COORD);
    expect(problems).toContain("排班没有保存");
    expect(problems).toContain("第 2 行：没有“cleaning”这支队伍");
    expect(problems).toContain("第 3 行：@wang_res 还不是志愿者");
    expect(problems).toContain("第 4 行：找不到 @nobody_here");
    expect(problems).toContain("第 5 行：“Funday”不是日期");
    expect(await h.storage.volunteers.shifts()).toEqual([]);

    await h.text(
      COORD,
      [
        "/team_shifts supplies 周一-周五 08:00-12:00 @xiaoli 需2人",
        "supplies 周日 08:00-12:00 @xiaoli @xiaozhao",
        "testing daily 07:00-11:00 @sam_v",
      ].join("\n"),
    );
    const roster = h.lastText(COORD);
    expect(roster).toContain("已保存 3 行排班。");
    expect(roster).toContain("#1 周一至周五 08:00–12:00：李（需 2 人，缺 1 人）");
    expect(roster).toContain("#2 周日 08:00–12:00：李、赵");
    expect(roster).toContain("#3 每天 07:00–11:00：Sam");
    // Sunday 09:00.
    expect(roster).toContain("现在在班：物资保障：李、赵；核酸检测点：Sam");
    expect(roster).toContain("【物资保障】#1 缺 1 人、周六没有班次");

    // Nobody is on two shifts at once.
    await h.text(COORD, "/team_shifts testing 周日 10:00-12:00 @xiaoli");
    expect(h.lastText(COORD)).toContain("有人和第 2 号班次时间重叠了");

    await h.text(VOL1, "/myshifts");
    expect(h.lastText(VOL1)).toBe(
      [
        "您接下来 7 天的班次：",
        "▶️ 正在进行：周日 11-22 08:00–12:00 · 物资保障",
        "周一 11-23 08:00–12:00 · 物资保障",
        "周二 11-24 08:00–12:00 · 物资保障",
        "周三 11-25 08:00–12:00 · 物资保障",
        "周四 11-26 08:00–12:00 · 物资保障",
        "周五 11-27 08:00–12:00 · 物资保障",
      ].join("\n"),
    );
    await h.text(VOL3, "/myshifts");
    expect(h.lastText(VOL3)).toContain("▶️ Now: Sun 11-22 07:00–11:00 · Testing point");

    // Taking someone off, and a whole shift away.
    await h.text(COORD, "/team_shifts remove 2 @xiaozhao");
    expect((await h.storage.volunteers.shifts()).find((s) => s.id === 2)?.people).toEqual([
      VOL1.id,
    ]);
    await h.text(COORD, "/team_shifts remove 3");
    expect((await h.storage.volunteers.shifts()).map((s) => s.id)).toEqual([1, 2]);
    await h.text(VOL2, "/team_shifts");
    expect(h.lastText(VOL2)).toMatch(/^抱歉，只有管理员或值班人员可以做这件事/);
  });

  it("teams: admins add and retire their own; everyone on staff sees the list", async () => {
    await h.text(COORD, "/teams add cleaning 环境消杀");
    expect(h.lastText(COORD)).toMatch(/^抱歉，只有管理员可以做这件事/);
    await h.text(ADMIN, "/teams add cleaning 环境消杀");
    expect(h.lastText(ADMIN)).toBe("已添加队伍“环境消杀”（cleaning）。");
    await h.text(ADMIN, "/teams add Bad-Key 名字");
    expect(h.lastText(ADMIN)).toContain("/teams add 队伍代号 名称");
    await h.text(ADMIN, "/teams remove testing");
    expect(h.lastText(ADMIN)).toContain("已停用队伍 testing");
    await h.text(VOL1, "/teams");
    const list = h.lastText(VOL1);
    expect(list).toContain("环境消杀（cleaning）：0 人");
    expect(list).not.toContain("核酸检测点（testing）：");
    expect(list).toContain("已停用：核酸检测点（testing）");
    // The new team is one of the profile's choices.
    await h.text(VOL1, "/volunteer");
    expect(buttonData(h.last(VOL1))).toContain("vp:team:cleaning");
    expect(buttonData(h.last(VOL1))).not.toContain("vp:team:testing");
  });

  it("every ledger button is checked on the server", async () => {
    await profile(h, VOL1, ["supplies"]);
    await h.text(COORD, "/team_task supplies 清点物资");
    await h.drain();
    const post = h.withButton(VOL1, "vt:claim:1");
    // A resident, and a coordinator who isn't a volunteer, can't claim.
    for (const who of [RES, COORD]) {
      const before = (await h.storage.audit.recent()).length;
      await h.press(who, post, "vt:claim:1");
      expect(lastAnswer(h)).toMatch(/^抱歉，只有管理员或志愿者可以做这件事/);
      const all = await h.storage.audit.recent(); // newest first
      expect(
        all.slice(0, all.length - before).map((r) => [r.action, r.outcome, r.actorId]),
      ).toEqual([["volunteer.task.claim", "denied", who.id]]);
    }
    expect((await h.storage.volunteers.task(1))?.status).toBe("open");
    await h.press(RES, post, "vt:consent:named");
    expect(lastAnswer(h)).toMatch(/^抱歉，只有管理员或志愿者可以做这件事/);
    expect(await h.storage.volunteers.profile(RES.id)).toBeUndefined();
    // A button of a task that doesn't exist.
    await h.press(VOL1, post, "vt:claim:99");
    expect(lastAnswer(h)).toBe("找不到这个任务，这个按钮可能已经失效了。");
    await h.press(VOL1, post, "vt:done:1");
    expect(lastAnswer(h)).toBe("这个按钮已经不适用了。");
    // A request's task is claimed with the request's own button only.
    await fileGroceries(h, RES);
    expect((await h.storage.volunteers.taskByRef("request", 1))?.id).toBe(2);
    await h.press(VOL1, post, "vt:claim:2");
    expect(lastAnswer(h)).toBe("找不到这个任务，这个按钮可能已经失效了。");
    expect((await h.storage.requests.get(1))?.status).toBe("new");
    // A volunteer can.
    await h.press(VOL1, post, "vt:claim:1");
    expect(lastAnswer(h)).toBe("任务是您的了，谢谢！");
  });

  it("in English: the post, the claimed task and the ledger", async () => {
    await profile(h, VOL3, ["medicine"], "named");
    await h.text(COORD, "/team_task medicine fetch insulin for building 5");
    await h.drain();
    const post = h.withButton(VOL3, "vt:claim:1");
    expect(post.text).toBe(
      '📋 [Medicine runs] New task: fetch insulin for building 5\nWho is free? The first to press "I\'ll do it" takes it.',
    );
    await h.press(VOL3, post, "vt:claim:1");
    expect(lastAnswer(h)).toBe("The task is yours, thank you!");
    h.clock.advance(2 * 60 * MINUTE);
    await choose(h, VOL3, "vt:done:1");
    expect(lastAnswer(h)).toBe("Recorded: 2 h. Thank you!");
    await h.text(VOL3, "/volunteers");
    const ledger = texts(h, VOL3).find((t) => t.includes("Volunteers' ledger")) ?? "";
    expect(ledger).toContain("Registered volunteers: 3");
    expect(ledger).toContain("Hours given: 2 h");
    expect(ledger).toContain("· Medicine runs: 1 people, 2 h");
    expect(ledger).toContain("1. Sam 2 h (this week 2 h)");
  });
});
