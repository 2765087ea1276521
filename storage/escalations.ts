/**
 * Escalations: urgent items and their ladder state, the pages sent for them
 * (with their outbox rows), their timeline, the duty roster and the ladder
 * settings. Every change that sends something writes its outbox rows in the
 * same transaction; the ladder's moves are conditional updates, so two
 * processes (or a job and a button) never both take the same step, and the
 * first "I'm on it" wins in one statement.
 */
import { type Selectable, sql } from "kysely";
import {
  DEFAULT_LADDER,
  type LadderSettings,
  type ManualDuty,
  median,
} from "../domain/escalation.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type {
  DutyShare,
  EscalationKind,
  EscalationPagesTable,
  EscalationStatus,
  EscalationsTable,
} from "./escalation-schema.js";
import type { NewOutboxMessage, OutboxRepo, OutboxStatus } from "./outbox.js";
import { inTransaction } from "./transaction.js";

export type { DutyShare, EscalationKind, EscalationStatus } from "./escalation-schema.js";

/** An urgent item and where its ladder stands: what was raised, and what happened since. */
export interface Escalation extends Omit<NewEscalation, "ref"> {
  id: number;
  /** What caused it (e.g. type "checkin"). */
  refType: string | null;
  refId: string | null;
  createdAt: string;
  status: EscalationStatus;
  step: number;
  round: number;
  steppedAt: string;
  acknowledgedBy: number | null;
  acknowledgedAt: string | null;
  gaveUpAt: string | null;
}

function toEscalation(r: Selectable<EscalationsTable>): Escalation {
  return {
    id: r.id,
    kind: r.kind,
    summary: r.summary,
    address: r.address,
    phone: r.phone,
    personId: r.person_id,
    raisedBy: r.raised_by,
    unregistered: r.unregistered === 1,
    personLabel: r.person_label,
    refType: r.ref_type,
    refId: r.ref_id,
    createdAt: r.created_at,
    status: r.status,
    step: r.step,
    round: r.round,
    steppedAt: r.stepped_at,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
    gaveUpAt: r.gave_up_at,
  };
}

/** The ref every page carries in the outbox; edits and follow-ups use their own. */
export const PAGE_REF = "escalation";
export const EDIT_REF = "escalation-edit";
export const NOTE_REF = "escalation-note";

export interface NewEscalation {
  kind: EscalationKind;
  /** One line saying what is happening. */
  summary: string;
  address: string | null;
  phone: string | null;
  /** The resident concerned, if known. */
  personId: number | null;
  raisedBy: number | null;
  /** Raised by someone who is not registered. */
  unregistered: boolean;
  /** How the pages name the person concerned. */
  personLabel: string | null;
  ref: { type: string; id: number | string } | null;
}

/** One page to send: to a person or a group, already written in their language. */
export interface PagePlan {
  chatId: number;
  personId: number | null;
  locale: string;
  payload: Record<string, unknown>;
}

export interface EventPlan {
  type: string;
  actorId?: number | null;
  detail?: Record<string, unknown>;
}

/** Where the ladder stands after a move, and what the move sends. */
export interface StepPlan {
  status: EscalationStatus;
  step: number;
  round: number;
  pages: PagePlan[];
  events: EventPlan[];
  /** Other messages that go with the move (e.g. telling the admins the ladder ran out). */
  notes: NewOutboxMessage[];
}

export interface PageView {
  id: number;
  escalationId: number;
  step: number;
  round: number;
  chatId: number;
  personId: number | null;
  locale: string;
  outboxId: number;
  pagedAt: string;
  declinedAt: string | null;
  closed: boolean;
  editOutboxId: number | null;
  outboxStatus: OutboxStatus | null;
  lastError: string | null;
  messageId: number | null;
  sentAt: string | null;
}

export interface TimelineEvent {
  at: string;
  type: string;
  actorId: number | null;
  detail: Record<string, unknown> | null;
}

export type AckResult =
  | { won: true; at: string; cancelled: number }
  | { won: false; reason: "unknown" }
  | { won: false; reason: "taken"; by: number; at: string };

export type DeclineResult = "ok" | "again" | "taken" | "unknown";

/** One line of the weekly roster: who, which days, from and to (minutes of the day), as typed. */
export interface NewShift {
  personId: number;
  days: number[];
  start: number;
  end: number;
  line: string;
}

