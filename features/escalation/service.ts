/**
 * The escalation ladder, between the pure rules (domain/escalation.ts) and
 * storage: who is on duty, who each step pages, raising an item, moving it
 * along by the clock, "I'm on it" and "Can't take it", and settling the pages
 * of a taken item (cancel what is still queued, edit what was sent).
 */
import type { BotDeps } from "../../bot/context.js";
import { clockTime, personName } from "../../bot/format.js";
import { localeFor } from "../../bot/i18n.js";
import { takeLimit, tierOfPerson } from "../../bot/limits.js";
import { formatAddress } from "../../domain/address.js";
import {
  type DutyReason,
  type LadderSettings,
  type LadderState,
  type LadderStep,
  minutesBetween,
  nextMove,
  onDutyAt,
  shiftEndAt,
} from "../../domain/escalation.js";
import { cleanName } from "../../domain/text.js";
import type {
  DutyShare,
  Escalation,
  EventPlan,
  NewEscalation,
  NewShift,
  PageView,
  StepPlan,
} from "../../storage/escalations.js";
import { EDIT_REF, NOTE_REF } from "../../storage/escalations.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import type { Person } from "../../storage/people.js";
import { detailsPayload, kindName, pagePayload, takenPayload } from "./render.js";
import { type Summary, storedSummary, summaryIn } from "./summary.js";

// ==================================================================== roster

export interface StaffLists {
  coordinators: number[];
  admins: number[];
}

export async function staffLists(deps: BotDeps): Promise<StaffLists> {
  const holders = await deps.storage.roles.holders();
  const coordinators = holders.filter((h) => h.role === "coordinator").map((h) => h.personId);
  const admins = new Set([
    ...holders.filter((h) => h.role === "admin").map((h) => h.personId),
    ...deps.config.adminIds,
  ]);
  return { coordinators: [...new Set(coordinators)], admins: [...admins] };
}

/**
 * Who is on duty at `now` (coordinators and admins: a shift, or /duty on),
 * with the reason. Other features may use this too (e.g. where new requests go).
 */
export async function onDutyNow(
  deps: BotDeps,
  now = deps.clock.now(),
): Promise<Map<number, DutyReason>> {
  const { storage, config } = deps;
  const staff = await staffLists(deps);
  const shifts = await storage.escalations.shifts();
  return onDutyAt({
    candidates: [...staff.coordinators, ...staff.admins],
    shifts,
    manual: await storage.escalations.allDuty(),
    now,
    timeZone: config.timezone,
  });
}

/**
 * The staff to hand something to now: the coordinators on duty (the roster
 * of /duty and /shifts); with nobody on duty, every coordinator; with no
 * coordinator at all, the admins, so nothing is ever sent to nobody. New
 * requests, unanswered grid questions and key-care checks follow this rule.
 */
export async function coordinatorsNow(deps: BotDeps, at = deps.clock.now()): Promise<number[]> {
  const onDuty = [...(await onDutyNow(deps, at)).keys()];
  if (onDuty.length > 0) return onDuty;
  const holders = await deps.storage.roles.holders();
  const coordinators = holders.filter((h) => h.role === "coordinator").map((h) => h.personId);
  if (coordinators.length > 0) return [...new Set(coordinators)];
  const admins = holders.filter((h) => h.role === "admin").map((h) => h.personId);
  return [...new Set([...admins, ...deps.config.adminIds])];
}

// ================================================================ the roster

/** When the person's current shift ends, if they are in one. */
export async function currentShiftEnd(deps: BotDeps, personId: number): Promise<Date | undefined> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  let end: Date | undefined;
  for (const s of await storage.escalations.shifts()) {
    if (s.personId !== personId) continue;
    const at = shiftEndAt(s, now, config.timezone);
    if (at && (!end || at > end)) end = at;
  }
  return end;
}

const auditDuty = (deps: BotDeps, personId: number, detail: Record<string, unknown>) =>
  deps.storage.audit.log({ actorId: personId, action: "duty.set", detail });

