/**
 * Every dependency, built once and handed to both the bot and the jobs:
 * config, storage, clock and logger come in; the translations and the outbox
 * dispatcher are made here.
 */
import type { Logger } from "pino";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { createI18n } from "../bot/i18n.js";
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

export function createDeps(
  parts: Parts,
  outboxOptions: Partial<DispatcherOptions> = {},
): { deps: BotDeps; dispatcher: Dispatcher } {
  const dispatcher = createOutbox(parts, outboxOptions);
  const deps: BotDeps = {
    ...parts,
    outbox: dispatcher,
    i18n: createI18n(parts.config.defaultLocale),
    keys: KEYS,
    conversations: CONVERSATIONS,
  };
  return { deps, dispatcher };
}
