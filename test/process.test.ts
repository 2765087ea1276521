/**
 * The real entry point, as a separate process: config errors, polling through
 * the fake Telegram's getUpdates, webhook mode with its secret, and a clean
 * shutdown on SIGTERM. Then staying up: webhook mode through failing replies
 * and slow updates, an unreachable Telegram at start, a failed command menu.
 */
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, type TestContext } from "vitest";
import { processGuards } from "../app/startup.js";
import { FakeTelegram } from "../simulator/server.js";
import { makeUser, privateText } from "../simulator/updates.js";
import { tempDir } from "./harness.js";
import { freePort, type MainProcess as Run, startMain, until } from "./main-process.js";

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
    // The menus are set in the background at start.
    await until(() => fake.callsTo("setMyCommands").length >= 3, "the command menus");
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

/** Logged lines of a run (pino JSON), with the given message. */
const logged = (run: Run, msg: string) => run.logged(msg);

describe("staying up", () => {
  // These run concurrently (most of their time is waiting), so each cleans up through
  // its own test context.
  type Cleanup = TestContext["onTestFinished"];

  /** A fake Telegram and a temporary folder, cleaned up when the test ends. */
  async function setup(onFinished: Cleanup) {
    const fake = await FakeTelegram.start();
    const t = tempDir();
    onFinished(async () => {
      await fake.close();
      t.remove();
    });
    return { fake, dir: t.dir };
  }

  function start(onFinished: Cleanup, env: Record<string, string>, dir: string): Run {
    const run = startMain(env, dir);
    onFinished(() => {
      run.child.kill("SIGKILL");
    });
    return run;
  }

  async function webhook(onFinished: Cleanup, extra: Record<string, string> = {}) {
    const { fake, dir } = await setup(onFinished);
    const port = await freePort();
    const secret = "s3cret-token-for-tests";
    const run = start(
      onFinished,
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://linli.example/telegram",
        WEBHOOK_SECRET: secret,
        PORT: String(port),
        ...extra,
      },
      dir,
    );
    // Starting takes a while on a busy machine.
    await until(() => fake.callsTo("setWebhook").length > 0, "setWebhook", 60_000);
    /** Telegram posting an update to the webhook. */
    const post = (update: Update) =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(update),
      });
    return { fake, run, post };
  }

  it.concurrent("webhook mode: a reply refused with 403, then one failing with 500 after every retry; the process answers the next update", async ({
    expect,
    onTestFinished,
  }) => {
    const { fake, run, post } = await webhook(onTestFinished, { WEBHOOK_TIMEOUT_SECONDS: "2" });
    const user = makeUser(5101, { first_name: "Li", language_code: "en" });
    fake.userStarted(user.id);

    // The user blocked the bot just then: the reply is refused.
    fake.injectFault({
      method: "sendMessage",
      chatId: user.id,
      times: 1,
      fault: { kind: "blocked" },
    });
    expect((await post(privateText(user, "/help"))).status).toBe(200);
    await until(() => logged(run, "update failed").length === 1, "the error boundary");
    // The boundary apologised (the block was a one-off).
    await until(() => fake.textsIn(user.id).length === 1, "the apology");
    expect(fake.textsIn(user.id)[0]).toContain("Sorry, something went wrong");

    // Telegram answers 500 to the reply and to each of auto-retry's two retries.
    const failing = fake.injectFault({
      method: "sendMessage",
      chatId: user.id,
      times: 3,
      fault: { kind: "internalError" },
    });
    // Telegram is answered while the retries go on.
    expect((await post(privateText(user, "/help"))).status).toBe(200);
    await until(() => logged(run, "update failed").length === 2, "the second failure", 60_000);
    expect(failing.fired).toBe(3);
    expect(logged(run, "update failed")[1]).toMatchObject({
      err: { error_code: 500, description: "Internal Server Error" },
    });

    // Still alive, and answering.
    expect(run.child.exitCode).toBe(null);
    expect((await post(privateText(user, "/help"))).status).toBe(200);
    await until(
      () => fake.textsIn(user.id).some((t) => t.includes("Commands you can use")),
      "the answer to the next update",
    );
    expect(run.stdout()).not.toContain(fake.token);
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  }, 120_000);

  it.concurrent("webhook mode: a slow update is answered within WEBHOOK_TIMEOUT_SECONDS and handled once, even when Telegram sends it again", async ({
    expect,
    onTestFinished,
  }) => {
    const { fake, run, post } = await webhook(onTestFinished, { WEBHOOK_TIMEOUT_SECONDS: "1" });
    const user = makeUser(5102, { first_name: "Wu", language_code: "en" });
    fake.userStarted(user.id);
    // The reply takes 3 s to get through.
    fake.injectFault({
      method: "sendMessage",
      chatId: user.id,
      times: 1,
      fault: { kind: "hang", ms: 3000 },
    });
    const update = privateText(user, "/help");
    expect((await post(update)).status).toBe(200);
    // Answered before the work was done: the reply is still on its way.
    expect(fake.textsIn(user.id)).toEqual([]);
    // Telegram sends it again (say our answer was lost on the way).
    expect((await post(update)).status).toBe(200);
    await until(() => fake.textsIn(user.id).length > 0, "the reply");
    await until(
      () => logged(run, "update received again; already handled").length === 1,
      "the log",
    );
    await until(() => logged(run, "update handled").length === 1, "the first copy's end");
    expect(fake.callsTo("sendMessage").filter((c) => c.params.chat_id === user.id)).toHaveLength(1);
    expect(fake.textsIn(user.id)).toHaveLength(1);
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  }, 120_000);

  it.concurrent("Telegram refusing connections at start: a readable sentence and status 1, within two request timeouts", async ({
    expect,
    onTestFinished,
  }) => {
    const { fake, dir } = await setup(onTestFinished);
    await fake.unreachable();
    const run = start(
      onTestFinished,
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
        TELEGRAM_TIMEOUT_SECONDS: "3",
      },
      dir,
    );
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain(`Telegram (${fake.apiRoot}) could not be reached within 6 s`);
    expect(run.stderr()).toContain("TELEGRAM_API_ROOT");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(run.stderr() + run.stdout()).not.toContain(fake.token);
  }, 120_000);

  it.concurrent("Telegram never answering at start (the default settings): the same sentence and status 1 within about 30 s", async ({
    expect,
    onTestFinished,
  }) => {
    const { fake, dir } = await setup(onTestFinished);
    await fake.unreachable("blackhole");
    const run = start(
      onTestFinished,
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
      },
      dir,
    );
    // It ends (the test's time limit stands for "not never"), with the sentence.
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain("could not be reached within 20 s (no answer)");
    expect(run.stderr()).toContain("TELEGRAM_API_ROOT");
    expect(fake.stats().unreachable).toBeGreaterThan(0);
  }, 120_000);

  it.concurrent("a failed setMyCommands at start is a warning; the bot runs and answers", async ({
    expect,
    onTestFinished,
  }) => {
    const { fake, dir } = await setup(onTestFinished);
    fake.injectFault({
      method: "setMyCommands",
      fault: {
        kind: "error",
        error: { error_code: 400, description: "Bad Request: BOT_COMMANDS_TOO_MUCH" },
      },
    });
    const user = makeUser(5103, { first_name: "Qian", language_code: "en" });
    fake.userStarted(user.id);
    fake.queueUpdate(privateText(user, "/help"));
    const run = start(
      onTestFinished,
      {
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: `sqlite:${dir}/linli.sqlite`,
      },
      dir,
    );
    await until(() => fake.textsIn(user.id).length > 0, "the answer", 60_000);
    expect(fake.textsIn(user.id)[0]).toContain("Commands you can use");
    await until(
      () => logged(run, "the command menus could not be set; running without them").length > 0,
      "the warning",
    );
    expect(
      logged(run, "the command menus could not be set; running without them")[0],
    ).toMatchObject({
      level: 40,
    });
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  }, 120_000);
});

describe("errors nobody caught", () => {
  function recorder() {
    const lines: Array<{ level: string; obj: unknown; msg: string }> = [];
    const at = (level: string) => (obj: unknown, msg: string) => {
      lines.push({ level, obj, msg });
    };
    return { lines, logger: { error: at("error"), fatal: at("fatal") } };
  }

  it("an unhandled rejection is logged and the process runs on; an uncaught exception is logged as fatal and stops it with status 1", () => {
    const { lines, logger } = recorder();
    const stops: number[] = [];
    const guards = processGuards(logger as never, (status) => stops.push(status));
    guards.onUnhandledRejection(new Error("a stray send failed"));
    expect(lines).toMatchObject([
      { level: "error", msg: expect.stringContaining("unhandled rejection") },
    ]);
    expect(stops).toEqual([]);
    guards.onUncaughtException(new TypeError("x is not a function"));
    expect(lines[1]).toMatchObject({
      level: "fatal",
      msg: expect.stringContaining("uncaught exception"),
    });
    expect(stops).toEqual([1]);
  });
});
