/**
 * Requests: filing (with the day's short number), every change of state as
 * ONE conditional UPDATE (so the first press wins and two volunteers can't
 * both claim), the history of each request, the messages each change causes
 * (written to the outbox in the same transaction), and the ledger's queries.
 */
import { type Selectable, sql, type Updateable } from "kysely";
import {
  type Category,
  type Details,
  formatRequestNumber,
  type Urgency,
} from "../domain/request-catalogue.js";
import { OPEN_STATUSES, type Status } from "../domain/request-states.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockKeyForTransaction } from "./dialect.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { RequestsTable } from "./requests-schema.js";
import { inTransaction } from "./transaction.js";

/** A request as features see it (its answers and photos already read back). */
export interface Request {
  id: number;
  /** The community's local date of filing, YYYY-MM-DD. */
  day: string;
  seq: number;
  /** What people say on the phone: `1122-007`. */
  number: string;
  category: Category;
  details: Details;
  urgency: Urgency;
  status: Status;
  householdId: number | null;
  /** The unit tag at filing time (3-2-501), null for someone with only a phone. */
  address: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  /** The registered resident concerned, if any. */
  personId: number | null;
  /** Who hears back and answers "Solved?". */
  contactId: number | null;
  subjectName: string | null;
  subjectPhone: string | null;
  filedBy: number;
  filedAs: "self" | "household" | "unregistered";
  handlerId: number | null;
  assigneeId: number | null;
  noticeId: number | null;
  escalationId: number | null;
  /** Telegram file_ids. */
  photos: string[];
  residentAnswer: string | null;
  lastNote: string | null;
  createdAt: string;
  updatedAt: string;
  takenAt: string | null;
  doneAt: string | null;
  reopenedAt: string | null;
  closedAt: string | null;
}

function toRequest(r: Selectable<RequestsTable>): Request {
  return {
    id: r.id,
    day: r.day,
    seq: r.seq,
    number: r.number,
    category: r.category,
    details: JSON.parse(r.details) as Details,
    urgency: r.urgency,
    status: r.status,
    householdId: r.household_id,
    address: r.address,
    building: r.building,
    unit: r.unit,
    room: r.room,
    personId: r.person_id,
    contactId: r.contact_id,
    subjectName: r.subject_name,
    subjectPhone: r.subject_phone,
    filedBy: r.filed_by,
    filedAs: r.filed_as,
    handlerId: r.handler_id,
    assigneeId: r.assignee_id,
    noticeId: r.notice_id,
    escalationId: r.escalation_id,
    photos: JSON.parse(r.photos) as string[],
    residentAnswer: r.resident_answer,
    lastNote: r.last_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    takenAt: r.taken_at,
    doneAt: r.done_at,
    reopenedAt: r.reopened_at,
    closedAt: r.closed_at,
  };
}

/** One entry of a request's history. */
export interface RequestEvent {
  id: number;
  requestId: number;
  at: string;
  actorId: number | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
}

/** What a change of state sets besides the status. */
export interface RequestChanges {
  handlerId?: number | null;
  assigneeId?: number | null;
  takenAt?: string;
  doneAt?: string;
  closedAt?: string;
  reopenedAt?: string;
  lastNote?: string | null;
  residentAnswer?: "solved" | "not_solved";
}

function columnsOf(c: RequestChanges): Updateable<RequestsTable> {
  const set: Updateable<RequestsTable> = {};
  if (c.handlerId !== undefined) set.handler_id = c.handlerId;
  if (c.assigneeId !== undefined) set.assignee_id = c.assigneeId;
  if (c.takenAt !== undefined) set.taken_at = c.takenAt;
  if (c.doneAt !== undefined) set.done_at = c.doneAt;
  if (c.closedAt !== undefined) set.closed_at = c.closedAt;
  if (c.reopenedAt !== undefined) set.reopened_at = c.reopenedAt;
  if (c.lastNote !== undefined) set.last_note = c.lastNote;
  if (c.residentAnswer !== undefined) set.resident_answer = c.residentAnswer;
  return set;
}

