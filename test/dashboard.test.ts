/**
 * The staff dashboard (a Telegram Mini App): served by the bot's HTTP server
 * (app/http.ts) from the real dependencies, opened in headless Chromium the
 * way Telegram opens it (initData after the #), and refused without a valid
 * sign-in of a staff member. Also: its menu button goes to staff only.
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { User } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeServer, createHttpServer } from "../app/http.js";
import { signInitData } from "../bot/webapp-auth.js";
import { createDashboard } from "../features/dashboard/index.js";
import { type Browser, browserMissing, launchBrowser } from "./browser.js";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const residents = {
  a: u.makeUser(2001, { first_name: "A", language_code: "zh-hans" }),
  b: u.makeUser(2002, { first_name: "B", language_code: "en" }),
  c: u.makeUser(2003, { first_name: "C", language_code: "zh-hans" }),
  d: u.makeUser(2004, { first_name: "D", language_code: "zh-hans" }),
};
const WEB_APP_URL = "https://linli.example.org/dashboard/";

const choose = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/**
 * A small community: a layout of two buildings, four residents registered
 * through the real conversation (one of them has blocked the bot), one
 * household checked in, two open requests and a notice one resident confirmed.
 */
async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], config: { webApp: webAppConfig() } });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.text(
    ADMIN,
    "/layout\n3,1,101\n3,1,102\n3,2,501\n3,2,502\n3,2,503\n4,1,101\n4,1,102\n4,1,201",
  );
  await h.register(residents.a, "3-2-501");
  await h.register(residents.b, "3-2-502");
  await h.register(residents.c, "3-1-101");
  await h.register(residents.d, "4-1-101");
  await h.storage.people.setReachability(residents.d.id, "blocked");

  // 3-2-501 reported today (its one member).
  const household = await h.storage.checkins.householdOf(residents.a.id);
  await h.storage.checkins.record({
    householdId: household?.id as number,
    member: 1,
    date: "2026-11-22",
    celsius: 36.6,
    symptom: "fine",
    note: null,
    reportedBy: residents.a.id,
    proxy: false,
  });

  // Two open requests: medicine filed now, a repair filed two days ago.
  const file = (category: "medicine" | "repair", by: User) =>
    h.storage.requests.create({
      day: "2026-11-22",
      category,
      details: {},
      urgency: "today",
      householdId: null,
      address: null,
      personId: by.id,
      contactId: by.id,
      subjectName: null,
      subjectPhone: null,
      filedBy: by.id,
      filedAs: "self",
      noticeId: null,
      photos: [],
    });
  h.clock.advance(-2 * 24 * 3600_000);
  await file("repair", residents.c);
  h.clock.advance(2 * 24 * 3600_000);
  await file("medicine", residents.a);

  // A notice to unit 3-2, sent through the real composer; one resident confirms.
  await h.text(WORKER, "/notice");
  await h.text(WORKER, "今晚 8 点 3-2 单元停水两小时");
  await h.text(WORKER, "3-2");
  await choose(h, WORKER, "nt:c:nomore");
  await choose(h, WORKER, "nt:c:normal");
  await choose(h, WORKER, "nt:c:now");
  await choose(h, WORKER, "nt:c:send");
  await h.drain();
  const notice = h.fake.messagesIn(residents.a.id).find((m) => m.text?.startsWith("【"));
  const gotIt = (notice?.reply_markup?.inline_keyboard?.[0] ?? []).find(
    (b: { callback_data?: string }) => b.callback_data?.startsWith("nt:ok:"),
  );
  await h.press(residents.a, notice as never, gotIt.callback_data);
  return h;
}

function webAppConfig() {
  return { url: WEB_APP_URL, port: undefined, maxAgeSeconds: 24 * 3600 };
}