/** /duty on: on duty until they say off. */
export async function goOnDuty(deps: BotDeps, personId: number): Promise<void> {
  await deps.storage.escalations.setDuty(personId, "on", null);
  await auditDuty(deps, personId, { duty: "on" });
}

/** /duty off: off duty; in the middle of a shift, until it ends. Returns when that is. */
export async function goOffDuty(deps: BotDeps, personId: number): Promise<Date | undefined> {
  const end = await currentShiftEnd(deps, personId);
  await deps.storage.escalations.setDuty(personId, end ? "off" : null, end ?? null);
  await auditDuty(deps, personId, { duty: "off", until: end?.toISOString() ?? null });
  return end;
}

/** What a resident is told about whoever takes their item: name, name and phone, or nothing. */
export async function shareOnDuty(deps: BotDeps, personId: number, share: DutyShare) {
  await deps.storage.escalations.setShare(personId, share);
  await auditDuty(deps, personId, { share });
}

/** The weekly roster, replaced as a whole (an empty one clears it). */
export async function replaceRoster(
  deps: BotDeps,
  shifts: readonly NewShift[],
  by: number | null,
): Promise<void> {
  await deps.storage.escalations.replaceShifts(shifts, by);
  await deps.storage.audit.log({
    actorId: by,
    action: "duty.shifts",
    detail: { count: shifts.length },
  });
}

/** New waiting times or repeats for the ladder. */
export async function changeLadder(
  deps: BotDeps,
  changes: Partial<LadderSettings>,
  by: number | null,
): Promise<void> {
  await deps.storage.escalations.setSettings(changes, by);
  await deps.storage.audit.log({ actorId: by, action: "escalation.settings", detail: changes });
}

// ================================================================= audiences

interface Audience {
  people: number[];
  groups: number[];
}

async function audience(
  deps: BotDeps,
  step: LadderStep,
  excluded: ReadonlySet<number>,
  now: Date,
): Promise<Audience> {
  const staff = await staffLists(deps);
  const onDuty = [...(await onDutyNow(deps, now)).keys()];
  let people: number[];
  let groups: number[] = [];
  if (step === 1) people = onDuty;
  else if (step === 2) {
    people = [...onDuty, ...staff.coordinators];
    groups = (await deps.storage.groups.active())
      .filter((g) => g.kind === "staff")
      .map((g) => g.chatId);
  } else people = staff.admins;
  return { people: [...new Set(people)].filter((id) => !excluded.has(id)), groups };
}

interface Recipient {
  chatId: number;
  personId: number | null;
  locale: string;
}

/** A move before its texts are written (they need the item's id). */
interface StepDraft {
  status: Escalation["status"];
  step: number;
  round: number;
  recipients: Recipient[];
  events: EventPlan[];
  /** Told when the ladder runs out (the admins). */
  gaveUpTo: Recipient[];
}

async function recipients(deps: BotDeps, who: Audience): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const id of who.people) {
    const locale = localeFor(deps, await deps.storage.people.get(id));
    out.push({ chatId: id, personId: id, locale });
  }
  for (const chatId of who.groups) {
    out.push({ chatId, personId: null, locale: deps.config.defaultLocale });
  }
  return out;
}

/** Writes a draft's pages and notes for `esc` (which must carry its real id). Synchronous. */
function render(deps: BotDeps, draft: StepDraft, esc: Escalation, now: Date): StepPlan {
  return {
    status: draft.status,
    step: draft.step,
    round: draft.round,
    events: draft.events,
    pages: draft.recipients.map((r) => ({
      ...r,
      payload: pagePayload(deps, r.locale, esc, draft.step, draft.round, now, r.chatId),
    })),
    notes: draft.gaveUpTo.map((r) => ({
      chatId: r.chatId,
      lane: "urgent" as const,
      method: "sendMessage" as const,
      payload: {
        text: deps.i18n.t(r.locale, "esc-gave-up", {
          id: String(esc.id),
          kind: kindName(deps, r.locale, esc.kind),
          summary: summaryIn(esc.summary, r.locale),
          address: esc.address ?? deps.i18n.t(r.locale, "esc-no-address"),
          minutes: minutesBetween(new Date(esc.createdAt), now),
        }),
      },
      ref: { type: NOTE_REF, id: esc.id },
    })),
  };
}

