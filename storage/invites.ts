/** Single-use invite codes that grant a staff role. */
import type { GrantableRole } from "../domain/roles.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { inTransaction } from "./transaction.js";

export type RedeemResult =
  | { ok: true; role: GrantableRole }
  /** issuer: whoever made it is no longer an admin, so the links they made stop working. */
  | { ok: false; reason: "unknown" | "used" | "expired" | "issuer" };

export function invitesRepo(db: DB, clock: Clock) {
  return {
    async create(
      code: string,
      role: GrantableRole,
      createdBy: number,
      ttlMs: number,
    ): Promise<Date> {
      const now = clock.now();
      const expires = new Date(now.getTime() + ttlMs);
      await db
        .insertInto("invites")
        .values({
          code,
          role,
          created_by: createdBy,
          created_at: now.toISOString(),
          expires_at: expires.toISOString(),
          used_by: null,
          used_at: null,
        })
        .execute();
      return expires;
    },

    /**
     * Uses the code and grants its role in one transaction, so two people
     * opening the same link at once can't both get the role (the conditional
     * update's row count decides). A link works only while whoever made it is
     * still an admin: one of `configAdmins` (ADMIN_IDS), or holding the role.
     */
    async redeem(
      code: string,
      personId: number,
      configAdmins: readonly number[] = [],
    ): Promise<RedeemResult> {
      return inTransaction(db, async (trx) => {
        const invite = await trx
          .selectFrom("invites")
          .selectAll()
          .where("code", "=", code)
          .executeTakeFirst();
        if (!invite) return { ok: false, reason: "unknown" } as const;
        if (invite.used_by !== null) return { ok: false, reason: "used" } as const;
        if (invite.expires_at <= iso(clock)) return { ok: false, reason: "expired" } as const;
        if (!configAdmins.includes(invite.created_by)) {
          const admin = await trx
            .selectFrom("roles")
            .select("person_id")
            .where("person_id", "=", invite.created_by)
            .where("role", "=", "admin")
            .executeTakeFirst();
          if (!admin) return { ok: false, reason: "issuer" } as const;
        }
        const used = await trx
          .updateTable("invites")
          .set({ used_by: personId, used_at: iso(clock) })
          .where("code", "=", code)
          .where("used_by", "is", null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) === 0) return { ok: false, reason: "used" } as const;
        await trx
          .insertInto("roles")
          .values({
            person_id: personId,
            role: invite.role,
            granted_by: invite.created_by,
            granted_at: iso(clock),
          })
          .onConflict((oc) => oc.columns(["person_id", "role"]).doNothing())
          .execute();
        return { ok: true, role: invite.role as GrantableRole } as const;
      });
    },
  };
}
