/**
 * Stories of the grid (私人管家) against the fake Telegram: an admin sets up
 * the grid, residents learn who their worker is, ask them privately and get
 * answers relayed both ways, the deputy steps in when the worker is off, an
 * unanswered question reaches the coordinators, a notice's question goes to
 * the worker first, the door list, and work split by grid.
 */
import type { Update, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { runCheckinJobs } from "../features/checkin/index.js";
import { runGridJobs } from "../features/grid/index.js";
import { sendNotice } from "../features/notices/service.js";
import type { FakeMessage } from "../simulator/server.js";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const ADMIN_EN = u.makeUser(1002, { first_name: "Ann", language_code: "en" });
const ZHANG = u.makeUser(3001, { first_name: "Zhang", username: "zhang_w", language_code: "zh" });
const LI = u.makeUser(3002, { first_name: "Li", username: "li_w", language_code: "zh" });
const WU = u.makeUser(3003, { first_name: "Wu", username: "wu_w", language_code: "en" });
const COORD = u.makeUser(4001, { first_name: "Chen", username: "chen_c", language_code: "zh" });
const WANG = u.makeUser(2001, { first_name: "Wang", username: "wang_r", language_code: "zh" });
const ZHAO = u.makeUser(2002, { first_name: "Zhao", language_code: "zh" });
const SMITH = u.makeUser(2003, { first_name: "Smith", language_code: "en" });
const HOUR = 3_600_000;

const at = (time: string, day = "2026-11-23") => `${day}T${time}:00+08:00`;

/** Rooms of 3-1, 3-2 and 4-1; three workers, a coordinator; nothing assigned yet. */
async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id, ADMIN_EN.id] });
  h.clock.set(at("09:00"));
  await h.text(
    ADMIN,
    "/layout\n3,1,101\n3,1,102\n3,2,501\n3,2,502\n3,2,601\n3,2,1201\n4,1,101\n4,1,102",
  );
  for (const w of [ZHANG, LI, WU]) await h.storage.roles.grant(w.id, "worker", ADMIN.id);
  await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
  for (const p of [ZHANG, LI, WU, COORD, ADMIN_EN]) await h.text(p, "/start");
  await h.drain();
  h.fake.clearCalls();
  return h;
}

/** Zhang looks after building 3 (Li stands in for 3-2), Wu after 4-1. */
async function withGrid(h: Harness): Promise<void> {
  await h.text(ADMIN, "/grid @zhang_w 3");
  await h.text(ADMIN, "/grid deputy @li_w 3-2");
  await h.text(ADMIN, "/grid @wu_w 4-1");
  await h.text(ZHANG, "/mygrid name 张姐");
}

/** A Telegram reply to a message the bot sent. */
function replyTo(h: Harness, from: User, to: FakeMessage, text: string): Update {
  const update = u.privateText(from, text);
  (update.message as unknown as Record<string, unknown>).reply_to_message = {
    message_id: to.message_id,
    from: h.fake.botInfo,
    chat: u.privateChat(from),
    date: Math.floor(Date.now() / 1000),
    text: to.text,
  };
  return update;
}

/** Messages in a chat that carry a thread's Reply button. */
const relays = (h: Harness, chat: number) =>
  h.fake.messagesIn(chat).filter((m) => buttonData(m).some((d) => d.startsWith("gr:re:")));

