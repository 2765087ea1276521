/** Requests, their history, the hints in building groups, and the end-of-day summaries sent. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const requests: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("requests")
      .addColumn("id", ...t.autoId)
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("seq", t.int, (c) => c.notNull())
      .addColumn("number", "text", (c) => c.notNull())
      .addColumn("category", "text", (c) => c.notNull())
      .addColumn("details", "text", (c) => c.notNull())
      .addColumn("urgency", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("household_id", t.id)
      .addColumn("address", "text")
      .addColumn("building", "text")
      .addColumn("unit", "text")
      .addColumn("room", "text")
      .addColumn("person_id", t.id)
      .addColumn("contact_id", t.id)
      .addColumn("subject_name", "text")
      .addColumn("subject_phone", "text")
      .addColumn("filed_by", t.id, (c) => c.notNull())
      .addColumn("filed_as", "text", (c) => c.notNull())
      .addColumn("handler_id", t.id)
      .addColumn("assignee_id", t.id)
      .addColumn("notice_id", t.id)
      .addColumn("escalation_id", t.id)
      .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("resident_answer", "text")
      .addColumn("last_note", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("taken_at", "text")
      .addColumn("done_at", "text")
      .addColumn("reopened_at", "text")
      .addColumn("closed_at", "text")
      .addUniqueConstraint("requests_day_seq", ["day", "seq"])
      .execute();
    await db.schema.createIndex("requests_number").on("requests").column("number").execute();
    await db.schema.createIndex("requests_status").on("requests").column("status").execute();
    await db.schema.createIndex("requests_created").on("requests").column("created_at").execute();
    await db.schema.createIndex("requests_done").on("requests").column("done_at").execute();
    await db.schema.createIndex("requests_contact").on("requests").column("contact_id").execute();
    await db.schema.createIndex("requests_assignee").on("requests").column("assignee_id").execute();

    await db.schema
      .createTable("request_events")
      .addColumn("id", ...t.autoId)
      .addColumn("request_id", t.id, (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", t.id)
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .execute();
    await db.schema
      .createIndex("request_events_request")
      .on("request_events")
      .column("request_id")
      .execute();

    await db.schema
      .createTable("request_group_hints")
      .addColumn("chat_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("request_group_hints_pk", ["chat_id", "person_id"])
      .execute();

    await db.schema
      .createTable("request_daily_summaries")
      .addColumn("day", "text", (c) => c.primaryKey())
      .addColumn("sent_at", "text", (c) => c.notNull())
      .execute();
  },
};
