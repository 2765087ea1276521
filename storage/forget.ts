/**
 * /forget: a person's name, username and phone leave the database. The
 * person row stays with its id (the audit log and other rows point at it).
 */
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { recombine } from "./households.js";
import { inTransaction } from "./transaction.js";

export function forgetRepo(db: DB, clock: Clock) {
  return {
    async forget(personId: number): Promise<void> {
      await inTransaction(db, async (trx) => {
        const now = iso(clock);
        const link = await trx
          .selectFrom("residents")
          .select("household_id")
          .where("person_id", "=", personId)
          .executeTakeFirst();
        await trx.deleteFrom("residents").where("person_id", "=", personId).execute();
        if (link) await recombine(trx, link.household_id, now);
        await trx
          .updateTable("people")
          .set({
            first_name: null,
            username: null,
            display_name: null,
            phone: null,
            forgotten_at: now,
            updated_at: now,
          })
          .where("id", "=", personId)
          .execute();
      });
    },
  };
}
