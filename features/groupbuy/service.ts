/**
 * The use cases of group buys and free distributions: open one (announced to
 * its residents through the outbox), change and confirm a household's order
 * (race-safe: a write names the version it read and is re-applied on a
 * conflict), close it at the deadline (the final orders go out in the same
 * transaction), and the volunteers' one tap per door: delivered, paid,
 * short. The only code of the feature, with job.ts, that changes state.
 */
import type { BotDeps } from "../../bot/context.js";
import { personName } from "../../bot/format.js";
import { localeFor, localeOf } from "../../bot/i18n.js";
import { formatAddress, formatUnit } from "../../domain/address.js";
import {
  type BuyKind,
  changeQuantity,
  type Delivery,
  hasOrder,
  type ItemSpec,
  orderTotal,
  type PayMethod,
  type QuantityChange,
  type QuantityError,
  type Reconciliation,
  reconcile,
} from "../../domain/groupbuy.js";
import {
  matchScore,
  namedBuildings,
  parseTarget,
  type Target,
} from "../../domain/notice-target.js";
import { mayAct, type Role } from "../../domain/roles.js";
import { afterQuietHours } from "../../domain/schedule.js";
import type { DB } from "../../storage/database.js";
import type {
  Buy,
  BuyItem,
  DoorOutcome,
  HouseholdOrder,
  HouseholdResident,
  PayOutcome,
  ShortOutcome,
} from "../../storage/groupbuys.js";
import type { AudienceMember } from "../../storage/notices.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import {
  claimPostedTask,
  followTask,
  type PostTaskInput,
  postTask,
  reopenTask,
  type TaskActor,
  type TaskOutcome,
} from "../volunteers/index.js";
import {
  type CardFacts,
  cardPayload,
  deliveredText,
  finalOrderText,
  groupbuyButtons,
  paidText,
  pointerText,
  startingLines,
  summaryKeyboard,
  summaryText,
  tr,
  undoneDeliveredText,
  undonePaidText,
} from "./render.js";

/** The outbox ref of a buy's announcements and messages. */
export const GROUPBUY_REF = "groupbuy";

/** What the opening conversation collects. */
export interface BuyDraft {
  kind: BuyKind;
  title: string;
  items: ItemSpec[];
  /** The target as typed (notice target rules). */
  target: string;
  /** ISO time. */
  deadline: string;
  delivery: Delivery;
  pickup: string | null;
}

function parsed(target: string): Target {
  const result = parseTarget(target);
  if (!result.ok) throw new Error(`unparsed target: ${target}`);
  return result.target;
}

/** The registered residents a target reaches. */
async function reached(deps: BotDeps, target: Target): Promise<AudienceMember[]> {
  return (await deps.storage.notices.audience()).filter((m) => matchScore(target, m) >= 0);
}

/** Buildings a target names that the community doesn't have. */
export async function unknownBuildings(deps: BotDeps, target: Target): Promise<string[]> {
  const unknown: string[] = [];
  for (const b of namedBuildings(target)) {
    if (!(await deps.storage.layout.buildingExists(b))) unknown.push(b);
  }
  return unknown;
}

export interface AudienceCounts {
  households: number;
  recipients: number;
  reachable: number;
  unreachable: number;
  /** One household's address, for the preview. */
  sample: string | null;
}

function countAudience(members: readonly AudienceMember[]): AudienceCounts {
  const reachable = members.filter((m) => m.reachability === "reachable").length;
  return {
    households: new Set(members.map((m) => m.householdId)).size,
    recipients: members.length,
    reachable,
    unreachable: members.length - reachable,
    sample: members[0] ? formatAddress(members[0]) : null,
  };
}

/** How many households and residents a target reaches now (for the preview). */
export async function audienceCounts(deps: BotDeps, target: string): Promise<AudienceCounts> {
  return countAudience(await reached(deps, parsed(target)));
}

