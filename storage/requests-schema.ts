/**
 * The request tables: requests, their history, the hints posted in
 * building groups, and the end-of-day summaries already sent. Times are
 * ISO-8601 strings in UTC, stamped with the injected clock.
 */
import type { Generated } from "kysely";
import type { Category, Urgency } from "../domain/request-catalogue.js";
import type { Status } from "../domain/request-states.js";

export interface RequestsTable {
  id: Generated<number>;
  /** The community's local date of filing, YYYY-MM-DD. */
  day: string;
  /** The day's sequence, from 1. */
  seq: number;
  /** What people say on the phone: `1122-007`. */
  number: string;
  category: Category;
  /** JSON: the answers to the category's questions. */
  details: string;
  urgency: Urgency;
  status: Status;
  household_id: number | null;
  /** The unit tag at filing time (3-2-501), null for someone with only a phone. */
  address: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  /** The registered resident concerned, if any. */
  person_id: number | null;
  /** Who hears back and answers "Solved?" (the resident, or the staff member who filed). */
  contact_id: number | null;
  /** For someone who is not registered: a name, and a phone and/or the room above. */
  subject_name: string | null;
  subject_phone: string | null;
  filed_by: number;
  /** "self": the resident; "household": staff for a room; "unregistered": staff for someone not registered. */
  filed_as: "self" | "household" | "unregistered";
  handler_id: number | null;
  assignee_id: number | null;
  /** The notice a policy question is about. */
  notice_id: number | null;
  /** The urgent item raised for it (through the escalation feature's raiseUrgent), if it was urgent. */
  escalation_id: Generated<number | null>;
  /** JSON array of Telegram file_ids. */
  photos: string;
  /** The resident's answer to "Solved?": solved / not_solved. */
  resident_answer: string | null;
  /** The latest note (done, can't do, or the resident's words on reopening). */
  last_note: string | null;
  created_at: string;
  updated_at: string;
  taken_at: string | null;
  done_at: string | null;
  reopened_at: string | null;
  closed_at: string | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface RequestGroupHintsTable {
  chat_id: number;
  person_id: number;
  at: string;
}

export interface RequestDailySummariesTable {
  day: string;
  sent_at: string;
}
