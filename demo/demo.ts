/**
 * `npm run demo`, as a function (the browser test starts it too): the
 * simulated Telegram, the real bot as its own process on a temporary SQLite
 * file, the seeded community, and the page of phones on localhost.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConsole } from "../simulator/console.js";
import { FakeTelegram } from "../simulator/server.js";
import { type BotProcess, freePort, startBot } from "./bot-process.js";
import { ADMIN, consolePeople, GROUP_1, GROUP_TITLE, seedCommunity } from "./community.js";
import { createDemoServer } from "./server.js";

/** The simulated bot's token: the demo signs the dashboard's initData with it. */
export const DEMO_TOKEN = "7000000001:DEMO-simulated-not-a-real-token";

export interface DemoOptions {
  /** The page's port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Hears what the demo is doing ("seeding: residents"). */
  progress?: (stage: string) => void;
  /** Stops a demo still starting (Ctrl+C while seeding): everything started so far is undone. */
  signal?: AbortSignal;
}

export interface Demo {
  /** The page's address. */
  url: string;
  fake: FakeTelegram;
  bot: BotProcess;
  /** The bot's database (a temporary file, deleted by stop()). */
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const progress = options.progress ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "linli-demo-"));
  const stops: Array<() => Promise<unknown> | unknown> = [
    () => rmSync(dir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // stopping goes on
      }
    }
  };
  const aborted = new Promise<never>((_, reject) => {
    const abort = () => reject(new Error("stopped while starting"));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener("abort", abort, { once: true });
  });
  aborted.catch(() => {});
  try {
    const fake = await FakeTelegram.start({
      token: DEMO_TOKEN,
      bot: { id: 7_000_000_001, username: "linli_demo_bot", first_name: "邻里 Linli" },
    });
    stops.push(() => fake.close());

    const webPort = await freePort();
    const dashboardUrl = `http://127.0.0.1:${webPort}/dashboard/`;
    const sim = createConsole(fake, {
      people: consolePeople(),
      groups: { [GROUP_1]: GROUP_TITLE },
    });
    stops.push(() => sim.close());
    const server = createDemoServer({ sim, dashboardUrl });
    await listen(server, options.port).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EADDRINUSE" || options.port === 0) throw err;
      progress(`port ${options.port} is taken; using a free one`);
      return listen(server, 0);
    });
    stops.push(() => closeServer(server));
    const { port } = server.address() as { port: number };
    progress("bot");
    const databaseUrl = `sqlite:${join(dir, "linli.sqlite")}`;
    const bot = startBot(
      {
        BOT_TOKEN: DEMO_TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: databaseUrl,
        ADMIN_IDS: String(ADMIN.id),
        WEB_PORT: String(webPort),
        // The demo's token is public: its dashboard is for this machine only.
        LISTEN_HOST: "127.0.0.1",
        WEB_APP_URL: dashboardUrl,
        // A visitor at night should see things happen: no quiet hours in the demo.
        QUIET_HOURS: "00:00-00:00",
        LOG_LEVEL: "warn",
      },
      dir,
    );
    stops.push(() => bot.stop());
    const early = bot.exited.then((code) => {
      throw new Error(`the bot stopped (status ${code}):\n${bot.output()}`);
    });
    early.catch(() => {});
    await Promise.race([
      seedCommunity(fake, (stage) => progress(`seeding: ${stage}`)),
      early,
      aborted,
    ]);

    return { url: `http://127.0.0.1:${port}/`, fake, bot, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
