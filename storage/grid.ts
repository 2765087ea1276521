/**
 * The grid: who looks after which building or unit (main worker, deputy),
 * how each worker is shown to residents, and the private threads between a
 * resident and their worker, relayed by the bot. Also the facts the door
 * list is made from (rooms, residents, today's check-in) for some buildings.
 */
import type { Selectable } from "kysely";
import type { Address } from "../domain/address.js";
import { type GridRow, type Scope, WHOLE_BUILDING } from "../domain/grid.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type {
  GridThreadsTable,
  GridWorkersTable,
  ThreadSide,
  ThreadStatus,
} from "./grid-schema.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
import { inTransaction } from "./transaction.js";

/** How a worker is shown to residents, and whether they are off. */
export interface WorkerProfile {
  personId: number;
  shownName: string | null;
  shownPhone: string | null;
  shareAccount: boolean;
  away: boolean;
}

function toProfile(r: Selectable<GridWorkersTable>): WorkerProfile {
  return {
    personId: r.person_id,
    shownName: r.shown_name,
    shownPhone: r.shown_phone,
    shareAccount: r.share_account === 1,
    away: r.away === 1,
  };
}

export interface Thread extends Address {
  id: number;
  residentId: number;
  householdId: number | null;
  noticeId: number | null;
  status: ThreadStatus;
  openedAt: string;
  waitingSince: string | null;
  escalatedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  closedBy: number | null;
}

