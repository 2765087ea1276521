/**
 * Background work, started by the entry point after the bot is built: the
 * outbox dispatcher and the live notice reports. Each returns a stop function.
 */
import { Api } from "grammy";
import type { Logger } from "pino";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import type { Clock } from "../storage/clock.js";
import type { Storage } from "../storage/index.js";
import { REPORT_EDIT_INTERVAL_MS, refreshReports } from "./notice-reports.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./outbox.js";

/** Refs whose delivery changes a notice's report. */
const NOTICE_REFS = new Set(["notice"]);

/**
 * The dispatcher, built before the bot so handlers can kick it. It uses its
 * own Api without auto-retry: it obeys 429s itself.
 */
export function createOutbox(
  parts: { config: Config; storage: Storage; clock: Clock; logger: Logger },
  overrides: Partial<DispatcherOptions> = {},
): Dispatcher {
  const { config, storage } = parts;
  const markReport = async (row: { ref: { type: string; id: string } | null }) => {
    if (row.ref && NOTICE_REFS.has(row.ref.type))
      await storage.notices.markReportDirty(Number(row.ref.id));
  };
  return createDispatcher({
    storage,
    clock: parts.clock,
    logger: parts.logger,
    api: new Api(config.botToken, { apiRoot: config.apiRoot }),
    ratePerSecond: config.sendRate,
    onSent: markReport,
    onFailed: markReport,
    ...overrides,
  });
}

export interface Jobs {
  stop(): Promise<void>;
}

export async function startJobs(deps: BotDeps, api: Api, dispatcher: Dispatcher): Promise<Jobs> {
  await dispatcher.start();
  const timer = setInterval(() => {
    refreshReports(deps, api).catch((err) => deps.logger.error({ err }, "report refresh failed"));
  }, REPORT_EDIT_INTERVAL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await dispatcher.stop();
    },
  };
}
