/**
 * Group buys (团购) and free distributions (爱心菜), the pure rules: reading
 * the items a worker types, changing a household's quantities, the amounts,
 * the packing lists, and the reconciliation that must add up to the fen:
 *
 *   ordered = delivered + short + not yet delivered   (quantities and fen)
 *   due     = paid + outstanding                      (fen)
 *
 * Money is whole fen everywhere (domain/money.ts). No grammY, no SQL.
 */
import { ByUnit, compareCodes } from "./address.js";
import { lineFen, type MoneyError, parseMoney, sumFen } from "./money.js";

export type BuyKind = "buy" | "free";
export type Delivery = "door" | "pickup";
export type PayMethod = "cash" | "transfer";

/** At most this many items in one buy (each has a row of buttons). */
export const MAX_ITEMS = 10;
/** The most of one item a household may take when the buy sets no lower limit. */
export const MAX_QTY = 99;
export const ITEM_NAME_MAX = 20;
export const TITLE_MAX = 40;
export const PICKUP_MAX = 100;

export interface ItemSpec {
  name: string;
  /** 0 in a free distribution. */
  priceFen: number;
  /**
   * Per household. In a buy, the most one household may order (null: up to
   * MAX_QTY). In a free distribution, what each household receives unless it
   * declines (at least 1).
   */
  limit: number | null;
}

export type ItemProblem =
  | "no-price"
  | "price-format"
  | "price-too-precise"
  | "price-zero"
  | "price-too-large"
  | "price-negative"
  | "no-name"
  | "name-too-long"
  | "limit"
  | "duplicate";

export interface ItemLineProblem {
  /** 1-based, counting the lines that were not blank. */
  line: number;
  text: string;
  problem: ItemProblem;
}

export type ItemsParse =
  | { ok: true; items: ItemSpec[] }
  | { ok: false; error: "empty" | "too-many" }
  | { ok: false; error: "lines"; problems: ItemLineProblem[] };

/** The highest price of one item: ¥10,000.00 (catches a misplaced decimal point). */
export const ITEM_PRICE_MAX_FEN = 1_000_000;

const PRICE_PROBLEM: Record<MoneyError, ItemProblem> = {
  format: "price-format",
  precision: "price-too-precise",
  "too-large": "price-too-large",
  negative: "price-negative",
};

/** An item's unit price: money as parseMoney reads it, not 0, at most ITEM_PRICE_MAX_FEN. */
function itemPrice(text: string): { fen: number } | { problem: ItemProblem } {
  const price = parseMoney(text);
  if (!price.ok) return { problem: PRICE_PROBLEM[price.error] };
  if (price.fen === 0) return { problem: "price-zero" };
  if (price.fen > ITEM_PRICE_MAX_FEN) return { problem: "price-too-large" };
  return { fen: price.fen };
}

const UNIT_WORDS = "份|个|件|斤|袋|盒|箱|只|瓶|把|包|支|桶|kg|公斤";
/** "限2", "限购 2 份", "每户限2", "(限2)", "limit 2", "max 2" at the end of a line. */
const LIMIT = new RegExp(
  `[（(]?\\s*(?:(?:每户)?(?:限购|限)|(?<![\\p{L}])(?:limit|max))\\s*[:：]?\\s*(-?\\d+)\\s*(?:${UNIT_WORDS})?\\s*[）)]?$`,
  "iu",
);
/** "/斤", "每斤", "/kg" after a price: kept on the name ("白菜/斤"). */
const PER_UNIT = new RegExp(`\\s*(?:/|每)\\s*(${UNIT_WORDS})$`, "i");
/** The money-looking end of a line: digits, a point, ¥ and 元块钱圆角毛分. */
const MONEY_TAIL = /[¥\d.元块钱圆角毛分]+$/;
/** In a free distribution: a trailing whole number is the quantity per household. */
const FREE_QTY = new RegExp(`(\\d+)\\s*(?:${UNIT_WORDS})?$`, "i");
const SEPARATORS = /^[\s,，;；:：\-—¥]+|[\s,，;；:：\-—¥]+$/g;

function cleanName(raw: string): string {
  return raw.replace(SEPARATORS, "").replace(/\s+/g, " ").trim();
}

/**
 * One item per line. A buy: `name price [limit]`, e.g. `白菜 3.5`, `猪肉 25元
 * 限2`, `鸡蛋 ¥12.80 limit 1`, `白菜 3.5/斤`. A free distribution: `name
 * [quantity]`, e.g. `蔬菜包 1`, `鸡蛋 10` (1 when left out). Every problem
 * is reported with its line, so the worker fixes them all at once.
 */
