/**
 * The volunteers' ledger: teams, profiles, team shifts, tasks and hours.
 *
 * A task is claimed by ONE conditional UPDATE (`status = 'open'`), so of two
 * presses at the same moment exactly one matches. Hours are written in the
 * same transaction as the change that earns them (a task done), and manual
 * hours and corrections are checked against the day's total while the
 * person's row is locked (PostgreSQL; SQLite runs one transaction at a time),
 * so two at once can't pass 24 hours together. Methods called inside another
 * repository's transaction take its `trx`.
 */
import { type Selectable, sql } from "kysely";
import type { Availability, Consent, TaskState } from "../domain/volunteers.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import { inTransaction } from "./transaction.js";
import type {
  VolunteerHoursTable,
  VolunteerProfilesTable,
  VolunteerTasksTable,
} from "./volunteers-schema.js";

/** The outbox ref of the posts announcing a task to volunteers. */
export const TASK_POST_REF = "volunteer-task";

export interface Team {
  key: string;
  /** An admin's own name; null for the built-in teams (named in locales/). */
  name: string | null;
  position: number;
  archived: boolean;
}

export interface VolunteerProfile {
  personId: number;
  teams: string[];
  availability: Availability[];
  /** Empty: all buildings. */
  buildings: string[];
  publicName: string | null;
  consent: Consent | null;
  consentAskedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function toProfile(r: Selectable<VolunteerProfilesTable>): VolunteerProfile {
  return {
    personId: r.person_id,
    teams: JSON.parse(r.teams) as string[],
    availability: JSON.parse(r.availability) as Availability[],
    buildings: JSON.parse(r.buildings) as string[],
    publicName: r.public_name,
    consent: r.consent as Consent | null,
    consentAskedAt: r.consent_asked_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface TeamShift {
  id: number;
  team: string;
  days: number[];
  start: number;
  end: number;
  needed: number;
  people: number[];
}

export interface NewTeamShift {
  team: string;
  days: number[];
  start: number;
  end: number;
  /** Undefined: keep what the shift needs, or as many as are on it. */
  needed: number | undefined;
  people: number[];
}

export type TaskStatus = TaskState;

/** A title argument: plain, or a locales/ key translated for each reader. */
export type TitleArg = string | number | { key: string };

export interface VolunteerTask {
  id: number;
  team: string | null;
  kind: string;
  ref: { type: string; id: string } | null;
  titleKey: string;
  titleArgs: Record<string, TitleArg>;
  building: string | null;
  urgent: boolean;
  /** The owner's claim button, if the owner handles the claim. */
  claimData: string | null;
  status: TaskStatus;
  postedBy: number | null;
  postedAt: string;
  claimedBy: number | null;
  claimedAt: string | null;
  doneAt: string | null;
  postsSettled: boolean;
}

function toTask(r: Selectable<VolunteerTasksTable>): VolunteerTask {
  return {
    id: r.id,
    team: r.team,
    kind: r.kind,
    ref: r.ref_type === null ? null : { type: r.ref_type, id: r.ref_id ?? "" },
    titleKey: r.title_key,
    titleArgs: JSON.parse(r.title_args) as Record<string, TitleArg>,
    building: r.building,
    urgent: r.urgent === 1,
    claimData: r.claim_data,
    status: r.status as TaskStatus,
    postedBy: r.posted_by,
    postedAt: r.posted_at,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    doneAt: r.done_at,
    postsSettled: r.posts_settled === 1,
  };
}

export interface NewTask {
  team: string | null;
  kind: string;
  ref: { type: string; id: number | string } | null;
  titleKey: string;
  titleArgs: Record<string, TitleArg>;
  building: string | null;
  urgent: boolean;
  claimData: string | null;
  postedBy: number | null;
  /** Default open; a task first seen when a volunteer already holds it starts claimed. */
  status?: TaskStatus;
  claimedBy?: number | null;
}

export interface HoursEntry {
  id: number;
  personId: number;
  team: string | null;
  source: "task" | "manual";
  taskId: number | null;
  day: string;
  startedAt: string | null;
  endedAt: string | null;
  minutes: number;
  capped: boolean;
  reason: string | null;
  addedBy: number | null;
  createdAt: string;
  correctedBy: number | null;
  correctedAt: string | null;
  correctionReason: string | null;
  originalMinutes: number | null;
}

function toEntry(r: Selectable<VolunteerHoursTable>): HoursEntry {
  return {
    id: r.id,
    personId: r.person_id,
    team: r.team,
    source: r.source as "task" | "manual",
    taskId: r.task_id,
    day: r.day,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    minutes: r.minutes,
    capped: r.capped === 1,
    reason: r.reason,
    addedBy: r.added_by,
    createdAt: r.created_at,
    correctedBy: r.corrected_by,
    correctedAt: r.corrected_at,
    correctionReason: r.correction_reason,
    originalMinutes: r.original_minutes,
  };
}

/** What a task's time counts for, worked out by the caller (it knows the time zone and the cap). */
export type TaskTiming = (
  claimedAt: string,
  doneAt: string,
) => { day: string; minutes: number; capped: boolean };

export type ClaimResult =
  | { ok: true; task: VolunteerTask }
  | { ok: false; task: VolunteerTask | undefined };

export type FinishResult =
  | { ok: true; task: VolunteerTask; entry: HoursEntry }
  | { ok: false; task: VolunteerTask | undefined };

export type DayCheck =
  | { ok: true; entry: HoursEntry }
  | { ok: false; error: "over-day"; dayMinutes: number }
  | { ok: false; error: "unknown" };

export function volunteersRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function taskRow(trx: DB, id: number) {
    return trx.selectFrom("volunteer_tasks").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async function insertHours(
    trx: DB,
    task: Selectable<VolunteerTasksTable>,
    personId: number,
    now: string,
    timing: TaskTiming,
  ): Promise<HoursEntry> {
    const claimedAt = task.claimed_at ?? now;
    const counted = timing(claimedAt, now);
    const row = await trx
      .insertInto("volunteer_hours")
      .values({
        person_id: personId,
        team: task.team,
        source: "task",
        task_id: task.id,
        day: counted.day,
        started_at: claimedAt,
        ended_at: now,
        minutes: counted.minutes,
        capped: counted.capped ? 1 : 0,
        reason: null,
        added_by: null,
        created_at: now,
        corrected_by: null,
        corrected_at: null,
        correction_reason: null,
        original_minutes: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(row);
  }

  /** The person's minutes on a day, with their row locked until the transaction ends. */
  async function lockedDayMinutes(
    trx: DB,
    personId: number,
    day: string,
    exceptEntry?: number,
  ): Promise<number> {
    await lockForUpdate(
      trx,
      trx.selectFrom("people").select("id").where("id", "=", personId),
    ).execute();
    let query = trx
      .selectFrom("volunteer_hours")
      .select((eb) => eb.fn.sum<number>("minutes").as("minutes"))
      .where("person_id", "=", personId)
      .where("day", "=", day);
    if (exceptEntry !== undefined) query = query.where("id", "!=", exceptEntry);
    const row = await query.executeTakeFirst();
    return Number(row?.minutes ?? 0);
  }

  /**
   * Posts a task with its messages (one transaction). A thing already
   * posted is not posted again: the existing task comes back, `created` false.
   */
  async function postTask(
    t: NewTask,
    messages: (task: VolunteerTask) => NewOutboxMessage[],
    trx?: DB,
  ): Promise<{ task: VolunteerTask; created: boolean }> {
    return inTransaction(trx ?? db, async (tx) => {
      const now = iso(clock);
      const inserted = await tx
        .insertInto("volunteer_tasks")
        .values({
          team: t.team,
          kind: t.kind,
          ref_type: t.ref?.type ?? null,
          ref_id: t.ref === null ? null : String(t.ref.id),
          title_key: t.titleKey,
          title_args: JSON.stringify(t.titleArgs),
          building: t.building,
          urgent: t.urgent ? 1 : 0,
          claim_data: t.claimData,
          status: t.status ?? "open",
          posted_by: t.postedBy,
          posted_at: now,
          claimed_by: t.claimedBy ?? null,
          claimed_at: t.claimedBy ? now : null,
          done_at: null,
          posts_settled: t.status && t.status !== "open" ? 1 : 0,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["ref_type", "ref_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        const found = await tx
          .selectFrom("volunteer_tasks")
          .selectAll()
          .where("ref_type", "=", t.ref?.type ?? "")
          .where("ref_id", "=", String(t.ref?.id ?? ""))
          .executeTakeFirstOrThrow();
        return { task: toTask(found), created: false };
      }
      const task = toTask(inserted);
      await outbox.enqueue(messages(task), tx);
      return { task, created: true };
    });
  }

  async function audit(
    trx: DB,
    actorId: number | null,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await trx
      .insertInto("audit_log")
      .values({
        at: iso(clock),
        actor_id: actorId,
        action,
        outcome: "ok",
        detail: JSON.stringify(detail),
      })
      .execute();
  }

  return {
    // ============================================================ teams

    /** The teams in their order; retired ones only when asked for. */
    async teams(options: { archived?: boolean } = {}): Promise<Team[]> {
      let query = db.selectFrom("volunteer_teams").selectAll().orderBy("position");
      if (!options.archived) query = query.where("archived_at", "is", null);
      const rows = await query.execute();
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        position: r.position,
        archived: r.archived_at !== null,
      }));
    },

    /** Adds a team, or brings a retired one back (with the new name, for an admin's own). */
    async addTeam(
      key: string,
      name: string | null,
      by: number | null,
    ): Promise<"added" | "restored" | "exists"> {
      return inTransaction(db, async (trx) => {
        const found = await trx
          .selectFrom("volunteer_teams")
          .selectAll()
          .where("key", "=", key)
          .executeTakeFirst();
        if (found && found.archived_at === null) return "exists";
        if (found) {
          await trx
            .updateTable("volunteer_teams")
            .set({ archived_at: null, name: found.name === null ? null : (name ?? found.name) })
            .where("key", "=", key)
            .execute();
          return "restored";
        }
        const last = await trx
          .selectFrom("volunteer_teams")
          .select((eb) => eb.fn.max("position").as("position"))
          .executeTakeFirst();
        await trx
          .insertInto("volunteer_teams")
          .values({
            key,
            name,
            position: Number(last?.position ?? -1) + 1,
            created_by: by,
            created_at: iso(clock),
            archived_at: null,
          })
          .onConflict((oc) => oc.column("key").doNothing())
          .execute();
        return "added";
      });
    },

    /** Retires a team (its hours and shifts stay). False if there was no such team in use. */
    async archiveTeam(key: string): Promise<boolean> {
      const result = await db
        .updateTable("volunteer_teams")
        .set({ archived_at: iso(clock) })
        .where("key", "=", key)
        .where("archived_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The buildings the layout knows, for choosing which ones a volunteer covers. */
    async buildings(): Promise<string[]> {
      const rows = await db.selectFrom("buildings").select("code").execute();
      return rows.map((r) => r.code).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    },

    // ========================================================= profiles

    async profile(personId: number, trx?: DB): Promise<VolunteerProfile | undefined> {
      const row = await (trx ?? db)
        .selectFrom("volunteer_profiles")
        .selectAll()
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return row && toProfile(row);
    },

    async profiles(): Promise<VolunteerProfile[]> {
      const rows = await db
        .selectFrom("volunteer_profiles")
        .selectAll()
        .orderBy("person_id")
        .execute();
      return rows.map(toProfile);
    },

    /** Saves teams, availability and buildings (creating the profile if needed). */
    async saveProfile(
      personId: number,
      p: { teams: string[]; availability: Availability[]; buildings: string[] },
    ): Promise<void> {
      const now = iso(clock);
      const values = {
        teams: JSON.stringify(p.teams),
        availability: JSON.stringify(p.availability),
        buildings: JSON.stringify(p.buildings),
      };
      await db
        .insertInto("volunteer_profiles")
        .values({
          person_id: personId,
          ...values,
          public_name: null,
          consent: null,
          consent_asked_at: null,
          consent_at: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column("person_id").doUpdateSet({ ...values, updated_at: now }))
        .execute();
    },

    /** The volunteer's answer about the published ledger (and the name, when named). */
    async setConsent(personId: number, consent: Consent, publicName: string | null): Promise<void> {
      const now = iso(clock);
      const values = {
        consent,
        public_name: publicName,
        consent_at: now,
        consent_asked_at: now,
        updated_at: now,
      };
      await db
        .insertInto("volunteer_profiles")
        .values({
          person_id: personId,
          teams: "[]",
          availability: "[]",
          buildings: "[]",
          created_at: now,
          ...values,
        })
        .onConflict((oc) =>
          oc.column("person_id").doUpdateSet({
            consent,
            // Anonymous keeps the name they chose, for when they change their mind.
            public_name: publicName ?? sql.ref("volunteer_profiles.public_name"),
            consent_at: now,
            consent_asked_at: sql`coalesce(volunteer_profiles.consent_asked_at, ${now})`,
            updated_at: now,
          }),
        )
        .execute();
    },

    /**
     * Asks the volunteer about the published ledger, once: the question is
     * queued only if they were never asked and never answered, in the same
     * transaction that records the asking. True if it was queued.
     */
    async askConsent(personId: number, question: NewOutboxMessage): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const result = await trx
          .insertInto("volunteer_profiles")
          .values({
            person_id: personId,
            teams: "[]",
            availability: "[]",
            buildings: "[]",
            public_name: null,
            consent: null,
            consent_asked_at: now,
            consent_at: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc
              .column("person_id")
              .doUpdateSet({ consent_asked_at: now, updated_at: now })
              .where("volunteer_profiles.consent_asked_at", "is", null)
              .where("volunteer_profiles.consent", "is", null),
          )
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await outbox.enqueue([question], trx);
        return true;
      });
    },

    /** People with hours who were never asked about the published ledger. */
    async neverAsked(limit = 50): Promise<number[]> {
      const rows = await db
        .selectFrom("volunteer_hours")
        .leftJoin("volunteer_profiles", "volunteer_profiles.person_id", "volunteer_hours.person_id")
        .select("volunteer_hours.person_id")
        .where("volunteer_profiles.consent_asked_at", "is", null)
        .where("volunteer_profiles.consent", "is", null)
        .groupBy("volunteer_hours.person_id")
        .orderBy("volunteer_hours.person_id")
        .limit(limit)
        .execute();
      return rows.map((r) => r.person_id);
    },

    /** /forget: the chosen name goes, and the hours are counted anonymously from now on. */
    async forget(personId: number): Promise<void> {
      await db
        .updateTable("volunteer_profiles")
        .set({ public_name: null, consent: "anonymous", updated_at: iso(clock) })
        .where("person_id", "=", personId)
        .execute();
    },

    // =========================================================== shifts

    async shifts(): Promise<TeamShift[]> {
      const rows = await db.selectFrom("volunteer_shifts").selectAll().orderBy("id").execute();
      const people = await db
        .selectFrom("volunteer_shift_people")
        .select(["shift_id", "person_id"])
        .orderBy("added_at")
        .orderBy("person_id")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        team: r.team,
        days: r.days.split(",").map(Number),
        start: r.start_min,
        end: r.end_min,
        needed: r.needed,
        people: people.filter((p) => p.shift_id === r.id).map((p) => p.person_id),
      }));
    },

    /**
     * Adds shifts in one transaction. A line with the same team, days and
     * times as an existing shift adds its people to it (and may change how
     * many it needs). Returns the shifts' ids, in order.
     */
    async addShifts(shifts: readonly NewTeamShift[], by: number | null): Promise<number[]> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const ids: number[] = [];
        for (const s of shifts) {
          const days = s.days.join(",");
          const found = await trx
            .selectFrom("volunteer_shifts")
            .selectAll()
            .where("team", "=", s.team)
            .where("days", "=", days)
            .where("start_min", "=", s.start)
            .where("end_min", "=", s.end)
            .executeTakeFirst();
          let id: number;
          if (found) id = found.id;
          else {
            const row = await trx
              .insertInto("volunteer_shifts")
              .values({
                team: s.team,
                days,
                start_min: s.start,
                end_min: s.end,
                needed: 1,
                created_by: by,
                created_at: now,
              })
              .returning("id")
              .executeTakeFirstOrThrow();
            id = row.id;
          }
          if (s.people.length > 0)
            await trx
              .insertInto("volunteer_shift_people")
              .values(
                s.people.map((person_id) => ({
                  shift_id: id,
                  person_id,
                  added_by: by,
                  added_at: now,
                })),
              )
              .onConflict((oc) => oc.columns(["shift_id", "person_id"]).doNothing())
              .execute();
          const count = await trx
            .selectFrom("volunteer_shift_people")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("shift_id", "=", id)
            .executeTakeFirstOrThrow();
          const needed = s.needed ?? Math.max(found?.needed ?? 1, Number(count.n), 1);
          await trx.updateTable("volunteer_shifts").set({ needed }).where("id", "=", id).execute();
          ids.push(id);
        }
        return ids;
      });
    },

