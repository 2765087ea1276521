/**
 * The key-care round's use cases: the list (care flags plus people added by
 * hand with a reason), each person's plan, the day's checks sent as tasks
 * to whoever is responsible, one-tap outcomes (the first tap wins; "needs
 * something" opens a request for that household), a welfare visit through
 * the escalation ladder after two unanswered tries or a check left
 * unrecorded at the day's end, and silence as a signal.
 */
import type { BotDeps } from "../../bot/context.js";
import { clockTime, personName } from "../../bot/format.js";
import { inEveryLanguage, localeFor } from "../../bot/i18n.js";
import { type Address, formatAddress, formatUnit } from "../../domain/address.js";
import {
  buildCareList,
  type CareEntry,
  type CareOutcome,
  type CarePlan,
  careKey,
  careStepsAt,
  DEFAULT_PLAN,
  dueOn,
  isSilent,
  MAX_ATTEMPTS,
  reached,
} from "../../domain/care.js";
import { compareDoors, currentResponder, type GridMap } from "../../domain/grid.js";
import { mayAct, type Role } from "../../domain/roles.js";
import { localDate, zonedParts, zonedTime } from "../../domain/schedule.js";
import type { CareCheck, CareContact, NewCheck } from "../../storage/care.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import { coordinatorsNow, raiseUrgentDetailed } from "../escalation/index.js";
import { loadGrid } from "../grid/index.js";
import { closeTask, followTask, type PostTaskInput, postTask } from "../volunteers/index.js";
import {
  careButtons,
  type DoorFacts,
  followUpPayload,
  silencePayload,
  taskPayload,
} from "./render.js";

export const CARE_REF = "care-check" as const;

type Actor = { id: number; roles: ReadonlySet<Role> };

// ================================================================== the list

export async function careList(deps: BotDeps): Promise<CareEntry[]> {
  const { storage } = deps;
  return buildCareList(await storage.households.flagged(), await storage.care.plans());
}

/** The entry for this door, if it is on the list (through care flags or added by hand). */
export async function onList(deps: BotDeps, a: Address): Promise<CareEntry | undefined> {
  const key = careKey(a);
  return (await careList(deps)).find((e) => careKey(e) === key);
}

export async function addByHand(deps: BotDeps, a: Address, reason: string, by: number) {
  await deps.storage.care.savePlan(a, { manual: true, reason }, DEFAULT_PLAN, by);
  await deps.storage.audit.log({
    actorId: by,
    action: "care.add",
    detail: { address: formatAddress(a) },
  });
}

/** Takes a hand-made addition off the list. False if it wasn't one. */
export async function removeByHand(deps: BotDeps, a: Address, by: number): Promise<boolean> {
  const removed = await deps.storage.care.unsetManual(a);
  if (removed) {
    await deps.storage.audit.log({
      actorId: by,
      action: "care.remove",
      detail: { address: formatAddress(a) },
    });
  }
  return removed;
}

export async function changePlan(
  deps: BotDeps,
  entry: CareEntry,
  changes: Partial<CarePlan>,
  by: number,
): Promise<CarePlan> {
  // One of three: a named person, a volunteers' team, or (both null) the unit's worker.
  const who =
    changes.responsibleId !== undefined && changes.responsibleId !== null
      ? { responsibleId: changes.responsibleId, team: null }
      : changes.team !== undefined && changes.team !== null
        ? { responsibleId: null, team: changes.team }
        : changes.responsibleId === null || changes.team === null
          ? { responsibleId: null, team: null }
          : {};
  const saved = await deps.storage.care.savePlan(
    entry,
    { ...changes, ...who },
    { method: entry.plan.method, everyDays: entry.plan.everyDays },
    by,
  );
  await deps.storage.audit.log({
    actorId: by,
    action: "care.plan",
    detail: { address: formatAddress(entry), ...changes },
  });
  return {
    method: saved.method,
    everyDays: saved.everyDays,
    responsibleId: saved.responsibleId,
    team: saved.team,
  };
}

// ========================================================== who is responsible

interface Team {
  grid: GridMap;
  off: (id: number) => boolean;
}

async function team(deps: BotDeps): Promise<Team> {
  const profiles = await deps.storage.grid.profiles();
  return { grid: await loadGrid(deps), off: (id) => profiles.get(id)?.away ?? false };
}