/**
 * From `start`, the ladder's next move, or undefined if nothing is due.
 * Steps with nobody to page are passed at once (and noted in the timeline),
 * so the draft is the first step that pages somebody, or the end of the ladder.
 */
async function planMoves(
  deps: BotDeps,
  esc: Pick<Escalation, "id" | "raisedBy" | "personId">,
  start: LadderState,
  settings: LadderSettings,
  now: Date,
): Promise<StepDraft | undefined> {
  const decliners = esc.id > 0 ? await deps.storage.escalations.decliners(esc.id) : [];
  const excluded = new Set<number>(
    [esc.raisedBy, esc.personId, ...decliners].filter((id): id is number => id !== null),
  );
  const events: EventPlan[] = [];
  let state = start;
  for (let guard = 0; guard < 100; guard++) {
    const move = nextMove(state, settings, now);
    if (move.type === "none" || move.type === "wait") return undefined;
    if (move.type === "give-up") {
      events.push({ type: "gave-up", detail: { reason: move.reason } });
      const { admins } = await staffLists(deps);
      return {
        status: "unacknowledged",
        step: state.step,
        round: state.round,
        recipients: [],
        events,
        gaveUpTo: await recipients(deps, { people: admins, groups: [] }),
      };
    }
    const who = await audience(deps, move.step, excluded, now);
    const count = who.people.length + who.groups.length;
    if (count > 0) {
      events.push({
        type: "step",
        detail: { step: move.step, round: move.round, reason: move.reason, paged: count },
      });
      return {
        status: "open",
        step: move.step,
        round: move.round,
        recipients: await recipients(deps, who),
        events,
        gaveUpTo: [],
      };
    }
    events.push({ type: "nobody", detail: { step: move.step, round: move.round } });
    state = { ...state, step: move.step, round: move.round, steppedAt: now, paged: 0, declined: 0 };
  }
  return undefined;
}

// =================================================================== raising

export interface RaiseInput extends Omit<NewEscalation, "personLabel"> {
  personLabel?: string | null;
}

export interface Raised {
  id: number;
  /** The step the item started at (2 or 3 when nobody was on duty). */
  step: number;
  /** People and groups paged at that step. */
  paged: number;
  status: Escalation["status"];
}

/**
 * Creates the item and its first step (pages to whoever is on duty; if
 * nobody, straight on to step 2) in one transaction, then kicks the outbox.
 * Pages go out at once, whatever the time: quiet hours never apply.
 */
export async function raise(deps: BotDeps, input: RaiseInput): Promise<Raised> {
  const { storage, clock } = deps;
  const now = clock.now();
  let personLabel = input.personLabel ?? null;
  if (personLabel === null && input.personId !== null) {
    const person = await storage.people.get(input.personId);
    if (person) personLabel = personName(person, person.id);
  }
  const item: NewEscalation = { ...input, personLabel };
  const excluded = new Set(
    [item.raisedBy, item.personId].filter((id): id is number => id !== null),
  );
  const who = await audience(deps, 1, excluded, now);
  let draft: StepDraft;
  if (who.people.length > 0) {
    draft = {
      status: "open",
      step: 1,
      round: 1,
      recipients: await recipients(deps, who),
      events: [
        { type: "step", detail: { step: 1, round: 1, reason: "new", paged: who.people.length } },
      ],
      gaveUpTo: [],
    };
  } else {
    const start: LadderState = {
      status: "open",
      step: 1,
      round: 1,
      steppedAt: now,
      paged: 0,
      declined: 0,
    };
    const settings = await storage.escalations.settings();
    const self = { id: 0, raisedBy: item.raisedBy, personId: item.personId };
    // With nobody paged at step 1, a move is always due.
    draft = (await planMoves(deps, self, start, settings, now)) as StepDraft;
    draft.events.unshift({ type: "nobody", detail: { step: 1, round: 1 } });
  }
  const id = await storage.escalations.create(item, (stored) => render(deps, draft, stored, now));
  await tellAdminsOfBurst(deps, now);
  deps.outbox.kick();
  return { id, step: draft.step, paged: draft.recipients.length, status: draft.status };
}

