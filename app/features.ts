/**
 * The features the bot is made of: their guided conversations and their
 * command Composers. A new feature adds its lines here; createBot installs
 * them in this order.
 */
import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import type { BotContext, ConvContext } from "../bot/context.js";
import { checkin } from "../features/checkin/commands.js";
import { CHECKIN, checkinConversation } from "../features/checkin/conversation.js";
import { coverage } from "../features/coverage/commands.js";
import { escalation } from "../features/escalation/commands.js";
import { SOS, sosConversation } from "../features/escalation/sos.js";
import { groups } from "../features/groups/commands.js";
import { help } from "../features/help/commands.js";
import { layout } from "../features/layout/commands.js";
import { askNoticeQuestion, NOTICE_QUESTION, notices } from "../features/notices/commands.js";
import { COMPOSE_NOTICE, composeNotice } from "../features/notices/compose.js";
import { profile } from "../features/profile/commands.js";
import {
  REGISTER,
  registration,
  registrationCommands,
} from "../features/registration/registration.js";
import {
  REQUEST,
  REQUEST_NOTE,
  requestIntake,
  requestNote,
  requests,
} from "../features/requests/commands.js";
import { staff } from "../features/staff/commands.js";
import { start } from "../features/start/commands.js";

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
