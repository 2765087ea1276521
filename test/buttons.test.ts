/**
 * Conversations keep to their own buttons. In the middle of the request
 * intake, registration, the notice composer and the SOS question, a person
 * presses another feature's button (the check-in prompt's "Report now", a
 * notice's "Got it", a page's "I'm on it"): that feature answers, and the
 * conversation then completes with the earlier answers kept. Starting another
 * conversation asks first, in one place, and remembers the answer across a
 * restart. A button of a feature the bot has never heard of works too.
 */
import { Composer } from "grammy";
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATIONS } from "../app/features.js";
import { button, onButton } from "../bot/callback-data.js";
import type { BotContext } from "../bot/context.js";
import { runCheckinJobs } from "../features/checkin/job.js";
import { raiseUrgent } from "../features/escalation/service.js";
import { buttonData, Harness, type HarnessOptions, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
/** Coordinator on duty, and a worker who writes notices. */
const LI = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
/** A resident of 3-2-501 who asked for the private check-in prompt. */
const WANG = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
/** Someone who registers during a test. */
const ZHOU = u.makeUser(2003, { first_name: "Zhou", language_code: "zh-hans" });

/** Presses a button on the newest message in the person's chat that offers it. */
const choose = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** The data of the newest button in the person's chat that starts with `prefix`. */
function dataStarting(h: Harness, user: User, prefix: string): string {
  const found = [...h.fake.messagesIn(user.id)]
    .reverse()
    .flatMap((m) => buttonData(m))
    .find((d) => d.startsWith(prefix));
  if (!found) throw new Error(`no button ${prefix}… in chat ${user.id}`);
  return found;
}

/**
 * A community at 08:05: a layout, Li on duty, Wang registered (one person)
 * and opted in to the private check-in prompt, which has gone out; a notice
 * to building 3 has reached Wang; an urgent page has reached Li.
 */
async function community(options: HarnessOptions = {}) {
  const h = await Harness.start({ adminIds: [ADMIN.id], ...options });
  h.clock.set("2026-11-22T08:05:00+08:00");
  await h.storage.roles.grant(LI.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(LI.id, "worker", ADMIN.id);
  await h.text(ADMIN, "/layout\n3,2,501\n3,2,502\n3,1,101");
  await h.text(LI, "/duty on");
  await h.register(WANG, "3-2-501", { name: "王阿姨", members: 1 });
  await h.text(WANG, "/checkin_remind on");

  await h.text(LI, "/notice");
  await h.text(LI, "明天上午停水");
  await h.text(LI, "3");
  await choose(h, LI, "nt:c:nomore");
  await choose(h, LI, "nt:c:normal");
  await choose(h, LI, "nt:c:now");
  await choose(h, LI, "nt:c:send");
  const pageId = await raiseUrgent(h.deps, {
    kind: "page",
    summary: "5栋漏电",
    raisedBy: ADMIN.id,
  });
  await runCheckinJobs(h.deps, h.bot.api);
  await h.drain();
  return { h, noticeId: 1, pageId };
}

/** Wang's request for medicine, up to (not including) the photos question. */
async function startMedicineRequest(h: Harness) {
  await h.text(WANG, "/request");
  await choose(h, WANG, "rqc:cat:medicine");
  await h.text(WANG, "硝苯地平缓释片");
  await h.text(WANG, "2 盒");
}

/** The rest of that request: no photo, by tomorrow, today, send. */
async function finishMedicineRequest(h: Harness) {
  await choose(h, WANG, "rqc:photos:none");
  await choose(h, WANG, "rqc:urg:today");
  await choose(h, WANG, "rqc:sum:send");
}

async function wangsRequests(h: Harness) {
  return h.storage.db
    .selectFrom("requests")
    .select(["category", "details", "urgency", "filed_by"])
    .where("filed_by", "=", WANG.id)
    .execute();
}

const confirmedAt = async (h: Harness, noticeId: number, user: User) =>
  (
    await h.storage.db
      .selectFrom("notice_deliveries")
      .select("confirmed_at")
      .where("notice_id", "=", noticeId)
      .where("person_id", "=", user.id)
      .executeTakeFirstOrThrow()
  ).confirmed_at;

describe("a conversation keeps to its own buttons", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("request intake: Report now asks before leaving the request, Got it is answered, and the request completes as typed", async () => {
    ({ h } = await community());
    await startMedicineRequest(h);

    // Got it on the notice: answered by the notices feature, recorded.
    await choose(h, WANG, "nt:ok:1");
    expect(h.callbackAnswers().at(-1)).toBe("已确认收到，谢谢！");
    expect(await confirmedAt(h, 1, WANG)).not.toBeNull();

    // Report now on the check-in prompt: the half-filled request is not thrown away.
    await choose(h, WANG, "ci:go");
    expect(h.lastText(WANG)).toBe("您的「求助申请」还没有完成。要放下它，开始「健康打卡」吗？");
    expect(buttonData(h.last(WANG))).toEqual([
      expect.stringMatching(/^cv:leave:/),
      expect.stringMatching(/^cv:stay:/),
    ]);
    const question = h.last(WANG);
    const leave = dataStarting(h, WANG, "cv:leave:");
    await h.press(WANG, question, dataStarting(h, WANG, "cv:stay:"));
    expect(h.lastText(WANG)).toBe("好的，「求助申请」还在，请接着回答上面的问题。");
    // Yes pressed late (an old copy of the question) does nothing: the choice was made.
    await h.press(WANG, question, leave);
    expect(h.callbackAnswers().at(-1)).toContain("失效");

    await finishMedicineRequest(h);
    // No check-in was started behind the person's back.
    expect(h.fake.messagesIn(WANG.id).some((m) => m.text?.startsWith("请输入您的体温"))).toBe(
      false,
    );
    const filed = await wangsRequests(h);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ category: "medicine", urgency: "today" });
    expect(JSON.parse(filed[0]?.details ?? "{}")).toEqual({
      medicine: "硝苯地平缓释片",
      quantity: "2 盒",
    });
  });

  it("request intake: Yes leaves the request and starts the check-in, also after a restart", async () => {
    const tmp = tempDir();
    try {
      ({ h } = await community({ databaseUrl: `sqlite:${tmp.dir}/linli.sqlite` }));
      await startMedicineRequest(h);
      await choose(h, WANG, "ci:go");
      const leave = dataStarting(h, WANG, "cv:leave:");
      await h.restart();
      await choose(h, WANG, leave);
      expect(h.lastText(WANG)).toBe("请输入您的体温，例如 36.5。");
      await h.text(WANG, "36.6");
      await choose(h, WANG, "ci:s:fine");
      const readings = await h.storage.db
        .selectFrom("checkin_readings")
        .select(["celsius", "reported_by"])
        .execute();
      expect(readings).toEqual([{ celsius: 36.6, reported_by: WANG.id }]);
      // The request was left, as asked: nothing was filed, and its buttons no longer answer.
      expect(await wangsRequests(h)).toEqual([]);
      await choose(h, WANG, "rqc:photos:none");
      expect(h.callbackAnswers().at(-1)).toContain("失效");
    } finally {
      tmp.remove();
    }
  });

  it("registration: a page's I'm on it and a notice's Got it are answered, and the registration completes", async () => {
    const { h: started, pageId } = await community();
    h = started;
    // Li, on duty, registers as a resident of 3-2-502.
    await h.text(LI, "/register");
    await h.text(LI, "3-2-502");
    await choose(h, LI, `esc:ack:${pageId}`);
    expect(h.callbackAnswers().at(-1)).toContain("交给您了");
    expect((await h.storage.escalations.get(pageId))?.acknowledgedBy).toBe(LI.id);
    await h.text(LI, "李师傅");
    await h.text(LI, "13700137000");
    await h.text(LI, "2");
    await choose(h, LI, "reg:flags:done");
    await choose(h, LI, "reg:save");
    expect(h.lastText(LI)).toContain("登记完成");
    const li = await h.storage.households.ofPerson(LI.id);
    expect(li?.household).toMatchObject({ building: "3", unit: "2", room: "502", members: 2 });
    expect(li?.displayName).toBe("李师傅");

    // Wang registers again (two people now) and confirms the notice half-way.
    await h.text(WANG, "/register");
    await h.text(WANG, "3-2-501");
    await h.text(WANG, "王阿姨");
    await choose(h, WANG, "nt:ok:1");
    expect(h.callbackAnswers().at(-1)).toBe("已确认收到，谢谢！");
    expect(await confirmedAt(h, 1, WANG)).not.toBeNull();
    await h.text(WANG, "跳过");
    await h.text(WANG, "2");
    await choose(h, WANG, "reg:flags:done");
    await choose(h, WANG, "reg:save");
    const wang = await h.storage.households.ofPerson(WANG.id);
    expect(wang?.household.members).toBe(2);
    expect(wang?.displayName).toBe("王阿姨");
  });

  it("notice composer: Got it and I'm on it are answered, Report now asks, and the notice goes out as written", async () => {
    const { h: started, pageId } = await community();
    h = started;
    // Li lives in 3-2-502, asked for the check-in prompt too, and sent a notice there that reached them.
    await h.register(LI, "3-2-502", { name: "李师傅" });
    await h.text(LI, "/checkin_remind on");
    await h.text(LI, "/notice");
    await h.text(LI, "电梯检修");
    await h.text(LI, "3-2-502");
    await choose(h, LI, "nt:c:nomore");
    await choose(h, LI, "nt:c:normal");
    await choose(h, LI, "nt:c:now");
    await choose(h, LI, "nt:c:send");
    h.clock.set("2026-11-23T08:05:00+08:00");
    await runCheckinJobs(h.deps, h.bot.api);
    await h.drain();

    // A third notice, with everything pressed half-way through.
    await h.text(LI, "/notice");
    await h.text(LI, "今晚八点发放蔬菜包");
    await choose(h, LI, "nt:ok:2");
    expect(h.callbackAnswers().at(-1)).toBe("已确认收到，谢谢！");
    expect(await confirmedAt(h, 2, LI)).not.toBeNull();
    await h.text(LI, "3-2");
    await choose(h, LI, `esc:ack:${pageId}`);
    expect(h.callbackAnswers().at(-1)).toContain("交给您了");
    await choose(h, LI, "nt:c:nomore");
    await choose(h, LI, "ci:go");
    expect(h.lastText(LI)).toBe("您的「通知编写」还没有完成。要放下它，开始「健康打卡」吗？");
    await choose(h, LI, dataStarting(h, LI, "cv:stay:"));
    await choose(h, LI, "nt:c:normal");
    await choose(h, LI, "nt:c:now");
    await choose(h, LI, "nt:c:send");

    const versions = await h.storage.db
      .selectFrom("notice_versions")
      .select(["notice_id", "target", "text"])
      .orderBy("notice_id")
      .execute();
    expect(versions).toEqual([
      { notice_id: 1, target: "3", text: "明天上午停水" },
      { notice_id: 2, target: "3-2-502", text: "电梯检修" },
      { notice_id: 3, target: "3-2", text: "今晚八点发放蔬菜包" },
    ]);
  });

  it("SOS: Got it and I'm on it are answered while the question is open, and the SOS goes out with the line", async () => {
    const { h: started, pageId } = await community();
    h = started;
    await h.text(WANG, "🆘 紧急求助 SOS");
    expect(h.lastText(WANG)).toContain("发生了什么？");
    await choose(h, WANG, "nt:ok:1");
    expect(h.callbackAnswers().at(-1)).toBe("已确认收到，谢谢！");
    await h.text(WANG, "我父亲摔倒了，起不来");

    await h.text(LI, "/sos");
    await choose(h, LI, `esc:ack:${pageId}`);
    expect(h.callbackAnswers().at(-1)).toContain("交给您了");
    await h.text(LI, "3栋楼道有烟");

    const raised = await h.storage.db
      .selectFrom("escalations")
      .select(["kind", "summary", "raised_by"])
      .where("kind", "=", "sos")
      .orderBy("id")
      .execute();
    expect(raised).toEqual([
      { kind: "sos", summary: "我父亲摔倒了，起不来", raised_by: WANG.id },
      { kind: "sos", summary: "3栋楼道有烟", raised_by: LI.id },
    ]);
  });

  it("the 🆘 key mid-request opens the SOS at once, and the request goes on after it", async () => {
    ({ h } = await community());
    await startMedicineRequest(h);
    await h.text(WANG, "🆘 紧急求助 SOS");
    expect(h.lastText(WANG)).toContain("发生了什么？");
    await h.text(WANG, "厨房着火了");
    expect(h.lastText(WANG)).toMatch(/求助已发出/);
    await finishMedicineRequest(h);
    const filed = await wangsRequests(h);
    expect(JSON.parse(filed[0]?.details ?? "{}")).toMatchObject({
      medicine: "硝苯地平缓释片",
      quantity: "2 盒",
    });
    const sos = await h.storage.db
      .selectFrom("escalations")
      .select("summary")
      .where("kind", "=", "sos")
      .execute();
    expect(sos).toEqual([{ summary: "厨房着火了" }]);
  });

  it("a button of a feature added only for this test works mid-conversation, with no other change", async () => {
    const ping = button("test:ping", { n: "int" });
    const pong = new Composer<BotContext>();
    onButton(pong, ping, async (ctx, { n }) => {
      await ctx.answerCallbackQuery({ text: `pong ${n}` });
    });
    ({ h } = await community({ extra: [pong] }));
    // In the request intake…
    await startMedicineRequest(h);
    await h.press(WANG, h.last(WANG), ping.data({ n: 7 }));
    expect(h.callbackAnswers().at(-1)).toBe("pong 7");
    await finishMedicineRequest(h);
    expect(await wangsRequests(h)).toHaveLength(1);
    // …and in registration, which used to answer any other button "answer the current question first".
    await h.text(ZHOU, "/register");
    await h.text(ZHOU, "3-1-101");
    await h.press(ZHOU, h.last(ZHOU), ping.data({ n: 8 }));
    expect(h.callbackAnswers().at(-1)).toBe("pong 8");
    await h.text(ZHOU, "周先生");
    await h.text(ZHOU, "跳过");
    await h.text(ZHOU, "1");
    await choose(h, ZHOU, "reg:flags:done");
    await choose(h, ZHOU, "reg:save");
    expect((await h.storage.households.ofPerson(ZHOU.id))?.household.room).toBe("101");
  });

  it("asked for again while it is open, a conversation offers to start over (in English too)", async () => {
    ({ h } = await community({ locale: "en" }));
    const EMMA = u.makeUser(2002, { first_name: "Emma", language_code: "en" });
    await h.text(EMMA, "/register");
    await h.text(EMMA, "3-2-502");
    await h.text(EMMA, "/register");
    expect(h.lastText(EMMA)).toBe(
      "Your registration isn't finished yet. Leave it and start again?",
    );
    await choose(h, EMMA, dataStarting(h, EMMA, "cv:leave:"));
    expect(h.lastText(EMMA)).toContain("room");
    await h.text(EMMA, "3-1-101");
    await h.text(EMMA, "Emma");
    await h.text(EMMA, "Skip");
    await h.text(EMMA, "1");
    await choose(h, EMMA, "reg:flags:done");
    await choose(h, EMMA, "reg:save");
    expect((await h.storage.households.ofPerson(EMMA.id))?.household.room).toBe("101");
  });

  it("every conversation has a name people read, in both languages", async () => {
    ({ h } = await community());
    for (const locale of ["zh-CN", "en"]) {
      for (const c of CONVERSATIONS) {
        const name = h.deps.i18n.t(locale, `conv-name-${c.id}`);
        expect(name, `${locale} conv-name-${c.id}`).not.toContain("conv-name");
      }
    }
  });
});