function toThread(r: Selectable<GridThreadsTable>): Thread {
  return {
    id: r.id,
    residentId: r.resident_id,
    householdId: r.household_id,
    building: r.building,
    unit: r.unit,
    room: r.room,
    noticeId: r.notice_id,
    status: r.status,
    openedAt: r.opened_at,
    waitingSince: r.waiting_since,
    escalatedAt: r.escalated_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

export interface ThreadMessage {
  id: number;
  threadId: number;
  fromId: number;
  side: ThreadSide;
  text: string;
  at: string;
}

export interface NewThread extends Address {
  residentId: number;
  householdId: number | null;
  noticeId: number | null;
}

/** A message in a thread and the copies the bot sends of it (each becomes a relay). */
export interface NewThreadMessage {
  fromId: number;
  side: ThreadSide;
  text: string;
  /** Built once the message and its thread have their ids (they go into the copies' buttons). */
  copies: (ids: { messageId: number; threadId: number }) => NewOutboxMessage[];
}

/** A registered resident in the buildings asked for. */
export interface DoorResident extends Address {
  householdId: number;
  personId: number;
  name: string | null;
  phone: string | null;
  reachability: Reachability;
}

export function gridRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  /** Writes a message and its copies (outbox rows + relays) inside `trx`. */
  async function writeMessage(trx: DB, threadId: number, m: NewThreadMessage, now: string) {
    const { id } = await trx
      .insertInto("grid_messages")
      .values({ thread_id: threadId, from_id: m.fromId, side: m.side, text: m.text, at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const copies = m.copies({ messageId: id, threadId });
    const ids = await outbox.enqueue(copies, trx);
    if (copies.length > 0) {
      await trx
        .insertInto("grid_relays")
        .values(
          copies.map((c, i) => ({
            thread_id: threadId,
            message_id: id,
            chat_id: c.chatId,
            outbox_id: ids[i] as number,
          })),
        )
        .execute();
    }
    return id;
  }

  return {
    // ------------------------------------------------------------ the grid

    async rows(): Promise<GridRow[]> {
      const rows = await db.selectFrom("grid_units").selectAll().execute();
      return rows.map((r) => ({
        building: r.building,
        unit: r.unit,
        workerId: r.worker_id,
        deputyId: r.deputy_id,
      }));
    },

    /** Makes `personId` the main worker (or the deputy) of each scope; other fields stay. */
    async assign(
      scopes: readonly Scope[],
      role: "main" | "deputy",
      personId: number,
      by: number | null,
    ): Promise<void> {
      await inTransaction(db, async (trx) => {
        const now = iso(clock);
        for (const s of scopes) {
          const field = role === "main" ? "worker_id" : "deputy_id";
          await trx
            .insertInto("grid_units")
            .values({
              building: s.building,
              unit: s.unit,
              worker_id: role === "main" ? personId : null,
              deputy_id: role === "deputy" ? personId : null,
              updated_by: by,
              updated_at: now,
            })
            .onConflict((oc) =>
              oc
                .columns(["building", "unit"])
                .doUpdateSet({ [field]: personId, updated_by: by, updated_at: now }),
            )
            .execute();
        }
      });
    },

    /** Removes the rows of these scopes; returns how many there were. */
    async clear(scopes: readonly Scope[]): Promise<number> {
      return inTransaction(db, async (trx) => {
        let n = 0;
        for (const s of scopes) {
          const r = await trx
            .deleteFrom("grid_units")
            .where("building", "=", s.building)
            .where("unit", "=", s.unit)
            .executeTakeFirst();
          n += Number(r.numDeletedRows);
        }
        return n;
      });
    },

    /**
     * Whether a scope exists in the layout: any room of the building (whole
     * building) or of the unit. Only asked when there is a layout.
     */
    async scopeInLayout(s: Scope): Promise<boolean> {
      let query = db.selectFrom("rooms").select("room").where("building", "=", s.building);
      if (s.unit !== WHOLE_BUILDING) query = query.where("unit", "=", s.unit);
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },

    /** Every unit the community knows: from the layout and from registered households. */
    async knownUnits(): Promise<Array<{ building: string; unit: string }>> {
      const fromRooms = await db
        .selectFrom("rooms")
        .select(["building", "unit"])
        .distinct()
        .execute();
      const fromHouseholds = await db
        .selectFrom("households")
        .innerJoin("residents", "residents.household_id", "households.id")
        .select(["households.building", "households.unit"])
        .distinct()
        .execute();
      const seen = new Map<string, { building: string; unit: string }>();
      for (const u of [...fromRooms, ...fromHouseholds])
        seen.set(`${u.building}\u0000${u.unit}`, u);
      return [...seen.values()];
    },

    // ------------------------------------------------------------ workers

    async profile(personId: number): Promise<WorkerProfile | undefined> {
      const row = await db
        .selectFrom("grid_workers")
        .selectAll()
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return row && toProfile(row);
    },

    async profiles(): Promise<Map<number, WorkerProfile>> {
      const rows = await db.selectFrom("grid_workers").selectAll().execute();
      return new Map(rows.map((r) => [r.person_id, toProfile(r)]));
    },

    async saveProfile(
      personId: number,
      changes: Partial<Omit<WorkerProfile, "personId">>,
    ): Promise<WorkerProfile> {
      const now = iso(clock);
      const set: Partial<Selectable<GridWorkersTable>> = { updated_at: now };
      if (changes.shownName !== undefined) set.shown_name = changes.shownName;
      if (changes.shownPhone !== undefined) set.shown_phone = changes.shownPhone;
      if (changes.shareAccount !== undefined) set.share_account = changes.shareAccount ? 1 : 0;
      if (changes.away !== undefined) set.away = changes.away ? 1 : 0;
      const row = await db
        .insertInto("grid_workers")
        .values({
          person_id: personId,
          shown_name: set.shown_name ?? null,
          shown_phone: set.shown_phone ?? null,
          share_account: set.share_account ?? 0,
          away: set.away ?? 0,
          updated_at: now,
        })
        .onConflict((oc) => oc.column("person_id").doUpdateSet(set))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProfile(row);
    },

    // ------------------------------------------------------------ threads

    async thread(id: number): Promise<Thread | undefined> {
      const row = await db
        .selectFrom("grid_threads")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toThread(row);
    },

    async openThreadOf(residentId: number): Promise<Thread | undefined> {
      const row = await db
        .selectFrom("grid_threads")
        .selectAll()
        .where("resident_id", "=", residentId)
        .where("status", "=", "open")
        .orderBy("id", "desc")
        .executeTakeFirst();
      return row && toThread(row);
    },

    /**
     * A resident's message: into their open thread (or a new one), waiting
     * for an answer from then on, with its copies to the worker. One
     * transaction. Returns the thread's id and whether it is new.
     */
    async residentMessage(
      thread: NewThread,
      message: NewThreadMessage,
    ): Promise<{ threadId: number; opened: boolean }> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const open = await trx
          .selectFrom("grid_threads")
          .select(["id", "waiting_since"])
          .where("resident_id", "=", thread.residentId)
          .where("status", "=", "open")
          .orderBy("id", "desc")
          .executeTakeFirst();
        let threadId: number;
        if (open) {
          threadId = open.id;
          if (open.waiting_since === null) {
            await trx
              .updateTable("grid_threads")
              .set({ waiting_since: now, escalated_at: null })
              .where("id", "=", threadId)
              .execute();
          }
        } else {
          const row = await trx
            .insertInto("grid_threads")
            .values({
              resident_id: thread.residentId,
              household_id: thread.householdId,
              building: thread.building,
              unit: thread.unit,
              room: thread.room,
              notice_id: thread.noticeId,
              status: "open",
              opened_at: now,
              waiting_since: now,
              escalated_at: null,
              answered_at: null,
              closed_at: null,
              closed_by: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          threadId = row.id;
        }
        await writeMessage(trx, threadId, message, now);
        return { threadId, opened: !open };
      });
    },

    /**
     * A staff member's answer, if the thread is still open: stored, relayed
     * to the resident, and the thread no longer waits. Returns false for a
     * closed (or unknown) thread, and writes nothing then.
     */
    async staffMessage(threadId: number, message: NewThreadMessage): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const r = await trx
          .updateTable("grid_threads")
          .set({ waiting_since: null, escalated_at: null, answered_at: now })
          .where("id", "=", threadId)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await writeMessage(trx, threadId, message, now);
        return true;
      });
    },

    /** Closes an open thread (first press wins); the note to the resident goes in the same transaction. */
    async close(threadId: number, by: number, notes: NewOutboxMessage[]): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const r = await trx
          .updateTable("grid_threads")
          .set({ status: "closed", closed_at: now, closed_by: by, waiting_since: null })
          .where("id", "=", threadId)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await outbox.enqueue(notes, trx);
        return true;
      });
    },

    /** The thread a relayed message belongs to: `messageId` is Telegram's id in `chatId`. */
    async threadOfRelay(chatId: number, messageId: number): Promise<number | undefined> {
      const row = await db
        .selectFrom("grid_relays")
        .innerJoin("outbox", "outbox.id", "grid_relays.outbox_id")
        .select("grid_relays.thread_id")
        .where("grid_relays.chat_id", "=", chatId)
        .where("outbox.message_id", "=", messageId)
        .executeTakeFirst();
      return row?.thread_id;
    },

    /** Everyone the bot has sent a copy of this thread to. */
    async relayedTo(threadId: number): Promise<Set<number>> {
      const rows = await db
        .selectFrom("grid_relays")
        .select("chat_id")
        .where("thread_id", "=", threadId)
        .distinct()
        .execute();
      return new Set(rows.map((r) => r.chat_id));
    },

    async messages(threadId: number, since?: string): Promise<ThreadMessage[]> {
      let query = db
        .selectFrom("grid_messages")
        .selectAll()
        .where("thread_id", "=", threadId)
        .orderBy("id");
      if (since !== undefined) query = query.where("at", ">=", since);
      const rows = await query.execute();
      return rows.map((r) => ({
        id: r.id,
        threadId: r.thread_id,
        fromId: r.from_id,
        side: r.side,
        text: r.text,
        at: r.at,
      }));
    },

    /** Open threads whose question has waited since before `before` and went to nobody else yet. */
    async waitingBefore(before: string): Promise<Thread[]> {
      const rows = await db
        .selectFrom("grid_threads")
        .selectAll()
        .where("status", "=", "open")
        .where("waiting_since", "<=", before)
        .where("escalated_at", "is", null)
        .orderBy("id")
        .execute();
      return rows.map(toThread);
    },

    /**
     * Hands a waiting question on (once): marks it escalated, if it is still
     * the same unanswered question, and writes its copies, in one transaction.
     */
    async escalate(
      thread: Pick<Thread, "id" | "waitingSince">,
      copies: Array<{ messageId: number; message: NewOutboxMessage }>,
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const r = await trx
          .updateTable("grid_threads")
          .set({ escalated_at: iso(clock) })
          .where("id", "=", thread.id)
          .where("status", "=", "open")
          .where("escalated_at", "is", null)
          .where("waiting_since", "=", thread.waitingSince)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        const ids = await outbox.enqueue(
          copies.map((c) => c.message),
          trx,
        );
        if (copies.length > 0) {
          await trx
            .insertInto("grid_relays")
            .values(
              copies.map((c, i) => ({
                thread_id: thread.id,
                message_id: c.messageId,
                chat_id: c.message.chatId,
                outbox_id: ids[i] as number,
              })),
            )
            .execute();
        }
        return true;
      });
    },

    // ------------------------------------------------------------ door facts

    /** Layout rooms of these buildings. */
    async roomsIn(buildings: readonly string[]): Promise<Address[]> {
      if (buildings.length === 0) return [];
      return db
        .selectFrom("rooms")
        .select(["building", "unit", "room"])
        .where("building", "in", buildings)
        .execute();
    },

    /** Registered residents of these buildings (not forgotten), earliest registration first. */
    async residentsIn(buildings: readonly string[]): Promise<DoorResident[]> {
      if (buildings.length === 0) return [];
      const rows = await db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "households.id as household_id",
          "households.building",
          "households.unit",
          "households.room",
          "residents.person_id",
          "people.display_name",
          "people.first_name",
          "people.phone",
          "people.reachability",
        ])
        .where("households.building", "in", buildings)
        .where("people.forgotten_at", "is", null)
        .orderBy("residents.registered_at")
        .execute();
      return rows.map((r) => ({
        householdId: r.household_id,
        building: r.building,
        unit: r.unit,
        room: r.room,
        personId: r.person_id,
        name: r.display_name ?? r.first_name,
        phone: r.phone,
        reachability: r.reachability,
      }));
    },

    /** Households of these buildings with a current check-in reading on `date`. */
    async reportedOn(date: string, buildings: readonly string[]): Promise<Set<number>> {
      if (buildings.length === 0) return new Set();
      const rows = await db
        .selectFrom("checkin_readings")
        .innerJoin("households", "households.id", "checkin_readings.household_id")
        .select("checkin_readings.household_id")
        .where("checkin_readings.local_date", "=", date)
        .where("checkin_readings.replaced_at", "is", null)
        .where("households.building", "in", buildings)
        .distinct()
        .execute();
      return new Set(rows.map((r) => r.household_id));
    },
  };
}

export type GridRepo = ReturnType<typeof gridRepo>;
