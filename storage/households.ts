/** Households (one per room) and the residents registered in them. */
import type { Selectable } from "kysely";
import type { Address } from "../domain/address.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type { HouseholdsTable } from "./households-schema.js";
import { inTransaction } from "./transaction.js";

export const CARE_FLAGS = [
  "lives_alone",
  "over_75",
  "reduced_mobility",
  "chronic_medicine",
] as const;
export type CareFlag = (typeof CARE_FLAGS)[number];

export interface Registration {
  personId: number;
  address: Address;
  displayName: string;
  phone: string | null;
  members: number;
  flags: CareFlag[];
}

/** A household as features see it: its room, its size and its care flags. */
export interface Household {
  id: number;
  building: string;
  unit: string;
  room: string;
  members: number;
  flags: CareFlag[];
  createdAt: string;
  updatedAt: string;
}

function toHousehold(r: Selectable<HouseholdsTable>): Household {
  return {
    id: r.id,
    building: r.building,
    unit: r.unit,
    room: r.room,
    members: r.members,
    flags: CARE_FLAGS.filter((f) => r[f] === 1),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface ResidentView {
  household: Household;
  displayName: string | null;
  phone: string | null;
}

export function householdsRepo(db: DB, clock: Clock) {
  return {
    /**
     * Stores a registration in one transaction: the household for the room
     * (created or updated), the person's name and phone, and their link to the
     * household. Registering again moves or updates the same record.
     */
    async register(r: Registration): Promise<Household> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const flags = Object.fromEntries(
          CARE_FLAGS.map((f) => [f, r.flags.includes(f) ? 1 : 0]),
        ) as Record<CareFlag, number>;
        await trx
          .insertInto("buildings")
          .values({ code: r.address.building, created_at: now })
          .onConflict((oc) => oc.column("code").doNothing())
          .execute();
        const household = await trx
          .insertInto("households")
          .values({ ...r.address, members: r.members, ...flags, created_at: now, updated_at: now })
          .onConflict((oc) =>
            oc
              .columns(["building", "unit", "room"])
              .doUpdateSet({ members: r.members, ...flags, updated_at: now }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("people")
          .set({
            display_name: r.displayName,
            phone: r.phone,
            forgotten_at: null,
            updated_at: now,
          })
          .where("id", "=", r.personId)
          .execute();
        await trx
          .insertInto("residents")
          .values({ person_id: r.personId, household_id: household.id, registered_at: now })
          .onConflict((oc) =>
            oc.column("person_id").doUpdateSet({ household_id: household.id, registered_at: now }),
          )
          .execute();
        return toHousehold(household);
      });
    },

    async ofPerson(personId: number): Promise<ResidentView | undefined> {
      const row = await db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .selectAll("households")
        .select(["people.display_name", "people.phone"])
        .where("residents.person_id", "=", personId)
        .executeTakeFirst();
      if (!row) return undefined;
      const { display_name, phone, ...household } = row;
      return { household: toHousehold(household), displayName: display_name, phone };
    },

    /**
     * Deletes a person's personal data. The person row stays (the audit log
     * points at it) with names and phone cleared; their resident link goes.
     * A household left with nobody keeps its room but loses its care flags.
     */
    async forget(personId: number): Promise<void> {
      await inTransaction(db, async (trx) => {
        const now = iso(clock);
        const link = await trx
          .selectFrom("residents")
          .select("household_id")
          .where("person_id", "=", personId)
          .executeTakeFirst();
        await trx.deleteFrom("residents").where("person_id", "=", personId).execute();
        await trx
          .updateTable("people")
          .set({
            first_name: null,
            username: null,
            display_name: null,
            phone: null,
            forgotten_at: now,
            updated_at: now,
          })
          .where("id", "=", personId)
          .execute();
        if (link) {
          const others = await trx
            .selectFrom("residents")
            .select("person_id")
            .where("household_id", "=", link.household_id)
            .executeTakeFirst();
          if (!others) {
            await trx
              .updateTable("households")
              .set({
                members: 1,
                lives_alone: 0,
                over_75: 0,
                reduced_mobility: 0,
                chronic_medicine: 0,
                updated_at: now,
              })
              .where("id", "=", link.household_id)
              .execute();
          }
        }
      });
    },

    /** Every registered resident with their room and reachability, for coverage reports. */
    async residentsWithRooms() {
      return db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "households.building",
          "households.unit",
          "households.room",
          "people.reachability",
        ])
        .execute();
    },
  };
}