/**
 * The plan's person; nobody yet for a team's check (whoever claims it);
 * else the unit's worker (the deputy when the worker is off), else nobody.
 */
function responsibleFor(t: Team, a: Address, plan: CarePlan): number | null {
  if (plan.responsibleId !== null) return plan.responsibleId;
  if (plan.team !== null) return null;
  return currentResponder(t.grid.of(a.building, a.unit), t.off)?.to ?? null;
}

/**
 * Who may record a check's outcome: the person responsible, the unit's
 * worker or deputy, coordinators and admins. Nobody else.
 */
function mayRecord(t: Team, check: CareCheck, actor: Actor): boolean {
  if (actor.roles.has("admin") || actor.roles.has("coordinator")) return true;
  if (check.responsibleId === actor.id) return true;
  return t.grid.covers(actor.id, check.building, check.unit);
}

// ================================================================== the day

/** The local date and minute of now, and the instant the local day began. */
function today(deps: BotDeps) {
  const { clock, config } = deps;
  const now = clock.now();
  const p = zonedParts(now, config.timezone);
  return {
    date: localDate(now, config.timezone),
    minute: p.hour * 60 + p.minute,
    dayStart: zonedTime(config.timezone, p.year, p.month, p.day, 0, 0).toISOString(),
  };
}

interface Recipient {
  chatId: number;
  locale: string;
}

/** Whom a check's task goes to: the responsible person, or the coordinators if nobody is. */
async function recipientsOf(deps: BotDeps, responsibleId: number | null): Promise<Recipient[]> {
  const ids = responsibleId !== null ? [responsibleId] : await coordinatorsNow(deps);
  const out: Recipient[] = [];
  for (const id of ids) {
    out.push({ chatId: id, locale: localeFor(deps, await deps.storage.people.get(id)) });
  }
  return out;
}

/** Recipients for every responsible person of these checks, looked up once each. */
async function recipientsFor(
  deps: BotDeps,
  checks: ReadonlyArray<{ responsibleId: number | null }>,
) {
  const out = new Map<number | null, Recipient[]>();
  for (const c of checks) {
    if (!out.has(c.responsibleId))
      out.set(c.responsibleId, await recipientsOf(deps, c.responsibleId));
  }
  return out;
}

function factsOf(entry: CareEntry | undefined, contacts: readonly CareContact[]): DoorFacts {
  return {
    names: contacts.map((c) => c.name).filter((n): n is string => !!n),
    phone: contacts.find((c) => c.phone)?.phone ?? null,
    flags: entry?.flags ?? [],
    reason: entry?.reason ?? null,
  };
}

async function contactsByHousehold(deps: BotDeps, ids: ReadonlyArray<number | null>) {
  const contacts = await deps.storage.care.contacts(ids.filter((id): id is number => id !== null));
  const by = new Map<number, CareContact[]>();
  for (const c of contacts) by.set(c.householdId, [...(by.get(c.householdId) ?? []), c]);
  return by;
}

const contactsOf = (by: Map<number, CareContact[]>, id: number | null) =>
  id === null ? [] : (by.get(id) ?? []);

function message(
  chatId: number,
  payload: Record<string, unknown>,
  checkId: number,
): NewOutboxMessage {
  return {
    chatId,
    lane: "normal",
    method: "sendMessage",
    payload,
    ref: { type: CARE_REF, id: checkId },
  };
}

export interface CareRun {
  date: string;
  /** Checks sent by this run's morning round (null: not due, or done before). */
  round: number | null;
  silence: number | null;
  escalated: number;
}

/**
 * The care round's clock. Each step is recorded with its checks and their
 * messages in one transaction, so a restart never repeats one and a bot
 * started late catches up (until the day's end); escalations are claimed per
 * check.
 */
export async function runCareDay(deps: BotDeps): Promise<CareRun> {
  const day = today(deps);
  const steps = careStepsAt(day.minute, deps.config.care);
  const run: CareRun = { date: day.date, round: null, silence: null, escalated: 0 };
  run.escalated += await recoverClaims(deps);
  if (steps.round) run.round = await morningRound(deps, day.date);
  // Also after a restart between the round and its posts: a thing is posted once.
  if (steps.round) await postTeamChecks(deps, day.date);
  if (steps.silence) run.silence = await silenceRound(deps, day);
  run.escalated += await escalateUnrecorded(deps, day.date, steps.dayEnd);
  return run;
}

