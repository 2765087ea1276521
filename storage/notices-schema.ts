/**
 * Notices: the notice, its versions, one delivery per recipient, and the
 * free tags staff put on households to target notices.
 */
import type { Generated } from "kysely";

export interface HouseholdTagsTable {
  household_id: number;
  tag: string;
  added_by: number | null;
  added_at: string;
}

export type NoticeUrgency = "normal" | "urgent";

export type NoticeStatus = "active" | "superseded";

export interface NoticesTable {
  id: Generated<number>;
  created_by: number;
  created_at: string;
  urgency: NoticeUrgency;
  /** When it was due to go out (before quiet hours moved it). */
  send_at: string;
  status: Generated<NoticeStatus>;
  supersedes: number | null;
  superseded_by: Generated<number | null>;
  recipients: number;
  report_chat_id: Generated<number | null>;
  report_message_id: Generated<number | null>;
  report_edited_at: Generated<string | null>;
  /** 1 when the live report needs an edit (a delivery or a confirmation changed). */
  report_dirty: Generated<number>;
  reminded_at: Generated<string | null>;
}

export interface NoticeVersionsTable {
  id: Generated<number>;
  notice_id: number;
  /** 0 for the first version; a higher one was written as the exception. */
  position: number;
  /** The target as the worker typed it. */
  target: string;
  text: string;
  /** JSON of Telegram's message entities (formatting), or null. */
  entities: string | null;
}

export interface NoticeDeliveriesTable {
  notice_id: number;
  person_id: number;
  household_id: number;
  /** Position of the version this resident got. */
  version: number;
  /** The unit tag, e.g. 3-2-501. */
  address: string;
  /** The outbox row carrying it; null when it was not sent. */
  outbox_id: number | null;
  /** Why it was not sent: "blocked" (the person had blocked the bot). */
  skipped: string | null;
  confirmed_at: Generated<string | null>;
  question: Generated<string | null>;
  question_at: Generated<string | null>;
}

/** A confirmed notice whose deliveries are still being written (migration 0008). */
export interface NoticeExpansionsTable {
  notice_id: number;
  /** The outbox lane and earliest send time of its deliveries. */
  lane: string;
  not_before: string;
  /** The bot's username, for the group pointers' links. */
  bot: string;
  /** The last person id expanded (residents are expanded in person id order). */
  cursor: Generated<number>;
  created_at: string;
  /** Set once every delivery, pointer and update is written. */
  done_at: Generated<string | null>;
}
