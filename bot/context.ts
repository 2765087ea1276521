/** The one Context type, and the dependencies every handler reaches through it. */
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Role } from "../domain/roles.js";
import type { SendBudget } from "../outbox/budget.js";
import type { Clock } from "../storage/clock.js";
import type { Storage } from "../storage/index.js";
import type { Person } from "../storage/people.js";
import type { Background } from "./background.js";
import type { Config } from "./config.js";
import type { ReplyKey } from "./keys.js";

/** What handlers may ask of the outbox dispatcher (outbox/dispatcher.ts). */
export interface OutboxControl {
  /** New rows were written: look now instead of at the next poll. */
  kick(): void;
}

/** Everything handlers, conversations and jobs use, built once by the app. */
export interface BotDeps {
  config: Config;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  outbox: OutboxControl;
  /**
   * The flood budget the bot's direct sends share with the outbox. Absent only
   * in benchmarks measuring the old behaviour (replies outside the budget).
   */
  budget?: SendBudget;
  /** Work that goes on after a handler answered (bot/background.ts). */
  background: Background;
  i18n: I18n<BaseContext>;
  /** The persistent reply-keyboard keys of every feature (an open conversation passes them on). */
  keys: readonly ReplyKey[];
  /** Every guided conversation, as the kernel needs to know it (app/features.ts lists them). */
  conversations: readonly ConversationInfo[];
}

/** What the kernel knows of a conversation outside its code. */
export interface ConversationInfo {
  readonly id: string;
  /**
   * The roles needed to go on with it, given what it was started with; none
   * for a conversation anyone may finish. A role taken back ends the
   * conversations that needed it.
   */
  readonly rolesNeeded?: (args: readonly unknown[]) => readonly Role[] | undefined;
}

/** The person behind an update, loaded once per update. */
export interface Actor {
  id: number;
  person: Person;
  roles: ReadonlySet<Role>;
}

export type BaseContext = Context &
  I18nFlavor & {
    deps: BotDeps;
    /** Undefined for updates without a sender (channel posts and the like). */
    actor?: Actor;
  };

/** The context outside conversations. */
export type BotContext = ConversationFlavor<BaseContext>;
/** The context inside conversations (same plugins, no conversation controls). */
export type ConvContext = BaseContext;
export type BotConversation = Conversation<BotContext, ConvContext>;
