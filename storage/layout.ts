/** The community layout: buildings and the rooms that exist. */
import type { Address } from "../domain/address.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { inTransaction } from "./transaction.js";

export function layoutRepo(db: DB, clock: Clock) {
  return {
    /** Adds rooms (and their buildings) in one transaction; existing rooms are kept. */
    async importRooms(rooms: Address[]): Promise<{ added: number; existing: number }> {
      return inTransaction(db, async (trx) => {
        const buildings = [...new Set(rooms.map((r) => r.building))];
        const now = iso(clock);
        for (const code of buildings) {
          await trx
            .insertInto("buildings")
            .values({ code, created_at: now })
            .onConflict((oc) => oc.column("code").doNothing())
            .execute();
        }
        // SQLite allows 32,766 bound parameters; 3 per row.
        // The rows each insert reports, not a count before and after: another import at
        // the same time (PostgreSQL) would be counted as ours.
        let added = 0;
        for (let i = 0; i < rooms.length; i += 5000) {
          const result = await trx
            .insertInto("rooms")
            .values(rooms.slice(i, i + 5000))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          added += Number(result.numInsertedOrUpdatedRows ?? 0);
        }
        return { added, existing: rooms.length - added };
      });
    },

    async hasLayout(): Promise<boolean> {
      return (
        (await db.selectFrom("rooms").select("room").limit(1).executeTakeFirst()) !== undefined
      );
    },

    async roomExists(a: Address): Promise<boolean> {
      const row = await db
        .selectFrom("rooms")
        .select("room")
        .where("building", "=", a.building)
        .where("unit", "=", a.unit)
        .where("room", "=", a.room)
        .executeTakeFirst();
      return row !== undefined;
    },

    async buildingExists(code: string): Promise<boolean> {
      const row = await db
        .selectFrom("buildings")
        .select("code")
        .where("code", "=", code)
        .executeTakeFirst();
      return row !== undefined;
    },

    async ensureBuilding(code: string): Promise<void> {
      await db
        .insertInto("buildings")
        .values({ code, created_at: iso(clock) })
        .onConflict((oc) => oc.column("code").doNothing())
        .execute();
    },

    async rooms(): Promise<Address[]> {
      return db.selectFrom("rooms").select(["building", "unit", "room"]).execute();
    },
  };
}