/** When residents get an announcement sent now: now, or the end of the quiet hours. */
export function announcementTime(deps: BotDeps): Date {
  return afterQuietHours(deps.clock.now(), deps.config.quietHours, deps.config.timezone);
}

/** The buy as it will be stored, before it has an id (for the preview and the announcements). */
export function draftBuy(deps: BotDeps, draft: BuyDraft, id: number, createdBy: number): Buy {
  return {
    id,
    kind: draft.kind,
    title: draft.title,
    target: draft.target,
    delivery: draft.delivery,
    pickup: draft.pickup,
    deadline: draft.deadline,
    status: "open",
    createdBy,
    createdAt: deps.clock.now().toISOString(),
    closedAt: null,
    households: 0,
    recipients: 0,
  };
}

/**
 * Opens a buy: the buy, its items, an order per household it reaches and an
 * announcement to every resident of those households (in their language,
 * the bulk lane, after quiet hours), plus a short pointer in each building
 * group, in one transaction.
 */
export async function openBuy(
  deps: BotDeps,
  draft: BuyDraft,
  createdBy: number,
  bot: string,
): Promise<{ id: number; counts: AudienceCounts }> {
  const { storage, config, clock } = deps;
  const members = await reached(deps, parsed(draft.target));
  const counts = countAudience(members);
  const householdIds = [...new Set(members.map((m) => m.householdId))];
  const notBefore = announcementTime(deps);
  // A pointer names units in a group everyone reads: only for buys to all, buildings or units.
  // One for a tag (the key-care flags: lives alone, chronic medicine…) or chosen rooms would
  // tell the group which units have such a household.
  const selective = parsed(draft.target).include.some((s) => s.kind === "tag" || s.kind === "room");
  const groups = selective
    ? []
    : (await storage.groups.active()).filter((g) => g.kind === "building" && g.building);
  const now = clock.now();

  const { id } = await storage.groupbuys.create({
    ...draft,
    deadline: new Date(draft.deadline),
    createdBy,
    householdIds,
    recipients: counts.recipients,
    messages: ({ id, items }) => {
      const buy = { ...draftBuy(deps, draft, id, createdBy), households: householdIds.length };
      const order = { lines: startingLines(buy, items), delivered: false, paid: null };
      const message = (chatId: number, payload: Record<string, unknown>): NewOutboxMessage => ({
        chatId,
        lane: "bulk",
        method: "sendMessage",
        notBefore,
        payload,
        ref: { type: GROUPBUY_REF, id },
      });
      const cards = members
        // Someone who blocked the bot is counted, not sent to: a 403 is certain.
        .filter((m) => m.reachability !== "blocked")
        .map((m) => {
          const t = tr(deps, localeOf(deps, m.language));
          const facts: CardFacts = { buy, items, order, address: formatAddress(m) };
          return message(m.personId, cardPayload(t, config.timezone, now, facts));
        });
      const units = new Map<string, Set<string>>();
      for (const m of members) {
        const set = units.get(m.building) ?? new Set<string>();
        set.add(formatUnit(m.building, m.unit));
        units.set(m.building, set);
      }
      const t = tr(deps, config.defaultLocale);
      const pointers = groups.flatMap((g) => {
        const inBuilding = units.get(g.building as string);
        if (!inBuilding) return [];
        const text = pointerText(t, config.timezone, buy, [...inBuilding].sort(), bot);
        return [message(g.chatId, { text })];
      });
      return [...cards, ...pointers];
    },
  });
  deps.outbox.kick();
  await storage.audit.log({
    actorId: createdBy,
    action: "groupbuy.open",
    detail: {
      buy: id,
      kind: draft.kind,
      target: draft.target,
      items: draft.items.length,
      deadline: draft.deadline,
      households: counts.households,
      recipients: counts.recipients,
    },
  });
  return { id, counts };
}

// ================================================================ ordering

/** A household's card: the buy, its items and the order. */
export interface Card {
  buy: Buy;
  items: BuyItem[];
  order: HouseholdOrder;
}