export function parseItems(raw: string, kind: BuyKind): ItemsParse {
  const lines = raw
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return { ok: false, error: "empty" };
  if (lines.length > MAX_ITEMS) return { ok: false, error: "too-many" };
  const items: ItemSpec[] = [];
  const problems: ItemLineProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((text, i) => {
    const parsed = kind === "buy" ? parseBuyLine(text) : parseFreeLine(text);
    if ("problem" in parsed) {
      problems.push({ line: i + 1, text, problem: parsed.problem });
      return;
    }
    const key = parsed.name.toLowerCase();
    if (seen.has(key)) {
      problems.push({ line: i + 1, text, problem: "duplicate" });
      return;
    }
    seen.add(key);
    items.push(parsed);
  });
  if (problems.length > 0) return { ok: false, error: "lines", problems };
  return { ok: true, items };
}

type LineParse = ItemSpec | { problem: ItemProblem };

function takeLimit(text: string): { rest: string; limit: number | null } | { problem: "limit" } {
  const m = LIMIT.exec(text);
  if (!m) return { rest: text, limit: null };
  const limit = Number(m[1]);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QTY) return { problem: "limit" };
  return { rest: text.slice(0, m.index).trim(), limit };
}

function named(name: string): { problem: ItemProblem } | undefined {
  if (name === "" || !/[\p{L}\p{N}]/u.test(name)) return { problem: "no-name" };
  if ([...name].length > ITEM_NAME_MAX) return { problem: "name-too-long" };
  return undefined;
}

function parseBuyLine(text: string): LineParse {
  const limited = takeLimit(text);
  if ("problem" in limited) return limited;
  let rest = limited.rest;
  let unit = "";
  const per = PER_UNIT.exec(rest);
  if (per) {
    unit = per[1] as string;
    rest = rest.slice(0, per.index).trimEnd();
  }
  // The price is the money-looking end of the line; a leading 元/块 can't start one.
  const tail = MONEY_TAIL.exec(rest)?.[0].replace(/^[元块钱圆角毛分]+/, "") ?? "";
  if (!/\d/.test(tail)) return { problem: "no-price" };
  const price = itemPrice(tail);
  if ("problem" in price) return price;
  const before = rest.slice(0, rest.length - tail.length);
  // "1,50" or "1，50": a decimal comma, not a name ending in 1 and a price of 50.
  if (/\d\s*[,，]\s*$/.test(before)) return { problem: "price-format" };
  const base = cleanName(before);
  const name = unit === "" ? base : `${base}/${unit}`;
  return named(base) ?? named(name) ?? { name, priceFen: price.fen, limit: limited.limit };
}

function parseFreeLine(text: string): LineParse {
  const limited = takeLimit(text);
  if ("problem" in limited) return limited;
  let rest = limited.rest;
  let quantity = limited.limit;
  if (quantity === null) {
    const m = FREE_QTY.exec(rest);
    // A number glued to a name that ends in a digit (可乐2) is left in the name.
    if (m && (m.index === 0 || /[\s,，:：x×*]/.test(rest[m.index - 1] as string))) {
      quantity = Number(m[1]);
      rest = rest.slice(0, m.index).replace(/[x×*]\s*$/i, "");
      if (quantity < 1 || quantity > MAX_QTY) return { problem: "limit" };
    }
  }
  const name = cleanName(rest);
  return named(name) ?? { name, priceFen: 0, limit: quantity ?? 1 };
}

// ================================================================ ordering

/** The most of this item one household may have. */
export function maxQuantity(item: { limit: number | null }): number {
  return item.limit === null ? MAX_QTY : Math.min(item.limit, MAX_QTY);
}

export type QuantityError = "negative" | "over-limit" | "too-many" | "format";

export type QuantityChange = { add: number } | { set: number };

/**
 * A household's new quantity of one item: `add` from the − and + buttons,
 * `set` from a typed number. Refused below 0, above the item's limit, and
 * above MAX_QTY (whatever the buttons carried).
 */
