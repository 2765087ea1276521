/**
 * Medicine rounds, whole stories against the fake Telegram: a worker opens a
 * round for building 3; two residents send their lists (one in English); a
 * volunteer joins, collects, buys (one medicine is not available), delivers
 * and settles; each resident is told at each step; the one whose medicine
 * couldn't be bought files it as an urgent request; /rounds and the CSV add
 * up. Also: the missed round becoming an urgent request, and the refusals.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const VOLUNTEER = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const A = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const B = u.makeUser(2002, { first_name: "Brown", language_code: "en" });
const C = u.makeUser(2003, { first_name: "Zhao", language_code: "zh-hans" });
const STAFF_GROUP = -1009000000009;
const GROUP3 = -1003000000003;

/** Presses the button with this data on the latest message that has it. */
const press = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
  await h.text(ADMIN, "/layout\n3,2,501\n3,2,502\n4,1,101");
  await h.bindGroup(ADMIN, GROUP3, "3");
  await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
  await h.register(A, "3-2-501", { phone: "13800138001" });
  await h.register(B, "3-2-502", { phone: "13800138002" });
  await h.register(C, "4-1-101");
  h.fake.clearCalls();
  return h;
}

/** The worker opens a round for building 3, collected tomorrow at 9:00. */
async function openRound(h: Harness): Promise<void> {
  await h.text(WORKER, "/round_open");
  await h.text(WORKER, "同仁堂（新华路店）");
  await h.text(WORKER, "明天 9:00");
  await press(h, WORKER, "rdc:needs:record");
  await press(h, WORKER, "rdc:needs:done");
  await press(h, WORKER, "rdc:note:skip");
  await h.text(WORKER, "3");
  await press(h, WORKER, "rdc:preview:send");
  await h.drain();
}

/** A resident sends a list from the announcement's button. */
async function sendList(
  h: Harness,
  who: User,
  medicines: string,
  opts: { photo?: boolean; payment: "cash" | "transfer" | "insurance" },
): Promise<void> {
  await press(h, who, "rd:sub:1");
  await h.text(who, medicines);
  if (opts.photo) {
    await h.send(u.privatePhoto(who));
    await press(h, who, "rdc:photos:done");
  } else {
    await press(h, who, "rdc:photos:none");
  }
  await press(h, who, `rdc:pay:${opts.payment}`);
  await press(h, who, "rdc:sum:send");
}

const texts = (h: Harness, chat: number) => h.fake.textsIn(chat);

