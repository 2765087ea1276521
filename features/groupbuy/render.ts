/**
 * Everything a group buy looks like to people, in the reader's language: the
 * order card a resident orders on (announcement and card are one message,
 * edited as the order changes), the final order, the receipts, and for
 * staff the list of buys, the summary with the supplier's totals, the packing
 * lists, the door list a volunteer works from, the reconciliation and the CSV.
 * Amounts are formatted from whole fen here and nowhere else.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import { formatUnit } from "../../domain/address.js";
import {
  type Door,
  doorDueFen,
  hasOrder,
  packingUnits,
  type Reconciliation,
  sortDoors,
} from "../../domain/groupbuy.js";
import { formatFen, lineFen, yuanText } from "../../domain/money.js";
import { csvLine } from "../../domain/notice-report.js";
import { splitMessage } from "../../domain/text.js";
import type { Buy, BuyItem, HouseholdOrder } from "../../storage/groupbuys.js";

export type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

export function tr(deps: BotDeps, locale: string): Tr {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

/** The opening conversation's choices. */
export const COMPOSE_CHOICES = [
  "buy",
  "free",
  "door",
  "pickup",
  "send",
  "cancel",
  "title",
  "items",
  "target",
  "deadline",
  "delivery",
] as const;
export type ComposeChoice = (typeof COMPOSE_CHOICES)[number];

const BUY = { buy: "int" } as const;
const DOOR = { buy: "int", household: "int", page: "int" } as const;
const FROM = ["l", "d"] as const;

/** The group buys' buttons, each defined once as typed callback data. */
export const groupbuyButtons = {
  /** The opening conversation's choices. */
  compose: button("gbc", { choice: COMPOSE_CHOICES }),
  /** A resident's − and + on an item (delta −1 or +1; anything else is refused). */
  qty: button("gb:q", { buy: "int", item: "int", delta: "int" }),
  /** The item's name between − and +: type a number. */
  typed: button("gb:n", { buy: "int", item: "int" }),
  /** "Done": the resident's confirmation. */
  done: button("gb:ok", BUY),
  /** Staff: the list of buys, one buy's summary, its packing lists, CSV, reconciliation. */
  list: button("gb:list"),
  view: button("gb:v", BUY),
  pack: button("gb:pack", BUY),
  csv: button("gb:csv", BUY),
  reconcile: button("gb:rec", BUY),
  close: button("gb:close", BUY),
  /** The buildings with orders, then one building's doors, a page at a time. */
  buildings: button("gb:bld", BUY),
  doors: button("gb:doors", { buy: "int", page: "int", building: "str" }),
  /** One tap per door: delivered, paid (cash or transfer), and the door's details. */
  deliver: button("gb:dv", { ...DOOR, from: FROM }),
  pay: button("gb:pay", { ...DOOR, method: ["cash", "transfer"], from: FROM }),
  door: button("gb:dd", DOOR),
  /** On a door's details: one more (+1) or one fewer (−1) of an item short. */
  short: button("gb:sh", { ...DOOR, item: "int", delta: "int" }),
  /** Take back "delivered" (d) or "paid" (p) pressed by mistake, on a door's details. */
  undo: button("gb:un", { ...DOOR, what: ["d", "p"] }),
  /** A volunteer's "I'll do it" on a building's deliveries (posted to the supplies team). */
  take: button("gb:tk", { buy: "int", building: "str" }),
  /** A label that does nothing. */
  none: button("gb:none"),
};

export function composeButton(label: string, choice: ComposeChoice): [string, string] {
  return [label, groupbuyButtons.compose.data({ choice })];
}

const fen = formatFen;

// ================================================================ residents

/** What the card needs: the buy, its items, the household's order (null before any). */
export interface CardFacts {
  buy: Buy;
  items: readonly BuyItem[];
  order: Pick<HouseholdOrder, "lines" | "delivered" | "paid"> | null;
  address: string;
}

/** The quantities a household starts with: nothing in a buy, each item's share in a free distribution. */
export function startingLines(buy: Pick<Buy, "kind">, items: readonly BuyItem[]) {
  return items.map((i) => ({
    itemId: i.id,
    qty: buy.kind === "free" ? (i.limit ?? 1) : 0,
    short: 0,
  }));
}

