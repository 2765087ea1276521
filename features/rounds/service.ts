/**
 * The use cases of medicine rounds: opening and announcing a round, a
 * resident's list (or, when the round is missed, an urgent medicine request
 * through the requests feature), every step of the staff's work with the
 * resident told at each, and the round's overview, work list and CSV.
 * Handlers and conversations call these; nothing else changes a round.
 */
import type { BotDeps } from "../../bot/context.js";
import { personName } from "../../bot/format.js";
import { localeFor, localeOf } from "../../bot/i18n.js";
import { formatAddress } from "../../domain/address.js";
import {
  inProgress,
  type MedicineLine,
  type Payment,
  type RoundNeed,
  roundAccepting,
  SUBMISSION_ACTION_FROM,
  type SubmissionStatus,
  type UnavailableReason,
} from "../../domain/medicine-round.js";
import {
  matchScore,
  namedBuildings,
  parseTarget,
  type Target,
} from "../../domain/notice-target.js";
import { afterQuietHours } from "../../domain/schedule.js";
import type { AudienceMember } from "../../storage/notices.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import type { Round, Submission, SubmissionLine } from "../../storage/rounds.js";
import { fileRequest } from "../requests/index.js";
import {
  announcementPayload,
  PAGE_SIZE,
  type Resident,
  type RoundFigures,
  roundCsv,
  roundFigures,
  stepPayload,
} from "./render.js";

// ================================================================ opening

export interface RoundDraft {
  pharmacy: string;
  /** ISO time: lists are collected then, and taken until then. */
  collectAt: string;
  needs: RoundNeed[];
  note: string | null;
  /** Who it is for, as typed (notice target rules). */
  target: string;
}

function targetOf(raw: string): Target {
  const parsed = parseTarget(raw);
  if (!parsed.ok) throw new Error(`round holds an unparsed target: ${raw}`);
  return parsed.target;
}

/** The registered residents a target names. */
async function audience(deps: BotDeps, target: Target): Promise<AudienceMember[]> {
  return (await deps.storage.notices.audience()).filter((m) => matchScore(target, m) >= 0);
}

/** Buildings a target names that the community doesn't have. */
export async function unknownBuildings(deps: BotDeps, target: Target): Promise<string[]> {
  const unknown: string[] = [];
  for (const b of namedBuildings(target)) {
    if (!(await deps.storage.layout.buildingExists(b))) unknown.push(b);
  }
  return unknown;
}

/** How many residents a round for this target reaches, for the preview. */
export async function previewRound(
  deps: BotDeps,
  target: string,
): Promise<{ recipients: number; reachable: number; sampleAddress: string | null }> {
  const members = await audience(deps, targetOf(target));
  return {
    recipients: members.length,
    reachable: members.filter((m) => m.reachability === "reachable").length,
    sampleAddress: members[0] ? formatAddress(members[0]) : null,
  };
}

/**
 * Opens a round and announces it privately to each resident it is for,
 * through the outbox (bulk lane, after quiet hours), in one transaction.
 * Residents known to have blocked the bot are not sent to.
 */
export async function openRound(
  deps: BotDeps,
  draft: RoundDraft,
  by: number,
): Promise<{ round: Round; recipients: number }> {
  const { storage, config, clock } = deps;
  const members = (await audience(deps, targetOf(draft.target))).filter(
    (m) => m.reachability !== "blocked",
  );
  const notBefore = afterQuietHours(clock.now(), config.quietHours, config.timezone);
  const round = await storage.rounds.create(
    {
      openedBy: by,
      pharmacy: draft.pharmacy,
      collectAt: new Date(draft.collectAt),
      needs: draft.needs,
      note: draft.note,
      target: draft.target,
    },
    (id) =>
      members.map(
        (m): NewOutboxMessage => ({
          chatId: m.personId,
          lane: "bulk",
          method: "sendMessage",
          notBefore,
          payload: announcementPayload(
            deps,
            localeOf(deps, m.language),
            { ...draft, id },
            formatAddress(m),
          ),
        }),
      ),
  );
  deps.outbox.kick();
  await storage.audit.log({
    actorId: by,
    action: "round.open",
    detail: { round: round.id, target: draft.target, recipients: round.recipients },
  });
  return { round, recipients: round.recipients };
}

// ============================================================ residents

export type Entry =
  | { kind: "ok"; round: Round; householdId: number; address: string }
  | { kind: "already"; round: Round; submission: Submission }
  | { kind: "closed"; round: Round }
  | { kind: "not-for-you"; round: Round }
  | { kind: "not-registered" }
  | { kind: "unknown" };

