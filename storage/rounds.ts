/**
 * Medicine rounds: a round and its announcements, the staff handling it,
 * each household's list (one per household per round, numbered from 1) and
 * its medicines, and every step of the work. Each step is one conditional
 * UPDATE on the state it starts from, in one transaction with the messages
 * it causes, so two presses can't both win.
 */
import type { Selectable } from "kysely";
import {
  afterItems,
  type ItemStatus,
  type Payment,
  type RoundNeed,
  type RoundStatus,
  type SubmissionStatus,
} from "../domain/medicine-round.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type {
  MedicineItemsTable,
  MedicineRoundsTable,
  MedicineSubmissionsTable,
} from "./rounds-schema.js";
import { inTransaction } from "./transaction.js";

export interface Round {
  id: number;
  openedBy: number;
  pharmacy: string;
  collectAt: string;
  needs: RoundNeed[];
  note: string | null;
  target: string;
  status: RoundStatus;
  recipients: number;
  /** Numbers given out so far. */
  numbers: number;
  createdAt: string;
  closedAt: string | null;
  finishedAt: string | null;
}

function toRound(r: Selectable<MedicineRoundsTable>): Round {
  return {
    id: r.id,
    openedBy: r.opened_by,
    pharmacy: r.pharmacy,
    collectAt: r.collect_at,
    needs: JSON.parse(r.needs) as RoundNeed[],
    note: r.note,
    target: r.target,
    status: r.status,
    recipients: r.recipients,
    numbers: r.numbers,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    finishedAt: r.finished_at,
  };
}

export interface MedicineItem {
  position: number;
  name: string;
  amount: string;
  status: ItemStatus;
  reason: string | null;
}

function toItem(r: Selectable<MedicineItemsTable>): MedicineItem {
  return {
    position: r.position,
    name: r.name,
    amount: r.amount,
    status: r.status,
    reason: r.reason,
  };
}

/** One household's list in a round, with its medicines. */
export interface Submission {
  id: number;
  roundId: number;
  number: number;
  householdId: number;
  personId: number;
  address: string;
  payment: Payment;
  photos: string[];
  status: SubmissionStatus;
  amountFen: number | null;
  updatedBy: number | null;
  requestId: number | null;
  createdAt: string;
  updatedAt: string;
  collectedAt: string | null;
  purchasedAt: string | null;
  deliveredAt: string | null;
  settledAt: string | null;
  items: MedicineItem[];
}

function toSubmission(r: Selectable<MedicineSubmissionsTable>, items: MedicineItem[]): Submission {
  return {
    id: r.id,
    roundId: r.round_id,
    number: r.number,
    householdId: r.household_id,
    personId: r.person_id,
    address: r.address,
    payment: r.payment,
    photos: JSON.parse(r.photos) as string[],
    status: r.status,
    amountFen: r.amount_fen,
    updatedBy: r.updated_by,
    requestId: r.request_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    collectedAt: r.collected_at,
    purchasedAt: r.purchased_at,
    deliveredAt: r.delivered_at,
    settledAt: r.settled_at,
    items,
  };
}

/** A line of the work list. */
export interface SubmissionLine {
  id: number;
  number: number;
  address: string;
  status: SubmissionStatus;
}

export interface NewRound {
  openedBy: number;
  pharmacy: string;
  collectAt: Date;
  needs: RoundNeed[];
  note: string | null;
  target: string;
}

export interface NewSubmission {
  roundId: number;
  householdId: number;
  personId: number;
  address: string;
  payment: Payment;
  photos: string[];
  items: Array<{ name: string; amount: string }>;
}

export type SubmitResult =
  | { ok: true; submission: Submission }
  | { ok: false; reason: "closed" }
  | { ok: false; reason: "already"; submission: Submission };

/** A step of the work: the changed list, or the list as it is (someone acted first). */
export type StepResult =
  | { ok: true; submission: Submission }
  | { ok: false; submission: Submission | undefined };