/** The burst alert goes out at most once in this time, however long the surge lasts. */
const BURST_ALERT_EVERY_MS = 60 * 60_000;

/**
 * An unusual number of urgent items in a few minutes (URGENT_BURST_COUNT
 * within URGENT_BURST_MINUTES) tells the admins, once: more hands may be
 * needed than the coordinators on duty, or someone is abusing the bot. The
 * alert names kinds and counts only, nothing about anyone.
 */
async function tellAdminsOfBurst(deps: BotDeps, now: Date): Promise<void> {
  const { storage, config } = deps;
  const { count, minutes } = config.limits.urgentBurst;
  const counts = await storage.escalations.countSince(new Date(now.getTime() - minutes * 60_000));
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  if (total < count) return;
  const every = Math.max(BURST_ALERT_EVERY_MS, minutes * 60_000);
  const once = await storage.limits.take("urgent-burst", { count: 1, perMs: every });
  if (!once.allowed) return;
  const { admins } = await staffLists(deps);
  const messages: NewOutboxMessage[] = [];
  for (const id of admins) {
    const locale = localeFor(deps, await storage.people.get(id));
    const kinds = (["sos", "fever", "request", "page"] as const)
      .filter((k) => (counts[k] ?? 0) > 0)
      .map((k) => `${kindName(deps, locale, k)} ${counts[k]}`)
      .join(deps.i18n.t(locale, "list-separator"));
    messages.push({
      chatId: id,
      lane: "urgent",
      method: "sendMessage",
      payload: { text: deps.i18n.t(locale, "esc-burst-alert", { count: total, minutes, kinds }) },
      ref: { type: NOTE_REF, id: "burst" },
    });
  }
  await storage.outbox.enqueue(messages);
  await storage.audit.log({
    actorId: null,
    action: "urgent.burst",
    detail: { count: total, minutes, kinds: counts, told: admins.length },
  });
}

// ================================================================== the job

/**
 * The ladder's view of an item. A page that could not be delivered (the
 * coordinator blocked the bot, or never pressed Start) counts like "Can't
 * take it": when nobody at step 1 can be reached, step 2 need not wait.
 */
function stateOf(esc: Escalation, pages: readonly PageView[]): LadderState {
  const current = pages.filter((p) => p.step === esc.step && p.round === esc.round);
  const people = current.filter((p) => p.personId !== null);
  const out = (p: PageView) =>
    p.declinedAt !== null || p.outboxStatus === "failed" || p.outboxStatus === "dead";
  return {
    status: esc.status,
    step: esc.step as LadderStep,
    round: esc.round,
    steppedAt: new Date(esc.steppedAt),
    paged: current.length,
    declined: people.filter(out).length,
  };
}

/** Moves one open item along if a step is due. Returns whether it moved. */
export async function advanceItem(deps: BotDeps, esc: Escalation, settings?: LadderSettings) {
  const { storage, clock } = deps;
  const now = clock.now();
  const state = stateOf(esc, await storage.escalations.pages(esc.id));
  const ladder = settings ?? (await storage.escalations.settings());
  const move = nextMove(state, ladder, now);
  if (move.type === "none" || move.type === "wait") return false;
  const draft = await planMoves(deps, esc, state, ladder, now);
  if (!draft) return false;
  const plan = render(deps, draft, esc, now);
  return storage.escalations.advance(esc.id, { step: esc.step, round: esc.round }, plan);
}

/** Every open item whose next step is due moves on. Returns how many moved. */
export async function advanceDue(deps: BotDeps): Promise<number> {
  const settings = await deps.storage.escalations.settings();
  let moved = 0;
  for (const esc of await deps.storage.escalations.open()) {
    if (await advanceItem(deps, esc, settings)) moved++;
  }
  return moved;
}

// ======================================================== acknowledgements

export type AckOutcome =
  | { type: "won"; esc: Escalation }
  | { type: "again" }
  | { type: "taken"; by: string; at: string }
  | { type: "unknown" };

