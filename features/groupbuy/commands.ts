/**
 * Group buys and free distributions: /groupbuy (workers and coordinators
 * open one), /groupbuys (staff: summary, packing lists, CSV, the door list,
 * reconciliation), /orders (a resident's own orders), the residents' order
 * buttons, and the volunteers' one tap per door. Every staff button checks
 * the role; a resident's button acts only on their own household's order.
 */
import {
  type CallbackQueryContext,
  Composer,
  GrammyError,
  type InlineKeyboard,
  InputFile,
} from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import { maxQuantity, type PayMethod } from "../../domain/groupbuy.js";
import { formatFen } from "../../domain/money.js";
import type { Role } from "../../domain/roles.js";
import type { Buy } from "../../storage/groupbuys.js";
import { GROUPBUY_COMPOSER, OPENERS } from "./compose.js";
import { GROUPBUY_QUANTITY } from "./quantity.js";
import {
  buildingDoors,
  buildingsKeyboard,
  buyListKeyboard,
  buyListText,
  cardPayload,
  confirmationText,
  doorDetail,
  doorPage,
  groupbuyButtons,
  isOpen,
  packingCsv,
  packingTexts,
  reconciliationText,
  summaryKeyboard,
  summaryText,
  type Tr,
} from "./render.js";
import {
  type Card,
  cardFacts,
  changeOrder,
  changeShort,
  claimDelivery,
  closeEarly,
  confirmOrder,
  loadCard,
  markDelivered,
  markPaid,
  type Overview,
  overview,
  recentBuys,
  recordCsvDownload,
  undoDoor,
} from "./service.js";

/** Who opens a buy (OPENERS), and who works the lists and the doors. */
const STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];

export const groupbuy = new Composer<BotContext>();

const actorOf = (ctx: BotContext) => ({
  id: ctx.from?.id as number,
  roles: ctx.actor?.roles ?? new Set<Role>(),
});

const translator =
  (ctx: BotContext): Tr =>
  (key, vars) =>
    ctx.t(key, vars);