/** The outbox ref of the request cards sent to staff (edited in place when the request changes). */
export const CARD_REF = "request-card";

export interface NewRequest {
  /** Local date of filing (YYYY-MM-DD): the number's day. */
  day: string;
  category: Category;
  details: Details;
  urgency: Urgency;
  householdId: number | null;
  address: { building: string; unit: string; room: string; text: string } | null;
  personId: number | null;
  contactId: number | null;
  subjectName: string | null;
  subjectPhone: string | null;
  filedBy: number;
  filedAs: "self" | "household" | "unregistered";
  noticeId: number | null;
  photos: string[];
}

/** A card already delivered to a staff chat, to edit. */
export interface CardRef {
  chatId: number;
  messageId: number;
}

export interface Transition {
  id: number;
  action: string;
  /** The states it may start from; the UPDATE only matches these. */
  from: readonly Status[];
  to: Status;
  actorId: number | null;
  /** Extra conditions, e.g. only the volunteer it is assigned to. */
  onlyAssignee?: number;
  /** Only if it is not already assigned to this volunteer (assigning twice offers once). */
  notAssignedTo?: number;
  set?: RequestChanges;
  note?: string | null;
  /** The messages this change causes, built from the changed row and the cards to edit. */
  messages?: (request: Request, cards: CardRef[]) => NewOutboxMessage[];
  /** More work that belongs to this change, in its transaction (e.g. a volunteer's hours). */
  also?: (trx: DB, request: Request, before: Request) => Promise<void>;
}

export type TransitionResult =
  | { ok: true; request: Request; before: Request }
  | { ok: false; current: Request | undefined };