export function changeQuantity(
  current: number,
  change: QuantityChange,
  item: { limit: number | null },
): { ok: true; qty: number } | { ok: false; error: QuantityError } {
  const next = "add" in change ? current + change.add : change.set;
  if (!Number.isSafeInteger(next)) return { ok: false, error: "format" };
  if (next < 0) return { ok: false, error: "negative" };
  if (next > maxQuantity(item)) {
    const limited = item.limit !== null && item.limit < MAX_QTY;
    return { ok: false, error: limited ? "over-limit" : "too-many" };
  }
  return { ok: true, qty: next };
}

/** What a resident types for a quantity: `3`, `3份`, full-width digits; `-1` and `2.5` are refused. */
export function parseQuantity(
  raw: string,
): { ok: true; qty: number } | { ok: false; error: "format" | "negative" } {
  const text = raw.normalize("NFKC").trim().replace(/\s+/g, "");
  if (/^[-−]\d+/.test(text)) return { ok: false, error: "negative" };
  const m = new RegExp(`^(\\d{1,6})(?:${UNIT_WORDS})?$`, "i").exec(text);
  if (!m) return { ok: false, error: "format" };
  return { ok: true, qty: Number(m[1]) };
}

export interface PricedItem {
  id: number;
  name: string;
  priceFen: number;
}

export interface OrderLine {
  itemId: number;
  qty: number;
}

/** What a household's order comes to: Σ quantity × price. */
export function orderTotal(items: readonly PricedItem[], lines: readonly OrderLine[]): number {
  const price = new Map(items.map((i) => [i.id, i.priceFen]));
  return sumFen(lines.map((l) => lineFen(l.qty, price.get(l.itemId) ?? 0)));
}

/**
 * When residents get the announcement (after quiet hours) and when orders
 * close: the deadline must come after the announcement reaches them.
 */
export function deadlineProblem(deadline: Date, announcedAt: Date): "before-announcement" | null {
  return deadline.getTime() <= announcedAt.getTime() ? "before-announcement" : null;
}

// ============================================================ after the deadline

export interface DoorLine {
  itemId: number;
  qty: number;
  /** Of `qty`, how many could not be given (out of stock, damaged). */
  short: number;
}

/** One household's order as the lists and the reconciliation see it. */
export interface Door {
  householdId: number;
  building: string;
  unit: string;
  room: string;
  address: string;
  lines: readonly DoorLine[];
  delivered: boolean;
  paid: { fen: number; method: PayMethod } | null;
}

/** A household ordered something (free distributions: didn't decline everything). */
export function hasOrder(door: Pick<Door, "lines">): boolean {
  return door.lines.some((l) => l.qty > 0);
}

/** Σ quantity × price over everything ordered. */
export function doorOrderedFen(items: readonly PricedItem[], door: Pick<Door, "lines">): number {
  const price = new Map(items.map((i) => [i.id, i.priceFen]));
  return sumFen(door.lines.map((l) => lineFen(l.qty, price.get(l.itemId) ?? 0)));
}

/** What the household owes: what it ordered less what was short. */
export function doorDueFen(items: readonly PricedItem[], door: Pick<Door, "lines">): number {
  const price = new Map(items.map((i) => [i.id, i.priceFen]));
  return sumFen(door.lines.map((l) => lineFen(l.qty - l.short, price.get(l.itemId) ?? 0)));
}

/** The households that ordered, in walking order: building, unit, room. */
export function sortDoors<D extends Pick<Door, "building" | "unit" | "room" | "lines">>(
  doors: readonly D[],
): D[] {
  return doors
    .filter(hasOrder)
    .sort(
      (a, b) =>
        compareCodes(a.building, b.building) ||
        compareCodes(a.unit, b.unit) ||
        compareCodes(a.room, b.room),
    );
}

export interface PackingUnit {
  building: string;
  unit: string;
  /** `3-2`, or `12` without units. */
  label: string;
  doors: Door[];
  /** Item id → quantity to pack for this unit. */
  totals: Map<number, number>;
}

/** The packing lists: per building and unit, the doors that ordered and what to pack. */
export function packingUnits(doors: readonly Door[]): PackingUnit[] {
  const units = new ByUnit(() => ({ doors: [] as Door[], totals: new Map<number, number>() }));
  for (const door of sortDoors(doors)) {
    const unit = units.get(door);
    unit.doors.push(door);
    for (const l of door.lines) {
      if (l.qty > 0) unit.totals.set(l.itemId, (unit.totals.get(l.itemId) ?? 0) + l.qty);
    }
  }
  return units.rows();
}