export interface ShiftRow {
  id: number;
  personId: number;
  days: number[];
  start: number;
  end: number;
  line: string;
  position: number;
}

export interface DutyRow extends ManualDuty {
  personId: number;
  share: DutyShare;
  updatedAt: string;
}

export interface AckStats {
  /** Items created in the range. */
  total: number;
  acknowledged: number;
  /** Median seconds from creation to "I'm on it" over the acknowledged items; null if none. */
  medianSecondsToAck: number | null;
  /** Items never acknowledged (still open, or the ladder ran out), oldest first. */
  unacknowledged: Array<{
    id: number;
    kind: EscalationKind;
    summary: string;
    address: string | null;
    createdAt: string;
    status: EscalationStatus;
  }>;
}

const SETTING_KEYS: ReadonlyArray<keyof LadderSettings> = [
  "step1Minutes",
  "step2Minutes",
  "step3Minutes",
  "repeats",
];

export function escalationsRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function addEvents(trx: DB, id: number, events: readonly EventPlan[], at: string) {
    if (events.length === 0) return;
    await trx
      .insertInto("escalation_events")
      .values(
        events.map((e) => ({
          escalation_id: id,
          at,
          type: e.type,
          actor_id: e.actorId ?? null,
          detail: e.detail ? JSON.stringify(e.detail) : null,
        })),
      )
      .execute();
  }

  /** Enqueues the pages and notes of a move and records the pages. */
  async function sendStep(trx: DB, id: number, plan: StepPlan, at: string) {
    const pageIds = await outbox.enqueue(
      plan.pages.map((p) => ({
        chatId: p.chatId,
        lane: "urgent" as const,
        method: "sendMessage" as const,
        payload: p.payload,
        ref: { type: PAGE_REF, id },
      })),
      trx,
    );
    if (plan.pages.length > 0) {
      await trx
        .insertInto("escalation_pages")
        .values(
          plan.pages.map((p, i) => ({
            escalation_id: id,
            step: plan.step,
            round: plan.round,
            chat_id: p.chatId,
            person_id: p.personId,
            locale: p.locale,
            outbox_id: pageIds[i] as number,
            paged_at: at,
            declined_at: null,
            edit_outbox_id: null,
          })),
        )
        .execute();
    }
    await outbox.enqueue(plan.notes, trx);
    await addEvents(trx, id, plan.events, at);
  }

  const repo = {
    // ------------------------------------------------------------ settings

    async settings(): Promise<LadderSettings> {
      const rows = await db.selectFrom("escalation_settings").selectAll().execute();
      const settings = { ...DEFAULT_LADDER };
      for (const r of rows) {
        if ((SETTING_KEYS as readonly string[]).includes(r.key)) {
          settings[r.key as keyof LadderSettings] = r.value;
        }
      }
      return settings;
    },

    async setSettings(changes: Partial<LadderSettings>, by: number | null): Promise<void> {
      const now = iso(clock);
      await inTransaction(db, async (trx) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) continue;
          await trx
            .insertInto("escalation_settings")
            .values({ key, value, updated_by: by, updated_at: now })
            .onConflict((oc) =>
              oc.column("key").doUpdateSet({ value, updated_by: by, updated_at: now }),
            )
            .execute();
        }
      });
    },

    // ---------------------------------------------------------------- duty

    async dutyOf(personId: number): Promise<DutyRow | undefined> {
      const r = await db
        .selectFrom("duty_status")
        .selectAll()
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return r && toDuty(r);
    },

    async allDuty(): Promise<Map<number, DutyRow>> {
      const rows = await db.selectFrom("duty_status").selectAll().execute();
      return new Map(rows.map((r) => [r.person_id, toDuty(r)]));
    },

    async setDuty(personId: number, manual: "on" | "off" | null, until: Date | null) {
      const now = iso(clock);
      const until_ = until?.toISOString() ?? null;
      await db
        .insertInto("duty_status")
        .values({ person_id: personId, manual, until: until_, share: "name", updated_at: now })
        .onConflict((oc) =>
          oc.column("person_id").doUpdateSet({ manual, until: until_, updated_at: now }),
        )
        .execute();
    },

    async setShare(personId: number, share: DutyShare): Promise<void> {
      const now = iso(clock);
      await db
        .insertInto("duty_status")
        .values({ person_id: personId, manual: null, until: null, share, updated_at: now })
        .onConflict((oc) => oc.column("person_id").doUpdateSet({ share, updated_at: now }))
        .execute();
    },

    async shifts(): Promise<ShiftRow[]> {
      const rows = await db.selectFrom("duty_shifts").selectAll().orderBy("position").execute();
      return rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        days: r.days === "" ? [] : r.days.split(",").map(Number),
        start: r.start_min,
        end: r.end_min,
        line: r.line,
        position: r.position,
      }));
    },

    /** The whole weekly roster is replaced at once. */
    async replaceShifts(shifts: readonly NewShift[], by: number | null): Promise<void> {
      const now = iso(clock);
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom("duty_shifts").execute();
        if (shifts.length === 0) return;
        await trx
          .insertInto("duty_shifts")
          .values(
            shifts.map((s, i) => ({
              person_id: s.personId,
              days: s.days.join(","),
              start_min: s.start,
              end_min: s.end,
              line: s.line,
              position: i + 1,
              created_by: by,
              created_at: now,
            })),
          )
          .execute();
      });
    },

    // --------------------------------------------------------------- items

    /**
     * A new urgent item, in one transaction with its first step: the pages
     * (outbox rows in the urgent lane), page records and timeline events.
     * `planFor` writes the step for the stored item (synchronously: no
     * queries may run outside the transaction while it is open).
     */
    async create(item: NewEscalation, planFor: (stored: Escalation) => StepPlan): Promise<number> {
      const now = iso(clock);
      return inTransaction(db, async (trx) => {
        const row = await trx
          .insertInto("escalations")
          .values({
            kind: item.kind,
            summary: item.summary,
            address: item.address,
            phone: item.phone,
            person_id: item.personId,
            raised_by: item.raisedBy,
            unregistered: item.unregistered ? 1 : 0,
            person_label: item.personLabel,
            ref_type: item.ref?.type ?? null,
            ref_id: item.ref === null ? null : String(item.ref.id),
            created_at: now,
            status: "open",
            step: 1,
            round: 1,
            stepped_at: now,
            acknowledged_by: null,
            acknowledged_at: null,
            gave_up_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        // The pages name the item, so they are written once its id is known.
        const plan = planFor(toEscalation(row));
        await trx
          .updateTable("escalations")
          .set({
            status: plan.status,
            step: plan.step,
            round: plan.round,
            gave_up_at: plan.status === "unacknowledged" ? now : null,
          })
          .where("id", "=", row.id)
          .execute();
        await addEvents(trx, row.id, [{ type: "created", actorId: item.raisedBy }], now);
        await sendStep(trx, row.id, plan, now);
        return row.id;
      });
    },

    async get(id: number): Promise<Escalation | undefined> {
      const row = await db
        .selectFrom("escalations")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toEscalation(row);
    },

    async open(): Promise<Escalation[]> {
      const rows = await db
        .selectFrom("escalations")
        .selectAll()
        .where("status", "=", sql.lit("open"))
        .orderBy("id")
        .execute();
      return rows.map(toEscalation);
    },

    /**
     * This person's latest SOS nobody has taken yet (its ladder still runs,
     * or ran out): a second SOS is folded into it.
     */
    async waitingSosOf(personId: number): Promise<Escalation | undefined> {
      const row = await db
        .selectFrom("escalations")
        .selectAll()
        .where("kind", "=", "sos")
        .where("person_id", "=", personId)
        .where("status", "in", ["open", "unacknowledged"])
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toEscalation(row);
    },

    /** How many items of each kind were raised since `since`. */
    async countSince(since: Date): Promise<Partial<Record<EscalationKind, number>>> {
      const rows = await db
        .selectFrom("escalations")
        .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
        .where("created_at", ">=", since.toISOString())
        .groupBy("kind")
        .execute();
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    },

    async recent(limit: number): Promise<Escalation[]> {
      const rows = await db
        .selectFrom("escalations")
        .selectAll()
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toEscalation);
    },

    /**
     * Moves an open item from the step it is at (`from`) to `plan`, sending
     * the plan's pages in the same transaction. Does nothing and returns
     * false if the item is no longer open at `from` (someone took it, or
     * another run moved it first).
     */
    async advance(
      id: number,
      from: { step: number; round: number },
      plan: StepPlan,
    ): Promise<boolean> {
      const now = iso(clock);
      return inTransaction(db, async (trx) => {
        const moved = await trx
          .updateTable("escalations")
          .set({
            status: plan.status,
            step: plan.step,
            round: plan.round,
            stepped_at: now,
            gave_up_at: plan.status === "unacknowledged" ? now : null,
          })
          .where("id", "=", id)
          .where("status", "=", "open")
          .where("step", "=", from.step)
          .where("round", "=", from.round)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return false;
        await sendStep(trx, id, plan, now);
        return true;
      });
    },

    /**
     * "I'm on it": the first press wins, in one conditional UPDATE. The
     * winner's transaction also cancels every page still waiting in the
     * outbox and enqueues `notes` (the resident is told someone is coming).
     * An item the ladder gave up on can still be taken.
     */
    async acknowledge(id: number, by: number, notes: NewOutboxMessage[]): Promise<AckResult> {
      const now = iso(clock);
      return inTransaction(db, async (trx) => {
        const won = await trx
          .updateTable("escalations")
          .set({ status: "acknowledged", acknowledged_by: by, acknowledged_at: now })
          .where("id", "=", id)
          .where("acknowledged_by", "is", null)
          .executeTakeFirst();
        if (Number(won.numUpdatedRows) === 0) {
          const item = await trx
            .selectFrom("escalations")
            .select(["acknowledged_by", "acknowledged_at"])
            .where("id", "=", id)
            .executeTakeFirst();
          if (!item || item.acknowledged_by === null) return { won: false, reason: "unknown" };
          return {
            won: false,
            reason: "taken",
            by: item.acknowledged_by,
            at: item.acknowledged_at as string,
          };
        }
        const cancelled = await outbox.cancelPending(PAGE_REF, id, "cancelled: acknowledged", trx);
        await addEvents(trx, id, [{ type: "acknowledged", actorId: by }], now);
        if (cancelled > 0)
          await addEvents(trx, id, [{ type: "cancelled", detail: { pages: cancelled } }], now);
        await outbox.enqueue(notes, trx);
        return { won: true, at: now, cancelled };
      });
    },

    /** "Can't take it", recorded on the person's pages of this item. */
    async decline(id: number, personId: number): Promise<DeclineResult> {
      const now = iso(clock);
      return inTransaction(db, async (trx) => {
        // Locked: two presses at once are told apart ("again"), not both recorded.
        const item = await lockForUpdate(
          trx,
          trx.selectFrom("escalations").select(["acknowledged_by"]).where("id", "=", id),
        ).executeTakeFirst();
        if (!item) return "unknown";
        if (item.acknowledged_by !== null) return "taken";
        const already = await trx
          .selectFrom("escalation_events")
          .select("id")
          .where("escalation_id", "=", id)
          .where("type", "=", "declined")
          .where("actor_id", "=", personId)
          .executeTakeFirst();
        if (already) return "again";
        await trx
          .updateTable("escalation_pages")
          .set({ declined_at: now })
          .where("escalation_id", "=", id)
          .where("person_id", "=", personId)
          .where("declined_at", "is", null)
          .execute();
        await addEvents(trx, id, [{ type: "declined", actorId: personId }], now);
        return "ok";
      });
    },

    /** People who pressed "Can't take it" for an item. */
    async decliners(id: number): Promise<number[]> {
      const rows = await db
        .selectFrom("escalation_events")
        .select("actor_id")
        .where("escalation_id", "=", id)
        .where("type", "=", "declined")
        .execute();
      return rows.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id]));
    },

    async pages(id: number): Promise<PageView[]> {
      const rows = await db
        .selectFrom("escalation_pages as p")
        .leftJoin("outbox as o", "o.id", "p.outbox_id")
        .selectAll("p")
        .select(["o.status as outbox_status", "o.message_id", "o.sent_at", "o.last_error"])
        .where("p.escalation_id", "=", id)
        .orderBy("p.id")
        .execute();
      return rows.map(toPage);
    },

    /**
     * Pages of taken items that still need something: waiting in the outbox
     * (to cancel), sent (to edit to "taken by"), or in flight (later).
     */
    async pagesToSettle(limit = 500): Promise<PageView[]> {
      const rows = await db
        .selectFrom("escalation_pages as p")
        .innerJoin("escalations as e", "e.id", "p.escalation_id")
        .leftJoin("outbox as o", "o.id", "p.outbox_id")
        .selectAll("p")
        .select(["o.status as outbox_status", "o.message_id", "o.sent_at", "o.last_error"])
        .where("p.closed", "=", sql.lit(0))
        .where("e.status", "=", "acknowledged")
        .orderBy("p.id")
        .limit(limit)
        .execute();
      return rows.map(toPage);
    },

    /** Pages still waiting in the outbox for a taken item are dropped (see acknowledge). */
    async cancelPages(id: number): Promise<number> {
      return outbox.cancelPending(PAGE_REF, id, "cancelled: acknowledged");
    },

    /**
     * Settles pages of taken items: each gets its "taken by" edit (an outbox
     * row) or is closed with nothing to do. Guarded, so a page is edited once
     * even if two sweeps run together.
     */
    async closePages(
      settled: ReadonlyArray<{ pageId: number; edit?: NewOutboxMessage }>,
    ): Promise<number> {
      if (settled.length === 0) return 0;
      return inTransaction(db, async (trx) => {
        let edits = 0;
        for (const s of settled) {
          const claimed = await trx
            .updateTable("escalation_pages")
            .set({ closed: 1 })
            .where("id", "=", s.pageId)
            .where("closed", "=", 0)
            .executeTakeFirst();
          if (Number(claimed.numUpdatedRows) === 0 || !s.edit) continue;
          const [editId] = await outbox.enqueue([s.edit], trx);
          await trx
            .updateTable("escalation_pages")
            .set({ edit_outbox_id: editId ?? null })
            .where("id", "=", s.pageId)
            .execute();
          edits++;
        }
        return edits;
      });
    },

    async timeline(id: number): Promise<TimelineEvent[]> {
      const rows = await db
        .selectFrom("escalation_events")
        .selectAll()
        .where("escalation_id", "=", id)
        .orderBy("id")
        .execute();
      return rows.map((r) => ({
        at: r.at,
        type: r.type,
        actorId: r.actor_id,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      }));
    },

    async addEvent(id: number, event: EventPlan): Promise<void> {
      await addEvents(db, id, [event], iso(clock));
    },

    /** For the ledger: items created in [from, to). */
    async ackStats(from: Date, to: Date): Promise<AckStats> {
      const rows = await db
        .selectFrom("escalations")
        .selectAll()
        .where("created_at", ">=", from.toISOString())
        .where("created_at", "<", to.toISOString())
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      const seconds = rows.flatMap((r) =>
        r.acknowledged_at === null
          ? []
          : [(Date.parse(r.acknowledged_at) - Date.parse(r.created_at)) / 1000],
      );
      return {
        total: rows.length,
        acknowledged: seconds.length,
        medianSecondsToAck: median(seconds) ?? null,
        unacknowledged: rows
          .filter((r) => r.acknowledged_at === null)
          .map((r) => ({
            id: r.id,
            kind: r.kind,
            summary: r.summary,
            address: r.address,
            createdAt: r.created_at,
            status: r.status,
          })),
      };
    },
  };
  return repo;
}

export type EscalationsRepo = ReturnType<typeof escalationsRepo>;

function toDuty(r: {
  person_id: number;
  manual: "on" | "off" | null;
  until: string | null;
  share: DutyShare;
  updated_at: string;
}): DutyRow {
  return {
    personId: r.person_id,
    manual: r.manual,
    until: r.until,
    share: r.share,
    updatedAt: r.updated_at,
  };
}

function toPage(
  r: Selectable<EscalationPagesTable> & {
    outbox_status: OutboxStatus | null;
    message_id: number | null;
    sent_at: string | null;
    last_error: string | null;
  },
): PageView {
  return {
    id: r.id,
    escalationId: r.escalation_id,
    step: r.step,
    round: r.round,
    chatId: r.chat_id,
    personId: r.person_id,
    locale: r.locale,
    outboxId: r.outbox_id,
    pagedAt: r.paged_at,
    declinedAt: r.declined_at,
    closed: r.closed === 1,
    editOutboxId: r.edit_outbox_id,
    outboxStatus: r.outbox_status,
    lastError: r.last_error,
    messageId: r.message_id,
    sentAt: r.sent_at,
  };
}