export function requestsRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function cardsOf(trx: DB, id: number): Promise<CardRef[]> {
    const rows = await trx
      .selectFrom("outbox")
      .select(["chat_id", "message_id"])
      .where("ref_type", "=", CARD_REF)
      .where("ref_id", "=", String(id))
      .where("method", "=", "sendMessage")
      .where("status", "=", "sent")
      .where("message_id", "is not", null)
      .orderBy("id")
      .execute();
    return rows.map((r) => ({ chatId: r.chat_id, messageId: r.message_id as number }));
  }

  return {
    /**
     * Files a request: the next number of its day, the row, its first history
     * entry and the messages it causes, in one transaction.
     */
    async create(
      r: NewRequest,
      messages: (request: Request) => NewOutboxMessage[] = () => [],
    ): Promise<Request> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        // Two filings at once must not both take the same number.
        await lockKeyForTransaction(trx, `requests:${r.day}`);
        const last = await trx
          .selectFrom("requests")
          .select((eb) => eb.fn.max("seq").as("seq"))
          .where("day", "=", r.day)
          .executeTakeFirst();
        const seq = Number(last?.seq ?? 0) + 1;
        const request = await trx
          .insertInto("requests")
          .values({
            day: r.day,
            seq,
            number: formatRequestNumber(r.day, seq),
            category: r.category,
            details: JSON.stringify(r.details),
            urgency: r.urgency,
            status: "new",
            household_id: r.householdId,
            address: r.address?.text ?? null,
            building: r.address?.building ?? null,
            unit: r.address?.unit ?? null,
            room: r.address?.room ?? null,
            person_id: r.personId,
            contact_id: r.contactId,
            subject_name: r.subjectName,
            subject_phone: r.subjectPhone,
            filed_by: r.filedBy,
            filed_as: r.filedAs,
            handler_id: null,
            assignee_id: null,
            notice_id: r.noticeId,
            photos: JSON.stringify(r.photos),
            resident_answer: null,
            last_note: null,
            created_at: now,
            updated_at: now,
            taken_at: null,
            done_at: null,
            reopened_at: null,
            closed_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("request_events")
          .values({
            request_id: request.id,
            at: now,
            actor_id: r.filedBy,
            action: "file",
            from_status: null,
            to_status: "new",
            note: null,
          })
          .execute();
        const filed = toRequest(request);
        await outbox.enqueue(messages(filed), trx);
        return filed;
      });
    },

    /**
     * Moves a request to another state if, and only if, it is in one of
     * `from` (one UPDATE with the condition: of two presses at the same
     * moment exactly one matches). Writes the history entry and the
     * messages in the same transaction.
     */
    async transition(t: Transition): Promise<TransitionResult> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const before = await trx
          .selectFrom("requests")
          .selectAll()
          .where("id", "=", t.id)
          .executeTakeFirst();
        let update = trx
          .updateTable("requests")
          .set({ ...columnsOf(t.set ?? {}), status: t.to, updated_at: now })
          .where("id", "=", t.id)
          .where("status", "in", [...t.from]);
        if (t.onlyAssignee !== undefined) update = update.where("assignee_id", "=", t.onlyAssignee);
        const other = t.notAssignedTo;
        if (other !== undefined)
          update = update.where((eb) =>
            eb.or([eb("assignee_id", "is", null), eb("assignee_id", "<>", other)]),
          );
        const request = await update.returningAll().executeTakeFirst();
        if (!request || !before)
          return { ok: false as const, current: before && toRequest(before) };
        await trx
          .insertInto("request_events")
          .values({
            request_id: t.id,
            at: now,
            actor_id: t.actorId,
            action: t.action,
            from_status: before.status,
            to_status: t.to,
            note: t.note ?? null,
          })
          .execute();
        const changed = toRequest(request);
        if (t.messages) await outbox.enqueue(t.messages(changed, await cardsOf(trx, t.id)), trx);
        if (t.also) await t.also(trx, changed, toRequest(before));
        return { ok: true as const, request: changed, before: toRequest(before) };
      });
    },

    /**
     * Adds words to the latest change without changing the state (the
     * resident's reason after "not solved"), with the messages they cause.
     */
    async addNote(
      id: number,
      actorId: number,
      action: string,
      note: string,
      messages: (request: Request, cards: CardRef[]) => NewOutboxMessage[] = () => [],
    ): Promise<Request | undefined> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const request = await trx
          .updateTable("requests")
          .set({ last_note: note, updated_at: now })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirst();
        if (!request) return undefined;
        await trx
          .insertInto("request_events")
          .values({
            request_id: id,
            at: now,
            actor_id: actorId,
            action,
            from_status: request.status,
            to_status: request.status,
            note,
          })
          .execute();
        const updated = toRequest(request);
        await outbox.enqueue(messages(updated, await cardsOf(trx, id)), trx);
        return updated;
      });
    },

    /** The household registered at a room, with its residents (oldest registration first). */
    async householdAt(address: {
      building: string;
      unit: string;
      room: string;
    }): Promise<{ id: number; residents: number[] } | undefined> {
      const household = await db
        .selectFrom("households")
        .select("id")
        .where("building", "=", address.building)
        .where("unit", "=", address.unit)
        .where("room", "=", address.room)
        .executeTakeFirst();
      if (!household) return undefined;
      const residents = await db
        .selectFrom("residents")
        .select("person_id")
        .where("household_id", "=", household.id)
        .orderBy("registered_at")
        .execute();
      return { id: household.id, residents: residents.map((r) => r.person_id) };
    },

    /** Remembers the urgent item raised for a request (to acknowledge it from the request later). */
    async setEscalation(id: number, escalationId: number): Promise<void> {
      await db
        .updateTable("requests")
        .set({ escalation_id: escalationId })
        .where("id", "=", id)
        .execute();
    },

    async get(id: number): Promise<Request | undefined> {
      const row = await db
        .selectFrom("requests")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    /** By its short number; numbers repeat every year, so the newest wins. */
    async byNumber(number: string): Promise<Request | undefined> {
      const row = await db
        .selectFrom("requests")
        .selectAll()
        .where("number", "=", number)
        .orderBy("id", "desc")
        .executeTakeFirst();
      return row && toRequest(row);
    },

    async events(id: number): Promise<RequestEvent[]> {
      const rows = await db
        .selectFrom("request_events")
        .selectAll()
        .where("request_id", "=", id)
        .orderBy("id")
        .execute();
      return rows.map((e) => ({
        id: e.id,
        requestId: e.request_id,
        at: e.at,
        actorId: e.actor_id,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
      }));
    },

    /** What the ledger needs: everything open, and everything filed or finished since `since`. */
    async forLedger(since: Date): Promise<Request[]> {
      const at = since.toISOString();
      const rows = await db
        .selectFrom("requests")
        .selectAll()
        .where((eb) =>
          eb.or([
            eb("status", "in", [...OPEN_STATUSES]),
            eb("created_at", ">=", at),
            eb("done_at", ">=", at),
          ]),
        )
        .orderBy("id")
        .execute();
      return rows.map(toRequest);
    },

    /**
     * The ledger's chart: how many requests filed on each local day from
     * `fromDay` on are in each category and state now.
     */
    async chartCells(
      fromDay: string,
    ): Promise<Array<{ date: string; category: Category; status: Status; count: number }>> {
      const rows = await db
        .selectFrom("requests")
        .select((eb) => ["day", "category", "status", eb.fn.countAll<number | string>().as("n")])
        .where("day", ">=", fromDay)
        .groupBy(["day", "category", "status"])
        .execute();
      return rows.map((r) => ({
        date: r.day,
        category: r.category,
        status: r.status,
        count: Number(r.n),
      }));
    },

    /** Filed in [from, to), oldest first (the CSV export). */
    async filedBetween(from: Date, to: Date): Promise<Request[]> {
      const rows = await db
        .selectFrom("requests")
        .selectAll()
        .where("created_at", ">=", from.toISOString())
        .where("created_at", "<", to.toISOString())
        .orderBy("id")
        .execute();
      return rows.map(toRequest);
    },

    /** The requests a person hears back about (their own, or filed by them for someone), newest first. */
    async ofPerson(personId: number, limit = 10): Promise<Request[]> {
      const rows = await db
        .selectFrom("requests")
        .selectAll()
        .where((eb) => eb.or([eb("contact_id", "=", personId), eb("filed_by", "=", personId)]))
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRequest);
    },

    /** Open tasks nobody holds, the most urgent and oldest first. */
    async unclaimed(limit = 20): Promise<Request[]> {
      const rows = await db
        .selectFrom("requests")
        .selectAll()
        .where("status", "in", ["new", "reopened"])
        .orderBy(sql`case urgency when 'now' then 0 when 'today' then 1 else 2 end`)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toRequest);
    },

    /** Tasks assigned to or accepted by a volunteer. */
    async heldBy(personId: number): Promise<Request[]> {
      const rows = await db
        .selectFrom("requests")
        .selectAll()
        .where("assignee_id", "=", personId)
        .where("status", "in", ["assigned", "accepted"])
        .orderBy("id")
        .execute();
      return rows.map(toRequest);
    },

    /**
     * Whether to point this person to the private flow from a group: true at
     * most once per `since` window (one statement, so two messages at once
     * can't both say yes).
     */
    async claimGroupHint(chatId: number, personId: number, since: Date): Promise<boolean> {
      const now = iso(clock);
      const result = await db
        .insertInto("request_group_hints")
        .values({ chat_id: chatId, person_id: personId, at: now })
        .onConflict((oc) =>
          oc
            .columns(["chat_id", "person_id"])
            .doUpdateSet({ at: now })
            .where("request_group_hints.at", "<", since.toISOString()),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /**
     * Records the end-of-day summary of `day` and its messages together; false
     * (and nothing written) if it was already recorded. Exactly once per day,
     * across restarts.
     */
    async claimDailySummary(day: string, messages: NewOutboxMessage[]): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const inserted = await trx
          .insertInto("request_daily_summaries")
          .values({ day, sent_at: iso(clock) })
          .onConflict((oc) => oc.column("day").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await outbox.enqueue(messages, trx);
        return true;
      });
    },

    async dailySummarySent(day: string): Promise<boolean> {
      const row = await db
        .selectFrom("request_daily_summaries")
        .select("day")
        .where("day", "=", day)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type RequestsRepo = ReturnType<typeof requestsRepo>;
