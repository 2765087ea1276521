/**
 * Update ids already taken by a process: with several processes behind one
 * webhook, a copy Telegram sends again may land on another process, which
 * finds it here and leaves it alone.
 */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const handledUpdates: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("handled_updates")
      .addColumn("update_id", t.id, (c) => c.primaryKey())
      .addColumn("handled_at", "text", (c) => c.notNull())
      .execute();
  },
};