/** Whether this person may send their household's list to this round now, and if not why. */
export async function roundEntry(deps: BotDeps, roundId: number, personId: number): Promise<Entry> {
  const { storage } = deps;
  const round = await storage.rounds.get(roundId);
  if (!round) return { kind: "unknown" };
  const member = (await storage.notices.audience()).find((m) => m.personId === personId);
  if (!member) return { kind: "not-registered" };
  if (matchScore(targetOf(round.target), member) < 0) return { kind: "not-for-you", round };
  const mine = await storage.rounds.ofHousehold(roundId, member.householdId);
  if (mine) return { kind: "already", round, submission: mine };
  if (!roundAccepting(round, deps.clock.now())) return { kind: "closed", round };
  return { kind: "ok", round, householdId: member.householdId, address: formatAddress(member) };
}

/** Rounds this person's household may send a list to now. */
export async function roundsFor(deps: BotDeps, personId: number): Promise<Round[]> {
  const open: Round[] = [];
  for (const round of await deps.storage.rounds.unfinished()) {
    const entry = await roundEntry(deps, round.id, personId);
    if (entry.kind === "ok" || entry.kind === "already") open.push(round);
  }
  return open;
}

export interface ListDraft {
  items: MedicineLine[];
  photos: string[];
  payment: Payment;
}

export type SubmitOutcome =
  | { ok: true; submission: Submission; round: Round }
  | { ok: false; entry: Exclude<Entry, { kind: "ok" }> };

/** A resident's list: checked again (the round may have closed meanwhile), then numbered. */
export async function submitList(
  deps: BotDeps,
  roundId: number,
  personId: number,
  draft: ListDraft,
): Promise<SubmitOutcome> {
  const entry = await roundEntry(deps, roundId, personId);
  if (entry.kind !== "ok") return { ok: false, entry };
  const result = await deps.storage.rounds.submit({
    roundId,
    householdId: entry.householdId,
    personId,
    address: entry.address,
    payment: draft.payment,
    photos: draft.photos,
    items: draft.items,
  });
  if (!result.ok) {
    return {
      ok: false,
      entry:
        result.reason === "already"
          ? { kind: "already", round: entry.round, submission: result.submission }
          : { kind: "closed", round: entry.round },
    };
  }
  await deps.storage.audit.log({
    actorId: personId,
    action: "round.submit",
    detail: { round: roundId, number: result.submission.number },
  });
  return { ok: true, submission: result.submission, round: entry.round };
}

/**
 * Missed the round but can't wait (chronic medicine must not stop): an
 * urgent medicine request, filed through the requests feature, so it goes
 * to the coordinators and up the escalation ladder like any urgent request.
 */
export async function fileUrgentMedicine(
  deps: BotDeps,
  personId: number,
  items: readonly MedicineLine[],
  photos: readonly string[],
): Promise<{ number: string; id: number }> {
  const lines = items.map((i) => `${i.name} × ${i.amount}`);
  const quantity = items.map((i) => i.amount).join(" / ");
  const request = await fileRequest(deps, personId, {
    subject: { kind: "self" },
    category: "medicine",
    details: {
      medicine: lines.join("\n"),
      quantity: quantity.length > 100 ? `${quantity.slice(0, 99)}…` : quantity,
      by_when: "today",
    },
    photos: [...photos],
    urgency: "now",
    noticeId: null,
  });
  return { number: request.number, id: request.id };
}

export type UrgentOutcome =
  | { ok: true; number: string }
  | { ok: false; reason: "unknown" | "not-yours" | "nothing" | "already" };

/**
 * What couldn't be bought in the round, turned into an urgent medicine
 * request by the resident's own press (once per list; a household member
 * may press it too).
 */
export async function urgentForUnavailable(
  deps: BotDeps,
  submissionId: number,
  personId: number,
): Promise<UrgentOutcome> {
  const { storage } = deps;
  const s = await storage.rounds.submission(submissionId);
  if (!s) return { ok: false, reason: "unknown" };
  const mine = await storage.households.ofPerson(personId);
  if (mine?.household.id !== s.householdId) return { ok: false, reason: "not-yours" };
  const missing = s.items.filter((i) => i.status === "unavailable");
  if (missing.length === 0) return { ok: false, reason: "nothing" };
  if (!(await storage.rounds.claimUrgent(submissionId))) return { ok: false, reason: "already" };
  try {
    const filed = await fileUrgentMedicine(deps, personId, missing, s.photos);
    await storage.rounds.setRequest(submissionId, filed.id);
    return { ok: true, number: filed.number };
  } catch (error) {
    await storage.rounds.setRequest(submissionId, null);
    throw error;
  }
}

// ================================================================ staff

export type StaffRefusal = "unknown" | "not-handler";

