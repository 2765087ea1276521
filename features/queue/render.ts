/**
 * What a queue looks like to people, in the reader's language: the card a
 * resident sees (numbers left, the number now served, their own number and
 * how many are ahead), the calls ("N ahead", "your turn"), the staff's panel
 * with Next and Skip, the close with its figures, and the post in the
 * building groups. The queue's buttons are defined here once.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { formatFen } from "../../domain/money.js";
import { durationParts, type WaitFigures } from "../../domain/queue.js";
import type { Queue, QueueFigures, Ticket } from "../../storage/queues.js";

export type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

export function tr(deps: BotDeps, locale: string): Tr {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

const ID = { id: "int" } as const;

/** The queue's buttons, each defined once as typed callback data. */
export const queueButtons = {
  /** A resident takes a number. */
  take: button("qu:take", ID),
  /** A resident's card again, as it now is. */
  view: button("qu:view", ID),
  /** Goods, prices and photos. */
  goods: button("qu:goods", ID),
  /** Staff: call the next number; `seen` is the number of calls the panel showed. */
  next: button("qu:next", { id: "int", seen: "int" }),
  /** Staff: the number being served didn't come; call the next one. */
  skip: button("qu:skip", { id: "int", seen: "int" }),
  /** Staff: the panel again, as it now is. */
  panel: button("qu:panel", ID),
  /** Staff: close the queue (asks first), and the answer. */
  close: button("qu:close", ID),
  closeYes: button("qu:closeok", ID),
  /** An answer in the opening conversation: the step, then the value chosen. */
  answer: button("quc", { step: "str", value: "str" }),
};

/** "大米 5kg ¥45.00" lines. */
export function goodsLines(queue: Queue): string[] {
  return queue.goods.map((g) => `${g.name} ${formatFen(g.priceFen)}`);
}

function servingLine(t: Tr, queue: Queue, serving: Ticket | undefined): string {
  return serving
    ? t("qu-serving", { number: String(serving.number) })
    : t(queue.issued === 0 ? "qu-serving-none-yet" : "qu-serving-nobody");
}

/**
 * Ticket numbers go to the texts as strings: Fluent would write 1234 as
 * "1,234", which is nobody's ticket.
 */

/** A resident's card: the queue, and their number with how many are ahead, if they hold one. */
export function cardPayload(
  t: Tr,
  queue: Queue,
  serving: Ticket | undefined,
  mine: { ticket: Ticket; ahead: number } | undefined,
): { text: string; reply_markup: InlineKeyboard } {
  const lines = [t("qu-card-title", { id: queue.id, point: queue.point })];
  const keyboard = new InlineKeyboard();
  if (mine) {
    lines.push(t("qu-card-yours", { number: String(mine.ticket.number) }));
    const { status } = mine.ticket;
    if (status === "waiting") {
      lines.push(servingLine(t, queue, serving), t("qu-card-ahead", { count: mine.ahead }));
      lines.push(t("qu-card-we-will-call", { near: queue.near }));
    } else {
      lines.push(t(`qu-card-ticket-${status}`));
    }
    keyboard.text(t("qu-refresh-button"), queueButtons.view.data({ id: queue.id }));
  } else if (queue.status === "open") {
    lines.push(
      t("qu-card-numbers", { capacity: queue.capacity, left: queue.capacity - queue.issued }),
      servingLine(t, queue, serving),
    );
    if (queue.issued < queue.capacity)
      keyboard.text(t("qu-take-button"), queueButtons.take.data({ id: queue.id }));
  } else {
    lines.push(t("qu-card-closed"));
  }
  if (queue.goods.length > 0 || queue.photos.length > 0)
    keyboard.text(t("qu-goods-button"), queueButtons.goods.data({ id: queue.id }));
  return { text: lines.join("\n"), reply_markup: keyboard };
}

/** The goods and their prices. */
export function goodsText(t: Tr, queue: Queue): string {
  if (queue.goods.length === 0) return t("qu-goods-none", { point: queue.point });
  return [t("qu-goods-title", { point: queue.point }), ...goodsLines(queue)].join("\n");
}