    /** Removes a whole shift. */
    async removeShift(id: number): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await trx.deleteFrom("volunteer_shift_people").where("shift_id", "=", id).execute();
        const result = await trx
          .deleteFrom("volunteer_shifts")
          .where("id", "=", id)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },

    /** Takes one person off a shift. */
    async removeFromShift(id: number, personId: number): Promise<boolean> {
      const result = await db
        .deleteFrom("volunteer_shift_people")
        .where("shift_id", "=", id)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    // ============================================================ tasks

    postTask,

    async task(id: number): Promise<VolunteerTask | undefined> {
      const row = await taskRow(db, id);
      return row && toTask(row);
    },

    async taskByRef(type: string, id: number | string, trx?: DB) {
      const row = await (trx ?? db)
        .selectFrom("volunteer_tasks")
        .selectAll()
        .where("ref_type", "=", type)
        .where("ref_id", "=", String(id))
        .executeTakeFirst();
      return row && toTask(row);
    },

    /**
     * The first claim wins: one UPDATE that only matches an open task. The
     * posts still queued for others are cancelled in the same transaction.
     */
    async claim(id: number, personId: number): Promise<ClaimResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const row = await trx
          .updateTable("volunteer_tasks")
          .set({ status: "claimed", claimed_by: personId, claimed_at: now, updated_at: now })
          .where("id", "=", id)
          .where("status", "=", "open")
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const current = await taskRow(trx, id);
          return { ok: false as const, task: current && toTask(current) };
        }
        await outbox.cancelPending(TASK_POST_REF, id, "claimed", trx);
        return { ok: true as const, task: toTask(row) };
      });
    },

    /**
     * The first claim wins, for a task whose claim button its owner made
     * (found by what it is about): one UPDATE that only matches an open task.
     */
    async claimByRef(type: string, id: number | string, personId: number): Promise<ClaimResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const row = await trx
          .updateTable("volunteer_tasks")
          .set({ status: "claimed", claimed_by: personId, claimed_at: now, updated_at: now })
          .where("ref_type", "=", type)
          .where("ref_id", "=", String(id))
          .where("status", "=", "open")
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const current = await trx
            .selectFrom("volunteer_tasks")
            .selectAll()
            .where("ref_type", "=", type)
            .where("ref_id", "=", String(id))
            .executeTakeFirst();
          return { ok: false as const, task: current && toTask(current) };
        }
        await outbox.cancelPending(TASK_POST_REF, row.id, "claimed", trx);
        return { ok: true as const, task: toTask(row) };
      });
    },

    /**
     * Done by the volunteer who claimed it: the task is closed and the hours
     * from claim to now are written, in one transaction. Only one Done counts.
     */
    async finish(
      id: number,
      personId: number,
      timing: TaskTiming,
      messages: (task: VolunteerTask, entry: HoursEntry) => NewOutboxMessage[] = () => [],
    ): Promise<FinishResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const row = await trx
          .updateTable("volunteer_tasks")
          .set({ status: "done", done_at: now, updated_at: now })
          .where("id", "=", id)
          .where("status", "=", "claimed")
          .where("claimed_by", "=", personId)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const current = await taskRow(trx, id);
          return { ok: false as const, task: current && toTask(current) };
        }
        const entry = await insertHours(trx, row, personId, now, timing);
        const task = toTask(row);
        await outbox.enqueue(messages(task, entry), trx);
        return { ok: true as const, task, entry };
      });
    },

    /** The volunteer gives a claimed task back: open again, no hours. */
    async release(id: number, personId: number): Promise<ClaimResult> {
      return inTransaction(db, async (trx) => {
        const row = await trx
          .updateTable("volunteer_tasks")
          .set({ status: "open", claimed_by: null, claimed_at: null, updated_at: iso(clock) })
          .where("id", "=", id)
          .where("status", "=", "claimed")
          .where("claimed_by", "=", personId)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const current = await taskRow(trx, id);
          return { ok: false as const, task: current && toTask(current) };
        }
        return { ok: true as const, task: toTask(row) };
      });
    },

    /** Cancels an open or claimed task (its owner no longer needs it); `from`: only in these states. */
    async cancel(
      id: number,
      from: readonly string[] = ["open", "held", "claimed"],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("volunteer_tasks")
          .set({ status: "cancelled", updated_at: iso(clock) })
          .where("id", "=", id)
          .where("status", "in", [...from])
          .executeTakeFirst();
        const done = Number(result.numUpdatedRows) > 0;
        if (done) await outbox.cancelPending(TASK_POST_REF, id, "cancelled", trx);
        return done;
      });
    },

    /**
     * Follows a task whose owner decides its state (a request: its own claim,
     * assign, done…). When it reaches done while a volunteer holds it, their
     * hours from claim to now are written; a task first seen already claimed
     * is created from `create`. Runs in the owner's transaction.
     */
    async follow(
      ref: { type: string; id: number | string },
      target: { status: TaskStatus; volunteerId: number | null },
      timing: TaskTiming,
      create: NewTask | undefined,
      trx: DB,
    ): Promise<{ task: VolunteerTask | undefined; entry: HoursEntry | undefined }> {
      const now = iso(clock);
      const row = await lockForUpdate(
        trx,
        trx
          .selectFrom("volunteer_tasks")
          .selectAll()
          .where("ref_type", "=", ref.type)
          .where("ref_id", "=", String(ref.id)),
      ).executeTakeFirst();
      if (!row) {
        if (!create || target.status !== "claimed" || target.volunteerId === null)
          return { task: undefined, entry: undefined };
        const { task } = await postTask(
          { ...create, status: "claimed", claimedBy: target.volunteerId },
          () => [],
          trx,
        );
        return { task, entry: undefined };
      }
      let entry: HoursEntry | undefined;
      const set: Partial<Selectable<VolunteerTasksTable>> = { status: target.status };
      switch (target.status) {
        case "claimed":
          if (row.status !== "claimed" || row.claimed_by !== target.volunteerId) {
            set.claimed_by = target.volunteerId;
            set.claimed_at = now;
          }
          break;
        case "done":
          if (row.status === "done") return { task: toTask(row), entry: undefined };
          set.done_at = now;
          if (row.status === "claimed" && row.claimed_by !== null)
            entry = await insertHours(trx, row, row.claimed_by, now, timing);
          break;
        default:
          set.claimed_by = null;
          set.claimed_at = null;
      }
      if (target.status !== "open") {
        // Nobody else can take it now: the posts still queued are dropped.
        await outbox.cancelPending(TASK_POST_REF, row.id, target.status, trx);
      }
      const updated = await trx
        .updateTable("volunteer_tasks")
        .set({ ...set, updated_at: now })
        .where("id", "=", row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { task: toTask(updated), entry };
    },

    /**
     * The owner takes back the work that closed a task (a door marked
     * delivered by mistake after the building's last door): a done task is
     * held again by whoever held it (open if nobody did), and the hours its
     * Done wrote are removed, in the owner's transaction, so the ledger never
     * counts hours for work that is not finished. Done again later, the hours
     * run from the same claim. Anything but a done task is left as it is.
     */
    async reopen(
      ref: { type: string; id: number | string },
      trx: DB,
    ): Promise<{ task: VolunteerTask; removed: HoursEntry[] } | undefined> {
      const row = await lockForUpdate(
        trx,
        trx
          .selectFrom("volunteer_tasks")
          .selectAll()
          .where("ref_type", "=", ref.type)
          .where("ref_id", "=", String(ref.id)),
      ).executeTakeFirst();
      if (row?.status !== "done") return undefined;
      const removed = await trx
        .deleteFrom("volunteer_hours")
        .where("task_id", "=", row.id)
        .where("source", "=", "task")
        .returningAll()
        .execute();
      const updated = await trx
        .updateTable("volunteer_tasks")
        .set({
          status: row.claimed_by === null ? "open" : "claimed",
          done_at: null,
          updated_at: iso(clock),
        })
        .where("id", "=", row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { task: toTask(updated), removed: removed.map(toEntry) };
    },

    /** Tasks nobody holds yet, the urgent first, then the oldest. */
    async openTasks(limit = 50): Promise<VolunteerTask[]> {
      const rows = await db
        .selectFrom("volunteer_tasks")
        .selectAll()
        .where("status", "=", "open")
        .orderBy("urgent", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toTask);
    },

    /** Tasks a volunteer holds. */
    async claimedBy(personId: number): Promise<VolunteerTask[]> {
      const rows = await db
        .selectFrom("volunteer_tasks")
        .selectAll()
        .where("status", "=", "claimed")
        .where("claimed_by", "=", personId)
        .orderBy("id")
        .execute();
      return rows.map(toTask);
    },

    /** Tasks no longer open whose posts to others were not yet edited. */
    async unsettled(limit = 100): Promise<VolunteerTask[]> {
      const rows = await db
        .selectFrom("volunteer_tasks")
        .selectAll()
        .where("posts_settled", "=", 0)
        .where("status", "!=", "open")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toTask);
    },

    /**
     * Marks a task's posts settled with the edits that say so, once (a
     * conditional UPDATE): restart-safe, never edited twice.
     */
    async settlePosts(id: number, edits: NewOutboxMessage[]): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("volunteer_tasks")
          .set({ posts_settled: 1 })
          .where("id", "=", id)
          .where("posts_settled", "=", 0)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await outbox.cancelPending(TASK_POST_REF, id, "settled", trx);
        await outbox.enqueue(edits, trx);
        return true;
      });
    },

    // ============================================================ hours

    /** Manual hours with a reason; refused if the day would pass 24 hours. */
    async addManual(e: {
      personId: number;
      team: string | null;
      day: string;
      minutes: number;
      reason: string;
      addedBy: number;
    }): Promise<DayCheck> {
      return inTransaction(db, async (trx) => {
        const dayMinutes = await lockedDayMinutes(trx, e.personId, e.day);
        if (dayMinutes + e.minutes > 24 * 60)
          return { ok: false as const, error: "over-day" as const, dayMinutes };
        const now = iso(clock);
        const row = await trx
          .insertInto("volunteer_hours")
          .values({
            person_id: e.personId,
            team: e.team,
            source: "manual",
            task_id: null,
            day: e.day,
            started_at: null,
            ended_at: null,
            minutes: e.minutes,
            capped: 0,
            reason: e.reason,
            added_by: e.addedBy,
            created_at: now,
            corrected_by: null,
            corrected_at: null,
            correction_reason: null,
            original_minutes: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const entry = toEntry(row);
        await audit(trx, e.addedBy, "volunteer.hours.add", {
          entry: entry.id,
          person: e.personId,
          day: e.day,
          minutes: e.minutes,
        });
        return { ok: true as const, entry };
      });
    },

    /**
     * A coordinator's correction: the entry's minutes change (0 voids it),
     * the first value is kept, the audit log and the volunteer's note are
     * written in the same transaction. Refused if the day would pass 24 hours.
     */
    async correct(
      id: number,
      minutes: number,
      reason: string,
      by: number,
      messages: (before: HoursEntry, after: HoursEntry) => NewOutboxMessage[] = () => [],
    ): Promise<DayCheck & { before?: HoursEntry }> {
      return inTransaction(db, async (trx) => {
        const found = await trx
          .selectFrom("volunteer_hours")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst();
        if (!found) return { ok: false as const, error: "unknown" as const };
        const dayMinutes = await lockedDayMinutes(trx, found.person_id, found.day, id);
        if (dayMinutes + minutes > 24 * 60)
          return { ok: false as const, error: "over-day" as const, dayMinutes };
        const now = iso(clock);
        const row = await trx
          .updateTable("volunteer_hours")
          .set({
            minutes,
            corrected_by: by,
            corrected_at: now,
            correction_reason: reason,
            original_minutes: found.original_minutes ?? found.minutes,
          })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const before = toEntry(found);
        const entry = toEntry(row);
        await audit(trx, by, "volunteer.hours.correct", {
          entry: id,
          person: found.person_id,
          from: found.minutes,
          to: minutes,
          reason,
        });
        await outbox.enqueue(messages(before, entry), trx);
        return { ok: true as const, entry, before };
      });
    },

    async entry(id: number): Promise<HoursEntry | undefined> {
      const row = await db
        .selectFrom("volunteer_hours")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toEntry(row);
    },

    /** A person's entries, newest first (all of them, or the latest `limit`). */
    async entriesOf(personId: number, limit?: number): Promise<HoursEntry[]> {
      let query = db
        .selectFrom("volunteer_hours")
        .selectAll()
        .where("person_id", "=", personId)
        .orderBy("day", "desc")
        .orderBy("id", "desc");
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map(toEntry);
    },

    /** Every entry, or those of local days from…to (both included), oldest first. */
    async entries(range: { from?: string; to?: string } = {}): Promise<HoursEntry[]> {
      let query = db.selectFrom("volunteer_hours").selectAll();
      if (range.from) query = query.where("day", ">=", range.from);
      if (range.to) query = query.where("day", "<=", range.to);
      const rows = await query.orderBy("day").orderBy("id").execute();
      return rows.map(toEntry);
    },

    /** The hours a person already has on a day (minutes). */
    async dayMinutes(personId: number, day: string): Promise<number> {
      const row = await db
        .selectFrom("volunteer_hours")
        .select((eb) => eb.fn.sum<number>("minutes").as("minutes"))
        .where("person_id", "=", personId)
        .where("day", "=", day)
        .executeTakeFirst();
      return Number(row?.minutes ?? 0);
    },
  };
}

export type VolunteersRepo = ReturnType<typeof volunteersRepo>;
