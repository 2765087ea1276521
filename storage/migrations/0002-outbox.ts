/** The outbox: durable messages waiting for the dispatcher (see DESIGN.md, "The outbox"). */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const outbox: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("outbox")
      .addColumn("id", ...t.autoId)
      .addColumn("chat_id", t.id, (c) => c.notNull())
      .addColumn("lane", "text", (c) => c.notNull())
      .addColumn("priority", t.int, (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("not_before", "text", (c) => c.notNull())
      .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .addColumn("failure", "text")
      .addColumn("message_id", t.id)
      .addColumn("ref_type", "text")
      .addColumn("ref_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .execute();
    // The claim: per lane, the oldest due rows first. Partial, so that it holds
    // only pending rows: small, and a sent row just leaves it. With not_before
    // in it the claim is a range scan even when 100,000 rows wait for morning.
    // (Queries must spell `status = 'pending'` as a literal to use it.)
    await db.schema
      .createIndex("outbox_due")
      .on("outbox")
      .columns(["priority", "not_before", "id"])
      .where(sql.ref("status"), "=", sql.lit("pending"))
      .execute();
    await db.schema.createIndex("outbox_chat").on("outbox").column("chat_id").execute();
    await db.schema
      .createIndex("outbox_ref")
      .on("outbox")
      .columns(["ref_type", "ref_id"])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("outbox").execute();
  },
};
