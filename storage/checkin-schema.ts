/**
 * The daily health check-in's tables (migration 0005). Times are ISO-8601
 * strings in UTC stamped with the injected clock; `local_date` is the day in
 * the community's time zone ("2026-11-22").
 */
import type { Generated } from "kysely";

/** One row (id 1) once an admin changed something; the defaults apply until then. */
export interface CheckinSettingsTable {
  id: number;
  /** "08:00" in the community time zone. */
  prompt_time: string;
  deadline_time: string;
  report_time: string;
  enabled: number;
  updated_by: number | null;
  updated_at: string;
}

/**
 * Every reading ever given. The current one for a member and a day has
 * `replaced_at` null; a later reading replaces it and the old row stays, with
 * `replaced_by` pointing at its successor (the audit trail).
 */
export interface CheckinReadingsTable {
  id: Generated<number>;
  household_id: number;
  /** 1-based member of the household (the count comes from registration). */
  member: number;
  local_date: string;
  celsius: number;
  /** fine | cough | sore_throat | other */
  symptom: string;
  /** A few words when the symptom is "other". */
  note: string | null;
  /** The resident, or the staff member who recorded it at the door. */
  reported_by: number;
  reported_at: string;
  /** 1 when staff recorded it for the household. */
  proxy: number;
  replaced_at: string | null;
  replaced_by: number | null;
}

/** One prompt per building group per day: the record that makes it exactly once. */
export interface CheckinPromptsTable {
  local_date: string;
  chat_id: number;
  outbox_id: number | null;
  created_at: string;
}

/** One row per day and step (prompt, deadline, report) once it has run. */
export interface CheckinRunsTable {
  local_date: string;
  step: string;
  done_at: string;
  /** JSON figures of what the step sent. */
  detail: string | null;
}

/** Residents who asked for a private prompt every morning (/checkin_remind on). */
export interface CheckinOptInTable {
  person_id: number;
  created_at: string;
}
