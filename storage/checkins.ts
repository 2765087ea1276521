/**
 * The daily health check-in: settings, readings (a new one replaces the old
 * and the old stays as history), the per-group prompt records and per-day
 * run records that make each scheduled action happen once a day, and the
 * residents who opted in to a private prompt.
 */
import type { Selectable } from "kysely";
import type { Address } from "../domain/address.js";
import type { CheckinStep } from "../domain/checkin-schedule.js";
import { type CheckinSettings, DEFAULT_SETTINGS } from "../domain/checkin-schedule.js";
import type { CheckinHousehold, CheckinReading, Symptom } from "../domain/checkin-summary.js";
import type { Role } from "../domain/roles.js";
import type { CheckinReadingsTable } from "./checkin-schema.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockKeyForTransaction } from "./dialect.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
import { inTransaction } from "./transaction.js";

/** A resident who can be written to on the household's behalf. */
export interface HouseholdContact {
  personId: number;
  language: string | null;
  reachability: Reachability;
}

/** A registered household as the check-in sees it. */
export interface CheckinHouseholdRow extends CheckinHousehold {
  /** The first phone number on record among its residents. */
  phone: string | null;
  /** Its residents, earliest registration first. */
  contacts: HouseholdContact[];
}

export interface StoredReading extends CheckinReading {
  id: number;
  reportedBy: number;
  reportedAt: string;
  proxy: boolean;
}

export interface NewReading {
  householdId: number;
  member: number;
  date: string;
  celsius: number;
  symptom: Symptom;
  note: string | null;
  reportedBy: number;
  proxy: boolean;
}

/** A day's step, done: when, and what it did (counts). */
export interface CheckinRunRecord {
  step: CheckinStep;
  doneAt: string;
  detail: Record<string, unknown>;
}

/** A resident who asked for the private morning prompt, with their room. */
export interface OptedIn {
  personId: number;
  householdId: number;
  building: string;
  unit: string;
  room: string;
  language: string | null;
  telegramLanguage: string | null;
  reachability: Reachability;
}

export interface StaffMember {
  personId: number;
  language: string | null;
}

