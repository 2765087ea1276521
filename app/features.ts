/**
 * The features the bot is made of: their guided conversations, their
 * persistent keys and their command Composers. A new feature adds its lines
 * here (from its index.ts); createBot installs them in this order.
 */
import type { Composer } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { AnyConversation } from "../bot/conversation.js";
import type { ReplyKey } from "../bot/keys.js";
import { care } from "../features/care/index.js";
import { CHECKIN, checkin } from "../features/checkin/index.js";
import { coverage } from "../features/coverage/index.js";
import { escalation, SOS, SOS_KEY } from "../features/escalation/index.js";
import { ASK_WORKER, grid } from "../features/grid/index.js";
import { GROUPBUY_COMPOSER, GROUPBUY_QUANTITY, groupbuy } from "../features/groupbuy/index.js";
import { groups } from "../features/groups/index.js";
import { help } from "../features/help/index.js";
import { layout } from "../features/layout/index.js";
import { NOTICE_COMPOSER, NOTICE_QUESTION, notices } from "../features/notices/index.js";
import { profile } from "../features/profile/index.js";
import { QUEUE_OPEN, queue } from "../features/queue/index.js";
import { REGISTRATION, registrationCommands } from "../features/registration/index.js";
import { REQUEST_INTAKE, REQUEST_NOTE, requests } from "../features/requests/index.js";
import { ROUND_OPEN, ROUND_SETTLE, ROUND_SUBMIT, rounds } from "../features/rounds/index.js";
import { staff } from "../features/staff/index.js";
import { start } from "../features/start/index.js";
import { VOLUNTEER_PROFILE, volunteers } from "../features/volunteers/index.js";

/** Every guided conversation; its id is stored with its state, so it never changes. */
export const CONVERSATIONS: readonly AnyConversation[] = [
  SOS,
  REGISTRATION,
  NOTICE_COMPOSER,
  NOTICE_QUESTION,
  REQUEST_INTAKE,
  REQUEST_NOTE,
  CHECKIN,
  ASK_WORKER,
  GROUPBUY_COMPOSER,
  GROUPBUY_QUANTITY,
  VOLUNTEER_PROFILE,
  ROUND_OPEN,
  ROUND_SUBMIT,
  ROUND_SETTLE,
  QUEUE_OPEN,
];

/** Keys that stay under the chat; an open conversation passes them on. */
export const KEYS: readonly ReplyKey[] = [SOS_KEY];

export const FEATURES: ReadonlyArray<Composer<BotContext>> = [
  start,
  escalation,
  registrationCommands,
  help,
  profile,
  groups,
  staff,
  layout,
  coverage,
  notices,
  requests,
  checkin,
  groupbuy,
  volunteers,
  rounds,
  queue,
  care,
  // Last: besides its commands, it takes Telegram replies to relayed messages.
  grid,
];
