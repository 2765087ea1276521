import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { runCheckinJobs } from "../features/checkin/job.js";
import { buttonData, buttonUrls, Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const COORDINATOR = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const VOLUNTEER = u.makeUser(5001, { first_name: "Zhao", language_code: "zh-hans" });
const STRANGER = u.makeUser(6001, { first_name: "Nobody", language_code: "zh-hans" });
const GROUP3 = -1003000000003;
const GROUP4 = -1004000000004;
const GROUP5 = -1005000000005;
const STAFF_GROUP = -1009000000009;

const residents = {
  /** 3-2-501, a family of three, opted in to the private prompt. */
  a: u.makeUser(2001, { first_name: "A", language_code: "zh-hans" }),
  /** 3-2-502, lives alone, speaks English. */
  b: u.makeUser(2002, { first_name: "B", language_code: "en" }),
  /** 3-1-101, lives alone, blocked the bot (unreachable). */
  c: u.makeUser(2003, { first_name: "C", language_code: "zh-hans" }),
  /** 4-1-101, two people. */
  d: u.makeUser(2004, { first_name: "D", language_code: "zh-hans" }),
};

const at = (time: string, day = "2026-11-22") => `${day}T${time}:00+08:00`;

const register = (h: Harness, user: User, address: string, members: number, phone = "跳过") =>
  h.register(user, address, { members, phone });

/** A community at 07:00: layout, three building groups and a staff group, four households, staff. */
async function community(databaseUrl?: string): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl });
  h.clock.set(at("07:00"));
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.storage.roles.grant(COORDINATOR.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
  for (const staff of [ADMIN, WORKER, COORDINATOR, VOLUNTEER]) await h.text(staff, "/help");
  await h.text(ADMIN, "/layout\n3,1,101\n3,2,501\n3,2,502\n4,1,101\n5,1,101");
  for (const [chat, binding] of [
    [GROUP3, "3"],
    [GROUP4, "4"],
    [GROUP5, "5"],
    [STAFF_GROUP, "staff"],
  ] as const) {
    await h.bindGroup(ADMIN, chat, binding);
  }
  // The bot was removed from building 5's group: it is kept, inactive.
  await h.send(u.myChatMember(u.groupChat(GROUP5), ADMIN, "member", "left", h.fake.botInfo));
  await register(h, residents.a, "3-2-501", 3, "13800138000");
  await register(h, residents.b, "3-2-502", 1, "13900139000");
  await register(h, residents.c, "3-1-101", 1);
  await register(h, residents.d, "4-1-101", 2);
  await h.storage.people.setReachability(residents.c.id, "blocked");
  await h.text(residents.a, "/checkin_remind on");
  await h.drain();
  h.fake.clearCalls();
  return h;
}

const choose = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** One reading through the conversation that is already open. */
async function reading(
  h: Harness,
  user: User,
  member: number | null,
  temp: string,
  symptom = "fine",
) {
  if (member !== null) await choose(h, user, `ci:m:${member}`);
  await h.text(user, temp);
  await choose(h, user, `ci:s:${symptom}`);
}

const prompts = (h: Harness, chat: number) =>
  h.fake
    .messagesIn(chat)
    .filter((m) => buttonUrls(m).some((url) => url.endsWith("?start=checkin")));

const readings = (h: Harness) =>
  h.storage.db.selectFrom("checkin_readings").selectAll().orderBy("id").execute();

