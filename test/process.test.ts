/**
 * The real entry point, as a separate process: config errors, polling through
 * the fake Telegram's getUpdates, webhook mode with its secret, and a clean
 * shutdown on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram/server.js";
import { makeUser, privateText } from "./fake-telegram/updates.js";
import { tempDir } from "./harness.js";

const MAIN = fileURLToPath(new URL("../app/main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `app/main.ts` in an empty folder (so no developer's .env is read) with exactly `env`. */
function startMain(env: Record<string, string>, cwd: string): Run {
  const child = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

describe("the entry point", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  function temp() {
    const t = tempDir();
    cleanups.push(t.remove);
    return t.dir;
  }

  it("a missing BOT_TOKEN exits with status 1 and says where to get one, without a stack trace", async () => {
    const run = startMain({}, temp());
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain("BOT_TOKEN is missing");
    expect(run.stderr()).toContain("@BotFather");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  it("lists every bad setting at once", async () => {
    const run = startMain(
      {
        BOT_TOKEN: "nope",
        TIMEZONE: "Mars/Olympus",
        BOT_MODE: "webhook",
        PORT: "http",
        LOG_LEVEL: "loud",
      },
      temp(),
    );
    expect(await run.exit).toBe(1);
    const err = run.stderr();
    for (const setting of [
      "BOT_TOKEN",
      "TIMEZONE",
      "PORT",
      "LOG_LEVEL",
      "WEBHOOK_URL",
      "WEBHOOK_SECRET",
    ]) {
      expect(err).toContain(`- ${setting}`);
    }
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("reads .env, polls the fake Telegram, answers, logs without texts, and stops cleanly on SIGTERM", async () => {
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.close());
    const dir = temp();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      `${dir}/.env`,
      `BOT_TOKEN=${fake.token}\nTELEGRAM_API_ROOT=${fake.apiRoot}\nADMIN_IDS=5001\n`,
    );
    const webPort = await freePort();
    const run = startMain(
      {
        DATABASE_URL: `sqlite:${dir}/db/linli.sqlite`,
        WEB_PORT: String(webPort),
        WEB_APP_URL: "https://linli.example/dashboard/",
      },
      dir,
    );
    cleanups.push(() => run.child.kill("SIGKILL"));

    const user = makeUser(5001, { first_name: "Wang", language_code: "zh-hans" });
    fake.userStarted(user.id);
    fake.queueUpdate(privateText(user, "秘密的内容 /help"));
    fake.queueUpdate(privateText(user, "/help"));
    await until(() => fake.textsIn(user.id).length >= 2, "the bot's replies");
    expect(fake.textsIn(user.id)[1]).toContain("/register");
    const menus = fake.callsTo("setMyCommands").map((c) => c.params.scope);
    expect(menus).toContainEqual({ type: "all_private_chats" });
    expect(menus).toContainEqual({ type: "all_group_chats" });
    // The admin from ADMIN_IDS gets their own menu with the admin commands.
    const adminMenu = fake
      .callsTo("setMyCommands")
      .find((c) => JSON.stringify(c.params.scope).includes("5001"));
    expect(JSON.stringify(adminMenu?.params.commands)).toContain("invite");
    // ...and the dashboard's menu button; the dashboard is served on WEB_PORT.
    expect(fake.callsTo("setChatMenuButton")[0]?.params).toMatchObject({
      chat_id: 5001,
      menu_button: { type: "web_app", web_app: { url: "https://linli.example/dashboard/" } },
    });
    const page = await fetch(`http://127.0.0.1:${webPort}/dashboard/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="app.js"');
    const noSignIn = await fetch(`http://127.0.0.1:${webPort}/dashboard/api/overview`);
    expect(noSignIn.status).toBe(401);

    await until(() => run.stdout().split("update handled").length > 2, "a log line per update");
    const lines = run
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const handled = lines.filter((l) => l.msg === "update handled");
    expect(handled.length).toBeGreaterThanOrEqual(2);
    expect(typeof handled[0]?.ms).toBe("number");
    expect(run.stdout()).not.toContain("秘密");
    expect(run.stdout()).not.toContain(fake.token);

    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain('"msg":"stopped"');
  });

  it("webhook mode checks the secret token on every request", async () => {
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.close());
    const dir = temp();
    const port = await freePort();
    const secret = "s3cret-token-for-tests";
    const run = startMain(
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://linli.example/telegram",
        WEBHOOK_SECRET: secret,
        PORT: String(port),
      },
      dir,
    );
    cleanups.push(() => run.child.kill("SIGKILL"));
    await until(() => fake.callsTo("setWebhook").length > 0, "setWebhook");
    expect(fake.callsTo("setWebhook")[0]?.params).toMatchObject({
      url: "https://linli.example/telegram",
      secret_token: secret,
    });

    const user = makeUser(5002, { first_name: "Li", language_code: "en" });
    fake.userStarted(user.id);
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(privateText(user, "/help")),
      });
    const forged = await post({ "x-telegram-bot-api-secret-token": "wrong" });
    expect(forged.status).toBe(401);
    expect(fake.textsIn(user.id)).toEqual([]);
    const real = await post({ "x-telegram-bot-api-secret-token": secret });
    expect(real.status).toBe(200);
    await until(() => fake.textsIn(user.id).length > 0, "the reply");
    expect(fake.textsIn(user.id)[0]).toContain("Commands you can use");
    // The dashboard shares the webhook's port; other paths still go to the webhook.
    const page = await fetch(`http://127.0.0.1:${port}/dashboard`, { redirect: "manual" });
    expect(page.status).toBe(301);
    expect(page.headers.get("location")).toBe("/dashboard/");
    expect((await fetch(`http://127.0.0.1:${port}/dashboard/`)).status).toBe(200);

    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  });
});
