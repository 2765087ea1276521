/**
 * The server side of requests: filing one (cards to the staff group and the
 * coordinators on duty, a page for urgent ones), and every change of state
 * (checked by the domain rules, applied by one conditional UPDATE, with the
 * messages it causes written in the same transaction). Handlers and
 * conversations call these; nothing else changes a request.
 */

import type { BotDeps } from "../../bot/context.js";
import { inEveryLanguage } from "../../bot/i18n.js";
import { takeLimit, tierOfPerson } from "../../bot/limits.js";
import { type Address, formatAddress } from "../../domain/address.js";
import type { Category, Details, Urgency } from "../../domain/request-catalogue.js";
import {
  ACTION_FROM,
  type Action,
  type ActorFacts,
  decide,
  type Refusal,
} from "../../domain/request-states.js";
import { mayAct } from "../../domain/roles.js";
import { afterQuietHours, localDate } from "../../domain/schedule.js";
import { CATEGORY_TEAM, taskStateOfRequest } from "../../domain/volunteers.js";
import type { NewOutboxMessage, OutboxLane } from "../../storage/outbox.js";
import { CARD_REF, type CardRef, type Request } from "../../storage/requests.js";
import { acknowledge, raiseUrgent } from "../escalation/index.js";
import { followTask, type PostTaskInput, postTask } from "../volunteers/index.js";
import { coordinatorsOnDuty, staffGroups } from "./duty.js";
import {
  cardPayload,
  type Directory,
  directory,
  headline,
  localeIn,
  offerPayload,
  requestButtons,
  residentUpdatePayload,
  sheetPayload,
  staffNotePayload,
  tr,
} from "./render.js";

/** For whom a request is filed. */
export type Subject =
  | { kind: "self" }
  | { kind: "household"; address: Address }
  | { kind: "unregistered"; name: string; phone: string | null; address: Address | null };

export interface RequestDraft {
  subject: Subject;
  category: Category;
  details: Details;
  photos: string[];
  urgency: Urgency;
  noticeId: number | null;
}

/** A message to a person or a group; urgent requests use the urgent lane. */
function message(
  chatId: number,
  lane: OutboxLane,
  payload: Record<string, unknown>,
  ref: { type: string; id: number },
  method: "sendMessage" | "editMessageText" | "sendPhoto" = "sendMessage",
): NewOutboxMessage {
  return { chatId, lane, method, payload, ref };
}

/** The outbox ref of a request's photos sent beside a private card (never edited, unlike cards). */
export const PHOTO_REF = "request-photo";

/**
 * The resident's photos after a private card, by their Telegram file_id
 * (restart-safe: the row holds only the id). Never to a group: a photo is
 * the resident's own, like their words.
 */
function photoMessages(
  deps: BotDeps,
  r: Request,
  chatId: number,
  locale: string,
  lane: OutboxLane,
): NewOutboxMessage[] {
  const t = tr(deps, locale);
  return r.photos.map((photo, i) =>
    message(
      chatId,
      lane,
      {
        photo,
        caption: t("rq-photo-caption", { number: r.number, n: i + 1, count: r.photos.length }),
      },
      { type: PHOTO_REF, id: r.id },
      "sendPhoto",
    ),
  );
}

/**
 * The fresh cards for a request: the staff groups (no photo) and every
 * coordinator on duty (in private, followed by the resident's photos; a
 * coordinator may see every request).
 */
function cards(
  deps: BotDeps,
  r: Request,
  dir: Directory,
  groups: number[],
  people: number[],
): NewOutboxMessage[] {
  const lane: OutboxLane = r.urgency === "now" ? "urgent" : "normal";
  const ref = { type: CARD_REF, id: r.id };
  return [
    ...groups.map((g) =>
      message(g, lane, cardPayload(deps, deps.config.defaultLocale, r, dir, g), ref),
    ),
    // One card per person, followed by the resident's photos (in private only).
    ...people.flatMap((p) => {
      const locale = localeIn(deps, dir, p);
      return [
        message(p, lane, cardPayload(deps, locale, r, dir, p), ref),
        ...(p > 0 ? photoMessages(deps, r, p, locale, lane) : []),
      ];
    }),
  ];
}

/**
 * A request as a volunteers' task: posted to the team of its category, with
 * the request's own claim button (the request's claim stays the one
 * race-safe claim); its state is followed from every change.
 */