export function checkinsRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  const toReading = (
    r: Omit<Selectable<CheckinReadingsTable>, "replaced_at" | "replaced_by">,
  ): StoredReading => ({
    id: r.id,
    householdId: r.household_id,
    member: r.member,
    date: r.local_date,
    celsius: r.celsius,
    symptom: r.symptom as Symptom,
    note: r.note,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at,
    proxy: r.proxy === 1,
  });

  const readingColumns = [
    "id",
    "household_id",
    "member",
    "local_date",
    "celsius",
    "symptom",
    "note",
    "reported_by",
    "reported_at",
    "proxy",
  ] as const;

  /** Households read per query when the whole community is read. */
  const HOUSEHOLD_PAGE = 2000;

  /**
   * Registered households (with at least one resident who hasn't used
   * /forget), in household order, their residents earliest registration
   * first. The whole community is read a page of households at a time, and
   * the building and unit names are shared between households, so 100,000
   * households don't hold every raw row in memory at once.
   */
  async function households(where?: { householdId?: number }): Promise<CheckinHouseholdRow[]> {
    const rowsOf = (from: number, to: number) =>
      db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "households.id",
          "households.building",
          "households.unit",
          "households.room",
          "households.members",
          "residents.person_id",
          "people.phone",
          "people.language",
          "people.telegram_language",
          "people.reachability",
        ])
        .where("people.forgotten_at", "is", null)
        .where("households.id", ">=", from)
        .where("households.id", "<=", to)
        .orderBy("households.id")
        .orderBy("residents.registered_at")
        .orderBy("residents.person_id")
        .execute();
    const names = new Map<string, string>();
    const shared = (name: string) => {
      const known = names.get(name);
      if (known !== undefined) return known;
      names.set(name, name);
      return name;
    };
    const out: CheckinHouseholdRow[] = [];
    const collect = (rows: Awaited<ReturnType<typeof rowsOf>>) => {
      let h: CheckinHouseholdRow | undefined;
      for (const r of rows) {
        const language = r.language ?? r.telegram_language;
        // A literal array: one pushed into an empty one reserves room for 17.
        const contact: HouseholdContact = {
          personId: r.person_id,
          language: language === null ? null : shared(language),
          reachability: shared(r.reachability) as Reachability,
        };
        if (h?.id === r.id) {
          h.contacts.push(contact);
          if (contact.reachability === "reachable") h.reachable = true;
          h.phone ??= r.phone;
          continue;
        }
        h = {
          id: r.id,
          building: shared(r.building),
          unit: shared(r.unit),
          room: r.room,
          members: r.members,
          reachable: contact.reachability === "reachable",
          phone: r.phone,
          contacts: [contact],
        };
        out.push(h);
      }
    };
    if (where?.householdId !== undefined) {
      collect(await rowsOf(where.householdId, where.householdId));
      return out;
    }
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const page = await db
        .selectFrom("households")
        .select("id")
        .where("id", ">", after)
        .orderBy("id")
        .limit(HOUSEHOLD_PAGE)
        .execute();
      const first = page[0];
      const last = page[page.length - 1];
      if (!first || !last) return out;
      collect(await rowsOf(first.id, last.id));
      after = last.id;
    }
  }

  const repo = {
    async settings(): Promise<CheckinSettings> {
      const row = await db
        .selectFrom("checkin_settings")
        .selectAll()
        .where("id", "=", 1)
        .executeTakeFirst();
      if (!row) return { ...DEFAULT_SETTINGS };
      return {
        prompt: row.prompt_time,
        deadline: row.deadline_time,
        report: row.report_time,
        enabled: row.enabled === 1,
      };
    },

    async saveSettings(s: CheckinSettings, by: number | null): Promise<void> {
      const values = {
        prompt_time: s.prompt,
        deadline_time: s.deadline,
        report_time: s.report,
        enabled: s.enabled ? 1 : 0,
        updated_by: by,
        updated_at: iso(clock),
      };
      await db
        .insertInto("checkin_settings")
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column("id").doUpdateSet(values))
        .execute();
    },

    households: () => households(),

    async household(id: number): Promise<CheckinHouseholdRow | undefined> {
      return (await households({ householdId: id }))[0];
    },

    /** The household a person is registered in. */
    async householdOf(personId: number): Promise<CheckinHouseholdRow | undefined> {
      const link = await db
        .selectFrom("residents")
        .select("household_id")
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return link ? repo.household(link.household_id) : undefined;
    },

    /** The registered household at an address (undefined for a room nobody registered). */
    async householdAt(a: Address): Promise<CheckinHouseholdRow | undefined> {
      const row = await db
        .selectFrom("households")
        .select("id")
        .where("building", "=", a.building)
        .where("unit", "=", a.unit)
        .where("room", "=", a.room)
        .executeTakeFirst();
      return row ? repo.household(row.id) : undefined;
    },

    /**
     * Stores a reading. The member's earlier reading of the same day, if any,
     * is kept as history and marked replaced by this one. Returns both.
     */
    async record(
      r: NewReading,
    ): Promise<{ reading: StoredReading; replaced: StoredReading | null }> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        // One member's readings of a day, one at a time: two at once would both find no
        // current reading and both insert one (PostgreSQL; SQLite is one writer anyway).
        await lockKeyForTransaction(trx, `checkin:${r.householdId}:${r.date}:${r.member}`);
        const old = await trx
          .selectFrom("checkin_readings")
          .select(readingColumns)
          .where("household_id", "=", r.householdId)
          .where("local_date", "=", r.date)
          .where("member", "=", r.member)
          .where("replaced_at", "is", null)
          .executeTakeFirst();
        if (old) {
          await trx
            .updateTable("checkin_readings")
            .set({ replaced_at: now })
            .where("id", "=", old.id)
            .execute();
        }
        const inserted = await trx
          .insertInto("checkin_readings")
          .values({
            household_id: r.householdId,
            member: r.member,
            local_date: r.date,
            celsius: r.celsius,
            symptom: r.symptom,
            note: r.note,
            reported_by: r.reportedBy,
            reported_at: now,
            proxy: r.proxy ? 1 : 0,
            replaced_at: null,
            replaced_by: null,
          })
          .returning(readingColumns)
          .executeTakeFirstOrThrow();
        if (old) {
          await trx
            .updateTable("checkin_readings")
            .set({ replaced_by: inserted.id })
            .where("id", "=", old.id)
            .execute();
        }
        return { reading: toReading(inserted), replaced: old ? toReading(old) : null };
      });
    },

    /** Current readings of the days from `from` to `to` (local dates, inclusive). */
    async readings(from: string, to: string, householdId?: number): Promise<StoredReading[]> {
      let query = db
        .selectFrom("checkin_readings")
        .select(readingColumns)
        .where("local_date", ">=", from)
        .where("local_date", "<=", to)
        .where("replaced_at", "is", null);
      if (householdId !== undefined) query = query.where("household_id", "=", householdId);
      const rows = await query.orderBy("id").execute();
      return rows.map(toReading);
    },

    /** Current readings of the days from `from` to `to`, only what the summaries need (fast for 10,000 households). */
    async forSummary(from: string, to: string): Promise<CheckinReading[]> {
      const rows = await db
        .selectFrom("checkin_readings")
        .select(["household_id", "member", "local_date", "celsius", "symptom", "note"])
        .where("local_date", ">=", from)
        .where("local_date", "<=", to)
        .where("replaced_at", "is", null)
        .execute();
      return rows.map((r) => ({
        householdId: r.household_id,
        member: r.member,
        date: r.local_date,
        celsius: r.celsius,
        symptom: r.symptom as Symptom,
        note: r.note,
      }));
    },

    async isDone(date: string, step: CheckinStep): Promise<boolean> {
      const row = await db
        .selectFrom("checkin_runs")
        .select("step")
        .where("local_date", "=", date)
        .where("step", "=", step)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The steps done on a day, and when. */
    async runsOn(date: string): Promise<CheckinRunRecord[]> {
      const rows = await db
        .selectFrom("checkin_runs")
        .select(["step", "done_at", "detail"])
        .where("local_date", "=", date)
        .execute();
      return rows.map((r) => ({
        step: r.step as CheckinStep,
        doneAt: r.done_at,
        detail: r.detail === null ? {} : (JSON.parse(r.detail) as Record<string, unknown>),
      }));
    },

    /**
     * Marks a day's step done and enqueues its messages in ONE transaction.
     * Returns false (and enqueues nothing) when the step was already done.
     */
    async claimStep(
      date: string,
      step: CheckinStep,
      rows: readonly NewOutboxMessage[],
      detail: Record<string, unknown> = {},
      /** More rows, made a chunk at a time as they are written (in the same transaction). */
      more: Iterable<readonly NewOutboxMessage[]> = [],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .insertInto("checkin_runs")
          .values({
            local_date: date,
            step,
            done_at: iso(clock),
            detail: JSON.stringify(detail),
          })
          .onConflict((oc) => oc.columns(["local_date", "step"]).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await outbox.enqueue(rows, trx);
        for (const chunk of more) await outbox.enqueue(chunk, trx);
        return true;
      });
    },

    async promptedGroups(date: string): Promise<Set<number>> {
      const rows = await db
        .selectFrom("checkin_prompts")
        .select("chat_id")
        .where("local_date", "=", date)
        .execute();
      return new Set(rows.map((r) => r.chat_id));
    },

    /**
     * Today's prompt for each group that has none yet: the record and its
     * outbox row in one transaction. Returns how many groups were prompted.
     */
    async promptGroups(date: string, messages: readonly NewOutboxMessage[]): Promise<number> {
      return inTransaction(db, async (trx) => {
        let count = 0;
        for (const message of messages) {
          const result = await trx
            .insertInto("checkin_prompts")
            .values({
              local_date: date,
              chat_id: message.chatId,
              outbox_id: null,
              created_at: iso(clock),
            })
            .onConflict((oc) => oc.columns(["local_date", "chat_id"]).doNothing())
            .executeTakeFirst();
          if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) continue;
          const [id] = await outbox.enqueue([message], trx);
          await trx
            .updateTable("checkin_prompts")
            .set({ outbox_id: id ?? null })
            .where("local_date", "=", date)
            .where("chat_id", "=", message.chatId)
            .execute();
          count++;
        }
        return count;
      });
    },

    /** Turns the private morning prompt on or off. Returns whether anything changed. */
    async setOptIn(personId: number, on: boolean): Promise<boolean> {
      if (on) {
        const result = await db
          .insertInto("checkin_opt_in")
          .values({ person_id: personId, created_at: iso(clock) })
          .onConflict((oc) => oc.column("person_id").doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      }
      const result = await db
        .deleteFrom("checkin_opt_in")
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async isOptedIn(personId: number): Promise<boolean> {
      const row = await db
        .selectFrom("checkin_opt_in")
        .select("person_id")
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Opted-in residents who are still registered, with their household's address. */
    async optedIn(): Promise<OptedIn[]> {
      const rows = await db
        .selectFrom("checkin_opt_in")
        .innerJoin("residents", "residents.person_id", "checkin_opt_in.person_id")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "residents.person_id",
          "households.id as household_id",
          "households.building",
          "households.unit",
          "households.room",
          "people.language",
          "people.telegram_language",
          "people.reachability",
        ])
        .where("people.forgotten_at", "is", null)
        .orderBy("residents.person_id")
        .execute();
      return rows.map((r) => ({
        personId: r.person_id,
        householdId: r.household_id,
        building: r.building,
        unit: r.unit,
        room: r.room,
        language: r.language,
        telegramLanguage: r.telegram_language,
        reachability: r.reachability,
      }));
    },

    /** People holding any of `roles` (from the database), once each. */
    async staff(roles: readonly Role[]): Promise<StaffMember[]> {
      if (roles.length === 0) return [];
      const rows = await db
        .selectFrom("roles")
        .leftJoin("people", "people.id", "roles.person_id")
        .select(["roles.person_id", "people.language", "people.telegram_language"])
        .where("roles.role", "in", [...roles])
        .where("people.forgotten_at", "is", null)
        .orderBy("roles.person_id")
        .execute();
      const seen = new Map<number, StaffMember>();
      for (const r of rows) {
        if (!seen.has(r.person_id))
          seen.set(r.person_id, {
            personId: r.person_id,
            language: r.language ?? r.telegram_language,
          });
      }
      return [...seen.values()];
    },
  };
  return repo;
}

export type CheckinsRepo = ReturnType<typeof checkinsRepo>;
