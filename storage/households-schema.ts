/** Households (one per room) and the residents registered in them. */
import type { Generated } from "kysely";

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

export interface ResidentsTable {
  person_id: number;
  household_id: number;
  registered_at: string;
}
