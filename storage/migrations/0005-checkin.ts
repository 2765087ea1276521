/** The daily health check-in: settings, readings (with their history), prompts and runs per day, opt-ins. */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

export const checkin: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("checkin_settings")
      .addColumn("id", t.int, (c) => c.primaryKey())
      .addColumn("prompt_time", "text", (c) => c.notNull())
      .addColumn("deadline_time", "text", (c) => c.notNull())
      .addColumn("report_time", "text", (c) => c.notNull())
      .addColumn("enabled", t.int, (c) => c.notNull().defaultTo(1))
      .addColumn("updated_by", t.id)
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("checkin_readings")
      .addColumn("id", ...t.autoId)
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("member", t.int, (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("celsius", t.real, (c) => c.notNull())
      .addColumn("symptom", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("reported_by", t.id, (c) => c.notNull())
      .addColumn("reported_at", "text", (c) => c.notNull())
      .addColumn("proxy", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("replaced_at", "text")
      .addColumn("replaced_by", t.id)
      .execute();
    // One current reading per member and day; replaced rows stay as history.
    await db.schema
      .createIndex("checkin_readings_current")
      .on("checkin_readings")
      .columns(["household_id", "local_date", "member"])
      .unique()
      .where(sql.ref("replaced_at"), "is", null)
      .execute();
    // The summaries read one day (or seven) of current readings.
    await db.schema
      .createIndex("checkin_readings_day")
      .on("checkin_readings")
      .columns(["local_date", "household_id"])
      .where(sql.ref("replaced_at"), "is", null)
      .execute();

    await db.schema
      .createTable("checkin_prompts")
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("chat_id", t.id, (c) => c.notNull())
      .addColumn("outbox_id", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("checkin_prompts_pk", ["local_date", "chat_id"])
      .execute();

    await db.schema
      .createTable("checkin_runs")
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("step", "text", (c) => c.notNull())
      .addColumn("done_at", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .addPrimaryKeyConstraint("checkin_runs_pk", ["local_date", "step"])
      .execute();

    await db.schema
      .createTable("checkin_opt_in")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};
