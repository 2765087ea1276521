/**
 * The volunteers' ledger's use cases: posting a task to a team (any feature
 * may), following a task whose owner decides its state (a request), claiming
 * (the first claim wins), Done (hours from claim to done) and giving back;
 * settling the posts others received; asking once about the published
 * ledger; profiles, teams, team shifts, manual hours and corrections (both
 * checked against 24 hours a day and audited); and the ledger's figures.
 * Handlers and jobs call these; nothing else changes the ledger.
 */
import type { BotDeps } from "../../bot/context.js";
import { personName } from "../../bot/format.js";
import { localeFor } from "../../bot/i18n.js";
import { mayAct, type Role } from "../../domain/roles.js";
import { afterQuietHours } from "../../domain/schedule.js";
import {
  type Availability,
  type Consent,
  coversNow,
  localDay,
  type PublicFacts,
  slotAt,
  type TaskState,
  taskMinutes,
  taskRecipients,
  type VolunteerLedger,
  volunteerLedger,
  weekStart,
} from "../../domain/volunteers.js";
import type { DB } from "../../storage/database.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import {
  type HoursEntry,
  type NewTask,
  type NewTeamShift,
  TASK_POST_REF,
  type TaskTiming,
  type Team,
  type TitleArg,
  type VolunteerTask,
} from "../../storage/volunteers.js";
import {
  claimedPayload,
  consentPayload,
  hours,
  postPayload,
  settledPostText,
  taskTitle,
  teamName,
  tr,
} from "./render.js";

/** Who is acting: their id and roles (checked on the server for every command and button). */
export interface Actor {
  id: number;
  roles: ReadonlySet<Role>;
}

export const VOLUNTEERS: readonly Role[] = ["volunteer"];
export const COORDINATORS: readonly Role[] = ["coordinator"];

/** The outbox ref of the edits that close a task's posts. */
export const TASK_EDIT_REF = "volunteer-task-edit";
/** The outbox ref of the consent question and the notes about hours. */
export const NOTE_REF = "volunteer-note";

async function localeOfPerson(deps: BotDeps, id: number): Promise<string> {
  return localeFor(deps, await deps.storage.people.get(id));
}

async function nameOf(deps: BotDeps, id: number | null): Promise<string> {
  if (id === null) return "—";
  return personName(await deps.storage.people.get(id), id);
}

/** How a task's time counts: claim to done, at most the configured hours, on the claim's local day. */
export function taskTiming(deps: BotDeps): TaskTiming {
  return (claimedAt, doneAt) => ({
    day: localDay(new Date(claimedAt), deps.config.timezone),
    ...taskMinutes(new Date(claimedAt), new Date(doneAt), deps.config.volunteers.taskMaxMinutes),
  });
}

// ============================================================== posting

/** A task any feature may post to a team's volunteers. */
export interface PostTaskInput {
  /** The team's key (`supplies`); null: no team (not announced, claimable from /tasks). */
  team: string | null;
  /** What kind of work: request, care, delivery, adhoc… */
  kind: string;
  /** What it is about, to find it again; a thing is posted once. */
  ref?: { type: string; id: number | string } | null;
  /** The title: a key in locales/ and its arguments (an argument `{ key }` is translated too). */
  titleKey: string;
  titleArgs?: Record<string, TitleArg>;
  /** Its building, so volunteers covering it hear first. */
  building?: string | null;
  /** Urgent tasks go in the urgent lane, also in quiet hours. */
  urgent?: boolean;
  /**
   * The owner's own claim button (callback data), for work whose claim the
   * owner decides (a request's). The owner then reports the task's state
   * with `followTask`. Without it, this feature's claim, Done and Give back.
   */
  claimData?: string | null;
  postedBy?: number | null;
  /** Tell exactly these volunteers instead of choosing from the team. */
  to?: readonly number[];
}

