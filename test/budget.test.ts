/**
 * One flood budget (issue 11): the bot's direct replies take their slots from
 * the same windows as the outbox, ahead of it, so a broadcast and people using
 * the bot together never trip Telegram's limits. The fake enforces the limits
 * with 429s; assertions are on what it received and counted.
 */
import { Composer } from "grammy";
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { BotContext } from "../bot/context.js";
import { Harness, u } from "./harness.js";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LIMITS = { perChatPerSecond: 1, perGroupPerMinute: 20 };

async function start(options: Parameters<typeof Harness.start>[0]): Promise<Harness> {
  const h = await Harness.start(options);
  harnesses.push(h);
  return h;
}

/** 40 bulk rows to 40 residents, 10 a second, and 8 people writing to the bot meanwhile. */
async function broadcastWhilePeopleWrite(directOutsideBudget: boolean) {
  const h = await start({
    outbox: { ratePerSecond: 10, ...LIMITS },
    directOutsideBudget,
    locale: "en",
  });
  h.fake.setLimits({ globalPerSecond: 10, ...LIMITS });
  const ids = Array.from({ length: 40 }, (_, i) => 700_000 + i);
  for (const id of ids) h.fake.userStarted(id);
  await h.storage.outbox.enqueue(
    ids.map((id) => ({
      chatId: id,
      lane: "bulk" as const,
      method: "sendMessage" as const,
      payload: { text: `bulk ${id}` },
    })),
  );
  h.outbox.kick();
  await sleep(1500); // the broadcast runs at full speed
  const people: User[] = Array.from({ length: 8 }, (_, i) =>
    u.makeUser(800_000 + i, { first_name: `P${i}`, language_code: "en" }),
  );
  await Promise.all(people.map((p) => h.text(p, "/help")));
  await h.drain();
  return { h, ids, people };
}

describe("one send budget", () => {
  it("replies during a broadcast cause no 429; every row and every reply arrives once", async () => {
    const { h, ids, people } = await broadcastWhilePeopleWrite(false);
    expect(h.fake.stats().rateLimited).toBe(0);
    for (const id of ids) expect(h.fake.messagesIn(id).map((m) => m.text)).toEqual([`bulk ${id}`]);
    for (const p of people) expect(h.fake.messagesIn(p.id).length).toBeGreaterThan(0);
    expect((await h.storage.outbox.counts()).sent).toBe(ids.length);
    // The replies went ahead of the broadcast: all were answered before its last row.
    const lastBulk = Math.max(
      ...h.fake.calls.filter((c) => ids.includes(Number(c.params.chat_id))).map((c) => c.at),
    );
    const replies = h.fake.calls.filter((c) => Number(c.params.chat_id) >= 800_000);
    expect(Math.max(...replies.map((c) => c.at))).toBeLessThan(lastBulk);
  }, 30_000);

  it("control: with the replies outside the budget (the old way), the same load meets 429s", async () => {
    const { h, ids } = await broadcastWhilePeopleWrite(true);
    expect(h.fake.stats().rateLimited).toBeGreaterThan(0);
    // Still nothing lost: the outbox and auto-retry obey the 429s.
    for (const id of ids) expect(h.fake.messagesIn(id)).toHaveLength(1);
  }, 30_000);

  it("a burst of replies to one chat is paced to the per-chat limit instead of tripping it", async () => {
    const burst = new Composer<BotContext>();
    burst.command("burst", async (ctx) => {
      await ctx.reply("one");
      await ctx.reply("two");
      await ctx.reply("three");
    });
    const h = await start({ outbox: { ratePerSecond: 30, ...LIMITS }, extra: [burst] });
    h.fake.setLimits({ globalPerSecond: 30, ...LIMITS });
    const person = u.makeUser(810_001, { first_name: "B" });
    await h.text(person, "/burst");
    expect(h.fake.messagesIn(person.id).map((m) => m.text)).toEqual(["one", "two", "three"]);
    expect(h.fake.stats().rateLimited).toBe(0);
    const at = h.fake.callsTo("sendMessage").map((c) => c.at);
    expect((at[2] as number) - (at[0] as number)).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it("a 429 met early in a conversation is slept once, never again on later steps", async () => {
    const h = await start({ locale: "en" });
    const person = u.makeUser(820_001, { first_name: "Wang", language_code: "en" });
    // The conversation's first question meets a 429 (retry after 1 s); auto-retry waits once.
    h.fake.injectFault({
      method: "sendMessage",
      chatId: person.id,
      times: 1,
      fault: { kind: "tooManyRequests", retryAfter: 1 },
    });
    await h.text(person, "/register");
    const first = h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === person.id);
    expect(first).toHaveLength(2); // refused, then sent after the wait
    expect((first[1]?.at as number) - (first[0]?.at as number)).toBeGreaterThanOrEqual(950);

    // Every later step replays the conversation from its start, the 429 included:
    // each is answered without sleeping again.
    const steps = ["3-2-501", "Wang", "13800138000", "1"];
    for (const answer of steps) {
      const before = Date.now();
      const calls = h.fake.calls.length;
      await h.text(person, answer);
      const reply = h.fake.calls
        .slice(calls)
        .find((c) => c.method === "sendMessage" && c.params.chat_id === person.id);
      expect(reply, `a reply to ${answer}`).toBeDefined();
      expect((reply?.at as number) - before).toBeLessThan(700);
    }
    // And the first question was never sent again: the refused call and its one retry.
    const question = first[0]?.params.text;
    const again = h.fake.callsTo("sendMessage").filter((c) => c.params.text === question);
    expect(again).toHaveLength(2);
  }, 30_000);
});
