/**
 * What a medicine round looks like to people, in the reader's language: the
 * announcement a resident receives, what they are told at each step, the
 * staff's overview (/rounds), work list and one list's sheet, and the CSV.
 * The round's buttons are defined here once, as typed callback data.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import {
  countByStatus,
  type MedicineLine,
  type Payment,
  type RoundNeed,
  SUBMISSION_STATUSES,
  type SubmissionStatus,
  UNAVAILABLE_REASONS,
} from "../../domain/medicine-round.js";
import { formatFen, sumFen, yuanText } from "../../domain/money.js";
import { csvLine } from "../../domain/notice-report.js";
import type { MedicineItem, Round, Submission, SubmissionLine } from "../../storage/rounds.js";

export type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

export function tr(deps: BotDeps, locale: string): Tr {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

const ID = { id: "int" } as const;

/** The rounds' buttons, each defined once as typed callback data. */
export const roundButtons = {
  /** A resident's "Send my medicine list" under an announcement (round id). */
  submit: button("rd:sub", ID),
  /** A resident who missed the round files an urgent request instead (round id). */
  missed: button("rd:miss", ID),
  /** A resident turns what couldn't be bought into an urgent request (list id). */
  urgent: button("rd:urg", ID),
  /** Staff: the work list of a round, one page, as a new message (from /rounds)… */
  list: button("rd:list", { id: "int", page: "int" }),
  /** …or in place (paging, and back from a sheet). */
  page: button("rd:page", { id: "int", page: "int" }),
  /** Staff: one list's sheet (list id). */
  open: button("rd:open", ID),
  collect: button("rd:col", ID),
  bought: button("rd:buy", { id: "int", item: "int" }),
  /** "Not available": shows the reasons. */
  unavailable: button("rd:na", { id: "int", item: "int" }),
  reason: button("rd:why", { id: "int", item: "int", reason: UNAVAILABLE_REASONS }),
  /** Back from the reasons to the sheet's buttons. */
  back: button("rd:back", ID),
  deliver: button("rd:dlv", ID),
  settle: button("rd:set", ID),
  photos: button("rd:ph", ID),
  /** Staff, per round: the CSV, joining it, no more lists, finishing it. */
  csv: button("rd:csv", ID),
  join: button("rd:join", ID),
  stop: button("rd:stop", ID),
  finish: button("rd:fin", ID),
  /** An answer in one of the rounds' conversations: the step, then the value chosen. */
  answer: button("rdc", { step: "str", value: "str" }),
};

/** Lists per page of the work list. */
export const PAGE_SIZE = 8;

// ================================================================ pieces

export function needsText(t: Tr, needs: readonly RoundNeed[]): string {
  return [t("rd-need-list"), ...needs.map((n) => t(`rd-need-${n}`))].join(t("list-separator"));
}

export function paymentLabel(t: Tr, payment: Payment): string {
  return t(`rd-pay-${payment}`);
}

export function statusLabel(t: Tr, status: SubmissionStatus): string {
  return t(`rd-status-${status}`);
}

/** "1. 硝苯地平缓释片 × 2盒", with the outcome once there is one. */
export function itemLine(t: Tr, item: MedicineItem | MedicineLine, index: number): string {
  const base = t("rd-item", { n: index + 1, name: item.name, amount: item.amount });
  if (!("status" in item) || item.status === "pending") return base;
  if (item.status === "bought") return t("rd-item-bought", { item: base });
  return t("rd-item-unavailable", {
    item: base,
    reason: t(`rd-reason-${item.reason ?? "other"}`),
  });
}

function when(deps: BotDeps, at: string): string {
  return dateTime(new Date(at), deps.config.timezone);
}

// ============================================================ residents

/** What a resident receives when a round is announced. */
export function announcementPayload(
  deps: BotDeps,
  locale: string,
  round: Pick<Round, "id" | "pharmacy" | "collectAt" | "needs" | "note">,
  address: string,
): { text: string; reply_markup: InlineKeyboard } {
  const t = tr(deps, locale);
  const lines = [
    t("rd-announce-title", { id: round.id }),
    `【${address}】`,
    t("rd-announce-pharmacy", { pharmacy: round.pharmacy }),
    t("rd-announce-when", { time: when(deps, round.collectAt) }),
    t("rd-announce-needs", { needs: needsText(t, round.needs) }),
  ];
  if (round.note) lines.push(t("rd-announce-note", { note: round.note }));
  lines.push("", t("rd-announce-how"));
  return {
    text: lines.join("\n"),
    reply_markup: new InlineKeyboard().text(
      t("rd-submit-button"),
      roundButtons.submit.data({ id: round.id }),
    ),
  };
}