function requestTask(r: Request): PostTaskInput {
  return {
    team: CATEGORY_TEAM[r.category] ?? null,
    kind: "request",
    ref: { type: "request", id: r.id },
    titleKey: "rq-task-title",
    titleArgs: {
      number: r.number,
      urgency: { key: `rq-urgency-${r.urgency}` },
      category: { key: `rq-cat-${r.category}` },
      unit: r.building ? [r.building, r.unit].filter(Boolean).join("-") : { key: "rq-no-room" },
    },
    building: r.building,
    urgent: r.urgency === "now",
    claimData: requestButtons.claim.data({ id: r.id }),
    postedBy: r.filedBy,
  };
}

/** Files a request; returns it with its number. */
export async function fileRequest(
  deps: BotDeps,
  filedBy: number,
  draft: RequestDraft,
): Promise<Request> {
  const { storage, config, clock } = deps;
  const now = clock.now();
  const s = draft.subject;
  let address: Address | null = null;
  let householdId: number | null = null;
  let personId: number | null = null;
  if (s.kind === "self") {
    const view = await storage.households.ofPerson(filedBy);
    if (view) {
      address = view.household;
      householdId = view.household.id;
    }
    personId = filedBy;
  } else {
    address = s.address;
    if (address) {
      const found = await storage.requests.householdAt(address);
      householdId = found?.id ?? null;
      // For a household, the first registered resident is who the handler calls.
      if (s.kind === "household") personId = found?.residents[0] ?? null;
    }
  }
  const groups = await staffGroups(deps);
  const onDuty = await coordinatorsOnDuty(deps, now);
  const dir = await directory(deps, [...onDuty, filedBy, personId]);
  const request = await storage.requests.create(
    {
      day: localDate(now, config.timezone),
      category: draft.category,
      details: draft.details,
      urgency: draft.urgency,
      householdId,
      address: address
        ? {
            building: address.building,
            unit: address.unit,
            room: address.room,
            text: formatAddress(address),
          }
        : null,
      personId,
      contactId: filedBy,
      subjectName: s.kind === "unregistered" ? s.name : null,
      subjectPhone: s.kind === "unregistered" ? s.phone : null,
      filedBy,
      filedAs: s.kind === "self" ? "self" : s.kind,
      noticeId: draft.noticeId,
      photos: draft.photos,
    },
    (r) => cards(deps, r, dir, groups, onDuty),
  );
  deps.outbox.kick();
  await storage.audit.log({
    actorId: filedBy,
    action: "request.file",
    detail: { request: request.id, category: request.category, urgency: request.urgency },
  });
  // Work for a team (shopping, medicine, testing, help at home) goes to its volunteers too.
  if (CATEGORY_TEAM[request.category]) await postTask(deps, requestTask(request));
  if (request.urgency === "now") {
    const escalation = await raiseUrgent(deps, {
      kind: "request",
      summary: inEveryLanguage(
        (l) => `${request.number} ${headline(tr(deps, l), request.category, request.details)}`,
      ),
      address: request.address,
      phone:
        request.subjectPhone ?? (personId !== null ? (dir.get(personId)?.phone ?? null) : null),
      personId,
      raisedBy: filedBy,
      ref: { type: "request", id: request.id },
    });
    await storage.requests.setEscalation(request.id, escalation);
  }
  return request;
}

export type Submitted = { ok: true; request: Request } | { ok: false; reason: "limited" };

/**
 * A request from the intake: counted against the person's limit (stricter
 * for people who aren't registered, looser for staff filing for others),
 * then filed. Over the limit nothing is filed.
 */
export async function submitRequest(
  deps: BotDeps,
  filedBy: number,
  draft: RequestDraft,
): Promise<Submitted> {
  const taken = await takeLimit(deps, "request", filedBy, await tierOfPerson(deps, filedBy));
  if (!taken.allowed) {
    deps.logger.info({ category: draft.category }, "request over the person's limit");
    return { ok: false, reason: "limited" };
  }
  return { ok: true, request: await fileRequest(deps, filedBy, draft) };
}

export type ActOutcome =
  | { ok: true; action: Action; request: Request }
  | { ok: false; action: Action; reason: Refusal | "unknown"; request?: Request };