export function cardFacts(card: Card): CardFacts {
  return { ...card, address: card.order.address };
}

export type CardLookup =
  | { ok: true; card: Card }
  | { ok: false; reason: "not-registered" | "unknown" | "not-offered" };

/** The card of this person's household for this buy, if the buy was offered to it. */
export async function loadCard(
  deps: BotDeps,
  buyId: number,
  personId: number,
): Promise<CardLookup> {
  const { storage } = deps;
  const resident = await storage.households.ofPerson(personId);
  if (!resident) return { ok: false, reason: "not-registered" };
  const found = await storage.groupbuys.card(buyId, resident.household.id);
  if (!found) return { ok: false, reason: "unknown" };
  const { buy, items, order } = found;
  if (!order) return { ok: false, reason: "not-offered" };
  return { ok: true, card: { buy, items, order } };
}

export type OrderOutcome =
  | { ok: true; card: Card }
  | { ok: false; reason: "not-registered" | "unknown" | "not-offered" | "busy" }
  | { ok: false; reason: "closed"; card: Card }
  | { ok: false; reason: QuantityError; card: Card; item: BuyItem };

/**
 * Tries before giving up when other writers keep winning: a room has a few
 * residents, so one or two retries is the most seen in practice; the rest is
 * headroom for a stress test with twenty presses at once.
 */
const WRITE_TRIES = 25;

/** A short random wait after losing a race, so the losers don't collide again in step. */
const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * Math.min(attempt, 10)));

/**
 * Changes one item of the household's order: ±1 from the buttons, or a
 * typed number. The change is computed from the order as read and written
 * only if nobody changed the order since; otherwise it is read again and the
 * same change re-applied, so two residents of one room pressing at once both
 * count and neither press is lost.
 */
export async function changeOrder(
  deps: BotDeps,
  buyId: number,
  personId: number,
  itemId: number,
  change: QuantityChange,
): Promise<OrderOutcome> {
  const { storage, clock } = deps;
  for (let attempt = 0; attempt < WRITE_TRIES; attempt++) {
    const found = await loadCard(deps, buyId, personId);
    if (!found.ok) return found;
    const { card } = found;
    const item = card.items.find((i) => i.id === itemId);
    if (!item) return { ok: false, reason: "unknown" };
    if (card.buy.status !== "open" || new Date(card.buy.deadline) <= clock.now()) {
      return { ok: false, reason: "closed", card };
    }
    const current = card.order.lines.find((l) => l.itemId === itemId)?.qty ?? 0;
    const next = changeQuantity(current, change, item);
    if (!next.ok) return { ok: false, reason: next.error, card, item };
    if (next.qty === current) return { ok: true, card };
    const lines = card.order.lines.map((l) => (l.itemId === itemId ? { ...l, qty: next.qty } : l));
    const totalFen = orderTotal(card.items, lines);
    const outcome = await storage.groupbuys.writeOrder({
      buyId,
      householdId: card.order.householdId,
      expectedVersion: card.order.version,
      lines: [{ itemId, qty: next.qty }],
      totalFen,
      by: personId,
    });
    if (outcome === "ok") {
      // Written over exactly the version read: the order is now what was read plus this change.
      const order = { ...card.order, lines, totalFen, version: card.order.version + 1 };
      return { ok: true, card: { ...card, order } };
    }
    if (outcome === "closed") {
      const after = await loadCard(deps, buyId, personId);
      return after.ok ? { ok: false, reason: "closed", card: after.card } : after;
    }
    // "conflict": another resident of the room changed it first; read again.
    await jitter(attempt + 1);
  }
  deps.logger.warn({ buy: buyId }, "group buy order: gave up after repeated conflicts");
  return { ok: false, reason: "busy" };
}