export function isOpen(buy: Pick<Buy, "status" | "deadline">, now: Date): boolean {
  return buy.status === "open" && new Date(buy.deadline).getTime() > now.getTime();
}

function itemLine(t: Tr, buy: Buy, item: BuyItem): string {
  if (buy.kind === "free") return t("gb-item-free", { name: item.name, qty: item.limit ?? 1 });
  const price = t("gb-item-price", { name: item.name, price: fen(item.priceFen) });
  return item.limit === null ? price : `${price}${t("gb-item-limit", { limit: item.limit })}`;
}

/** The buy's heading lines: kind, number, title, items, delivery and deadline. */
export function buyHeading(t: Tr, timeZone: string, buy: Buy, items: readonly BuyItem[]): string[] {
  return [
    // A buy being previewed has no number yet (0).
    t(buy.kind === "free" ? "gb-title-free" : "gb-title-buy", {
      id: buy.id === 0 ? "…" : buy.id,
      title: buy.title,
    }),
    ...items.map((i) => itemLine(t, buy, i)),
    buy.delivery === "door"
      ? t("gb-delivery-door")
      : t("gb-delivery-pickup", { place: buy.pickup ?? "" }),
    t(buy.kind === "free" ? "gb-deadline-free" : "gb-deadline-buy", {
      time: dateTime(buy.deadline, timeZone),
    }),
  ];
}

/** The household's lines: "白菜 × 2 = ¥7.00", and the total. */
function orderLines(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  lines: CardFacts["order"],
): string[] {
  const chosen = items.flatMap((i) => {
    const qty = lines?.lines.find((l) => l.itemId === i.id)?.qty ?? 0;
    if (qty === 0) return [];
    return buy.kind === "free"
      ? [t("gb-line-free", { name: i.name, qty })]
      : [t("gb-line", { name: i.name, qty, amount: fen(lineFen(qty, i.priceFen)) })];
  });
  if (chosen.length === 0) return [t(buy.kind === "free" ? "gb-order-declined" : "gb-order-empty")];
  if (buy.kind === "free") return chosen;
  const total = items.reduce(
    (sum, i) => sum + lineFen(lines?.lines.find((l) => l.itemId === i.id)?.qty ?? 0, i.priceFen),
    0,
  );
  return [...chosen, t("gb-order-total", { total: fen(total) })];
}

/** The card's text: the address tag, the buy, the household's order and where it stands. */
export function cardText(t: Tr, timeZone: string, now: Date, f: CardFacts): string {
  const open = isOpen(f.buy, now);
  const lines = [
    `【${f.address}】`,
    ...buyHeading(t, timeZone, f.buy, f.items),
    "",
    t("gb-order-heading"),
    ...orderLines(t, f.buy, f.items, f.order),
  ];
  if (open) {
    lines.push("", t(f.buy.kind === "free" ? "gb-card-hint-free" : "gb-card-hint"));
  } else {
    lines.push("", t("gb-card-closed"));
    const ordered = f.order !== null && hasOrder(f.order);
    if (ordered && f.order) {
      if (f.buy.kind === "buy") {
        const due = doorDueFen(f.items, f.order);
        lines.push(
          f.order.paid
            ? t("gb-card-paid", {
                amount: fen(f.order.paid.fen),
                method: t(`gb-method-${f.order.paid.method}`),
              })
            : t("gb-card-due", { amount: fen(due) }),
        );
      }
      lines.push(t(f.order.delivered ? "gb-card-delivered" : "gb-card-not-delivered"));
    }
  }
  return lines.join("\n");
}

/** − [name qty] + per item, and Done; none once orders are closed. */
export function cardKeyboard(t: Tr, f: CardFacts, open: boolean): InlineKeyboard | undefined {
  if (!open) return undefined;
  return keyboardOf(t, f, false);
}

/** The same buttons for the opening conversation's preview, where they do nothing. */
export function previewKeyboard(t: Tr, f: CardFacts): InlineKeyboard {
  return keyboardOf(t, f, true);
}

