/**
 * What a request looks like to people, in the reader's language: the card
 * staff see (in the staff group and in private), the full sheet for whoever
 * handles it (with the phone number), the offer to a volunteer, and the
 * updates the resident receives. Texts come from locales/.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { clockTime, isGroupChat, personName } from "../../bot/format.js";
import { localeFor } from "../../bot/i18n.js";
import { formatUnit } from "../../domain/address.js";
import {
  CATEGORY_FIELDS,
  type Category,
  type Details,
  headlineField,
  type Urgency,
} from "../../domain/request-catalogue.js";
import { isOpen, type Status } from "../../domain/request-states.js";
import type { Request } from "../../storage/requests.js";

export type Vars = Record<string, string | number>;
export type Tr = (key: string, vars?: Vars) => string;

export function tr(deps: BotDeps, locale: string): Tr {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

const ID = { id: "int" } as const;

/**
 * The requests' buttons, each defined once as typed callback data: those on
 * cards, sheets, offers, tasks and the resident's "Solved?", and the answers
 * of the intake (`rqc`) and note (`rqn`) conversations.
 */
export const requestButtons = {
  take: button("rq:take", ID),
  claim: button("rq:claim", ID),
  assign: button("rq:assign", ID),
  /** Assign to this volunteer. */
  to: button("rq:to", { id: "int", volunteer: "int" }),
  done: button("rq:done", ID),
  cant: button("rq:cant", ID),
  accept: button("rq:accept", ID),
  decline: button("rq:decline", ID),
  /** The resident's "Solved" and "Not solved". */
  yes: button("rq:yes", ID),
  no: button("rq:no", ID),
  photos: button("rq:photos", ID),
  /** An answer to one of the intake's questions: the step, then the value chosen. */
  intake: button("rqc", { step: "str", value: "str" }),
  /** An answer in the note conversation. */
  note: button("rqn", { step: "str", value: "str" }),
};

const cb = {
  take: (id: number) => requestButtons.take.data({ id }),
  claim: (id: number) => requestButtons.claim.data({ id }),
  assign: (id: number) => requestButtons.assign.data({ id }),
  done: (id: number) => requestButtons.done.data({ id }),
  cant: (id: number) => requestButtons.cant.data({ id }),
  accept: (id: number) => requestButtons.accept.data({ id }),
  decline: (id: number) => requestButtons.decline.data({ id }),
  yes: (id: number) => requestButtons.yes.data({ id }),
  no: (id: number) => requestButtons.no.data({ id }),
  photos: (id: number) => requestButtons.photos.data({ id }),
};

// ================================================================ people

/** What the texts need to know about a person. */
export interface Known {
  name: string;
  locale: string;
  phone: string | null;
}
export type Directory = Map<number, Known>;

/** Names, languages and phone numbers of the people a message mentions or goes to. */
export async function directory(
  deps: BotDeps,
  ids: Iterable<number | null | undefined>,
): Promise<Directory> {
  const dir: Directory = new Map();
  for (const id of new Set(ids)) {
    if (id === null || id === undefined || dir.has(id)) continue;
    const p = await deps.storage.people.get(id);
    dir.set(id, {
      name: personName(p, id),
      locale: localeFor(deps, p),
      phone: p?.phone ?? null,
    });
  }
  return dir;
}

export function localeIn(deps: BotDeps, dir: Directory, id: number): string {
  return dir.get(id)?.locale ?? deps.config.defaultLocale;
}

const nameOf = (dir: Directory, id: number | null) =>
  id === null ? "—" : (dir.get(id)?.name ?? String(id));

// ================================================================ pieces

