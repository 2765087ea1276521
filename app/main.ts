/**
 * The entry point: config → Telegram reached → storage → bot → jobs →
 * polling | webhook. SIGINT/SIGTERM stop taking updates, let what is in
 * flight finish, then close the database.
 *
 * Staying up: a failing update is the error boundary's (bot/boundary.ts), in
 * polling and webhook mode alike; the webhook answers Telegram within
 * WEBHOOK_TIMEOUT_SECONDS while the update goes on being handled; an
 * unreachable Telegram at start ends the process with a readable sentence
 * within two request timeouts; a failed command menu is only a warning.
 */
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { run } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import { parseConfig } from "../bot/config.js";
import { createLogger } from "../bot/logger.js";
import { createDashboard } from "../features/dashboard/index.js";
import { setDefaultMenus, setStaffMenus } from "../features/help/index.js";
import { systemClock } from "../storage/clock.js";
import { openStorage } from "../storage/index.js";
import { createBot } from "./create-bot.js";
import { createDeps } from "./deps.js";
import { closeServer, createHttpServer, listen, type Route } from "./http.js";
import { startJobs } from "./jobs.js";
import { createObservability, timeUpdates } from "./metrics.js";
import {
  logPollingFailures,
  longPollSeconds,
  processGuards,
  reachTelegram,
  startupWindowMs,
} from "./startup.js";

/** How long a stop waits for updates still being handled. */
const STOP_WAIT_MS = 20_000;

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel);

  // Stopped in this order: updates first, then what is still running, the jobs, the database.
  const stops: Array<() => Promise<unknown>> = [];
  let stopping = false;
  const shutdown = async (reason: string, status: number) => {
    if (stopping) return;
    stopping = true;
    // Whatever hangs, the process ends.
    setTimeout(() => process.exit(status), STOP_WAIT_MS + 10_000).unref();
    logger.info({ reason }, "stopping: finishing updates in flight");
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.error({ err }, "stopping: a step failed");
      }
    }
    logger.info("stopped");
    process.exit(status);
  };
  const guards = processGuards(logger, (status) => void shutdown("uncaught exception", status));
  process.on("unhandledRejection", guards.onUnhandledRejection);
  process.on("uncaughtException", guards.onUncaughtException);

  const reached = await reachTelegram(config, startupWindowMs(config));
  if (!reached.ok) {
    process.stderr.write(`${reached.message}\n`);
    process.exit(1);
  }

  const storage = await openStorage(config.databaseUrl, systemClock);
  stops.push(() => storage.close());
  const { deps, dispatcher } = createDeps({ config, storage, clock: systemClock, logger });
  const bot = createBot(deps, { botInfo: reached.me });
  /** What the HTTP server serves besides the webhook. */
  const routes = (): Route[] => [{ path: "/dashboard/", handler: createDashboard(deps) }];

  // The command menus are cosmetic: without them the bot works the same. They are set
  // in the background, so a Telegram that fails them (and the retries) never delays the start.
  void (async () => {
    for (const [menus, setMenus] of [
      ["default", setDefaultMenus],
      ["staff", setStaffMenus],
    ] as const) {
      try {
        await setMenus(bot.api, deps);
      } catch (err) {
        logger.warn({ err, menus }, "the command menus could not be set; running without them");
      }
    }
  })();
  const jobs = await startJobs(deps, bot.api, dispatcher, {
    // Sending stopped; a clean restart makes this process a standby again.
    onSenderLost: () => void shutdown("sender lock lost", 1),
  });
  stops.push(() => jobs.stop());
  // Before the jobs and the database stop: work started after an answer (a notice's chunks).
  stops.push(() => deps.background.idle());
  const observability = createObservability({
    storage,
    dispatcher,
    senderRole: () => jobs.senderRole(),
  });
  timeUpdates(bot, observability);
  stops.push(() => bot.updates.idle(STOP_WAIT_MS));
  logger.info({ bot: bot.botInfo.username, mode: config.mode }, "Linli started");

  if (config.mode === "polling") {
    await bot.api.deleteWebhook();
    bot.api.config.use(logPollingFailures(logger));
    const runner = run(bot, {
      runner: {
        fetch: {
          timeout: longPollSeconds(config),
          allowed_updates: [
            "message",
            "edited_message",
            "callback_query",
            "my_chat_member",
            "chat_member",
            "chat_join_request",
          ],
        },
        // Retry getUpdates at most about half a minute apart: after an outage the bot
        // hears people again soon ("exponential" doubles without a cap).
        retryInterval: "quadratic",
        silent: true,
      },
    });
    stops.push(() => runner.stop());
    // The runner gives up only after hours of failures: then end, for a clean restart.
    runner.task()?.then(
      () => {
        if (!stopping) void shutdown("polling ended", 1);
      },
      (err) => {
        logger.fatal({ err }, "polling gave up");
        void shutdown("polling failed", 1);
      },
    );
  } else {
    const callback = webhookCallback(bot, "http", {
      secretToken: config.webhookSecret,
      // Answer Telegram in time, or it sends the update again; the update goes on being
      // handled after the answer, and its errors still reach the error boundary.
      onTimeout: "return",
      timeoutMilliseconds: config.webhookTimeoutSeconds * 1000,
    });
    const webhook = (req: IncomingMessage, res: ServerResponse) =>
      callback(req, res).catch((err: unknown) => {
        // Failed updates never get here (the error boundary has them): a body that is
        // not an update does.
        logger.warn({ err }, "webhook request refused");
        if (!res.headersSent) res.writeHead(400).end();
      });
    const server = createHttpServer({
      routes: [...routes(), ...observability.routes()],
      fallback: webhook,
      logger,
    });
    await listen(server, config.port, config.listenHost);
    await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret });
    stops.push(() => closeServer(server));
  }
  // Polling mode serves the dashboard on WEB_PORT and health and metrics on METRICS_PORT,
  // if set (one server when they are the same port).
  if (config.mode === "polling") {
    const ports = new Map<number, Route[]>();
    const add = (port: number | undefined, more: Route[]) => {
      if (port !== undefined) ports.set(port, [...(ports.get(port) ?? []), ...more]);
    };
    add(config.webApp.port, routes());
    add(config.metricsPort, observability.routes());
    for (const [port, served] of ports) {
      const server = createHttpServer({ routes: served, logger });
      await listen(server, port, config.listenHost);
      logger.info({ port, paths: served.map((r) => r.path) }, "http served");
      stops.push(() => closeServer(server));
    }
  }

  process.once("SIGINT", () => void shutdown("SIGINT", 0));
  process.once("SIGTERM", () => void shutdown("SIGTERM", 0));
}

main().catch((error) => {
  process.stderr.write(
    `Linli stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
