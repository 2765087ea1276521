/**
 * The outbox table: every message that is not a direct reply, waiting to be
 * sent by the dispatcher (outbox/dispatcher.ts). Times are ISO-8601 strings in UTC,
 * stamped with the injected clock.
 */
import type { Generated } from "kysely";

/** Priority lanes; a lower `priority` number goes first. */
export type OutboxLane = "urgent" | "normal" | "bulk";

/**
 * Bot API methods the outbox can call. A sendPhoto row carries the photo as a
 * Telegram file_id in its payload (`photo`): a row holds JSON only, so it
 * survives a restart as it is; pictures made on the fly (charts) are direct
 * replies, not outbox rows.
 */
export type OutboxMethod = "sendMessage" | "editMessageText" | "sendPhoto";

/**
 * pending: waiting for its time (`not_before`); sending: claimed by the
 * dispatcher; sent; failed: a permanent failure (never retried); dead: a
 * transient failure that ran out of attempts.
 */
export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "dead";

/** Why a row failed for good. */
export type OutboxFailure =
  | "blocked"
  | "not_started"
  | "deactivated"
  | "chat_not_found"
  | "bad_request"
  /** No longer wanted when its turn came (e.g. a page for an item already taken). */
  | "cancelled";

export interface OutboxTable {
  id: Generated<number>;
  chat_id: number;
  lane: OutboxLane;
  /** 0 urgent, 1 normal, 2 bulk: the lane as a sortable number. */
  priority: number;
  method: OutboxMethod;
  /** JSON of the method's parameters except `chat_id`. */
  payload: string;
  /** Defaults to pending. */
  status: Generated<OutboxStatus>;
  /** Not sent before this time (quiet hours, retry backoff, 429). */
  not_before: string;
  /** Transient failures so far (a 429 or a migration does not count). */
  attempts: Generated<number>;
  /** The last error's description, kept for the report and for dead rows. */
  last_error: string | null;
  failure: OutboxFailure | null;
  /** Telegram's message_id once sent. */
  message_id: number | null;
  /** What caused the message (e.g. a notice delivery), for features to find it again. */
  ref_type: string | null;
  ref_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}
