/** The key-care round: plans, daily checks, steps done once a day, residents' last activity. */
import type { Generated } from "kysely";
import type { CareMethod, CareStatus, CheckKind } from "../domain/care.js";

export interface CarePlansTable {
  building: string;
  unit: string;
  room: string;
  /** 1: added by hand with a reason (not only through care flags). */
  manual: Generated<number>;
  reason: string | null;
  method: CareMethod;
  every_days: number;
  /** null: the unit's worker. */
  responsible_id: number | null;
  /** A volunteers' team ("by a volunteer"): each check is posted to it (migration 0018). */
  team: string | null;
  added_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CareChecksTable {
  id: Generated<number>;
  local_date: string;
  building: string;
  unit: string;
  room: string;
  household_id: number | null;
  kind: CheckKind;
  attempt: number;
  method: CareMethod;
  responsible_id: number | null;
  /** The team the check was posted to (migration 0018); whoever claims it becomes responsible. */
  team: string | null;
  status: CareStatus;
  recorded_by: number | null;
  recorded_at: string | null;
  escalated_at: string | null;
  escalation_id: number | null;
  created_at: string;
}

export interface CareRunsTable {
  local_date: string;
  step: string;
  done_at: string;
  detail: string | null;
}

export interface CareActivityTable {
  person_id: number;
  last_at: string;
}
