import { describe, expect, it } from "vitest";
import { cronEvery } from "../app/jobs.js";
import { parseCategoryTargets, parseConfig } from "../bot/config.js";

const TOKEN = "123456:AAE-abcdefghijklmnop";

describe("config", () => {
  it("fills every default, and reads the request targets", () => {
    const r = parseConfig({
      BOT_TOKEN: TOKEN,
      REQUEST_URGENT_MINUTES: "30",
      REQUEST_CATEGORY_TARGETS: "medicine:later=2, gas:now=20,repair:today=18:00",
      SHIFT_HOURS: "12",
    });
    expect(r.ok && r.config).toMatchObject({
      apiRoot: "https://api.telegram.org",
      databaseUrl: "sqlite:./data/linli.sqlite",
      timezone: "Asia/Shanghai",
      defaultLocale: "zh-CN",
      mode: "polling",
      quietHours: "22:00-07:00",
      sendRate: 30,
      requests: {
        targets: { nowMinutes: 30, todayBy: "20:00", laterDays: 3 },
        categoryTargets: {
          medicine: { laterDays: 2 },
          gas: { nowMinutes: 20 },
          repair: { todayBy: "18:00" },
        },
        shiftHours: 12,
      },
    });
  });

  it("lists each bad request setting", () => {
    const r = parseConfig({
      BOT_TOKEN: TOKEN,
      REQUEST_TODAY_BY: "8pm",
      REQUEST_CATEGORY_TARGETS: "pizza:now=5",
      SHIFT_HOURS: "7",
      QUIET_HOURS: "late",
    });
    expect(r.ok).toBe(false);
    const message = r.ok ? "" : r.message;
    for (const name of [
      "REQUEST_TODAY_BY",
      "REQUEST_CATEGORY_TARGETS",
      "SHIFT_HOURS",
      "QUIET_HOURS",
    ]) {
      expect(message).toContain(`- ${name}`);
    }
    expect(parseCategoryTargets("medicine:later=0")).toBeUndefined();
    expect(parseCategoryTargets("")).toEqual({});
  });

  it("turns job intervals into node-cron expressions", () => {
    expect(cronEvery(5_000)).toBe("*/5 * * * * *");
    expect(cronEvery(30_000)).toBe("*/30 * * * * *");
    expect(cronEvery(60_000)).toBe("0 */1 * * * *");
    expect(cronEvery(120_000)).toBe("0 */2 * * * *");
  });
});