export interface ActOptions {
  /** Done: what was done; can't do / give back: why; reopen: unused (words come later). */
  note?: string | null;
  /** Assign: the volunteer. */
  assignee?: number;
}

/** The actor's role decides what a press means: a volunteer's "I'll handle it" is a claim, their "Can't do" gives the task back. */
export function effectiveAction(
  wanted: Action,
  actor: ActorFacts,
  assigneeId: number | null,
): Action {
  const coordinator = mayAct(actor.roles, ["coordinator"]);
  if (wanted === "take" && !coordinator && actor.roles.has("volunteer")) return "claim";
  if (wanted === "cant" && !coordinator && assigneeId === actor.id) return "release";
  return wanted;
}

export function factsOf(r: Request) {
  return {
    status: r.status,
    category: r.category,
    handlerId: r.handlerId,
    assigneeId: r.assigneeId,
    contactId: r.contactId,
  };
}

/** Checks without changing anything (a refusal is audited): may this person do this now? */
export async function check(
  deps: BotDeps,
  actor: ActorFacts,
  id: number,
  wanted: Action,
): Promise<ActOutcome> {
  const current = await deps.storage.requests.get(id);
  if (!current) return { ok: false, action: wanted, reason: "unknown" };
  const action = effectiveAction(wanted, actor, current.assigneeId);
  const decision = decide(action, actor, factsOf(current));
  if (decision.ok) return { ok: true, action, request: current };
  // Pressing what isn't yours is audited; "already taken" or "already closed" is just news.
  if (decision.reason === "denied" || decision.reason.startsWith("not-"))
    await deps.storage.audit.log({
      actorId: actor.id,
      action: `request.${action}`,
      outcome: "denied",
      detail: { request: id, reason: decision.reason },
    });
  return { ok: false, action, reason: decision.reason, request: current };
}

/** Applies one action by one person. A refusal changes nothing (and "denied" is audited). */
export async function act(
  deps: BotDeps,
  actor: ActorFacts,
  id: number,
  wanted: Action,
  opts: ActOptions = {},
): Promise<ActOutcome> {
  const { storage, clock, config } = deps;
  const checked = await check(deps, actor, id, wanted);
  const action = checked.action;
  if (!checked.ok) return checked;
  const current = checked.request;
  const decision = decide(action, actor, factsOf(current));
  if (!decision.ok) return { ok: false, action, reason: decision.reason, request: current };
  const now = clock.now();
  const at = now.toISOString();
  const note = opts.note ?? null;
  const coordinator = mayAct(actor.roles, ["coordinator"]);
  const set = ((): Parameters<typeof storage.requests.transition>[0]["set"] => {
    switch (action) {
      case "take":
        return { handlerId: actor.id, takenAt: at };
      case "claim":
        return { assigneeId: actor.id, takenAt: at };
      case "assign":
        return { assigneeId: opts.assignee ?? null, handlerId: actor.id, takenAt: at };
      case "accept":
        return {};
      case "decline":
        return { assigneeId: null };
      case "release":
        return { assigneeId: null, lastNote: note };
      case "done":
        return {
          doneAt: at,
          lastNote: note,
          handlerId: coordinator ? (current.handlerId ?? actor.id) : current.handlerId,
        };
      case "cant":
        return { closedAt: at, lastNote: note, handlerId: current.handlerId ?? actor.id };
      case "solved":
        return { residentAnswer: "solved", closedAt: at };
      case "reopen":
        return {
          residentAnswer: "not_solved",
          reopenedAt: at,
          assigneeId: null,
          lastNote: null,
        };
    }
  })();
  // Presses by the volunteer only count while the task is still theirs.
  const onlyAssignee =
    action === "accept" || action === "decline" || action === "release"
      ? (current.assigneeId ?? -1)
      : action === "done" && !coordinator
        ? actor.id
        : undefined;

  const cardChats = (await storage.outbox.byRef(CARD_REF, id)).map((m) => m.chatId);
  const onDuty = action === "reopen" ? await coordinatorsOnDuty(deps, now) : [];
  const groups = action === "reopen" ? await staffGroups(deps) : [];
  const dir = await directory(deps, [
    actor.id,
    current.contactId,
    current.personId,
    current.filedBy,
    current.handlerId,
    current.assigneeId,
    opts.assignee,
    ...cardChats,
    ...onDuty,
  ]);
  const quiet =
    afterQuietHours(now, config.quietHours, config.timezone).getTime() !== now.getTime();

  const result = await storage.requests.transition({
    id,
    action,
    from: ACTION_FROM[action],
    to: decision.to,
    actorId: actor.id,
    onlyAssignee,
    // Assigning to the volunteer who already has it changes nothing and offers nothing again.
    notAssignedTo: action === "assign" ? opts.assignee : undefined,
    set,
    note,
    messages: (r, sent) =>
      changeMessages(deps, action, actor.id, current, r, sent, dir, {
        quiet,
        onDuty,
        groups,
      }),
    // The volunteers' ledger follows the request in the same transaction (hours on done).
    also: (trx, r) =>
      followTask(
        deps,
        { type: "request", id: r.id },
        taskStateOfRequest(r.status, r.assigneeId),
        requestTask(r),
        trx,
      ),
  });
  if (!result.ok) {
    // Someone else changed it between the check and the update: say what it is now.
    const now2 = result.current;
    const again = now2 ? decide(action, actor, factsOf(now2)) : undefined;
    return {
      ok: false,
      action,
      reason: again && !again.ok ? again.reason : "state",
      request: now2,
    };
  }
  deps.outbox.kick();
  await storage.audit.log({
    actorId: actor.id,
    action: `request.${action}`,
    detail: { request: id, from: current.status, to: decision.to },
  });
  await stopPaging(deps, action, actor.id, current);
  return { ok: true, action, request: result.request };
}

