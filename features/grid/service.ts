/**
 * The grid's use cases: assigning workers to buildings and units, a worker's
 * own settings (the name residents see, what else they may see, off or on),
 * who a resident's worker is, the private thread between them relayed both
 * ways, handing unanswered questions to the coordinators, and the door list.
 */
import type { BotDeps } from "../../bot/context.js";
import { personName } from "../../bot/format.js";
import { localeFor, localeOf } from "../../bot/i18n.js";
import { type Address, formatAddress, formatUnit } from "../../domain/address.js";
import { buildCareList, careKey, dueOn } from "../../domain/care.js";
import {
  currentResponder,
  type Door,
  doorList,
  GridMap,
  type Responsible,
  type Scope,
} from "../../domain/grid.js";
import type { Role } from "../../domain/roles.js";
import { localDate } from "../../domain/schedule.js";
import type { Thread, WorkerProfile } from "../../storage/grid.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import type { Person } from "../../storage/people.js";
import { coordinatorsNow } from "../escalation/index.js";
import {
  closedNotePayload,
  escalatedPayload,
  residentCopyPayload,
  staffCopyPayload,
  type WorkerCard,
  workerLines,
} from "./render.js";

export const RELAY_REF = "grid-relay";
export const TEXT_MAX = 2000;

// ================================================================ the grid

/** Everyone who holds the worker role now. */
export async function workerIds(deps: BotDeps): Promise<Set<number>> {
  const holders = await deps.storage.roles.holders();
  return new Set(holders.filter((h) => h.role === "worker").map((h) => h.personId));
}

/**
 * The grid as it stands: rows naming someone who no longer holds the worker
 * role are read as empty (a revoked worker's doors show as a gap).
 */
export async function loadGrid(deps: BotDeps): Promise<GridMap> {
  const workers = await workerIds(deps);
  const keep = (id: number | null) => (id !== null && workers.has(id) ? id : null);
  const rows = (await deps.storage.grid.rows()).map((r) => ({
    ...r,
    workerId: keep(r.workerId),
    deputyId: keep(r.deputyId),
  }));
  return new GridMap(rows);
}

/**
 * Which units `personId` looks after (as main worker or deputy), as a test
 * for an address; `undefined` when the grid is empty (nothing is split yet).
 */
export async function unitsOf(
  deps: BotDeps,
  personId: number,
): Promise<((a: { building: string; unit: string }) => boolean) | undefined> {
  const grid = await loadGrid(deps);
  if (grid.isEmpty) return undefined;
  return (a) => grid.covers(personId, a.building, a.unit);
}

export type AssignOutcome = { ok: true; count: number } | { ok: false; reason: "same-person" };

export async function assign(
  deps: BotDeps,
  role: "main" | "deputy",
  personId: number,
  scopes: readonly Scope[],
  by: number,
): Promise<AssignOutcome> {
  const grid = await loadGrid(deps);
  // A unit's deputy is someone else than its main worker.
  for (const s of scopes) {
    const row = grid.rowOf(s);
    if (
      (role === "deputy" && row?.workerId === personId) ||
      (role === "main" && row?.deputyId === personId)
    )
      return { ok: false, reason: "same-person" };
  }
  await deps.storage.grid.assign(scopes, role, personId, by);
  await deps.storage.audit.log({
    actorId: by,
    action: "grid.assign",
    detail: { role, person: personId, scopes: scopes.map((s) => `${s.building}-${s.unit}`) },
  });
  return { ok: true, count: scopes.length };
}

export async function clearScopes(deps: BotDeps, scopes: readonly Scope[], by: number) {
  const removed = await deps.storage.grid.clear(scopes);
  await deps.storage.audit.log({
    actorId: by,
    action: "grid.clear",
    detail: { scopes: scopes.map((s) => `${s.building}-${s.unit}`), removed },
  });
  return removed;
}

/** A worker's own settings; audited. */
export async function saveWorkerSettings(
  deps: BotDeps,
  personId: number,
  changes: Partial<Omit<WorkerProfile, "personId">>,
): Promise<WorkerProfile> {
  const profile = await deps.storage.grid.saveProfile(personId, changes);
  await deps.storage.audit.log({
    actorId: personId,
    action: "grid.worker",
    detail: Object.fromEntries(
      Object.entries(changes).map(([k, v]) => [k, k === "shownPhone" ? v !== null : v]),
    ),
  });
  return profile;
}