export type ItemResult =
  | {
      ok: true;
      submission: Submission /** The list moved on (every medicine settled). */;
      moved: boolean;
    }
  | { ok: false; reason: "state" | "item"; submission: Submission | undefined };

/** The outbox ref of the announcement each resident receives. */
export const ROUND_REF = "medicine-round";
/** The outbox ref of what a resident is told about their list. */
export const SUBMISSION_REF = "medicine-list";

/** Thrown inside a transaction to undo it: the household's list was already in. */
class AlreadySubmitted extends Error {}

export function roundsRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function itemsOf(trx: DB, submissionId: number): Promise<MedicineItem[]> {
    const rows = await trx
      .selectFrom("medicine_items")
      .selectAll()
      .where("submission_id", "=", submissionId)
      .orderBy("position")
      .execute();
    return rows.map(toItem);
  }

  async function read(trx: DB, id: number): Promise<Submission | undefined> {
    const row = await trx
      .selectFrom("medicine_submissions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toSubmission(row, await itemsOf(trx, id));
  }

  /** The list's row, locked until the transaction ends (PostgreSQL), so its steps run one at a time. */
  async function locked(trx: DB, id: number) {
    return lockForUpdate(
      trx,
      trx.selectFrom("medicine_submissions").selectAll().where("id", "=", id),
    ).executeTakeFirst();
  }

  const repo = {
    /**
     * Stores a round, its opener as its first handler, and the announcement
     * to each resident, in one transaction.
     */
    async create(
      r: NewRound,
      announcements: (roundId: number) => NewOutboxMessage[],
    ): Promise<Round> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const row = await trx
          .insertInto("medicine_rounds")
          .values({
            opened_by: r.openedBy,
            pharmacy: r.pharmacy,
            collect_at: r.collectAt.toISOString(),
            needs: JSON.stringify(r.needs),
            note: r.note,
            target: r.target,
            status: "open",
            recipients: 0,
            numbers: 0,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const messages = announcements(row.id);
        await trx
          .updateTable("medicine_rounds")
          .set({ recipients: messages.length })
          .where("id", "=", row.id)
          .execute();
        await trx
          .insertInto("medicine_round_handlers")
          .values({ round_id: row.id, person_id: r.openedBy, joined_at: now })
          .execute();
        await outbox.enqueue(
          messages.map((m) => ({ ...m, ref: { type: ROUND_REF, id: row.id } })),
          trx,
        );
        return toRound({ ...row, recipients: messages.length });
      });
    },

    async get(id: number): Promise<Round | undefined> {
      const row = await db
        .selectFrom("medicine_rounds")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toRound(row);
    },

    /** Rounds not finished yet, oldest first. */
    async unfinished(): Promise<Round[]> {
      const rows = await db
        .selectFrom("medicine_rounds")
        .selectAll()
        .where("status", "!=", "finished")
        .orderBy("id")
        .execute();
      return rows.map(toRound);
    },

    /** Stops taking lists; false if it wasn't taking them. */
    async close(id: number): Promise<boolean> {
      const now = iso(clock);
      const result = await db
        .updateTable("medicine_rounds")
        .set({ status: "closed", closed_at: now, updated_at: now })
        .where("id", "=", id)
        .where("status", "=", "open")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Takes the round off the list; false if it was already finished. */
    async finish(id: number): Promise<boolean> {
      const now = iso(clock);
      const result = await db
        .updateTable("medicine_rounds")
        .set({ status: "finished", finished_at: now, updated_at: now })
        .where("id", "=", id)
        .where("status", "!=", "finished")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async isHandler(roundId: number, personId: number): Promise<boolean> {
      const row = await db
        .selectFrom("medicine_round_handlers")
        .select("person_id")
        .where("round_id", "=", roundId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Adds a handler; false if they already were one. */
    async join(roundId: number, personId: number): Promise<boolean> {
      const result = await db
        .insertInto("medicine_round_handlers")
        .values({ round_id: roundId, person_id: personId, joined_at: iso(clock) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async handlers(roundId: number): Promise<number[]> {
      const rows = await db
        .selectFrom("medicine_round_handlers")
        .select("person_id")
        .where("round_id", "=", roundId)
        .orderBy("joined_at")
        .execute();
      return rows.map((r) => r.person_id);
    },

    /**
     * Takes a household's list: the round's next number, while the round
     * takes lists (open, and before its time). One list per household.
     */
    async submit(s: NewSubmission): Promise<SubmitResult> {
      const now = iso(clock);
      try {
        return await inTransaction(db, async (trx): Promise<SubmitResult> => {
          const existing = await trx
            .selectFrom("medicine_submissions")
            .select("id")
            .where("round_id", "=", s.roundId)
            .where("household_id", "=", s.householdId)
            .executeTakeFirst();
          if (existing) throw new AlreadySubmitted();
          // The number, and the check that the round still takes lists, in one statement.
          const counted = await trx
            .updateTable("medicine_rounds")
            .set((eb) => ({ numbers: eb("numbers", "+", 1), updated_at: now }))
            .where("id", "=", s.roundId)
            .where("status", "=", "open")
            .where("collect_at", ">", now)
            .returning("numbers")
            .executeTakeFirst();
          if (!counted) return { ok: false, reason: "closed" };
          const inserted = await trx
            .insertInto("medicine_submissions")
            .values({
              round_id: s.roundId,
              number: counted.numbers,
              household_id: s.householdId,
              person_id: s.personId,
              address: s.address,
              payment: s.payment,
              photos: JSON.stringify(s.photos),
              status: "submitted",
              created_at: now,
              updated_at: now,
            })
            // Another member of the household at the same moment (PostgreSQL): undone below.
            .onConflict((oc) => oc.columns(["round_id", "household_id"]).doNothing())
            .returning("id")
            .executeTakeFirst();
          if (!inserted) throw new AlreadySubmitted();
          await trx
            .insertInto("medicine_items")
            .values(
              s.items.map((item, i) => ({
                submission_id: inserted.id,
                position: i + 1,
                name: item.name,
                amount: item.amount,
                status: "pending" as const,
              })),
            )
            .execute();
          return { ok: true, submission: (await read(trx, inserted.id)) as Submission };
        });
      } catch (error) {
        if (!(error instanceof AlreadySubmitted)) throw error;
        const mine = await repo.ofHousehold(s.roundId, s.householdId);
        if (!mine) throw error;
        return { ok: false, reason: "already", submission: mine };
      }
    },

    async submission(id: number): Promise<Submission | undefined> {
      return read(db, id);
    },

    async ofHousehold(roundId: number, householdId: number): Promise<Submission | undefined> {
      const row = await db
        .selectFrom("medicine_submissions")
        .select("id")
        .where("round_id", "=", roundId)
        .where("household_id", "=", householdId)
        .executeTakeFirst();
      return row && read(db, row.id);
    },

    /** One page of the work list, by number. */
    async page(roundId: number, offset: number, limit: number): Promise<SubmissionLine[]> {
      return db
        .selectFrom("medicine_submissions")
        .select(["id", "number", "address", "status"])
        .where("round_id", "=", roundId)
        .orderBy("number")
        .offset(offset)
        .limit(limit)
        .execute();
    },

    /** Every list of a round with its medicines, by number (the CSV). */
    async all(roundId: number): Promise<Submission[]> {
      const rows = await db
        .selectFrom("medicine_submissions")
        .selectAll()
        .where("round_id", "=", roundId)
        .orderBy("number")
        .execute();
      const items = await db
        .selectFrom("medicine_items as i")
        .innerJoin("medicine_submissions as s", "s.id", "i.submission_id")
        .selectAll("i")
        .where("s.round_id", "=", roundId)
        .orderBy("i.submission_id")
        .orderBy("i.position")
        .execute();
      const bySubmission = new Map<number, MedicineItem[]>();
      for (const i of items) {
        bySubmission.set(i.submission_id, [
          ...(bySubmission.get(i.submission_id) ?? []),
          toItem(i),
        ]);
      }
      return rows.map((r) => toSubmission(r, bySubmission.get(r.id) ?? []));
    },

    /** Status and settled amount of every list of these rounds (for the counts). */
    async states(
      roundIds: readonly number[],
    ): Promise<Array<{ roundId: number; status: SubmissionStatus; amountFen: number | null }>> {
      if (roundIds.length === 0) return [];
      const rows = await db
        .selectFrom("medicine_submissions")
        .select(["round_id", "status", "amount_fen"])
        .where("round_id", "in", [...roundIds])
        .execute();
      return rows.map((r) => ({ roundId: r.round_id, status: r.status, amountFen: r.amount_fen }));
    },

    /**
     * Moves a list from one state to the next (collected, delivered,
     * settled) and writes what it causes, in one transaction. The first of
     * two presses wins; the second gets the list as it now is.
     */
    async step(
      id: number,
      from: SubmissionStatus,
      to: SubmissionStatus,
      by: number,
      messages: (s: Submission) => NewOutboxMessage[],
      amountFen?: number,
    ): Promise<StepResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const stamp =
          to === "collected"
            ? { collected_at: now }
            : to === "delivered"
              ? { delivered_at: now }
              : to === "settled"
                ? { settled_at: now, amount_fen: amountFen ?? 0 }
                : {};
        const result = await trx
          .updateTable("medicine_submissions")
          .set({ status: to, updated_by: by, updated_at: now, ...stamp })
          .where("id", "=", id)
          .where("status", "=", from)
          .executeTakeFirst();
        const submission = await read(trx, id);
        if (Number(result.numUpdatedRows) === 0 || !submission) return { ok: false, submission };
        await outbox.enqueue(
          messages(submission).map((m) => ({ ...m, ref: { type: SUBMISSION_REF, id } })),
          trx,
        );
        return { ok: true, submission };
      });
    },

    /**
     * One medicine bought, or not available with a reason. When it was the
     * last one pending, the list moves on (purchased, or unavailable when
     * nothing could be bought) and the resident is told, in the same
     * transaction.
     */
    async resolveItem(
      id: number,
      position: number,
      outcome: Exclude<ItemStatus, "pending">,
      reason: string | null,
      by: number,
      messages: (s: Submission) => NewOutboxMessage[],
    ): Promise<ItemResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        // One medicine at a time per list (PostgreSQL), so the last one is seen as last.
        const row = await locked(trx, id);
        if (row?.status !== "collected")
          return { ok: false, reason: "state", submission: await read(trx, id) };
        const result = await trx
          .updateTable("medicine_items")
          .set({ status: outcome, reason, updated_by: by, updated_at: now })
          .where("submission_id", "=", id)
          .where("position", "=", position)
          .where("status", "=", "pending")
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0)
          return { ok: false, reason: "item", submission: await read(trx, id) };
        const next = afterItems(await itemsOf(trx, id));
        if (next) {
          await trx
            .updateTable("medicine_submissions")
            .set({ status: next, purchased_at: now, updated_by: by, updated_at: now })
            .where("id", "=", id)
            .where("status", "=", "collected")
            .execute();
        }
        const submission = (await read(trx, id)) as Submission;
        if (next) {
          await outbox.enqueue(
            messages(submission).map((m) => ({ ...m, ref: { type: SUBMISSION_REF, id } })),
            trx,
          );
        }
        return { ok: true, submission, moved: next !== null };
      });
    },

    /** Records the urgent request filed for what couldn't be bought; false if one already was. */
    async claimUrgent(id: number): Promise<boolean> {
      const result = await db
        .updateTable("medicine_submissions")
        .set({ request_id: 0, updated_at: iso(clock) })
        .where("id", "=", id)
        .where("request_id", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setRequest(id: number, requestId: number | null): Promise<void> {
      await db
        .updateTable("medicine_submissions")
        .set({ request_id: requestId, updated_at: iso(clock) })
        .where("id", "=", id)
        .execute();
    },
  };
  return repo;
}

export type RoundsRepo = ReturnType<typeof roundsRepo>;
