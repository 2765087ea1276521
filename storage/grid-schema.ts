/** The grid: workers per building or unit, how workers are shown, and the relayed threads. */
import type { Generated } from "kysely";

export interface GridUnitsTable {
  building: string;
  /** "*" for the whole building. */
  unit: string;
  worker_id: number | null;
  deputy_id: number | null;
  updated_by: number | null;
  updated_at: string;
}

export interface GridWorkersTable {
  person_id: number;
  /** The name residents see; null: they are told "your grid worker". */
  shown_name: string | null;
  /** A phone the worker chose to give residents; null: none. */
  shown_phone: string | null;
  /** 1: residents may see the worker's @username. */
  share_account: Generated<number>;
  /** 1: off (the deputy steps in). */
  away: Generated<number>;
  updated_at: string;
}

export type ThreadStatus = "open" | "closed";
export type ThreadSide = "resident" | "staff";

export interface GridThreadsTable {
  id: Generated<number>;
  resident_id: number;
  household_id: number | null;
  building: string;
  unit: string;
  room: string;
  notice_id: number | null;
  status: ThreadStatus;
  opened_at: string;
  waiting_since: string | null;
  escalated_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  closed_by: number | null;
}

export interface GridMessagesTable {
  id: Generated<number>;
  thread_id: number;
  from_id: number;
  side: ThreadSide;
  text: string;
  at: string;
}

export interface GridRelaysTable {
  id: Generated<number>;
  thread_id: number;
  message_id: number;
  chat_id: number;
  outbox_id: number;
}
