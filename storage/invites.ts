/** Single-use invite codes that grant a staff role. */
import type { GrantableRole } from "../domain/roles.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { inTransaction } from "./transaction.js";

export type RedeemResult =
  | { ok: true; role: GrantableRole }
  | { ok: false; reason: "unknown" | "used" | "expired" };

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
     * opening the same link at once can't both get the role.
     */
    async redeem(code: string, personId: number): Promise<RedeemResult> {
      return inTransaction(db, async (trx) => {
        const invite = await trx
          .selectFrom("invites")
          .selectAll()
          .where("code", "=", code)
          .executeTakeFirst();
        if (!invite) return { ok: false, reason: "unknown" } as const;
        if (invite.used_by !== null) return { ok: false, reason: "used" } as const;
        if (invite.expires_at <= iso(clock)) return { ok: false, reason: "expired" } as const;
        await trx
          .updateTable("invites")
          .set({ used_by: personId, used_at: iso(clock) })
          .where("code", "=", code)
          .where("used_by", "is", null)
          .execute();
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
