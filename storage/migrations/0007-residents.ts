/**
 * Care needs per resident, and removals from a room.
 *
 * Until now a room's household size and care flags were one set of columns
 * on `households`, overwritten by whoever registered last: a stranger could
 * wipe "lives alone, over 75" from an old person's record. From here on each
 * resident keeps their own answers on their `residents` row, and the
 * household's columns are the combination of its residents' answers
 * (recomputed in the same transaction as every change; see
 * storage/households.ts). Existing residents start with what their household
 * had, which is the best that is known about them.
 *
 * `household_removals`: a worker took this person out of this room; they may
 * not register into it again until a worker allows it.
 */
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "../dialect.js";

const NEEDS = [
  "members",
  "lives_alone",
  "over_75",
  "reduced_mobility",
  "chronic_medicine",
] as const;

export const residents: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .alterTable("residents")
      .addColumn("members", t.int, (c) => c.notNull().defaultTo(1))
      .execute();
    for (const flag of NEEDS.slice(1)) {
      await db.schema
        .alterTable("residents")
        .addColumn(flag, t.int, (c) => c.notNull().defaultTo(0))
        .execute();
    }
    // One statement: each resident starts with what their household had.
    const from = (column: string) =>
      sql`(select ${sql.ref(`households.${column}`)} from households
           where households.id = residents.household_id)`;
    await sql`update residents set ${sql.join(
      NEEDS.map((c) => sql`${sql.ref(c)} = ${from(c)}`),
      sql`, `,
    )} where exists (select 1 from households where households.id = residents.household_id)`.execute(
      db,
    );

    await db.schema
      .createTable("household_removals")
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("removed_by", t.id)
      .addColumn("removed_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("household_removals_pk", ["household_id", "person_id"])
      .execute();
  },
};
