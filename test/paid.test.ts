/**
 * Paid broadcasts (issue 11): with PAID_BROADCAST on, bulk rows go with
 * allow_paid_broadcast at up to the paid rate, and the outbox paces to it;
 * other lanes and the bot's replies stay within the free 30 a second. The
 * fake enforces both windows with 429s.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../bot/config.js";
import { Harness, u } from "./harness.js";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

describe("paid broadcasts", () => {
  it("bulk rows go with allow_paid_broadcast far above 30/s, with no 429; other lanes stay free", async () => {
    const h = await Harness.start({
      config: { paidBroadcast: { enabled: true, ratePerSecond: 300 } },
      outbox: { ratePerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
      locale: "en",
    });
    harnesses.push(h);
    h.fake.setLimits({
      globalPerSecond: 30,
      paidPerSecond: 300,
      perChatPerSecond: 1,
      perGroupPerMinute: 20,
    });
    const ids = Array.from({ length: 300 }, (_, i) => 900_000 + i);
    for (const id of ids) h.fake.userStarted(id);
    h.fake.userStarted(990_001);
    await h.storage.outbox.enqueue([
      ...ids.map((id) => ({
        chatId: id,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: { text: `bulk ${id}` },
      })),
      { chatId: 990_001, lane: "urgent", method: "sendMessage", payload: { text: "urgent" } },
    ]);
    // Someone writes to the bot during the broadcast: the reply is a free send.
    const person = u.makeUser(990_002, { first_name: "P", language_code: "en" });
    h.outbox.kick();
    await h.text(person, "/help");
    await h.drain();

    expect(h.fake.stats().rateLimited).toBe(0);
    const bulk = h.fake
      .callsTo("sendMessage")
      .filter((c) => ids.includes(Number(c.params.chat_id)));
    expect(bulk).toHaveLength(ids.length);
    expect(bulk.every((c) => c.params.allow_paid_broadcast === true)).toBe(true);
    const others = h.fake
      .callsTo("sendMessage")
      .filter((c) => !ids.includes(Number(c.params.chat_id)));
    expect(others.length).toBeGreaterThanOrEqual(2);
    expect(others.every((c) => c.params.allow_paid_broadcast === undefined)).toBe(true);
    // 300 messages at the free 30/s would take ten seconds; paid, about one.
    const span = Math.max(...bulk.map((c) => c.at)) - Math.min(...bulk.map((c) => c.at));
    expect(span).toBeLessThan(5000);
    expect((await h.storage.outbox.counts()).sent).toBe(ids.length + 1);
  }, 30_000);

  it("off by default; PAID_BROADCAST=1 turns it on at 1000/s; a rate at or under 30 is refused", () => {
    const env = { BOT_TOKEN: "123456789:AAE-abcdefghijklmnop" };
    const off = parseConfig(env);
    expect(off.ok && off.config.paidBroadcast).toEqual({ enabled: false, ratePerSecond: 1000 });
    const on = parseConfig({ ...env, PAID_BROADCAST: "1" });
    expect(on.ok && on.config.paidBroadcast).toEqual({ enabled: true, ratePerSecond: 1000 });
    const low = parseConfig({ ...env, PAID_BROADCAST: "1", PAID_BROADCAST_RATE: "20" });
    expect(low.ok).toBe(false);
    if (!low.ok) expect(low.message).toContain("PAID_BROADCAST_RATE");
  });
});