function newTask(input: PostTaskInput): NewTask {
  return {
    team: input.team,
    kind: input.kind,
    ref: input.ref ?? null,
    titleKey: input.titleKey,
    titleArgs: input.titleArgs ?? {},
    building: input.building ?? null,
    urgent: input.urgent ?? false,
    claimData: input.claimData ?? null,
    postedBy: input.postedBy ?? null,
  };
}

/** Volunteers now (role holders), each with what deciding who hears a task needs. */
async function reach(deps: BotDeps, team: string, now: Date) {
  const { storage, config } = deps;
  const holders = new Set(
    (await storage.roles.holders()).filter((h) => h.role === "volunteer").map((h) => h.personId),
  );
  const shifts = (await storage.volunteers.shifts()).filter(
    (s) => s.team === team && coversNow(s, now, config.timezone),
  );
  return (await storage.volunteers.profiles())
    .filter((p) => holders.has(p.personId))
    .map((p) => ({
      personId: p.personId,
      teams: p.teams,
      buildings: p.buildings,
      availability: p.availability,
      onShift: shifts.some((s) => s.people.includes(p.personId)),
    }));
}

/**
 * Posts a task to a team's volunteers: those covering its building, on the
 * team's shift now if any, else those usually free at this time, else all
 * of them. Each gets a private post with "I'll do it"; the first claim wins.
 * Posts to volunteers who are not on shift wait for the end of quiet hours
 * unless the task is urgent. A thing already posted is not posted twice.
 */
export async function postTask(
  deps: BotDeps,
  input: PostTaskInput,
): Promise<{ task: VolunteerTask; created: boolean; recipients: number[] }> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const teams = await storage.volunteers.teams();
  const active = input.team !== null && teams.some((t) => t.key === input.team);
  let people: number[] = [];
  let onShift = false;
  if (input.to) people = [...input.to];
  else if (active && input.team !== null) {
    const chosen = taskRecipients(
      await reach(deps, input.team, now),
      input.team,
      input.building ?? null,
      slotAt(now, config.timezone),
    );
    people = chosen.people;
    onShift = chosen.onShift;
  }
  people = people.filter((p) => p !== input.postedBy);
  const locales = new Map<number, string>();
  for (const p of people) locales.set(p, await localeOfPerson(deps, p));
  const notBefore =
    input.urgent || onShift ? now : afterQuietHours(now, config.quietHours, config.timezone);
  const { task, created } = await storage.volunteers.postTask(newTask(input), (task) =>
    people.map((chatId) => ({
      chatId,
      lane: task.urgent ? "urgent" : "normal",
      method: "sendMessage",
      payload: postPayload(deps, locales.get(chatId) ?? config.defaultLocale, task, teams),
      notBefore,
      ref: { type: TASK_POST_REF, id: task.id },
    })),
  );
  if (created && people.length > 0) deps.outbox.kick();
  if (created)
    await storage.audit.log({
      actorId: input.postedBy ?? null,
      action: "volunteer.task.post",
      detail: { task: task.id, team: task.team, kind: task.kind, recipients: people.length },
    });
  return { task, created, recipients: created ? people : [] };
}

/**
 * For owners that decide a task's state themselves (a request): called in
 * the owner's transaction with the task's new state. When it becomes done
 * while a volunteer holds it, their hours from claim to done are written in
 * that transaction. A task first seen already claimed is created from `create`.
 */
export async function followTask(
  deps: BotDeps,
  ref: { type: string; id: number | string },
  target: { status: TaskState; volunteerId: number | null },
  create: PostTaskInput,
  trx: DB,
): Promise<void> {
  await deps.storage.volunteers.follow(ref, target, taskTiming(deps), newTask(create), trx);
}

/**
 * For owners whose done work is taken back (a group buy's door marked
 * delivered by mistake): in the owner's transaction, a done task is held
 * again by its volunteer and the hours its Done wrote are removed, so the
 * ledger and the task agree. Done again later (`followTask`), the hours run
 * from the same claim. Undefined when the task wasn't done.
 */
