/** The volunteers' ledger: teams (the built-in four seeded), profiles, team shifts, tasks, hours. */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

const BUILT_IN = ["testing", "supplies", "medicine", "home_help"];

export const volunteers: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("volunteer_teams")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("name", "text")
      .addColumn("position", t.int, (c) => c.notNull())
      .addColumn("created_by", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("archived_at", "text")
      .execute();
    // The built-in teams, so admins can retire them like their own (named in locales/).
    const now = new Date().toISOString();
    await (db as Kysely<{ volunteer_teams: Record<string, unknown> }>)
      .insertInto("volunteer_teams")
      .values(
        BUILT_IN.map((key, position) => ({
          key,
          name: null,
          position,
          created_by: null,
          created_at: now,
          archived_at: null,
        })),
      )
      .execute();

    await db.schema
      .createTable("volunteer_profiles")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("teams", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("availability", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("buildings", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("public_name", "text")
      .addColumn("consent", "text")
      .addColumn("consent_asked_at", "text")
      .addColumn("consent_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("volunteer_shifts")
      .addColumn("id", ...t.autoId)
      .addColumn("team", "text", (c) => c.notNull())
      .addColumn("days", "text", (c) => c.notNull())
      .addColumn("start_min", t.int, (c) => c.notNull())
      .addColumn("end_min", t.int, (c) => c.notNull())
      .addColumn("needed", t.int, (c) => c.notNull())
      .addColumn("created_by", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("volunteer_shift_people")
      .addColumn("shift_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("added_by", t.id)
      .addColumn("added_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("volunteer_shift_people_pk", ["shift_id", "person_id"])
      .execute();

    await db.schema
      .createTable("volunteer_tasks")
      .addColumn("id", ...t.autoId)
      .addColumn("team", "text")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("ref_type", "text")
      .addColumn("ref_id", "text")
      .addColumn("title_key", "text", (c) => c.notNull())
      .addColumn("title_args", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("building", "text")
      .addColumn("urgent", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("claim_data", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("posted_by", t.id)
      .addColumn("posted_at", "text", (c) => c.notNull())
      .addColumn("claimed_by", t.id)
      .addColumn("claimed_at", "text")
      .addColumn("done_at", "text")
      .addColumn("posts_settled", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // One task per thing (NULL refs are distinct on both databases).
    await db.schema
      .createIndex("volunteer_tasks_ref")
      .on("volunteer_tasks")
      .columns(["ref_type", "ref_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex("volunteer_tasks_status")
      .on("volunteer_tasks")
      .column("status")
      .execute();
    await db.schema
      .createIndex("volunteer_tasks_unsettled")
      .on("volunteer_tasks")
      .column("id")
      .where(sql.ref("posts_settled"), "=", sql.lit(0))
      .execute();

    await db.schema
      .createTable("volunteer_hours")
      .addColumn("id", ...t.autoId)
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("team", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("task_id", t.id)
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("started_at", "text")
      .addColumn("ended_at", "text")
      .addColumn("minutes", t.int, (c) => c.notNull())
      .addColumn("capped", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("reason", "text")
      .addColumn("added_by", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("corrected_by", t.id)
      .addColumn("corrected_at", "text")
      .addColumn("correction_reason", "text")
      .addColumn("original_minutes", t.int)
      .execute();
    await db.schema
      .createIndex("volunteer_hours_person_day")
      .on("volunteer_hours")
      .columns(["person_id", "day"])
      .execute();
    await db.schema
      .createIndex("volunteer_hours_day")
      .on("volunteer_hours")
      .column("day")
      .execute();
  },
};