/** Who is off (the availability toggle of /mygrid). */
async function offSet(deps: BotDeps): Promise<(id: number) => boolean> {
  const profiles = await deps.storage.grid.profiles();
  return (id) => profiles.get(id)?.away ?? false;
}

// =========================================================== who is my worker

export async function workerCard(deps: BotDeps, personId: number): Promise<WorkerCard> {
  const profile = await deps.storage.grid.profile(personId);
  const person = profile?.shareAccount ? await deps.storage.people.get(personId) : undefined;
  return {
    personId,
    name: profile?.shownName ?? null,
    phone: profile?.shownPhone ?? null,
    username: person?.username ?? null,
  };
}

export type MyWorker =
  | { type: "not-registered" }
  | { type: "none"; address: Address }
  | { type: "worker"; address: Address; worker: WorkerCard; responsible: Responsible };

export async function myWorker(deps: BotDeps, residentId: number): Promise<MyWorker> {
  const view = await deps.storage.households.ofPerson(residentId);
  if (!view) return { type: "not-registered" };
  const h = view.household;
  const responsible = (await loadGrid(deps)).of(h.building, h.unit);
  const main = responsible.main ?? responsible.deputy;
  if (main === null) return { type: "none", address: h };
  return { type: "worker", address: h, worker: await workerCard(deps, main), responsible };
}

/**
 * The lines telling a registered resident who their worker is, in `locale`
 * (for registration's last message, /me and the welcome); undefined for
 * someone who isn't registered.
 */
export async function workerLinesFor(
  deps: BotDeps,
  locale: string,
  residentId: number,
): Promise<string[] | undefined> {
  const mine = await myWorker(deps, residentId);
  if (mine.type === "not-registered") return undefined;
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  return workerLines(
    t,
    mine.type === "worker" ? mine.worker : null,
    formatUnit(mine.address.building, mine.address.unit),
  );
}

// ================================================================ threads

export type AskOutcome =
  | { type: "sent"; threadId: number; to: WorkerCard; stepIn: boolean; opened: boolean }
  | { type: "not-registered" }
  | { type: "no-worker" };

/** A staff member as a resident is told about them: their worker's card, or "community staff". */
async function senderCard(
  deps: BotDeps,
  thread: Thread,
  staffId: number,
): Promise<WorkerCard | null> {
  const r = (await loadGrid(deps)).of(thread.building, thread.unit);
  if (r.main === staffId || r.deputy === staffId) return workerCard(deps, staffId);
  return null;
}

async function residentLabel(deps: BotDeps, residentId: number) {
  const view = await deps.storage.households.ofPerson(residentId);
  const person = await deps.storage.people.get(residentId);
  return view?.displayName ?? personName(person, residentId);
}

/**
 * A resident writes to their worker: into their open thread (or a new one),
 * relayed to whoever answers now (the deputy when the worker is off).
 * `noticeId` when it is a question about a notice.
 */
export async function askWorker(
  deps: BotDeps,
  residentId: number,
  text: string,
  noticeId: number | null = null,
): Promise<AskOutcome> {
  const { storage } = deps;
  const view = await storage.households.ofPerson(residentId);
  if (!view) return { type: "not-registered" };
  const h = view.household;
  const responsible = (await loadGrid(deps)).of(h.building, h.unit);
  const next = currentResponder(responsible, await offSet(deps));
  if (!next) return { type: "no-worker" };
  const staff = await storage.people.get(next.to);
  const locale = localeFor(deps, staff);
  const name = view.displayName ?? (await residentLabel(deps, residentId));
  const open = await storage.grid.openThreadOf(residentId);
  const noticeOf = noticeId ?? open?.noticeId ?? null;
  const { threadId, opened } = await storage.grid.residentMessage(
    {
      residentId,
      householdId: h.id,
      building: h.building,
      unit: h.unit,
      room: h.room,
      noticeId,
    },
    {
      fromId: residentId,
      side: "resident",
      text,
      copies: (ids) => [
        {
          chatId: next.to,
          lane: "normal",
          method: "sendMessage",
          payload: staffCopyPayload(deps, locale, {
            threadId: ids.threadId,
            address: formatAddress(h),
            name,
            text,
            noticeId: noticeOf,
            stepIn: next.stepIn,
          }),
          ref: { type: RELAY_REF, id: ids.threadId },
        },
      ],
    },
  );
  deps.outbox.kick();
  await storage.audit.log({
    actorId: residentId,
    action: "grid.ask",
    detail: { thread: threadId, to: next.to, stepIn: next.stepIn, notice: noticeId },
  });
  return {
    type: "sent",
    threadId,
    to: await workerCard(deps, next.to),
    stepIn: next.stepIn,
    opened,
  };
}