/** What the resident (and whoever raised it for them) is told when someone takes it. */
async function takenNotes(
  deps: BotDeps,
  esc: Escalation,
  taker: Person,
): Promise<NewOutboxMessage[]> {
  const { storage } = deps;
  const duty = await storage.escalations.dutyOf(taker.id);
  const share = duty?.share ?? "name";
  const notes: NewOutboxMessage[] = [];
  const tell = async (personId: number, key: (locale: string) => string) => {
    const person = await storage.people.get(personId);
    const locale = localeFor(deps, person);
    notes.push({
      chatId: personId,
      lane: "urgent",
      method: "sendMessage",
      payload: { text: key(locale) },
      ref: { type: NOTE_REF, id: esc.id },
    });
  };
  const takerName = personName(taker, taker.id);
  if (esc.personId !== null && esc.personId !== taker.id) {
    await tell(esc.personId, (locale) => {
      if (share === "none")
        return deps.i18n.t(locale, "esc-resident-coming", { id: String(esc.id) });
      if (share === "phone" && taker.phone) {
        return deps.i18n.t(locale, "esc-resident-coming-phone", {
          id: String(esc.id),
          name: takerName,
          phone: taker.phone,
        });
      }
      return deps.i18n.t(locale, "esc-resident-coming-name", {
        id: String(esc.id),
        name: takerName,
      });
    });
  }
  const raiser = esc.raisedBy;
  if (raiser !== null && raiser !== esc.personId && raiser !== taker.id) {
    await tell(raiser, (locale) =>
      deps.i18n.t(locale, "esc-raiser-taken", {
        id: String(esc.id),
        name: takerName,
        time: clockTime(deps.clock.now(), deps.config.timezone),
      }),
    );
  }
  return notes;
}

/**
 * "I'm on it": takes an item. The first press wins (one conditional UPDATE);
 * the winner's transaction cancels the pages still queued and tells the
 * resident; the pages already sent are then edited to "taken by …".
 * `notify: false` skips the "someone is coming" notes, for callers that tell
 * the resident themselves (taking the urgent request behind the item).
 * `details: true` (taken from a group page) sends the item's details to the
 * taker privately, in the same transaction.
 */
export async function acknowledge(
  deps: BotDeps,
  id: number,
  taker: Person,
  options: { notify?: boolean; details?: boolean } = {},
): Promise<AckOutcome> {
  const { storage } = deps;
  const esc = await storage.escalations.get(id);
  if (!esc) return { type: "unknown" };
  if (esc.acknowledgedBy === taker.id) return { type: "again" };
  const notify = options.notify ?? true;
  const notes = esc.acknowledgedBy === null && notify ? await takenNotes(deps, esc, taker) : [];
  // Taken from a group page (which shows no details): the details go to the taker privately.
  if (esc.acknowledgedBy === null && options.details) {
    notes.push({
      chatId: taker.id,
      lane: "urgent",
      method: "sendMessage",
      payload: detailsPayload(deps, localeFor(deps, taker), esc),
      ref: { type: NOTE_REF, id: esc.id },
    });
  }
  const result = await storage.escalations.acknowledge(id, taker.id, notes);
  if (!result.won) {
    if (result.reason === "unknown") return { type: "unknown" };
    if (result.by === taker.id) return { type: "again" };
    return {
      type: "taken",
      by: personName(await storage.people.get(result.by), result.by),
      at: result.at,
    };
  }
  await storage.audit.log({
    actorId: taker.id,
    action: "escalation.ack",
    detail: { escalation: id, cancelled: result.cancelled },
  });
  await settlePages(deps);
  deps.outbox.kick();
  return { type: "won", esc: { ...esc, acknowledgedBy: taker.id, acknowledgedAt: result.at } };
}

export type DeclineOutcome =
  | { type: "ok"; moved: boolean }
  | { type: "again" }
  | { type: "taken"; by: string }
  | { type: "unknown" };

