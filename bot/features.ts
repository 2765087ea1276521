/**
 * The features the bot is made of: their guided conversations and their
 * command Composers. A new feature adds its lines here; createBot installs
 * them in this order.
 */
import type { ConversationBuilder } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import { CHECKIN, checkinConversation } from "../commands/checkin/conversation.js";
import { checkin } from "../commands/checkin/index.js";
import { coverage } from "../commands/coverage.js";
import { escalation } from "../commands/escalation/index.js";
import { SOS, sosConversation } from "../commands/escalation/sos.js";
import { groups } from "../commands/groups.js";
import { help } from "../commands/help.js";
import { layout } from "../commands/layout.js";
import { COMPOSE_NOTICE, composeNotice } from "../commands/notices/compose.js";
import { askNoticeQuestion, NOTICE_QUESTION, notices } from "../commands/notices/index.js";
import { profile } from "../commands/profile.js";
import { REGISTER, registration, registrationCommands } from "../commands/registration.js";
import {
  REQUEST,
  REQUEST_NOTE,
  requestIntake,
  requestNote,
  requests,
} from "../commands/requests/index.js";
import { staff } from "../commands/staff.js";
import { start } from "../commands/start.js";
import type { BotContext, ConvContext } from "./context.js";

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
