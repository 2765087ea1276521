/**
 * Households (one per room), the residents registered in them with their own
 * answers, and removals from a room. A household's size and care flags are
 * its residents' answers combined (`recombine`); nobody's registration
 * overwrites another's.
 */
import type { Selectable } from "kysely";
import type { Address } from "../domain/address.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type { HouseholdsTable } from "./households-schema.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
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

/** A household as features see it: its room, and its size and care flags (all residents combined). */
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

/** What one resident said about their household. */
export interface Needs {
  members: number;
  flags: CareFlag[];
}

export interface ResidentView {
  /** The household as all its residents together describe it. */
  household: Household;
  /** What this resident said. */
  own: Needs;
  /** How many other people are registered in the same room. */
  others: number;
  displayName: string | null;
  phone: string | null;
}

/** Someone registered in a room, as the room's other residents and its staff may be told. */
export interface RoomResident {
  personId: number;
  displayName: string | null;
  firstName: string | null;
  username: string | null;
  language: string | null;
  telegramLanguage: string | null;
  reachability: Reachability;
  registeredAt: string;
  own: Needs;
}

/** Someone a worker took out of a room. */
export interface RemovedResident {
  personId: number;
  displayName: string | null;
  firstName: string | null;
  username: string | null;
  removedBy: number | null;
  removedAt: string;
}

/** What a registration changed, for the messages it causes. */
export interface Registered {
  household: Household;
  /** The people already registered in this room (not the registrant). */
  others: RoomResident[];
  /** The registrant is new to this room (first registration, or a move) and it had residents. */
  joinedOthers: boolean;
}

/** A worker removed this person from the room they are registering into. */
export class RemovedFromRoom extends Error {
  constructor() {
    super("a worker removed this person from this room");
  }
}

const NEED_COLUMNS = ["members", ...CARE_FLAGS] as const;

function needsOf(r: { members: number } & Record<CareFlag, number>): Needs {
  return { members: r.members, flags: CARE_FLAGS.filter((f) => r[f] === 1) };
}

/**
 * The household's size and care flags from its residents' own answers: the
 * largest size anyone gave (a member counted twice is asked about once more;
 * a member never counted is never asked about), and each flag if anyone
 * ticked it. A room nobody lives in any more keeps its row with 1 and no flags.
 */
export async function recombine(trx: DB, householdId: number, now: string): Promise<void> {
  const combined = await trx
    .selectFrom("residents")
    .select((eb) => NEED_COLUMNS.map((c) => eb.fn.max(c).as(c)))
    .where("household_id", "=", householdId)
    .executeTakeFirst();
  const value = (c: (typeof NEED_COLUMNS)[number]) =>
    Number(combined?.[c] ?? (c === "members" ? 1 : 0));
  await trx
    .updateTable("households")
    .set({
      members: value("members"),
      lives_alone: value("lives_alone"),
      over_75: value("over_75"),
      reduced_mobility: value("reduced_mobility"),
      chronic_medicine: value("chronic_medicine"),
      updated_at: now,
    })
    .where("id", "=", householdId)
    .execute();
}

function roomResidents(db: DB, householdId: number) {
  return db
    .selectFrom("residents")
    .innerJoin("people", "people.id", "residents.person_id")
    .select([
      "residents.person_id",
      "residents.registered_at",
      "residents.members",
      "residents.lives_alone",
      "residents.over_75",
      "residents.reduced_mobility",
      "residents.chronic_medicine",
      "people.display_name",
      "people.first_name",
      "people.username",
      "people.language",
      "people.telegram_language",
      "people.reachability",
    ])
    .where("residents.household_id", "=", householdId)
    .orderBy("residents.registered_at")
    .orderBy("residents.person_id")
    .execute()
    .then((rows) =>
      rows.map(
        (r): RoomResident => ({
          personId: r.person_id,
          displayName: r.display_name,
          firstName: r.first_name,
          username: r.username,
          language: r.language,
          telegramLanguage: r.telegram_language,
          reachability: r.reachability,
          registeredAt: r.registered_at,
          own: needsOf(r),
        }),
      ),
    );
}

