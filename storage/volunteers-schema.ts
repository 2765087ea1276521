/**
 * The volunteers' ledger tables: the community's teams, each volunteer's
 * profile (teams, availability, buildings, the name and consent for the
 * published ledger), the teams' weekly shifts and who is on them, the tasks
 * posted to teams, and the hours (from tasks, or added by hand with a
 * reason; corrections keep the original). Times are ISO-8601 strings in UTC;
 * days are the community's local dates (YYYY-MM-DD).
 */
import type { Generated } from "kysely";

export interface VolunteerTeamsTable {
  /** What coordinators type: `supplies`, or an admin's own key. */
  key: string;
  /** An admin's own team's name; null for the built-in teams (named in locales/). */
  name: string | null;
  position: number;
  created_by: number | null;
  created_at: string;
  /** Retired teams keep their hours and shifts but take no new ones. */
  archived_at: string | null;
}

export interface VolunteerProfilesTable {
  person_id: number;
  /** JSON array of team keys. */
  teams: string;
  /** JSON array of availability slots (weekday_morning…). */
  availability: string;
  /** JSON array of building codes; empty: all buildings. */
  buildings: string;
  /** The name the volunteer chose for the published ledger. */
  public_name: string | null;
  /** named / anonymous; null: not answered (counted anonymously). */
  consent: string | null;
  /** When they were asked (asked once; they can change it any time). */
  consent_asked_at: string | null;
  consent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VolunteerShiftsTable {
  id: Generated<number>;
  team: string;
  /** Comma-separated weekdays, 0 = Monday. */
  days: string;
  start_min: number;
  end_min: number;
  /** How many people the shift needs. */
  needed: number;
  created_by: number | null;
  created_at: string;
}

export interface VolunteerShiftPeopleTable {
  shift_id: number;
  person_id: number;
  added_by: number | null;
  added_at: string;
}

export interface VolunteerTasksTable {
  id: Generated<number>;
  /** The team it was posted to; null for work no team owns (a request of another category). */
  team: string | null;
  /** request, care, delivery, adhoc… (whoever posted it says). */
  kind: string;
  /** What it is about, to find it again (one task per ref). */
  ref_type: string | null;
  ref_id: string | null;
  /** The title: a locales/ key and its arguments (JSON; an argument may itself be a key). */
  title_key: string;
  title_args: string;
  building: string | null;
  urgent: number;
  /** The owner's own claim button (e.g. a request's); null: this feature's. */
  claim_data: string | null;
  /** open, held (staff have it), claimed, done, cancelled. */
  status: string;
  posted_by: number | null;
  posted_at: string;
  claimed_by: number | null;
  claimed_at: string | null;
  done_at: string | null;
  /** 1 once the posts to other volunteers were cancelled or edited after the claim. */
  posts_settled: number;
  updated_at: string;
}

export interface VolunteerHoursTable {
  id: Generated<number>;
  person_id: number;
  team: string | null;
  /** task (claim to done) or manual (added with a reason). */
  source: string;
  task_id: number | null;
  /** The local date the hours count for. */
  day: string;
  started_at: string | null;
  ended_at: string | null;
  minutes: number;
  /** 1 when a task's time was cut to the most one task counts for. */
  capped: number;
  reason: string | null;
  added_by: number | null;
  created_at: string;
  corrected_by: number | null;
  corrected_at: string | null;
  correction_reason: string | null;
  /** The minutes before the first correction. */
  original_minutes: number | null;
}
