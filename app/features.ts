/**
 * The features the bot is made of: their guided conversations and their
 * command Composers. A new feature adds its lines here; createBot installs
 * them in this order.
 */
import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import type { BotContext, ConvContext } from "../bot/context.js";
import { CHECKIN, checkin, checkinConversation } from "../features/checkin/index.js";
import { coverage } from "../features/coverage/index.js";
import { escalation, SOS, sosConversation } from "../features/escalation/index.js";
import { groups } from "../features/groups/index.js";
import { help } from "../features/help/index.js";
import { layout } from "../features/layout/index.js";
import {
  askNoticeQuestion,
  COMPOSE_NOTICE,
  composeNotice,
  NOTICE_QUESTION,
  notices,
} from "../features/notices/index.js";
import { profile } from "../features/profile/index.js";
import { REGISTER, registration, registrationCommands } from "../features/registration/index.js";
import {
  REQUEST,
  REQUEST_NOTE,
  requestIntake,
  requestNote,
  requests,
} from "../features/requests/index.js";
import { staff } from "../features/staff/index.js";
import { start } from "../features/start/index.js";

/** A conversation builder; each takes its own extra arguments after (conversation, ctx). */
type Builder = ConversationBuilder<BotContext, ConvContext>;

/** [builder, id]: the id is what `ctx.conversation.enter(id)` uses, and is stored with its state. */
export const CONVERSATIONS: ReadonlyArray<readonly [Builder, string]> = [
  [registration, REGISTER],
  [composeNotice, COMPOSE_NOTICE],
  [askNoticeQuestion, NOTICE_QUESTION],
  [requestIntake, REQUEST],
  [requestNote, REQUEST_NOTE],
  [sosConversation, SOS],
  [checkinConversation, CHECKIN],
];

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
];
