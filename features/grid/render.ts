/**
 * What the grid looks like to people: the relayed messages (a resident's
 * question to their worker, the answer back, a question handed on to the
 * coordinators), who a resident's worker is, /grid, /mygrid and the door
 * list. Texts come from locales/<lang>/grid.ftl in the reader's language.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { formatUnit } from "../../domain/address.js";
import { type Door, type DoorReason, floorOf, formatScope, type Scope } from "../../domain/grid.js";
import { splitMessage } from "../../domain/text.js";
import type { WorkerProfile } from "../../storage/grid.js";

type Vars = Record<string, string | number>;
type Tr = (key: string, vars?: Vars) => string;

const tr =
  (deps: BotDeps, locale: string): Tr =>
  (key, vars) =>
    deps.i18n.t(locale, key, vars);

/** The grid's buttons, each defined once as typed callback data. */
export const gridButtons = {
  /** "Ask my worker" (a resident). */
  ask: button("gr:ask"),
  /** Reply in a thread (either side). */
  reply: button("gr:re", { t: "int" }),
  /** The worker marks the question answered. */
  close: button("gr:close", { t: "int" }),
};

/** What a resident may know about a worker: the chosen name, and phone or account if allowed. */
export interface WorkerCard {
  personId: number;
  name: string | null;
  phone: string | null;
  username: string | null;
}

export function askKeyboard(t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t("grid-ask-button"), gridButtons.ask.data({}));
}

// ================================================================ relays

export function staffCopyPayload(
  deps: BotDeps,
  locale: string,
  m: {
    threadId: number;
    address: string;
    name: string;
    text: string;
    noticeId: number | null;
    stepIn: boolean;
  },
) {
  const t = tr(deps, locale);
  const lines = [t("grid-question-title", { address: m.address, name: m.name, id: m.threadId })];
  if (m.noticeId !== null) lines.push(t("grid-question-notice", { notice: m.noticeId }));
  if (m.stepIn) lines.push(t("grid-question-step-in"));
  lines.push("", m.text, "", t("grid-question-how"));
  return {
    text: lines.join("\n"),
    reply_markup: new InlineKeyboard()
      .text(t("grid-btn-reply"), gridButtons.reply.data({ t: m.threadId }))
      .text(t("grid-btn-close"), gridButtons.close.data({ t: m.threadId })),
  };
}

/** Who an answer comes from, as a resident reads it. */
export function fromLine(t: Tr, from: WorkerCard | null): string {
  if (from === null) return t("grid-answer-from-staff");
  return from.name ? t("grid-answer-from-name", { name: from.name }) : t("grid-answer-from-worker");
}

export function residentCopyPayload(
  deps: BotDeps,
  locale: string,
  m: { threadId: number; from: WorkerCard | null; text: string },
) {
  const t = tr(deps, locale);
  return {
    text: [fromLine(t, m.from), "", m.text, "", t("grid-answer-how")].join("\n"),
    reply_markup: new InlineKeyboard().text(
      t("grid-btn-reply"),
      gridButtons.reply.data({ t: m.threadId }),
    ),
  };
}

export function closedNotePayload(deps: BotDeps, locale: string) {
  return { text: tr(deps, locale)("grid-closed-note") };
}

export function escalatedPayload(
  deps: BotDeps,
  locale: string,
  m: {
    threadId: number;
    address: string;
    name: string;
    worker: string | null;
    hours: number;
    texts: string[];
  },
) {
  const t = tr(deps, locale);
  const text = [
    t("grid-escalated-title", {
      address: m.address,
      name: m.name,
      worker: m.worker ?? t("grid-nobody"),
      hours: m.hours,
      id: m.threadId,
    }),
    "",
    ...m.texts,
    "",
    t("grid-question-how"),
  ].join("\n");
  return {
    // A long history is cut to fit one message; the thread keeps all of it.
    text: text.length > 4000 ? `${text.slice(0, 3990)}…` : text,
    reply_markup: new InlineKeyboard()
      .text(t("grid-btn-reply"), gridButtons.reply.data({ t: m.threadId }))
      .text(t("grid-btn-close"), gridButtons.close.data({ t: m.threadId })),
  };
}

// ============================================================= my worker

/** The lines telling a resident who their worker is (name, and phone or account if allowed). */
export function workerLines(t: Tr, card: WorkerCard | null, unit: string): string[] {
  if (card === null) return [t("grid-my-worker-none", { unit })];
  const lines = [
    card.name
      ? t("grid-my-worker", { name: card.name, unit })
      : t("grid-my-worker-unnamed", { unit }),
  ];
  if (card.phone) lines.push(t("grid-my-worker-phone", { phone: card.phone }));
  if (card.username) lines.push(t("grid-my-worker-account", { username: card.username }));
  lines.push(t("grid-my-worker-ask"));
  return lines;
}