/** Edits the message the button was on; "not modified" (nothing changed) is fine. */
async function edit(
  ctx: CallbackQueryContext<BotContext>,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<void> {
  try {
    await ctx.editMessageText(text, { reply_markup: keyboard });
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
}

// ================================================================ opening and lists

groupbuy.command("groupbuy", privateOnly(), requireRole("groupbuy.open", OPENERS), async (ctx) => {
  await enterConversation(ctx, GROUPBUY_COMPOSER);
});

async function listView(ctx: BotContext) {
  const buys = await recentBuys(ctx.deps);
  const text = buyListText(translator(ctx), ctx.deps.config.timezone, ctx.deps.clock.now(), buys);
  return { text, keyboard: buyListKeyboard(buys.map((b) => b.buy)) };
}

groupbuy.command("groupbuys", privateOnly(), requireRole("groupbuy.list", STAFF), async (ctx) => {
  const { text, keyboard } = await listView(ctx);
  await ctx.reply(text, { reply_markup: keyboard });
});

/** /orders: the household's buys, newest first, each as its card (with buttons while open). */
groupbuy.command("orders", privateOnly(), async (ctx) => {
  const resident = await ctx.deps.storage.households.ofPerson(ctx.from?.id as number);
  if (!resident) {
    await ctx.reply(ctx.t("gb-order-not-registered"));
    return;
  }
  const buys = await ctx.deps.storage.groupbuys.forHousehold(resident.household.id, 5);
  if (buys.length === 0) {
    await ctx.reply(ctx.t("gb-orders-none"));
    return;
  }
  const now = ctx.deps.clock.now();
  for (const buy of [...buys].reverse()) {
    const found = await loadCard(ctx.deps, buy.id, ctx.from?.id as number);
    if (!found.ok) continue;
    const payload = cardPayload(
      translator(ctx),
      ctx.deps.config.timezone,
      now,
      cardFacts(found.card),
    );
    await ctx.reply(payload.text, { reply_markup: payload.reply_markup });
  }
});

// ================================================================ residents' buttons

/** Redraws the card the button was on. */
async function redrawCard(ctx: CallbackQueryContext<BotContext>, card: Card): Promise<void> {
  const payload = cardPayload(
    translator(ctx),
    ctx.deps.config.timezone,
    ctx.deps.clock.now(),
    cardFacts(card),
  );
  await edit(ctx, payload.text, payload.reply_markup);
}

onButton(groupbuy, groupbuyButtons.qty, async (ctx, { buy, item, delta }) => {
  const outcome = await changeOrder(ctx.deps, buy, ctx.from.id, item, { add: delta });
  if (outcome.ok) {
    const line = outcome.card.order.lines.find((l) => l.itemId === item);
    const name = outcome.card.items.find((i) => i.id === item)?.name ?? "";
    await redrawCard(ctx, outcome.card);
    await ctx.answerCallbackQuery({
      text: ctx.t(outcome.card.buy.kind === "free" ? "gb-pressed-free" : "gb-pressed", {
        name,
        qty: line?.qty ?? 0,
        total: formatFen(outcome.card.order.totalFen),
      }),
    });
    return;
  }
  if ("item" in outcome) {
    await redrawCard(ctx, outcome.card);
    await ctx.answerCallbackQuery({
      text: ctx.t(`gb-qty-${outcome.reason}`, { max: maxQuantity(outcome.item) }),
      show_alert: true,
    });
    return;
  }
  if (outcome.reason === "closed") await redrawCard(ctx, outcome.card);
  await ctx.answerCallbackQuery({
    text: ctx.t(`gb-order-${outcome.reason}`, { id: buy }),
    show_alert: true,
  });
});

onButton(groupbuy, groupbuyButtons.typed, async (ctx, { buy, item }) => {
  const found = await loadCard(ctx.deps, buy, ctx.from.id);
  if (!found.ok) {
    await ctx.answerCallbackQuery({ text: ctx.t(`gb-order-${found.reason}`), show_alert: true });
    return;
  }
  if (!isOpen(found.card.buy, ctx.deps.clock.now())) {
    await redrawCard(ctx, found.card);
    await ctx.answerCallbackQuery({
      text: ctx.t("gb-order-closed", { id: buy }),
      show_alert: true,
    });
    return;
  }
  const message = ctx.callbackQuery.message;
  await enterConversation(ctx, GROUPBUY_QUANTITY, buy, item, {
    chatId: message?.chat.id ?? ctx.from.id,
    messageId: message?.message_id ?? 0,
  });
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.done, async (ctx, { buy }) => {
  const outcome = await confirmOrder(ctx.deps, buy, ctx.from.id);
  if (!outcome.ok) {
    if (outcome.reason === "closed") await redrawCard(ctx, outcome.card);
    await ctx.answerCallbackQuery({
      text: ctx.t(`gb-order-${outcome.reason}`, { id: buy }),
      show_alert: true,
    });
    return;
  }
  const { card } = outcome;
  await ctx.reply(
    confirmationText(translator(ctx), ctx.deps.config.timezone, card.buy, card.items, card.order),
  );
  await ctx.answerCallbackQuery();
});

groupbuy.callbackQuery(groupbuyButtons.none.pattern, (ctx) =>
  ctx.answerCallbackQuery({ text: ctx.t("gb-preview-button") }),
);

// ================================================================ staff buttons

/** The buy a staff button names, after the role check; undefined when refused or gone. */
async function staffBuy(
  ctx: CallbackQueryContext<BotContext>,
  action: string,
  buyId: number,
  roles: readonly Role[] = STAFF,
): Promise<Overview | undefined> {
  if (!holds(ctx, roles)) {
    await refuse(ctx, `groupbuy.${action}`, roles);
    return undefined;
  }
  const found = await overview(ctx.deps, buyId);
  if (!found) await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
  return found;
}

/** Lists and doors exist once orders are closed. */
async function afterDeadline(ctx: CallbackQueryContext<BotContext>, buy: Buy): Promise<boolean> {
  if (buy.status === "closed") return true;
  await ctx.answerCallbackQuery({ text: ctx.t("gb-lists-after-deadline"), show_alert: true });
  return false;
}

async function showSummary(ctx: CallbackQueryContext<BotContext>, o: Overview): Promise<void> {
  const t = translator(ctx);
  const now = ctx.deps.clock.now();
  await edit(
    ctx,
    summaryText(t, ctx.deps.config.timezone, now, o.buy, o.items, o.rec),
    summaryKeyboard(t, o.buy, o.buy.status === "open"),
  );
}

onButton(groupbuy, groupbuyButtons.list, async (ctx) => {
  if (!holds(ctx, STAFF)) return refuse(ctx, "groupbuy.list", STAFF);
  const { text, keyboard } = await listView(ctx);
  await edit(ctx, text, keyboard);
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.view, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "view", buy);
  if (!o) return;
  await showSummary(ctx, o);
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.close, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "close", buy, OPENERS);
  if (!o) return;
  const outcome = await closeEarly(ctx.deps, buy, ctx.from.id);
  const after = await overview(ctx.deps, buy);
  if (after) await showSummary(ctx, after);
  await ctx.answerCallbackQuery({
    text: ctx.t(`gb-close-${outcome}`, { id: buy }),
    show_alert: true,
  });
});

onButton(groupbuy, groupbuyButtons.pack, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "pack", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  for (const text of packingTexts(translator(ctx), o.buy, o.items, o.orders)) await ctx.reply(text);
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.csv, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "csv", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  const csv = packingCsv(translator(ctx), o.buy, o.items, o.orders);
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv), `groupbuy-${buy}.csv`));
  await recordCsvDownload(ctx.deps, buy, ctx.from.id);
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.reconcile, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "reconcile", buy);
  if (!o) return;
  await ctx.reply(
    reconciliationText(
      translator(ctx),
      ctx.deps.config.timezone,
      ctx.deps.clock.now(),
      o.buy,
      o.rec,
    ),
  );
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.buildings, async (ctx, { buy }) => {
  const o = await staffBuy(ctx, "doors", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  const t = translator(ctx);
  await edit(ctx, t("gb-doors-choose", { id: buy }), buildingsKeyboard(t, o.buy, o.orders));
  await ctx.answerCallbackQuery();
});

