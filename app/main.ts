/**
 * The entry point: config → storage → bot → jobs → polling | webhook.
 * SIGINT/SIGTERM stop taking updates, let what is in flight finish, then
 * close the database.
 */
import { existsSync } from "node:fs";
import { run } from "@grammyjs/runner";
import { GrammyError, HttpError, webhookCallback } from "grammy";
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

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.databaseUrl, systemClock);
  const { deps, dispatcher } = createDeps({ config, storage, clock: systemClock, logger });
  const bot = createBot(deps);
  /** What the HTTP server serves besides the webhook. */
  const routes = (): Route[] => [{ path: "/dashboard/", handler: createDashboard(deps) }];

  try {
    await bot.init();
  } catch (error) {
    await storage.close();
    if (error instanceof GrammyError && error.error_code === 401) {
      process.stderr.write(
        "Linli cannot start: Telegram rejected BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather.\n",
      );
    } else if (error instanceof HttpError) {
      process.stderr.write(
        `Linli cannot start: Telegram (${config.apiRoot}) could not be reached. Check the network or TELEGRAM_API_ROOT.\n`,
      );
    } else {
      throw error;
    }
    process.exit(1);
  }
  await setDefaultMenus(bot.api, deps);
  await setStaffMenus(bot.api, deps);
  const jobs = await startJobs(deps, bot.api, dispatcher);
  logger.info({ bot: bot.botInfo.username, mode: config.mode }, "Linli started");

  // Stopped in this order: updates first, then the jobs, then the database.
  const stops: Array<() => Promise<unknown>> = [];
  if (config.mode === "polling") {
    await bot.api.deleteWebhook();
    const runner = run(bot, {
      runner: {
        fetch: {
          allowed_updates: [
            "message",
            "edited_message",
            "callback_query",
            "my_chat_member",
            "chat_member",
            "chat_join_request",
          ],
        },
      },
    });
    stops.push(() => runner.stop());
  } else {
    const webhook = webhookCallback(bot, "http", { secretToken: config.webhookSecret });
    const server = createHttpServer({ routes: routes(), fallback: webhook, logger });
    await listen(server, config.port);
    await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret });
    stops.push(() => closeServer(server));
  }
  // Polling mode serves the dashboard on WEB_PORT, if one is set.
  if (config.mode === "polling" && config.webApp.port !== undefined) {
    const server = createHttpServer({ routes: routes(), logger });
    await listen(server, config.webApp.port);
    logger.info({ port: config.webApp.port }, "dashboard served");
    stops.unshift(() => closeServer(server));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing updates in flight");
    for (const stop of stops) await stop();
    await jobs.stop();
    await storage.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  process.stderr.write(
    `Linli stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