/** The morning: a check for everyone due today, sent as a task to whoever is responsible. */
async function morningRound(deps: BotDeps, date: string): Promise<number | null> {
  const { storage } = deps;
  if (await storage.care.isDone(date, "round")) return null;
  const due = dueOn(await careList(deps), await storage.care.lastReached(), date);
  const t = await team(deps);
  const checks: NewCheck[] = due.map((e) => ({
    building: e.building,
    unit: e.unit,
    room: e.room,
    date,
    householdId: e.householdId,
    kind: "round",
    attempt: 1,
    method: e.plan.method,
    responsibleId: responsibleFor(t, e, e.plan),
    team: e.plan.responsibleId === null ? e.plan.team : null,
  }));
  const contacts = await contactsByHousehold(
    deps,
    checks.map((x) => x.householdId),
  );
  const entries = new Map(due.map((e) => [careKey(e), e]));
  const recipients = await recipientsFor(deps, checks);
  const stored = await storage.care.claimStep(
    date,
    "round",
    checks,
    (rows) =>
      rows.flatMap((row) => {
        const entry = entries.get(careKey(row));
        const facts = factsOf(entry, contactsOf(contacts, row.householdId));
        // A team's check is posted to its volunteers as a task (postTeamChecks), not sent here.
        if (row.team !== null) return [];
        return (recipients.get(row.responsibleId) ?? []).map((r) =>
          message(
            r.chatId,
            taskPayload(deps, r.locale, row, facts, entry?.plan.everyDays ?? 1),
            row.id,
          ),
        );
      }),
    { checks: checks.length },
  );
  if (stored === false) return null;
  if (stored.length > 0) deps.outbox.kick();
  return stored.length;
}

/**
 * Silence as a signal: a resident living alone who, by the set time, has not
 * reported today's check-in, confirmed a notice today, or written to the bot
 * today, gets a welfare check for their worker. Not someone already reached
 * today (a check recorded fine or needs something), nor someone a welfare
 * visit was already raised for today.
 */
async function silenceRound(deps: BotDeps, day: ReturnType<typeof today>): Promise<number | null> {
  const { storage } = deps;
  if (await storage.care.isDone(day.date, "silence")) return null;
  const alone = (await storage.households.flagged()).filter((h) => h.flags.includes("lives_alone"));
  const ids = alone.map((h) => h.id);
  const contacts = await contactsByHousehold(deps, ids);
  const people = [...contacts.values()].flat().map((c) => c.personId);
  const [reported, confirmed, active, checks, list] = await Promise.all([
    storage.care.reportedOn(day.date, ids),
    storage.care.confirmedSince(people, day.dayStart),
    storage.care.activeSince(people, day.dayStart),
    storage.care.checksOn(day.date),
    careList(deps),
  ]);
  // Reached today, or already escalated today (someone is going round): no silence check.
  const reachedToday = new Set(
    checks.filter((x) => reached(x.status) || x.escalatedAt !== null).map(careKey),
  );
  const entries = new Map(list.map((e) => [careKey(e), e]));
  const t = await team(deps);
  const silent = alone.filter((h) => {
    const who = contactsOf(contacts, h.id);
    if (who.length === 0 || reachedToday.has(careKey(h))) return false;
    return isSilent({
      reportedToday: reported.has(h.id),
      confirmedToday: who.some((p) => confirmed.has(p.personId)),
      activeToday: who.some((p) => active.has(p.personId)),
    });
  });
  const newChecks: NewCheck[] = silent.map((h) => ({
    building: h.building,
    unit: h.unit,
    room: h.room,
    date: day.date,
    householdId: h.id,
    kind: "silence",
    attempt: 1,
    method: "call",
    responsibleId: responsibleFor(t, h, DEFAULT_PLAN),
    team: null,
  }));
  const recipients = await recipientsFor(deps, newChecks);
  const time = deps.config.care.silenceAt;
  const stored = await storage.care.claimStep(
    day.date,
    "silence",
    newChecks,
    (rows) =>
      rows.flatMap((row) => {
        const facts = factsOf(entries.get(careKey(row)), contactsOf(contacts, row.householdId));
        return (recipients.get(row.responsibleId) ?? []).map((r) =>
          message(r.chatId, silencePayload(deps, r.locale, row, facts, time), row.id),
        );
      }),
    { silent: newChecks.length, alone: alone.length },
  );
  if (stored === false) return null;
  if (stored.length > 0) deps.outbox.kick();
  return stored.length;
}

