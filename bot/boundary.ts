/**
 * Staying up: the one error boundary every update goes through (long
 * polling, the webhook, the tests alike), and the update tracker that
 * handles each update once and knows what is still running.
 *
 * A failing handler (a reply refused with 403, a 5xx after the retries, a
 * busy database) is logged and the person gets a short apology where that
 * makes sense; the update is then done. Nothing is rethrown: in webhook mode
 * a rethrown error used to reject the HTTP handler and end the process.
 */
import type { BotError, MiddlewareFn } from "grammy";
import type { BaseContext, BotDeps } from "./context.js";

/** What the error boundary does with a failed update: log it, then apologise if it can. */
export function onUpdateError(deps: BotDeps) {
  return async (err: BotError<BaseContext>): Promise<void> => {
    const ctx = err.ctx;
    deps.logger.error({ err: err.error, update_id: ctx.update.update_id }, "update failed");
    // The error may have come before the language was chosen (the sender's record failed).
    const t = (key: string) =>
      typeof ctx.t === "function" ? ctx.t(key) : deps.i18n.t(deps.config.defaultLocale, key);
    try {
      if (ctx.chat?.type === "private") await ctx.reply(t("error-generic"));
      else if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t("error-generic") });
    } catch {
      // The apology failed too (the same 403, the network); the failure is already logged.
    }
  };
}

/** Remembers this many update ids, to recognise one Telegram sends again. */
const REMEMBERED = 10_000;

export interface UpdateTracker {
  /** First in the chain: skips an update already seen, counts the ones running. */
  middleware: MiddlewareFn<BaseContext>;
  /** Updates still being handled. */
  running(): number;
  /** Resolves when nothing is being handled, or after `ms`; true if idle. */
  idle(ms: number): Promise<boolean>;
}

/**
 * Each update is handled once. Telegram sends a webhook update again when it
 * did not get our answer in time (or the answer was lost): the second copy
 * is recognised by its update_id and answered without being handled. The
 * memory is per process; with several processes behind one webhook, `claim`
 * (the database) decides which one takes an update, so a copy that lands on
 * another process is left alone too. If the claim itself fails, the update
 * is handled (losing it would be worse than a rare double).
 */
export function updateTracker(
  deps: Pick<BotDeps, "logger">,
  claim?: (updateId: number) => Promise<boolean>,
): UpdateTracker {
  const seen = new Set<number>();
  let running = 0;
  let waiters: Array<() => void> = [];
  return {
    middleware: async (_ctx, next) => {
      const ctx = _ctx as BaseContext;
      const id = ctx.update.update_id;
      if (seen.has(id)) {
        deps.logger.info({ update_id: id }, "update received again; already handled");
        return;
      }
      seen.add(id);
      // A Set iterates in insertion order: the first is the oldest.
      if (seen.size > REMEMBERED) seen.delete(seen.values().next().value as number);
      if (claim) {
        const taken = await claim(id).catch((err: unknown) => {
          deps.logger.warn({ err, update_id: id }, "could not claim the update; handling it");
          return true;
        });
        if (!taken) {
          deps.logger.info({ update_id: id }, "update already taken by another process");
          return;
        }
      }
      running++;
      try {
        await next();
      } finally {
        running--;
        if (running === 0) {
          for (const wake of waiters) wake();
          waiters = [];
        }
      }
    },
    running: () => running,
    idle(ms) {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