describe("daily check-in", () => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await h.close();
    tmp?.remove();
    tmp = undefined;
  });

  it("the morning prompt reaches every bound, active building group once, and those who opted in", async () => {
    h = await community();
    h.clock.set(at("07:59"));
    expect((await runCheckinJobs(h.deps, h.bot.api)).due).toEqual([]);

    h.clock.set(at("08:00"));
    const run = await runCheckinJobs(h.deps, h.bot.api);
    expect(run).toMatchObject({ date: "2026-11-22", groupsPrompted: 2, done: ["prompt"] });
    await h.drain();
    h.clock.set(at("08:01"));
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ groupsPrompted: 0, done: [] });
    await h.drain();

    for (const [chat, building] of [
      [GROUP3, "3"],
      [GROUP4, "4"],
    ] as const) {
      const sent = prompts(h, chat);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text).toContain(`${building} 栋今日健康打卡`);
      expect(sent[0]?.text).toContain("10:00");
      expect(buttonUrls(sent[0]!)).toEqual([
        `https://t.me/${h.fake.botInfo.username}?start=checkin`,
      ]);
      expect(JSON.stringify(sent[0]?.reply_markup)).toContain("上报 / Report");
    }
    // Not the staff group, not the group the bot was removed from.
    expect(prompts(h, STAFF_GROUP)).toEqual([]);
    expect(h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === GROUP5)).toEqual([]);
    // A private prompt only for the resident who opted in.
    const toA = h.fake.messagesIn(residents.a.id).filter((m) => buttonData(m).includes("ci:go"));
    expect(toA.map((m) => m.text)).toEqual([
      "【3-2-501】\n早上好！今天的健康打卡请在 10:00 前上报家里每个人的体温。",
    ]);
    expect(
      h.fake.messagesIn(residents.d.id).filter((m) => buttonData(m).includes("ci:go")),
    ).toEqual([]);
    expect(await h.storage.db.selectFrom("checkin_prompts").selectAll().execute()).toHaveLength(2);

    // The resident presses the Report button in their private prompt.
    await h.press(residents.a, toA[0]!, "ci:go");
    expect(h.lastText(residents.a)).toContain("【3-2-501】今天（2026-11-22）的体温");
  });

  it("a household of three reports, one member at a time, surviving a restart mid-way", async () => {
    tmp = tempDir();
    h = await community(`sqlite:${tmp.dir}/checkin.sqlite`);
    h.clock.set(at("08:30"));
    const a = residents.a;
    await h.text(a, "/start checkin"); // the group's Report button
    const status = h.last(a);
    expect(status.text).toContain("成员 1：还没报");
    expect(buttonData(status)).toEqual(["ci:m:1", "ci:m:2", "ci:m:3", "ci:done"]);

    await choose(h, a, "ci:m:1");
    expect(h.lastText(a)).toBe("请输入成员 1 的体温，例如 36.5。");
    await h.text(a, "36,5");
    expect(h.lastText(a)).toBe("身体感觉怎么样？");
    await choose(h, a, "ci:s:fine");
    expect(h.fake.textsIn(a.id).at(-2)).toBe("✅ 已记录：成员 1 36.5℃，😊 正常。");
    expect(h.lastText(a)).toContain("成员 1：36.5℃，😊 正常 ✅");

    await choose(h, a, "ci:m:2");
    await h.restart(); // the bot crashes and comes back: the question stays open
    await h.text(a, "３６．５");
    await choose(h, a, "ci:s:cough");
    await reading(h, a, 3, "97.7 F", "sore_throat");
    const texts = h.fake.textsIn(a.id);
    expect(texts).toContain("已按华氏度换算：97.7℉ = 36.5℃。");
    expect(h.lastText(a)).toBe("👍 全家 3 人今天都报好了，谢谢！要改哪个读数，再发 /checkin。");

    const rows = await readings(h);
    expect(rows.map((r) => [r.member, r.celsius, r.symptom, r.local_date, r.proxy])).toEqual([
      [1, 36.5, "fine", "2026-11-22", 0],
      [2, 36.5, "cough", "2026-11-22", 0],
      [3, 36.5, "sore_throat", "2026-11-22", 0],
    ]);
    expect(rows.every((r) => r.reported_by === a.id && r.replaced_at === null)).toBe(true);
    // No fever, nobody paged.
    expect(
      await h.storage.db.selectFrom("outbox").selectAll().where("lane", "=", "urgent").execute(),
    ).toEqual([]);
  });

  it("a fever alerts the coordinators with the unit; a second report replaces the first; a correction is passed on", async () => {
    h = await community();
    h.clock.set(at("08:40"));
    const b = residents.b; // English, lives alone: no member to pick
    await h.text(b, "/checkin");
    expect(h.lastText(b)).toBe("Please type your temperature, for example 36.5.");
    await h.text(b, "38.2");
    await choose(h, b, "ci:s:cough");
    const told = h.lastText(b);
    expect(h.fake.textsIn(b.id).at(-2)).toContain("✅ Recorded: You, 38.2 °C, Cough.");
    // Nobody had set /duty on, so the ladder started at step 2, and the resident is told so.
    expect(h.fake.textsIn(b.id).at(-2)).toContain(
      "Nobody was on duty, so all coordinators and the staff group have been alerted.",
    );
    expect(h.fake.textsIn(b.id).at(-2)).toContain("13900139000");
    expect(told).toBe("Thank you! To change the reading, send /checkin again.");
    await h.drain();

    const pages = () => h.fake.textsIn(COORDINATOR.id).filter((t) => t.includes("3-2-502"));
    expect(pages()).toHaveLength(1);
    expect(pages()[0]).toContain("38.2");
    expect(pages()[0]).toContain("咳嗽");
    expect(pages()[0]).toContain("13900139000");
    const urgent = await h.storage.db
      .selectFrom("outbox")
      .selectAll()
      .where("lane", "=", "urgent")
      .where("chat_id", "=", COORDINATOR.id)
      .execute();
    expect(urgent.length).toBeGreaterThanOrEqual(1);

    // A second report a minute later: accepted as a correction, said so; still a fever, no new page.
    h.clock.advance(60_000);
    await h.text(b, "/checkin");
    expect(h.lastText(b)).toBe("Please type your temperature, for example 36.5.");
    expect(h.fake.textsIn(b.id).at(-2)).toBe(
      "You already reported 38.2 °C today (08:40). A new reading will replace it.",
    );
    await h.text(b, "38.4");
    await choose(h, b, "ci:s:cough");
    const second = h.fake.textsIn(b.id).at(-2) ?? "";
    expect(second).toContain("This replaces the 38.2 °C reported at 08:40");
    expect(second).toContain("A fever was already reported for this member today");
    await h.drain();
    expect(pages()).toHaveLength(1);

    // The fever was a misreading: the coordinators hear it is corrected.
    h.clock.advance(60_000);
    await h.text(b, "/checkin");
    await h.text(b, "36.6");
    await choose(h, b, "ci:s:fine");
    await h.drain();
    expect(pages().at(-1)).toBe(
      "【3-2-502】更正：成员 1 的体温改为 36.6℃（之前报的 38.4℃ 已被替换），不再算发烧。",
    );
    // The audit trail: every reading kept, each replaced by the next.
    const rows = await readings(h);
    expect(rows.map((r) => [r.id, r.celsius, r.replaced_by, r.replaced_at !== null])).toEqual([
      [1, 38.2, 2, true],
      [2, 38.4, 3, true],
      [3, 36.6, null, false],
    ]);
  });

  it("a coordinator who reads English gets the fever's line in English, from one stored row in each language", async () => {
    h = await community();
    await h.storage.db
      .updateTable("people")
      .set({ language: "en" })
      .where("id", "=", COORDINATOR.id)
      .execute();
    h.clock.set(at("08:40"));
    const b = residents.b;
    await h.text(b, "/checkin");
    await h.text(b, "38.2");
    await choose(h, b, "ci:s:cough");
    await h.drain();
    const page = h.fake.textsIn(COORDINATOR.id).find((t) => t.includes("3-2-502")) ?? "";
    expect(page).toContain("What: member 1: 38.2 °C, Cough");
    expect(page).not.toMatch(/[成员体温咳嗽]/);
    // Stored once, in each language; the page is written from it for each reader.
    const stored = await h.storage.db.selectFrom("escalations").select("summary").execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.summary).toContain("成员 1 体温 38.2℃，咳嗽");
    expect(stored[0]?.summary).toContain("member 1: 38.2 °C, Cough");
  });

  it("at the deadline, reminders go only to the reachable households missing readings; staff get the list by unit", async () => {
    h = await community();
    h.clock.set(at("09:00"));
    const { checkins } = h.storage;
    const household = async (user: User) => (await checkins.householdOf(user.id))?.id as number;
    const base = { date: "2026-11-22", symptom: "fine" as const, note: null, proxy: false };
    for (const member of [1, 2, 3])
      await checkins.record({
        ...base,
        householdId: await household(residents.a),
        member,
        celsius: 36.5,
        reportedBy: residents.a.id,
      });
    await checkins.record({
      ...base,
      householdId: await household(residents.b),
      member: 1,
      celsius: 36.6,
      reportedBy: residents.b.id,
    });
    await checkins.record({
      ...base,
      householdId: await household(residents.d),
      member: 1,
      celsius: 36.7,
      reportedBy: residents.d.id,
    });

    h.clock.set(at("10:00"));
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({
      due: ["deadline"],
      done: ["deadline"],
    });
    h.clock.set(at("10:05"));
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ done: [] });
    await h.drain();

    const reminders = (user: User) =>
      h.fake.messagesIn(user.id).filter((m) => buttonData(m).includes("ci:go"));
    expect(reminders(residents.a)).toEqual([]);
    expect(reminders(residents.b)).toEqual([]);
    // 3-1-101 has blocked the bot: no send is tried; it is on the staff list instead.
    expect(
      h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === residents.c.id),
    ).toEqual([]);
    expect(reminders(residents.d).map((m) => m.text)).toEqual([
      "【4-1-101】\n今天的健康打卡已到截止时间：您家 2 人，已报 1 人，还差 1 人。请现在补报。",
    ]);
    const lanes = await h.storage.db
      .selectFrom("outbox")
      .select(["chat_id", "lane"])
      .where("ref_type", "=", "checkin-reminder")
      .execute();
    expect(lanes).toEqual([{ chat_id: residents.d.id, lane: "bulk" }]);

    for (const staff of [WORKER, COORDINATOR]) {
      const list = h.fake.textsIn(staff.id).at(-1) ?? "";
      expect(list).toContain("4 户中还有 1 户没报，1 户没报全");
      expect(list).toContain("3-1：101📵");
      expect(list).toContain("4-1：101 (1/2)");
      expect(list).not.toContain("3-2：");
      expect(list).toContain("可私信 0 户，无法私信 1 户");
      expect(list).toContain("已给可私信的 1 户发了提醒");
    }
    expect(h.fake.messagesIn(VOLUNTEER.id).filter((m) => m.text?.includes("截止"))).toEqual([]);
  });

  it("the final summary gives the day's figures on a known data set; /checkins adds the trend", async () => {
    h = await community();
    const { checkins } = h.storage;
    const id = async (user: User) => (await checkins.householdOf(user.id))?.id as number;
    const put = async (
      user: User,
      member: number,
      celsius: number,
      date: string,
      symptom: "fine" | "cough" = "fine",
    ) =>
      checkins.record({
        householdId: await id(user),
        member,
        celsius,
        date,
        symptom,
        note: null,
        reportedBy: user.id,
        proxy: false,
      });
    // Yesterday: everyone in 3-2-501 and 3-2-502.
    for (const m of [1, 2, 3]) await put(residents.a, m, 36.5, "2026-11-21");
    await put(residents.b, 1, 36.5, "2026-11-21");
    // Today: 3-2-501 complete, 3-2-502 a fever, 4-1-101 one of two, 3-1-101 nothing.
    for (const m of [1, 2, 3]) await put(residents.a, m, 36.4, "2026-11-22");
    await put(residents.b, 1, 38.2, "2026-11-22", "cough");
    await put(residents.d, 2, 36.9, "2026-11-22");

    h.clock.set(at("11:00"));
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ done: ["report"] });
    await h.drain();
    const summary = h.fake.textsIn(COORDINATOR.id).at(-1) ?? "";
    expect(summary.split("\n")).toEqual([
      "🌡 健康打卡汇总 2026-11-22（11:00）",
      "合计 4 户：报全 2，没报全 1，没报 1（完成率 50%）；已报 5/7 人。",
      "",
      "发烧 1 人：",
      "　3-2-502 成员 1：38.2℃，咳嗽",
      "",
      "各楼栋和单元：",
      "3 栋：3 户，报全 2，没报全 0，没报 1",
      "　3-1：1 户，报全 0，没报全 0，没报 1",
      "　　没报：101📵",
      "　3-2：2 户，报全 2，没报全 0，没报 0",
      "4 栋：1 户，报全 0，没报全 1，没报 0",
      "　4-1：1 户，报全 0，没报全 1，没报 0",
      "　　没报全：101 (1/2)",
      "",
      "没报的 1 户中：可私信 0 户，无法私信 1 户（📵，需要电话或上门）。",
    ]);
    // Coordinators only; and only once.
    expect(h.fake.textsIn(WORKER.id).some((t) => t.includes("健康打卡汇总"))).toBe(false);
    h.clock.set(at("15:00"));
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ done: [] });
    const run = (await h.storage.checkins.runsOn("2026-11-22")).find((r) => r.step === "report");
    expect(run?.detail).toMatchObject({
      households: 4,
      complete: 2,
      fevers: 1,
    });

    // /checkins for staff (a volunteer too), with the 7-day trend; residents are refused.
    await h.text(VOLUNTEER, "/checkins");
    const view = h.lastTextMessage(VOLUNTEER);
    expect(view).toContain("合计 4 户：报全 2，没报全 1，没报 1（完成率 50%）");
    expect(view).toContain(
      "近 7 天完成率：11-16 0% · 11-17 0% · 11-18 0% · 11-19 0% · 11-20 0% · 11-21 50% · 11-22 50%",
    );
    await h.text(residents.a, "/checkins");
    expect(h.lastText(residents.a)).toContain("抱歉，只有");
  });

  it("a bot started at 08:20 catches up on today's prompt; one started after the deadline doesn't prompt", async () => {
    tmp = tempDir();
    h = await community(`sqlite:${tmp.dir}/checkin.sqlite`);
    // Down from 07:00 to 08:20: the 08:00 run never happened.
    h.clock.set(at("08:20"));
    await h.restart();
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({
      groupsPrompted: 2,
      done: ["prompt"],
    });
    await h.drain();
    expect(prompts(h, GROUP3)).toHaveLength(1);
    expect(prompts(h, GROUP4)).toHaveLength(1);

    // Next day, down until 10:30: too late to ask; the deadline step runs instead.
    h.clock.set(at("10:30", "2026-11-23"));
    await h.restart();
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({
      date: "2026-11-23",
      due: ["deadline"],
      groupsPrompted: 0,
      done: ["deadline"],
    });
    await h.drain();
    expect(prompts(h, GROUP3)).toHaveLength(1);
  });

  it("a restart at 08:05 does not send the prompts again, sent or still queued", async () => {
    tmp = tempDir();
    h = await community(`sqlite:${tmp.dir}/checkin.sqlite`);
    h.clock.set(at("08:00"));
    await runCheckinJobs(h.deps, h.bot.api);
    // Crash before the outbox sent anything.
    h.clock.set(at("08:05"));
    await h.restart();
    expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ groupsPrompted: 0, done: [] });
    await h.drain();
    expect(prompts(h, GROUP3)).toHaveLength(1);
    expect(prompts(h, GROUP4)).toHaveLength(1);
    // And once more after everything was sent.
    h.clock.set(at("08:06"));
    await h.restart();
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();
    expect(prompts(h, GROUP3)).toHaveLength(1);
    expect(
      h.fake.messagesIn(residents.a.id).filter((m) => buttonData(m).includes("ci:go")),
    ).toHaveLength(1);
  });

  describe("bad input", () => {
    it("each bad temperature gets a clear answer, is asked again, and stores nothing", async () => {
      h = await community();
      h.clock.set(at("08:30"));
      const a = residents.a;
      await h.text(a, "/checkin");
      await choose(h, a, "ci:m:1");
      const answers: Array<[string, string]> = [
        ["abc", "看不懂“abc”。请只输入体温数字，例如 36.5 或 36,5。"],
        ["3", "3℃ 低于正常的体温范围（34.0–43.0℃）。请再量一次，然后输入读数，例如 36.5。"],
        ["365", "“365”是不是少了小数点？如果是 36.5℃，请输入 36.5。"],
        ["45", "45℃ 高于能测到的体温范围（34.0–43.0℃）。请再量一次，然后输入读数，例如 36.5。"],
        ["   ", "没有收到体温。请输入数字，例如 36.5。"],
      ];
      for (const [input, reply] of answers) {
        await h.text(a, input);
        expect(h.lastText(a), input).toBe(reply);
      }
      await h.send(u.privatePhoto(a));
      expect(h.lastText(a)).toBe("请直接输入体温数字，例如 36.5（不用发照片或语音）。");
      expect(await readings(h)).toEqual([]);

      // 99 is read as Fahrenheit, said so, and confirmed back.
      await h.text(a, "99");
      expect(h.lastText(a)).toBe("您输入的 99 我按华氏度理解：99℉ = 37.2℃。对吗？");
      expect(buttonData(h.last(a))).toEqual(["ci:f:yes", "ci:f:no"]);
      await choose(h, a, "ci:f:no");
      expect(h.lastText(a)).toBe("好的，请重新输入体温（摄氏度），例如 36.5。");
      await h.text(a, "99");
      await choose(h, a, "ci:f:yes");
      await choose(h, a, "ci:s:fine");
      expect((await readings(h)).map((r) => r.celsius)).toEqual([37.2]);
    });

    it("a member who doesn't exist, by button or typed, is refused", async () => {
      h = await community();
      const a = residents.a;
      await h.text(a, "/checkin");
      const status = h.last(a);
      await h.press(a, status, "ci:m:5");
      expect(h.callbackAnswers().at(-1)).toContain("您家登记的是 3 人，没有“成员 5”");
      await h.text(a, "5");
      expect(h.lastText(a)).toContain("您家登记的是 3 人，没有“成员 5”");
      await h.text(a, "36.5");
      expect(h.lastText(a)).toBe("请先点上面的按钮选是哪位成员，再输入体温。");
      await h.text(a, "2"); // typing the member's number works
      expect(h.lastText(a)).toBe("请输入成员 2 的体温，例如 36.5。");
      await h.text(a, "36.5");
      await choose(h, a, "ci:s:fine");
      await choose(h, a, "ci:done");
      expect(h.lastText(a)).toBe("好的，今天已报 1/3 人。其他人量好后再发 /checkin 补报。");
      expect((await readings(h)).map((r) => r.member)).toEqual([2]);
    });

    it("/checkin_settings 25:00 and other bad settings are refused with the reason; good ones are kept", async () => {
      h = await community();
      await h.text(ADMIN, "/checkin_settings 25:00");
      expect(h.lastText(ADMIN)).toBe(
        "“25:00”不是一天中的时间：小时是 00–23，分钟是 00–59，例如 08:00。什么都没有改。",
      );
      await h.text(ADMIN, "/checkin_settings deadline 07:00");
      expect(h.lastText(ADMIN)).toContain("时间顺序不对：提醒（08:00）要早于截止（07:00）");
      await h.text(ADMIN, "/checkin_settings soon");
      expect(h.lastText(ADMIN)).toContain("看不懂“soon”");
      expect(await h.storage.checkins.settings()).toEqual({
        prompt: "08:00",
        deadline: "10:00",
        report: "11:00",
        enabled: true,
      });
      await h.text(WORKER, "/checkin_settings 07:00");
      expect(h.lastText(WORKER)).toContain("抱歉，只有管理员可以做这件事");

      await h.text(ADMIN, "/checkin_settings 07:30 09:30 10:30");
      expect(h.lastText(ADMIN)).toContain("✅ 已保存。");
      expect(h.lastText(ADMIN)).toContain(
        "提醒 07:30 · 截止 09:30 · 汇总 10:30（Asia/Shanghai 时间）",
      );
      await h.text(ADMIN, "/checkin_settings off");
      expect(await h.storage.checkins.settings()).toEqual({
        prompt: "07:30",
        deadline: "09:30",
        report: "10:30",
        enabled: false,
      });
      h.clock.set(at("08:00"));
      expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ due: [], done: [] });
      await h.text(ADMIN, "/checkin_settings on");
      expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ done: ["prompt"] });
      await h.text(ADMIN, "/checkin_settings");
      expect(h.lastText(ADMIN)).toContain("群提醒：已发到 2 个楼栋群");
    });

    it("a group the bot is no longer in: skipped, or the 403 is recorded; nothing crashes and the summary still works", async () => {
      h = await community();
      // Building 4's group removed the bot without our hearing of it.
      h.fake.botRemovedFrom(GROUP4);
      h.clock.set(at("08:00"));
      await runCheckinJobs(h.deps, h.bot.api);
      await h.drain();
      expect(prompts(h, GROUP3)).toHaveLength(1);
      expect((await h.storage.groups.get(GROUP4))?.active).toBe(false);
      const failed = await h.storage.db
        .selectFrom("outbox")
        .select(["status", "failure"])
        .where("chat_id", "=", GROUP4)
        .execute();
      expect(failed).toEqual([{ status: "failed", failure: "chat_not_found" }]);

      // An update from the inactive group is ignored; /checkin in a group points to private chat.
      await h.groupText(residents.d, GROUP4, "/checkin");
      expect(h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === GROUP4)).toHaveLength(
        1,
      );
      await h.groupText(residents.a, GROUP3, "/checkin");
      expect(h.lastText(GROUP3)).toContain("私聊");

      h.clock.set(at("11:00"));
      expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ done: ["report"] });
      await h.drain();
      expect(h.fake.textsIn(COORDINATOR.id).at(-1)).toContain("合计 4 户");
      await h.text(WORKER, "/checkins");
      expect(h.lastTextMessage(WORKER)).toContain("4-1：1 户");
      // The next morning, the inactive group is skipped.
      h.clock.set(at("08:00", "2026-11-23"));
      expect(await runCheckinJobs(h.deps, h.bot.api)).toMatchObject({ groupsPrompted: 1 });
    });

    it("someone not registered is sent to /register", async () => {
      h = await community();
      await h.text(STRANGER, "/checkin");
      expect(h.lastText(STRANGER)).toContain("要先登记房号才能上报体温。请发 /register");
      await h.text(STRANGER, "/start checkin");
      expect(h.lastText(STRANGER)).toContain("/register");
      await h.text(STRANGER, "/checkin_remind on");
      expect(h.lastText(STRANGER)).toContain("/register");
    });
  });

  it("staff record a reading for a household at the door; a fever found there is raised too", async () => {
    h = await community();
    h.clock.set(at("10:20"));
    await h.text(WORKER, "/checkin_for");
    expect(h.lastText(WORKER)).toBe("用法：/checkin_for 房号，例如 /checkin_for 3-2-501。");
    await h.text(WORKER, "/checkin_for 房间");
    expect(h.lastText(WORKER)).toContain("看不懂房号“房间”");
    await h.text(WORKER, "/checkin_for 5-1-101");
    expect(h.lastText(WORKER)).toContain("5-1-101 没有登记的住户");
    await h.text(residents.a, "/checkin_for 3-1-101");
    expect(h.lastText(residents.a)).toContain("抱歉，只有");

    await h.text(VOLUNTEER, "/checkin_for 3栋1单元101");
    expect(h.fake.textsIn(VOLUNTEER.id).at(-2)).toBe("正在替【3-1-101】登记体温（共 1 人）。");
    expect(h.lastText(VOLUNTEER)).toBe("请输入成员 1 的体温，例如 36.5。");
    await h.text(VOLUNTEER, "38.5");
    await choose(h, VOLUNTEER, "ci:s:other");
    await h.text(VOLUNTEER, "头晕");
    const saved = h.fake.textsIn(VOLUNTEER.id).at(-2) ?? "";
    expect(saved).toContain("✅ 已记录：成员 1 38.5℃，其他不舒服: 头晕。");
    expect(saved).toContain("🌡 发烧：现在没有人在岗，已经通知了全体值班人员和值班群。");
    expect(h.lastText(VOLUNTEER)).toBe(
      "👍 【3-1-101】今天已报 1/1 人。要修改或补报，再发 /checkin_for 3-1-101。",
    );
    await h.drain();
    const page = h.fake.textsIn(COORDINATOR.id).find((t) => t.includes("3-1-101")) ?? "";
    expect(page).toContain("38.5");
    expect(page).toContain("工作人员上门代报");
    const [row] = await readings(h);
    expect(row).toMatchObject({ proxy: 1, reported_by: VOLUNTEER.id, celsius: 38.5, note: "头晕" });
    const audit = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "checkin.proxy")
      .execute();
    // The refused attempt and the reading.
    expect(audit.map((r) => [r.actor_id, r.outcome])).toEqual([
      [residents.a.id, "denied"],
      [VOLUNTEER.id, "ok"],
    ]);
  });

  it("/checkin_remind turns the private morning prompt on and off", async () => {
    h = await community();
    const d = residents.d;
    await h.text(d, "/checkin_remind");
    expect(h.lastText(d)).toBe(
      "每天的私信提醒：已关闭。发 /checkin_remind on 打开，每天 08:00 私信提醒您。",
    );
    await h.text(d, "/checkin_remind on");
    expect(h.lastText(d)).toContain("以后每天 08:00 会私信提醒您打卡");
    await h.text(d, "/checkin_remind maybe");
    expect(h.lastText(d)).toContain("用法：/checkin_remind on");
    await h.text(residents.a, "/checkin_remind off");
    expect(await h.storage.checkins.isOptedIn(residents.a.id)).toBe(false);
    h.clock.set(at("08:00"));
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();
    const prompted = (user: User) =>
      h.fake.messagesIn(user.id).filter((m) => buttonData(m).includes("ci:go")).length;
    expect([prompted(residents.a), prompted(d)]).toEqual([0, 1]);
  });
});
