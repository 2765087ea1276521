/**
 * Queue numbers: a queue with its goods, the tickets residents take (one per
 * household, numbered in the order taken, never more than the queue has),
 * the calls staff make, and the close. A call is claimed by a conditional
 * UPDATE on the number of calls the pressed panel showed, with the queue's
 * row locked (PostgreSQL): two presses at once never call one number twice,
 * and never skip one either. The messages a call causes are written in the
 * same transaction.
 */
import type { Selectable } from "kysely";
import {
  endOfTurn,
  type Good,
  nearCrossings,
  type TicketInLine,
  type TicketStatus,
} from "../domain/queue.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { QueueStatus, QueuesTable, QueueTicketsTable } from "./queue-schema.js";
import { inTransaction } from "./transaction.js";

export type { QueueStatus } from "./queue-schema.js";

export interface Queue {
  id: number;
  point: string;
  openedBy: number;
  capacity: number;
  near: number;
  issued: number;
  current: number;
  calls: number;
  photos: string[];
  status: QueueStatus;
  createdAt: string;
  closedAt: string | null;
  closedBy: number | null;
  goods: Good[];
}

function toQueue(r: Selectable<QueuesTable>, goods: Good[]): Queue {
  return {
    id: r.id,
    point: r.point,
    openedBy: r.opened_by,
    capacity: r.capacity,
    near: r.near,
    issued: r.issued,
    current: r.current,
    calls: r.calls,
    photos: JSON.parse(r.photos) as string[],
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    goods,
  };
}

export interface Ticket extends TicketInLine {
  queueId: number;
  householdId: number;
  personId: number;
  address: string;
  takenAt: string;
  calledAt: string | null;
  endedAt: string | null;
  /** The language to write to its holder in: chosen, or Telegram's. */
  language: string | null;
}

type TicketRow = Selectable<QueueTicketsTable> & {
  language: string | null;
  telegram_language: string | null;
};

function toTicket(r: TicketRow): Ticket {
  return {
    queueId: r.queue_id,
    number: r.number,
    householdId: r.household_id,
    personId: r.person_id,
    address: r.address,
    status: r.status,
    takenAt: r.taken_at,
    calledAt: r.called_at,
    endedAt: r.ended_at,
    nearSent: r.near_sent_at !== null,
    language: r.language ?? r.telegram_language,
  };
}

export interface NewQueue {
  point: string;
  openedBy: number;
  capacity: number;
  near: number;
  goods: Good[];
  photos: string[];
}

export type TakeResult =
  | { ok: true; ticket: Ticket; ahead: number; queue: Queue }
  | { ok: false; reason: "closed" | "gone" | "unknown" }
  | { ok: false; reason: "already"; ticket: Ticket; ahead: number; queue: Queue };

export interface CallMessages {
  queue: Queue;
  /** The ticket whose turn it now is, if anyone was waiting. */
  called: Ticket | undefined;
  /** Tickets that now have `near` or fewer ahead, told once. */
  near: Array<{ ticket: Ticket; ahead: number }>;
}

export type CallResult =
  | { ok: true; queue: Queue; called: Ticket | undefined; ended: Ticket | undefined }
  /** stale: the line moved since the panel was shown (another press came first). */
  | { ok: false; reason: "stale" | "closed" | "unknown"; queue: Queue | undefined };

export interface QueueFigures {
  served: number;
  skipped: number;
  /** Still in the line (open), or never called (closed). */
  waiting: number;
  unserved: number;
  /** The tickets served, for the waiting times. */
  servedTimes: Array<{ takenAt: string; calledAt: string | null }>;
}

export type CloseResult =
  | { ok: true; queue: Queue; figures: QueueFigures }
  | { ok: false; queue: Queue | undefined };

/** The outbox refs of queue messages. */
export const QUEUE_CALL_REF = "queue-call";
export const QUEUE_NOTICE_REF = "queue-announcement";

const IN_LINE: readonly TicketStatus[] = ["called", "waiting"];

