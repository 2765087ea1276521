/**
 * The key-care round: each person's plan (and people added by hand with a
 * reason), the checks due each day and their outcomes (the first tap wins),
 * the day's steps done once, escalations claimed once, and when residents
 * last wrote to the bot.
 */
import { type Selectable, sql } from "kysely";
import type { Address } from "../domain/address.js";
import type { CareMethod, CareOutcome, CareStatus, CheckKind } from "../domain/care.js";
import type { CareChecksTable, CarePlansTable } from "./care-schema.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
import { inTransaction } from "./transaction.js";

export interface CarePlanRow extends Address {
  manual: boolean;
  reason: string | null;
  method: CareMethod;
  everyDays: number;
  responsibleId: number | null;
  team: string | null;
  addedBy: number | null;
  createdAt: string;
}

function toPlan(r: Selectable<CarePlansTable>): CarePlanRow {
  return {
    building: r.building,
    unit: r.unit,
    room: r.room,
    manual: r.manual === 1,
    reason: r.reason,
    method: r.method,
    everyDays: r.every_days,
    responsibleId: r.responsible_id,
    team: r.team,
    addedBy: r.added_by,
    createdAt: r.created_at,
  };
}

export interface CareCheck extends Address {
  id: number;
  date: string;
  householdId: number | null;
  kind: CheckKind;
  attempt: number;
  method: CareMethod;
  responsibleId: number | null;
  /** The volunteers' team it was posted to, if its plan is "by a volunteer". */
  team: string | null;
  status: CareStatus;
  recordedBy: number | null;
  recordedAt: string | null;
  escalatedAt: string | null;
  escalationId: number | null;
}

function toCheck(r: Selectable<CareChecksTable>): CareCheck {
  return {
    id: r.id,
    date: r.local_date,
    building: r.building,
    unit: r.unit,
    room: r.room,
    householdId: r.household_id,
    kind: r.kind,
    attempt: r.attempt,
    method: r.method,
    responsibleId: r.responsible_id,
    team: r.team,
    status: r.status,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    escalatedAt: r.escalated_at,
    escalationId: r.escalation_id,
  };
}

export interface NewCheck extends Address {
  date: string;
  householdId: number | null;
  kind: CheckKind;
  attempt: number;
  method: CareMethod;
  responsibleId: number | null;
  team: string | null;
}

/** A resident of a household on the list, as the person checking on them needs them. */
export interface CareContact {
  householdId: number;
  personId: number;
  name: string | null;
  phone: string | null;
  reachability: Reachability;
  language: string | null;
}

export type RecordResult =
  | { type: "ok"; check: CareCheck; followUp: CareCheck | null }
  | { type: "already"; check: CareCheck }
  | { type: "unknown" };

const IN_CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += IN_CHUNK) out.push(list.slice(i, i + IN_CHUNK));
  return out;
}

/** Of these ids, those `find` returns, asked a chunk at a time (an IN list has a limit). */
async function foundAmong(
  ids: readonly number[],
  find: (part: number[]) => Promise<number[]>,
): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks([...new Set(ids)])) for (const id of await find(part)) found.add(id);
  return found;
}

const DUE = sql.lit("due" as const);