// ================================================================ outcomes

export type RecordOutcome =
  | {
      type: "ok";
      check: CareCheck;
      outcome: CareOutcome;
      followUp: boolean;
      /** The second try was posted to the team's volunteers as a new task (not to one person). */
      followUpToTeam: boolean;
      escalation: number | null;
    }
  | { type: "already"; check: CareCheck; by: string; time: string }
  | { type: "denied"; responsible: string | null }
  | { type: "unknown" };

/**
 * One tap. The first outcome is stored; pressed twice or by two people, the
 * second is told what was recorded. A first "no answer" sends one more try
 * the same day; a second raises an urgent welfare visit through the ladder.
 */
export async function recordOutcome(
  deps: BotDeps,
  checkId: number,
  actor: Actor,
  outcome: CareOutcome,
): Promise<RecordOutcome> {
  const { storage } = deps;
  const check = await storage.care.check(checkId);
  if (!check) return { type: "unknown" };
  if (!mayRecord(await team(deps), check, actor)) {
    await storage.audit.log({
      actorId: actor.id,
      action: "care.outcome",
      outcome: "denied",
      detail: { check: checkId },
    });
    const who =
      check.responsibleId === null ? undefined : await storage.people.get(check.responsibleId);
    return { type: "denied", responsible: who ? personName(who, who.id) : null };
  }
  // A follow-up goes to the same people as the check did. A team's is posted to the team again
  // as a new task, like the first (whoever claims it: their hours run from that claim).
  const retry = outcome === "no_answer" && check.attempt < MAX_ATTEMPTS;
  const toTeam = check.team !== null;
  const recipients = retry && !toTeam ? await recipientsOf(deps, check.responsibleId) : [];
  const contacts = retry ? await contactsByHousehold(deps, [check.householdId]) : new Map();
  const entry = retry ? await onList(deps, check) : undefined;
  const result = await storage.care.record(
    checkId,
    outcome,
    actor.id,
    (stored) =>
      retry
        ? {
            check: {
              building: stored.building,
              unit: stored.unit,
              room: stored.room,
              date: stored.date,
              householdId: stored.householdId,
              kind: stored.kind,
              attempt: stored.attempt + 1,
              method: stored.method,
              responsibleId: stored.team !== null ? null : stored.responsibleId,
              team: stored.team,
            },
            messages: (next) => {
              const facts = factsOf(entry, contactsOf(contacts, next.householdId));
              return recipients.map((r) =>
                message(r.chatId, followUpPayload(deps, r.locale, next, facts), next.id),
              );
            },
          }
        : undefined,
    // The outcome closes the volunteers' task, in the same transaction (hours from claim to now).
    async (trx, stored) => {
      if (stored.team === null) return;
      // Withdrawn when the staff went round (nobody recorded it in time): it stays withdrawn.
      const task = await storage.volunteers.taskByRef(CARE_REF, stored.id, trx);
      if (task?.status === "cancelled") return;
      await followTask(
        deps,
        { type: CARE_REF, id: stored.id },
        { status: "done", volunteerId: stored.responsibleId },
        careTask(stored),
        trx,
      );
    },
  );
  if (result.type === "unknown") return { type: "unknown" };
  if (result.type === "already") {
    const recordedBy = result.check.recordedBy;
    const by = recordedBy === null ? undefined : await storage.people.get(recordedBy);
    return {
      type: "already",
      check: result.check,
      by: personName(by, recordedBy),
      time: result.check.recordedAt ? clockTime(result.check.recordedAt, deps.config.timezone) : "",
    };
  }
  await storage.audit.log({
    actorId: actor.id,
    action: "care.outcome",
    detail: { check: checkId, outcome, attempt: check.attempt },
  });
  let escalation: number | null = null;
  if (outcome === "no_answer" && check.attempt >= MAX_ATTEMPTS) {
    escalation = await escalateChecks(deps, [result.check], "no-answer", actor.id);
  }
  if (result.followUp) deps.outbox.kick();
  if (result.followUp && toTeam) await postTeamChecks(deps, result.followUp.date);
  return {
    type: "ok",
    check: result.check,
    outcome,
    followUp: result.followUp !== null,
    followUpToTeam: result.followUp !== null && toTeam,
    escalation,
  };
}