/** "Done": the household's order as it stands (it is already saved). */
export async function confirmOrder(
  deps: BotDeps,
  buyId: number,
  personId: number,
): Promise<CardLookup | { ok: false; reason: "closed"; card: Card }> {
  const found = await loadCard(deps, buyId, personId);
  if (!found.ok) return found;
  if (found.card.buy.status !== "open" || new Date(found.card.buy.deadline) <= deps.clock.now()) {
    return { ok: false, reason: "closed", card: found.card };
  }
  await deps.storage.groupbuys.confirm(buyId, found.card.order.householdId);
  return found;
}

// ================================================================ closing

/**
 * Closes a buy whose deadline has passed, once (a second run, or a second
 * process, finds it closed). In the same transaction: the summary with the
 * supplier's totals to whoever opened it, and the final order to every
 * resident of each household that ordered (both after quiet hours).
 */
export async function closeBuy(
  deps: BotDeps,
  buyId: number,
  /** Who closed it by hand, if anyone: when it is the buy's creator, the summary goes now. */
  closedBy: number | null = null,
): Promise<boolean> {
  const { storage, config, clock } = deps;
  const buy = await storage.groupbuys.get(buyId);
  if (!buy) return false;
  const creator = await storage.people.get(buy.createdBy);
  const staffT = tr(deps, localeFor(deps, creator));
  const now = clock.now();
  const later = afterQuietHours(now, config.quietHours, config.timezone);
  const closed = await storage.groupbuys.close(buyId, ({ orders, items, residents }) => {
    const final: Buy = { ...buy, status: "closed", closedAt: now.toISOString() };
    const rec = reconcile(items, orders);
    // Not urgent: like every other non-urgent message, it waits for the end of quiet hours,
    // unless the creator closed it by hand just now (they are awake and waiting for it).
    const summary: NewOutboxMessage = {
      chatId: buy.createdBy,
      lane: "normal",
      method: "sendMessage",
      notBefore: closedBy === buy.createdBy ? now : later,
      payload: {
        text: `${staffT("gb-closed-intro", { id: buy.id })}\n\n${summaryText(staffT, config.timezone, now, final, items, rec)}`,
        reply_markup: summaryKeyboard(staffT, final, false),
      },
      ref: { type: GROUPBUY_REF, id: buy.id },
    };
    const byHousehold = new Map(orders.map((o) => [o.householdId, o]));
    const finals = residents
      .filter((r) => r.reachability !== "blocked")
      .flatMap((r): NewOutboxMessage[] => {
        const order = byHousehold.get(r.householdId);
        if (!order || !hasOrder(order)) return [];
        const t = tr(deps, localeOf(deps, r.language));
        return [
          {
            chatId: r.personId,
            lane: "bulk",
            method: "sendMessage",
            notBefore: later,
            payload: { text: finalOrderText(t, final, items, order) },
            ref: { type: GROUPBUY_REF, id: buy.id },
          },
        ];
      });
    return [summary, ...finals];
  });
  if (closed) {
    deps.outbox.kick();
    await storage.audit.log({ actorId: null, action: "groupbuy.close", detail: { buy: buyId } });
    await postDeliveries(deps, buy);
  }
  return closed;
}

/** A worker or coordinator closes orders now instead of at the deadline. */
export async function closeEarly(
  deps: BotDeps,
  buyId: number,
  by: number,
): Promise<"closed" | "already" | "unknown"> {
  const buy = await deps.storage.groupbuys.get(buyId);
  if (!buy) return "unknown";
  if (!(await deps.storage.groupbuys.closeEarly(buyId))) return "already";
  await deps.storage.audit.log({
    actorId: by,
    action: "groupbuy.close_early",
    detail: { buy: buyId },
  });
  return (await closeBuy(deps, buyId, by)) ? "closed" : "already";
}