export interface ItemReconciliation {
  id: number;
  name: string;
  priceFen: number;
  ordered: number;
  delivered: number;
  short: number;
  /** Not delivered yet (nor short). */
  pending: number;
}

export type ReconciliationProblem =
  | { kind: "short-exceeds"; address: string; itemId: number }
  | { kind: "paid-mismatch"; address: string; paidFen: number; dueFen: number }
  | { kind: "quantities"; itemId: number }
  | { kind: "ordered-fen" }
  | { kind: "due-fen" };

export interface Reconciliation {
  items: ItemReconciliation[];
  fen: {
    ordered: number;
    delivered: number;
    short: number;
    pending: number;
    due: number;
    paid: number;
    cash: number;
    transfer: number;
    outstanding: number;
  };
  households: { ordered: number; delivered: number; paid: number; unpaid: number };
  /** Households that owe money, in walking order. */
  unpaid: Array<{ address: string; fen: number }>;
  problems: ReconciliationProblem[];
  /** Every equation holds to the fen, and nothing is inconsistent. */
  balanced: boolean;
}

/**
 * The reconciliation of one buy. Each side of each equation is summed on its
 * own (per item, and per household), so a wrong figure anywhere shows up as
 * a problem instead of being absorbed into a difference.
 */
export function reconcile(items: readonly PricedItem[], doors: readonly Door[]): Reconciliation {
  const problems: ReconciliationProblem[] = [];
  const perItem = new Map<number, ItemReconciliation>(
    items.map((i) => [
      i.id,
      {
        id: i.id,
        name: i.name,
        priceFen: i.priceFen,
        ordered: 0,
        delivered: 0,
        short: 0,
        pending: 0,
      },
    ]),
  );
  const ordered = sortDoors(doors);
  let due = 0;
  let paid = 0;
  let cash = 0;
  let transfer = 0;
  let outstanding = 0;
  let deliveredDoors = 0;
  let paidDoors = 0;
  const unpaid: Array<{ address: string; fen: number }> = [];
  for (const door of ordered) {
    for (const l of door.lines) {
      const item = perItem.get(l.itemId);
      if (!item) continue;
      if (l.short < 0 || l.short > l.qty) {
        problems.push({ kind: "short-exceeds", address: door.address, itemId: l.itemId });
      }
      item.ordered += l.qty;
      item.short += l.short;
      if (door.delivered) item.delivered += l.qty - l.short;
      else item.pending += l.qty - l.short;
    }
    const doorDue = doorDueFen(items, door);
    due += doorDue;
    if (door.delivered) deliveredDoors++;
    if (door.paid) {
      paidDoors++;
      paid += door.paid.fen;
      if (door.paid.method === "cash") cash += door.paid.fen;
      else transfer += door.paid.fen;
      if (door.paid.fen !== doorDue) {
        problems.push({
          kind: "paid-mismatch",
          address: door.address,
          paidFen: door.paid.fen,
          dueFen: doorDue,
        });
      }
    } else if (doorDue > 0) {
      outstanding += doorDue;
      unpaid.push({ address: door.address, fen: doorDue });
    }
  }
  const list = [...perItem.values()];
  const fenOf = (pick: (i: ItemReconciliation) => number) =>
    sumFen(list.map((i) => lineFen(pick(i), i.priceFen)));
  const fen = {
    ordered: fenOf((i) => i.ordered),
    delivered: fenOf((i) => i.delivered),
    short: fenOf((i) => i.short),
    pending: fenOf((i) => i.pending),
    due,
    paid,
    cash,
    transfer,
    outstanding,
  };
  for (const i of list) {
    if (i.ordered !== i.delivered + i.short + i.pending)
      problems.push({ kind: "quantities", itemId: i.id });
  }
  // Per household (doors) against per item: the same money, summed two ways.
  const orderedByDoor = sumFen(ordered.map((d) => doorOrderedFen(items, d)));
  if (orderedByDoor !== fen.ordered || fen.ordered !== fen.delivered + fen.short + fen.pending) {
    problems.push({ kind: "ordered-fen" });
  }
  if (fen.due !== fen.ordered - fen.short || fen.due !== fen.paid + fen.outstanding) {
    problems.push({ kind: "due-fen" });
  }
  return {
    items: list,
    fen,
    households: {
      ordered: ordered.length,
      delivered: deliveredDoors,
      paid: paidDoors,
      unpaid: unpaid.length,
    },
    unpaid,
    problems,
    balanced: problems.length === 0,
  };
}