export async function reopenTask(
  deps: BotDeps,
  ref: { type: string; id: number | string },
  trx: DB,
) {
  return deps.storage.volunteers.reopen(ref, trx);
}

/**
 * The owner no longer needs a task (a key-care check staff now visit):
 * cancelled, with no hours, and its posts say so. By default only a task
 * nobody holds; with `held`, also one a volunteer claimed but never finished
 * (its owner tells them why). The task as it was, or undefined when there
 * was nothing to withdraw.
 */
export async function closeTask(
  deps: BotDeps,
  ref: { type: string; id: number | string },
  options: { held?: boolean } = {},
): Promise<VolunteerTask | undefined> {
  const task = await deps.storage.volunteers.taskByRef(ref.type, ref.id);
  const from = options.held ? ["open", "claimed"] : ["open"];
  if (!task || !from.includes(task.status)) return undefined;
  if (!(await deps.storage.volunteers.cancel(task.id, from))) return undefined;
  const closed = await deps.storage.volunteers.task(task.id);
  if (closed) await settleTask(deps, closed);
  return task;
}

// ================================================================ claims

export type TaskRefusal = "unknown" | "denied" | "taken" | "closed" | "not-holder" | "state";

export type TaskOutcome =
  | { ok: true; task: VolunteerTask; entry?: HoursEntry }
  | { ok: false; reason: TaskRefusal; task?: VolunteerTask; by?: string };

async function refusal(
  deps: BotDeps,
  actor: Actor,
  action: string,
  task: VolunteerTask | undefined,
): Promise<TaskOutcome> {
  if (!task) return { ok: false, reason: "unknown" };
  if (task.status === "claimed" || task.status === "held")
    return task.claimedBy === actor.id
      ? { ok: false, reason: "state", task }
      : {
          ok: false,
          reason: action === "claim" ? "taken" : "not-holder",
          task,
          by: await nameOf(deps, task.claimedBy),
        };
  if (task.status === "done" || task.status === "cancelled")
    return { ok: false, reason: "closed", task };
  return { ok: false, reason: "state", task };
}

async function denied(deps: BotDeps, actor: Actor, action: string, id: number) {
  await deps.storage.audit.log({
    actorId: actor.id,
    action: `volunteer.task.${action}`,
    outcome: "denied",
    detail: { task: id },
  });
  return { ok: false as const, reason: "denied" as const };
}

/** "I'll do it" on a task this feature handles: the first press wins. */
export async function claimTask(deps: BotDeps, actor: Actor, id: number): Promise<TaskOutcome> {
  if (!mayAct(actor.roles, VOLUNTEERS)) return denied(deps, actor, "claim", id);
  const task = await deps.storage.volunteers.task(id);
  // A task whose owner decides the claim is claimed with the owner's button.
  if (!task || task.claimData !== null) return { ok: false, reason: "unknown" };
  const result = await deps.storage.volunteers.claim(id, actor.id);
  if (!result.ok) return refusal(deps, actor, "claim", result.task);
  await deps.storage.audit.log({
    actorId: actor.id,
    action: "volunteer.task.claim",
    detail: { task: id },
  });
  await settleTask(deps, result.task);
  return { ok: true, task: result.task };
}

/**
 * "I'll do it" on a task whose claim button its owner made but whose claim
 * the ledger decides (a group buy's deliveries): the first press wins. The
 * owner then shows the work and closes the task with `followTask` when the
 * work is done (the hours run from this claim).
 */
export async function claimPostedTask(
  deps: BotDeps,
  actor: Actor,
  ref: { type: string; id: number | string },
): Promise<TaskOutcome> {
  if (!mayAct(actor.roles, VOLUNTEERS)) {
    await deps.storage.audit.log({
      actorId: actor.id,
      action: "volunteer.task.claim",
      outcome: "denied",
      detail: { ref: `${ref.type}:${ref.id}` },
    });
    return { ok: false, reason: "denied" };
  }
  const result = await deps.storage.volunteers.claimByRef(ref.type, ref.id, actor.id);
  if (!result.ok) return refusal(deps, actor, "claim", result.task);
  await deps.storage.audit.log({
    actorId: actor.id,
    action: "volunteer.task.claim",
    detail: { task: result.task.id },
  });
  await settleTask(deps, result.task);
  return { ok: true, task: result.task };
}