/** "Can't take it": noted; when everyone paged at step 1 said so, step 2 starts now. */
export async function decline(deps: BotDeps, id: number, person: Person): Promise<DeclineOutcome> {
  const { storage } = deps;
  const result = await storage.escalations.decline(id, person.id);
  if (result === "unknown") return { type: "unknown" };
  if (result === "again") return { type: "again" };
  const esc = await storage.escalations.get(id);
  if (result === "taken" || !esc) {
    return {
      type: "taken",
      by: personName(await storage.people.get(esc?.acknowledgedBy ?? 0), esc?.acknowledgedBy),
    };
  }
  const moved = esc.status === "open" && (await advanceItem(deps, esc));
  if (moved) deps.outbox.kick();
  return { type: "ok", moved };
}

// ========================================================= settling pages

/**
 * For items someone took: pages still queued are cancelled, pages sent are
 * edited to "taken by …" (through the outbox), pages that never arrived are
 * closed. Pages in flight are left for the next run. Restart-safe: each page
 * is closed once, in the transaction that enqueues its edit.
 */
export async function settlePages(deps: BotDeps): Promise<number> {
  const { storage } = deps;
  const open = await storage.escalations.pagesToSettle();
  if (open.length === 0) return 0;
  const byItem = new Map<number, PageView[]>();
  for (const p of open) byItem.set(p.escalationId, [...(byItem.get(p.escalationId) ?? []), p]);
  let edits = 0;
  for (const [id, found] of byItem) {
    const esc = await storage.escalations.get(id);
    if (!esc || esc.acknowledgedBy === null) continue;
    let pages = found;
    if (pages.some((p) => p.outboxStatus === "pending")) {
      // Cancelled now, unless the dispatcher claimed one meanwhile: look again.
      await storage.escalations.cancelPages(id);
      pages = (await storage.escalations.pages(id)).filter((p) => !p.closed);
    }
    const taker = personName(await storage.people.get(esc.acknowledgedBy), esc.acknowledgedBy);
    const settled: Array<{ pageId: number; edit?: NewOutboxMessage }> = [];
    for (const p of pages) {
      if (p.outboxStatus === "sending") continue; // on the wire: next run
      if (p.outboxStatus === "sent" && p.messageId !== null) {
        settled.push({
          pageId: p.id,
          edit: {
            chatId: p.chatId,
            lane: "urgent",
            method: "editMessageText",
            payload: takenPayload(
              deps,
              p.locale,
              esc,
              {
                step: p.step,
                round: p.round,
                pagedAt: p.pagedAt,
                messageId: p.messageId,
                chatId: p.chatId,
              },
              taker,
            ),
            ref: { type: EDIT_REF, id },
          },
        });
      } else {
        settled.push({ pageId: p.id }); // cancelled, failed or dead: nothing on screen to edit
      }
    }
    edits += await storage.escalations.closePages(settled);
  }
  if (edits > 0) deps.outbox.kick();
  return edits;
}

// ============================================================ the one door

/*
 * Urgent items come in through here: a fever from the check-in, a request
 * marked urgent, an SOS, an admin's /page, a key-care welfare visit. Other features call `raiseUrgent`
 * (through this feature's index.ts); behind it runs the ladder above: the
 * on-duty coordinators are paged through the outbox's urgent lane, then
 * everyone else step by step until someone presses "I'm on it".
 */

export type UrgentKind = "fever" | "request" | "sos" | "page" | "welfare";

export interface UrgentItem {
  kind: UrgentKind;
  /**
   * One line saying what is happening: a person's own words as one string,
   * or the bot's words in every language (`inEveryLanguage`), so each
   * coordinator reads it in theirs.
   */
  summary: Summary;
  /** The household's unit tag, e.g. 3-2-501, if known. */
  address?: string | null;
  phone?: string | null;
  /** The resident concerned, if known. They are told when someone takes it. */
  personId?: number | null;
  /** Who raised it (a resident, or a staff member on their behalf). */
  raisedBy?: number | null;
  /** What caused it, to find it again (e.g. { type: "checkin", id: 12 }). */
  ref?: { type: string; id: number | string };
  /** Raised by someone who is not registered (an SOS from anyone): shown on the page. */
  unregistered?: boolean;
  /** How the pages name the person concerned; default their registered name. */
  personLabel?: string | null;
}

