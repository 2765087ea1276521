/** Staff roles granted in the database, and the single-use invites that grant them. */

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
