/** Per-person limits: one row per limited thing and person, holding when its bucket empties. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const limits: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("rate_limits")
      .addColumn("key", "text", (c) => c.primaryKey())
      // Milliseconds since 1970 (the injected clock's): past 2^31, so bigint on PostgreSQL.
      .addColumn("tat", t.id, (c) => c.notNull())
      .execute();
  },
};