function keyboardOf(t: Tr, f: CardFacts, preview: boolean): InlineKeyboard {
  const none = groupbuyButtons.none.data({});
  const keyboard = new InlineKeyboard();
  for (const item of f.items) {
    const qty = f.order?.lines.find((l) => l.itemId === item.id)?.qty ?? 0;
    const at = { buy: f.buy.id, item: item.id };
    keyboard
      .text("➖", preview ? none : groupbuyButtons.qty.data({ ...at, delta: -1 }))
      .text(
        t("gb-button-item", { name: item.name, qty }),
        preview ? none : groupbuyButtons.typed.data(at),
      )
      .text("➕", preview ? none : groupbuyButtons.qty.data({ ...at, delta: 1 }))
      .row();
  }
  keyboard.text(t("gb-button-done"), preview ? none : groupbuyButtons.done.data({ buy: f.buy.id }));
  return keyboard;
}

/** The card as a message: text and, while open, the buttons. */
export function cardPayload(t: Tr, timeZone: string, now: Date, f: CardFacts) {
  const keyboard = cardKeyboard(t, f, isOpen(f.buy, now));
  return { text: cardText(t, timeZone, now, f), ...(keyboard ? { reply_markup: keyboard } : {}) };
}

/** "白菜 × 2, 猪肉 × 1" (the confirmation and the final order). */
export function orderSummary(t: Tr, items: readonly BuyItem[], order: Pick<Door, "lines">): string {
  return items
    .flatMap((i) => {
      const qty = order.lines.find((l) => l.itemId === i.id)?.qty ?? 0;
      return qty > 0 ? [t("gb-pack-item", { name: i.name, qty })] : [];
    })
    .join(t("list-separator"));
}

/** The answer to Done. */
export function confirmationText(
  t: Tr,
  timeZone: string,
  buy: Buy,
  items: readonly BuyItem[],
  order: HouseholdOrder,
): string {
  const time = dateTime(buy.deadline, timeZone);
  if (!hasOrder(order)) {
    return t(buy.kind === "free" ? "gb-confirm-declined" : "gb-confirm-empty", {
      id: buy.id,
      time,
    });
  }
  const what = orderSummary(t, items, order);
  return buy.kind === "free"
    ? t("gb-confirm-free", { id: buy.id, address: order.address, items: what, time })
    : t("gb-confirm-buy", {
        id: buy.id,
        address: order.address,
        items: what,
        total: fen(doorDueFen(items, order)),
        time,
      });
}

/** To each resident of a household that ordered, when orders close. */
export function finalOrderText(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  order: HouseholdOrder,
): string {
  const how =
    buy.delivery === "door"
      ? t("gb-final-door")
      : t("gb-final-pickup", { place: buy.pickup ?? "" });
  const key = buy.kind === "free" ? "gb-final-free" : "gb-final-buy";
  return `【${order.address}】\n${t(key, {
    id: buy.id,
    title: buy.title,
    items: orderSummary(t, items, order),
    total: fen(doorDueFen(items, order)),
  })}\n${how}`;
}

export function deliveredText(t: Tr, buy: Buy, address: string): string {
  return `【${address}】\n${t(
    buy.delivery === "door" ? "gb-delivered-door" : "gb-delivered-pickup",
    {
      id: buy.id,
      title: buy.title,
    },
  )}`;
}

/** "Delivered" was pressed by mistake: the household is told it is not marked any more. */
export function undoneDeliveredText(t: Tr, buy: Buy, address: string): string {
  return `【${address}】\n${t("gb-undone-delivered", { id: buy.id, title: buy.title })}`;
}

/** "Paid" was pressed by mistake: the receipt no longer stands. */
export function undonePaidText(t: Tr, buy: Buy, address: string, amount: number): string {
  return `【${address}】\n${t("gb-undone-paid", { id: buy.id, title: buy.title, amount: fen(amount) })}`;
}

export function paidText(t: Tr, buy: Buy, address: string, amount: number, method: string): string {
  return `【${address}】\n${t("gb-paid-receipt", {
    id: buy.id,
    title: buy.title,
    amount: fen(amount),
    method: t(`gb-method-${method}`),
  })}`;
}

