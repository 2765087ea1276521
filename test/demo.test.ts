/**
 * `npm run demo` in headless Chromium: the real bot (app/main.ts as its own
 * process) on the simulated Telegram with the seeded community, driven only
 * through the page. A resident registers, the worker sends a notice to the
 * resident's unit, and the resident's phone shows it tagged with the room; the
 * building group gets the pointer without the body; her SOS pages the
 * coordinator and her request puts one card on the coordinator's phone; the
 * dashboard opens from the worker's phone. Screenshot: docs/demo.png.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COORDINATOR, GROUP_1, NEIGHBOUR, RESIDENT, WORKER } from "../demo/community.js";
import { type Demo, startDemo } from "../demo/demo.js";
import { systemClock } from "../storage/clock.js";
import { openStorage } from "../storage/index.js";
import { type Browser, browserMissing, launchBrowser } from "./browser.js";

const missing = browserMissing();
const textOf = async (l: Locator) => (await l.textContent()) ?? "";
const NOTICE = "今晚 8 点到 10 点 1 栋 2 单元停水，请提前储水。";

describe.skipIf(missing !== undefined)(
  `npm run demo in Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    let demo: Demo;
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      demo = await startDemo({ port: 0 });
      browser = await launchBrowser({ width: 1720, height: 1000 });
      page = await browser.context.newPage();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
    });

    const phone = (userId: number) => page.locator(`section.phone[data-as="${userId}"]`);
    const botMessages = (p: Locator) => p.locator(".log .msg.bot");

    /** Types in a phone and waits for the bot's answer there. */
    async function say(p: Locator, text: string): Promise<void> {
      const before = await botMessages(p).count();
      await p.locator("textarea.input").fill(text);
      await p.locator("button.send").click();
      await expect.poll(() => botMessages(p).count(), { timeout: 15_000 }).toBeGreaterThan(before);
    }

    /** Presses the last inline button with this data in a phone, and waits for the bot. */
    async function press(p: Locator, data: string): Promise<void> {
      const button = p.locator(`button.inline[data-data="${data}"]`).last();
      await button.waitFor({ timeout: 15_000 });
      const before = await textOf(p.locator(".log"));
      await button.click();
      await expect.poll(() => textOf(p.locator(".log")), { timeout: 15_000 }).not.toBe(before);
    }

    it("a resident registers and the worker's notice reaches them tagged with their room, all through the page", async () => {
      const external: string[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.hostname !== "127.0.0.1" && url.protocol !== "about:") external.push(r.url());
      });
      await page.goto(demo.url);
      await page.locator("section.phone").nth(3).waitFor();
      expect(await page.locator("h1").textContent()).toBe("邻里 Linli 演示");
      // The group's phone already shows the bot's welcome from the seed.
      await expect
        .poll(() => textOf(phone(NEIGHBOUR.id).locator(".log")))
        .toContain("1 栋的楼栋群");

      // The resident registers through the real conversation.
      const resident = phone(RESIDENT.id);
      await resident.locator("textarea.input").waitFor();
      await page.locator(".tour-fill").click(); // the tour's first step types /register
      expect(await resident.locator("textarea.input").inputValue()).toBe("/register");
      const before = await botMessages(resident).count();
      await resident.locator("button.send").click();
      await expect.poll(() => botMessages(resident).count()).toBeGreaterThan(before);
      await say(resident, "1-2-301");
      await say(resident, "王阿姨");
      // The contact key shares her phone, as Telegram's button would.
      const shareKey = resident.locator("button.key").first();
      await shareKey.waitFor();
      const beforeShare = await botMessages(resident).count();
      await shareKey.click();
      await expect.poll(() => botMessages(resident).count()).toBeGreaterThan(beforeShare);
      await say(resident, "2");
      await press(resident, "reg:flags:done");
      await press(resident, "reg:save");
      await expect.poll(() => textOf(resident.locator(".log"))).toContain("1-2-301");

      // The worker sends a notice to unit 1-2 through the composer.
      const worker = phone(WORKER.id);
      await say(worker, "/notice");
      await say(worker, NOTICE);
      await say(worker, "1-2");
      await press(worker, "nt:c:nomore");
      await press(worker, "nt:c:normal");
      await press(worker, "nt:c:now");
      await press(worker, "nt:c:send");

      // The resident's phone shows it, tagged with her room, with its buttons.
      const notice = resident.locator(".msg.bot", { hasText: NOTICE });
      await notice.waitFor({ timeout: 15_000 });
      expect(await textOf(notice.locator(".text"))).toBe(`【1-2-301】\n${NOTICE}`);
      const row = resident.locator(".row", {
        has: page.locator(".msg.bot", { hasText: NOTICE }),
      });
      expect(await row.locator("button.inline").count()).toBeGreaterThanOrEqual(2);
      // What Telegram received is what the phone shows.
      expect(demo.fake.textsIn(RESIDENT.id)).toContain(`【1-2-301】\n${NOTICE}`);

      // The building group gets a pointer naming the unit, never the body.
      const group = phone(NEIGHBOUR.id);
      await expect
        .poll(() => textOf(group.locator(".log")), { timeout: 15_000 })
        .toMatch(/新通知[\s\S]*1-2|1-2[\s\S]*新通知/);
      expect(await textOf(group.locator(".log"))).not.toContain("停水");
      expect(demo.fake.textsIn(GROUP_1).join("\n")).not.toContain("停水");

      // The resident confirms with "Got it" on her phone.
      await row.locator("button.inline").first().click();
      await expect.poll(() => resident.locator(".toast").isVisible()).toBe(true);

      // Her SOS pages the coordinator on duty, with her room, and a button to take it.
      await resident.locator("button.key", { hasText: "SOS" }).click();
      await resident.locator("button.inline").last().waitFor();
      await say(resident, "我在家摔倒了，起不来");
      const coordinator = phone(COORDINATOR.id);
      const ackButton = "button.inline[data-data^='esc:ack:']";
      await coordinator.locator(ackButton).first().waitFor({ timeout: 15_000 });
      expect(await coordinator.locator(ackButton).count()).toBe(1);
      const sosPage = coordinator
        .locator(".row", { has: page.locator(ackButton) })
        .locator(".msg.bot");
      expect(await textOf(sosPage)).toContain("1-2-301");
      expect(await textOf(sosPage)).toContain("我在家摔倒了");

      // Her request for medicine puts one card with its buttons on the coordinator's phone.
      await say(resident, "/request");
      await press(resident, "rqc:cat:medicine");
      await say(resident, "硝苯地平缓释片");
      await say(resident, "2 盒");
      await press(resident, "rqc:photos:none");
      await press(resident, "rqc:urg:today");
      await press(resident, "rqc:sum:send");
      const take = coordinator.locator("button.inline[data-data^='rq:take:']");
      await take.first().waitFor({ timeout: 15_000 });
      expect(await take.count()).toBe(1);
      const card = coordinator.locator(".msg.bot", { hasText: "硝苯地平缓释片" });
      expect(await textOf(card)).toContain("1-2-301");

      // The dashboard opens from the worker's phone, signed in as the worker.
      await worker.locator("button.menu").click();
      const dashboard = worker.frameLocator("iframe.webapp-frame");
      await dashboard.locator("#grid .room").first().waitFor({ timeout: 20_000 });
      expect(await dashboard.locator("#grid .room").count()).toBeGreaterThan(0);
      expect(await dashboard.locator("#notices .excerpt").first().textContent()).toBe(NOTICE);

      const faces = await page.evaluate(async () => {
        const loaded = [
          ...(await document.fonts.load('400 17px "Linli Hans"', "邻里")),
          ...(await document.fonts.load('700 17px "Linli Hans"', "邻里")),
        ];
        await document.fonts.ready;
        return loaded.map((f) => f.status);
      });
      expect(faces).toEqual(["loaded", "loaded"]);
      // The dashboard's own font, in its frame, before the picture is taken.
      const frame = page.frames().find((f) => f.url().includes("/dashboard/"));
      await frame?.evaluate(async () => {
        await document.fonts.load('400 18px "Linli Hans"', "邻里");
        await document.fonts.load('700 18px "Linli Hans"', "邻里");
        await document.fonts.ready;
      });
      expect(external).toEqual([]);
      await resident.locator(".toast").waitFor({ state: "hidden" });
      await page.screenshot({ path: "docs/demo.png" });
    }, 180_000);

    it("the group's Register button opens the private chat with the bot and starts there, as in Telegram", async () => {
      const group = phone(NEIGHBOUR.id);
      await group.locator("button.inline", { hasText: "登记" }).first().click();
      // The phone switched to the private chat, where /start join_1 was sent and answered.
      await expect
        .poll(() => textOf(group.locator(".tab[aria-pressed='true']")))
        .toBe("邻里 Linli");
      const answered = () => {
        const log = demo.fake.chatLog(NEIGHBOUR.id);
        const at = log.findIndex((e) => e.by === "person" && e.message.text === "/start join_1");
        return at >= 0 && log.slice(at + 1).some((e) => e.by === "bot");
      };
      await expect.poll(answered).toBe(true);
      // The page shows it once it has drawn the new messages (it draws after the fake logs them).
      await expect.poll(() => textOf(group.locator(".log"))).toContain("/start join_1");
      await group.locator(".tab").first().click();
    });

    it("the bot stored what the page did: her household, her confirmation, her SOS", async () => {
      // The bot stops first (as after Ctrl+C), so nothing writes while the file is read.
      await demo.bot.stop();
      const storage = await openStorage(demo.databaseUrl, systemClock);
      try {
        const household = await storage.checkins.householdOf(RESIDENT.id);
        expect(household).toMatchObject({ building: "1", unit: "2", room: "301" });
        const deliveries = await storage.db
          .selectFrom("notice_deliveries")
          .select(["address", "confirmed_at"])
          .where("person_id", "=", RESIDENT.id)
          .execute();
        expect(deliveries).toHaveLength(1);
        expect(deliveries[0]?.address).toBe("1-2-301");
        expect(deliveries[0]?.confirmed_at).not.toBeNull();
        const sos = await storage.db
          .selectFrom("escalations")
          .select(["kind", "address", "status"])
          .where("person_id", "=", RESIDENT.id)
          .execute();
        expect(sos).toEqual([{ kind: "sos", address: "1-2-301", status: expect.any(String) }]);
        // The seed went through the bot too: 37 residents besides her, and the notice to building 2.
        const residents = await storage.db
          .selectFrom("residents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        expect(Number(residents?.n)).toBe(38);
      } finally {
        await storage.close();
      }
    });

    it("the language switch turns the page's own words to English and back", async () => {
      await page.locator("#language").click();
      expect(await page.locator("h1").textContent()).toBe("Linli demo");
      expect(await page.locator(".tour-title").textContent()).toBe("A resident registers");
      expect(await page.locator("button.send").first().textContent()).toBe("Send");
      await page.locator("#language").click();
      expect(await page.locator("h1").textContent()).toBe("邻里 Linli 演示");
    });
  },
);
