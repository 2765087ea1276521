/**
 * A notice confirmed with "Send it" is stored at once with one expansion row
 * ("to be expanded"); its deliveries and outbox rows are written afterwards,
 * in chunks, by a job that resumes after a restart. `cursor` is the last
 * person id expanded; it moves in the same transaction as the chunk's rows.
 */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const noticeExpansions: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("notice_expansions")
      .addColumn("notice_id", t.id, (c) => c.primaryKey())
      .addColumn("lane", "text", (c) => c.notNull())
      .addColumn("not_before", "text", (c) => c.notNull())
      .addColumn("bot", "text", (c) => c.notNull())
      .addColumn("cursor", t.id, (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("done_at", "text")
      .execute();
  },
};
