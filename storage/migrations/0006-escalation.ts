/** Escalation: urgent items, their pages and timeline, the duty roster, ladder settings. */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const escalation: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("escalations")
      .addColumn("id", ...t.autoId)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("address", "text")
      .addColumn("phone", "text")
      .addColumn("person_id", t.id)
      .addColumn("raised_by", t.id)
      .addColumn("unregistered", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("person_label", "text")
      .addColumn("ref_type", "text")
      .addColumn("ref_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("step", t.int, (c) => c.notNull())
      .addColumn("round", t.int, (c) => c.notNull())
      .addColumn("stepped_at", "text", (c) => c.notNull())
      .addColumn("acknowledged_by", t.id)
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
      .addColumn("id", ...t.autoId)
      .addColumn("escalation_id", t.id, (c) => c.notNull())
      .addColumn("step", t.int, (c) => c.notNull())
      .addColumn("round", t.int, (c) => c.notNull())
      .addColumn("chat_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id)
      .addColumn("locale", "text", (c) => c.notNull())
      .addColumn("outbox_id", t.id, (c) => c.notNull())
      .addColumn("paged_at", "text", (c) => c.notNull())
      .addColumn("declined_at", "text")
      .addColumn("closed", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("edit_outbox_id", t.id)
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
      .addColumn("id", ...t.autoId)
      .addColumn("escalation_id", t.id, (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("actor_id", t.id)
      .addColumn("detail", "text")
      .execute();
    await db.schema
      .createIndex("escalation_events_item")
      .on("escalation_events")
      .column("escalation_id")
      .execute();

    await db.schema
      .createTable("duty_status")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("manual", "text")
      .addColumn("until", "text")
      .addColumn("share", "text", (c) => c.notNull().defaultTo("name"))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("duty_shifts")
      .addColumn("id", ...t.autoId)
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("days", "text", (c) => c.notNull())
      .addColumn("start_min", t.int, (c) => c.notNull())
      .addColumn("end_min", t.int, (c) => c.notNull())
      .addColumn("line", "text", (c) => c.notNull())
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("created_by", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("escalation_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", t.int, (c) => c.notNull())
      .addColumn("updated_by", t.id)
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