/** Done, by the volunteer who claimed it: closed, hours written, the poster told. */
export async function finishTask(deps: BotDeps, actor: Actor, id: number): Promise<TaskOutcome> {
  const { storage } = deps;
  const before = await storage.volunteers.task(id);
  if (!before || before.claimData !== null) return { ok: false, reason: "unknown" };
  const poster = before.postedBy;
  const teams = await storage.volunteers.teams({ archived: true });
  const posterLocale = poster === null ? undefined : await localeOfPerson(deps, poster);
  const me = await nameOf(deps, actor.id);
  const result = await storage.volunteers.finish(id, actor.id, taskTiming(deps), (task, entry) => {
    if (poster === null || poster === actor.id || !posterLocale) return [];
    const t = tr(deps, posterLocale);
    return [
      {
        chatId: poster,
        lane: "normal",
        method: "sendMessage",
        payload: {
          text: t("vt-note-done", {
            name: me,
            title: taskTitle(t, task),
            team: teamName(t, task.team, teams),
            hours: hours(t, entry.minutes),
          }),
        },
        ref: { type: NOTE_REF, id: task.id },
      },
    ];
  });
  if (!result.ok) return refusal(deps, actor, "done", result.task);
  deps.outbox.kick();
  await storage.audit.log({
    actorId: actor.id,
    action: "volunteer.task.done",
    detail: { task: id, entry: result.entry.id, minutes: result.entry.minutes },
  });
  await askConsentOnce(deps, actor.id);
  return { ok: true, task: result.task, entry: result.entry };
}

/** Give back: the task is open again (no hours); whoever posted it is told. */
export async function giveBackTask(deps: BotDeps, actor: Actor, id: number): Promise<TaskOutcome> {
  const { storage } = deps;
  const before = await storage.volunteers.task(id);
  if (!before || before.claimData !== null) return { ok: false, reason: "unknown" };
  const result = await storage.volunteers.release(id, actor.id);
  if (!result.ok) return refusal(deps, actor, "back", result.task);
  await storage.audit.log({
    actorId: actor.id,
    action: "volunteer.task.back",
    detail: { task: id },
  });
  const poster = result.task.postedBy;
  if (poster !== null && poster !== actor.id) {
    const t = tr(deps, await localeOfPerson(deps, poster));
    const teams = await storage.volunteers.teams({ archived: true });
    await storage.outbox.enqueue([
      {
        chatId: poster,
        lane: "normal",
        method: "sendMessage",
        payload: {
          text: t("vt-note-back", {
            name: await nameOf(deps, actor.id),
            title: taskTitle(t, result.task),
            team: teamName(t, result.task.team, teams),
          }),
        },
        ref: { type: NOTE_REF, id },
      },
    ]);
    deps.outbox.kick();
  }
  return { ok: true, task: result.task };
}

/** The message a volunteer gets for a task they hold (with Done and Give back). */
export async function claimedMessage(deps: BotDeps, locale: string, task: VolunteerTask) {
  return claimedPayload(
    deps,
    locale,
    task,
    await deps.storage.volunteers.teams({ archived: true }),
  );
}

// ======================================================= settling posts

/**
 * The posts of a task that is no longer open: those still queued are
 * dropped, those delivered are edited to "taken by …" (or "no longer
 * needed"), once. A post on the wire is left for the next run.
 */
