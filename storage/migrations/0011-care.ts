/**
 * The key-care round: plans (and people added by hand, with a reason), the
 * checks due each day with their outcomes, the day's steps done once, and
 * when each resident last wrote to the bot (silence as a signal).
 */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const care: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("care_plans")
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      // 1: added by a worker (with a reason), not only through the care flags.
      .addColumn("manual", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("reason", "text")
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("every_days", t.int, (c) => c.notNull())
      .addColumn("responsible_id", t.id)
      .addColumn("added_by", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("care_plans_pk", ["building", "unit", "room"])
      .execute();

    await db.schema
      .createTable("care_checks")
      .addColumn("id", ...t.autoId)
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      .addColumn("household_id", t.id)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("attempt", t.int, (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("responsible_id", t.id)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("recorded_by", t.id)
      .addColumn("recorded_at", "text")
      .addColumn("escalated_at", "text")
      .addColumn("escalation_id", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("care_checks_once", [
        "local_date",
        "building",
        "unit",
        "room",
        "kind",
        "attempt",
      ])
      .execute();
    await db.schema
      .createIndex("care_checks_due")
      .on("care_checks")
      .column("local_date")
      .where(sql.ref("status"), "=", sql.lit("due"))
      .execute();
    await db.schema
      .createIndex("care_checks_door")
      .on("care_checks")
      .columns(["building", "unit", "room", "local_date"])
      .execute();

    await db.schema
      .createTable("care_runs")
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("step", "text", (c) => c.notNull())
      .addColumn("done_at", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .addPrimaryKeyConstraint("care_runs_pk", ["local_date", "step"])
      .execute();

    await db.schema
      .createTable("care_activity")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("last_at", "text", (c) => c.notNull())
      .execute();
  },
};