/**
 * Raises an urgent item: it is stored with its first pages in one
 * transaction, and the ladder takes it from there. Returns the item's id
 * (the escalation id, for `/escalation <id>`).
 */
export async function raiseUrgent(deps: BotDeps, item: UrgentItem): Promise<number> {
  return (await raiseUrgentDetailed(deps, item)).id;
}

/** Like `raiseUrgent`, and says who was paged first: step 1 (on duty), or 2/3 if nobody was on duty. */
export async function raiseUrgentDetailed(deps: BotDeps, item: UrgentItem): Promise<Raised> {
  const raised = await raise(deps, {
    kind: item.kind,
    summary: storedSummary(item.summary),
    address: item.address ?? null,
    phone: item.phone ?? null,
    personId: item.personId ?? null,
    raisedBy: item.raisedBy ?? null,
    unregistered: item.unregistered ?? false,
    personLabel: item.personLabel ?? null,
    ref: item.ref ?? null,
  });
  await deps.storage.audit.log({
    actorId: item.raisedBy ?? null,
    action: `urgent.${item.kind}`,
    detail: {
      escalation: raised.id,
      address: item.address ?? null,
      step: raised.step,
      paged: raised.paged,
      ref: item.ref ?? null,
    },
  });
  return raised;
}

// ======================================================================= SOS

export interface SosUser {
  id: number;
  firstName: string;
  username: string | null;
}

/**
 * What became of an SOS: raised (a new item, paged at once), folded into the
 * person's SOS nobody has taken yet (one more line on its timeline, no new
 * ladder), or over the person's limit (nothing stored; they are told their
 * SOS is already with the coordinators).
 */
export type SosSent =
  | { outcome: "raised"; id: number; step: number; paged: number; unregistered: boolean }
  | { outcome: "folded"; id: number; unregistered: boolean }
  | { outcome: "limited"; id: number | null; unregistered: boolean };

/**
 * Raises the SOS. A registered resident's room and phone go with it; from
 * anyone else it is sent anyway, marked unregistered, with what Telegram
 * tells us about them. A second SOS while the first is still waiting for
 * someone to take it is added to it; past the person's limit (stricter for
 * people who aren't registered) nothing more is stored or paged.
 */
export async function sendSos(deps: BotDeps, user: SosUser, line: Summary): Promise<SosSent> {
  const { storage } = deps;
  const view = await storage.households.ofPerson(user.id);
  const unregistered = view === undefined;
  const waiting = await storage.escalations.waitingSosOf(user.id);
  const taken = await takeLimit(deps, "sos", user.id, await tierOfPerson(deps, user.id));
  if (!taken.allowed) {
    deps.logger.info({ escalation: waiting?.id ?? null }, "SOS over the person's limit");
    return { outcome: "limited", id: waiting?.id ?? null, unregistered };
  }
  if (waiting) {
    await storage.escalations.addEvent(waiting.id, {
      type: "again",
      actorId: user.id,
      detail: { line: storedSummary(line) },
    });
    return { outcome: "folded", id: waiting.id, unregistered };
  }
  const person = await storage.people.get(user.id);
  // Someone who used /forget is named by their id only: their Telegram name is not stored again.
  const forgotten = person?.forgottenAt != null;
  const label = unregistered
    ? [
        forgotten ? null : cleanName(user.firstName),
        user.username && !forgotten ? `@${user.username}` : null,
        `id ${user.id}`,
      ]
        .filter((x) => x)
        .join(" · ")
    : (view.displayName ?? personName(person, user.id));
  const raised = await raiseUrgentDetailed(deps, {
    kind: "sos",
    summary: line,
    address: view ? formatAddress(view.household) : null,
    phone: view?.phone ?? person?.phone ?? null,
    personId: user.id,
    raisedBy: user.id,
    unregistered,
    personLabel: label,
  });
  return { outcome: "raised", id: raised.id, step: raised.step, paged: raised.paged, unregistered };
}
