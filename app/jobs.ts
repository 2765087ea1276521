/**
 * Background work, started by the entry point after the bot is built: the
 * outbox dispatcher and the live notice reports. Each returns a stop function.
 */
import { Api } from "grammy";
import cron from "node-cron";
import type { Logger } from "pino";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { CHECKIN_INTERVAL_MS, runCheckinJobs } from "../features/checkin/job.js";
import { ESCALATION_INTERVAL_MS, runEscalations } from "../features/escalation/job.js";
import { REPORT_EDIT_INTERVAL_MS, refreshReports } from "../features/notices/job.js";
import { dailyRequestSummary, REQUEST_SUMMARY_EVERY_MS } from "../features/requests/job.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "../outbox/dispatcher.js";
import type { Clock } from "../storage/clock.js";
import { PAGE_REF } from "../storage/escalations.js";
import type { Storage } from "../storage/index.js";

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
    // A page claimed a moment before someone took its item must not go out.
    stillWanted: async (row) => {
      if (row.ref?.type !== PAGE_REF) return true;
      const item = await storage.escalations.get(Number(row.ref.id));
      return item?.acknowledged_by === null || item === undefined;
    },
    ...overrides,
  });
}

export interface Jobs {
  stop(): Promise<void>;
}

/**
 * Periodic work, each run every `everyMs` with the bot's dependencies. A job
 * reads the time from `deps.clock` and keeps what it has done in the
 * database, so it is restart-safe (a bot down at 08:00 catches up at 08:20,
 * and a restart never does a step twice) and testable by calling `run`
 * directly. node-cron triggers the runs.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(deps: BotDeps, api: Api): Promise<unknown>;
}

export const PERIODIC: PeriodicJob[] = [
  { name: "notice reports", everyMs: REPORT_EDIT_INTERVAL_MS, run: refreshReports },
  { name: "escalation ladder", everyMs: ESCALATION_INTERVAL_MS, run: runEscalations },
  { name: "daily check-in", everyMs: CHECKIN_INTERVAL_MS, run: runCheckinJobs },
  { name: "request summary", everyMs: REQUEST_SUMMARY_EVERY_MS, run: dailyRequestSummary },
];

/** A node-cron expression (with seconds) for "every `ms`": `*\/5 * * * * *`, `0 *\/2 * * * *`. */
export function cronEvery(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.max(1, Math.round(seconds / 60))} * * * *`;
}

export async function startJobs(deps: BotDeps, api: Api, dispatcher: Dispatcher): Promise<Jobs> {
  await dispatcher.start();
  const tasks = PERIODIC.map((job) =>
    cron.schedule(
      cronEvery(job.everyMs),
      async () => {
        try {
          await job.run(deps, api);
        } catch (err) {
          deps.logger.error({ err, job: job.name }, "job failed");
        }
      },
      // A run still going when the next is due is not started twice.
      { name: job.name, noOverlap: true, timezone: deps.config.timezone },
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      await dispatcher.stop();
    },
  };
}