/** Every open buy whose deadline has passed; returns how many were closed. */
export async function closeDueBuys(deps: BotDeps): Promise<number> {
  let closed = 0;
  for (const buy of await deps.storage.groupbuys.due()) {
    if (await closeBuy(deps, buy.id)) closed++;
  }
  // A restart between a close and its delivery posts loses nothing: each is posted once.
  const since = new Date(deps.clock.now().getTime() - RECOVER_POSTS_MS).toISOString();
  for (const buy of await deps.storage.groupbuys.closedSince(since))
    await postDeliveries(deps, buy);
  return closed;
}

// ================================================================ deliveries as volunteers' tasks

/** The team door deliveries go to. */
export const DELIVERY_TEAM = "supplies";
/** What a delivery task is about: one buy's doors in one building. */
export const DELIVERY_REF = "groupbuy-delivery";
/** How far back a closed buy's delivery posts are checked (after a restart). */
const RECOVER_POSTS_MS = 2 * 24 * 3600_000;

const deliveryRef = (buyId: number, building: string) => ({
  type: DELIVERY_REF,
  id: `${buyId}:${building}`,
});

function deliveryTask(buy: Buy, building: string, doors: number): PostTaskInput {
  return {
    team: DELIVERY_TEAM,
    kind: "delivery",
    ref: deliveryRef(buy.id, building),
    titleKey: buy.kind === "free" ? "gb-vt-title-free" : "gb-vt-title",
    titleArgs: { id: buy.id, title: buy.title, building, doors },
    building,
    claimData: groupbuyButtons.take.data({ buy: buy.id, building }),
    postedBy: buy.createdBy,
  };
}

/**
 * A door-delivery buy, once closed: each building's doors are posted to the
 * supplies team's volunteers as one claimable task (the first claim wins;
 * marking the building's last door delivered closes it and logs the hours).
 * Pickup needs no delivery. A building already posted is not posted again.
 */
export async function postDeliveries(deps: BotDeps, buy: Buy): Promise<number> {
  if (buy.delivery !== "door") return 0;
  let posted = 0;
  for (const { building, doors } of await deps.storage.groupbuys.orderedBuildings(buy.id)) {
    const ref = deliveryRef(buy.id, building);
    if (await deps.storage.volunteers.taskByRef(ref.type, ref.id)) continue;
    if ((await postTask(deps, deliveryTask(buy, building, doors))).created) posted++;
  }
  return posted;
}

/** "I'll do it" on a building's deliveries: the first claim wins (the ledger decides). */
export async function claimDelivery(
  deps: BotDeps,
  actor: TaskActor,
  buyId: number,
  building: string,
): Promise<TaskOutcome> {
  return claimPostedTask(deps, actor, deliveryRef(buyId, building));
}

// ================================================================ staff views

export interface Overview {
  buy: Buy;
  items: BuyItem[];
  orders: HouseholdOrder[];
  rec: Reconciliation;
}

/** A buy with every order and its reconciliation (summary, lists, CSV, doors). */
export async function overview(deps: BotDeps, buyId: number): Promise<Overview | undefined> {
  const buy = await deps.storage.groupbuys.get(buyId);
  if (!buy) return undefined;
  const items = await deps.storage.groupbuys.items(buyId);
  const orders = await deps.storage.groupbuys.orders(buyId);
  return { buy, items, orders, rec: reconcile(items, orders) };
}

/** The newest buys, with how many households ordered and for how much. */
export async function recentBuys(deps: BotDeps, limit = 10) {
  const buys = await deps.storage.groupbuys.recent(limit);
  const tallies = await deps.storage.groupbuys.tallies(buys.map((b) => b.id));
  return buys.map((buy) => ({ buy, ...(tallies.get(buy.id) ?? { households: 0, fen: 0 }) }));
}

/** The packing list was downloaded: audited (it says what each household ordered). */
export async function recordCsvDownload(deps: BotDeps, buyId: number, by: number): Promise<void> {
  await deps.storage.audit.log({ actorId: by, action: "groupbuy.csv", detail: { buy: buyId } });
}

// ================================================================ at the door

