/**
 * Group buys and free distributions: a buy with its items, one order per
 * household it was offered to (created with the buy, so "one order per
 * household" is a primary key), the order's lines, and delivery and payment
 * marked once per door.
 *
 * Race safety, the same on SQLite and PostgreSQL:
 * - an order change names the version it read; the UPDATE that raises the
 *   version matches only that version (and only while the buy is open and
 *   before its deadline), so of two residents of one room writing at once
 *   one wins and the other reads again and re-applies its change;
 * - closing, delivered and paid are conditional UPDATEs whose row count says
 *   who was first: a second "paid" finds `paid_at` already set and changes
 *   nothing.
 */
import type { Selectable } from "kysely";
import { formatAddress } from "../domain/address.js";
import {
  type BuyKind,
  type Delivery,
  type Door,
  type DoorLine,
  doorDueFen,
  hasOrder,
  type ItemSpec,
  type OrderLine,
  type PayMethod,
} from "../domain/groupbuy.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type { BuyStatus, GroupbuysTable } from "./groupbuy-schema.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import type { Reachability } from "./people-schema.js";
import { inTransaction } from "./transaction.js";

export interface Buy {
  id: number;
  kind: BuyKind;
  title: string;
  target: string;
  delivery: Delivery;
  pickup: string | null;
  deadline: string;
  status: BuyStatus;
  createdBy: number;
  createdAt: string;
  closedAt: string | null;
  households: number;
  recipients: number;
}

function toBuy(r: Selectable<GroupbuysTable>): Buy {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    target: r.target,
    delivery: r.delivery,
    pickup: r.pickup,
    deadline: r.deadline,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    households: r.households,
    recipients: r.recipients,
  };
}

export interface BuyItem {
  id: number;
  position: number;
  name: string;
  priceFen: number;
  limit: number | null;
}

/** One household's order: its lines (every item, 0 when not ordered) and what happened at the door. */
export interface HouseholdOrder extends Door {
  buyId: number;
  version: number;
  totalFen: number;
  updatedBy: number | null;
  updatedAt: string | null;
  confirmedAt: string | null;
  deliveredAt: string | null;
  deliveredBy: number | null;
  paidAt: string | null;
  paidBy: number | null;
}

export interface NewBuy {
  kind: BuyKind;
  title: string;
  target: string;
  delivery: Delivery;
  pickup: string | null;
  deadline: Date;
  createdBy: number;
  items: readonly ItemSpec[];
  householdIds: readonly number[];
  recipients: number;
  /** The announcements (and group pointers), built once the buy and its items have ids. */
  messages: (buy: { id: number; items: BuyItem[] }) => NewOutboxMessage[];
}

/** A registered resident of a household, to write to. */
export interface HouseholdResident {
  personId: number;
  householdId: number;
  language: string | null;
  reachability: Reachability;
}

export type WriteOutcome = "ok" | "conflict" | "closed";
export type DoorOutcome = "ok" | "already" | "open" | "unknown";
export type PayOutcome = { ok: true; fen: number } | { ok: false; reason: DoorOutcome | "nothing" };
export type ShortOutcome = "ok" | "frozen" | "bounds" | "open" | "unknown";

/** Rows per INSERT: SQLite allows 32,766 bound parameters (orders bind 2, lines 4). */
const CHUNK = 3_000;

