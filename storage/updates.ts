/**
 * Each Telegram update handled by one process only: the first process to
 * insert its id takes it. Ids older than a day are cleared as new ones come
 * in (Telegram stops resending long before that).
 */
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

const KEEP_MS = 24 * 3_600_000;
/** How often (in claims) the old ids are cleared. */
const CLEAR_EVERY = 500;

export function updatesRepo(db: DB, clock: Clock) {
  let claims = 0;
  return {
    /** True if this process takes the update; false if another one already has. */
    async claim(updateId: number): Promise<boolean> {
      const now = clock.now();
      const result = await db
        .insertInto("handled_updates")
        .values({ update_id: updateId, handled_at: iso(clock) })
        .onConflict((oc) => oc.column("update_id").doNothing())
        .executeTakeFirst();
      if (++claims % CLEAR_EVERY === 0) {
        await db
          .deleteFrom("handled_updates")
          .where("handled_at", "<", new Date(now.getTime() - KEEP_MS).toISOString())
          .execute();
      }
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
  };
}
