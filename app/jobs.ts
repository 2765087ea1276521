/**
 * The job list and the outbox wiring. Periodic work is started by the entry
 * point after the bot is built; the outbox dispatcher is built before it (so
 * handlers can kick it), with the hooks features give it through their
 * index.ts. Each returns a stop function.
 */
import { Api } from "grammy";
import cron from "node-cron";
import type { Logger } from "pino";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { endSilentConversations } from "../bot/conversation.js";
import { CARE_INTERVAL_MS, runCareJobs } from "../features/care/index.js";
import { CHECKIN_INTERVAL_MS, runCheckinJobs } from "../features/checkin/index.js";
import {
  ESCALATION_INTERVAL_MS,
  pageStillWanted,
  runEscalations,
} from "../features/escalation/index.js";
import { GRID_INTERVAL_MS, runGridJobs } from "../features/grid/index.js";
import { GROUPBUY_INTERVAL_MS, runGroupbuyDeadlines } from "../features/groupbuy/index.js";
import {
  expandNotices,
  markNoticeReport,
  REPORT_EDIT_INTERVAL_MS,
  refreshReports,
} from "../features/notices/index.js";
import { dailyRequestSummary, REQUEST_SUMMARY_EVERY_MS } from "../features/requests/index.js";
import {
  postStillWanted,
  runVolunteerJobs,
  VOLUNTEER_JOB_INTERVAL_MS,
} from "../features/volunteers/index.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "../outbox/dispatcher.js";
import type { Clock } from "../storage/clock.js";
import type { Storage } from "../storage/index.js";
import { type SenderRole, senderLock } from "../storage/sender-lock.js";

/**
 * The dispatcher. It uses its own Api without auto-retry: it obeys 429s
 * itself. The outbox knows no feature; what a feature needs to hear about a
 * row (a notice's report to refresh, a page no longer wanted) is plugged in here.
 */
export function createOutbox(
  parts: { config: Config; storage: Storage; clock: Clock; logger: Logger },
  overrides: Partial<DispatcherOptions> = {},
): Dispatcher {
  const { config, storage } = parts;
  const markReport = markNoticeReport(storage);
  const pageWanted = pageStillWanted(storage);
  const postWanted = postStillWanted(storage);
  return createDispatcher({
    storage,
    clock: parts.clock,
    logger: parts.logger,
    api: new Api(config.botToken, { apiRoot: config.apiRoot }),
    ratePerSecond: config.sendRate,
    // The same request timeout as the bot's replies (TELEGRAM_TIMEOUT_SECONDS).
    requestTimeoutMs: config.apiTimeoutSeconds * 1000,
    onSent: markReport,
    onFailed: markReport,
    stillWanted: async (row) => (await pageWanted(row)) && (await postWanted(row)),
    ...overrides,
  });
}

export interface Jobs {
  stop(): Promise<void>;
  /** This process's part in the one-sender rule (storage/sender-lock.ts). */
  senderRole(): SenderRole;
}

export interface JobOptions {
  /** The sender lock was lost (its connection failed): sending has stopped. */
  onSenderLost?: (error: unknown) => void;
  /** How often a standby tries the sender lock (default 1 s). */
  standbyPollMs?: number;
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
  /**
   * Each of its steps is claimed in the database (a conditional UPDATE or an
   * insert-on-conflict-do-nothing whose row count is checked) before it is
   * done, so every process may run it and each step still happens once.
   * The others run only in the sending process (one at a time).
   */
  claimed?: true;
}

export const PERIODIC: PeriodicJob[] = [
  {
    name: "notice reports",
    everyMs: REPORT_EDIT_INTERVAL_MS,
    run: refreshReports,
    claimed: true,
  },
  // Notices confirmed but not yet written out in full (after a restart): resumed here,
  // by the sender only.
  { name: "notice expansion", everyMs: 5_000, run: (deps) => expandNotices(deps) },
  {
    name: "escalation ladder",
    everyMs: ESCALATION_INTERVAL_MS,
    run: runEscalations,
    claimed: true,
  },
  { name: "daily check-in", everyMs: CHECKIN_INTERVAL_MS, run: runCheckinJobs, claimed: true },
  {
    name: "request summary",
    everyMs: REQUEST_SUMMARY_EVERY_MS,
    run: dailyRequestSummary,
    claimed: true,
  },
  { name: "unanswered questions", everyMs: GRID_INTERVAL_MS, run: runGridJobs },
  { name: "key-care round", everyMs: CARE_INTERVAL_MS, run: runCareJobs },
  { name: "group buy deadlines", everyMs: GROUPBUY_INTERVAL_MS, run: runGroupbuyDeadlines },
  // Conversations nobody answered for CONVERSATION_TIMEOUT_HOURS end; old limit buckets go.
  { name: "conversation timeouts", everyMs: 60_000, run: endSilentConversations },
  { name: "volunteer tasks", everyMs: VOLUNTEER_JOB_INTERVAL_MS, run: runVolunteerJobs },
];

/** A node-cron expression (with seconds) for "every `ms`": `*\/5 * * * * *`, `0 *\/2 * * * *`. */
export function cronEvery(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.max(1, Math.round(seconds / 60))} * * * *`;
}

/**
 * Starts the periodic jobs and, once this process holds the sender lock, the
 * outbox dispatcher. On SQLite (one process) the lock is held at once, as
 * before; on PostgreSQL a standby waits for it, enqueues meanwhile (the
 * sender hears every enqueue through NOTIFY) and takes over when the sender
 * dies: `start()` then puts the dead sender's rows in flight back in the
 * queue.
 */
export async function startJobs(
  deps: BotDeps,
  api: Api,
  dispatcher: Dispatcher,
  options: JobOptions = {},
): Promise<Jobs> {
  const log = deps.logger.child({ module: "sender" });
  let stopped = false;
  const lock = senderLock(deps.storage.db, {
    pollMs: options.standbyPollMs,
    onNotify: () => dispatcher.kick(),
    onLost: (error) => {
      // Another process may be sending already: not one more request from here.
      dispatcher.crash();
      log.fatal({ err: error }, "the sender lock was lost: sending stopped");
      options.onSenderLost?.(error);
    },
    onError: (error) => log.warn({ err: error }, "standby: the sender lock could not be tried"),
  });
  const sending = lock.acquired.then(async () => {
    if (stopped) return;
    await dispatcher.start();
    log.info("this process is the sender");
  });
  if ((await lock.firstTry) === "sender") await sending;
  else {
    log.info("standby: another process is sending; waiting for its lock");
    sending.catch((error: unknown) => {
      log.fatal({ err: error }, "taking over as the sender failed");
      options.onSenderLost?.(error);
    });
  }

  const tasks = PERIODIC.map((job) =>
    cron.schedule(
      cronEvery(job.everyMs),
      async () => {
        if (!job.claimed && lock.role() !== "sender") return;
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
      stopped = true;
      for (const task of tasks) await task.stop();
      await dispatcher.stop();
      await lock.release();
    },
    senderRole: () => lock.role(),
  };
}
