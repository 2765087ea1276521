/** The one transaction helper every repository uses. */
import type { DB } from "./database.js";

/**
 * Runs `work` in a transaction: the caller's, when `db` already is one (so a
 * repository called inside another's transaction joins it), else a new one.
 */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