export function groupbuysRepo(db: DB, clock: Clock, outbox: OutboxRepo) {
  async function itemsOf(trx: DB, buyId: number): Promise<BuyItem[]> {
    const rows = await trx
      .selectFrom("groupbuy_items")
      .selectAll()
      .where("buy_id", "=", buyId)
      .orderBy("position")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      priceFen: r.price_fen,
      limit: r.max_per_household,
    }));
  }

  /** Orders of a buy (all, or these households), with their lines, in no particular order. */
  async function ordersOf(
    trx: DB,
    buyId: number,
    householdIds?: readonly number[],
    knownItems?: BuyItem[],
  ): Promise<HouseholdOrder[]> {
    if (householdIds !== undefined && householdIds.length === 0) return [];
    let query = trx
      .selectFrom("groupbuy_orders as o")
      .innerJoin("households as h", "h.id", "o.household_id")
      .select([
        "o.buy_id",
        "o.household_id",
        "o.version",
        "o.total_fen",
        "o.updated_by",
        "o.updated_at",
        "o.confirmed_at",
        "o.delivered_at",
        "o.delivered_by",
        "o.paid_at",
        "o.paid_by",
        "o.paid_method",
        "o.paid_fen",
        "h.building",
        "h.unit",
        "h.room",
      ])
      .where("o.buy_id", "=", buyId);
    let lineQuery = trx.selectFrom("groupbuy_lines").selectAll().where("buy_id", "=", buyId);
    if (householdIds !== undefined) {
      query = query.where("o.household_id", "in", householdIds);
      lineQuery = lineQuery.where("household_id", "in", householdIds);
    }
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const lineRows = await lineQuery.execute();
    const items = knownItems ?? (await itemsOf(trx, buyId));
    const lines = new Map<number, Map<number, DoorLine>>();
    for (const l of lineRows) {
      const of = lines.get(l.household_id) ?? new Map<number, DoorLine>();
      of.set(l.item_id, { itemId: l.item_id, qty: l.qty, short: l.short });
      lines.set(l.household_id, of);
    }
    return rows.map((r) => {
      const own = lines.get(r.household_id);
      return {
        buyId: r.buy_id,
        householdId: r.household_id,
        building: r.building,
        unit: r.unit,
        room: r.room,
        address: formatAddress(r),
        version: r.version,
        totalFen: r.total_fen,
        lines: items.map((i) => own?.get(i.id) ?? { itemId: i.id, qty: 0, short: 0 }),
        updatedBy: r.updated_by,
        updatedAt: r.updated_at,
        confirmedAt: r.confirmed_at,
        delivered: r.delivered_at !== null,
        deliveredAt: r.delivered_at,
        deliveredBy: r.delivered_by,
        paid:
          r.paid_at !== null && r.paid_method !== null && r.paid_fen !== null
            ? { fen: r.paid_fen, method: r.paid_method }
            : null,
        paidAt: r.paid_at,
        paidBy: r.paid_by,
      };
    });
  }

  /** Registered residents of these households (to write to them). */
  async function residentsOf(
    trx: DB,
    householdIds: readonly number[],
  ): Promise<HouseholdResident[]> {
    const found: HouseholdResident[] = [];
    for (let i = 0; i < householdIds.length; i += CHUNK) {
      const rows = await trx
        .selectFrom("residents")
        .innerJoin("people", "people.id", "residents.person_id")
        .select([
          "residents.person_id",
          "residents.household_id",
          "people.language",
          "people.telegram_language",
          "people.reachability",
        ])
        .where("residents.household_id", "in", householdIds.slice(i, i + CHUNK))
        .where("people.forgotten_at", "is", null)
        .execute();
      found.push(
        ...rows.map((r) => ({
          personId: r.person_id,
          householdId: r.household_id,
          language: r.language ?? r.telegram_language,
          reachability: r.reachability,
        })),
      );
    }
    return found;
  }

  /** Doors of a building that ordered something and are not marked delivered yet. */
  async function undeliveredIn(trx: DB, buyId: number, building: string): Promise<number> {
    const row = await trx
      .selectFrom("groupbuy_orders as o")
      .innerJoin("households as h", "h.id", "o.household_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("o.buy_id", "=", buyId)
      .where("h.building", "=", building)
      .where("o.delivered_at", "is", null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("groupbuy_lines as l")
            .select("l.item_id")
            .whereRef("l.buy_id", "=", "o.buy_id")
            .whereRef("l.household_id", "=", "o.household_id")
            .where("l.qty", ">", 0),
        ),
      )
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Is the buy closed (after its deadline), so the doors may be worked? */
  async function isClosed(trx: DB, buyId: number): Promise<boolean | undefined> {
    const buy = await trx
      .selectFrom("groupbuys")
      .select("status")
      .where("id", "=", buyId)
      .executeTakeFirst();
    return buy === undefined ? undefined : buy.status === "closed";
  }

  return {
    /**
     * Stores a buy, its items, an empty order for every household it is
     * offered to (a free distribution's orders already hold each item), and
     * the announcements, in ONE transaction.
     */
    async create(n: NewBuy): Promise<{ id: number; items: BuyItem[] }> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const { id } = await trx
          .insertInto("groupbuys")
          .values({
            kind: n.kind,
            title: n.title,
            target: n.target,
            delivery: n.delivery,
            pickup: n.pickup,
            deadline: n.deadline.toISOString(),
            created_by: n.createdBy,
            created_at: now,
            households: n.householdIds.length,
            recipients: n.recipients,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("groupbuy_items")
          .values(
            n.items.map((item, position) => ({
              buy_id: id,
              position,
              name: item.name,
              price_fen: item.priceFen,
              max_per_household: item.limit,
            })),
          )
          .execute();
        const items = await itemsOf(trx, id);
        for (let i = 0; i < n.householdIds.length; i += CHUNK) {
          const chunk = n.householdIds.slice(i, i + CHUNK);
          await trx
            .insertInto("groupbuy_orders")
            .values(chunk.map((household_id) => ({ buy_id: id, household_id })))
            .execute();
          if (n.kind === "free") {
            const lines = chunk.flatMap((household_id) =>
              items.map((item) => ({
                buy_id: id,
                household_id,
                item_id: item.id,
                qty: item.limit ?? 1,
              })),
            );
            for (let j = 0; j < lines.length; j += CHUNK) {
              await trx
                .insertInto("groupbuy_lines")
                .values(lines.slice(j, j + CHUNK))
                .execute();
            }
          }
        }
        await outbox.enqueue(n.messages({ id, items }), trx);
        return { id, items };
      });
    },

    async get(id: number): Promise<Buy | undefined> {
      const row = await db
        .selectFrom("groupbuys")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toBuy(row);
    },

    items(buyId: number): Promise<BuyItem[]> {
      return itemsOf(db, buyId);
    },

    /** The newest buys first. */
    async recent(limit: number): Promise<Buy[]> {
      const rows = await db
        .selectFrom("groupbuys")
        .selectAll()
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toBuy);
    },

    /** Buys offered to this household, newest first, with the household's order. */
    async forHousehold(householdId: number, limit: number): Promise<Buy[]> {
      const rows = await db
        .selectFrom("groupbuys as b")
        .innerJoin("groupbuy_orders as o", "o.buy_id", "b.id")
        .selectAll("b")
        .where("o.household_id", "=", householdId)
        .orderBy("b.id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toBuy);
    },

    /** A buy, its items and this household's order (undefined when not offered), in four reads. */
    async card(
      buyId: number,
      householdId: number,
    ): Promise<{ buy: Buy; items: BuyItem[]; order: HouseholdOrder | undefined } | undefined> {
      const buy = await db
        .selectFrom("groupbuys")
        .selectAll()
        .where("id", "=", buyId)
        .executeTakeFirst();
      if (!buy) return undefined;
      const items = await itemsOf(db, buyId);
      const [order] = await ordersOf(db, buyId, [householdId], items);
      return { buy: toBuy(buy), items, order };
    },

    /** This household's order of this buy, if the buy was offered to it. */
    async order(buyId: number, householdId: number): Promise<HouseholdOrder | undefined> {
      return (await ordersOf(db, buyId, [householdId]))[0];
    },

    /** Every order of a buy (households that ordered nothing included). */
    orders(buyId: number): Promise<HouseholdOrder[]> {
      return ordersOf(db, buyId);
    },

    /** Households that ordered something and how much, per buy (for the list of buys). */
    async tallies(
      buyIds: readonly number[],
    ): Promise<Map<number, { households: number; fen: number }>> {
      const result = new Map<number, { households: number; fen: number }>();
      if (buyIds.length === 0) return result;
      const counted = await db
        .selectFrom("groupbuy_lines")
        .select(["buy_id", (eb) => eb.fn.count<number>("household_id").distinct().as("n")])
        .where("buy_id", "in", buyIds)
        .where("qty", ">", 0)
        .groupBy("buy_id")
        .execute();
      const sums = await db
        .selectFrom("groupbuy_orders")
        .select(["buy_id", (eb) => eb.fn.sum<number>("total_fen").as("fen")])
        .where("buy_id", "in", buyIds)
        .groupBy("buy_id")
        .execute();
      for (const id of buyIds) result.set(id, { households: 0, fen: 0 });
      for (const c of counted)
        (result.get(c.buy_id) as { households: number }).households = Number(c.n);
      for (const s of sums) (result.get(s.buy_id) as { fen: number }).fen = Number(s.fen ?? 0);
      return result;
    },

    /**
     * Writes a household's changed lines, if the order is still at
     * `expectedVersion` and the buy still takes orders (open, before its
     * deadline): "conflict" means someone else changed it first (read again
     * and re-apply), "closed" that orders are over.
     */
    async writeOrder(w: {
      buyId: number;
      householdId: number;
      expectedVersion: number;
      lines: readonly OrderLine[];
      totalFen: number;
      by: number;
    }): Promise<WriteOutcome> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const result = await trx
          .updateTable("groupbuy_orders")
          .set((eb) => ({
            version: eb("version", "+", 1),
            total_fen: w.totalFen,
            updated_by: w.by,
            updated_at: now,
          }))
          .where("buy_id", "=", w.buyId)
          .where("household_id", "=", w.householdId)
          .where("version", "=", w.expectedVersion)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom("groupbuys")
                .select("groupbuys.id")
                .where("groupbuys.id", "=", w.buyId)
                .where("groupbuys.status", "=", "open")
                .where("groupbuys.deadline", ">", now),
            ),
          )
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) {
          const buy = await trx
            .selectFrom("groupbuys")
            .select(["status", "deadline"])
            .where("id", "=", w.buyId)
            .executeTakeFirst();
          const open = buy !== undefined && buy.status === "open" && buy.deadline > now;
          return open ? "conflict" : "closed";
        }
        for (const line of w.lines) {
          await trx
            .insertInto("groupbuy_lines")
            .values({
              buy_id: w.buyId,
              household_id: w.householdId,
              item_id: line.itemId,
              qty: line.qty,
            })
            .onConflict((oc) =>
              oc.columns(["buy_id", "household_id", "item_id"]).doUpdateSet({ qty: line.qty }),
            )
            .execute();
        }
        return "ok";
      });
    },

    /** The household pressed "done": noted (the order itself is already saved). */
    async confirm(buyId: number, householdId: number): Promise<void> {
      await db
        .updateTable("groupbuy_orders")
        .set({ confirmed_at: iso(clock) })
        .where("buy_id", "=", buyId)
        .where("household_id", "=", householdId)
        .execute();
    },

    /** Open buys whose deadline has passed. */
    async due(): Promise<Buy[]> {
      const rows = await db
        .selectFrom("groupbuys")
        .selectAll()
        .where("status", "=", "open")
        .where("deadline", "<=", iso(clock))
        .orderBy("id")
        .execute();
      return rows.map(toBuy);
    },

    /** Moves an open buy's deadline to now (a worker closes it early). */
    async closeEarly(buyId: number): Promise<boolean> {
      const result = await db
        .updateTable("groupbuys")
        .set({ deadline: iso(clock) })
        .where("id", "=", buyId)
        .where("status", "=", "open")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Closes a buy whose deadline has passed, once: the first caller gets
     * true, and the messages it builds from the final orders go into the
     * outbox in the same transaction.
     */
    async close(
      buyId: number,
      messages: (final: {
        orders: HouseholdOrder[];
        items: BuyItem[];
        residents: HouseholdResident[];
      }) => NewOutboxMessage[],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const now = iso(clock);
        const result = await trx
          .updateTable("groupbuys")
          .set({ status: "closed", closed_at: now })
          .where("id", "=", buyId)
          .where("status", "=", "open")
          .where("deadline", "<=", now)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const orders = await ordersOf(trx, buyId);
        const residents = await residentsOf(
          trx,
          orders.filter(hasOrder).map((o) => o.householdId),
        );
        await outbox.enqueue(
          messages({ orders, items: await itemsOf(trx, buyId), residents }),
          trx,
        );
        return true;
      });
    },

    /** Registered residents of these households (to write to them). */
    residentsOf(householdIds: readonly number[]): Promise<HouseholdResident[]> {
      return residentsOf(db, householdIds);
    },

    /**
     * Marks a door delivered, once (the buy must be closed). A second mark
     * changes nothing and says "already". `messages` (to the household) go
     * out with the first mark only.
     */
    async markDelivered(
      buyId: number,
      householdId: number,
      by: number,
      messages: (order: HouseholdOrder, residents: HouseholdResident[]) => NewOutboxMessage[],
      /** After the first mark, in the same transaction: the doors of its building still to deliver. */
      also?: (trx: DB, order: HouseholdOrder, undelivered: number) => Promise<void>,
    ): Promise<DoorOutcome> {
      return inTransaction(db, async (trx) => {
        const closed = await isClosed(trx, buyId);
        if (closed === undefined) return "unknown";
        if (!closed) return "open";
        const result = await trx
          .updateTable("groupbuy_orders")
          .set({ delivered_at: iso(clock), delivered_by: by })
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("delivered_at", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) {
          return (await ordersOf(trx, buyId, [householdId])).length ? "already" : "unknown";
        }
        const [order] = await ordersOf(trx, buyId, [householdId]);
        if (order) {
          await outbox.enqueue(messages(order, await residentsOf(trx, [householdId])), trx);
          if (also) await also(trx, order, await undeliveredIn(trx, buyId, order.building));
        }
        return "ok";
      });
    },

    /**
     * Records a household's payment of what it owes now, once: a second mark
     * (the same volunteer twice, or two volunteers) finds it paid and stores
     * nothing. The order is locked while the amount is read, so a shortage
     * can't change it in between.
     */
    async markPaid(
      buyId: number,
      householdId: number,
      method: PayMethod,
      by: number,
      messages: (
        order: HouseholdOrder,
        fen: number,
        residents: HouseholdResident[],
      ) => NewOutboxMessage[],
    ): Promise<PayOutcome> {
      return inTransaction(db, async (trx) => {
        const closed = await isClosed(trx, buyId);
        if (closed === undefined) return { ok: false, reason: "unknown" };
        if (!closed) return { ok: false, reason: "open" };
        const locked = await lockForUpdate(
          trx,
          trx
            .selectFrom("groupbuy_orders")
            .select(["paid_at"])
            .where("buy_id", "=", buyId)
            .where("household_id", "=", householdId),
        ).executeTakeFirst();
        if (!locked) return { ok: false, reason: "unknown" };
        if (locked.paid_at !== null) return { ok: false, reason: "already" };
        const [order] = await ordersOf(trx, buyId, [householdId]);
        const fen = order ? doorDueFen(await itemsOf(trx, buyId), order) : 0;
        if (!order || fen <= 0) return { ok: false, reason: "nothing" };
        const result = await trx
          .updateTable("groupbuy_orders")
          .set({ paid_at: iso(clock), paid_by: by, paid_method: method, paid_fen: fen })
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("paid_at", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "already" };
        await outbox.enqueue(messages(order, fen, await residentsOf(trx, [householdId])), trx);
        return { ok: true, fen };
      });
    },

    /**
     * Takes back a "delivered" pressed by mistake: only the mark that was read
     * (`deliveredAt`) is cleared, so two undos, or an undo racing a new mark,
     * change it once. `messages` (to the household) go out with it.
     */
    async undoDelivered(
      buyId: number,
      householdId: number,
      deliveredAt: string,
      messages: (order: HouseholdOrder, residents: HouseholdResident[]) => NewOutboxMessage[],
      /** After the mark is cleared, in the same transaction (the building's delivery task). */
      also?: (trx: DB, order: HouseholdOrder) => Promise<void>,
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("groupbuy_orders")
          .set({ delivered_at: null, delivered_by: null })
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("delivered_at", "=", deliveredAt)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const [order] = await ordersOf(trx, buyId, [householdId]);
        if (order) {
          await outbox.enqueue(messages(order, await residentsOf(trx, [householdId])), trx);
          if (also) await also(trx, order);
        }
        return true;
      });
    },

    /**
     * Takes back a "paid" pressed by mistake: the payment read (`paidAt`)
     * is cleared with its amount and method, once; the household is owed
     * again what it owes now. `messages` go out with it.
     */
    async undoPaid(
      buyId: number,
      householdId: number,
      paidAt: string,
      messages: (order: HouseholdOrder, residents: HouseholdResident[]) => NewOutboxMessage[],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("groupbuy_orders")
          .set({ paid_at: null, paid_by: null, paid_method: null, paid_fen: null })
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("paid_at", "=", paidAt)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const [order] = await ordersOf(trx, buyId, [householdId]);
        if (order)
          await outbox.enqueue(messages(order, await residentsOf(trx, [householdId])), trx);
        return true;
      });
    },

    /** The buildings with at least one door that ordered something, and how many such doors. */
    async orderedBuildings(buyId: number): Promise<Array<{ building: string; doors: number }>> {
      const rows = await db
        .selectFrom("groupbuy_orders as o")
        .innerJoin("households as h", "h.id", "o.household_id")
        .select(["h.building", (eb) => eb.fn.countAll<number>().as("doors")])
        .where("o.buy_id", "=", buyId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("groupbuy_lines as l")
              .select("l.item_id")
              .whereRef("l.buy_id", "=", "o.buy_id")
              .whereRef("l.household_id", "=", "o.household_id")
              .where("l.qty", ">", 0),
          ),
        )
        .groupBy("h.building")
        .orderBy("h.building")
        .execute();
      return rows.map((r) => ({ building: r.building, doors: Number(r.doors) }));
    },

    /** Buys closed since this time (their deliveries are posted to volunteers once). */
    async closedSince(since: string): Promise<Buy[]> {
      const rows = await db
        .selectFrom("groupbuys")
        .selectAll()
        .where("status", "=", "closed")
        .where("closed_at", ">=", since)
        .orderBy("id")
        .execute();
      return rows.map(toBuy);
    },

    /**
     * Changes how many of an item a household is short by `delta`, while the
     * door is neither delivered nor paid (after that the amount is settled),
     * and never below 0 or above what was ordered.
     */
    async changeShort(
      buyId: number,
      householdId: number,
      itemId: number,
      delta: number,
    ): Promise<ShortOutcome> {
      return inTransaction(db, async (trx) => {
        const closed = await isClosed(trx, buyId);
        if (closed === undefined) return "unknown";
        if (!closed) return "open";
        // Raising the version takes the order's row lock (PostgreSQL) before the line changes.
        const order = await trx
          .updateTable("groupbuy_orders")
          .set((eb) => ({ version: eb("version", "+", 1) }))
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("delivered_at", "is", null)
          .where("paid_at", "is", null)
          .executeTakeFirst();
        if (Number(order.numUpdatedRows) === 0) {
          return (await ordersOf(trx, buyId, [householdId])).length ? "frozen" : "unknown";
        }
        const line = await trx
          .updateTable("groupbuy_lines")
          .set((eb) => ({ short: eb("short", "+", delta) }))
          .where("buy_id", "=", buyId)
          .where("household_id", "=", householdId)
          .where("item_id", "=", itemId)
          .where((eb) => eb(eb("short", "+", delta), ">=", 0))
          .where((eb) => eb(eb("short", "+", delta), "<=", eb.ref("qty")))
          .executeTakeFirst();
        if (Number(line.numUpdatedRows) === 0) throw new ShortOutOfBounds();
        return "ok";
      }).catch((error: unknown) => {
        if (error instanceof ShortOutOfBounds) return "bounds" as const;
        throw error;
      });
    },
  };
}

/** Rolls back the version raise of a shortage that would go out of bounds. */
class ShortOutOfBounds extends Error {}

export type GroupbuysRepo = ReturnType<typeof groupbuysRepo>;
