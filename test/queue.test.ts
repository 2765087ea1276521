/**
 * Queue numbers, whole stories against the fake Telegram: a worker opens a
 * queue of 25 numbers (told at 5 ahead) with goods and a post in the
 * building group; 25 households take numbers, a second member of a household
 * and a 26th household are refused; staff call the numbers, one is skipped,
 * two presses at the same moment call one number; resident 15 is told at 5
 * ahead and at their turn; the close gives served, skipped and the waits.
 * Also: calls ignore quiet hours while the group post waits for the morning.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeMessage } from "../simulator/server.js";
import { buttonData, buttonUrls, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const VOLUNTEER = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const GROUP5 = -1005000000005;

/** Resident i (1…26) of room 5-1-(100+i); resident 15 reads English. */
const resident = (i: number): User =>
  u.makeUser(5000 + i, { first_name: `R${i}`, language_code: i === 15 ? "en" : "zh-hans" });
/** A second member of resident 1's household. */
const SPOUSE = u.makeUser(5101, { first_name: "R1b", language_code: "zh-hans" });

const press = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** The panel's Next (or Skip) button data as it is now. */
const panelButton = (panel: FakeMessage, kind: "next" | "skip") =>
  buttonData(panel).find((d) => d.startsWith(`qu:${kind}:`)) as string;

async function openQueue(h: Harness, opts: { announce: boolean }): Promise<FakeMessage> {
  await h.text(WORKER, "/queue_open");
  await h.text(WORKER, "西门临时超市");
  await h.text(WORKER, "0");
  expect(h.lastText(WORKER)).toContain("请输入 1 到 5,000 之间的数字");
  await h.text(WORKER, "25");
  await press(h, WORKER, "quc:near:5");
  await h.text(WORKER, "大米 5kg 3.333");
  expect(h.lastText(WORKER)).toContain("不能写 3.333");
  await h.text(WORKER, "大米 5kg 45\n鸡蛋 30个 25.5");
  await h.send(u.privatePhoto(WORKER));
  await press(h, WORKER, "quc:photos:done");
  await press(h, WORKER, opts.announce ? "quc:announce:yes" : "quc:announce:no");
  expect(h.lastText(WORKER)).toContain("今天的号：25 个，每户一个");
  await press(h, WORKER, "quc:sum:open");
  return h.last(WORKER);
}

