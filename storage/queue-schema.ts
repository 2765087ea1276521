/**
 * The queue-number tables: queues, their goods and prices, and tickets.
 * Times are ISO-8601 strings in UTC, stamped with the injected clock; prices
 * are whole fen.
 */
import type { Generated } from "kysely";
import type { TicketStatus } from "../domain/queue.js";

export type QueueStatus = "open" | "closed";

export interface QueuesTable {
  id: Generated<number>;
  /** Where: a shop, a testing point, as staff wrote it. */
  point: string;
  opened_by: number;
  /** How many numbers there are today. */
  capacity: number;
  /** Residents are told when this many are ahead of them. */
  near: number;
  /** Numbers taken so far (the last ticket's number). */
  issued: number;
  /** The number called last (0: none yet). */
  current: number;
  /** Presses of next/skip that moved the line; a press carries the count it saw. */
  calls: number;
  /** JSON array of Telegram file_ids: photos of the goods. */
  photos: string;
  status: QueueStatus;
  created_at: string;
  updated_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

export interface QueueGoodsTable {
  queue_id: number;
  position: number;
  name: string;
  price_fen: number;
}

export interface QueueTicketsTable {
  queue_id: number;
  number: number;
  household_id: number;
  /** The resident who took it; they are called. */
  person_id: number;
  address: string;
  status: TicketStatus;
  taken_at: string;
  called_at: string | null;
  /** When it was served, skipped or left unserved at close. */
  ended_at: string | null;
  /** When "N away" was sent (or the number was taken already that close). */
  near_sent_at: string | null;
}