// ============================================================ volunteers' tasks

/**
 * A team's check as a task for its volunteers. The post says the unit and
 * how (call or visit), not the room, names or phone: those go only to the
 * volunteer who claims it.
 */
function careTask(check: CareCheck): PostTaskInput {
  return {
    team: check.team,
    kind: "care",
    ref: { type: CARE_REF, id: check.id },
    titleKey: check.attempt > 1 ? "care-vt-title-retry" : "care-vt-title",
    titleArgs: {
      unit: formatUnit(check.building, check.unit),
      method: { key: `care-method-${check.method}` },
    },
    building: check.building,
    claimData: careButtons.claim.data({ id: check.id }),
  };
}

/**
 * The team's checks nobody holds yet, each posted once to the team's
 * volunteers (a post already made is not made again, so a restart between
 * the round and its posts loses nothing).
 */
async function postTeamChecks(deps: BotDeps, date: string): Promise<number> {
  let posted = 0;
  for (const check of await deps.storage.care.unclaimedTeamChecks(date)) {
    if (await deps.storage.volunteers.taskByRef(CARE_REF, check.id)) continue;
    const { created, recipients } = await postTask(deps, careTask(check));
    if (!created) continue;
    posted++;
    // Nobody in the team to tell (no volunteer has it in their profile): the staff on duty
    // get the whole task, as for a check nobody is responsible for; the claim stays open.
    if (recipients.length === 0) await sendToCoordinators(deps, check);
  }
  return posted;
}

async function sendToCoordinators(deps: BotDeps, check: CareCheck): Promise<void> {
  const entry = await onList(deps, check);
  const contacts = await contactsByHousehold(deps, [check.householdId]);
  const facts = factsOf(entry, contactsOf(contacts, check.householdId));
  const everyDays = entry?.plan.everyDays ?? 1;
  const messages = (await recipientsOf(deps, null)).map((r) =>
    message(r.chatId, taskPayload(deps, r.locale, check, facts, everyDays), check.id),
  );
  if (messages.length === 0) return;
  await deps.storage.outbox.enqueue(messages);
  deps.outbox.kick();
}

/** Who may claim a team's check: its volunteers (admins too). */
const CLAIMERS: readonly Role[] = ["volunteer"];

export type ClaimCheck =
  | { type: "ok"; check: CareCheck; payload: ReturnType<typeof taskPayload> }
  | { type: "taken"; by: string }
  | { type: "closed"; check: CareCheck }
  | { type: "denied" }
  | { type: "unknown" };

/**
 * "I'll do it" on a team's check: the first claim wins and makes the
 * volunteer responsible for it (the task is claimed in the same
 * transaction: their hours run from now until the outcome is recorded).
 * The whole task, with the residents' names and phone and the outcome
 * buttons, goes to them alone.
 */
export async function claimCheck(
  deps: BotDeps,
  checkId: number,
  actor: Actor,
  locale: string,
): Promise<ClaimCheck> {
  const { storage } = deps;
  if (!mayAct(actor.roles, CLAIMERS)) {
    await storage.audit.log({
      actorId: actor.id,
      action: "care.claim",
      outcome: "denied",
      detail: { check: checkId },
    });
    return { type: "denied" };
  }
  const result = await storage.care.claimCheck(checkId, actor.id, (trx, check) =>
    followTask(
      deps,
      { type: CARE_REF, id: check.id },
      { status: "claimed", volunteerId: actor.id },
      careTask(check),
      trx,
    ),
  );
  if (!result.ok) {
    const check = result.check;
    if (!check || check.team === null) return { type: "unknown" };
    // Their own check, pressed again (from /tasks, or the post): the check's message again.
    if (check.status === "due" && check.responsibleId === actor.id && check.escalatedAt === null)
      return { type: "ok", check, payload: await claimedPayload(deps, locale, check) };
    if (check.status === "due" && check.responsibleId !== null && check.escalatedAt === null) {
      const who = await storage.people.get(check.responsibleId);
      return { type: "taken", by: personName(who, check.responsibleId) };
    }
    return { type: "closed", check };
  }
  await storage.audit.log({ actorId: actor.id, action: "care.claim", detail: { check: checkId } });
  const check = result.check;
  return { type: "ok", check, payload: await claimedPayload(deps, locale, check) };
}

