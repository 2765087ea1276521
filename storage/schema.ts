/** Table types for Kysely. Times are ISO-8601 strings in UTC. */
import type { Generated } from "kysely";

export type Reachability = "unknown" | "reachable" | "blocked";

export interface PeopleTable {
  /** Telegram user id. */
  id: number;
  first_name: string | null;
  username: string | null;
  /** How the person asked to be addressed. */
  display_name: string | null;
  phone: string | null;
  /** Chosen with /language; null follows Telegram's language_code. */
  language: string | null;
  /** Whether a private message can reach them ("unknown" until they press Start). */
  reachability: Reachability;
  created_at: string;
  updated_at: string;
  forgotten_at: string | null;
}

export interface RolesTable {
  person_id: number;
  role: string;
  granted_by: number | null;
  granted_at: string;
}

export interface InvitesTable {
  code: string;
  role: string;
  created_by: number;
  created_at: string;
  expires_at: string;
  used_by: number | null;
  used_at: string | null;
}

export interface BuildingsTable {
  code: string;
  created_at: string;
}

export interface RoomsTable {
  building: string;
  unit: string;
  room: string;
}

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

export interface GroupsTable {
  chat_id: number;
  title: string | null;
  /** null until an admin binds it. */
  kind: "building" | "staff" | null;
  building: string | null;
  active: number;
  added_by: number | null;
  welcome_message_id: number | null;
  migrated_from: number | null;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  outcome: "ok" | "denied";
  detail: string | null;
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  people: PeopleTable;
  roles: RolesTable;
  invites: InvitesTable;
  buildings: BuildingsTable;
  rooms: RoomsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  groups: GroupsTable;
  audit_log: AuditTable;
  kv: KvTable;
}
