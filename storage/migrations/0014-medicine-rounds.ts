/** Medicine rounds: the round, the staff handling it, each household's list and its medicines. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const medicineRounds: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("medicine_rounds")
      .addColumn("id", ...t.autoId)
      .addColumn("opened_by", t.id, (c) => c.notNull())
      .addColumn("pharmacy", "text", (c) => c.notNull())
      .addColumn("collect_at", "text", (c) => c.notNull())
      .addColumn("needs", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("note", "text")
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("recipients", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("numbers", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("closed_at", "text")
      .addColumn("finished_at", "text")
      .execute();

    await db.schema
      .createTable("medicine_round_handlers")
      .addColumn("round_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("joined_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("medicine_round_handlers_pk", ["round_id", "person_id"])
      .execute();

    await db.schema
      .createTable("medicine_submissions")
      .addColumn("id", ...t.autoId)
      .addColumn("round_id", t.id, (c) => c.notNull())
      .addColumn("number", t.int, (c) => c.notNull())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("payment", "text", (c) => c.notNull())
      .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("amount_fen", t.int)
      .addColumn("updated_by", t.id)
      .addColumn("request_id", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("collected_at", "text")
      .addColumn("purchased_at", "text")
      .addColumn("delivered_at", "text")
      .addColumn("settled_at", "text")
      .addUniqueConstraint("medicine_submissions_number", ["round_id", "number"])
      .addUniqueConstraint("medicine_submissions_household", ["round_id", "household_id"])
      .execute();

    await db.schema
      .createTable("medicine_items")
      .addColumn("submission_id", t.id, (c) => c.notNull())
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("amount", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("updated_by", t.id)
      .addColumn("updated_at", "text")
      .addPrimaryKeyConstraint("medicine_items_pk", ["submission_id", "position"])
      .execute();
  },
};
