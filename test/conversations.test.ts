/**
 * Conversations stay small and finish: a question waits a bounded time,
 * wrong answers are capped (so the stored state is bounded), a long paste
 * split by Telegram is one answer, and the medicine request asks about
 * timing once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { endSilentConversations } from "../bot/conversation.js";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const HOUR = 3600_000;

/** The stored state of a chat's conversations, in characters (0 when there is none). */
async function stateSize(h: Harness, chatId: number): Promise<number> {
  const row = await h.storage.db
    .selectFrom("kv")
    .select("value")
    .where("key", "=", `conv:${chatId}`)
    .executeTakeFirst();
  return row?.value.length ?? 0;
}

const texts = (h: Harness, chatId: number) => h.fake.textsIn(chatId);

describe("conversations stay small and finish", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("a question nobody answers for 24 hours: the conversation ends, its state is deleted, and the person is told", async () => {
    h = await Harness.start();
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    expect(h.lastText(RESIDENT)).toContain("怎么称呼您");
    expect(await stateSize(h, RESIDENT.id)).toBeGreaterThan(0);

    // 23 hours: still waiting.
    h.clock.advance(23 * HOUR);
    expect(await endSilentConversations(h.deps)).toBe(0);
    expect(await stateSize(h, RESIDENT.id)).toBeGreaterThan(0);

    // Past 24 hours: ended, deleted from the database, and said once.
    h.clock.advance(2 * HOUR);
    expect(await endSilentConversations(h.deps)).toBe(1);
    await h.drain();
    expect(await stateSize(h, RESIDENT.id)).toBe(0);
    expect(h.lastText(RESIDENT)).toContain("您的「登记」超过 24 小时没有回复，已经结束");
    expect(await endSilentConversations(h.deps)).toBe(0);
    // Whatever they send now is not taken as the old answer.
    await h.text(RESIDENT, "王阿姨");
    expect(h.lastText(RESIDENT)).toContain("我没看懂");
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeUndefined();
  });

  it("an answer that comes after 24 hours ends the conversation instead of being taken; within 24 hours it is taken", async () => {
    h = await Harness.start({ locale: "en" });
    const english = u.makeUser(2002, { first_name: "Lee", language_code: "en" });
    await h.text(english, "/register");
    await h.text(english, "3-2-502");
    h.clock.advance(23 * HOUR);
    await h.text(english, "Mr Lee");
    expect(h.lastText(english)).toContain("phone");

    h.clock.advance(25 * HOUR);
    await h.text(english, "13800138000");
    expect(h.lastText(english)).toContain(
      "Your registration waited more than 24 hours for an answer, so I've closed it",
    );
    expect(await stateSize(h, english.id)).toBe(0);
    // A command after the time is answered as usual, after the note.
    await h.text(english, "/register");
    h.clock.advance(30 * HOUR);
    await h.text(english, "/help");
    const last = texts(h, english.id).slice(-2);
    expect(last[0]).toContain("waited more than 24 hours");
    expect(last[1]).toContain("/help");
    expect(await stateSize(h, english.id)).toBe(0);
  });

  it("wrong answers to one question are capped: after 5 the conversation ends, and the stored state stays small", async () => {
    h = await Harness.start();
    await h.text(RESIDENT, "/register");
    for (let i = 0; i < 4; i++) await h.text(RESIDENT, "x".repeat(200));
    const afterFour = await stateSize(h, RESIDENT.id);
    expect(afterFour).toBeGreaterThan(0);
    expect(afterFour).toBeLessThan(20_000);
    for (let i = 0; i < 96; i++) await h.text(RESIDENT, "x".repeat(200));

    // 100 bad answers: 5 were answered as wrong, then the conversation ended and was deleted.
    expect(await stateSize(h, RESIDENT.id)).toBe(0);
    const all = texts(h, RESIDENT.id);
    expect(all.filter((t) => t.includes("不像房号"))).toHaveLength(5);
    expect(
      all.filter((t) => t.includes("这一步已经试了 5 次还没成功，「登记」先结束了")),
    ).toHaveLength(1);
    expect(all.at(-1)).toContain("我没看懂这条消息");
    // They can start again at once.
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    expect(h.lastText(RESIDENT)).toContain("怎么称呼您");
  });

  it("a whole conversation takes at most 40 answers, however they are spread over its questions", async () => {
    h = await Harness.start();
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "王阿姨");
    await h.text(RESIDENT, "跳过");
    await h.text(RESIDENT, "1");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:flags:done"), "reg:flags:done");
    // Change the name again and again from the summary: every round is two fresh questions.
    let largest = 0;
    let rounds = 0;
    while (!h.lastText(RESIDENT).includes("先结束了") && rounds < 100) {
      await h.press(RESIDENT, h.withButton(RESIDENT, "reg:edit:name"), "reg:edit:name");
      await h.text(RESIDENT, `王阿姨 ${rounds}`);
      largest = Math.max(largest, await stateSize(h, RESIDENT.id));
      rounds++;
    }
    // 5 answers before the summary, then 2 a round: the 41st (a press in round 18) ends it.
    expect(rounds).toBe(18);
    expect(h.lastText(RESIDENT)).toContain("「登记」已经来回了 40 次");
    expect(await stateSize(h, RESIDENT.id)).toBe(0);
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeUndefined();
    expect(largest).toBeLessThan(100_000);
  });

  it("a long paste that Telegram split into two messages is one answer, its whole length checked", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id], pasteWindowMs: 200 });
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    await h.register(RESIDENT, "3-2-501");
    await h.text(WORKER, "/notice");
    const before = texts(h, WORKER.id).length;
    const first = u.privateText(WORKER, "通".repeat(4096));
    const second = u.privateText(WORKER, "知".repeat(1904));
    second.message = { ...second.message!, date: first.message!.date };
    await Promise.all([h.send(first), h.send(second)]);

    const replies = texts(h, WORKER.id).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("这段通知有 6,001 字，最多只能 4,000 字");
    // The tail was not kept as the notice: the text is still asked for.
    const shorter = u.privateText(WORKER, `${"通".repeat(3500)}\n请各位居民注意`);
    await h.send(shorter); // long, alone: held a moment for a next part, then taken
    expect(h.lastText(WORKER)).toContain("发给谁");
  });

  it("a paste in three parts is joined with its formatting", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id], pasteWindowMs: 200 });
    await h.text(RESIDENT, "/register");
    const parts = [4000, 4000, 10].map((n, i) => u.privateText(RESIDENT, `${i}`.repeat(n)));
    const date = parts[0]?.message?.date as number;
    parts[2] = {
      ...(parts[2] as (typeof parts)[number]),
      message: {
        ...parts[2]!.message!,
        date,
        entities: [{ type: "bold", offset: 0, length: 5 }],
      },
    };
    await Promise.all(parts.map((p) => h.send(p)));
    // One answer: too long for an address, said once, with the joined length.
    expect(texts(h, RESIDENT.id).filter((t) => t.includes("不像房号"))).toHaveLength(1);
    expect(await stateSize(h, RESIDENT.id)).toBeGreaterThan(0);
    const stored = await h.storage.db
      .selectFrom("kv")
      .select("value")
      .where("key", "=", `conv:${RESIDENT.id}`)
      .executeTakeFirstOrThrow();
    expect(stored.value).toContain(`${"1".repeat(4000)}\\n${"2".repeat(10)}`);
    expect(stored.value).toContain('"offset":8002');
  });

  it("the medicine request asks about timing once", async () => {
    h = await Harness.start();
    await h.register(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "/request");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:cat:medicine"), "rqc:cat:medicine");
    await h.text(RESIDENT, "硝苯地平缓释片");
    await h.text(RESIDENT, "2 盒");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:photos:none"), "rqc:photos:none");
    expect(h.lastText(RESIDENT)).toContain("有多急");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:urg:today"), "rqc:urg:today");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:sum:send"), "rqc:sum:send");
    // One question about time: how urgent. No "by when at the latest?" besides.
    const asked = texts(h, RESIDENT.id);
    expect(asked.filter((t) => t.startsWith("有多急"))).toHaveLength(1);
    expect(asked.some((t) => t.includes("最晚"))).toBe(false);
    const [request] = await h.storage.db.selectFrom("requests").selectAll().execute();
    expect(request?.urgency).toBe("today");
  });
});