describe("the grid", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("an admin assigns workers and a deputy; /grid lists them and the units with nobody", async () => {
    h = await community();
    await h.text(ADMIN, "/grid @zhang_w 3");
    expect(h.lastText(ADMIN)).toContain("已安排 Zhang 负责：3 栋（整栋）");
    await h.text(ADMIN, "/grid deputy @li_w 3-2");
    expect(h.lastText(ADMIN)).toContain("已安排 Li 做代班：3-2");
    await h.text(ADMIN, "/grid");
    const list = h.lastText(ADMIN);
    expect(list).toContain("3 栋（整栋）：Zhang");
    expect(list).toContain("3-2：无人；代班：Li");
    expect(list).toContain("还没有网格员的单元（1 个）：4-1");
    expect(list).not.toContain("3-1、");

    // A unit row keeps the building's main worker; a worker looks up their own.
    await h.text(ADMIN, "/grid @wu_w 4-1");
    await h.text(ADMIN, "/grid");
    expect(h.lastText(ADMIN)).toContain("每个单元都有网格员了");
    await h.text(COORD, "/grid @li_w");
    expect(h.lastText(COORD)).toContain("代班：3-2");
    await h.text(ZHANG, "/mygrid");
    expect(h.lastText(ZHANG)).toContain("我负责：3 栋（整栋）");

    // Clearing a unit makes it a gap again.
    await h.text(ADMIN, "/grid clear 4-1");
    await h.text(ADMIN, "/grid");
    expect(h.lastText(ADMIN)).toContain("还没有网格员的单元（1 个）：4-1");
    const rows = await h.storage.grid.rows();
    expect(rows.map((r) => [r.building, r.unit, r.workerId, r.deputyId])).toEqual(
      expect.arrayContaining([
        ["3", "*", ZHANG.id, null],
        ["3", "2", null, LI.id],
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it("bad input is answered politely, in the person's language, and changes nothing", async () => {
    h = await community();
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.text(ADMIN, "/grid @wang_r 3");
    expect(h.lastText(ADMIN)).toContain("王阿姨 不是社工");
    await h.text(ADMIN, "/grid @zhang_w 9-1");
    expect(h.lastText(ADMIN)).toContain("房号表里没有：9-1");
    await h.text(ADMIN, "/grid @zhang_w 3-2-501");
    expect(h.lastText(ADMIN)).toContain("“3-2-501”不是楼栋或单元");
    await h.text(ADMIN, "/grid @nobody_here 3");
    expect(h.lastText(ADMIN)).toContain("我不认识 @nobody_here");
    await h.text(ADMIN_EN, "/grid @wang_r 3");
    expect(h.lastText(ADMIN_EN)).toBe(
      "王阿姨 is not a worker. Give them the worker role with /invite worker first.",
    );
    await h.text(ADMIN_EN, "/grid @zhang_w 9");
    expect(h.lastText(ADMIN_EN)).toContain("Not in the room list: 9");
    // The same person can't be a unit's worker and its deputy.
    await h.text(ADMIN, "/grid @zhang_w 3-2");
    await h.text(ADMIN, "/grid deputy @zhang_w 3-2");
    expect(h.lastText(ADMIN)).toContain("网格员和代班不能是同一个人");
    // Only admins change the grid; a worker or coordinator is refused and it is audited.
    await h.text(ZHANG, "/grid @zhang_w 4-1");
    expect(h.lastText(ZHANG)).toMatch(/^抱歉，只有管理员可以做这件事。/);
    await h.text(WANG, "/grid");
    expect(h.lastText(WANG)).toMatch(/^抱歉，只有/);
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .select(["actor_id", "action"])
      .where("outcome", "=", "denied")
      .execute();
    expect(denied).toEqual(
      expect.arrayContaining([
        { actor_id: ZHANG.id, action: "grid.assign" },
        { actor_id: WANG.id, action: "grid.view" },
      ]),
    );
    expect((await h.storage.grid.rows()).map((r) => [r.building, r.unit])).toEqual([["3", "2"]]);
  });

  it("without a room list any well-formed unit is taken", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.storage.roles.grant(ZHANG.id, "worker", ADMIN.id);
    await h.text(ZHANG, "/start");
    await h.text(ADMIN, "/grid @zhang_w 12 5-3");
    expect(h.lastText(ADMIN)).toContain("已安排 Zhang 负责：12 栋（整栋）、5-3");
  });

  it("residents hear who their worker is: the chosen name, and phone or account only if allowed", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    const done = h.lastText(WANG);
    expect(done).toContain("登记完成");
    expect(done).toContain("您所在的 3-2 的网格员：张姐");
    expect(done).not.toContain("zhang_w");
    expect(done).not.toContain("Zhang");
    expect(done).not.toContain("网格员电话");

    await h.text(ZHANG, "/mygrid phone 139-0000-1111");
    await h.text(ZHANG, "/mygrid account on");
    await h.text(WANG, "/me");
    const me = h.last(WANG);
    expect(me.text).toContain("网格员：张姐");
    expect(me.text).toContain("网格员电话：13900001111");
    expect(me.text).toContain("@zhang_w");
    expect(buttonData(me)).toEqual(["gr:ask"]);
    await h.text(ZHANG, "/mygrid account off");
    await h.text(ZHANG, "/mygrid phone off");
    await h.text(WANG, "/start");
    expect(h.lastText(WANG)).toContain("网格员：张姐");
    expect(h.lastText(WANG)).not.toContain("zhang_w");
    expect(h.lastText(WANG)).not.toContain("1390000");

    // A unit with nobody says so; English for an English speaker.
    await h.text(ADMIN, "/grid clear 4-1");
    await h.register(SMITH, "4-1-101", { name: "Mr Smith" });
    expect(h.lastText(SMITH)).toContain("4-1 has no grid worker yet");
    await h.text(SMITH, "/ask");
    expect(h.lastText(SMITH)).toContain("Your unit has no grid worker yet");
  });

  it("a resident asks their worker and gets the answer; the deputy answers when the worker is off", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.drain();

    // The Ask button under /me, then one message.
    await h.text(WANG, "/me");
    await h.press(WANG, h.last(WANG), "gr:ask");
    expect(h.lastText(WANG)).toContain("请写下您想问网格员的话");
    await h.text(WANG, "电梯什么时候能修好？我腿不好。");
    expect(h.lastText(WANG)).toBe("✅ 已转给您的网格员张姐。回复会在这里出现。");
    await h.drain();
    const [question] = relays(h, ZHANG.id);
    expect(question?.text).toContain("3-2-501 王阿姨 的问题（对话 #1）");
    expect(question?.text).toContain("电梯什么时候能修好？我腿不好。");
    expect(buttonData(question!)).toEqual(["gr:re:1", "gr:close:1"]);
    expect(relays(h, LI.id)).toHaveLength(0);

    // Zhang answers with a Telegram reply; Wang never sees Zhang's account.
    await h.send(replyTo(h, ZHANG, question!, "明天上午修好，需要帮忙买菜可以告诉我。"));
    expect(h.lastText(ZHANG)).toBe("✅ 已转给 3-2-501 的居民。");
    await h.drain();
    const answer = h.last(WANG);
    expect(answer.text).toContain("💬 您的网格员张姐回复：");
    expect(answer.text).toContain("明天上午修好，需要帮忙买菜可以告诉我。");
    expect(answer.text).not.toContain("zhang_w");
    expect(buttonData(answer)).toEqual(["gr:re:1"]);

    // Zhang is off: Wang's next message (the Reply button) goes to Li, the deputy.
    await h.text(ZHANG, "/mygrid off");
    await h.press(WANG, answer, "gr:re:1");
    await h.text(WANG, "谢谢，能帮我买点米吗？");
    expect(h.lastText(WANG)).toContain("网格员今天休息，已转给代班的同事");
    await h.drain();
    const [toLi] = relays(h, LI.id);
    expect(toLi?.text).toContain("网格员今天休息，请您代为回复");
    expect(toLi?.text).toContain("谢谢，能帮我买点米吗？");
    expect(relays(h, ZHANG.id)).toHaveLength(1);

    // Li answers with the button.
    await h.press(LI, toLi!, "gr:re:1");
    expect(h.lastText(LI)).toContain("请写下给 3-2-501 的回复");
    await h.text(LI, "下午送到门口。");
    await h.drain();
    expect(h.lastText(WANG)).toContain("💬 您的网格员回复：\n\n下午送到门口。");
    expect(h.lastText(WANG)).not.toContain("li_w");

    // Another resident can't answer in Wang's thread.
    await h.register(ZHAO, "3-2-601", { name: "赵伯" });
    await h.press(ZHAO, toLi!, "gr:re:1");
    expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有/);
    await h.press(ZHAO, toLi!, "gr:close:1");
    expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有/);
    expect((await h.storage.grid.thread(1))?.status).toBe("open");

    // Zhang closes it; a relay reply to a closed thread is refused politely, on both sides.
    await h.press(ZHANG, question!, "gr:close:1");
    expect(h.callbackAnswers().at(-1)).toContain("已结束这次对话");
    await h.press(ZHANG, question!, "gr:close:1");
    expect(h.callbackAnswers().at(-1)).toContain("这次对话已经结束了");
    await h.drain();
    expect(h.lastText(WANG)).toContain("网格员已把您的问题标为解决");
    const before = h.fake.callsTo("sendMessage").length;
    await h.send(replyTo(h, WANG, answer, "还有一件事"));
    expect(h.lastText(WANG)).toBe("这次对话已经结束，消息没有发出。有新问题请发 /ask。");
    await h.send(replyTo(h, LI, toLi!, "补充一下"));
    expect(h.lastText(LI)).toContain("这次对话已经结束（已标为解决），消息没有发出");
    await h.drain();
    // Only the two refusals were sent; nothing was relayed.
    expect(h.fake.callsTo("sendMessage").length).toBe(before + 2);
    const messages = await h.storage.grid.messages(1);
    expect(messages.map((m) => [m.side, m.fromId])).toEqual([
      ["resident", WANG.id],
      ["staff", ZHANG.id],
      ["resident", WANG.id],
      ["staff", LI.id],
    ]);

    // A new /ask opens a new thread (Zhang is back).
    await h.text(ZHANG, "/mygrid on");
    await h.text(WANG, "/ask 米收到了，谢谢！");
    await h.drain();
    expect(relays(h, ZHANG.id).at(-1)?.text).toContain("对话 #2");

    // Wang leaves with /forget: her words go from the threads; Zhang's reply naming her is scrubbed.
    await h.send(replyTo(h, ZHANG, relays(h, ZHANG.id).at(-1)!, "王阿姨，米放门口了。"));
    expect((await h.storage.grid.messages(2)).map((m) => m.text)).toContain("王阿姨，米放门口了。");
    await h.text(WANG, "/forget");
    await h.press(WANG, h.last(WANG), "forget:yes");
    const after = [...(await h.storage.grid.messages(1)), ...(await h.storage.grid.messages(2))];
    const words = after.map((m) => m.text).join("\n");
    expect(words).not.toContain("电梯什么时候能修好");
    expect(words).not.toContain("米收到了");
    expect(words).not.toContain("王阿姨");
    expect(after.filter((m) => m.fromId === WANG.id).every((m) => m.text === "")).toBe(true);
  });

  it("a question nobody answers in time goes to the coordinators, once, and they can answer", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.text(WANG, "/ask 家里断水了，怎么办？");
    await h.drain();
    h.clock.advance(3 * HOUR);
    expect(await runGridJobs(h.deps)).toEqual({ handedOn: 0 });
    h.clock.advance(1 * HOUR);
    expect(await runGridJobs(h.deps)).toEqual({ handedOn: 1 });
    expect(await runGridJobs(h.deps)).toEqual({ handedOn: 0 });
    await h.drain();
    const [handed] = relays(h, COORD.id);
    expect(handed?.text).toContain("已经 4 小时没人回复");
    expect(handed?.text).toContain("家里断水了，怎么办？");
    expect(handed?.text).toContain("Zhang");
    // No group ever sees it.
    expect(h.fake.callsTo("sendMessage").filter((c) => Number(c.params.chat_id) < 0)).toEqual([]);

    await h.send(replyTo(h, COORD, handed!, "物业在修，今晚来水。"));
    await h.drain();
    expect(h.lastText(WANG)).toContain("💬 社区工作人员回复：\n\n物业在修，今晚来水。");
    expect(h.lastText(WANG)).not.toContain("Chen");
    // Answered: the thread no longer waits, and is not handed on again.
    h.clock.advance(10 * HOUR);
    expect(await runGridJobs(h.deps)).toEqual({ handedOn: 0 });
  });

  it("the notice ❓ goes to the resident's worker first; without a worker it becomes a request", async () => {
    h = await community();
    await withGrid(h);
    await h.text(ADMIN, "/grid clear 4-1");
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.register(SMITH, "4-1-101", { name: "Mr Smith" });
    const draft = (target: string) => ({
      versions: [{ target, text: "明天 8 点全员核酸", entities: null }],
      urgency: "normal" as const,
      sendAt: null,
      supersedes: null,
    });
    const { id } = await sendNotice(h.deps, draft("all"), ZHANG.id, "linli_test_bot");
    await h.drain();
    await h.press(WANG, h.withButton(WANG, `nt:q:${id}`), `nt:q:${id}`);
    await h.text(WANG, "我不能下楼，能上门做吗？");
    expect(h.lastText(WANG)).toContain("已转给您的网格员张姐");
    await h.drain();
    const [question] = relays(h, ZHANG.id);
    expect(question?.text).toContain(`（关于通知 #${id}）`);
    expect(question?.text).toContain("我不能下楼，能上门做吗？");
    expect(await h.storage.db.selectFrom("requests").selectAll().execute()).toEqual([]);
    expect((await h.storage.notices.delivery(id, WANG.id))?.question).toBe(
      "我不能下楼，能上门做吗？",
    );

    await h.press(SMITH, h.withButton(SMITH, `nt:q:${id}`), `nt:q:${id}`);
    await h.text(SMITH, "Can I test at home?");
    const requests = await h.storage.db.selectFrom("requests").selectAll().execute();
    expect(requests.map((r) => [r.category, r.notice_id])).toEqual([["policy", id]]);
  });

  it("work by grid: each worker gets their own missing list; /checkins mine and /coverage mine", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.register(ZHAO, "3-2-601", { name: "赵伯" });
    await h.register(SMITH, "4-1-101", { name: "Mr Smith" });
    h.clock.set(at("10:00"));
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();
    const missing = (chat: number) =>
      h.fake
        .messagesIn(chat)
        .map((m) => m.text ?? "")
        .filter((t) => t.includes("截止时间") || t.includes("deadline"));
    // Zhang: building 3 only; Li (deputy of 3-2): 3-2; Wu: 4-1; the coordinator: everything.
    expect(missing(ZHANG.id)).toHaveLength(1);
    expect(missing(ZHANG.id)[0]).toContain("您负责的单元");
    expect(missing(ZHANG.id)[0]).toContain("2 户中还有 2 户没报");
    expect(missing(ZHANG.id)[0]).not.toContain("4-1");
    expect(missing(LI.id)[0]).toContain("3-2");
    expect(missing(WU.id)).toHaveLength(1);
    expect(missing(WU.id)[0]).toContain("only the units you look after");
    expect(missing(WU.id)[0]).toContain("4-1");
    expect(missing(WU.id)[0]).not.toContain("3-2");
    expect(missing(COORD.id)[0]).toContain("3 户中还有 3 户没报");

    await h.text(ZHANG, "/checkins mine");
    const mine = h.fake
      .messagesIn(ZHANG.id)
      .slice(-3)
      .map((m) => m.text ?? "")
      .join("\n");
    expect(mine).toContain("只含您负责的单元");
    expect(mine).toContain("3-2");
    expect(mine).not.toContain("4-1");
    await h.text(ZHANG, "/coverage mine");
    const coverage = h.lastText(ZHANG);
    expect(coverage).toContain("3-1：已登记 0/2 户");
    expect(coverage).toContain("3-2：已登记 2/4 户");
    expect(coverage).not.toContain("4-1");
    await h.text(COORD, "/coverage");
    expect(h.lastText(COORD)).toContain("4-1：已登记 1/2 户");
    // A worker with no units is told so.
    await h.text(ADMIN, "/grid clear 4-1");
    await h.text(WU, "/coverage mine");
    expect(h.lastText(WU)).toContain("no rooms or registered households in units you look after");
  });

  it("a worker's /report mine shows only their units", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.register(SMITH, "4-1-101", { name: "Mr Smith" });
    const { id } = await sendNotice(
      h.deps,
      {
        versions: [{ target: "all", text: "停水通知", entities: null }],
        urgency: "normal",
        sendAt: null,
        supersedes: null,
      },
      ZHANG.id,
      "linli_test_bot",
    );
    await h.drain();
    await h.text(ZHANG, `/report ${id} mine`);
    const text = h.lastText(ZHANG);
    expect(text).toContain("只含您负责的单元");
    expect(text).toContain("3-2");
    expect(text).not.toContain("4-1");
    await h.text(ZHANG, `/report ${id}`);
    // The whole report (a chart photo follows it) covers every unit.
    expect(h.lastTextMessage(ZHANG)).toContain("4-1");
  });

  it("the door list for one worker: what to knock on today, in walking order", async () => {
    h = await community();
    await withGrid(h);
    await h.register(WANG, "3-2-501", { name: "王阿姨" });
    await h.register(ZHAO, "3-2-601", { name: "赵伯" });
    // Registered on someone's behalf and never opened the bot; and one who blocked it.
    await h.storage.people.touch({ id: 2090, first_name: "Sun" }, false);
    await h.storage.households.register({
      personId: 2090,
      address: { building: "3", unit: "2", room: "1201" },
      displayName: "孙奶奶",
      phone: "13700000000",
      members: 1,
      flags: ["lives_alone", "over_75"],
    });
    await h.storage.people.setReachability(ZHAO.id, "blocked");
    // Wang reported today; nobody else did.
    await h.text(WANG, "/checkin");
    await h.text(WANG, "36.5");
    await h.press(WANG, h.withButton(WANG, "ci:s:fine"), "ci:s:fine");

    await h.text(ZHANG, "/doors");
    const doors = h.lastText(ZHANG);
    expect(doors).toContain("今天要上门的门：5 户");
    const order = [
      "【3-1】",
      "· 101：没人登记",
      "· 102：没人登记",
      "【3-2】",
      "5 楼",
      "· 502：没人登记",
      "6 楼",
      "· 601 赵伯：屏蔽了机器人、今天没报体温",
      "12 楼",
      "· 1201 孙奶奶：没打开过机器人、今天没报体温、重点关注，今天还没联系上 · ☎ 13700000000",
    ];
    let from = 0;
    for (const line of order) {
      const found = doors.indexOf(line, from);
      expect(found, line).toBeGreaterThanOrEqual(from);
      from = found + line.length;
    }
    expect(doors).not.toContain("501");
    expect(doors).not.toContain("4-1");

    // A coordinator may look at a worker's doors; a worker with no units is told so.
    await h.text(COORD, "/doors @zhang_w");
    expect(h.lastText(COORD)).toContain("Zhang 今天要上门的门：5 户");
    await h.text(ADMIN, "/grid clear 4-1");
    await h.text(WU, "/doors");
    expect(h.lastText(WU)).toContain("You don't look after any building or unit yet");
    await h.text(WU, "/doors @zhang_w");
    expect(h.lastText(WU)).toMatch(/^Sorry|抱歉/);
  });
});