/** Serves the dashboard the way app/main.ts does, on a free port. */
async function serve(h: Harness): Promise<{ server: Server; base: string }> {
  const server = createHttpServer({
    routes: [{ path: "/dashboard/", handler: createDashboard(h.deps) }],
    logger: h.deps.logger,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}/dashboard/` };
}

/** initData as Telegram would sign it for `user`, `ageSeconds` ago by the bot's clock. */
function initDataFor(h: Harness, user: User, ageSeconds = 60): string {
  return signInitData(h.fake.token, {
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: { id: user.id, first_name: user.first_name, language_code: user.language_code },
    auth_date: Math.floor(h.clock.now().getTime() / 1000) - ageSeconds,
  });
}

/** The URL Telegram opens: the page, with the sign-in and the theme after the #. */
const launchUrl = (base: string, initData: string) =>
  `${base}#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android`;

describe("dashboard API (no browser)", () => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeEach(async () => {
    h = await community();
    ({ server, base } = await serve(h));
  });
  afterEach(async () => {
    await closeServer(server);
    await h.close();
  });

  const overview = (initData?: string) =>
    fetch(`${base}api/overview`, {
      headers: initData === undefined ? {} : { authorization: `tma ${initData}` },
    });

  it("answers a worker with the figures", async () => {
    const res = await overview(initDataFor(h, WORKER));
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view.lang).toBe("zh-CN");
    const building3 = view.grid.buildings[0];
    expect(building3.title).toBe("3 栋");
    const rooms = Object.fromEntries(
      building3.units.flatMap((unit: { rooms: Array<{ room: string; state: string }> }) =>
        unit.rooms.map((r) => [r.room, r.state]),
      ),
    );
    expect(rooms).toEqual({
      "101": "reachable",
      "102": "none",
      "501": "reported",
      "502": "reachable",
      "503": "none",
    });
    expect(view.grid.buildings[1].units[0].rooms).toEqual([
      { room: "101", state: "registered" },
      { room: "102", state: "none" },
      { room: "201", state: "none" },
    ]);
    expect(view.requests.rows.map((r: { label: string }) => r.label)).toEqual(["买药", "维修"]);
    expect(view.requests.rows[0].counts).toEqual([1, 0, 0, 0, 0]);
    expect(view.requests.rows[1].counts).toEqual([0, 0, 0, 1, 0]);
    expect(view.checkin.buildings[0].line).toBe("1/3 户报全 · 0 户没报全");
    expect(view.notices.items[0].parts).toEqual({
      confirmed: 1,
      unconfirmed: 1,
      queued: 0,
      unreachable: 0,
    });
  });

  it("refuses a missing, forged, expired or other bot's sign-in with 401, and a resident with 403, with no data", async () => {
    const good = initDataFor(h, WORKER);
    const forged = good.replace("%22id%22%3A3001", "%22id%22%3A3002");
    const otherBot = signInitData("999:OTHER", {
      user: { id: WORKER.id, first_name: "Zhang" },
      auth_date: Math.floor(h.clock.now().getTime() / 1000),
    });
    for (const initData of [undefined, "", forged, otherBot, initDataFor(h, WORKER, 25 * 3600)]) {
      const res = await overview(initData);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.grid).toBeUndefined();
      expect(body.message).toMatch(/身份|过期/);
    }
    const resident = await overview(initDataFor(h, residents.a));
    expect(resident.status).toBe(403);
    const body = await resident.json();
    expect(Object.keys(body).sort()).toEqual(["error", "lang", "message", "title"]);
    expect(body.message).toBe("工作台只给社工、值班人员和管理员用。");
    // Refusals of someone identified are audited like any other.
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "outcome"])
      .where("action", "=", "dashboard.view")
      .execute();
    expect(denied).toEqual([
      { actor_id: residents.a.id, action: "dashboard.view", outcome: "denied" },
    ]);
  });

  it("an admin from ADMIN_IDS may open it; a role taken back closes it", async () => {
    expect((await overview(initDataFor(h, ADMIN))).status).toBe(200);
    await h.storage.roles.revoke(WORKER.id, "worker");
    expect((await overview(initDataFor(h, WORKER))).status).toBe(403);
  });
});

describe("dashboard menu button", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("a new worker gets a Web App menu button in their chat; taking the role back removes it", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id], config: { webApp: webAppConfig() } });
    await h.text(ADMIN, "/invite worker");
    const link = /start=(\S+)/.exec(h.lastText(ADMIN))?.[1];
    expect(link).toBeDefined();
    await h.text(WORKER, `/start ${link}`);
    const set = h.fake.callsTo("setChatMenuButton");
    expect(set.map((c) => c.params)).toEqual([
      {
        chat_id: WORKER.id,
        menu_button: { type: "web_app", text: "工作台", web_app: { url: WEB_APP_URL } },
      },
    ]);
    // The worker switches to English: the button and their command menu follow.
    await h.text(WORKER, "/language");
    await h.press(WORKER, h.last(WORKER), "lang:en");
    expect(h.fake.callsTo("setChatMenuButton").at(-1)?.params).toEqual({
      chat_id: WORKER.id,
      menu_button: { type: "web_app", text: "Dashboard", web_app: { url: WEB_APP_URL } },
    });
    const commands = h.fake.callsTo("setMyCommands").at(-1)?.params;
    expect(commands?.scope).toEqual({ type: "chat", chat_id: WORKER.id });
    expect(JSON.stringify(commands?.commands)).toMatch(/[A-Za-z]{4,} /);
    await h.text(ADMIN, `/revoke ${WORKER.id} worker`);
    expect(h.fake.callsTo("setChatMenuButton").at(-1)?.params).toEqual({
      chat_id: WORKER.id,
      menu_button: { type: "default" },
    });
  });

  it("volunteers and residents get no button, and nobody does without WEB_APP_URL", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id], config: { webApp: webAppConfig() } });
    await h.text(ADMIN, "/invite volunteer");
    const link = /start=(\S+)/.exec(h.lastText(ADMIN))?.[1];
    await h.text(WORKER, `/start ${link}`);
    expect(h.fake.callsTo("setChatMenuButton").map((c) => c.params.menu_button)).toEqual([
      { type: "default" },
    ]);
    await h.register(residents.a, "3-2-501");
    expect(h.fake.callsTo("setChatMenuButton")).toHaveLength(1);
    await h.close();

    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.text(ADMIN, "/invite worker");
    const again = /start=(\S+)/.exec(h.lastText(ADMIN))?.[1];
    await h.text(WORKER, `/start ${again}`);
    expect(h.fake.callsTo("setChatMenuButton")).toEqual([]);
  });
});