/** Who may answer in a thread: its unit's worker or deputy, anyone it was handed to, coordinators and admins. */
export async function mayAnswer(
  deps: BotDeps,
  thread: Thread,
  actor: { id: number; roles: ReadonlySet<Role> },
): Promise<boolean> {
  if (actor.roles.has("admin") || actor.roles.has("coordinator")) return true;
  if ((await loadGrid(deps)).covers(actor.id, thread.building, thread.unit)) return true;
  return (await deps.storage.grid.relayedTo(thread.id)).has(actor.id);
}

export type ThreadWrite =
  | { type: "sent"; thread: Thread }
  /** The resident wrote again: where it went (the deputy, if the worker is off now). */
  | { type: "asked"; thread: Thread; asked: AskOutcome }
  | { type: "closed"; thread: Thread }
  | { type: "unknown" }
  | { type: "denied" }
  | { type: "no-worker" };

/**
 * Someone writes in an existing thread: the resident (a new message to their
 * worker), or staff (an answer relayed to the resident). A closed thread is
 * refused and nothing is stored.
 */
export async function writeInThread(
  deps: BotDeps,
  threadId: number,
  actor: { id: number; roles: ReadonlySet<Role> },
  text: string,
): Promise<ThreadWrite> {
  const { storage } = deps;
  const thread = await storage.grid.thread(threadId);
  if (!thread) return { type: "unknown" };
  if (thread.residentId === actor.id) {
    if (thread.status !== "open") return { type: "closed", thread };
    const asked = await askWorker(deps, actor.id, text, null);
    if (asked.type !== "sent") return { type: "no-worker" };
    return { type: "asked", thread, asked };
  }
  if (!(await mayAnswer(deps, thread, actor))) return { type: "denied" };
  if (thread.status !== "open") return { type: "closed", thread };
  const resident = await storage.people.get(thread.residentId);
  const locale = localeFor(deps, resident);
  const from = await senderCard(deps, thread, actor.id);
  const ok = await storage.grid.staffMessage(thread.id, {
    fromId: actor.id,
    side: "staff",
    text,
    copies: (ids) => [
      {
        chatId: thread.residentId,
        lane: "normal",
        method: "sendMessage",
        payload: residentCopyPayload(deps, locale, { threadId: ids.threadId, from, text }),
        ref: { type: RELAY_REF, id: thread.id },
      },
    ],
  });
  if (!ok) return { type: "closed", thread };
  deps.outbox.kick();
  await storage.audit.log({
    actorId: actor.id,
    action: "grid.answer",
    detail: { thread: thread.id },
  });
  return { type: "sent", thread };
}

export type CloseOutcome = "closed" | "already" | "unknown" | "denied";

/** A worker marks a thread answered; the resident is told, and may ask again with /ask. */
export async function closeThread(
  deps: BotDeps,
  threadId: number,
  actor: { id: number; roles: ReadonlySet<Role> },
): Promise<CloseOutcome> {
  const { storage } = deps;
  const thread = await storage.grid.thread(threadId);
  if (!thread) return "unknown";
  if (!(await mayAnswer(deps, thread, actor))) return "denied";
  const resident = await storage.people.get(thread.residentId);
  const note: NewOutboxMessage = {
    chatId: thread.residentId,
    lane: "normal",
    method: "sendMessage",
    payload: closedNotePayload(deps, localeFor(deps, resident)),
    ref: { type: RELAY_REF, id: thread.id },
  };
  const closed = await storage.grid.close(thread.id, actor.id, [note]);
  if (!closed) return "already";
  deps.outbox.kick();
  await storage.audit.log({
    actorId: actor.id,
    action: "grid.close",
    detail: { thread: threadId },
  });
  return "closed";
}

/**
 * Questions nobody answered within ASK_ANSWER_HOURS go to the coordinators
 * (on duty, else all, else the admins), privately, once per question; they
 * can answer through the same relay. Returns how many were handed on.
 */
