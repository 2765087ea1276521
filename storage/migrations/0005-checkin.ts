/** The daily health check-in: settings, readings (with their history), prompts and runs per day, opt-ins. */
import { type Kysely, type Migration, sql } from "kysely";

export const checkin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("checkin_settings")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("prompt_time", "text", (c) => c.notNull())
      .addColumn("deadline_time", "text", (c) => c.notNull())
      .addColumn("report_time", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("updated_by", "integer")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("checkin_readings")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("household_id", "integer", (c) => c.notNull())
      .addColumn("member", "integer", (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("celsius", "real", (c) => c.notNull())
      .addColumn("symptom", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("reported_by", "integer", (c) => c.notNull())
      .addColumn("reported_at", "text", (c) => c.notNull())
      .addColumn("proxy", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("replaced_at", "text")
      .addColumn("replaced_by", "integer")
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
      .addColumn("chat_id", "integer", (c) => c.notNull())
      .addColumn("outbox_id", "integer")
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
      .addColumn("person_id", "integer", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};
