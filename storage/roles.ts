/** Staff roles granted in the database (admins from ADMIN_IDS are added by the bot, not stored). */
import type { Role } from "../domain/roles.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

export interface RoleHolder {
  personId: number;
  role: Role;
  firstName: string | null;
  username: string | null;
  displayName: string | null;
}

export function rolesRepo(db: DB, clock: Clock) {
  return {
    async of(personId: number): Promise<Role[]> {
      const rows = await db
        .selectFrom("roles")
        .select("role")
        .where("person_id", "=", personId)
        .execute();
      return rows.map((r) => r.role as Role);
    },

    async grant(personId: number, role: Role, grantedBy: number | null): Promise<void> {
      await db
        .insertInto("roles")
        .values({ person_id: personId, role, granted_by: grantedBy, granted_at: iso(clock) })
        .onConflict((oc) => oc.columns(["person_id", "role"]).doNothing())
        .execute();
    },

    /** Returns whether the person held the role. */
    async revoke(personId: number, role: Role): Promise<boolean> {
      const result = await db
        .deleteFrom("roles")
        .where("person_id", "=", personId)
        .where("role", "=", role)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async holders(): Promise<RoleHolder[]> {
      const rows = await db
        .selectFrom("roles")
        .leftJoin("people", "people.id", "roles.person_id")
        .select([
          "roles.person_id",
          "roles.role",
          "people.first_name",
          "people.username",
          "people.display_name",
        ])
        .orderBy("roles.role")
        .orderBy("roles.person_id")
        .execute();
      return rows.map((r) => ({
        personId: r.person_id,
        role: r.role as Role,
        firstName: r.first_name,
        username: r.username,
        displayName: r.display_name,
      }));
    },
  };
}