export async function escalateUnanswered(deps: BotDeps): Promise<number> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const before = new Date(now.getTime() - config.grid.answerHours * 3_600_000).toISOString();
  const waiting = await storage.grid.waitingBefore(before);
  if (waiting.length === 0) return 0;
  const to = await coordinatorsNow(deps, now);
  const grid = await loadGrid(deps);
  let handed = 0;
  for (const thread of waiting) {
    const messages = (
      await storage.grid.messages(thread.id, thread.waitingSince ?? undefined)
    ).filter((m) => m.side === "resident");
    const last = messages.at(-1);
    if (!last) continue;
    const responsible = grid.of(thread.building, thread.unit);
    const workerId = responsible.main ?? responsible.deputy;
    const worker = workerId === null ? undefined : await storage.people.get(workerId);
    const name = await residentLabel(deps, thread.residentId);
    const copies = [];
    for (const chatId of to.filter((id) => id !== thread.residentId)) {
      const locale = localeFor(deps, await storage.people.get(chatId));
      copies.push({
        messageId: last.id,
        message: {
          chatId,
          lane: "normal" as const,
          method: "sendMessage" as const,
          payload: escalatedPayload(deps, locale, {
            threadId: thread.id,
            address: formatAddress(thread),
            name,
            worker: worker ? personName(worker, worker.id) : null,
            hours: config.grid.answerHours,
            texts: messages.map((m) => m.text),
          }),
          ref: { type: RELAY_REF, id: thread.id },
        },
      });
    }
    if (await storage.grid.escalate(thread, copies)) {
      handed++;
      await storage.audit.log({
        actorId: null,
        action: "grid.escalate",
        detail: { thread: thread.id, to: copies.length },
      });
    }
  }
  if (handed > 0) deps.outbox.kick();
  return handed;
}

// ================================================================ door list

export interface DoorsView {
  doors: Door[];
  /** Door lines for residents need a phone now and then: by household address. */
  phones: Map<string, string>;
  units: number;
}

/**
 * Key-care doors in these units that are due today and nobody has reached
 * yet (the same rule as the care round: domain/care.ts).
 */
async function careNotReached(
  deps: BotDeps,
  date: string,
  buildings: readonly string[],
  mine: (a: Address) => boolean,
): Promise<Set<string>> {
  const { storage } = deps;
  const list = buildCareList(
    (await storage.households.flagged(buildings)).filter(mine),
    (await storage.care.plans(buildings)).filter(mine),
  );
  return new Set(dueOn(list, await storage.care.lastReached(buildings), date).map(careKey));
}

/** The doors `workerId` should knock on today, in walking order. */
export async function doorsFor(deps: BotDeps, workerId: number): Promise<DoorsView> {
  const { storage, clock, config } = deps;
  const grid = await loadGrid(deps);
  const mine = (a: { building: string; unit: string }) => grid.covers(workerId, a.building, a.unit);
  const buildings = [
    ...new Set(
      grid
        .list()
        .filter((r) => r.workerId === workerId || r.deputyId === workerId)
        .map((r) => r.building),
    ),
  ];
  const date = localDate(clock.now(), config.timezone);
  const [rooms, residents, reported, settings] = await Promise.all([
    storage.grid.roomsIn(buildings),
    storage.grid.residentsIn(buildings),
    storage.grid.reportedOn(date, buildings),
    storage.checkins.settings(),
  ]);
  const myRooms = rooms.filter(mine);
  const myResidents = residents.filter(mine);
  const doors = doorList({
    rooms: myRooms,
    residents: myResidents,
    reportedToday: reported,
    checkinEnabled: settings.enabled,
    careUnchecked: await careNotReached(deps, date, buildings, mine),
  });
  const phones = new Map<string, string>();
  for (const r of myResidents) {
    const k = formatAddress(r);
    if (r.phone && !phones.has(k)) phones.set(k, r.phone);
  }
  const units = new Set([...myRooms, ...myResidents].map((a) => `${a.building}-${a.unit}`)).size;
  return { doors, phones, units };
}

/** The locale of a stored person by id (for messages written on their behalf). */
export async function localeOfPerson(deps: BotDeps, id: number): Promise<string> {
  const person: Person | undefined = await deps.storage.people.get(id);
  return person ? localeFor(deps, person) : localeOf(deps, null);
}
