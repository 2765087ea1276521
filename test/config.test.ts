import { describe, expect, it } from "vitest";
import { cronEvery } from "../app/jobs.js";
import { parseCategoryTargets, parseConfig } from "../bot/config.js";

const TOKEN = "123456:AAE-abcdefghijklmnop";

describe("config", () => {
  it("takes a PostgreSQL DATABASE_URL and a METRICS_PORT", () => {
    const r = parseConfig({
      BOT_TOKEN: TOKEN,
      DATABASE_URL: "postgres://linli@db.example:5432/linli",
      METRICS_PORT: "9464",
    });
    expect(r.ok && r.config).toMatchObject({
      databaseUrl: "postgres://linli@db.example:5432/linli",
      metricsPort: 9464,
    });
    const bad = parseConfig({ BOT_TOKEN: TOKEN, METRICS_PORT: "metrics" });
    expect(!bad.ok && bad.message).toContain("- METRICS_PORT must be a port number");
  });

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

  it("webhook mode requires its URL and secret, listed with every other problem", () => {
    const bad = parseConfig({ BOT_TOKEN: "nope", BOT_MODE: "webhook", PORT: "http" });
    expect(bad.ok).toBe(false);
    const message = bad.ok ? "" : bad.message;
    expect(message).toContain("- BOT_TOKEN does not look like a bot token");
    expect(message).toContain("- WEBHOOK_URL is required when BOT_MODE=webhook");
    expect(message).toContain("- WEBHOOK_SECRET is required when BOT_MODE=webhook");
    expect(message).toContain("- PORT must be a port number");
    const unknown = parseConfig({ BOT_TOKEN: "nope", BOT_MODE: "carrier-pigeon" });
    expect(unknown.ok ? "" : unknown.message).toMatch(
      /- BOT_TOKEN[\s\S]*- BOT_MODE must be polling or webhook/,
    );

    const ok = parseConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://linli.example/telegram",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
    });
    expect(ok.ok && ok.config).toMatchObject({
      mode: "webhook",
      webhookUrl: "https://linli.example/telegram",
      webhookSecret: "s3cret-s3cret-s3cret",
      port: 8080,
    });
    // Polling needs none of it.
    const polling = parseConfig({ BOT_TOKEN: TOKEN });
    expect(polling.ok && polling.config.mode).toBe("polling");
    expect(polling.ok && "webhookUrl" in polling.config).toBe(false);
  });

  it("listens on every interface unless LISTEN_HOST names one", () => {
    const every = parseConfig({ BOT_TOKEN: TOKEN, LISTEN_HOST: "" });
    expect(every.ok && every.config.listenHost).toBeUndefined();
    const local = parseConfig({ BOT_TOKEN: TOKEN, LISTEN_HOST: " 127.0.0.1 " });
    expect(local.ok && local.config.listenHost).toBe("127.0.0.1");
  });

  it("turns job intervals into node-cron expressions", () => {
    expect(cronEvery(5_000)).toBe("*/5 * * * * *");
    expect(cronEvery(30_000)).toBe("*/30 * * * * *");
    expect(cronEvery(60_000)).toBe("0 */1 * * * *");
    expect(cronEvery(120_000)).toBe("0 */2 * * * *");
  });
});