export const unitLabel = (a: { building: string; unit: string }) => formatUnit(a.building, a.unit);

// ================================================================== /grid

export interface GridListRow {
  scope: Scope;
  main: string | null;
  deputy: string | null;
}

export function gridListText(
  t: Tr,
  rows: readonly GridListRow[],
  gaps: readonly string[],
): string[] {
  const lines = [t("grid-list-title"), ""];
  if (rows.length === 0) lines.push(t("grid-list-empty"));
  for (const r of rows) {
    const scope =
      r.scope.unit === "*"
        ? t("grid-whole-building", { building: r.scope.building })
        : formatScope(r.scope);
    lines.push(
      t("grid-list-row", {
        scope,
        main: r.main ?? t("grid-nobody"),
        deputy: r.deputy ? t("grid-list-deputy", { name: r.deputy }) : "",
      }),
    );
  }
  lines.push("");
  lines.push(
    gaps.length === 0
      ? t("grid-gaps-none")
      : t("grid-gaps", { count: gaps.length, units: gaps.join(t("list-separator")) }),
  );
  return splitMessage(lines.join("\n"));
}

export function scopeNames(t: Tr, scopes: readonly Scope[]): string {
  return scopes
    .map((s) =>
      s.unit === "*" ? t("grid-whole-building", { building: s.building }) : formatScope(s),
    )
    .join(t("list-separator"));
}

// ================================================================ /mygrid

export function myGridText(
  t: Tr,
  m: {
    main: Scope[];
    deputy: Scope[];
    profile: WorkerProfile | undefined;
    username: string | null;
  },
): string {
  const p = m.profile;
  const lines = [
    t("mygrid-title"),
    m.main.length > 0 ? t("mygrid-main", { scopes: scopeNames(t, m.main) }) : t("mygrid-main-none"),
  ];
  if (m.deputy.length > 0) lines.push(t("mygrid-deputy", { scopes: scopeNames(t, m.deputy) }));
  lines.push(
    "",
    t("mygrid-name", { name: p?.shownName ?? t("mygrid-name-unset") }),
    t("mygrid-phone", { phone: p?.shownPhone ?? t("mygrid-not-shared") }),
    t("mygrid-account", {
      account: p?.shareAccount && m.username ? `@${m.username}` : t("mygrid-not-shared"),
    }),
    t(p?.away ? "mygrid-away" : "mygrid-on"),
    "",
    t("mygrid-usage"),
  );
  return lines.join("\n");
}

// ================================================================= /doors

const REASON_KEYS: Record<DoorReason, string> = {
  unregistered: "door-unregistered",
  unreachable: "door-unreachable",
  blocked: "door-blocked",
  "no-checkin": "door-no-checkin",
  "care-unchecked": "door-care-unchecked",
};

/** The door list, grouped by unit and floor, in walking order; paged to fit Telegram. */
export function doorsText(
  t: Tr,
  m: { who: string | null; doors: readonly Door[]; units: number; phones: Map<string, string> },
): string[] {
  const lines = [
    m.who
      ? t("doors-title-of", { name: m.who, count: m.doors.length, units: m.units })
      : t("doors-title", { count: m.doors.length, units: m.units }),
  ];
  let unit = "";
  let floor: number | null | undefined;
  for (const d of m.doors) {
    const label = unitLabel(d);
    if (label !== unit) {
      unit = label;
      floor = undefined;
      lines.push("", t("doors-unit", { unit: label }));
    }
    const f = floorOf(d.room);
    if (f !== floor) {
      floor = f;
      lines.push(f === null ? t("doors-floor-unknown") : t("doors-floor", { floor: f }));
    }
    const address = d.unit === "" ? `${d.building}-${d.room}` : `${d.building}-${d.unit}-${d.room}`;
    const phone = m.phones.get(address);
    lines.push(
      t("doors-line", {
        room: d.room,
        names: d.names.length > 0 ? ` ${d.names.join(t("list-separator"))}` : "",
        reasons: d.reasons.map((r) => t(REASON_KEYS[r])).join(t("list-separator")),
        phone: phone ? ` · ☎ ${phone}` : "",
      }),
    );
  }
  if (m.doors.length === 0) lines.push("", t("doors-none"));
  return splitMessage(lines.join("\n"));
}
