/**
 * The grid: which worker (and deputy) looks after which building or unit,
 * how each worker is shown to residents and whether they are off, and the
 * private threads between residents and their worker, relayed by the bot.
 */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const grid: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("grid_units")
      .addColumn("building", "text", (c) => c.notNull())
      // "*" for the whole building.
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("worker_id", t.id)
      .addColumn("deputy_id", t.id)
      .addColumn("updated_by", t.id)
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("grid_units_pk", ["building", "unit"])
      .execute();

    await db.schema
      .createTable("grid_workers")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("shown_name", "text")
      .addColumn("shown_phone", "text")
      .addColumn("share_account", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("away", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("grid_threads")
      .addColumn("id", ...t.autoId)
      .addColumn("resident_id", t.id, (c) => c.notNull())
      .addColumn("household_id", t.id)
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      .addColumn("notice_id", t.id)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("opened_at", "text", (c) => c.notNull())
      // The resident's first message nobody has answered yet; null when answered.
      .addColumn("waiting_since", "text")
      .addColumn("escalated_at", "text")
      .addColumn("answered_at", "text")
      .addColumn("closed_at", "text")
      .addColumn("closed_by", t.id)
      .execute();
    await db.schema
      .createIndex("grid_threads_resident")
      .on("grid_threads")
      .column("resident_id")
      .execute();
    await db.schema
      .createIndex("grid_threads_waiting")
      .on("grid_threads")
      .column("waiting_since")
      .where(sql.ref("status"), "=", sql.lit("open"))
      .execute();

    await db.schema
      .createTable("grid_messages")
      .addColumn("id", ...t.autoId)
      .addColumn("thread_id", t.id, (c) => c.notNull())
      .addColumn("from_id", t.id, (c) => c.notNull())
      .addColumn("side", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("grid_messages_thread")
      .on("grid_messages")
      .column("thread_id")
      .execute();

    // Each copy of a message the bot relayed, so a Telegram reply to it finds its thread.
    await db.schema
      .createTable("grid_relays")
      .addColumn("id", ...t.autoId)
      .addColumn("thread_id", t.id, (c) => c.notNull())
      .addColumn("message_id", t.id, (c) => c.notNull())
      .addColumn("chat_id", t.id, (c) => c.notNull())
      .addColumn("outbox_id", t.id, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("grid_relays_chat").on("grid_relays").column("chat_id").execute();
  },
};