/**
 * Someone took an urgent request: its escalation stops paging, as if they had
 * pressed "I'm on it" (the resident already hears about the request itself).
 */
async function stopPaging(
  deps: BotDeps,
  action: Action,
  actorId: number,
  request: Request,
): Promise<void> {
  if (request.escalationId === null || !["take", "claim", "assign"].includes(action)) return;
  const taker = await deps.storage.people.get(actorId);
  if (taker) await acknowledge(deps, request.escalationId, taker, { notify: false });
}

/** Every message one change causes: card edits, the resident's update, and word to the staff concerned. */
function changeMessages(
  deps: BotDeps,
  action: Action,
  actorId: number,
  before: Request,
  r: Request,
  sentCards: CardRef[],
  dir: Directory,
  extra: { quiet: boolean; onDuty: number[]; groups: number[] },
): NewOutboxMessage[] {
  const out: NewOutboxMessage[] = [];
  const lane: OutboxLane = r.urgency === "now" ? "urgent" : "normal";
  const ref = { type: "request", id: r.id };
  const loc = (id: number) => (id < 0 ? deps.config.defaultLocale : localeIn(deps, dir, id));
  const note = (to: number | null, key: string) => {
    if (to === null || to === actorId) return;
    out.push(message(to, lane, staffNotePayload(deps, loc(to), key, r, dir, actorId), ref));
  };

  for (const card of sentCards) {
    const payload = cardPayload(deps, loc(card.chatId), r, dir, card.chatId);
    out.push(
      message(
        card.chatId,
        "normal",
        { message_id: card.messageId, ...payload },
        ref,
        "editMessageText",
      ),
    );
  }

  const contact = r.contactId;
  const toldByButton = action === "solved" || action === "reopen";
  if (contact !== null && !toldByButton && (contact !== actorId || r.status === "done")) {
    out.push(
      message(contact, "normal", residentUpdatePayload(deps, loc(contact), r, dir, extra.quiet), {
        type: "request-update",
        id: r.id,
      }),
    );
  }

  switch (action) {
    case "take":
      out.push(message(actorId, lane, sheetPayload(deps, loc(actorId), r, dir, "handler"), ref));
      break;
    case "claim":
      out.push(message(actorId, lane, sheetPayload(deps, loc(actorId), r, dir, "volunteer"), ref));
      break;
    case "assign": {
      const to = r.assigneeId as number;
      out.push(message(to, lane, offerPayload(deps, loc(to), r, dir), ref));
      if (before.assigneeId !== null && before.assigneeId !== to)
        note(before.assigneeId, "rq-note-unassigned");
      break;
    }
    case "accept":
      out.push(message(actorId, lane, sheetPayload(deps, loc(actorId), r, dir, "volunteer"), ref));
      note(r.handlerId, "rq-note-accepted");
      break;
    case "decline":
      note(r.handlerId, "rq-note-declined");
      break;
    case "release":
      note(r.handlerId, "rq-note-released");
      break;
    case "done":
      note(r.handlerId, "rq-note-done");
      break;
    case "cant":
      note(before.assigneeId, "rq-note-cant");
      break;
    case "solved":
      note(r.handlerId, "rq-note-solved");
      if (before.assigneeId !== r.handlerId) note(before.assigneeId, "rq-note-solved");
      break;
    case "reopen": {
      // Back on everyone's list: fresh cards, as for a new request, and word to who did it.
      const people = [
        ...new Set([...extra.onDuty, ...(r.handlerId === null ? [] : [r.handlerId])]),
      ];
      out.push(...cards(deps, r, dir, extra.groups, people));
      if (!people.includes(before.assigneeId ?? Number.NaN))
        note(before.assigneeId, "rq-note-reopened");
      break;
    }
  }
  return out;
}