/** 25 分钟 / 3 小时 5 分钟 / 2 天 3 小时. */
export function duration(t: Tr, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t("rq-duration-minutes", { m });
  if (m < 24 * 60) return t("rq-duration-hours", { h: Math.floor(m / 60), m: m % 60 });
  return t("rq-duration-days", { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

export function categoryLabel(t: Tr, category: Category): string {
  return t(`rq-cat-${category}`);
}

export function urgencyLabel(t: Tr, urgency: Urgency): string {
  return t(`rq-urgency-${urgency}`);
}

export function statusLabel(t: Tr, status: Status): string {
  return t(`rq-status-${status}`);
}

/** One answer as the reader sees it: a choice's label, a notice's number, the text itself. */
function answerText(t: Tr, key: string, value: string): string {
  const field = Object.values(CATEGORY_FIELDS)
    .flat()
    .find((f) => f.key === key);
  if (field?.kind === "choice") return t(`rq-opt-${key}-${value}`);
  if (field?.kind === "notice") return t("rq-notice-ref", { id: value });
  return value;
}

/**
 * "药品：降压药" lines, in the category's order; photos as a count. A
 * multi-line answer (a shopping list) keeps its lines, indented, or with
 * `oneLine` (the CSV) is joined with " / ".
 */
export function detailLines(
  t: Tr,
  category: Category,
  details: Details,
  photos: number,
  oneLine = false,
): string[] {
  const lines: string[] = [];
  for (const field of CATEGORY_FIELDS[category]) {
    if (field.kind === "photos") {
      if (photos > 0)
        lines.push(t("rq-detail-line", { label: t("rq-field-photos"), value: photos }));
      continue;
    }
    const value = details[field.key];
    if (value === undefined || value === "") continue;
    lines.push(
      t("rq-detail-line", {
        label: t(`rq-field-${field.key}`),
        value: answerText(t, field.key, value).replace(/\n+/g, oneLine ? " / " : "\n    "),
      }),
    );
  }
  return lines;
}

/** One line: the category and the main answer, cut short. */
export function headline(t: Tr, category: Category, details: Details): string {
  const key = headlineField(category);
  const raw = details[key];
  const value = raw === undefined ? "" : answerText(t, key, raw).replace(/\s+/g, " ");
  const short = value.length > 60 ? `${value.slice(0, 59)}…` : value;
  return short ? `${categoryLabel(t, category)}：${short}` : categoryLabel(t, category);
}

/** Where and for whom: the room, and who filed it when it wasn't the resident. */
function subjectLines(t: Tr, r: Request, dir: Directory, withPhone: boolean): string[] {
  const lines = [t("rq-line-room", { address: r.address ?? t("rq-no-room") })];
  if (r.filedAs === "unregistered")
    lines.push(t("rq-line-unregistered", { name: r.subjectName ?? "—" }));
  else if (r.personId !== null && withPhone)
    lines.push(t("rq-line-resident", { name: nameOf(dir, r.personId) }));
  if (withPhone) {
    const phone =
      r.subjectPhone ?? (r.personId !== null ? (dir.get(r.personId)?.phone ?? null) : null);
    lines.push(t("rq-line-phone", { phone: phone ?? t("rq-no-phone") }));
  }
  if (r.filedAs !== "self") lines.push(t("rq-line-filed-by", { name: nameOf(dir, r.filedBy) }));
  return lines;
}

/** When it was filed, and how long ago. */
function filedLine(t: Tr, r: Request, now: Date, tz: string): string {
  const time = clockTime(r.createdAt, tz);
  const minutes = Math.floor((now.getTime() - Date.parse(r.createdAt)) / 60_000);
  return minutes < 1
    ? t("rq-line-filed-now", { time })
    : t("rq-line-filed", { time, ago: duration(t, minutes) });
}

/** "3-2" (building and unit), or "no room given". */
function unitOf(t: Tr, r: Request): string {
  return r.building ? formatUnit(r.building, r.unit ?? "") : t("rq-no-room");
}

/** The state as a group may read it: staff names, never a note (it may hold the resident's words). */
function groupStatusLine(t: Tr, r: Request, dir: Directory): string {
  const noted = r.status === "done" || r.status === "reopened" || r.status === "cant_do";
  return t(noted ? `rq-card-group-status-${r.status}` : `rq-card-status-${r.status}`, {
    handler: nameOf(dir, r.handlerId),
    assignee: nameOf(dir, r.assigneeId),
    note: "",
  });
}

function statusLine(t: Tr, r: Request, dir: Directory): string {
  return t(`rq-card-status-${r.status}`, {
    handler: nameOf(dir, r.handlerId),
    assignee: nameOf(dir, r.assigneeId),
    note: r.lastNote ?? "—",
  });
}

function title(t: Tr, r: Request): string {
  return t("rq-card-title", {
    number: r.number,
    category: categoryLabel(t, r.category),
    urgency: urgencyLabel(t, r.urgency),
  });
}

// ================================================================ staff

/**
 * The card, sent to the staff group and to coordinators in private; buttons
 * follow the state. Never the phone number. In a group (`chatId` < 0) only
 * what kind of request it is, the unit, when it was filed and its state: no
 * room, name, answers or notes; whoever takes it gets those privately.
 */
export function cardPayload(
  deps: BotDeps,
  locale: string,
  r: Request,
  dir: Directory,
  chatId: number,
) {
  const t = tr(deps, locale);
  const text = isGroupChat(chatId)
    ? [
        title(t, r),
        t("rq-line-unit", { unit: unitOf(t, r) }),
        filedLine(t, r, deps.clock.now(), deps.config.timezone),
        groupStatusLine(t, r, dir),
        t("rq-card-details-private"),
      ].join("\n")
    : [
        title(t, r),
        ...subjectLines(t, r, dir, false),
        ...detailLines(t, r.category, r.details, r.photos.length),
        statusLine(t, r, dir),
      ].join("\n");
  const keyboard = new InlineKeyboard();
  if (isOpen(r.status)) {
    if (r.status === "new" || r.status === "reopened")
      keyboard.text(t("rq-btn-take"), cb.take(r.id));
    if (r.status !== "accepted")
      keyboard.text(
        t(r.status === "assigned" ? "rq-btn-reassign" : "rq-btn-assign"),
        cb.assign(r.id),
      );
    keyboard.row().text(t("rq-btn-done"), cb.done(r.id)).text(t("rq-btn-cant"), cb.cant(r.id));
    if (r.photos.length > 0) keyboard.row().text(t("rq-btn-photos"), cb.photos(r.id));
  }
  // A closed request's card has no buttons (an edit without reply_markup removes them).
  return keyboard.inline_keyboard.flat().length > 0 ? { text, reply_markup: keyboard } : { text };
}

/** The full sheet, in private, for the coordinator who took it or the volunteer doing it. */
export function sheetPayload(
  deps: BotDeps,
  locale: string,
  r: Request,
  dir: Directory,
  as: "handler" | "volunteer",
) {
  const t = tr(deps, locale);
  const text = [
    t(as === "handler" ? "rq-sheet-handler" : "rq-sheet-volunteer", { number: r.number }),
    title(t, r),
    ...subjectLines(t, r, dir, true),
    ...detailLines(t, r.category, r.details, r.photos.length),
  ].join("\n");
  const keyboard = new InlineKeyboard();
  if (as === "handler") keyboard.text(t("rq-btn-assign"), cb.assign(r.id)).row();
  keyboard.text(t("rq-btn-done"), cb.done(r.id)).text(t("rq-btn-cant"), cb.cant(r.id));
  if (r.photos.length > 0) keyboard.row().text(t("rq-btn-photos"), cb.photos(r.id));
  return { text, reply_markup: keyboard };
}

/** A task offered to a volunteer: enough to decide; the phone number comes on accepting. */
export function offerPayload(deps: BotDeps, locale: string, r: Request, dir: Directory) {
  const t = tr(deps, locale);
  const text = [
    t("rq-offer", { number: r.number, by: nameOf(dir, r.handlerId) }),
    title(t, r),
    ...subjectLines(t, r, dir, false),
    ...detailLines(t, r.category, r.details, r.photos.length),
  ].join("\n");
  return {
    text,
    reply_markup: new InlineKeyboard()
      .text(t("rq-btn-accept"), cb.accept(r.id))
      .text(t("rq-btn-decline"), cb.decline(r.id)),
  };
}

/** An open task in /tasks: category, unit, the main answer, and a button to take it. */
export function taskPayload(deps: BotDeps, locale: string, r: Request) {
  const t = tr(deps, locale);
  const unit = unitOf(t, r);
  return {
    text: t("rq-task-line", {
      number: r.number,
      urgency: urgencyLabel(t, r.urgency),
      unit,
      headline: headline(t, r.category, r.details),
    }),
    reply_markup: new InlineKeyboard().text(t("rq-btn-claim"), cb.claim(r.id)),
  };
}

/** A short line to a coordinator or volunteer about a change they should know of. */
export function staffNotePayload(
  deps: BotDeps,
  locale: string,
  key: string,
  r: Request,
  dir: Directory,
  actorId: number | null,
) {
  const t = tr(deps, locale);
  return {
    text: t(key, {
      number: r.number,
      name: nameOf(dir, actorId),
      note: r.lastNote ?? "—",
      headline: headline(t, r.category, r.details),
    }),
  };
}

// ============================================================== resident

/** What the resident (or the staff member who filed for someone) hears at a change. */
export function residentUpdatePayload(
  deps: BotDeps,
  locale: string,
  r: Request,
  dir: Directory,
  quiet: boolean,
) {
  const t = tr(deps, locale);
  const text = t(`rq-update-${r.status}`, {
    number: r.number,
    category: categoryLabel(t, r.category),
    handler: nameOf(dir, r.handlerId),
    assignee: nameOf(dir, r.assigneeId),
    note: r.lastNote ?? t("rq-no-note"),
  });
  const reply_markup =
    r.status === "done"
      ? new InlineKeyboard()
          .text(t("rq-btn-solved"), cb.yes(r.id))
          .text(t("rq-btn-not-solved"), cb.no(r.id))
      : undefined;
  return {
    text,
    ...(reply_markup ? { reply_markup } : {}),
    // At night the update arrives silently; it is still there in the morning.
    ...(quiet ? { disable_notification: true } : {}),
  };
}

/** The resident's own view of one request: number, what, status, and its history. */
export function residentView(
  t: Tr,
  r: Request,
  dir: Directory,
  history: Array<{ at: string; action: string; note: string | null }>,
  formatTime: (iso: string) => string,
): string {
  const lines = [
    title(t, r),
    t("rq-line-room", { address: r.address ?? t("rq-no-room") }),
    ...detailLines(t, r.category, r.details, r.photos.length),
    statusLine(t, r, dir),
    "",
    t("rq-history-title"),
    ...history.map((e) =>
      t("rq-history-line", {
        time: formatTime(e.at),
        action: t(`rq-action-${e.action}`),
        note: e.note ?? "",
      }).trimEnd(),
    ),
  ];
  return lines.join("\n");
}
