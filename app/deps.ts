/**
 * Every dependency, built once and handed to both the bot and the jobs:
 * config, storage, clock and logger come in; the translations and the outbox
 * dispatcher are made here.
 */
import type { Logger } from "pino";
import { Background } from "../bot/background.js";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { createI18n } from "../bot/i18n.js";
import { SendBudget } from "../outbox/budget.js";
import type { Dispatcher, DispatcherOptions } from "../outbox/dispatcher.js";
import type { Clock } from "../storage/clock.js";
import type { Storage } from "../storage/index.js";
import { CONVERSATIONS, KEYS } from "./features.js";
import { createOutbox } from "./jobs.js";

export interface Parts {
  config: Config;
  storage: Storage;
  clock: Clock;
  logger: Logger;
}

export interface DepsOptions {
  /**
   * The old behaviour, for benchmarks only: the bot's direct sends go outside
   * the outbox's flood budget.
   */
  directOutsideBudget?: boolean;
  /** Tests: background tasks wait for `deps.background.release()`. */
  holdBackground?: boolean;
}

export function createDeps(
  parts: Parts,
  outboxOptions: Partial<DispatcherOptions> = {},
  options: DepsOptions = {},
): { deps: BotDeps; dispatcher: Dispatcher } {
  // ONE flood budget: the outbox and every direct reply take their slots from it.
  const paid = parts.config.paidBroadcast;
  const paidBroadcast = outboxOptions.paidBroadcast ?? paid.enabled;
  const budget =
    outboxOptions.budget ??
    new SendBudget({
      ratePerSecond: outboxOptions.ratePerSecond ?? parts.config.sendRate,
      perChatPerSecond: outboxOptions.perChatPerSecond ?? 1,
      perGroupPerMinute: outboxOptions.perGroupPerMinute ?? 20,
      paidPerSecond: paidBroadcast
        ? (outboxOptions.paidPerSecond ?? paid.ratePerSecond)
        : undefined,
    });
  const dispatcher = createOutbox(parts, { ...outboxOptions, budget, paidBroadcast });
  const deps: BotDeps = {
    ...parts,
    outbox: dispatcher,
    budget: options.directOutsideBudget ? undefined : budget,
    background: new Background(parts.logger, { hold: options.holdBackground }),
    i18n: createI18n(parts.config.defaultLocale),
    keys: KEYS,
    conversations: CONVERSATIONS,
  };
  return { deps, dispatcher };
}