/** The resident's words after "not solved": kept in the history and passed to staff. */
export async function addReopenWords(
  deps: BotDeps,
  personId: number,
  id: number,
  words: string,
): Promise<Request | undefined> {
  const { storage } = deps;
  const current = await storage.requests.get(id);
  if (!current || current.contactId !== personId) return undefined;
  const cardChats = (await storage.outbox.byRef(CARD_REF, id)).map((m) => m.chatId);
  const dir = await directory(deps, [
    personId,
    current.handlerId,
    current.personId,
    current.filedBy,
    ...cardChats,
  ]);
  const loc = (chat: number) => (chat < 0 ? deps.config.defaultLocale : localeIn(deps, dir, chat));
  const updated = await storage.requests.addNote(id, personId, "reopen-words", words, (r, sent) => [
    ...sent.map((card) =>
      message(
        card.chatId,
        "normal",
        {
          message_id: card.messageId,
          ...cardPayload(deps, loc(card.chatId), r, dir, card.chatId),
        },
        { type: "request", id },
        "editMessageText",
      ),
    ),
    ...(r.handlerId !== null && r.handlerId !== personId
      ? [
          message(
            r.handlerId,
            r.urgency === "now" ? "urgent" : "normal",
            staffNotePayload(deps, loc(r.handlerId), "rq-note-reopen-words", r, dir, personId),
            { type: "request", id },
          ),
        ]
      : []),
  ]);
  deps.outbox.kick();
  return updated;
}

/** "I have a question" on a notice: a policy question linked to the notice. */
export function noticeQuestionDraft(noticeId: number, question: string): RequestDraft {
  return {
    subject: { kind: "self" },
    category: "policy",
    details: { question, notice: String(noticeId) },
    photos: [],
    urgency: "today",
    noticeId,
  };
}

// ================================================================ reading

/** Who may see one request: whoever it concerns or filed it, its volunteer, coordinators. */
export function maySee(actor: ActorFacts, r: Request): boolean {
  if (mayAct(actor.roles, ["coordinator"])) return true;
  const me = actor.id;
  return me === r.contactId || me === r.filedBy || me === r.personId || me === r.assigneeId;
}

/**
 * A request by its short number, if this person may see it. Someone else's
 * request looks exactly like one that doesn't exist (and the attempt is audited).
 */
export async function visibleRequest(
  deps: BotDeps,
  actor: ActorFacts,
  number: string,
): Promise<Request | undefined> {
  const r = await deps.storage.requests.byNumber(number);
  if (!r) return undefined;
  if (maySee(actor, r)) return r;
  await deps.storage.audit.log({
    actorId: actor.id,
    action: "request.view",
    outcome: "denied",
    detail: { request: r.id },
  });
  return undefined;
}

/** The export was downloaded (it holds phone numbers): audited. */
export async function recordExport(
  deps: BotDeps,
  by: number | null,
  range: { from: string; to: string },
  count: number,
): Promise<void> {
  await deps.storage.audit.log({
    actorId: by,
    action: "request.export",
    detail: { ...range, count },
  });
}

/** A person is pointed to the private flow from a group at most once in this window. */
export const GROUP_HINT_WINDOW_MS = 12 * 3600 * 1000;

/** Whether to point this person to the private flow from this group now (once per window). */
export function claimGroupHint(deps: BotDeps, chatId: number, personId: number): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - GROUP_HINT_WINDOW_MS);
  return deps.storage.requests.claimGroupHint(chatId, personId, since);
}