/** "Your number is near": `ahead` still before it. */
export function nearPayload(t: Tr, queue: Queue, ticket: Ticket, ahead: number) {
  return {
    text: t("qu-near", {
      id: queue.id,
      point: queue.point,
      number: String(ticket.number),
      count: ahead,
    }),
  };
}

/** "It's your turn". */
export function turnPayload(t: Tr, queue: Queue, ticket: Ticket) {
  return {
    text: t("qu-turn", { id: queue.id, point: queue.point, number: String(ticket.number) }),
  };
}

/** Closed before the number was called. */
export function unservedPayload(t: Tr, queue: Queue, ticket: Ticket) {
  return {
    text: t("qu-closed-unserved", {
      id: queue.id,
      point: queue.point,
      number: String(ticket.number),
    }),
  };
}

/** The staff's panel: numbers, the one being served, the counts, and Next / Skip. */
export function panelPayload(
  t: Tr,
  queue: Queue,
  serving: Ticket | undefined,
  figures: QueueFigures,
): { text: string; reply_markup: InlineKeyboard } {
  const lines = [
    t("qu-panel-title", { id: queue.id, point: queue.point }),
    t("qu-panel-numbers", {
      capacity: queue.capacity,
      issued: queue.issued,
      left: queue.capacity - queue.issued,
    }),
    serving
      ? t("qu-panel-serving", { number: String(serving.number), address: serving.address })
      : servingLine(t, queue, undefined),
    t("qu-panel-counts", {
      waiting: figures.waiting - (serving ? 1 : 0),
      served: figures.served,
      skipped: figures.skipped,
    }),
  ];
  if (queue.status !== "open")
    return { text: lines.join("\n"), reply_markup: new InlineKeyboard() };
  const seen = queue.calls;
  const keyboard = new InlineKeyboard()
    .text(t("qu-next-button"), queueButtons.next.data({ id: queue.id, seen }))
    .text(t("qu-skip-button"), queueButtons.skip.data({ id: queue.id, seen }))
    .row()
    .text(t("qu-panel-button"), queueButtons.panel.data({ id: queue.id }))
    .text(t("qu-close-button"), queueButtons.close.data({ id: queue.id }));
  return { text: lines.join("\n"), reply_markup: keyboard };
}

export function closeConfirmKeyboard(t: Tr, queueId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("qu-close-yes"), queueButtons.closeYes.data({ id: queueId }))
    .text(t("qu-close-no"), queueButtons.panel.data({ id: queueId }));
}

/** "12 min 05 s", "1 h 02 min", "40 s". */
export function durationText(t: Tr, seconds: number | null): string {
  if (seconds === null) return t("qu-duration-none");
  const d = durationParts(seconds);
  if (d.hours > 0) return t("qu-duration-hours", { hours: d.hours, minutes: d.minutes });
  if (d.minutes > 0) return t("qu-duration-minutes", { minutes: d.minutes, seconds: d.seconds });
  return t("qu-duration-seconds", { seconds: d.seconds });
}

/** What staff see when the queue closes: served, skipped, not called, and the waits. */
export function closedText(t: Tr, queue: Queue, figures: QueueFigures, waits: WaitFigures): string {
  return [
    t("qu-closed-title", { id: queue.id, point: queue.point }),
    t("qu-closed-counts", {
      served: figures.served,
      skipped: figures.skipped,
      unserved: figures.unserved,
    }),
    t("qu-closed-waits", {
      average: durationText(t, waits.averageSeconds),
      longest: durationText(t, waits.longestSeconds),
    }),
  ].join("\n");
}

/** The post in a building group: where, how many numbers, the goods, and the way to take one. */
export function groupPostPayload(t: Tr, queue: Queue, bot: string) {
  const lines = [
    t("qu-post-title", { point: queue.point }),
    t("qu-post-numbers", { capacity: queue.capacity }),
  ];
  if (queue.goods.length > 0) lines.push("", t("qu-post-goods"), ...goodsLines(queue));
  lines.push("", t("qu-post-how", { near: queue.near }));
  return {
    text: lines.join("\n"),
    reply_markup: new InlineKeyboard().url(
      t("qu-post-button"),
      `https://t.me/${bot}?start=queue_${queue.id}`,
    ),
  };
}