/** The short pointer in a building group: no order, no amount, nobody's name. */
export function pointerText(
  t: Tr,
  timeZone: string,
  buy: Buy,
  units: string[],
  bot: string,
): string {
  const shown = units.length > 8 ? [...units.slice(0, 8), "…"] : units;
  return t(buy.kind === "free" ? "gb-pointer-free" : "gb-pointer-buy", {
    units: shown.join(t("list-separator")),
    title: buy.title,
    time: dateTime(buy.deadline, timeZone),
    bot,
  });
}

// ================================================================ staff

/** One line per buy in /groupbuys. */
export function buyListText(
  t: Tr,
  timeZone: string,
  now: Date,
  buys: ReadonlyArray<{ buy: Buy; households: number; fen: number }>,
): string {
  if (buys.length === 0) return t("gb-list-none");
  const lines = buys.map(({ buy, households, fen: amount }) =>
    t(buy.kind === "free" ? "gb-list-item-free" : "gb-list-item-buy", {
      id: buy.id,
      title: buy.title,
      time: dateTime(buy.deadline, timeZone),
      status: t(isOpen(buy, now) ? "gb-status-open" : "gb-status-closed"),
      households,
      offered: buy.households,
      total: fen(amount),
    }),
  );
  return [t("gb-list-title"), ...lines].join("\n");
}

