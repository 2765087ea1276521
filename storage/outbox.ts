/**
 * The outbox repository: durable messages for the dispatcher (outbox/dispatcher.ts).
 *
 * Rows are written in the same transaction as whatever caused them (pass the
 * caller's `trx` to `enqueue`). The dispatcher claims due rows in priority
 * order, marks them `sending`, and settles each one as sent, failed (for
 * good), dead (out of attempts) or pending again (retry later). A crash leaves
 * claimed rows `sending`; `recoverInFlight` puts them back, so nothing is lost
 * and the only duplicates are the requests that were on the wire.
 */
import { type Selectable, sql } from "kysely";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { dialectOf, int64, lockForUpdate } from "./dialect.js";
import type {
  OutboxFailure,
  OutboxLane,
  OutboxMethod,
  OutboxStatus,
  OutboxTable,
} from "./outbox-schema.js";
import { inTransaction } from "./transaction.js";

export type { OutboxFailure, OutboxLane, OutboxMethod, OutboxStatus } from "./outbox-schema.js";

/** The channel the sender LISTENs on and every enqueue NOTIFYs (sender-lock.ts). */
export const OUTBOX_CHANNEL = "linli_outbox";

/** Lane → priority number (lower goes first). */
export const LANE_PRIORITY: Readonly<Record<OutboxLane, number>> = {
  urgent: 0,
  normal: 1,
  bulk: 2,
};

export interface OutboxRef {
  type: string;
  id: number | string;
}

export interface NewOutboxMessage {
  chatId: number;
  lane: OutboxLane;
  method: OutboxMethod;
  /** The method's parameters except `chat_id`: text, entities, reply_markup, parse_mode... */
  payload: Record<string, unknown>;
  /** Not before this time (e.g. the end of quiet hours); default now. */
  notBefore?: Date;
  /** What caused the message, to find it again with `byRef`. */
  ref?: OutboxRef;
}

export interface OutboxMessage {
  id: number;
  chatId: number;
  lane: OutboxLane;
  priority: number;
  method: OutboxMethod;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  notBefore: string;
  attempts: number;
  lastError: string | null;
  failure: OutboxFailure | null;
  messageId: number | null;
  /** `id` comes back as a string: it is stored as text. */
  ref: { type: string; id: string } | null;
  createdAt: string;
  sentAt: string | null;
}

/** The end of one send attempt, as the dispatcher records it. */
export type Settlement =
  | { id: number; status: "sent"; messageId: number | null }
  | { id: number; status: "failed"; failure: OutboxFailure; reason: string }
  | { id: number; status: "dead"; reason: string }
  /** Back to pending until `at`; a null `reason` keeps the last error. */
  | { id: number; status: "pending"; at: Date; reason: string | null; countAttempt: boolean };

export type OutboxCounts = Record<OutboxStatus, number>;

/** SQLite allows 32,766 bound parameters per statement; an enqueued row binds 10. */
const ENQUEUE_CHUNK = 3_000;
/** Sent rows settled by one UPDATE (3 parameters each). */
const SENT_CHUNK = 1_000;

/** A literal, not a parameter: SQLite only uses the partial index `outbox_due` then. */
const PENDING = sql.lit("pending" as const);

type SentSettlement = Extract<Settlement, { status: "sent" }>;

type Row = Selectable<OutboxTable>;

function toMessage(row: Row): OutboxMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    lane: row.lane,
    priority: row.priority,
    method: row.method,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    status: row.status,
    notBefore: row.not_before,
    attempts: row.attempts,
    lastError: row.last_error,
    failure: row.failure,
    messageId: row.message_id,
    ref: row.ref_type === null ? null : { type: row.ref_type, id: row.ref_id ?? "" },
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/**
 * Wakes the sending process, wherever it runs: on PostgreSQL a NOTIFY on
 * `linli_outbox` (delivered when the enqueuing transaction commits, dropped
 * if it rolls back) carrying the best lane enqueued. The sender LISTENs
 * (sender-lock.ts). SQLite is one process: the caller's `kick()` is enough.
 */
async function notifySender(trx: DB, rows: readonly NewOutboxMessage[]): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  // A loop, not Math.min(...rows): a city-wide notice is 754,290 rows, past the call stack.
  const best = rows.reduce((b, r) => Math.min(b, LANE_PRIORITY[r.lane]), Number.POSITIVE_INFINITY);
  const lane = (Object.keys(LANE_PRIORITY) as OutboxLane[])[best] ?? "normal";
  await sql`select pg_notify(${OUTBOX_CHANNEL}, ${lane})`.execute(trx);
}