/** What the resident is told when their list moves on. */
export function stepPayload(
  deps: BotDeps,
  locale: string,
  s: Submission,
  pharmacy: string,
): { text: string; reply_markup?: InlineKeyboard } {
  const t = tr(deps, locale);
  const head = t("rd-step-head", { round: s.roundId, number: s.number });
  switch (s.status) {
    case "collected":
      return { text: `${head}\n${t("rd-step-collected", { pharmacy })}` };
    case "purchased":
    case "unavailable": {
      const lines = [
        head,
        t(s.status === "purchased" ? "rd-step-purchased" : "rd-step-unavailable"),
        ...s.items.map((item, i) => itemLine(t, item, i)),
      ];
      const missing = s.items.some((i) => i.status === "unavailable");
      if (s.status === "purchased") lines.push("", t("rd-step-on-the-way"));
      if (!missing) return { text: lines.join("\n") };
      lines.push("", t("rd-step-urgent-offer"));
      return {
        text: lines.join("\n"),
        reply_markup: new InlineKeyboard().text(
          t("rd-urgent-button"),
          roundButtons.urgent.data({ id: s.id }),
        ),
      };
    }
    case "delivered":
      return { text: `${head}\n${t("rd-step-delivered")}` };
    case "settled":
      return {
        text: `${head}\n${t("rd-step-settled", {
          amount: formatFen(s.amountFen ?? 0),
          payment: paymentLabel(t, s.payment),
        })}`,
      };
    case "submitted":
      return { text: head };
  }
}

// ================================================================ staff

export interface RoundFigures {
  counts: Record<SubmissionStatus, number>;
  lists: number;
  settledFen: number;
  handlers: number;
}

export function roundFigures(
  states: ReadonlyArray<{ status: SubmissionStatus; amountFen: number | null }>,
  handlers: number,
): RoundFigures {
  return {
    counts: countByStatus(states.map((s) => s.status)),
    lists: states.length,
    settledFen: sumFen(states.filter((s) => s.status === "settled").map((s) => s.amountFen ?? 0)),
    handlers,
  };
}

/** One round in /rounds: where, when, taking lists or not, and the counts per state. */
export function overviewText(
  deps: BotDeps,
  t: Tr,
  round: Round,
  figures: RoundFigures,
  accepting: boolean,
): string {
  const counts = SUBMISSION_STATUSES.map((s) =>
    t("rd-count", { state: statusLabel(t, s), count: figures.counts[s] }),
  ).join(t("rd-count-separator"));
  return [
    t("rd-overview-title", { id: round.id, pharmacy: round.pharmacy }),
    t(accepting ? "rd-overview-accepting" : "rd-overview-not-accepting", {
      time: when(deps, round.collectAt),
    }),
    t("rd-overview-lists", { count: figures.lists, recipients: round.recipients }),
    counts,
    t("rd-overview-money", {
      amount: formatFen(figures.settledFen),
      handlers: figures.handlers,
    }),
  ].join("\n");
}

export function overviewKeyboard(t: Tr, round: Round): InlineKeyboard {
  const id = round.id;
  const keyboard = new InlineKeyboard()
    .text(t("rd-list-button"), roundButtons.list.data({ id, page: 0 }))
    .text(t("rd-csv-button"), roundButtons.csv.data({ id }))
    .row()
    .text(t("rd-join-button"), roundButtons.join.data({ id }))
    .row();
  if (round.status === "open") keyboard.text(t("rd-stop-button"), roundButtons.stop.data({ id }));
  return keyboard.text(t("rd-finish-button"), roundButtons.finish.data({ id }));
}

/** The work list: one button per list, and the pages. */
export function listPayload(
  t: Tr,
  round: Round,
  lines: readonly SubmissionLine[],
  page: number,
  total: number,
): { text: string; reply_markup: InlineKeyboard } {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const keyboard = new InlineKeyboard();
  for (const l of lines) {
    keyboard
      .text(
        t("rd-list-line", {
          number: l.number,
          address: l.address,
          state: statusLabel(t, l.status),
        }),
        roundButtons.open.data({ id: l.id }),
      )
      .row();
  }
  if (page > 0) keyboard.text("◀", roundButtons.page.data({ id: round.id, page: page - 1 }));
  if (page + 1 < pages)
    keyboard.text("▶", roundButtons.page.data({ id: round.id, page: page + 1 }));
  const text =
    total === 0
      ? t("rd-list-empty", { id: round.id })
      : t("rd-list-title", { id: round.id, page: page + 1, pages, count: total });
  return { text, reply_markup: keyboard };
}

