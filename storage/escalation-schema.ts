/**
 * Tables of the escalation ladder: urgent items, the pages sent for
 * them, their timeline, the duty roster (manual switch and weekly shifts) and
 * the ladder settings. Times are ISO-8601 strings in UTC, from the injected clock.
 */
import type { Generated } from "kysely";

export type EscalationKind = "fever" | "request" | "sos" | "page" | "welfare";
/** open: the ladder runs; acknowledged: someone took it; unacknowledged: the ladder ran out. */
export type EscalationStatus = "open" | "acknowledged" | "unacknowledged";

export interface EscalationsTable {
  id: Generated<number>;
  kind: EscalationKind;
  summary: string;
  address: string | null;
  phone: string | null;
  /** The resident concerned, if known. */
  person_id: number | null;
  /** Who raised it. */
  raised_by: number | null;
  /** 1 when raised by someone who is not registered (an SOS from anyone). */
  unregistered: number;
  /** How to name the person concerned when the address can't (e.g. an unregistered SOS). */
  person_label: string | null;
  ref_type: string | null;
  ref_id: string | null;
  created_at: string;
  status: EscalationStatus;
  step: number;
  round: number;
  stepped_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
  gave_up_at: string | null;
}

export interface EscalationPagesTable {
  id: Generated<number>;
  escalation_id: number;
  step: number;
  round: number;
  chat_id: number;
  /** null for a group (the staff group). */
  person_id: number | null;
  /** The language the page was written in, to edit it in the same one. */
  locale: string;
  outbox_id: number;
  paged_at: string;
  declined_at: string | null;
  /** 1 once nothing more is to be done with it (edited to "taken by", cancelled, or never delivered). */
  closed: Generated<number>;
  /** The outbox row carrying the "taken by" edit. */
  edit_outbox_id: number | null;
}

export interface EscalationEventsTable {
  id: Generated<number>;
  escalation_id: number;
  at: string;
  /** created, nobody, declined, acknowledged, gave-up, cancelled, ack-denied... */
  type: string;
  actor_id: number | null;
  /** JSON. */
  detail: string | null;
}

export type DutyShare = "name" | "phone" | "none";

export interface DutyStatusTable {
  person_id: number;
  /** on: on duty until /duty off; off: off until `until` (the end of the shift); null: follow the shifts. */
  manual: "on" | "off" | null;
  until: string | null;
  /** What a resident is told about the coordinator who takes their item. */
  share: DutyShare;
  updated_at: string;
}

export interface DutyShiftsTable {
  id: Generated<number>;
  person_id: number;
  /** Comma-separated weekdays, 0 = Monday. */
  days: string;
  start_min: number;
  end_min: number;
  /** The line as the admin typed it. */
  line: string;
  position: number;
  created_by: number | null;
  created_at: string;
}

export interface EscalationSettingsTable {
  key: string;
  value: number;
  updated_by: number | null;
  updated_at: string;
}