/** The message a volunteer gets for a check they hold: the door, the contacts, the buttons. */
async function claimedPayload(deps: BotDeps, locale: string, check: CareCheck) {
  const entry = await onList(deps, check);
  const contacts = await contactsByHousehold(deps, [check.householdId]);
  const facts = factsOf(entry, contactsOf(contacts, check.householdId));
  return taskPayload(deps, locale, check, facts, entry?.plan.everyDays ?? 1);
}

// ============================================================= escalations

type Why = "no-answer" | "unrecorded";

/**
 * An urgent welfare visit through the escalation ladder for a door's checks
 * (`checks[0]` says what happened). Each check is claimed once with a
 * conditional update; the item is raised after the claim and written back to
 * every check claimed. A claim whose item was never raised (the process
 * stopped in between) is raised by a later run (`recoverClaims`).
 */
async function escalateChecks(
  deps: BotDeps,
  checks: readonly CareCheck[],
  why: Why,
  raisedBy: number | null,
  alreadyClaimed = false,
): Promise<number | null> {
  const { storage, config, i18n } = deps;
  const claimed: CareCheck[] = [];
  for (const c of checks) {
    if (alreadyClaimed || (await storage.care.claimEscalation(c.id))) claimed.push(c);
  }
  const check = claimed[0];
  if (!check) return null;
  const contacts = contactsOf(
    await contactsByHousehold(deps, [check.householdId]),
    check.householdId,
  );
  const names = contacts.map((x) => x.name).filter((n): n is string => !!n);
  const address = formatAddress(check);
  const locale = config.defaultLocale;
  const raised = await raiseUrgentDetailed(deps, {
    kind: "welfare",
    summary: inEveryLanguage((l) =>
      i18n.t(l, `care-welfare-${why}`, {
        address,
        kind: i18n.t(l, `care-kind-${check.kind}`),
        time: config.care.dayEnd,
      }),
    ),
    address,
    phone: contacts.find((x) => x.phone)?.phone ?? null,
    // The resident didn't ask for this: they aren't told "your request was taken".
    personId: null,
    personLabel: names.length > 0 ? names.join(i18n.t(locale, "list-separator")) : null,
    raisedBy,
    ref: { type: "care", id: check.id },
  });
  for (const c of claimed) {
    await storage.care.setEscalation(c.id, raised.id);
    // Staff go now: a team's task still open is withdrawn, and so is one a volunteer claimed
    // but never recorded (no hours for it; they are told why, and how to add hours they did).
    if (c.team === null || c.status !== "due") continue;
    const withdrawn = await closeTask(deps, { type: CARE_REF, id: c.id }, { held: true });
    if (withdrawn?.claimedBy != null) await tellWithdrawn(deps, c, withdrawn.claimedBy);
  }
  return raised.id;
}

/** The volunteer who held a check the staff now visit: the task is withdrawn, and why. */
async function tellWithdrawn(deps: BotDeps, check: CareCheck, volunteer: number): Promise<void> {
  const locale = localeFor(deps, await deps.storage.people.get(volunteer));
  const text = deps.i18n.t(locale, "care-vt-withdrawn", {
    address: formatAddress(check),
    time: deps.config.care.dayEnd,
  });
  await deps.storage.outbox.enqueue([message(volunteer, { text }, check.id)]);
  deps.outbox.kick();
}

/** Checks left without an outcome: earlier days' always, today's once the day has ended. */
async function escalateUnrecorded(deps: BotDeps, date: string, dayEnded: boolean) {
  const open = (await deps.storage.care.dueUpTo(date, dayEnded)).filter(
    (x) => x.escalatedAt === null,
  );
  // One visit per door and day, even with a round check and a silence check both open.
  const doors = new Map<string, CareCheck[]>();
  for (const check of open) {
    const door = `${check.date}\u0000${careKey(check)}`;
    doors.set(door, [...(doors.get(door) ?? []), check]);
  }
  let raised = 0;
  for (const checks of doors.values()) {
    if ((await escalateChecks(deps, checks, "unrecorded", null)) !== null) raised++;
  }
  return raised;
}

const STALE_CLAIM_MS = 2 * 60_000;

