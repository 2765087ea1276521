/**
 * The composer's preview says how long delivery will take at the current
 * rate (issue 11): the pure estimate, and the line a worker reads, in both
 * languages, with paid broadcasts taken into account.
 */
import { afterEach, describe, expect, it } from "vitest";
import { estimateDelivery } from "../domain/notice-plan.js";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "en" });

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

describe("the delivery estimate", () => {
  it("7,546 residents at 30/s take about 4 minutes; 100,000 about 58 minutes; paid, under 2 minutes", () => {
    expect(estimateDelivery(7546, 30)).toEqual({ unit: "minutes", minutes: 4 });
    expect(estimateDelivery(100_000, 30)).toEqual({ unit: "minutes", minutes: 58 });
    expect(estimateDelivery(200_000, 30)).toEqual({ unit: "hours", hours: 1, minutes: 57 });
    expect(estimateDelivery(100_000, 1000)).toEqual({ unit: "minutes", minutes: 2 });
    expect(estimateDelivery(500, 30)).toEqual({ unit: "seconds" });
  });

  async function preview(
    locale: "en" | "zh-CN",
    config: Parameters<typeof Harness.start>[0] extends infer O
      ? O extends { config?: infer C }
        ? C
        : never
      : never,
    urgent = false,
  ): Promise<string> {
    const worker = u.makeUser(3001, {
      first_name: "Zhang",
      language_code: locale === "en" ? "en" : "zh-hans",
    });
    const h = await Harness.start({ adminIds: [ADMIN.id], locale, config });
    harnesses.push(h);
    await h.storage.roles.grant(worker.id, "worker", ADMIN.id);
    for (let i = 0; i < 120; i++) {
      await h.storage.people.touch({ id: 700_000 + i, first_name: `R${i}` }, true);
      await h.storage.households.register({
        personId: 700_000 + i,
        address: { building: "3", unit: "1", room: String(100 + i) },
        displayName: `R${i}`,
        phone: null,
        members: 1,
        flags: [],
      });
    }
    const choose = (data: string) => h.press(worker, h.withButton(worker, data), data);
    await h.text(worker, "/notice");
    await h.text(worker, "Water off tomorrow");
    await h.text(worker, "3");
    await choose("nt:c:nomore");
    await choose(urgent ? "nt:c:urgent" : "nt:c:normal");
    await choose("nt:c:now");
    return h.withButton(worker, "nt:c:send").text ?? "";
  }

  it("the preview says it in English, at the send rate", async () => {
    // 120 residents at 1 message a second: about 2 minutes.
    const text = await preview("en", { sendRate: 1 });
    expect(text).toContain("Delivery: about 2 minutes for 120 residents.");
  }, 30_000);

  it("in Chinese, and a paid broadcast is faster; an urgent notice keeps the free rate", async () => {
    const paid = { sendRate: 1, paidBroadcast: { enabled: true, ratePerSecond: 1000 } };
    expect(await preview("zh-CN", paid)).toContain(
      "预计用时：不到 1 分钟送达 120 位居民（付费群发）。",
    );
    expect(await preview("zh-CN", paid, true)).toContain("预计用时：约 2 分钟送达 120 位居民。");
  }, 30_000);
});