export function buyListKeyboard(buys: readonly Buy[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  buys.forEach((buy, i) => {
    keyboard.text(
      `#${buy.id} ${buy.title}`.slice(0, 40),
      groupbuyButtons.view.data({ buy: buy.id }),
    );
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

/** A buy's summary: status, households, what to order from the supplier, and the money. */
export function summaryText(
  t: Tr,
  timeZone: string,
  now: Date,
  buy: Buy,
  items: readonly BuyItem[],
  rec: Reconciliation,
): string {
  const lines = [
    ...buyHeading(t, timeZone, buy, items),
    "",
    t(isOpen(buy, now) ? "gb-summary-open" : "gb-summary-closed", {
      households: rec.households.ordered,
      offered: buy.households,
      recipients: buy.recipients,
    }),
    t("gb-summary-supplier"),
    ...rec.items.map((i) =>
      buy.kind === "free"
        ? t("gb-summary-item-free", { name: i.name, qty: i.ordered })
        : t("gb-summary-item", {
            name: i.name,
            qty: i.ordered,
            price: fen(i.priceFen),
            amount: fen(lineFen(i.ordered, i.priceFen)),
          }),
    ),
  ];
  if (buy.kind === "buy") lines.push(t("gb-summary-total", { total: fen(rec.fen.ordered) }));
  if (!isOpen(buy, now)) {
    lines.push(
      buy.kind === "buy"
        ? t("gb-summary-progress", {
            delivered: rec.households.delivered,
            paid: rec.households.paid,
            households: rec.households.ordered,
          })
        : t("gb-summary-progress-free", {
            delivered: rec.households.delivered,
            households: rec.households.ordered,
          }),
    );
  }
  return lines.join("\n");
}

export function summaryKeyboard(t: Tr, buy: Buy, open: boolean): InlineKeyboard {
  const at = { buy: buy.id };
  const keyboard = new InlineKeyboard();
  if (open) {
    keyboard.text(t("gb-button-close"), groupbuyButtons.close.data(at)).row();
  } else {
    keyboard
      .text(t("gb-button-pack"), groupbuyButtons.pack.data(at))
      .text(t("gb-button-csv"), groupbuyButtons.csv.data(at))
      .row()
      .text(t("gb-button-doors"), groupbuyButtons.buildings.data(at))
      .text(t("gb-button-reconcile"), groupbuyButtons.reconcile.data(at))
      .row();
  }
  return keyboard
    .text(t("gb-button-refresh"), groupbuyButtons.view.data(at))
    .text(t("gb-button-list"), groupbuyButtons.list.data({}));
}

function packItems(
  t: Tr,
  items: readonly BuyItem[],
  quantities: (itemId: number) => number,
): string {
  return items
    .flatMap((i) => {
      const qty = quantities(i.id);
      return qty > 0 ? [t("gb-pack-item", { name: i.name, qty })] : [];
    })
    .join(" ");
}

/** The packing lists, per building and unit, split to fit messages. */
export function packingTexts(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  doors: readonly Door[],
): string[] {
  const units = packingUnits(doors);
  if (units.length === 0) return [t("gb-pack-none", { id: buy.id })];
  const lines = [t("gb-pack-title", { id: buy.id, title: buy.title })];
  for (const unit of units) {
    lines.push(
      "",
      t("gb-pack-unit", { unit: unit.label, households: unit.doors.length }),
      t("gb-pack-unit-total", { items: packItems(t, items, (id) => unit.totals.get(id) ?? 0) }),
    );
    for (const door of unit.doors) {
      const what = packItems(t, items, (id) => door.lines.find((l) => l.itemId === id)?.qty ?? 0);
      lines.push(
        buy.kind === "buy"
          ? t("gb-pack-door", {
              room: door.room,
              items: what,
              amount: fen(doorDueFen(items, door)),
            })
          : t("gb-pack-door-free", { room: door.room, items: what }),
      );
    }
  }
  return splitMessage(lines.join("\n"));
}

/** The buildings that have orders, to pick one to deliver in. */
export function buildingsKeyboard(t: Tr, buy: Buy, doors: readonly Door[]): InlineKeyboard {
  const counts = new Map<string, number>();
  for (const d of sortDoors(doors)) counts.set(d.building, (counts.get(d.building) ?? 0) + 1);
  const keyboard = new InlineKeyboard();
  [...counts].forEach(([building, n], i) => {
    keyboard.text(
      t("gb-button-building", { building, households: n }),
      groupbuyButtons.doors.data({ buy: buy.id, page: 0, building }),
    );
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard.row().text(t("gb-button-back"), groupbuyButtons.view.data({ buy: buy.id }));
}

/** Doors per page of the door list: a row of buttons each, with room for paging. */
export const DOORS_PER_PAGE = 8;

/** The doors of one building, in walking order. */
export function buildingDoors<D extends Door>(doors: readonly D[], building: string): D[] {
  return sortDoors(doors.filter((d) => d.building === building));
}

function doorLabel(door: Door): string {
  return door.unit === "" ? door.room : `${door.unit}-${door.room}`;
}

function doorState(t: Tr, buy: Buy, items: readonly BuyItem[], door: Door): string {
  const parts = [t(door.delivered ? "gb-door-delivered" : "gb-door-not-delivered")];
  if (buy.kind === "buy") {
    parts.unshift(fen(doorDueFen(items, door)));
    parts.push(
      door.paid
        ? t("gb-door-paid", { method: t(`gb-method-${door.paid.method}`) })
        : t("gb-door-unpaid"),
    );
  }
  return parts.join(" · ");
}

/** One page of a building's door list: a line per door, and a row of one-tap buttons per door. */
export function doorPage(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  building: string,
  doors: readonly Door[],
  page: number,
): { text: string; keyboard: InlineKeyboard; page: number } {
  const pages = Math.max(1, Math.ceil(doors.length / DOORS_PER_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  const shown = doors.slice(at * DOORS_PER_PAGE, (at + 1) * DOORS_PER_PAGE);
  const lines = [
    t("gb-doors-title", { id: buy.id, building, page: at + 1, pages, households: doors.length }),
    ...shown.map((d) =>
      t("gb-doors-line", {
        door: doorLabel(d),
        items: packItems(t, items, (id) => d.lines.find((l) => l.itemId === id)?.qty ?? 0),
        state: doorState(t, buy, items, d),
      }),
    ),
  ];
  const keyboard = new InlineKeyboard();
  for (const d of shown) {
    const ids = { buy: buy.id, household: d.householdId, page: at };
    keyboard.text(
      `${d.delivered ? "✅" : "🚚"} ${doorLabel(d)}`,
      groupbuyButtons.deliver.data({ ...ids, from: "l" }),
    );
    if (buy.kind === "buy") {
      if (d.paid) {
        keyboard.text(
          t("gb-button-paid", { method: t(`gb-method-${d.paid.method}`) }),
          groupbuyButtons.pay.data({ ...ids, method: d.paid.method, from: "l" }),
        );
      } else {
        keyboard
          .text(
            t("gb-button-cash"),
            groupbuyButtons.pay.data({ ...ids, method: "cash", from: "l" }),
          )
          .text(
            t("gb-button-transfer"),
            groupbuyButtons.pay.data({ ...ids, method: "transfer", from: "l" }),
          );
      }
    }
    keyboard.text("⋯", groupbuyButtons.door.data(ids)).row();
  }
  const nav = { buy: buy.id, building };
  if (at > 0) keyboard.text("◀", groupbuyButtons.doors.data({ ...nav, page: at - 1 }));
  keyboard.text("🔄", groupbuyButtons.doors.data({ ...nav, page: at }));
  if (at < pages - 1) keyboard.text("▶", groupbuyButtons.doors.data({ ...nav, page: at + 1 }));
  keyboard.row().text(t("gb-button-back"), groupbuyButtons.buildings.data({ buy: buy.id }));
  return { text: lines.join("\n"), keyboard, page: at };
}

/** One door's details: what it ordered, what is short, and its buttons. */
export function doorDetail(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  door: Door,
  page: number,
): { text: string; keyboard: InlineKeyboard } {
  const ids = { buy: buy.id, household: door.householdId, page };
  const ordered = items.filter((i) => (door.lines.find((l) => l.itemId === i.id)?.qty ?? 0) > 0);
  const lines = [
    t("gb-door-title", { address: door.address, id: buy.id }),
    ...ordered.map((i) => {
      const l = door.lines.find((x) => x.itemId === i.id) as Door["lines"][number];
      return t("gb-door-item", {
        name: i.name,
        qty: l.qty,
        short: l.short,
        given: l.qty - l.short,
      });
    }),
    doorState(t, buy, items, door),
  ];
  const settled = door.delivered || door.paid !== null;
  lines.push(t(settled ? "gb-door-short-frozen" : "gb-door-short-hint"));
  const keyboard = new InlineKeyboard();
  if (!settled) {
    for (const i of ordered) {
      keyboard
        .text(
          t("gb-button-short-more", { name: i.name }),
          groupbuyButtons.short.data({ ...ids, item: i.id, delta: 1 }),
        )
        .text(
          t("gb-button-short-less", { name: i.name }),
          groupbuyButtons.short.data({ ...ids, item: i.id, delta: -1 }),
        )
        .row();
    }
  }
  keyboard.text(
    t(door.delivered ? "gb-button-delivered" : "gb-button-deliver"),
    groupbuyButtons.deliver.data({ ...ids, from: "d" }),
  );
  if (buy.kind === "buy" && !door.paid) {
    keyboard
      .text(t("gb-button-cash"), groupbuyButtons.pay.data({ ...ids, method: "cash", from: "d" }))
      .text(
        t("gb-button-transfer"),
        groupbuyButtons.pay.data({ ...ids, method: "transfer", from: "d" }),
      );
  }
  if (door.delivered || door.paid) keyboard.row();
  if (door.delivered)
    keyboard.text(t("gb-button-undo-delivered"), groupbuyButtons.undo.data({ ...ids, what: "d" }));
  if (door.paid)
    keyboard.text(t("gb-button-undo-paid"), groupbuyButtons.undo.data({ ...ids, what: "p" }));
  keyboard
    .row()
    .text(
      t("gb-button-back"),
      groupbuyButtons.doors.data({ buy: buy.id, page, building: door.building }),
    );
  return { text: lines.join("\n"), keyboard };
}

/** The reconciliation, to the fen. */
export function reconciliationText(
  t: Tr,
  timeZone: string,
  now: Date,
  buy: Buy,
  rec: Reconciliation,
): string {
  const lines = [
    t("gb-rec-title", { id: buy.id, title: buy.title, time: dateTime(now, timeZone) }),
    t("gb-rec-quantities"),
    ...rec.items.map((i) =>
      t(i.pending > 0 ? "gb-rec-item-pending" : "gb-rec-item", {
        name: i.name,
        ordered: i.ordered,
        delivered: i.delivered,
        short: i.short,
        pending: i.pending,
      }),
    ),
  ];
  if (buy.kind === "buy") {
    const f = rec.fen;
    lines.push(
      t(f.pending > 0 ? "gb-rec-goods-pending" : "gb-rec-goods", {
        ordered: fen(f.ordered),
        delivered: fen(f.delivered),
        short: fen(f.short),
        pending: fen(f.pending),
      }),
      t("gb-rec-money", {
        due: fen(f.due),
        paid: fen(f.paid),
        cash: fen(f.cash),
        transfer: fen(f.transfer),
        outstanding: fen(f.outstanding),
      }),
      t("gb-rec-households", {
        ordered: rec.households.ordered,
        delivered: rec.households.delivered,
        paid: rec.households.paid,
        unpaid: rec.households.unpaid,
      }),
    );
    if (rec.unpaid.length > 0) {
      const shown = rec.unpaid.slice(0, 40).map((u) => `${u.address} ${fen(u.fen)}`);
      if (rec.unpaid.length > 40) shown.push(`…(+${rec.unpaid.length - 40})`);
      lines.push(t("gb-rec-unpaid", { list: shown.join(t("list-separator")) }));
    }
  } else {
    lines.push(
      t("gb-rec-households-free", {
        ordered: rec.households.ordered,
        delivered: rec.households.delivered,
      }),
    );
  }
  lines.push(
    rec.balanced
      ? t(buy.kind === "buy" ? "gb-rec-balanced" : "gb-rec-balanced-free")
      : t("gb-rec-problems", { count: rec.problems.length }),
  );
  for (const p of rec.problems.slice(0, 10)) {
    if (p.kind === "paid-mismatch") {
      lines.push(
        t("gb-rec-problem-paid", { address: p.address, paid: fen(p.paidFen), due: fen(p.dueFen) }),
      );
    } else if (p.kind === "short-exceeds") {
      lines.push(t("gb-rec-problem-short", { address: p.address }));
    }
  }
  const [first, ...rest] = splitMessage(lines.join("\n"));
  return rest.length === 0 ? (first as string) : `${first}\n…`;
}

/**
 * The packing list as a spreadsheet: one row per household in walking order,
 * a column per item, the amount due, and what happened at the door; a
 * subtotal per unit and the totals for the supplier at the end.
 */
export function packingCsv(
  t: Tr,
  buy: Buy,
  items: readonly BuyItem[],
  doors: readonly Door[],
): string {
  const money = buy.kind === "buy";
  const header = [
    t("gb-csv-building"),
    t("gb-csv-unit"),
    t("gb-csv-room"),
    ...items.map((i) => i.name),
    ...(money ? [t("gb-csv-due")] : []),
    t("gb-csv-short"),
    t("gb-csv-delivered"),
    ...(money ? [t("gb-csv-method"), t("gb-csv-paid")] : []),
  ];
  const qty = (d: Door, id: number) => d.lines.find((l) => l.itemId === id)?.qty ?? 0;
  const rows: string[] = [csvLine(header)];
  const totals = new Map<number, number>();
  let totalDue = 0;
  for (const unit of packingUnits(doors)) {
    let unitDue = 0;
    for (const d of unit.doors) {
      const due = doorDueFen(items, d);
      unitDue += due;
      const short = items
        .flatMap((i) => {
          const l = d.lines.find((x) => x.itemId === i.id);
          return l && l.short > 0 ? [t("gb-pack-item", { name: i.name, qty: l.short })] : [];
        })
        .join(" ");
      rows.push(
        csvLine([
          d.building,
          d.unit,
          d.room,
          ...items.map((i) => qty(d, i.id)),
          ...(money ? [yuanText(due)] : []),
          short,
          d.delivered ? t("gb-csv-yes") : "",
          ...(money
            ? [d.paid ? t(`gb-method-${d.paid.method}`) : "", d.paid ? yuanText(d.paid.fen) : ""]
            : []),
        ]),
      );
    }
    for (const [id, n] of unit.totals) totals.set(id, (totals.get(id) ?? 0) + n);
    totalDue += unitDue;
    rows.push(
      csvLine([
        unit.building,
        unit.unit,
        t("gb-csv-subtotal", { unit: formatUnit(unit.building, unit.unit) }),
        ...items.map((i) => unit.totals.get(i.id) ?? 0),
        ...(money ? [yuanText(unitDue)] : []),
      ]),
    );
  }
  rows.push(
    csvLine([
      "",
      "",
      t("gb-csv-total"),
      ...items.map((i) => totals.get(i.id) ?? 0),
      ...(money ? [yuanText(totalDue)] : []),
    ]),
  );
  // A BOM so spreadsheet programs read the Chinese correctly.
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