function toResidents(
  deps: BotDeps,
  residents: readonly HouseholdResident[],
  text: (t: ReturnType<typeof tr>) => string,
  buyId: number,
): NewOutboxMessage[] {
  const { config, clock } = deps;
  const notBefore = afterQuietHours(clock.now(), config.quietHours, config.timezone);
  return residents
    .filter((r) => r.reachability !== "blocked")
    .map((r) => ({
      chatId: r.personId,
      lane: "normal" as const,
      method: "sendMessage" as const,
      notBefore,
      payload: { text: text(tr(deps, localeOf(deps, r.language))) },
      ref: { type: GROUPBUY_REF, id: buyId },
    }));
}

/** A volunteer marks a door delivered: once; the household is told. */
export async function markDelivered(
  deps: BotDeps,
  buy: Buy,
  householdId: number,
  by: number,
): Promise<DoorOutcome> {
  const outcome = await deps.storage.groupbuys.markDelivered(
    buy.id,
    householdId,
    by,
    (order, residents) =>
      hasOrder(order)
        ? toResidents(deps, residents, (t) => deliveredText(t, buy, order.address), buy.id)
        : [],
    // The building's last door: its delivery task is done (the claimer's hours), same transaction.
    async (trx, order, undelivered) => {
      if (buy.delivery !== "door" || undelivered > 0) return;
      const ref = deliveryRef(buy.id, order.building);
      const task = await deps.storage.volunteers.taskByRef(ref.type, ref.id, trx);
      if (!task) return;
      await followTask(
        deps,
        ref,
        { status: "done", volunteerId: task.claimedBy },
        deliveryTask(buy, order.building, 0),
        trx,
      );
    },
  );
  if (outcome === "ok") {
    deps.outbox.kick();
    await deps.storage.audit.log({
      actorId: by,
      action: "groupbuy.delivered",
      detail: { buy: buy.id, household: householdId },
    });
  }
  return outcome;
}

/**
 * A volunteer records a household's payment (cash or transfer) of what it
 * owes: stored once, with the amount; a second mark is refused and audited.
 * The household gets a receipt with the amount.
 */
export async function markPaid(
  deps: BotDeps,
  buy: Buy,
  householdId: number,
  method: PayMethod,
  by: number,
): Promise<PayOutcome> {
  const outcome = await deps.storage.groupbuys.markPaid(
    buy.id,
    householdId,
    method,
    by,
    (order, fen, residents) =>
      toResidents(deps, residents, (t) => paidText(t, buy, order.address, fen, method), buy.id),
  );
  if (outcome.ok) deps.outbox.kick();
  await deps.storage.audit.log({
    actorId: by,
    action: "groupbuy.paid",
    outcome: outcome.ok ? "ok" : "denied",
    detail: {
      buy: buy.id,
      household: householdId,
      method,
      ...(outcome.ok ? { fen: outcome.fen } : { refused: outcome.reason }),
    },
  });
  return outcome;
}

/** One more (or one fewer) of an item short at a door, before it is delivered or paid. */
export async function changeShort(
  deps: BotDeps,
  buyId: number,
  householdId: number,
  itemId: number,
  delta: 1 | -1,
  by: number,
): Promise<ShortOutcome> {
  const outcome = await deps.storage.groupbuys.changeShort(buyId, householdId, itemId, delta);
  if (outcome === "ok") {
    await deps.storage.audit.log({
      actorId: by,
      action: "groupbuy.short",
      detail: { buy: buyId, household: householdId, item: itemId, delta },
    });
  }
  return outcome;
}

// ================================================================ taking back a tap

/** Who may take back anyone's tap at a door (besides whoever pressed it). */
const UNDO_ANYONE: readonly Role[] = ["worker", "coordinator"];

export type UndoOutcome = "ok" | "not-marked" | "not-yours" | "unknown";

