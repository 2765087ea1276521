/**
 * What the entry point needs to start and stay up, apart from the bot:
 * reaching Telegram at start within a bounded time, and what to do with an
 * error nobody caught.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Api, GrammyError, HttpError, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "../bot/config.js";

export type Reached = { ok: true; me: UserFromGetMe } | { ok: false; message: string };

/** How long the start keeps trying to reach Telegram: two request timeouts. */
export const startupWindowMs = (config: Pick<Config, "apiTimeoutSeconds">) =>
  2 * config.apiTimeoutSeconds * 1000;

/**
 * Asks Telegram who the bot is (getMe), trying again on network errors and
 * 5xx until `windowMs` has passed. grammY's own `bot.init()` would retry
 * forever, and auto-retry would retry network errors without counting them,
 * so a wrong TELEGRAM_API_ROOT used to hang the start silently. This uses a
 * plain client, bounded by the request timeout and the window, and comes
 * back with the bot or with the sentence to print.
 */
export async function reachTelegram(
  config: Pick<Config, "botToken" | "apiRoot" | "apiTimeoutSeconds">,
  windowMs: number,
): Promise<Reached> {
  const api = new Api(config.botToken, {
    apiRoot: config.apiRoot,
    timeoutSeconds: config.apiTimeoutSeconds,
  });
  const end = Date.now() + windowMs;
  let pause = 250;
  let last = "";
  for (;;) {
    const signal = AbortSignal.timeout(Math.max(1, end - Date.now()));
    try {
      return { ok: true, me: await api.getMe(signal as Parameters<typeof api.getMe>[0]) };
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        return {
          ok: false,
          message: `Linli cannot start: Telegram rejected BOT_TOKEN (${error.error_code} ${error.description}). Copy the token again from @BotFather.`,
        };
      }
      if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) {
        return {
          ok: false,
          message: `Linli cannot start: Telegram (${config.apiRoot}) refused getMe (${error.error_code} ${error.description}). Check TELEGRAM_API_ROOT.`,
        };
      }
      last =
        error instanceof GrammyError
          ? `${error.error_code} ${error.description}`
          : error instanceof HttpError
            ? "no answer"
            : String(error);
    }
    if (Date.now() + pause >= end) {
      const seconds = Math.round(windowMs / 1000);
      return {
        ok: false,
        message: `Linli cannot start: Telegram (${config.apiRoot}) could not be reached within ${seconds} s (${last}). Check the network or TELEGRAM_API_ROOT.`,
      };
    }
    await sleep(pause);
    pause = Math.min(2 * pause, 4000);
  }
}

/**
 * Long polling asks Telegram to hold getUpdates open this long; it must end
 * before the client's request timeout, or every quiet poll would count as a
 * network error.
 */
export const longPollSeconds = (config: Pick<Config, "apiTimeoutSeconds">) =>
  Math.min(30, Math.max(1, Math.floor(config.apiTimeoutSeconds / 2)));

/**
 * Logs failed getUpdates calls (the runner's own logging is turned off: it
 * prints grammY's network error whole, and that names the URL with the token).
 */
export function logPollingFailures(logger: Pick<Logger, "warn">): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const answer = await prev(method, payload, signal);
      if (!answer.ok) {
        logger.warn({ code: answer.error_code, description: answer.description }, "polling failed");
      }
      return answer;
    } catch (error) {
      if (!signal?.aborted) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "polling failed",
        );
      }
      throw error;
    }
  };
}

export interface ProcessGuards {
  onUnhandledRejection(reason: unknown): void;
  onUncaughtException(error: unknown): void;
}

/**
 * An error nobody caught. A rejected promise nobody awaited (a stray send, a
 * timer's task) is logged and the bot runs on: what it was doing is in the
 * database, and every update already has its own error boundary. An
 * exception thrown synchronously out of a callback leaves the process in a
 * state nobody knows, so it is logged as fatal and the process stops
 * cleanly (`stop` closes the database) with status 1, for the service
 * manager to start it again; the outbox resumes where it was.
 */
export function processGuards(
  logger: Pick<Logger, "error" | "fatal">,
  stop: (status: number) => void,
): ProcessGuards {
  return {
    onUnhandledRejection(reason) {
      logger.error({ err: reason }, "unhandled rejection (logged; running on)");
    },
    onUncaughtException(error) {
      logger.fatal({ err: error }, "uncaught exception: stopping");
      stop(1);
    },
  };
}
