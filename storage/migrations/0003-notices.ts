/** Notices, their versions, one delivery row per recipient, and free household tags. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const notices: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema.alterTable("people").addColumn("telegram_language", "text").execute();

    await db.schema
      .createTable("household_tags")
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("tag", "text", (c) => c.notNull())
      .addColumn("added_by", t.id)
      .addColumn("added_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("household_tags_pk", ["household_id", "tag"])
      .execute();

    await db.schema
      .createTable("notices")
      .addColumn("id", ...t.autoId)
      .addColumn("created_by", t.id, (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("urgency", "text", (c) => c.notNull())
      .addColumn("send_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
      .addColumn("supersedes", t.id)
      .addColumn("superseded_by", t.id)
      .addColumn("recipients", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("report_chat_id", t.id)
      .addColumn("report_message_id", t.id)
      .addColumn("report_edited_at", "text")
      .addColumn("report_dirty", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("reminded_at", "text")
      .execute();

    await db.schema
      .createTable("notice_versions")
      .addColumn("id", ...t.autoId)
      .addColumn("notice_id", t.id, (c) => c.notNull())
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("entities", "text")
      .execute();

    await db.schema
      .createTable("notice_deliveries")
      .addColumn("notice_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("version", t.int, (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("outbox_id", t.id)
      .addColumn("skipped", "text")
      .addColumn("confirmed_at", "text")
      .addColumn("question", "text")
      .addColumn("question_at", "text")
      .addPrimaryKeyConstraint("notice_deliveries_pk", ["notice_id", "person_id"])
      .execute();
    await db.schema
      .createIndex("notice_deliveries_person")
      .on("notice_deliveries")
      .column("person_id")
      .execute();
  },
};
