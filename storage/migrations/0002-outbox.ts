/** The outbox: durable messages waiting for the dispatcher (see DESIGN.md, "The outbox"). */
import type { Kysely, Migration } from "kysely";

export const outbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("outbox")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("chat_id", "integer", (c) => c.notNull())
      .addColumn("lane", "text", (c) => c.notNull())
      .addColumn("priority", "integer", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("not_before", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .addColumn("failure", "text")
      .addColumn("message_id", "integer")
      .addColumn("ref_type", "text")
      .addColumn("ref_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .execute();
    // The claim: per lane, the oldest due rows first. With not_before in the
    // index the claim is a range scan even when 100,000 rows wait for morning.
    await db.schema
      .createIndex("outbox_due")
      .on("outbox")
      .columns(["status", "priority", "not_before", "id"])
      .execute();
    await db.schema
      .createIndex("outbox_chat")
      .on("outbox")
      .columns(["chat_id", "status"])
      .execute();
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
