/**
 * Notices: the notice and its versions, one delivery row per recipient (with
 * the outbox row that carries it), confirmations, questions, the live
 * report's bookkeeping, and the free tags staff put on households.
 */
import { type Selectable, sql } from "kysely";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { CARE_FLAGS } from "./households.js";
import type { NoticeStatus, NoticesTable, NoticeUrgency } from "./notices-schema.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
import { inTransaction } from "./transaction.js";

/** A notice as features see it. */
export interface Notice {
  id: number;
  createdBy: number;
  createdAt: string;
  urgency: NoticeUrgency;
  /** When it was due to go out (before quiet hours moved it). */
  sendAt: string;
  status: NoticeStatus;
  supersedes: number | null;
  supersededBy: number | null;
  recipients: number;
  /** Where its live report is, once a worker asked for one. */
  reportChatId: number | null;
  reportMessageId: number | null;
  reportEditedAt: string | null;
  remindedAt: string | null;
}

function toNotice(r: Selectable<NoticesTable>): Notice {
  return {
    id: r.id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    urgency: r.urgency,
    sendAt: r.send_at,
    status: r.status,
    supersedes: r.supersedes,
    supersededBy: r.superseded_by,
    recipients: r.recipients,
    reportChatId: r.report_chat_id,
    reportMessageId: r.report_message_id,
    reportEditedAt: r.report_edited_at,
    remindedAt: r.reminded_at,
  };
}

/** One version of a notice's text, for the residents its target matched. */
export interface NoticeVersion {
  position: number;
  target: string;
  text: string;
  /** Telegram's message entities (the formatting), if any. */
  entities: unknown[] | null;
}

/** One recipient's delivery: which version, and what they did with it. */
export interface Delivery {
  noticeId: number;
  personId: number;
  householdId: number;
  version: number;
  /** The unit tag, e.g. 3-2-501. */
  address: string;
  /** Why it was not sent ("blocked"), if it wasn't. */
  skipped: string | null;
  confirmedAt: string | null;
  question: string | null;
  questionAt: string | null;
}

/** A notice in force for a resident, as /notices lists it. */
export interface NoticeInForce {
  id: number;
  sendAt: string;
  urgency: NoticeUrgency;
  address: string;
  confirmedAt: string | null;
  text: string;
}

/** The outbox ref of the message each recipient receives (its delivery changes the report). */
export const NOTICE_REF = "notice";

/** A registered resident and the facts notice targets match on. */
export interface AudienceMember {
  personId: number;
  householdId: number;
  building: string;
  unit: string;
  room: string;
  /** Free tags and care flags, lower case. */
  tags: string[];
  language: string | null;
  reachability: Reachability;
}

export interface NewDelivery {
  personId: number;
  householdId: number;
  version: number;
  address: string;
  /** The message to send; absent when it is skipped. */
  message?: NewOutboxMessage;
  skipped?: "blocked";
}

export interface NewNotice {
  createdBy: number;
  urgency: NoticeUrgency;
  sendAt: Date;
  versions: Array<{ target: string; text: string; entities: unknown[] | null }>;
  /** The deliveries, built once the notice has its id (the buttons carry it). */
  deliveries: (noticeId: number) => NewDelivery[];
  /** Short pointers to building groups. */
  pointers: NewOutboxMessage[];
  supersedes?: number;
  /** Short updates to the superseded notice's recipients. */
  updates?: NewOutboxMessage[];
}

/** What the live report counts for one recipient ("?" for a question, not its text). */
export interface ReportFacts {
  building: string;
  unit: string;
  room: string;
  skipped: string | null;
  outboxStatus: string | null;
  failure: string | null;
  confirmedAt: string | null;
  question: string | null;
  personId: number;
}

/** One recipient as the report sees it. */
export interface DeliveryView {
  personId: number;
  address: string;
  building: string;
  unit: string;
  room: string;
  name: string | null;
  phone: string | null;
  /** The language to write to them in: chosen, or Telegram's. */
  language: string | null;
  skipped: string | null;
  outboxStatus: string | null;
  failure: string | null;
  messageId: number | null;
  confirmedAt: string | null;
  question: string | null;
}

const CHUNK = 4_000;