describe("medicine rounds", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  it("a round for two residents, one medicine not available: every step told, the money adds up", async () => {
    await openRound(h);
    // Announced privately to building 3 only, each tagged with their room, in their language.
    const toA = h.last(A);
    expect(toA.text).toContain("💊 集中购药 #1");
    expect(toA.text).toContain("【3-2-501】");
    expect(toA.text).toContain("同仁堂（新华路店）");
    expect(toA.text).toContain("药品清单、处方照片、病历照片");
    expect(toA.text).toContain("2026-11-23 09:00");
    expect(buttonData(toA)).toEqual(["rd:sub:1"]);
    expect(h.last(B).text).toContain("💊 Medicine round #1");
    expect(h.last(B).text).toContain("【3-2-502】");
    expect(texts(h, C.id).some((t) => t.includes("集中购药"))).toBe(false);
    expect(texts(h, WORKER.id).at(-1)).toContain("集中购药 #1 已发出，共通知 2 人");

    // A: a line without an amount is asked again; then the list, a photo, cash.
    await press(h, A, "rd:sub:1");
    await h.text(A, "维生素B12");
    expect(h.lastText(A)).toContain("这一行没看出数量：“维生素B12”");
    await h.text(A, "硝苯地平缓释片 2盒\n阿司匹林肠溶片 1瓶");
    await h.send(u.privatePhoto(A));
    await press(h, A, "rdc:photos:done");
    await press(h, A, "rdc:pay:cash");
    expect(h.lastText(A)).toContain("1. 硝苯地平缓释片 × 2盒");
    await press(h, A, "rdc:sum:send");
    expect(h.lastText(A)).toContain("编号 1（集中购药 #1）");

    // B, in English, without a photo, paying by transfer.
    await sendList(h, B, "Metformin 2 boxes", { payment: "transfer" });
    expect(h.lastText(B)).toContain("number 2 in medicine round #1");

    // A second list from the same household, and someone the round isn't for: refused.
    await press(h, A, "rd:sub:1");
    expect(h.callbackAnswers().at(-1)).toContain("您家已经提交过集中购药 #1 的清单了，编号 1");
    await h.send(u.callbackOn(C, C.id, 1, "rd:sub:1"));
    expect(h.callbackAnswers().at(-1)).toContain("不是给您这一户的");

    // The volunteer sees the counts, but the lists only after joining the round.
    await h.text(VOLUNTEER, "/rounds");
    const overview = h.last(VOLUNTEER);
    expect(overview.text).toContain("收到清单 2 份（通知了 2 人）");
    expect(overview.text).toContain("已提交 2 · 已收集 0");
    expect(overview.text).not.toContain("硝苯地平");
    await h.press(VOLUNTEER, overview, "rd:list:1:0");
    expect(h.callbackAnswers().at(-1)).toContain("只给参与办理这一轮的工作人员看");
    await h.press(VOLUNTEER, overview, "rd:join:1");
    expect(h.callbackAnswers().at(-1)).toContain("您已参与办理集中购药 #1");
    await h.press(VOLUNTEER, overview, "rd:list:1:0");
    const list = h.last(VOLUNTEER);
    expect(buttonData(list)).toEqual(["rd:open:1", "rd:open:2"]);
    expect(JSON.stringify(list.reply_markup)).toContain("1 号 · 3-2-501 · 已提交");

    // A's sheet: phone and medicines, privately; the photo by file_id to the volunteer only.
    await h.press(VOLUNTEER, list, "rd:open:1");
    expect(list.text).toContain("居民：Wang · 电话 13800138001");
    expect(list.text).toContain("2. 阿司匹林肠溶片 × 1瓶");
    await h.press(VOLUNTEER, list, "rd:ph:1");
    const photo = h.fake.callsTo("sendPhoto").at(-1);
    expect(photo?.params.chat_id).toBe(VOLUNTEER.id);
    expect(String(photo?.params.photo)).toMatch(/^photo-\d+-m$/);

    // Collected (a second press changes nothing), then bought / not available.
    await h.press(VOLUNTEER, list, "rd:col:1");
    await h.press(VOLUNTEER, list, "rd:col:1");
    expect(h.callbackAnswers().at(-1)).toContain("这份清单现在是“已收集”");
    await h.drain();
    expect(h.lastText(A)).toContain("志愿者已经收到您家的清单和材料，正在去同仁堂（新华路店）买药");
    await h.press(VOLUNTEER, list, "rd:buy:1:1");
    await h.press(VOLUNTEER, list, "rd:na:1:2");
    expect(buttonData(list)).toContain("rd:why:1:2:out_of_stock");
    await h.press(VOLUNTEER, list, "rd:why:1:2:out_of_stock");
    expect(list.text).toContain("状态：已买到");
    await h.drain();
    const result = h.last(A);
    expect(result.text).toContain("✅ 1. 硝苯地平缓释片 × 2盒");
    expect(result.text).toContain("❌ 2. 阿司匹林肠溶片 × 1瓶：缺货");
    expect(buttonData(result)).toEqual(["rd:urg:1"]);

    // What couldn't be bought becomes an urgent medicine request, once.
    await h.press(A, result, "rd:urg:1");
    expect(h.lastText(A)).toMatch(/已转成紧急购药求助，编号 1122-001/);
    const [request] = await h.storage.db.selectFrom("requests").selectAll().execute();
    expect(request).toMatchObject({ category: "medicine", urgency: "now", person_id: A.id });
    expect(JSON.parse(request?.details ?? "{}").medicine).toBe("阿司匹林肠溶片 × 1瓶");
    expect(JSON.parse(request?.photos ?? "[]")).toHaveLength(1);
    expect(request?.escalation_id).not.toBeNull();
    await h.send(u.callbackOn(A, A.id, result.message_id, "rd:urg:1"));
    expect(h.callbackAnswers().at(-1)).toContain("已经转成紧急求助了");
    expect(await h.storage.db.selectFrom("requests").selectAll().execute()).toHaveLength(1);

    // Delivered, then settled: 3.333 is refused, 36.5 is checked and stored as 3650 fen.
    await h.press(VOLUNTEER, list, "rd:dlv:1");
    await h.drain();
    expect(h.lastText(A)).toContain("药已经送到您家了");
    await h.press(VOLUNTEER, list, "rd:set:1");
    await h.text(VOLUNTEER, "3.333");
    expect(h.lastText(VOLUNTEER)).toContain("不能写 3.333");
    await h.text(VOLUNTEER, "36.5");
    await press(h, VOLUNTEER, "rdc:confirm:yes");
    expect(h.lastText(VOLUNTEER)).toContain("已结算 ¥36.50");
    await h.drain();
    expect(h.lastText(A)).toContain("已经结清：¥36.50（💵 送药时付现金）");

    // B's list, all bought, in English.
    await h.press(VOLUNTEER, list, "rd:page:1:0");
    await h.press(VOLUNTEER, list, "rd:open:2");
    for (const data of ["rd:col:2", "rd:buy:2:1", "rd:dlv:2", "rd:set:2"])
      await h.press(VOLUNTEER, list, data);
    await h.text(VOLUNTEER, "¥12");
    await press(h, VOLUNTEER, "rdc:confirm:yes");
    await h.drain();
    const toB = texts(h, B.id).join("\n");
    expect(toB).toContain("A volunteer has your list and papers");
    expect(toB).toContain("✅ 1. Metformin × 2 boxes");
    expect(toB).toContain("Your medicine has been delivered");
    expect(toB).toContain("Settled: ¥12.00 (📱 WeChat or Alipay transfer)");

    const lists = await h.storage.db
      .selectFrom("medicine_submissions")
      .select(["number", "status", "amount_fen"])
      .orderBy("number")
      .execute();
    expect(lists).toEqual([
      { number: 1, status: "settled", amount_fen: 3650 },
      { number: 2, status: "settled", amount_fen: 1200 },
    ]);

    // /rounds adds up; the CSV has one line per medicine, with the phone (staff only).
    await h.text(VOLUNTEER, "/rounds");
    const after = h.last(VOLUNTEER);
    expect(after.text).toContain("已结清 2");
    expect(after.text).toContain("已结清 ¥48.50 · 参与办理 2 人");
    await h.press(VOLUNTEER, after, "rd:csv:1");
    const doc = h.last(VOLUNTEER).document;
    const csv = doc?.content.toString("utf8") ?? "";
    expect(csv.startsWith("\uFEFF编号,房号,居民,电话")).toBe(true);
    expect(csv).toContain(
      "1,3-2-501,Wang,13800138001,💵 送药时付现金,阿司匹林肠溶片,1瓶,没买到,缺货,已结清",
    );
    expect(csv).toContain(",36.50,");
    expect(csv.split("\r\n").filter((l) => l !== "")).toHaveLength(4);

    // Nothing of the round reached a group. (The urgent request A filed is the requests
    // feature's: its card goes to the staff group as any request's does.)
    for (const group of [GROUP3, STAFF_GROUP]) {
      const seen = texts(h, group).join("\n");
      for (const word of ["硝苯地平", "Metformin", "13800138002", "集中购药", "Medicine round"])
        expect(seen).not.toContain(word);
    }
    expect(h.fake.callsTo("sendPhoto").every((c) => Number(c.params.chat_id) > 0)).toBe(true);

    // Finished: off /rounds. A volunteer may not finish it; the worker may.
    await h.press(VOLUNTEER, after, "rd:fin:1");
    expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有/);
    await h.press(WORKER, after, "rd:fin:1");
    expect(h.callbackAnswers().at(-1)).toContain("集中购药 #1 已结束");
    await h.text(WORKER, "/rounds");
    expect(h.lastText(WORKER)).toContain("现在没有进行中的集中购药");
  });

  it("missed the round: the same list becomes an urgent medicine request", async () => {
    await openRound(h);
    // While it takes lists, /medicine shows the round with its button.
    await h.text(B, "/medicine");
    expect(h.lastText(B)).toContain(
      "💊 Medicine round #1: 同仁堂（新华路店）, collected before 2026-11-23 09:00",
    );
    expect(buttonData(h.last(B))).toEqual(["rd:sub:1"]);

    h.clock.advance(25 * 3600_000); // past tomorrow 9:00
    await press(h, A, "rd:sub:1");
    expect(h.lastText(A)).toContain("集中购药 #1 已经在 2026-11-23 09:00 截止收清单了");
    await press(h, A, "rd:miss:1");
    await h.text(A, "胰岛素注射液 3支");
    await press(h, A, "rdc:photos:none");
    expect(h.lastText(A)).toContain("请核对您的紧急购药求助");
    await press(h, A, "rdc:sum:send");
    expect(h.lastText(A)).toContain("已转成紧急购药求助");
    const requests = await h.storage.db.selectFrom("requests").selectAll().execute();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ category: "medicine", urgency: "now", person_id: A.id });
    expect(JSON.parse(requests[0]?.details ?? "{}").medicine).toBe("胰岛素注射液 × 3支");
    expect(await h.storage.db.selectFrom("medicine_submissions").selectAll().execute()).toEqual([]);

    // With no round open, /medicine offers the same urgent way.
    await h.text(B, "/medicine");
    expect(buttonData(h.last(B))).toEqual(["rd:miss:0"]);

    // The worker marks it as no longer taking lists; only a worker may.
    await h.text(WORKER, "/rounds");
    const overview = h.last(WORKER);
    expect(overview.text).toContain("已停止收清单（上门收集时间 2026-11-23 09:00）");
    await h.press(VOLUNTEER, overview, "rd:stop:1");
    expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有/);
    await h.press(WORKER, overview, "rd:stop:1");
    expect(h.callbackAnswers().at(-1)).toContain("集中购药 #1 已停止收清单");
    expect((await h.storage.rounds.get(1))?.status).toBe("closed");
    expect(buttonData(overview)).not.toContain("rd:stop:1");
  });

  it("a round's staff buttons are refused to residents, audited; lists never shown in a group", async () => {
    await openRound(h);
    await sendList(h, A, "降压药 2盒", { payment: "cash" });
    const before = (await h.storage.db.selectFrom("audit_log").selectAll().execute()).length;
    h.fake.clearCalls();
    for (const data of [
      "rd:list:1:0",
      "rd:open:1",
      "rd:col:1",
      "rd:ph:1",
      "rd:csv:1",
      "rd:fin:1",
    ]) {
      await h.send(u.callbackOn(A, A.id, 1, data));
      expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有.+可以做这件事。/);
    }
    const denied = (await h.storage.db.selectFrom("audit_log").selectAll().execute()).slice(before);
    expect(denied.map((r) => [r.actor_id, r.outcome])).toEqual(
      Array.from({ length: 6 }, () => [A.id, "denied"]),
    );
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
    expect(h.fake.callsTo("sendPhoto")).toEqual([]);
    expect(
      (await h.storage.db.selectFrom("medicine_submissions").select("status").execute()).map(
        (r) => r.status,
      ),
    ).toEqual(["submitted"]);

    // Pressed in a group (a button can't carry a list there), the worker is sent to private chat.
    await h.send(u.callbackOn(WORKER, STAFF_GROUP, 1, "rd:open:1"));
    expect(h.callbackAnswers().at(-1)).toContain("私聊");
    expect(h.fake.callsTo("editMessageText")).toEqual([]);
  });
});