describe("queue numbers", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
    await h.bindGroup(ADMIN, GROUP5, "5");
    for (let i = 1; i <= 26; i++) await h.register(resident(i), `5-1-${100 + i}`);
    await h.register(SPOUSE, "5-1-101");
    h.fake.clearCalls();
  });
  afterEach(() => h.close());

  it("25 numbers: resident 15 is told at 5 ahead and at their turn, one is skipped, the waits add up", async () => {
    const workerPanel = await openQueue(h, { announce: true });
    expect(h.fake.textsIn(WORKER.id).at(-2)).toContain("https://t.me/linli_test_bot?start=queue_1");
    expect(workerPanel.text).toContain("号：共 25 个，已取 0 个，剩 25 个");
    await h.drain();
    // The post in the building group: where, the numbers, the goods, the private link; no resident.
    const post = h.last(GROUP5);
    expect(post.text).toContain("🎫 线上排队：西门临时超市");
    expect(post.text).toContain("大米 5kg ¥45.00\n鸡蛋 30个 ¥25.50");
    expect(buttonUrls(post)).toEqual(["https://t.me/linli_test_bot?start=queue_1"]);

    // 25 households take numbers through the link, a minute apart.
    const takenAt = new Map<number, number>();
    for (let i = 1; i <= 25; i++) {
      const r = resident(i);
      await h.text(r, "/start queue_1");
      await press(h, r, "qu:take:1");
      takenAt.set(i, h.clock.now().getTime());
      h.clock.advance(60_000);
    }
    expect(h.callbackAnswers().at(-1)).toContain("取号成功，您是 25 号");
    // Goods, prices and the photo, for anyone who asks.
    h.fake.clearCalls();
    await press(h, resident(3), "qu:goods:1");
    expect(h.fake.textsIn(resident(3).id).slice(-2)).toEqual([
      "🛒 西门临时超市的商品和价格：\n大米 5kg ¥45.00\n鸡蛋 30个 ¥25.50",
      "西门临时超市 · 商品照片 1/1",
    ]);
    expect(h.fake.callsTo("sendPhoto").map((c) => c.params.chat_id)).toEqual([resident(3).id]);
    const card15 = h.last(resident(15));
    expect(card15.text).toContain("Your household's number: 15");
    expect(card15.text).toContain("14 people are ahead of you.");

    // The same household again, and a 26th household: refused, nothing stored.
    await h.text(SPOUSE, "/queue");
    await press(h, SPOUSE, "qu:view:1");
    expect(h.lastText(SPOUSE)).toContain("您家的号：1 号");
    await h.send(u.callbackOn(SPOUSE, SPOUSE.id, h.last(SPOUSE).message_id, "qu:take:1"));
    expect(h.callbackAnswers().at(-1)).toContain("您家已经取过号了，是 1 号");
    await h.text(resident(26), "/queue");
    expect(buttonData(h.last(resident(26)))).toEqual(["qu:goods:1"]);
    await h.send(u.callbackOn(resident(26), resident(26).id, 1, "qu:take:1"));
    expect(h.callbackAnswers().at(-1)).toContain("今天的号已经发完了");
    expect(await h.storage.queues.tickets(1)).toHaveLength(25);

    // The volunteer calls from a panel of their own; numbers 1 to 25, number 7 skipped.
    await h.text(VOLUNTEER, "/queues");
    const panel = h.last(VOLUNTEER);
    const calledAt = new Map<number, number>();
    const near15: string[] = [];
    for (let n = 1; n <= 25; n++) {
      h.clock.advance(120_000);
      if (n === 13) {
        // Both staff press Next at the same moment, on panels that show the same line.
        await press(h, WORKER, "qu:panel:1");
        const data = panelButton(panel, "next");
        expect(panelButton(workerPanel, "next")).toBe(data);
        await Promise.all([h.press(VOLUNTEER, panel, data), h.press(WORKER, workerPanel, data)]);
        expect(
          h.callbackAnswers().some((a) => a.includes("刚才已经有人叫过号了，现在是 13 号")),
        ).toBe(true);
      } else {
        await h.press(VOLUNTEER, panel, panelButton(panel, n === 8 ? "skip" : "next"));
      }
      calledAt.set(n, h.clock.now().getTime());
      await h.drain();
      expect(panel.text).toContain(`现在叫到：${n} 号（5-1-${100 + n}）`);
      const told = h.fake.textsIn(resident(15).id).filter((t) => t.startsWith("⏰"));
      if (n === 10) near15.push(...told);
      // Told once, exactly when 10 is called: 10 to 14 are then ahead of 15.
      expect(told).toHaveLength(n < 10 ? 0 : 1);
    }
    expect(near15).toEqual([
      "⏰ Queue #1 · 西门临时超市: 5 people are ahead of your number 15. Please set off now.",
    ]);
    const turns15 = h.fake.textsIn(resident(15).id).filter((t) => t.startsWith("🔔"));
    expect(turns15).toEqual([
      "🔔 It's your turn! Queue #1 · 西门临时超市: number 15, please come to the counter.",
    ]);

    // Every number was called once and only once: one "your turn" each, number 7 skipped.
    for (let i = 1; i <= 25; i++) {
      const turns = h.fake.textsIn(resident(i).id).filter((t) => t.startsWith("🔔"));
      expect(turns, `resident ${i}`).toHaveLength(1);
      const near = h.fake.textsIn(resident(i).id).filter((t) => t.startsWith("⏰"));
      expect(near.length, `resident ${i}`).toBeLessThanOrEqual(1);
    }
    const tickets = await h.storage.queues.tickets(1);
    expect(tickets.filter((t) => t.status === "skipped").map((t) => t.number)).toEqual([7]);
    expect((await h.storage.queues.get(1))?.calls).toBe(25);

    // Closing: the worker confirms; 24 served (25 was at the counter), 1 skipped.
    await h.press(WORKER, workerPanel, "qu:close:1");
    expect(workerPanel.text).toContain("确定结束排队 #1");
    await h.press(WORKER, workerPanel, "qu:closeok:1");
    const served = [...calledAt.keys()].filter((n) => n !== 7);
    const waits = served.map((n) => ((calledAt.get(n) ?? 0) - (takenAt.get(n) ?? 0)) / 1000);
    const average = Math.round(waits.reduce((a, b) => a + b, 0) / waits.length);
    const longest = Math.max(...waits);
    const fmt = (s: number) =>
      s >= 3600
        ? `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分钟`
        : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
    expect(workerPanel.text).toBe(
      [
        "✅ 排队 #1 · 西门临时超市已结束",
        "已办 24 人，过号 1 人，没叫到 0 人",
        `平均等候 ${fmt(average)}，最长 ${fmt(longest)}（从取号到叫号）`,
      ].join("\n"),
    );
    // Numbers were taken a minute apart and called two minutes apart: the last waited longest.
    expect(longest).toBe(((calledAt.get(25) ?? 0) - (takenAt.get(25) ?? 0)) / 1000);
    const audit = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "queue.close")
      .execute();
    expect(JSON.parse(audit[0]?.detail ?? "{}")).toMatchObject({
      served: 24,
      skipped: 1,
      unserved: 0,
      averageSeconds: average,
      longestSeconds: longest,
    });
    // Nothing about a resident reached the group.
    expect(h.fake.textsIn(GROUP5).join("\n")).not.toMatch(/5-1-1\d\d|R\d+/);
  });

  it("calls go out at once even in quiet hours (urgent and normal lanes); the group post waits for the morning", async () => {
    h.clock.set("2026-11-22T22:30:00+08:00");
    await openQueue(h, { announce: true });
    for (let i = 1; i <= 7; i++) {
      await h.text(resident(i), "/queue");
      await press(h, resident(i), "qu:take:1");
    }
    await h.text(VOLUNTEER, "/queues");
    const panel = h.last(VOLUNTEER);
    await h.press(VOLUNTEER, panel, "qu:next:1:0");
    await h.press(VOLUNTEER, panel, "qu:next:1:1");
    await h.drain();
    expect(h.fake.textsIn(resident(1).id).at(-1)).toContain("轮到您了");
    expect(h.fake.textsIn(resident(2).id).at(-1)).toContain("轮到您了");
    // 7 had 6 ahead when it took its number; with 2 at the counter, 5 are ahead now.
    expect(h.fake.textsIn(resident(7).id).at(-1)).toContain("您的 7 号前面还有 5 人");
    expect(h.fake.textsIn(GROUP5)).not.toContainEqual(expect.stringContaining("线上排队"));

    const rows = await h.storage.db.selectFrom("outbox").selectAll().orderBy("id").execute();
    const post = rows.find((r) => r.chat_id === GROUP5 && r.ref_type === "queue-announcement");
    expect(post).toMatchObject({ lane: "bulk", status: "pending" });
    expect(post?.not_before).toBe(new Date("2026-11-23T07:00:00+08:00").toISOString());
    const calls = rows.filter((r) => r.ref_type === "queue-call");
    expect(calls.map((r) => [r.chat_id, r.lane, r.status])).toEqual([
      [resident(1).id, "urgent", "sent"],
      [resident(2).id, "urgent", "sent"],
      [resident(7).id, "normal", "sent"],
    ]);

    // Closing tells the five still waiting at once; the figures count none of them as served.
    await h.text(WORKER, "/queues");
    await h.press(WORKER, h.last(WORKER), "qu:close:1");
    await h.press(WORKER, h.last(WORKER), "qu:closeok:1");
    await h.drain();
    expect(h.lastText(WORKER)).toContain("已办 2 人，过号 0 人，没叫到 5 人");
    expect(h.fake.textsIn(resident(4).id).at(-1)).toContain("您的 4 号今天没有叫到");
    await h.text(resident(4), "/queue");
    expect(h.lastText(resident(4))).toContain("现在没有排队点在取号");
  });

  it("the queue's staff commands and buttons are refused to residents and audited", async () => {
    await openQueue(h, { announce: false });
    const r = resident(3);
    const before = (await h.storage.db.selectFrom("audit_log").selectAll().execute()).length;
    h.fake.clearCalls();
    for (const data of ["qu:next:1:0", "qu:skip:1:0", "qu:panel:1", "qu:close:1", "qu:closeok:1"]) {
      await h.send(u.callbackOn(r, r.id, 1, data));
      expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有.+可以做这件事。/);
    }
    // A volunteer may call numbers but not close the queue.
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, 1, "qu:closeok:1"));
    expect(h.callbackAnswers().at(-1)).toMatch(/^抱歉，只有.+可以做这件事。/);
    const added = (await h.storage.db.selectFrom("audit_log").selectAll().execute()).slice(before);
    expect(added.map((a) => a.outcome)).toEqual(Array.from({ length: 6 }, () => "denied"));
    expect((await h.storage.queues.get(1))?.status).toBe("open");
    expect((await h.storage.queues.get(1))?.calls).toBe(0);
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
  });
});