const missing = browserMissing();

describe.skipIf(missing !== undefined)(
  `dashboard in Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    let h: Harness;
    let server: Server;
    let base: string;
    let browser: Browser;
    beforeAll(async () => {
      h = await community();
      ({ server, base } = await serve(h));
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await closeServer(server);
      await h.close();
    });

    it("opens with a worker's initData and shows the grid, the requests, the check-in and the notice", async () => {
      const page = await browser.context.newPage();
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(base)) external.push(r.url());
      });
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/overview"));
      await page.goto(launchUrl(base, initDataFor(h, WORKER)));
      expect((await answer).status()).toBe(200);
      await page.locator("#grid .room").first().waitFor();

      expect(await page.locator("h1").textContent()).toBe("邻里工作台");
      expect(await page.locator("#grid .room").count()).toBe(8);
      const state = (room: string, building: number) =>
        page
          .locator("#grid details.building")
          .nth(building)
          .locator(`.room:text-is("${room}")`)
          .getAttribute("data-state");
      expect(await state("501", 0)).toBe("reported");
      expect(await state("503", 0)).toBe("none");
      expect(await state("101", 1)).toBe("registered");
      // The first building is open, the others fold away on a phone.
      expect(await page.locator("#grid details.building").nth(0).getAttribute("open")).toBe("");
      expect(await page.locator("#grid details.building").nth(1).getAttribute("open")).toBeNull();
      expect(await page.locator("#requests tbody tr").allTextContents()).toEqual([
        "买药100001",
        "维修000101",
      ]);
      expect(await page.locator("#checkin .row .line").first().textContent()).toBe(
        "1/3 户报全 · 0 户没报全",
      );
      expect(await page.locator("#notices .excerpt").first().textContent()).toBe(
        "今晚 8 点 3-2 单元停水两小时",
      );
      // Everything came from the bot's own server: no CDN.
      expect(external).toEqual([]);

      // The screenshot for the README, looked at by a person.
      await page.locator("#grid details.building").nth(1).locator("summary").click();
      // This machine has no Chinese font: the page's own (served by the bot) must be in.
      const loaded = await page.evaluate(async () => {
        const faces = [
          ...(await document.fonts.load('400 18px "Linli Hans"', "邻里")),
          ...(await document.fonts.load('700 18px "Linli Hans"', "邻里")),
        ];
        await document.fonts.ready;
        return faces.map((f) => `${f.weight} ${f.status}`);
      });
      expect(loaded).toEqual(["400 loaded", "700 loaded"]);
      await page.screenshot({ path: "docs/dashboard.png", fullPage: true });
      await page.close();
    });

    it("refuses a forged initData: the page says so politely and shows no figures", async () => {
      const page = await browser.context.newPage();
      const forged = initDataFor(h, WORKER).replace(/hash=[0-9a-f]{4}/, "hash=0000");
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/overview"));
      await page.goto(launchUrl(base, forged));
      expect((await answer).status()).toBe(401);
      await page.locator("#problem").waitFor();
      expect(await page.locator("#problem h2").textContent()).toBe("工作台打不开");
      expect(await page.locator("#problem p").textContent()).toContain("没能确认您的身份");
      expect(await page.locator("#grid").count()).toBe(0);
      await page.close();
    });

    it("shows a resident the refusal in their own language (403)", async () => {
      const page = await browser.context.newPage();
      const answer = page.waitForResponse((r) => r.url().endsWith("/api/overview"));
      await page.goto(launchUrl(base, initDataFor(h, residents.b)));
      expect((await answer).status()).toBe(403);
      await page.locator("#problem").waitFor();
      expect(await page.locator("#problem p").textContent()).toBe(
        "The dashboard is for workers, coordinators and admins.",
      );
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.close();
    });
  },
);
