/** Group buys and free distributions: buys, items, one order per household, order lines. */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const groupbuy: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("groupbuys")
      .addColumn("id", ...t.autoId)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("delivery", "text", (c) => c.notNull())
      .addColumn("pickup", "text")
      .addColumn("deadline", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
      .addColumn("created_by", t.id, (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("closed_at", "text")
      .addColumn("households", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("recipients", t.int, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex("groupbuys_open")
      .on("groupbuys")
      .column("deadline")
      .where(sql.ref("status"), "=", sql.lit("open"))
      .execute();

    // Prices and amounts are whole fen in a 32-bit integer: the domain caps a
    // price at ¥10,000, a quantity at 99 and a buy at 10 items, so one
    // household's total stays under ¥9.9 million.
    await db.schema
      .createTable("groupbuy_items")
      .addColumn("id", ...t.autoId)
      .addColumn("buy_id", t.id, (c) => c.notNull())
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("price_fen", t.int, (c) => c.notNull())
      .addColumn("max_per_household", t.int)
      .execute();
    await db.schema
      .createIndex("groupbuy_items_buy")
      .on("groupbuy_items")
      .column("buy_id")
      .execute();

    await db.schema
      .createTable("groupbuy_orders")
      .addColumn("buy_id", t.id, (c) => c.notNull())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("version", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("total_fen", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("updated_by", t.id)
      .addColumn("updated_at", "text")
      .addColumn("confirmed_at", "text")
      .addColumn("delivered_at", "text")
      .addColumn("delivered_by", t.id)
      .addColumn("paid_at", "text")
      .addColumn("paid_by", t.id)
      .addColumn("paid_method", "text")
      .addColumn("paid_fen", t.int)
      .addPrimaryKeyConstraint("groupbuy_orders_pk", ["buy_id", "household_id"])
      .execute();
    await db.schema
      .createIndex("groupbuy_orders_household")
      .on("groupbuy_orders")
      .column("household_id")
      .execute();

    await db.schema
      .createTable("groupbuy_lines")
      .addColumn("buy_id", t.id, (c) => c.notNull())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("item_id", t.id, (c) => c.notNull())
      .addColumn("qty", t.int, (c) => c.notNull())
      .addColumn("short", t.int, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("groupbuy_lines_pk", ["buy_id", "household_id", "item_id"])
      .execute();
  },
};