async function settleTask(deps: BotDeps, task: VolunteerTask): Promise<boolean> {
  const { storage } = deps;
  const posts = await storage.outbox.byRef(TASK_POST_REF, task.id);
  if (posts.some((p) => p.status === "sending")) return false;
  const taker = await nameOf(deps, task.claimedBy);
  const edits: NewOutboxMessage[] = [];
  for (const p of posts) {
    if (p.status !== "sent" || p.messageId === null || p.method !== "sendMessage") continue;
    const t = tr(deps, await localeOfPerson(deps, p.chatId));
    edits.push({
      chatId: p.chatId,
      lane: "normal",
      method: "editMessageText",
      payload: {
        message_id: p.messageId,
        text: settledPostText(t, String(p.payload.text ?? ""), task, taker),
      },
      ref: { type: TASK_EDIT_REF, id: task.id },
    });
  }
  const settled = await storage.volunteers.settlePosts(task.id, edits);
  if (settled && edits.length > 0) deps.outbox.kick();
  return settled;
}

/** Every task taken or closed since the last run: its posts settled. */
export async function settlePosts(deps: BotDeps): Promise<number> {
  let settled = 0;
  for (const task of await deps.storage.volunteers.unsettled())
    if (await settleTask(deps, task)) settled++;
  return settled;
}

/** Outbox hook: a post claimed a moment before its task was taken must not go out. */
export function postStillWanted(storage: BotDeps["storage"]) {
  return async (row: { ref: { type: string; id: string } | null }): Promise<boolean> => {
    if (row.ref?.type !== TASK_POST_REF) return true;
    const task = await storage.volunteers.task(Number(row.ref.id));
    return task === undefined || task.status === "open";
  };
}

// =============================================================== consent

/** What to suggest as the published name: the one they chose before, else their own name. */
export async function suggestedName(deps: BotDeps, personId: number): Promise<string> {
  const profile = await deps.storage.volunteers.profile(personId);
  return profile?.publicName ?? (await nameOf(deps, personId));
}

/** Asks about the published ledger once: the first time someone has hours and was never asked. */
export async function askConsentOnce(deps: BotDeps, personId: number): Promise<boolean> {
  const locale = await localeOfPerson(deps, personId);
  const payload = consentPayload(deps, locale, await suggestedName(deps, personId));
  const asked = await deps.storage.volunteers.askConsent(personId, {
    chatId: personId,
    lane: "normal",
    method: "sendMessage",
    payload,
    ref: { type: NOTE_REF, id: personId },
  });
  if (asked) deps.outbox.kick();
  return asked;
}

/** Everyone with hours who was never asked, asked now (hours from requests arrive here). */
export async function askConsentWhereDue(deps: BotDeps): Promise<number> {
  let asked = 0;
  for (const id of await deps.storage.volunteers.neverAsked())
    if (await askConsentOnce(deps, id)) asked++;
  return asked;
}

/** The volunteer's answer: named (with the name they chose) or anonymous. Audited. */
export async function setConsent(
  deps: BotDeps,
  personId: number,
  consent: Consent,
  publicName: string | null,
): Promise<void> {
  await deps.storage.volunteers.setConsent(personId, consent, publicName);
  await deps.storage.audit.log({
    actorId: personId,
    action: "volunteer.consent",
    detail: { consent },
  });
}

// ============================================================= profiles

export async function saveProfile(
  deps: BotDeps,
  personId: number,
  p: { teams: string[]; availability: Availability[]; buildings: string[] },
): Promise<void> {
  await deps.storage.volunteers.saveProfile(personId, p);
  await deps.storage.audit.log({
    actorId: personId,
    action: "volunteer.profile",
    detail: { teams: p.teams, availability: p.availability, buildings: p.buildings.length },
  });
}

/** /forget: the published name goes; the hours stay, counted anonymously. */
export async function forgetVolunteer(deps: BotDeps, personId: number): Promise<void> {
  await deps.storage.volunteers.forget(personId);
}

// ================================================================ teams

