/** Queue numbers: a queue at a point, its goods and prices, and the tickets residents take. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const queues: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("queues")
      .addColumn("id", ...t.autoId)
      .addColumn("point", "text", (c) => c.notNull())
      .addColumn("opened_by", t.id, (c) => c.notNull())
      .addColumn("capacity", t.int, (c) => c.notNull())
      .addColumn("near", t.int, (c) => c.notNull())
      .addColumn("issued", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("current", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("calls", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("closed_by", t.id)
      .addColumn("closed_at", "text")
      .execute();

    await db.schema
      .createTable("queue_goods")
      .addColumn("queue_id", t.id, (c) => c.notNull())
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("price_fen", t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint("queue_goods_pk", ["queue_id", "position"])
      .execute();

    await db.schema
      .createTable("queue_tickets")
      .addColumn("queue_id", t.id, (c) => c.notNull())
      .addColumn("number", t.int, (c) => c.notNull())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("taken_at", "text", (c) => c.notNull())
      .addColumn("called_at", "text")
      .addColumn("ended_at", "text")
      .addColumn("near_sent_at", "text")
      .addPrimaryKeyConstraint("queue_tickets_pk", ["queue_id", "number"])
      .addUniqueConstraint("queue_tickets_household", ["queue_id", "household_id"])
      .execute();
    await db.schema
      .createIndex("queue_tickets_person")
      .on("queue_tickets")
      .column("person_id")
      .execute();
  },
};