export interface Resident {
  name: string;
  phone: string | null;
}

/** One list as the staff handling the round see it: who, where, the medicines, the state. */
export function sheetText(t: Tr, s: Submission, who: Resident): string {
  const lines = [
    t("rd-sheet-title", { round: s.roundId, number: s.number, address: s.address }),
    t("rd-sheet-resident", { name: who.name, phone: who.phone ?? t("rd-no-phone") }),
    t("rd-sheet-payment", { payment: paymentLabel(t, s.payment), photos: s.photos.length }),
    t("rd-sheet-state", { state: statusLabel(t, s.status) }),
  ];
  if (s.status === "settled")
    lines.push(t("rd-sheet-amount", { amount: formatFen(s.amountFen ?? 0) }));
  lines.push("", ...s.items.map((item, i) => itemLine(t, item, i)));
  return lines.join("\n");
}

/** The sheet's buttons: what can be done to the list now. */
export function sheetKeyboard(t: Tr, s: Submission): InlineKeyboard {
  const id = s.id;
  const keyboard = new InlineKeyboard();
  if (s.status === "submitted")
    keyboard.text(t("rd-collect-button"), roundButtons.collect.data({ id })).row();
  if (s.status === "collected") {
    s.items.forEach((item, i) => {
      if (item.status !== "pending") return;
      keyboard
        .text(
          t("rd-bought-button", { n: i + 1 }),
          roundButtons.bought.data({ id, item: item.position }),
        )
        .text(
          t("rd-unavailable-button", { n: i + 1 }),
          roundButtons.unavailable.data({ id, item: item.position }),
        )
        .row();
    });
  }
  if (s.status === "purchased")
    keyboard.text(t("rd-deliver-button"), roundButtons.deliver.data({ id })).row();
  if (s.status === "delivered")
    keyboard.text(t("rd-settle-button"), roundButtons.settle.data({ id })).row();
  if (s.photos.length > 0)
    keyboard.text(
      t("rd-photos-button", { count: s.photos.length }),
      roundButtons.photos.data({ id }),
    );
  keyboard.text(t("rd-back-to-list"), roundButtons.page.data({ id: s.roundId, page: 0 }));
  return keyboard;
}

/** Why a medicine is not available: one button per reason, and back. */
export function reasonKeyboard(t: Tr, id: number, item: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const reason of UNAVAILABLE_REASONS) {
    keyboard.text(t(`rd-reason-${reason}`), roundButtons.reason.data({ id, item, reason })).row();
  }
  return keyboard.text(t("rd-reason-back"), roundButtons.back.data({ id }));
}

const CSV_COLUMNS = [
  "number",
  "address",
  "resident",
  "phone",
  "payment",
  "medicine",
  "amount",
  "medicine-state",
  "reason",
  "state",
  "photos",
  "paid",
  "submitted-at",
  "collected-at",
  "purchased-at",
  "delivered-at",
  "settled-at",
] as const;

/**
 * The round as a spreadsheet: one line per medicine (a shopping list),
 * headers in the reader's language, a BOM so Excel reads the Chinese. It
 * holds names and phone numbers: only the staff handling the round get it.
 */
export function roundCsv(
  deps: BotDeps,
  locale: string,
  lists: readonly Submission[],
  people: ReadonlyMap<number, Resident>,
): string {
  const t = tr(deps, locale);
  const time = (at: string | null) => (at ? when(deps, at) : "");
  const lines = lists.flatMap((s) =>
    s.items.map((item, i) =>
      csvLine([
        s.number,
        s.address,
        people.get(s.personId)?.name ?? "",
        people.get(s.personId)?.phone ?? "",
        paymentLabel(t, s.payment),
        item.name,
        item.amount,
        t(`rd-item-state-${item.status}`),
        item.reason ? t(`rd-reason-${item.reason}`) : "",
        statusLabel(t, s.status),
        i === 0 ? s.photos.length : "",
        i === 0 && s.amountFen !== null ? yuanText(s.amountFen) : "",
        time(s.createdAt),
        time(s.collectedAt),
        time(s.purchasedAt),
        time(s.deliveredAt),
        time(s.settledAt),
      ]),
    ),
  );
  const header = csvLine(CSV_COLUMNS.map((c) => t(`rd-csv-${c}`)));
  return `\uFEFF${[header, ...lines].join("\r\n")}\r\n`;
}