export async function addTeam(
  deps: BotDeps,
  by: number,
  key: string,
  name: string | null,
): Promise<"added" | "restored" | "exists"> {
  const result = await deps.storage.volunteers.addTeam(key, name, by);
  if (result !== "exists")
    await deps.storage.audit.log({ actorId: by, action: "volunteer.team.add", detail: { key } });
  return result;
}

export async function retireTeam(deps: BotDeps, by: number, key: string): Promise<boolean> {
  const done = await deps.storage.volunteers.archiveTeam(key);
  if (done)
    await deps.storage.audit.log({ actorId: by, action: "volunteer.team.retire", detail: { key } });
  return done;
}

// =============================================================== shifts

export async function addShifts(
  deps: BotDeps,
  by: number,
  shifts: NewTeamShift[],
): Promise<number[]> {
  const ids = await deps.storage.volunteers.addShifts(shifts, by);
  await deps.storage.audit.log({
    actorId: by,
    action: "volunteer.shifts.add",
    detail: { shifts: ids },
  });
  return ids;
}

export async function removeShift(
  deps: BotDeps,
  by: number,
  id: number,
  personId: number | null,
): Promise<boolean> {
  const done =
    personId === null
      ? await deps.storage.volunteers.removeShift(id)
      : await deps.storage.volunteers.removeFromShift(id, personId);
  if (done)
    await deps.storage.audit.log({
      actorId: by,
      action: "volunteer.shifts.remove",
      detail: { shift: id, person: personId },
    });
  return done;
}

// ================================================================ hours

/** Manual hours with a reason (by the volunteer, or a coordinator for them). Audited. */
export async function addHours(
  deps: BotDeps,
  e: {
    personId: number;
    team: string | null;
    day: string;
    minutes: number;
    reason: string;
    addedBy: number;
  },
) {
  const result = await deps.storage.volunteers.addManual(e);
  if (result.ok) await askConsentOnce(deps, e.personId);
  return result;
}

/**
 * A coordinator's correction (0 voids the entry): the volunteer is told
 * what changed and why, in the same transaction. Audited.
 */
export async function correctHours(
  deps: BotDeps,
  by: number,
  id: number,
  minutes: number,
  reason: string,
) {
  const entry = await deps.storage.volunteers.entry(id);
  const locale = entry ? await localeOfPerson(deps, entry.personId) : deps.config.defaultLocale;
  const coordinator = await nameOf(deps, by);
  const result = await deps.storage.volunteers.correct(id, minutes, reason, by, (before, after) => {
    if (after.personId === by) return [];
    const t = tr(deps, locale);
    return [
      {
        chatId: after.personId,
        lane: "normal",
        method: "sendMessage",
        payload: {
          text: t("vt-note-corrected", {
            id: after.id,
            day: after.day,
            from: hours(t, before.minutes),
            to: hours(t, after.minutes),
            name: coordinator,
            reason,
          }),
        },
        ref: { type: NOTE_REF, id: after.id },
      },
    ];
  });
  if (result.ok) deps.outbox.kick();
  return result;
}

// =============================================================== figures

export interface LedgerView {
  ledger: VolunteerLedger;
  teams: Team[];
  /** The days the hours span, first entry to today (for the chart's title). */
  days: number;
}

/** The ledger's figures now. */
export async function ledgerNow(deps: BotDeps): Promise<LedgerView> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const entries = await storage.volunteers.entries();
  const volunteers = (await storage.roles.holders())
    .filter((h) => h.role === "volunteer")
    .map((h) => h.personId);
  const profiles: PublicFacts[] = (await storage.volunteers.profiles()).map((p) => ({
    personId: p.personId,
    publicName: p.publicName,
    consent: p.consent,
    teams: p.teams,
  }));
  const ledger = volunteerLedger(entries, volunteers, profiles, weekStart(now, config.timezone));
  const today = localDay(now, config.timezone);
  const first = entries[0]?.day ?? today; // oldest first
  const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000) + 1);
  return { ledger, teams: await storage.volunteers.teams({ archived: true }), days };
}