export function careRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function insertChecks(trx: DB, checks: readonly NewCheck[], now: string) {
    const stored: CareCheck[] = [];
    for (const part of chunks(checks)) {
      if (part.length === 0) continue;
      const rows = await trx
        .insertInto("care_checks")
        .values(
          part.map((c) => ({
            local_date: c.date,
            building: c.building,
            unit: c.unit,
            room: c.room,
            household_id: c.householdId,
            kind: c.kind,
            attempt: c.attempt,
            method: c.method,
            responsible_id: c.responsibleId,
            team: c.team,
            status: "due" as const,
            recorded_by: null,
            recorded_at: null,
            escalated_at: null,
            escalation_id: null,
            created_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["local_date", "building", "unit", "room", "kind", "attempt"]).doNothing(),
        )
        .returningAll()
        .execute();
      stored.push(...rows.map(toCheck));
    }
    return stored;
  }

  return {
    // ------------------------------------------------------------ plans

    /** Every plan, or those in these buildings. */
    async plans(buildings?: readonly string[]): Promise<CarePlanRow[]> {
      if (buildings?.length === 0) return [];
      return (
        await db
          .selectFrom("care_plans")
          .selectAll()
          .$if(buildings !== undefined, (q) => q.where("building", "in", buildings ?? []))
          .execute()
      ).map(toPlan);
    },

    async plan(a: Address): Promise<CarePlanRow | undefined> {
      const row = await db
        .selectFrom("care_plans")
        .selectAll()
        .where("building", "=", a.building)
        .where("unit", "=", a.unit)
        .where("room", "=", a.room)
        .executeTakeFirst();
      return row && toPlan(row);
    },

    /** Creates or changes a plan; fields left undefined keep their value (or the default). */
    async savePlan(
      a: Address,
      fields: {
        manual?: boolean;
        reason?: string | null;
        method?: CareMethod;
        everyDays?: number;
        responsibleId?: number | null;
        team?: string | null;
      },
      defaults: { method: CareMethod; everyDays: number },
      by: number | null,
    ): Promise<CarePlanRow> {
      const now = iso(clock);
      const set: Partial<Selectable<CarePlansTable>> = { updated_at: now };
      if (fields.manual !== undefined) set.manual = fields.manual ? 1 : 0;
      if (fields.reason !== undefined) set.reason = fields.reason;
      if (fields.method !== undefined) set.method = fields.method;
      if (fields.everyDays !== undefined) set.every_days = fields.everyDays;
      if (fields.responsibleId !== undefined) set.responsible_id = fields.responsibleId;
      if (fields.team !== undefined) set.team = fields.team;
      const row = await db
        .insertInto("care_plans")
        .values({
          building: a.building,
          unit: a.unit,
          room: a.room,
          manual: set.manual ?? 0,
          reason: set.reason ?? null,
          method: set.method ?? defaults.method,
          every_days: set.every_days ?? defaults.everyDays,
          responsible_id: set.responsible_id ?? null,
          team: set.team ?? null,
          added_by: by,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["building", "unit", "room"]).doUpdateSet(set))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPlan(row);
    },

    /** Takes a hand-made addition off the list (its plan stays, for the care flags). */
    async unsetManual(a: Address): Promise<boolean> {
      const r = await db
        .updateTable("care_plans")
        .set({ manual: 0, reason: null, updated_at: iso(clock) })
        .where("building", "=", a.building)
        .where("unit", "=", a.unit)
        .where("room", "=", a.room)
        .where("manual", "=", 1)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** The residents of these households, earliest registration first. */
    async contacts(householdIds: readonly number[]): Promise<CareContact[]> {
      const out: CareContact[] = [];
      for (const part of chunks([...new Set(householdIds)])) {
        const rows = await db
          .selectFrom("residents")
          .innerJoin("people", "people.id", "residents.person_id")
          .select([
            "residents.household_id",
            "residents.person_id",
            "people.display_name",
            "people.first_name",
            "people.phone",
            "people.reachability",
            "people.language",
            "people.telegram_language",
          ])
          .where("residents.household_id", "in", part)
          .where("people.forgotten_at", "is", null)
          .orderBy("residents.registered_at")
          .execute();
        out.push(
          ...rows.map((r) => ({
            householdId: r.household_id,
            personId: r.person_id,
            name: r.display_name ?? r.first_name,
            phone: r.phone,
            reachability: r.reachability,
            language: r.language ?? r.telegram_language,
          })),
        );
      }
      return out;
    },

    /** For each door, the last day someone reached the person (fine or needs something). */
    async lastReached(buildings?: readonly string[]): Promise<Map<string, string>> {
      if (buildings?.length === 0) return new Map();
      const rows = await db
        .selectFrom("care_checks")
        .select(["building", "unit", "room", (eb) => eb.fn.max("local_date").as("last")])
        .where("status", "in", ["fine", "needs"])
        .$if(buildings !== undefined, (q) => q.where("building", "in", buildings ?? []))
        .groupBy(["building", "unit", "room"])
        .execute();
      return new Map(rows.map((r) => [`${r.building}\u0000${r.unit}\u0000${r.room}`, r.last]));
    },

    // ------------------------------------------------------------ checks

    async check(id: number): Promise<CareCheck | undefined> {
      const row = await db
        .selectFrom("care_checks")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toCheck(row);
    },

    async checksOn(date: string): Promise<CareCheck[]> {
      const rows = await db
        .selectFrom("care_checks")
        .selectAll()
        .where("local_date", "=", date)
        .orderBy("id")
        .execute();
      return rows.map(toCheck);
    },

    /** Checks still waiting for an outcome from days before `date` (or up to it, `inclusive`). */
    async dueUpTo(date: string, inclusive: boolean): Promise<CareCheck[]> {
      const rows = await db
        .selectFrom("care_checks")
        .selectAll()
        .where("status", "=", DUE)
        .where("local_date", inclusive ? "<=" : "<", date)
        .orderBy("id")
        .execute();
      return rows.map(toCheck);
    },

    async isDone(date: string, step: string): Promise<boolean> {
      const row = await db
        .selectFrom("care_runs")
        .select("step")
        .where("local_date", "=", date)
        .where("step", "=", step)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * A day's step, once: the step is recorded, its checks stored and the
     * messages about them written, in one transaction. False (nothing
     * written) if the step was already done.
     */
    async claimStep(
      date: string,
      step: string,
      checks: readonly NewCheck[],
      messages: (stored: CareCheck[]) => NewOutboxMessage[],
      detail: Record<string, unknown> = {},
    ): Promise<CareCheck[] | false> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const claimed = await trx
          .insertInto("care_runs")
          .values({ local_date: date, step, done_at: now, detail: JSON.stringify(detail) })
          .onConflict((oc) => oc.columns(["local_date", "step"]).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        const stored = await insertChecks(trx, checks, now);
        await outbox.enqueue(messages(stored), trx);
        return stored;
      });
    },

    /**
     * One tap: the outcome is stored if the check is still due (the first tap
     * wins). A follow-up check (another try) is stored with its messages in
     * the same transaction, when `followUp` gives one.
     */
    async record(
      id: number,
      outcome: CareOutcome,
      by: number,
      followUp?: (
        check: CareCheck,
      ) => { check: NewCheck; messages: (stored: CareCheck) => NewOutboxMessage[] } | undefined,
      /** More writes in the same transaction once the outcome is stored (the volunteers' task). */
      also?: (trx: DB, check: CareCheck) => Promise<void>,
    ): Promise<RecordResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const r = await trx
          .updateTable("care_checks")
          .set({ status: outcome, recorded_by: by, recorded_at: now })
          .where("id", "=", id)
          .where("status", "=", DUE)
          .executeTakeFirst();
        const row = await trx
          .selectFrom("care_checks")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst();
        if (!row) return { type: "unknown" as const };
        const check = toCheck(row);
        if (Number(r.numUpdatedRows) === 0) return { type: "already" as const, check };
        const next = followUp?.(check);
        let stored: CareCheck | null = null;
        if (next) {
          stored = (await insertChecks(trx, [next.check], now))[0] ?? null;
          if (stored) await outbox.enqueue(next.messages(stored), trx);
        }
        await also?.(trx, check);
        return { type: "ok" as const, check, followUp: stored };
      });
    },

    /**
     * A volunteer claims a check posted to their team: the first claim wins
     * (one UPDATE that matches only a due check nobody holds) and makes them
     * responsible for it; `also` runs in the same transaction (the task).
     */
    async claimCheck(
      id: number,
      personId: number,
      also: (trx: DB, check: CareCheck) => Promise<void>,
    ): Promise<{ ok: true; check: CareCheck } | { ok: false; check: CareCheck | undefined }> {
      return inTransaction(db, async (trx) => {
        const row = await trx
          .updateTable("care_checks")
          .set({ responsible_id: personId })
          .where("id", "=", id)
          .where("status", "=", DUE)
          .where("team", "is not", null)
          .where("responsible_id", "is", null)
          .where("escalated_at", "is", null)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const current = await trx
            .selectFrom("care_checks")
            .selectAll()
            .where("id", "=", id)
            .executeTakeFirst();
          return { ok: false as const, check: current && toCheck(current) };
        }
        const check = toCheck(row);
        await also(trx, check);
        return { ok: true as const, check };
      });
    },

    /** Checks of a team (up to this date) still due and held by nobody: to post to the team. */
    async unclaimedTeamChecks(date: string): Promise<CareCheck[]> {
      const rows = await db
        .selectFrom("care_checks")
        .selectAll()
        .where("local_date", "<=", date)
        .where("status", "=", DUE)
        .where("team", "is not", null)
        .where("responsible_id", "is", null)
        .where("escalated_at", "is", null)
        .orderBy("id")
        .execute();
      return rows.map(toCheck);
    },

    /** Claims the escalation of a check (once across processes); the item is raised after. */
    async claimEscalation(id: number): Promise<boolean> {
      const r = await db
        .updateTable("care_checks")
        .set({ escalated_at: iso(clock) })
        .where("id", "=", id)
        .where("escalated_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async setEscalation(id: number, escalationId: number): Promise<void> {
      await db
        .updateTable("care_checks")
        .set({ escalation_id: escalationId })
        .where("id", "=", id)
        .execute();
    },

    /** Claimed before `before` but never raised (the process stopped in between). */
    async claimedNotRaised(before: string): Promise<CareCheck[]> {
      const rows = await db
        .selectFrom("care_checks")
        .selectAll()
        .where("escalated_at", "<=", before)
        .where("escalation_id", "is", null)
        .execute();
      return rows.map(toCheck);
    },

    /** Claims a stale claim for raising again (conditional on the old claim time). */
    async reclaim(id: number, claimedAt: string): Promise<boolean> {
      const r = await db
        .updateTable("care_checks")
        .set({ escalated_at: iso(clock) })
        .where("id", "=", id)
        .where("escalated_at", "=", claimedAt)
        .where("escalation_id", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    // ------------------------------------------------------------ silence

    /** A resident wrote to the bot (or pressed a button) at `at`. */
    async seen(personId: number, at: string): Promise<void> {
      await db
        .insertInto("care_activity")
        .values({ person_id: personId, last_at: at })
        .onConflict((oc) => oc.column("person_id").doUpdateSet({ last_at: at }))
        .execute();
    },

    /** Of these people, those who wrote to the bot at or after `since`. */
    activeSince: (personIds: readonly number[], since: string) =>
      foundAmong(personIds, async (part) =>
        (
          await db
            .selectFrom("care_activity")
            .select("person_id as id")
            .where("person_id", "in", part)
            .where("last_at", ">=", since)
            .execute()
        ).map((r) => r.id),
      ),

    /** Of these people, those who confirmed a notice at or after `since`. */
    confirmedSince: (personIds: readonly number[], since: string) =>
      foundAmong(personIds, async (part) =>
        (
          await db
            .selectFrom("notice_deliveries")
            .select("person_id as id")
            .where("person_id", "in", part)
            .where("confirmed_at", ">=", since)
            .distinct()
            .execute()
        ).map((r) => r.id),
      ),

    /** Of these households, those with a current check-in reading on `date`. */
    reportedOn: (date: string, householdIds: readonly number[]) =>
      foundAmong(householdIds, async (part) =>
        (
          await db
            .selectFrom("checkin_readings")
            .select("household_id as id")
            .where("local_date", "=", date)
            .where("replaced_at", "is", null)
            .where("household_id", "in", part)
            .distinct()
            .execute()
        ).map((r) => r.id),
      ),
  };
}

export type CareRepo = ReturnType<typeof careRepo>;