/** Claims made more than two minutes ago whose item was never raised: raised now. */
async function recoverClaims(deps: BotDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - STALE_CLAIM_MS).toISOString();
  let raised = 0;
  for (const check of await deps.storage.care.claimedNotRaised(before)) {
    if (check.escalatedAt === null) continue;
    if (!(await deps.storage.care.reclaim(check.id, check.escalatedAt))) continue;
    const why: Why = check.status === "no_answer" ? "no-answer" : "unrecorded";
    if ((await escalateChecks(deps, [check], why, null, true)) !== null) raised++;
  }
  return raised;
}

// ==================================================================== views

export interface RoundView {
  date: string;
  checks: CareCheck[];
  /** Earlier days' checks nobody recorded (each was escalated). */
  overdue: CareCheck[];
  facts: Map<string, DoorFacts>;
  names: Map<number, string>;
  roundDone: boolean;
}

/** Today's round (and what is overdue), for the checks `mine` accepts (all when undefined). */
export async function roundView(
  deps: BotDeps,
  mine: ((check: CareCheck) => boolean) | undefined,
): Promise<RoundView> {
  const { storage } = deps;
  const { date } = today(deps);
  const keep = (x: CareCheck) => mine === undefined || mine(x);
  const checks = (await storage.care.checksOn(date)).filter(keep);
  const overdue = (await storage.care.dueUpTo(date, false)).filter(keep);
  const all = [...checks, ...overdue];
  const contacts = await contactsByHousehold(
    deps,
    all.map((x) => x.householdId),
  );
  const list = new Map((await careList(deps)).map((e) => [careKey(e), e]));
  const facts = new Map(
    all.map((x) => [
      careKey(x),
      factsOf(list.get(careKey(x)), contactsOf(contacts, x.householdId)),
    ]),
  );
  const names = new Map<number, string>();
  for (const id of all.flatMap((x) => [x.responsibleId, x.recordedBy])) {
    if (id === null || names.has(id)) continue;
    names.set(id, personName(await storage.people.get(id), id));
  }
  return {
    date,
    checks,
    overdue,
    facts,
    names,
    roundDone: await storage.care.isDone(date, "round"),
  };
}

/** A check (or list entry) is "mine" when I am responsible for it or look after its unit. */
export async function mineFilter(
  deps: BotDeps,
  personId: number,
): Promise<(x: Address & { responsibleId: number | null }) => boolean> {
  const t = await team(deps);
  return (x) => x.responsibleId === personId || t.grid.covers(personId, x.building, x.unit);
}

/** The list, each entry with who is responsible for it now (for /care list). */
export async function listView(deps: BotDeps) {
  const t = await team(deps);
  const list = await careList(deps);
  const contacts = await contactsByHousehold(
    deps,
    list.map((e) => e.householdId),
  );
  const rows = list.map((e) => ({
    entry: e,
    responsibleId: responsibleFor(t, e, e.plan),
    facts: factsOf(e, contactsOf(contacts, e.householdId)),
  }));
  const names = new Map<number, string>();
  for (const r of rows) {
    if (r.responsibleId === null || names.has(r.responsibleId)) continue;
    names.set(
      r.responsibleId,
      personName(await deps.storage.people.get(r.responsibleId), r.responsibleId),
    );
  }
  return { rows, names };
}

/** A check as another feature's task board would post it (see index.ts). */
export interface CareTask {
  ref: { type: typeof CARE_REF; id: number };
  address: string;
  method: CareCheck["method"];
  kind: CareCheck["kind"];
  attempt: number;
  /** null: nobody in particular (the coordinators got it). */
  responsibleId: number | null;
}

/**
 * Today's checks still waiting for an outcome, in walking order, as tasks: what a volunteers'
 * task board would post (claimable by the responsible volunteer or team);
 * finishing one is `recordOutcome(deps, ref.id, actor, outcome)`.
 */
export async function openCareTasks(deps: BotDeps): Promise<CareTask[]> {
  const { date } = today(deps);
  return (await deps.storage.care.checksOn(date))
    .filter((c) => c.status === "due")
    .sort(compareDoors)
    .map((c) => ({
      ref: { type: CARE_REF, id: c.id },
      address: formatAddress(c),
      method: c.method,
      kind: c.kind,
      attempt: c.attempt,
      responsibleId: c.responsibleId,
    }));
}