/**
 * Takes back "delivered" or "paid" pressed by mistake at a door, by whoever
 * pressed it (or a worker or coordinator): the mark is cleared once, the
 * household is told it was a mistake, and the audit log keeps what was
 * taken back. The reconciliation follows: the amount is outstanding again
 * (and the goods pending) until marked anew.
 */
export async function undoDoor(
  deps: BotDeps,
  buy: Buy,
  householdId: number,
  what: "delivered" | "paid",
  actor: TaskActor,
): Promise<UndoOutcome> {
  const { storage, config } = deps;
  const order = await storage.groupbuys.order(buy.id, householdId);
  if (!order) return "unknown";
  const markedAt = what === "delivered" ? order.deliveredAt : order.paidAt;
  const markedBy = what === "delivered" ? order.deliveredBy : order.paidBy;
  if (markedAt === null) return "not-marked";
  if (markedBy !== actor.id && !mayAct(actor.roles, UNDO_ANYONE)) {
    await storage.audit.log({
      actorId: actor.id,
      action: `groupbuy.undo_${what}`,
      outcome: "denied",
      detail: { buy: buy.id, household: householdId, markedBy },
    });
    return "not-yours";
  }
  const messages = (o: HouseholdOrder, residents: readonly HouseholdResident[]) =>
    toResidents(
      deps,
      residents,
      (t) =>
        what === "delivered"
          ? undoneDeliveredText(t, buy, o.address)
          : undonePaidText(t, buy, o.address, order.paid?.fen ?? 0),
      buy.id,
    );
  let reopened: Awaited<ReturnType<typeof reopenTask>>;
  // Read before the transaction (no other query may run inside it): who would be told, how.
  const before =
    what === "delivered" && buy.delivery === "door"
      ? await storage.volunteers.taskByRef(DELIVERY_REF, deliveryRef(buy.id, order.building).id)
      : undefined;
  const holderLocale =
    before?.claimedBy == null
      ? config.defaultLocale
      : localeFor(deps, await storage.people.get(before.claimedBy));
  const actorName = personName(await storage.people.get(actor.id), actor.id);
  // The building's last door taken back after its delivery task closed: the task is the
  // volunteer's again and its hours come off the ledger until the last door is delivered anew.
  const reopen = async (trx: DB, o: HouseholdOrder) => {
    if (buy.delivery !== "door") return;
    reopened = await reopenTask(deps, deliveryRef(buy.id, o.building), trx);
    const holder = reopened?.task.claimedBy ?? null;
    if (holder === null || holder === actor.id) return;
    const t = tr(deps, holder === before?.claimedBy ? holderLocale : config.defaultLocale);
    await storage.outbox.enqueue(
      [
        {
          chatId: holder,
          lane: "normal",
          method: "sendMessage",
          notBefore: afterQuietHours(deps.clock.now(), config.quietHours, config.timezone),
          payload: {
            text: t("gb-vt-reopened", {
              id: buy.id,
              title: buy.title,
              address: o.address,
              building: o.building,
              name: actorName,
            }),
          },
          ref: { type: GROUPBUY_REF, id: buy.id },
        },
      ],
      trx,
    );
  };
  const undone =
    what === "delivered"
      ? await storage.groupbuys.undoDelivered(buy.id, householdId, markedAt, messages, reopen)
      : await storage.groupbuys.undoPaid(buy.id, householdId, markedAt, messages);
  if (!undone) return "not-marked";
  deps.outbox.kick();
  await storage.audit.log({
    actorId: actor.id,
    action: `groupbuy.undo_${what}`,
    detail: {
      buy: buy.id,
      household: householdId,
      markedBy,
      markedAt,
      ...(what === "paid" && order.paid ? { fen: order.paid.fen, method: order.paid.method } : {}),
      ...(reopened
        ? {
            task: reopened.task.id,
            reopened: true,
            removedHours: reopened.removed.map((e) => ({ entry: e.id, minutes: e.minutes })),
          }
        : {}),
    },
  });
  return "ok";
}
