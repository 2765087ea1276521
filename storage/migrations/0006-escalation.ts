/** Escalation: urgent items, their pages and timeline, the duty roster, ladder settings. */
import { type Kysely, type Migration, sql } from "kysely";

export const escalation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("escalations")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("address", "text")
      .addColumn("phone", "text")
      .addColumn("person_id", "integer")
      .addColumn("raised_by", "integer")
      .addColumn("unregistered", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("person_label", "text")
      .addColumn("ref_type", "text")
      .addColumn("ref_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("step", "integer", (c) => c.notNull())
      .addColumn("round", "integer", (c) => c.notNull())
      .addColumn("stepped_at", "text", (c) => c.notNull())
      .addColumn("acknowledged_by", "integer")
      .addColumn("acknowledged_at", "text")
      .addColumn("gave_up_at", "text")
      .execute();
    await db.schema
      .createIndex("escalations_open")
      .on("escalations")
      .column("id")
      .where(sql.ref("status"), "=", sql.lit("open"))
      .execute();
    await db.schema
      .createIndex("escalations_created")
      .on("escalations")
      .column("created_at")
      .execute();

    await db.schema
      .createTable("escalation_pages")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("escalation_id", "integer", (c) => c.notNull())
      .addColumn("step", "integer", (c) => c.notNull())
      .addColumn("round", "integer", (c) => c.notNull())
      .addColumn("chat_id", "integer", (c) => c.notNull())
      .addColumn("person_id", "integer")
      .addColumn("locale", "text", (c) => c.notNull())
      .addColumn("outbox_id", "integer", (c) => c.notNull())
      .addColumn("paged_at", "text", (c) => c.notNull())
      .addColumn("declined_at", "text")
      .addColumn("closed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("edit_outbox_id", "integer")
      .execute();
    await db.schema
      .createIndex("escalation_pages_item")
      .on("escalation_pages")
      .column("escalation_id")
      .execute();
    await db.schema
      .createIndex("escalation_pages_open")
      .on("escalation_pages")
      .column("escalation_id")
      .where(sql.ref("closed"), "=", sql.lit(0))
      .execute();

    await db.schema
      .createTable("escalation_events")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("escalation_id", "integer", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("actor_id", "integer")
      .addColumn("detail", "text")
      .execute();
    await db.schema
      .createIndex("escalation_events_item")
      .on("escalation_events")
      .column("escalation_id")
      .execute();

    await db.schema
      .createTable("duty_status")
      .addColumn("person_id", "integer", (c) => c.primaryKey())
      .addColumn("manual", "text")
      .addColumn("until", "text")
      .addColumn("share", "text", (c) => c.notNull().defaultTo("name"))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("duty_shifts")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("person_id", "integer", (c) => c.notNull())
      .addColumn("days", "text", (c) => c.notNull())
      .addColumn("start_min", "integer", (c) => c.notNull())
      .addColumn("end_min", "integer", (c) => c.notNull())
      .addColumn("line", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("created_by", "integer")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("escalation_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "integer", (c) => c.notNull())
      .addColumn("updated_by", "integer")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