/** A list and its round, if this person handles the round. */
async function handled(
  deps: BotDeps,
  submissionId: number,
  by: number,
): Promise<{ submission: Submission; round: Round } | { refused: StaffRefusal }> {
  const submission = await deps.storage.rounds.submission(submissionId);
  const round = submission && (await deps.storage.rounds.get(submission.roundId));
  if (!submission || !round) return { refused: "unknown" };
  if (!(await deps.storage.rounds.isHandler(round.id, by))) return { refused: "not-handler" };
  return { submission, round };
}

/** May this person see this round's lists (they handle it)? */
export async function handles(deps: BotDeps, roundId: number, by: number): Promise<boolean> {
  return deps.storage.rounds.isHandler(roundId, by);
}

/** The resident's name and phone, for the sheet (the staff handling the round only). */
export async function residentOf(deps: BotDeps, personId: number): Promise<Resident> {
  const p = await deps.storage.people.get(personId);
  return { name: personName(p, personId), phone: p?.phone ?? null };
}

/** A list, for its sheet; only to the staff handling its round. */
export async function sheet(
  deps: BotDeps,
  submissionId: number,
  by: number,
): Promise<{ submission: Submission; resident: Resident } | { refused: StaffRefusal }> {
  const found = await handled(deps, submissionId, by);
  if ("refused" in found) return found;
  return {
    submission: found.submission,
    resident: await residentOf(deps, found.submission.personId),
  };
}

export type StepOutcome =
  | { ok: true; submission: Submission; resident: Resident }
  | { ok: false; reason: StaffRefusal | "state" | "item"; submission?: Submission };

/** The message telling the resident where their list is now (normal lane, after quiet hours). */
function tellResident(
  deps: BotDeps,
  locale: string,
  pharmacy: string,
): (s: Submission) => NewOutboxMessage[] {
  const { config, clock } = deps;
  const notBefore = afterQuietHours(clock.now(), config.quietHours, config.timezone);
  return (s) => [
    {
      chatId: s.personId,
      lane: "normal",
      method: "sendMessage",
      notBefore,
      payload: stepPayload(deps, locale, s, pharmacy),
    },
  ];
}

async function residentLocale(deps: BotDeps, personId: number): Promise<string> {
  return localeFor(deps, await deps.storage.people.get(personId));
}

/** Collected, delivered or settled: one step of a list, the first press wins. */
export async function advanceList(
  deps: BotDeps,
  submissionId: number,
  action: "collect" | "deliver" | "settle",
  by: number,
  amountFen?: number,
): Promise<StepOutcome> {
  const found = await handled(deps, submissionId, by);
  if ("refused" in found) return { ok: false, reason: found.refused };
  const { submission, round } = found;
  const to: Record<typeof action, SubmissionStatus> = {
    collect: "collected",
    deliver: "delivered",
    settle: "settled",
  };
  const locale = await residentLocale(deps, submission.personId);
  const result = await deps.storage.rounds.step(
    submissionId,
    SUBMISSION_ACTION_FROM[action],
    to[action],
    by,
    tellResident(deps, locale, round.pharmacy),
    amountFen,
  );
  if (!result.ok) return { ok: false, reason: "state", submission: result.submission };
  deps.outbox.kick();
  await deps.storage.audit.log({
    actorId: by,
    action: `round.${action}`,
    detail: {
      round: round.id,
      number: submission.number,
      ...(amountFen === undefined ? {} : { fen: amountFen }),
    },
  });
  return {
    ok: true,
    submission: result.submission,
    resident: await residentOf(deps, submission.personId),
  };
}

/** One medicine bought, or not available with a reason; the last one moves the list on. */
export async function resolveMedicine(
  deps: BotDeps,
  submissionId: number,
  position: number,
  outcome: { bought: true } | { bought: false; reason: UnavailableReason },
  by: number,
): Promise<StepOutcome> {
  const found = await handled(deps, submissionId, by);
  if ("refused" in found) return { ok: false, reason: found.refused };
  const { submission, round } = found;
  const locale = await residentLocale(deps, submission.personId);
  const result = await deps.storage.rounds.resolveItem(
    submissionId,
    position,
    outcome.bought ? "bought" : "unavailable",
    outcome.bought ? null : outcome.reason,
    by,
    tellResident(deps, locale, round.pharmacy),
  );
  if (!result.ok) return { ok: false, reason: result.reason, submission: result.submission };
  if (result.moved) deps.outbox.kick();
  await deps.storage.audit.log({
    actorId: by,
    action: outcome.bought ? "round.bought" : "round.unavailable",
    detail: { round: round.id, number: submission.number, item: position },
  });
  return {
    ok: true,
    submission: result.submission,
    resident: await residentOf(deps, submission.personId),
  };
}