/** A notice stored at "Send it", before its deliveries are written (see `expandChunk`). */
export interface NewPendingNotice {
  createdBy: number;
  urgency: NoticeUrgency;
  sendAt: Date;
  versions: Array<{ target: string; text: string; entities: unknown[] | null }>;
  supersedes?: number;
  /** The recipients the preview counted; the last chunk writes the real number. */
  expected: number;
  lane: string;
  notBefore: Date;
  bot: string;
}

/** A notice whose deliveries are still being written. */
export interface NoticeExpansion {
  noticeId: number;
  lane: string;
  notBefore: Date;
  bot: string;
  /** The last person id expanded. */
  cursor: number;
}

/** Someone else expanded this chunk already (or it is done): nothing was written. */
export class StaleExpansion extends Error {}

export function noticesRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function insertDeliveries(trx: DB, id: number, deliveries: NewDelivery[]): Promise<void> {
    const withMessage = deliveries.filter((d) => d.message);
    const ref = { type: NOTICE_REF, id };
    const outboxIds = await outbox.enqueue(
      withMessage.map((d) => ({ ...(d.message as NewOutboxMessage), ref })),
      trx,
    );
    const outboxOf = new Map(withMessage.map((d, i) => [d.personId, outboxIds[i] as number]));
    for (let i = 0; i < deliveries.length; i += CHUNK) {
      await trx
        .insertInto("notice_deliveries")
        .values(
          deliveries.slice(i, i + CHUNK).map((d) => ({
            notice_id: id,
            person_id: d.personId,
            household_id: d.householdId,
            version: d.version,
            address: d.address,
            outbox_id: outboxOf.get(d.personId) ?? null,
            skipped: d.skipped ?? null,
          })),
        )
        .execute();
    }
  }

  return {
    /**
     * Every registered resident with their household, tags and reachability;
     * or one page of them, in person id order, after `page.after`.
     */
    async audience(page?: { after: number; limit: number }): Promise<AudienceMember[]> {
      let query = db
        .selectFrom("residents")
        .innerJoin("households", "households.id", "residents.household_id")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "residents.person_id",
          "households.id as household_id",
          "households.building",
          "households.unit",
          "households.room",
          "households.lives_alone",
          "households.over_75",
          "households.reduced_mobility",
          "households.chronic_medicine",
          "people.language",
          "people.telegram_language",
          "people.reachability",
        ])
        .where("people.forgotten_at", "is", null);
      if (page) {
        query = query
          .where("residents.person_id", ">", page.after)
          .orderBy("residents.person_id")
          .limit(page.limit);
      }
      const rows = await query.execute();
      if (page && rows.length === 0) return [];
      let tagQuery = db.selectFrom("household_tags").select(["household_id", "tag"]);
      if (page) {
        const households = [...new Set(rows.map((r) => r.household_id))];
        tagQuery = tagQuery.where("household_id", "in", households);
      }
      const tagRows = await tagQuery.execute();
      const tags = new Map<number, string[]>();
      for (const t of tagRows)
        tags.set(t.household_id, [...(tags.get(t.household_id) ?? []), t.tag]);
      return rows.map((r) => ({
        personId: r.person_id,
        householdId: r.household_id,
        building: r.building,
        unit: r.unit,
        room: r.room,
        tags: [...(tags.get(r.household_id) ?? []), ...CARE_FLAGS.filter((f) => r[f] === 1)],
        language: r.language ?? r.telegram_language,
        reachability: r.reachability,
      }));
    },

    /**
     * Stores a notice, its versions, every delivery and every outbox row in
     * ONE transaction: the notice exists with all its messages, or not at all.
     */
    async create(n: NewNotice): Promise<number> {
      return inTransaction(db, async (trx) => {
        const id = await insertNotice(trx, n, 0, iso(clock));
        const deliveries = n.deliveries(id);
        await trx
          .updateTable("notices")
          .set({ recipients: deliveries.length })
          .where("id", "=", id)
          .execute();
        await insertDeliveries(trx, id, deliveries);
        await outbox.enqueue(
          n.pointers.map((p) => ({ ...p, ref: { type: "notice-pointer", id } })),
          trx,
        );
        if (n.supersedes !== undefined) {
          await trx
            .updateTable("notices")
            .set({ status: "superseded", superseded_by: id })
            .where("id", "=", n.supersedes)
            .execute();
          await outbox.enqueue(
            (n.updates ?? []).map((u) => ({ ...u, ref: { type: "notice-update", id } })),
            trx,
          );
        }
        return id;
      });
    },

    /**
     * "Send it": the notice, its versions and its expansion row ("to be
     * expanded") in one small transaction, so it is durable before anyone is
     * told it was sent. The deliveries follow in chunks (`expandChunk`).
     */
    async createPending(n: NewPendingNotice): Promise<number> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const id = await insertNotice(trx, n, n.expected, now);
        await trx
          .insertInto("notice_expansions")
          .values({
            notice_id: id,
            lane: n.lane,
            not_before: n.notBefore.toISOString(),
            bot: n.bot,
            created_at: now,
          })
          .execute();
        if (n.supersedes !== undefined) {
          await trx
            .updateTable("notices")
            .set({ status: "superseded", superseded_by: id })
            .where("id", "=", n.supersedes)
            .execute();
        }
        return id;
      });
    },

    /** Notices whose deliveries are still being written, oldest first. */
    async pendingExpansions(): Promise<NoticeExpansion[]> {
      const rows = await db
        .selectFrom("notice_expansions")
        .selectAll()
        .where("done_at", "is", null)
        .orderBy("notice_id")
        .execute();
      return rows.map((r) => ({
        noticeId: r.notice_id,
        lane: r.lane,
        notBefore: new Date(r.not_before),
        bot: r.bot,
        cursor: r.cursor,
      }));
    },

    /**
     * One chunk of a notice's deliveries and their outbox rows, and the cursor
     * moved from `from` to `to`, in one transaction. Throws StaleExpansion
     * (writing nothing) if the cursor is no longer at `from`: no resident is
     * ever expanded twice.
     */
    async expandChunk(
      noticeId: number,
      from: number,
      to: number,
      deliveries: NewDelivery[],
    ): Promise<void> {
      await inTransaction(db, async (trx) => {
        const moved = await trx
          .updateTable("notice_expansions")
          .set({ cursor: to })
          .where("notice_id", "=", noticeId)
          .where("cursor", "=", from)
          .where("done_at", "is", null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new StaleExpansion();
        await insertDeliveries(trx, noticeId, deliveries);
      });
    },

    /** Building → units that a notice's deliveries went to (for the group pointers). */
    async deliveredUnits(noticeId: number): Promise<Record<string, string[]>> {
      const rows = await db
        .selectFrom("notice_deliveries as d")
        .innerJoin("households as h", "h.id", "d.household_id")
        .select(["h.building", "h.unit"])
        .distinct()
        .where("d.notice_id", "=", noticeId)
        .orderBy("h.building")
        .orderBy("h.unit")
        .execute();
      const units: Record<string, string[]> = {};
      for (const r of rows) {
        const list = units[r.building];
        if (list) list.push(r.unit);
        else units[r.building] = [r.unit];
      }
      return units;
    },

    /**
     * The last step: the real recipient count, the group pointers and the
     * superseded notice's updates, and the expansion marked done, in one
     * transaction (StaleExpansion if it was done already).
     */
    async finishExpansion(
      noticeId: number,
      pointers: NewOutboxMessage[],
      updates: NewOutboxMessage[],
    ): Promise<void> {
      await inTransaction(db, async (trx) => {
        const done = await trx
          .updateTable("notice_expansions")
          .set({ done_at: iso(clock) })
          .where("notice_id", "=", noticeId)
          .where("done_at", "is", null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new StaleExpansion();
        const { count } = await trx
          .selectFrom("notice_deliveries")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where("notice_id", "=", noticeId)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("notices")
          .set({ recipients: Number(count), report_dirty: 1 })
          .where("id", "=", noticeId)
          .execute();
        await outbox.enqueue(
          pointers.map((p) => ({ ...p, ref: { type: "notice-pointer", id: noticeId } })),
          trx,
        );
        await outbox.enqueue(
          updates.map((u) => ({ ...u, ref: { type: "notice-update", id: noticeId } })),
          trx,
        );
      });
    },

    async get(id: number): Promise<Notice | undefined> {
      const row = await db
        .selectFrom("notices")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toNotice(row);
    },

    async versions(noticeId: number): Promise<NoticeVersion[]> {
      const rows = await db
        .selectFrom("notice_versions")
        .select(["position", "target", "text", "entities"])
        .where("notice_id", "=", noticeId)
        .orderBy("position")
        .execute();
      return rows.map((r) => ({
        ...r,
        entities: r.entities === null ? null : (JSON.parse(r.entities) as unknown[]),
      }));
    },

    /** This person's delivery of this notice, if they were a recipient. */
    async delivery(noticeId: number, personId: number): Promise<Delivery | undefined> {
      const r = await db
        .selectFrom("notice_deliveries")
        .selectAll()
        .where("notice_id", "=", noticeId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return (
        r && {
          noticeId: r.notice_id,
          personId: r.person_id,
          householdId: r.household_id,
          version: r.version,
          address: r.address,
          skipped: r.skipped,
          confirmedAt: r.confirmed_at,
          question: r.question,
          questionAt: r.question_at,
        }
      );
    },

    /** Records "Got it". Only the recipient's press counts; a second press changes nothing. */
    async confirm(noticeId: number, personId: number): Promise<"ok" | "already" | "not-recipient"> {
      const result = await db
        .updateTable("notice_deliveries")
        .set({ confirmed_at: iso(clock) })
        .where("notice_id", "=", noticeId)
        .where("person_id", "=", personId)
        .where("confirmed_at", "is", null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) {
        await this.markReportDirty(noticeId);
        return "ok";
      }
      return (await this.delivery(noticeId, personId)) ? "already" : "not-recipient";
    },

    async setQuestion(noticeId: number, personId: number, question: string): Promise<boolean> {
      const result = await db
        .updateTable("notice_deliveries")
        .set({ question, question_at: iso(clock) })
        .where("notice_id", "=", noticeId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await this.markReportDirty(noticeId);
      return true;
    },

    /** Every recipient with what happened to their message, for the report and the CSV. */
    /**
     * Only what the live report counts, one small row per recipient (no names,
     * phones or question texts): the report job re-reads it every few seconds
     * while a notice to 100,000 drains, so it must stay light.
     */
    async reportFacts(
      noticeId: number,
      page?: { after: number; limit: number },
    ): Promise<ReportFacts[]> {
      let query = db
        .selectFrom("notice_deliveries as d")
        .innerJoin("households as h", "h.id", "d.household_id")
        .leftJoin("outbox as o", "o.id", "d.outbox_id")
        .select((eb) => [
          "h.building",
          "h.unit",
          "h.room",
          "d.skipped",
          "o.status as outboxStatus",
          "o.failure",
          "d.confirmed_at as confirmedAt",
          eb
            .case()
            .when("d.question", "is not", null)
            .then(sql<string>`'?'`)
            .else(null)
            .end()
            .as("question"),
          "d.person_id as personId",
        ])
        .where("d.notice_id", "=", noticeId);
      if (page) {
        query = query
          .where("d.person_id", ">", page.after)
          .orderBy("d.person_id")
          .limit(page.limit);
      }
      return query.execute();
    },

    async deliveries(noticeId: number): Promise<DeliveryView[]> {
      const rows = await db
        .selectFrom("notice_deliveries as d")
        .innerJoin("households as h", "h.id", "d.household_id")
        .leftJoin("people as p", "p.id", "d.person_id")
        .leftJoin("outbox as o", "o.id", "d.outbox_id")
        .select([
          "d.person_id",
          "d.address",
          "h.building",
          "h.unit",
          "h.room",
          "p.display_name",
          "p.phone",
          "p.language",
          "p.telegram_language",
          "d.skipped",
          "o.status",
          "o.failure",
          "o.message_id",
          "d.confirmed_at",
          "d.question",
        ])
        .where("d.notice_id", "=", noticeId)
        .execute();
      return rows.map((r) => ({
        personId: r.person_id,
        address: r.address,
        building: r.building,
        unit: r.unit,
        room: r.room,
        name: r.display_name,
        phone: r.phone,
        language: r.language ?? r.telegram_language,
        skipped: r.skipped,
        outboxStatus: r.status,
        failure: r.failure,
        messageId: r.message_id,
        confirmedAt: r.confirmed_at,
        question: r.question,
      }));
    },

    /** Notices that reached this person and are still in force, newest first. */
    async inForceFor(personId: number, limit = 10): Promise<NoticeInForce[]> {
      const rows = await db
        .selectFrom("notice_deliveries as d")
        .innerJoin("notices as n", "n.id", "d.notice_id")
        .innerJoin("notice_versions as v", (j) =>
          j.onRef("v.notice_id", "=", "d.notice_id").onRef("v.position", "=", "d.version"),
        )
        .select(["n.id", "n.send_at", "n.urgency", "d.address", "d.confirmed_at", "v.text"])
        .where("d.person_id", "=", personId)
        .where("n.status", "=", "active")
        .where("n.send_at", "<=", iso(clock))
        .orderBy("n.send_at", "desc")
        .orderBy("n.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        sendAt: r.send_at,
        urgency: r.urgency,
        address: r.address,
        confirmedAt: r.confirmed_at,
        text: r.text,
      }));
    },

    /** The newest notices, for /report without a number. */
    async recent(limit: number, createdBy?: number): Promise<Notice[]> {
      let query = db.selectFrom("notices").selectAll().orderBy("id", "desc").limit(limit);
      if (createdBy !== undefined) query = query.where("created_by", "=", createdBy);
      return (await query.execute()).map(toNotice);
    },

    async markReportDirty(noticeId: number): Promise<void> {
      await db.updateTable("notices").set({ report_dirty: 1 }).where("id", "=", noticeId).execute();
    },

    async setReportMessage(noticeId: number, chatId: number, messageId: number): Promise<void> {
      await db
        .updateTable("notices")
        .set({
          report_chat_id: chatId,
          report_message_id: messageId,
          report_edited_at: iso(clock),
          report_dirty: 0,
        })
        .where("id", "=", noticeId)
        .execute();
    },

    /**
     * Claims the live reports that changed and were last edited before
     * `editedBefore`: each is marked clean and edited-now in one conditional
     * UPDATE, so two processes (or two overlapping runs) never both edit one
     * report, and a change that lands after the claim marks it dirty again
     * for the next run. Returns the claimed notices.
     */
    async claimDirtyReports(editedBefore: Date): Promise<Notice[]> {
      const rows = await db
        .updateTable("notices")
        .set({ report_dirty: 0, report_edited_at: iso(clock) })
        .where("report_dirty", "=", 1)
        .where("report_message_id", "is not", null)
        .where((eb) =>
          eb.or([
            eb("report_edited_at", "is", null),
            eb("report_edited_at", "<", editedBefore.toISOString()),
          ]),
        )
        .returningAll()
        .execute();
      return rows.map(toNotice).sort((a, b) => a.id - b.id);
    },

    /** Records the one reminder; false if it was already sent (two presses can't both win). */
    async claimReminder(noticeId: number): Promise<boolean> {
      const result = await db
        .updateTable("notices")
        .set({ reminded_at: iso(clock) })
        .where("id", "=", noticeId)
        .where("reminded_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async enqueue(messages: NewOutboxMessage[]): Promise<void> {
      await outbox.enqueue(messages);
    },

    /** Puts a free tag on the households of these rooms; returns how many were tagged. */
    async tag(householdIds: number[], tag: string, by: number): Promise<number> {
      if (householdIds.length === 0) return 0;
      const now = iso(clock);
      const result = await db
        .insertInto("household_tags")
        .values(householdIds.map((id) => ({ household_id: id, tag, added_by: by, added_at: now })))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async untag(householdIds: number[], tag: string): Promise<number> {
      if (householdIds.length === 0) return 0;
      const result = await db
        .deleteFrom("household_tags")
        .where("household_id", "in", householdIds)
        .where("tag", "=", tag)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type NoticesRepo = ReturnType<typeof noticesRepo>;

/** The notice's row and its versions; returns its id. */
async function insertNotice(
  trx: DB,
  n: Pick<NewNotice, "createdBy" | "urgency" | "sendAt" | "versions" | "supersedes">,
  recipients: number,
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto("notices")
    .values({
      created_by: n.createdBy,
      created_at: now,
      urgency: n.urgency,
      send_at: n.sendAt.toISOString(),
      supersedes: n.supersedes ?? null,
      recipients,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertVersions(trx, id, n.versions);
  return id;
}

async function insertVersions(
  trx: DB,
  id: number,
  versions: Array<{ target: string; text: string; entities: unknown[] | null }>,
): Promise<void> {
  await trx
    .insertInto("notice_versions")
    .values(
      versions.map((v, position) => ({
        notice_id: id,
        position,
        target: v.target,
        text: v.text,
        entities: v.entities ? JSON.stringify(v.entities) : null,
      })),
    )
    .execute();
}
