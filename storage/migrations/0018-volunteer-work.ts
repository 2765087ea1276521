/**
 * Work for the volunteers' teams: a key-care plan may name a team ("by a
 * volunteer"), and each check made from it carries the team, so it is posted
 * to that team's volunteers as a claimable task (the first claim becomes the
 * check's responsible person).
 */
import type { Kysely, Migration } from "kysely";

export const volunteerWork: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("care_plans").addColumn("team", "text").execute();
    await db.schema.alterTable("care_checks").addColumn("team", "text").execute();
  },
};