export function outboxRepo(db: DB, clock: Clock) {
  /** Many sent rows in one statement: the common case, kept cheap at 1,000 messages/s. */
  async function settleSent(trx: DB, sent: SentSettlement[], now: string): Promise<void> {
    for (let i = 0; i < sent.length; i += SENT_CHUNK) {
      const chunk = sent.slice(i, i + SENT_CHUNK);
      const cases = sql.join(
        chunk.map((s) => sql`when ${s.id} then ${int64(trx, s.messageId)}`),
        sql` `,
      );
      await trx
        .updateTable("outbox")
        .set({
          status: "sent",
          message_id: sql<number | null>`case id ${cases} end`,
          sent_at: now,
          updated_at: now,
        })
        .where(
          "id",
          "in",
          chunk.map((s) => s.id),
        )
        .execute();
    }
  }

  /** One settlement, inside the settling transaction. */
  async function settleOne(trx: DB, s: Settlement, now: string): Promise<void> {
    const update = trx.updateTable("outbox").where("id", "=", s.id);
    switch (s.status) {
      case "sent":
        await update
          .set({ status: "sent", message_id: s.messageId, sent_at: now, updated_at: now })
          .execute();
        return;
      case "failed":
        await update
          .set({ status: "failed", failure: s.failure, last_error: s.reason, updated_at: now })
          .execute();
        return;
      case "dead":
        await update
          .set((eb) => ({
            status: "dead",
            last_error: s.reason,
            attempts: eb("attempts", "+", 1),
            updated_at: now,
          }))
          .execute();
        return;
      case "pending":
        await update
          .set((eb) => ({
            status: "pending",
            not_before: s.at.toISOString(),
            ...(s.reason === null ? {} : { last_error: s.reason }),
            attempts: s.countAttempt ? eb("attempts", "+", 1) : eb.ref("attempts"),
            updated_at: now,
          }))
          .execute();
        return;
    }
  }

  /**
   * Claims up to `limit` due rows of one priority, oldest due first, in one
   * statement. On PostgreSQL the chosen rows are locked and rows another
   * transaction holds are skipped (`FOR UPDATE SKIP LOCKED`), so two
   * claimers never take the same row; the UPDATE re-checks `pending`, so a
   * row cancelled meanwhile stays cancelled.
   */
  async function claimLane(trx: DB, priority: number, limit: number, now: string) {
    const due = lockForUpdate(
      trx,
      trx
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", PENDING)
        .where("priority", "=", priority)
        .where("not_before", "<=", now)
        .orderBy("not_before")
        .orderBy("id")
        .limit(limit),
      { skipLocked: true },
    );
    return trx
      .updateTable("outbox")
      .set({ status: "sending", updated_at: now })
      .where("id", "in", due)
      .where("status", "=", PENDING)
      .returningAll()
      .execute();
  }

  const repo = {
    /**
     * Inserts rows in chunks, in one transaction (the caller's `trx` if given,
     * so a notice and its 100,000 rows commit together). Returns the new ids,
     * in the order of `rows`.
     * Call the dispatcher's `kick()` after the caller's transaction commits.
     */
    async enqueue(rows: readonly NewOutboxMessage[], trx?: DB): Promise<number[]> {
      if (rows.length === 0) return [];
      for (const r of rows) {
        if (r.method === "sendPhoto" && typeof r.payload.photo !== "string") {
          throw new Error("an outbox photo must be a Telegram file_id (bytes are not stored)");
        }
      }
      const now = iso(clock);
      // Rows become table rows (their payload JSON) a chunk at a time, so a
      // step writing 100,000 rows holds one chunk of JSON, not all of it.
      const valuesOf = (chunk: readonly NewOutboxMessage[]) =>
        chunk.map((r) => ({
          chat_id: r.chatId,
          lane: r.lane,
          priority: LANE_PRIORITY[r.lane],
          method: r.method,
          payload: JSON.stringify(r.payload),
          not_before: r.notBefore?.toISOString() ?? now,
          ref_type: r.ref?.type ?? null,
          ref_id: r.ref === undefined ? null : String(r.ref.id),
          created_at: now,
          updated_at: now,
        }));
      return inTransaction(trx ?? db, async (t) => {
        const ids: number[] = [];
        for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
          const chunk = valuesOf(rows.slice(i, i + ENQUEUE_CHUNK));
          const inserted = await t.insertInto("outbox").values(chunk).returning("id").execute();
          // RETURNING has no defined order, but ids are handed out in VALUES order.
          ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
        }
        await notifySender(t, rows);
        return ids;
      });
    },

    /**
     * Claims up to `limit` due rows (not_before <= now) and marks them
     * `sending`. Lanes go in priority order; within a lane, the oldest due
     * first (not_before, then id). `maxPriority` restricts the claim to the
     * lanes at or above it (0 = urgent only).
     */
    async claim(limit: number, opts: { maxPriority?: number } = {}): Promise<OutboxMessage[]> {
      if (limit <= 0) return [];
      const now = iso(clock);
      const maxPriority = opts.maxPriority ?? LANE_PRIORITY.bulk;
      const rows = await inTransaction(db, async (trx) => {
        const claimed: Row[] = [];
        for (let p = 0; p <= maxPriority && claimed.length < limit; p++) {
          claimed.push(...(await claimLane(trx, p, limit - claimed.length, now)));
        }
        return claimed;
      });
      // RETURNING has no defined order.
      rows.sort(
        (a, b) => a.priority - b.priority || cmp(a.not_before, b.not_before) || a.id - b.id,
      );
      return rows.map(toMessage);
    },

    /** Records the end of many attempts in one transaction (the dispatcher's path). */
    async settle(settlements: readonly Settlement[]): Promise<void> {
      if (settlements.length === 0) return;
      const now = iso(clock);
      const sent = settlements.filter((s): s is SentSettlement => s.status === "sent");
      await inTransaction(db, async (trx) => {
        await settleSent(trx, sent, now);
        for (const s of settlements) if (s.status !== "sent") await settleOne(trx, s, now);
      });
    },

    markSent(id: number, messageId: number | null): Promise<void> {
      return repo.settle([{ id, status: "sent", messageId }]);
    },

    /** A permanent failure: never retried. */
    markFailed(id: number, failure: OutboxFailure, reason: string): Promise<void> {
      return repo.settle([{ id, status: "failed", failure, reason }]);
    },

    /** Back to pending until `at`; a 429 or a migration passes `countAttempt: false`. */
    retryLater(id: number, at: Date, reason: string | null, countAttempt = true): Promise<void> {
      return repo.settle([{ id, status: "pending", at, reason, countAttempt }]);
    },

    /** Out of attempts: kept with the reason, never retried. */
    markDead(id: number, reason: string): Promise<void> {
      return repo.settle([{ id, status: "dead", reason }]);
    },

    /** Claimed rows that were not tried go back to pending as they were (clean stop). */
    async release(ids: readonly number[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable("outbox")
        .set({ status: "pending", updated_at: iso(clock) })
        .where("id", "in", [...ids])
        .where("status", "=", "sending")
        .execute();
    },

    /** A group migrated to a supergroup: its unsent rows follow it. Returns the rows moved. */
    async moveChat(oldChatId: number, newChatId: number): Promise<number> {
      const result = await db
        .updateTable("outbox")
        .set({ chat_id: newChatId, updated_at: iso(clock) })
        .where("chat_id", "=", oldChatId)
        .where("status", "in", ["pending", "sending"])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * At start: rows a crash left `sending` go back to pending. Some of them
     * may have reached Telegram (at-least-once); at most the requests that
     * were in flight. Only one dispatcher may run per database.
     */
    async recoverInFlight(): Promise<number> {
      const result = await db
        .updateTable("outbox")
        .set({ status: "pending", updated_at: iso(clock) })
        .where("status", "=", "sending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** When the earliest pending row falls due (undefined if none is pending). */
    async nextDueAt(): Promise<Date | undefined> {
      let earliest: string | undefined;
      // One indexed MIN per lane, rather than a scan of all pending rows.
      for (const priority of Object.values(LANE_PRIORITY)) {
        const row = await db
          .selectFrom("outbox")
          .select((eb) => eb.fn.min("not_before").as("at"))
          .where("status", "=", PENDING)
          .where("priority", "=", priority)
          .executeTakeFirst();
        const at = row?.at ?? undefined;
        if (at && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest === undefined ? undefined : new Date(earliest);
    },

    async get(id: number): Promise<OutboxMessage | undefined> {
      const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toMessage(row);
    },

    /** The rows a feature enqueued for one thing (e.g. a notice), in id order. */
    async byRef(type: string, id: number | string): Promise<OutboxMessage[]> {
      const rows = await db
        .selectFrom("outbox")
        .selectAll()
        .where("ref_type", "=", type)
        .where("ref_id", "=", String(id))
        .orderBy("id")
        .execute();
      return rows.map(toMessage);
    },

    /**
     * Drops the rows of one ref that are still waiting (e.g. the pages of an
     * urgent item someone has taken): they become `failed` with `reason` and
     * are never sent. Rows already claimed by the dispatcher are not touched.
     * Returns how many were dropped.
     */
    async cancelPending(type: string, id: number | string, reason: string, trx?: DB) {
      const result = await (trx ?? db)
        .updateTable("outbox")
        .set({ status: "failed", last_error: reason, updated_at: iso(clock) })
        .where("ref_type", "=", type)
        .where("ref_id", "=", String(id))
        .where("status", "=", PENDING)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async byChat(chatId: number): Promise<OutboxMessage[]> {
      const rows = await db
        .selectFrom("outbox")
        .selectAll()
        .where("chat_id", "=", chatId)
        .orderBy("id")
        .execute();
      return rows.map(toMessage);
    },

    /** Rows waiting or being sent, per lane (the outbox's depth). */
    async depthByLane(): Promise<Record<OutboxLane, number>> {
      const rows = await db
        .selectFrom("outbox")
        .select((eb) => ["lane", eb.fn.countAll<number>().as("n")])
        .where("status", "in", ["pending", "sending"])
        .groupBy("lane")
        .execute();
      const depth: Record<OutboxLane, number> = { urgent: 0, normal: 0, bulk: 0 };
      for (const r of rows) depth[r.lane] = Number(r.n);
      return depth;
    },

    /** How many rows are in each status. */
    async counts(): Promise<OutboxCounts> {
      const rows = await db
        .selectFrom("outbox")
        .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
        .groupBy("status")
        .execute();
      const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    },
  };
  return repo;
}

export type OutboxRepo = ReturnType<typeof outboxRepo>;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