export function queuesRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  const tickets = (trx: DB) =>
    trx
      .selectFrom("queue_tickets as t")
      .leftJoin("people as p", "p.id", "t.person_id")
      .selectAll("t")
      .select(["p.language", "p.telegram_language"]);

  async function goodsOf(trx: DB, queueId: number): Promise<Good[]> {
    const rows = await trx
      .selectFrom("queue_goods")
      .select(["name", "price_fen"])
      .where("queue_id", "=", queueId)
      .orderBy("position")
      .execute();
    return rows.map((r) => ({ name: r.name, priceFen: r.price_fen }));
  }

  async function read(trx: DB, id: number): Promise<Queue | undefined> {
    const row = await trx.selectFrom("queues").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toQueue(row, await goodsOf(trx, id));
  }

  /** The queue's row, locked until the transaction ends (PostgreSQL): its changes run one at a time. */
  function lockQueue(trx: DB, id: number) {
    return lockForUpdate(
      trx,
      trx.selectFrom("queues").selectAll().where("id", "=", id),
    ).executeTakeFirst();
  }

  async function ticketOf(trx: DB, queueId: number, householdId: number) {
    const row = await tickets(trx)
      .where("t.queue_id", "=", queueId)
      .where("t.household_id", "=", householdId)
      .executeTakeFirst();
    return row && toTicket(row);
  }

  async function aheadOf(trx: DB, queueId: number, number: number): Promise<number> {
    const row = await trx
      .selectFrom("queue_tickets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("queue_id", "=", queueId)
      .where("status", "in", [...IN_LINE])
      .where("number", "<", number)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function figures(trx: DB, queueId: number): Promise<QueueFigures> {
    const rows = await trx
      .selectFrom("queue_tickets")
      .select(["status", "taken_at", "called_at"])
      .where("queue_id", "=", queueId)
      .execute();
    const count = (s: TicketStatus) => rows.filter((r) => r.status === s).length;
    return {
      served: count("served"),
      skipped: count("skipped"),
      waiting: count("waiting") + count("called"),
      unserved: count("unserved"),
      servedTimes: rows
        .filter((r) => r.status === "served")
        .map((r) => ({ takenAt: r.taken_at, calledAt: r.called_at })),
    };
  }

  const repo = {
    /** Stores a queue with its goods, and its announcements, in one transaction. */
    async create(q: NewQueue, announcements: (queue: Queue) => NewOutboxMessage[]): Promise<Queue> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const row = await trx
          .insertInto("queues")
          .values({
            point: q.point,
            opened_by: q.openedBy,
            capacity: q.capacity,
            near: q.near,
            issued: 0,
            current: 0,
            calls: 0,
            photos: JSON.stringify(q.photos),
            status: "open",
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (q.goods.length > 0) {
          await trx
            .insertInto("queue_goods")
            .values(
              q.goods.map((g, i) => ({
                queue_id: row.id,
                position: i + 1,
                name: g.name,
                price_fen: g.priceFen,
              })),
            )
            .execute();
        }
        const queue = toQueue(row, q.goods);
        await outbox.enqueue(
          announcements(queue).map((m) => ({ ...m, ref: { type: QUEUE_NOTICE_REF, id: row.id } })),
          trx,
        );
        return queue;
      });
    },

    async get(id: number): Promise<Queue | undefined> {
      return read(db, id);
    },

    /** Open queues, oldest first. */
    async open(): Promise<Queue[]> {
      const rows = await db
        .selectFrom("queues")
        .selectAll()
        .where("status", "=", "open")
        .orderBy("id")
        .execute();
      return Promise.all(rows.map(async (r) => toQueue(r, await goodsOf(db, r.id))));
    },

    /**
     * A household takes the next number: one per household, none after the
     * last one, none once closed. A household that already holds one gets it
     * back. Taken when `near` or fewer are ahead, it counts as told.
     */
    async take(
      queueId: number,
      holder: { householdId: number; personId: number; address: string },
    ): Promise<TakeResult> {
      return inTransaction(db, async (trx): Promise<TakeResult> => {
        const now = iso(clock);
        const row = await lockQueue(trx, queueId);
        if (!row) return { ok: false, reason: "unknown" };
        const existing = await ticketOf(trx, queueId, holder.householdId);
        if (existing) {
          const queue = (await read(trx, queueId)) as Queue;
          const ahead = await aheadOf(trx, queueId, existing.number);
          return { ok: false, reason: "already", ticket: existing, ahead, queue };
        }
        if (row.status !== "open") return { ok: false, reason: "closed" };
        // The number, and the check that one is left, in one statement.
        const counted = await trx
          .updateTable("queues")
          .set((eb) => ({ issued: eb("issued", "+", 1), updated_at: now }))
          .where("id", "=", queueId)
          .where("status", "=", "open")
          .whereRef("issued", "<", "capacity")
          .returning("issued")
          .executeTakeFirst();
        if (!counted) return { ok: false, reason: "gone" };
        const ahead = await aheadOf(trx, queueId, counted.issued);
        await trx
          .insertInto("queue_tickets")
          .values({
            queue_id: queueId,
            number: counted.issued,
            household_id: holder.householdId,
            person_id: holder.personId,
            address: holder.address,
            status: "waiting",
            taken_at: now,
            near_sent_at: ahead <= row.near ? now : null,
          })
          .execute();
        const ticket = (await ticketOf(trx, queueId, holder.householdId)) as Ticket;
        return { ok: true, ticket, ahead, queue: (await read(trx, queueId)) as Queue };
      });
    },

    /** The ticket this household holds in this queue, with how many are ahead of it. */
    async ticket(
      queueId: number,
      householdId: number,
    ): Promise<{ ticket: Ticket; ahead: number } | undefined> {
      const ticket = await ticketOf(db, queueId, householdId);
      return ticket && { ticket, ahead: await aheadOf(db, queueId, ticket.number) };
    },

    /** The ticket being served now, if any. */
    async serving(queueId: number): Promise<Ticket | undefined> {
      const row = await tickets(db)
        .where("t.queue_id", "=", queueId)
        .where("t.status", "=", "called")
        .executeTakeFirst();
      return row && toTicket(row);
    },

    /**
     * "next" (the ticket being served was served) or "skip" (a no-show): the
     * next waiting number is called. `seen` is the number of calls the
     * pressed panel showed: if the line moved since, nothing happens.
     */
    async call(
      queueId: number,
      seen: number,
      kind: "next" | "skip",
      messages: (m: CallMessages) => NewOutboxMessage[],
    ): Promise<CallResult> {
      return inTransaction(db, async (trx): Promise<CallResult> => {
        const now = iso(clock);
        const row = await lockQueue(trx, queueId);
        if (!row) return { ok: false, reason: "unknown", queue: undefined };
        if (row.status !== "open")
          return { ok: false, reason: "closed", queue: await read(trx, queueId) };
        if (row.calls !== seen)
          return { ok: false, reason: "stale", queue: await read(trx, queueId) };

        const ending = await trx
          .updateTable("queue_tickets")
          .set({ status: endOfTurn(kind), ended_at: now })
          .where("queue_id", "=", queueId)
          .where("number", "=", row.current)
          .where("status", "=", "called")
          .executeTakeFirst();
        const next = await trx
          .selectFrom("queue_tickets")
          .select("number")
          .where("queue_id", "=", queueId)
          .where("status", "=", "waiting")
          .orderBy("number")
          .limit(1)
          .executeTakeFirst();
        if (next) {
          await trx
            .updateTable("queue_tickets")
            .set({ status: "called", called_at: now })
            .where("queue_id", "=", queueId)
            .where("number", "=", next.number)
            .where("status", "=", "waiting")
            .execute();
        }
        if (!next && Number(ending.numUpdatedRows) === 0) {
          // Nobody served and nobody waiting: nothing moved.
          return {
            ok: true,
            queue: toQueue(row, await goodsOf(trx, queueId)),
            called: undefined,
            ended: undefined,
          };
        }
        const claimed = await trx
          .updateTable("queues")
          .set((eb) => ({
            calls: eb("calls", "+", 1),
            current: next?.number ?? row.current,
            updated_at: now,
          }))
          .where("id", "=", queueId)
          .where("calls", "=", seen)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) throw new Error("queue call lost its claim");

        const line = (
          await tickets(trx)
            .where("t.queue_id", "=", queueId)
            .where("t.status", "in", [...IN_LINE])
            .orderBy("t.number")
            .limit(row.near + 1)
            .execute()
        ).map(toTicket);
        const near = nearCrossings(line, row.near);
        if (near.length > 0) {
          await trx
            .updateTable("queue_tickets")
            .set({ near_sent_at: now })
            .where("queue_id", "=", queueId)
            .where(
              "number",
              "in",
              near.map((n) => n.ticket.number),
            )
            .execute();
        }
        const queue = (await read(trx, queueId)) as Queue;
        const called = line.find((t) => t.status === "called");
        const ended =
          Number(ending.numUpdatedRows) > 0
            ? (
                await tickets(trx)
                  .where("t.queue_id", "=", queueId)
                  .where("t.number", "=", row.current)
                  .execute()
              ).map(toTicket)[0]
            : undefined;
        await outbox.enqueue(
          messages({ queue, called, near }).map((m) => ({
            ...m,
            ref: { type: QUEUE_CALL_REF, id: queueId },
          })),
          trx,
        );
        return { ok: true, queue, called, ended };
      });
    },

    /**
     * Closes the queue: the ticket being served counts as served, those still
     * waiting as not served (and are told, through `messages`). Returns the
     * figures. False if it was already closed.
     */
    async close(
      queueId: number,
      by: number,
      messages: (queue: Queue, unserved: Ticket[]) => NewOutboxMessage[],
    ): Promise<CloseResult> {
      return inTransaction(db, async (trx): Promise<CloseResult> => {
        const now = iso(clock);
        const row = await lockQueue(trx, queueId);
        if (row?.status !== "open") return { ok: false, queue: await read(trx, queueId) };
        await trx
          .updateTable("queues")
          .set({ status: "closed", closed_at: now, closed_by: by, updated_at: now })
          .where("id", "=", queueId)
          .where("status", "=", "open")
          .execute();
        await trx
          .updateTable("queue_tickets")
          .set({ status: "served", ended_at: now })
          .where("queue_id", "=", queueId)
          .where("status", "=", "called")
          .execute();
        const waiting = (
          await tickets(trx)
            .where("t.queue_id", "=", queueId)
            .where("t.status", "=", "waiting")
            .orderBy("t.number")
            .execute()
        ).map(toTicket);
        await trx
          .updateTable("queue_tickets")
          .set({ status: "unserved", ended_at: now })
          .where("queue_id", "=", queueId)
          .where("status", "=", "waiting")
          .execute();
        const queue = (await read(trx, queueId)) as Queue;
        await outbox.enqueue(
          messages(queue, waiting).map((m) => ({
            ...m,
            ref: { type: QUEUE_CALL_REF, id: queueId },
          })),
          trx,
        );
        return { ok: true, queue, figures: await figures(trx, queueId) };
      });
    },

    /** Served, skipped and waiting so far, and the served tickets' times. */
    async figures(queueId: number): Promise<QueueFigures> {
      return figures(db, queueId);
    },

    /** The open queues where this household holds a ticket still in the line. */
    async heldBy(householdId: number): Promise<Array<{ queueId: number; number: number }>> {
      const rows = await db
        .selectFrom("queue_tickets as t")
        .innerJoin("queues as q", "q.id", "t.queue_id")
        .select(["t.queue_id", "t.number"])
        .where("t.household_id", "=", householdId)
        .where("q.status", "=", "open")
        .where("t.status", "in", [...IN_LINE])
        .orderBy("t.queue_id")
        .execute();
      return rows.map((r) => ({ queueId: r.queue_id, number: r.number }));
    },

    /** Every ticket of a queue, by number (tests, and what a bench checks). */
    async tickets(queueId: number): Promise<Ticket[]> {
      const rows = await tickets(db)
        .where("t.queue_id", "=", queueId)
        .orderBy("t.number")
        .execute();
      return rows.map(toTicket);
    },
  };
  return repo;
}

export type QueuesRepo = ReturnType<typeof queuesRepo>;