/** Redraws one page of a building's door list. */
async function showDoors(
  ctx: CallbackQueryContext<BotContext>,
  o: Overview,
  building: string,
  page: number,
) {
  const doors = buildingDoors(o.orders, building);
  const view = doorPage(translator(ctx), o.buy, o.items, building, doors, page);
  await edit(ctx, view.text, view.keyboard);
}

async function showDoor(
  ctx: CallbackQueryContext<BotContext>,
  o: Overview,
  householdId: number,
  page: number,
) {
  const door = o.orders.find((d) => d.householdId === householdId);
  if (!door) return;
  const view = doorDetail(translator(ctx), o.buy, o.items, door, page);
  await edit(ctx, view.text, view.keyboard);
}

onButton(groupbuy, groupbuyButtons.doors, async (ctx, { buy, building, page }) => {
  const o = await staffBuy(ctx, "doors", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  await showDoors(ctx, o, building, page);
  await ctx.answerCallbackQuery();
});

onButton(groupbuy, groupbuyButtons.door, async (ctx, { buy, household, page }) => {
  const o = await staffBuy(ctx, "doors", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  await showDoor(ctx, o, household, page);
  await ctx.answerCallbackQuery();
});

/** After a tap at a door: the list page or the door's details again, as they are now. */
async function redrawDoor(
  ctx: CallbackQueryContext<BotContext>,
  buy: number,
  household: number,
  page: number,
  from: "l" | "d",
) {
  const after = await overview(ctx.deps, buy);
  const door = after?.orders.find((d) => d.householdId === household);
  if (!after || !door) return;
  if (from === "d") await showDoor(ctx, after, household, page);
  else await showDoors(ctx, after, door.building, page);
}

onButton(groupbuy, groupbuyButtons.deliver, async (ctx, { buy, household, page, from }) => {
  const o = await staffBuy(ctx, "deliver", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  const door = o.orders.find((d) => d.householdId === household);
  const outcome = await markDelivered(ctx.deps, o.buy, household, ctx.from.id);
  await redrawDoor(ctx, buy, household, page, from);
  await ctx.answerCallbackQuery({
    text: ctx.t(`gb-deliver-${outcome}`, { address: door?.address ?? "?" }),
    show_alert: outcome !== "ok",
  });
});

onButton(groupbuy, groupbuyButtons.pay, async (ctx, { buy, household, method, page, from }) => {
  const o = await staffBuy(ctx, "pay", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  const door = o.orders.find((d) => d.householdId === household);
  const address = door?.address ?? "?";
  if (o.buy.kind === "free") {
    await ctx.answerCallbackQuery({ text: ctx.t("gb-pay-free"), show_alert: true });
    return;
  }
  const outcome = await markPaid(ctx.deps, o.buy, household, method as PayMethod, ctx.from.id);
  let answer: { text: string; show_alert?: boolean };
  if (outcome.ok) {
    answer = {
      text: ctx.t("gb-pay-ok", {
        address,
        amount: formatFen(outcome.fen),
        method: ctx.t(`gb-method-${method}`),
      }),
    };
  } else if (outcome.reason === "already") {
    // Stored once: say what was recorded, whoever recorded it.
    const paid = (await ctx.deps.storage.groupbuys.order(buy, household))?.paid;
    answer = {
      text: ctx.t("gb-pay-already", {
        address,
        amount: paid ? formatFen(paid.fen) : "?",
        method: paid ? ctx.t(`gb-method-${paid.method}`) : "?",
      }),
      show_alert: true,
    };
  } else {
    answer = { text: ctx.t(`gb-pay-${outcome.reason}`, { address }), show_alert: true };
  }
  await redrawDoor(ctx, buy, household, page, from);
  await ctx.answerCallbackQuery(answer);
});

onButton(groupbuy, groupbuyButtons.short, async (ctx, { buy, household, item, delta, page }) => {
  const o = await staffBuy(ctx, "short", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  if (delta !== 1 && delta !== -1) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  const outcome = await changeShort(ctx.deps, buy, household, item, delta, ctx.from.id);
  await redrawDoor(ctx, buy, household, page, "d");
  await ctx.answerCallbackQuery({
    text: ctx.t(`gb-short-${outcome}`),
    show_alert: outcome !== "ok",
  });
});

/** "Delivered" or "paid" pressed by mistake, taken back from the door's details (audited). */
onButton(groupbuy, groupbuyButtons.undo, async (ctx, { buy, household, page, what }) => {
  const o = await staffBuy(ctx, "undo", buy);
  if (!o || !(await afterDeadline(ctx, o.buy))) return;
  const door = o.orders.find((d) => d.householdId === household);
  const mark = what === "d" ? "delivered" : "paid";
  const outcome = await undoDoor(ctx.deps, o.buy, household, mark, actorOf(ctx));
  await redrawDoor(ctx, buy, household, page, "d");
  await ctx.answerCallbackQuery({
    text: ctx.t(`gb-undo-${outcome}`, {
      address: door?.address ?? "?",
      what: ctx.t(`gb-undo-what-${mark}`),
    }),
    show_alert: outcome !== "ok",
  });
});

/** Who claims deliveries posted to the supplies team. */
const TAKERS: readonly Role[] = ["volunteer"];
const TAKE_REFUSALS: Partial<Record<string, string>> = { taken: "taken", state: "yours" };

/**
 * "I'll do it" on a building's deliveries (a post to the supplies team): the
 * first claim wins; the volunteer gets that building's door list.
 */
onButton(groupbuy, groupbuyButtons.take, async (ctx, { buy, building }) => {
  if (!holds(ctx, TAKERS)) return refuse(ctx, "groupbuy.take", TAKERS);
  const outcome = await claimDelivery(ctx.deps, actorOf(ctx), buy, building);
  // Their own deliveries, pressed again (from /tasks, or the post): the door list again.
  const again =
    !outcome.ok && outcome.task?.status === "claimed" && outcome.task.claimedBy === ctx.from.id;
  if (!outcome.ok && !again) {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.answerCallbackQuery({
      text: ctx.t(`gb-take-${TAKE_REFUSALS[outcome.reason] ?? "closed"}`, {
        name: outcome.by ?? "—",
        building,
      }),
      show_alert: true,
    });
    return;
  }
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const o = await overview(ctx.deps, buy);
  if (o) {
    const view = doorPage(
      translator(ctx),
      o.buy,
      o.items,
      building,
      buildingDoors(o.orders, building),
      0,
    );
    await ctx.reply(view.text, { reply_markup: view.keyboard });
  }
  await ctx.answerCallbackQuery({
    text: again ? ctx.t("gb-take-yours") : ctx.t("gb-take-ok", { building }),
  });
});