/** Registered households (someone lives there) with at least one care flag. */
async function flaggedHouseholds(db: DB, buildings?: readonly string[]): Promise<Household[]> {
  if (buildings?.length === 0) return [];
  const rows = await db
    .selectFrom("households")
    .selectAll()
    .$if(buildings !== undefined, (q) => q.where("building", "in", buildings ?? []))
    .where((eb) => eb.or(CARE_FLAGS.map((f) => eb(f, "=", 1))))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("residents")
          .select("person_id")
          .whereRef("residents.household_id", "=", "households.id"),
      ),
    )
    .execute();
  return rows.map(toHousehold);
}

export function householdsRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function householdAt(trx: DB, address: Address) {
    return trx
      .selectFrom("households")
      .selectAll()
      .where("building", "=", address.building)
      .where("unit", "=", address.unit)
      .where("room", "=", address.room)
      .executeTakeFirst();
  }

  async function removedFrom(trx: DB, personId: number, householdId: number): Promise<boolean> {
    const row = await trx
      .selectFrom("household_removals")
      .select("person_id")
      .where("household_id", "=", householdId)
      .where("person_id", "=", personId)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    /**
     * Stores a registration in one transaction: the household for the room
     * (created if new), the person's name and phone, their link to the
     * household with their own answers, the household's combined answers,
     * and the messages `messages` makes of it (the room's other residents
     * and the staff are told). Registering again moves or updates the same
     * record; it never changes what another resident said. Returns what
     * changed, with the household's id as `id`. Throws RemovedFromRoom for a
     * room a worker removed this person from (nothing is stored).
     */
    async register(
      r: Registration,
      messages?: (registered: Registered) => NewOutboxMessage[],
    ): Promise<Registered & { id: number }> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const existing = await householdAt(trx, r.address);
        if (existing && (await removedFrom(trx, r.personId, existing.id))) {
          throw new RemovedFromRoom();
        }
        await trx
          .insertInto("buildings")
          .values({ code: r.address.building, created_at: now })
          .onConflict((oc) => oc.column("code").doNothing())
          .execute();
        const household =
          existing ??
          (await trx
            .insertInto("households")
            .values({
              ...r.address,
              members: 1,
              lives_alone: 0,
              over_75: 0,
              reduced_mobility: 0,
              chronic_medicine: 0,
              created_at: now,
              updated_at: now,
            })
            .onConflict((oc) =>
              oc.columns(["building", "unit", "room"]).doUpdateSet({ updated_at: now }),
            )
            .returningAll()
            .executeTakeFirstOrThrow());
        const before = await trx
          .selectFrom("residents")
          .select("household_id")
          .where("person_id", "=", r.personId)
          .executeTakeFirst();
        const others = (await roomResidents(trx, household.id)).filter(
          (o) => o.personId !== r.personId,
        );
        await trx
          .updateTable("people")
          .set({ display_name: r.displayName, phone: r.phone, forgotten_at: null, updated_at: now })
          .where("id", "=", r.personId)
          .execute();
        const needs = Object.fromEntries(
          CARE_FLAGS.map((f) => [f, r.flags.includes(f) ? 1 : 0]),
        ) as Record<CareFlag, number>;
        const moved = before !== undefined && before.household_id !== household.id;
        await trx
          .insertInto("residents")
          .values({
            person_id: r.personId,
            household_id: household.id,
            registered_at: now,
            members: r.members,
            ...needs,
          })
          .onConflict((oc) =>
            oc.column("person_id").doUpdateSet({
              household_id: household.id,
              members: r.members,
              ...needs,
              // Kept while they stay in the room: the first registered is who staff call first.
              ...(moved ? { registered_at: now } : {}),
            }),
          )
          .execute();
        await recombine(trx, household.id, now);
        if (moved) await recombine(trx, before.household_id, now);
        const stored = await trx
          .selectFrom("households")
          .selectAll()
          .where("id", "=", household.id)
          .executeTakeFirstOrThrow();
        const registered: Registered = {
          household: toHousehold(stored),
          others,
          joinedOthers: (before === undefined || moved) && others.length > 0,
        };
        if (messages) await outbox.enqueue(messages(registered), trx);
        return { ...registered, id: household.id };
      });
    },

    async byId(id: number): Promise<Household | undefined> {
      const row = await db
        .selectFrom("households")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toHousehold(row);
    },

    /** Whether a worker removed this person from the room at this address. */
    async isRemovedFrom(personId: number, address: Address): Promise<boolean> {
      const household = await householdAt(db, address);
      return household !== undefined && (await removedFrom(db, personId, household.id));
    },

    async ofPerson(personId: number): Promise<ResidentView | undefined> {
      const row = await db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .selectAll("households")
        .select([
          "people.display_name",
          "people.phone",
          "residents.members as own_members",
          "residents.lives_alone as own_lives_alone",
          "residents.over_75 as own_over_75",
          "residents.reduced_mobility as own_reduced_mobility",
          "residents.chronic_medicine as own_chronic_medicine",
        ])
        .select((eb) =>
          eb
            .selectFrom("residents as r2")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("r2.household_id", "=", "residents.household_id")
            .where("r2.person_id", "<>", personId)
            .as("others"),
        )
        .where("residents.person_id", "=", personId)
        .executeTakeFirst();
      if (!row) return undefined;
      const {
        display_name,
        phone,
        others,
        own_members,
        own_lives_alone,
        own_over_75,
        own_reduced_mobility,
        own_chronic_medicine,
        ...household
      } = row;
      return {
        household: toHousehold(household),
        own: needsOf({
          members: own_members,
          lives_alone: own_lives_alone,
          over_75: own_over_75,
          reduced_mobility: own_reduced_mobility,
          chronic_medicine: own_chronic_medicine,
        }),
        others: Number(others ?? 0),
        displayName: display_name,
        phone,
      };
    },

    /** The household at a room with its residents (first registered first) and those removed from it. */
    async room(address: Address): Promise<
      | {
          household: Household;
          residents: RoomResident[];
          removed: RemovedResident[];
        }
      | undefined
    > {
      const household = await householdAt(db, address);
      if (!household) return undefined;
      const removed = await db
        .selectFrom("household_removals")
        .leftJoin("people", "people.id", "household_removals.person_id")
        .select([
          "household_removals.person_id",
          "household_removals.removed_by",
          "household_removals.removed_at",
          "people.display_name",
          "people.first_name",
          "people.username",
        ])
        .where("household_removals.household_id", "=", household.id)
        .orderBy("household_removals.removed_at")
        .execute();
      return {
        household: toHousehold(household),
        residents: await roomResidents(db, household.id),
        removed: removed.map((r) => ({
          personId: r.person_id,
          displayName: r.display_name ?? null,
          firstName: r.first_name ?? null,
          username: r.username ?? null,
          removedBy: r.removed_by,
          removedAt: r.removed_at,
        })),
      };
    },

    /**
     * Takes a person out of a household (a worker found them registered in
     * the wrong room): their link goes, the household's combined answers are
     * recomputed without theirs, they may not register into this room again
     * until allowed, and `messages` are written in the same transaction.
     * False if they were not (or no longer) registered there.
     */
    async remove(
      householdId: number,
      personId: number,
      by: number | null,
      messages: () => NewOutboxMessage[],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const gone = await trx
          .deleteFrom("residents")
          .where("person_id", "=", personId)
          .where("household_id", "=", householdId)
          .executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) return false;
        await trx
          .insertInto("household_removals")
          .values({
            household_id: householdId,
            person_id: personId,
            removed_by: by,
            removed_at: now,
          })
          .onConflict((oc) =>
            oc
              .columns(["household_id", "person_id"])
              .doUpdateSet({ removed_by: by, removed_at: now }),
          )
          .execute();
        await recombine(trx, householdId, now);
        await outbox.enqueue(messages(), trx);
        return true;
      });
    },

    /** Lets a removed person register into the room again. False if they weren't removed. */
    async allowAgain(householdId: number, personId: number): Promise<boolean> {
      const result = await db
        .deleteFrom("household_removals")
        .where("household_id", "=", householdId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Rooms with at least one care flag (from any resident), for /coverage. */
    async withCareNeeds(): Promise<Array<Address & { flags: CareFlag[] }>> {
      return (await flaggedHouseholds(db)).map((h) => ({
        building: h.building,
        unit: h.unit,
        room: h.room,
        flags: h.flags,
      }));
    },

    /**
     * Registered households with at least one care flag: the key-care list is
     * built from these (features/care reads the flags only through here).
     */
    flagged(buildings?: readonly string[]): Promise<Household[]> {
      return flaggedHouseholds(db, buildings);
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