/** The list's photos (file_ids), for the staff handling the round only. */
export async function listPhotos(
  deps: BotDeps,
  submissionId: number,
  by: number,
): Promise<{ submission: Submission } | { refused: StaffRefusal }> {
  const found = await handled(deps, submissionId, by);
  if ("refused" in found) return found;
  await deps.storage.audit.log({
    actorId: by,
    action: "round.photos",
    detail: { round: found.round.id, number: found.submission.number },
  });
  return { submission: found.submission };
}

export interface Overview {
  round: Round;
  figures: RoundFigures;
  accepting: boolean;
}

/** Every round not finished, with the counts per state (no names: any staff may see it). */
export async function overview(deps: BotDeps): Promise<Overview[]> {
  const { storage, clock } = deps;
  const rounds = await storage.rounds.unfinished();
  const states = await storage.rounds.states(rounds.map((r) => r.id));
  const now = clock.now();
  const result: Overview[] = [];
  for (const round of rounds) {
    const handlers = (await storage.rounds.handlers(round.id)).length;
    result.push({
      round,
      figures: roundFigures(
        states.filter((s) => s.roundId === round.id),
        handlers,
      ),
      accepting: roundAccepting(round, now),
    });
  }
  return result;
}

export async function roundOverview(deps: BotDeps, roundId: number): Promise<Overview | undefined> {
  return (await overview(deps)).find((o) => o.round.id === roundId);
}

export type RoundRefusal = "unknown" | "not-handler";

export type WorkList =
  | { round: Round; lines: SubmissionLine[]; page: number; total: number }
  | { refused: RoundRefusal };

/** One page of a round's work list (the staff handling it). */
export async function workList(
  deps: BotDeps,
  roundId: number,
  page: number,
  by: number,
): Promise<WorkList> {
  const { storage } = deps;
  const round = await storage.rounds.get(roundId);
  if (!round) return { refused: "unknown" };
  if (!(await storage.rounds.isHandler(roundId, by))) return { refused: "not-handler" };
  const total = round.numbers;
  const last = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  const at = Math.min(Math.max(0, page), last);
  const lines = await storage.rounds.page(roundId, at * PAGE_SIZE, PAGE_SIZE);
  return { round, lines, page: at, total };
}

/** The round's CSV (names and phones: the staff handling it only), audited. */
export async function exportRound(
  deps: BotDeps,
  roundId: number,
  locale: string,
  by: number,
): Promise<{ csv: string } | { refused: RoundRefusal }> {
  const { storage } = deps;
  const round = await storage.rounds.get(roundId);
  if (!round) return { refused: "unknown" };
  if (!(await storage.rounds.isHandler(roundId, by))) return { refused: "not-handler" };
  const lists = await storage.rounds.all(roundId);
  const people = new Map<number, Resident>();
  for (const s of lists) people.set(s.personId, await residentOf(deps, s.personId));
  await storage.audit.log({ actorId: by, action: "round.csv", detail: { round: roundId } });
  return { csv: roundCsv(deps, locale, lists, people) };
}

/** Joins the staff handling a round (then they see its lists), audited. */
export async function joinRound(
  deps: BotDeps,
  roundId: number,
  by: number,
): Promise<"joined" | "already" | "unknown"> {
  const round = await deps.storage.rounds.get(roundId);
  if (!round || round.status === "finished") return "unknown";
  if (!(await deps.storage.rounds.join(roundId, by))) return "already";
  await deps.storage.audit.log({ actorId: by, action: "round.join", detail: { round: roundId } });
  return "joined";
}

/** No more lists: the work goes on. */
export async function stopRound(
  deps: BotDeps,
  roundId: number,
  by: number,
): Promise<"stopped" | "already" | "unknown"> {
  const round = await deps.storage.rounds.get(roundId);
  if (!round || round.status === "finished") return "unknown";
  if (!(await deps.storage.rounds.close(roundId))) return "already";
  await deps.storage.audit.log({ actorId: by, action: "round.stop", detail: { round: roundId } });
  return "stopped";
}

/** Takes a round off /rounds once no list is still being worked on. */
export async function finishRound(
  deps: BotDeps,
  roundId: number,
  by: number,
): Promise<{ ok: true } | { ok: false; reason: "unknown" | "in-progress"; count?: number }> {
  const found = await roundOverview(deps, roundId);
  if (!found) return { ok: false, reason: "unknown" };
  const left = inProgress(found.figures.counts);
  if (left > 0) return { ok: false, reason: "in-progress", count: left };
  if (!(await deps.storage.rounds.finish(roundId))) return { ok: false, reason: "unknown" };
  await deps.storage.audit.log({
    actorId: by,
    action: "round.finish",
    detail: { round: roundId, lists: found.figures.lists, fen: found.figures.settledFen },
  });
  return { ok: true };
}
