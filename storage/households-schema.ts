/** Households (one per room), the residents registered in them, and removals from a room. */
import type { Generated } from "kysely";

/**
 * One per room. `members` and the care flags are the combination of the
 * residents' own answers (the largest household size given, and each flag
 * if any resident ticked it); only storage/households.ts writes them, in the
 * same transaction as the change of residents that alters them.
 */
export interface HouseholdsTable {
  id: Generated<number>;
  building: string;
  unit: string;
  room: string;
  members: number;
  lives_alone: number;
  over_75: number;
  reduced_mobility: number;
  chronic_medicine: number;
  created_at: string;
  updated_at: string;
}

/** A person registered in a household, with their own answers. */
export interface ResidentsTable {
  person_id: number;
  household_id: number;
  registered_at: string;
  /** The household size this resident gave. */
  members: Generated<number>;
  lives_alone: Generated<number>;
  over_75: Generated<number>;
  reduced_mobility: Generated<number>;
  chronic_medicine: Generated<number>;
}

/** A worker took this person out of this room; they can't register into it again until allowed. */
export interface HouseholdRemovalsTable {
  household_id: number;
  person_id: number;
  removed_by: number | null;
  removed_at: string;
}
