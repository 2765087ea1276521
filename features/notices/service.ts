/**
 * Turning a worker's draft into a stored notice: resolve who gets which
 * version, render each resident's message in their language, and write the
 * notice, its deliveries and every outbox row in one transaction.
 */

import type { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotDeps } from "../../bot/context.js";
import { localeOf } from "../../bot/i18n.js";
import { takeLimit, tierOfPerson } from "../../bot/limits.js";
import {
  type PlannedDelivery,
  type PlanSummary,
  planNotice,
  summarize,
} from "../../domain/notice-plan.js";
import {
  matchScore,
  namedBuildings,
  parseTarget,
  type Target,
} from "../../domain/notice-target.js";
import { cleanText } from "../../domain/request-catalogue.js";
import { afterQuietHours } from "../../domain/schedule.js";
import {
  type AudienceMember,
  type NewDelivery,
  type NoticeExpansion,
  StaleExpansion,
} from "../../storage/notices.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import { type AskOutcome, askWorker } from "../grid/index.js";
import { fileRequest, noticeQuestionDraft } from "../requests/index.js";
import {
  deliveryPayload,
  pointerPayload,
  reminderPayload,
  residentButtons,
  updatePayload,
} from "./render.js";

export interface DraftVersion {
  /** The target as typed. */
  target: string;
  text: string;
  entities: MessageEntity[] | null;
}

export interface Draft {
  versions: DraftVersion[];
  urgency: "normal" | "urgent";
  /** ISO time, or null for now. */
  sendAt: string | null;
  supersedes: number | null;
}

function targetsOf(draft: { versions: DraftVersion[] }): Target[] {
  return draft.versions.map((v) => {
    const parsed = parseTarget(v.target);
    if (!parsed.ok) throw new Error(`draft holds an unparsed target: ${v.target}`);
    return parsed.target;
  });
}

/** Buildings a target names that the community doesn't have. */
export async function unknownBuildings(deps: BotDeps, target: Target): Promise<string[]> {
  const unknown: string[] = [];
  for (const b of namedBuildings(target)) {
    if (!(await deps.storage.layout.buildingExists(b))) unknown.push(b);
  }
  return unknown;
}

/** Counts for the preview, without storing anything. */
export async function previewCounts(
  deps: BotDeps,
  draft: { versions: DraftVersion[] },
): Promise<PlanSummary> {
  const audience = await deps.storage.notices.audience();
  return summarize(planNotice(targetsOf(draft), audience), draft.versions.length);
}

/** When a notice's messages may go, and in which outbox lane. */
function schedule(deps: BotDeps, draft: { urgency: Draft["urgency"]; sendAt: string | null }) {
  const { config, clock } = deps;
  const due = draft.sendAt ? new Date(draft.sendAt) : clock.now();
  // Urgent notices go now, even at night; normal ones wait for the morning.
  const notBefore =
    draft.urgency === "urgent" ? due : afterQuietHours(due, config.quietHours, config.timezone);
  // Fever alerts and escalations keep the urgent lane to themselves.
  const lane: NewOutboxMessage["lane"] = draft.urgency === "urgent" ? "normal" : "bulk";
  return { due, notBefore, lane };
}

type Message = (chatId: number, payload: Record<string, unknown>) => NewOutboxMessage;

function messageOf(lane: NewOutboxMessage["lane"], notBefore: Date): Message {
  return (chatId, payload) => ({ chatId, lane, method: "sendMessage", notBefore, payload });
}

/** Each planned recipient's delivery, with the message they get (none if they blocked the bot). */
export function deliveriesOf(
  deps: BotDeps,
  planned: readonly PlannedDelivery<AudienceMember>[],
  versions: readonly { text: string; entities: unknown[] | null }[],
  noticeId: number,
  message: Message,
): NewDelivery[] {
  // The buttons differ only by language: build them once per language, not per resident.
  const buttons = new Map<string, InlineKeyboard>();
  const buttonsFor = (locale: string) => {
    const made = buttons.get(locale) ?? residentButtons(deps, locale, noticeId);
    buttons.set(locale, made);
    return made;
  };
  return planned.map((p) => {
    const base = {
      personId: p.resident.personId,
      householdId: p.resident.householdId,
      version: p.version,
      address: p.address,
    };
    // Someone who blocked the bot is counted, not sent to: a 403 is certain.
    if (p.resident.reachability === "blocked") return { ...base, skipped: "blocked" as const };
    const v = versions[p.version] as DraftVersion;
    const buttonsOf = buttonsFor(localeOf(deps, p.resident.language));
    return {
      ...base,
      message: message(
        p.resident.personId,
        deliveryPayload(buttonsOf, p.address, v.text, v.entities as MessageEntity[] | null),
      ),
    };
  });
}

/** The short pointers to the building groups whose units get the notice. */
async function pointersOf(
  deps: BotDeps,
  units: Record<string, string[]>,
  bot: string,
  message: Message,
): Promise<NewOutboxMessage[]> {
  const groups = (await deps.storage.groups.active()).filter(
    (g) => g.kind === "building" && g.building,
  );
  return groups.flatMap((g) => {
    const inBuilding = units[g.building as string];
    return inBuilding
      ? [message(g.chatId, pointerPayload(deps, g.building as string, inBuilding, bot))]
      : [];
  });
}

/** The short update each recipient of the superseded notice gets. */
async function updatesOf(
  deps: BotDeps,
  supersedes: number | null,
  message: Message,
): Promise<NewOutboxMessage[]> {
  if (supersedes === null) return [];
  const old = await deps.storage.notices.deliveries(supersedes);
  return old
    .filter((d) => d.outboxStatus === "sent")
    .map((d) =>
      message(d.personId, updatePayload(deps, deps.config.defaultLocale, d.address, supersedes)),
    );
}

/**
 * Stores a notice with every delivery and outbox row in ONE transaction, then
 * returns. Used where the whole notice is wanted at once (tests, the
 * benchmark's "before"); the composer uses `publishNotice`, which answers first.
 */
export async function sendNotice(
  deps: BotDeps,
  draft: Draft,
  createdBy: number,
  bot: string,
): Promise<{ id: number; summary: PlanSummary }> {
  const { storage } = deps;
  const planned = planNotice(targetsOf(draft), await storage.notices.audience());
  const summary = summarize(planned, draft.versions.length);
  const { due, notBefore, lane } = schedule(deps, draft);
  const message = messageOf(lane, notBefore);
  const pointers = await pointersOf(deps, summary.units, bot, message);
  const updates = await updatesOf(deps, draft.supersedes, message);

  const id = await storage.notices.create({
    createdBy,
    urgency: draft.urgency,
    sendAt: due,
    versions: draft.versions,
    deliveries: (noticeId) => deliveriesOf(deps, planned, draft.versions, noticeId, message),
    pointers,
    supersedes: draft.supersedes ?? undefined,
    updates,
  });
  deps.outbox.kick();
  return { id, summary };
}

/**
 * "Send it": the notice is stored with its versions and a row saying it is
 * to be expanded, in one small transaction, and audited; then the caller
 * announces it. Its deliveries and outbox rows are written afterwards, in
 * chunks (`expandNotices`, started in the background here and resumed by a
 * job after a restart). `expected` is the recipient count the preview showed.
 */
export async function publishNotice(
  deps: BotDeps,
  draft: Draft,
  sender: number,
  bot: string,
  expected: number,
): Promise<{ id: number; recipients: number }> {
  const { due, notBefore, lane } = schedule(deps, draft);
  const id = await deps.storage.notices.createPending({
    createdBy: sender,
    urgency: draft.urgency,
    sendAt: due,
    versions: draft.versions,
    supersedes: draft.supersedes ?? undefined,
    expected,
    lane,
    notBefore,
    bot,
  });
  await deps.storage.audit.log({
    actorId: sender,
    action: "notice.send",
    detail: {
      notice: id,
      targets: draft.versions.map((v) => v.target),
      urgency: draft.urgency,
      sendAt: draft.sendAt,
      recipients: expected,
      supersedes: draft.supersedes,
    },
  });
  deps.background.run("notice expansion", () => expandNotices(deps));
  return { id, recipients: expected };
}

/** Residents written per transaction when a notice is expanded. */
export const EXPAND_CHUNK = 1000;

/** Expansions running, per database: one at a time; a call meanwhile asks for another pass. */
const expanding = new WeakMap<object, { again: boolean }>();

/**
 * Writes the deliveries of every notice still "to be expanded", a chunk of
 * residents (in person id order) per transaction, each moving the notice's
 * cursor in the same transaction: a crash loses at most the chunk being
 * written, which is written again after the restart; nobody is written
 * twice. The last step writes the group pointers and the superseded
 * notice's updates. Returns the chunks written. `maxChunks` stops early (tests).
 */
export async function expandNotices(
  deps: BotDeps,
  options: { chunk?: number; maxChunks?: number } = {},
): Promise<number> {
  const { storage } = deps;
  const state = expanding.get(storage);
  if (state) {
    state.again = true;
    return 0;
  }
  const me = { again: true };
  expanding.set(storage, me);
  const run = { chunks: 0, max: options.maxChunks ?? Number.POSITIVE_INFINITY };
  try {
    while (me.again && run.chunks < run.max) {
      me.again = false;
      for (const e of await storage.notices.pendingExpansions()) {
        await expandOne(deps, e, options.chunk ?? EXPAND_CHUNK, run);
        if (run.chunks >= run.max) break;
      }
    }
  } finally {
    expanding.delete(storage);
  }
  return run.chunks;
}

async function expandOne(
  deps: BotDeps,
  e: NoticeExpansion,
  chunk: number,
  run: { chunks: number; max: number },
): Promise<void> {
  const { storage } = deps;
  const notice = await storage.notices.get(e.noticeId);
  const versions = await storage.notices.versions(e.noticeId);
  if (!notice || versions.length === 0) return;
  const targets = targetsOf({ versions: versions.map((v) => ({ ...v, entities: null })) });
  const message = messageOf(e.lane as NewOutboxMessage["lane"], e.notBefore);
  let cursor = e.cursor;
  try {
    for (;;) {
      const page = await storage.notices.audience({ after: cursor, limit: chunk });
      if (page.length === 0) break;
      if (run.chunks >= run.max) return;
      const next = (page[page.length - 1] as AudienceMember).personId;
      const planned = planNotice(targets, page);
      const deliveries = deliveriesOf(deps, planned, versions, e.noticeId, message);
      await storage.notices.expandChunk(e.noticeId, cursor, next, deliveries);
      run.chunks++;
      cursor = next;
      deps.outbox.kick();
      // Let replies and updates in between the chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const units = await storage.notices.deliveredUnits(e.noticeId);
    const pointers = await pointersOf(deps, units, e.bot, message);
    const updates = await updatesOf(deps, notice.supersedes, message);
    await storage.notices.finishExpansion(e.noticeId, pointers, updates);
    deps.outbox.kick();
  } catch (error) {
    // Another run got there first: what it wrote stands.
    if (error instanceof StaleExpansion) return;
    throw error;
  }
}

/** "Got it": only the recipient's own press counts; a second press changes nothing. */
export function confirmNotice(deps: BotDeps, noticeId: number, personId: number) {
  return deps.storage.notices.confirm(noticeId, personId);
}

/** The message that shows a notice's live report (the report job edits it). */
export async function keepReport(
  deps: BotDeps,
  noticeId: number,
  chatId: number,
  messageId: number,
) {
  await deps.storage.notices.setReportMessage(noticeId, chatId, messageId);
}

export type NoticeQuestionFiled =
  | { type: "worker"; asked: AskOutcome }
  | { type: "request"; number: string }
  | { type: "limited" };

/**
 * A resident's question about a notice: kept on their delivery (the report
 * counts questions) and sent to their grid worker first, privately; a
 * resident whose unit has no worker gets a policy-question request linked to
 * the notice instead, so someone answers it.
 */
export async function askAboutNotice(
  deps: BotDeps,
  noticeId: number,
  personId: number,
  text: string,
): Promise<NoticeQuestionFiled> {
  // Counted against the person's limit on questions; over it, nothing is kept, sent or filed.
  const taken = await takeLimit(deps, "question", personId, await tierOfPerson(deps, personId));
  if (!taken.allowed) return { type: "limited" };
  await deps.storage.notices.setQuestion(noticeId, personId, text.trim());
  // Passed on as the resident wrote it.
  const asked = await askWorker(deps, personId, text.trim(), noticeId);
  if (asked.type === "sent") return { type: "worker", asked };
  const draft = noticeQuestionDraft(noticeId, cleanText(text));
  return { type: "request", number: (await fileRequest(deps, personId, draft)).number };
}

export type ReminderOutcome = { sent: number } | { refused: "nobody" | "already" };

/**
 * The report's Remind: once per notice, to those who received it and haven't
 * confirmed, each in their language, as a reply to the notice they got.
 */
export async function remindUnconfirmed(
  deps: BotDeps,
  noticeId: number,
  by: number,
): Promise<ReminderOutcome> {
  const { storage } = deps;
  const waiting = (await storage.notices.deliveries(noticeId)).filter(
    (d) => d.outboxStatus === "sent" && !d.confirmedAt,
  );
  if (waiting.length === 0) return { refused: "nobody" };
  if (!(await storage.notices.claimReminder(noticeId))) return { refused: "already" };
  await storage.outbox.enqueue(
    waiting.map((d) => ({
      chatId: d.personId,
      lane: "bulk" as const,
      method: "sendMessage" as const,
      payload: reminderPayload(deps, localeOf(deps, d.language), noticeId, d.address, d.messageId),
      ref: { type: "notice-reminder", id: noticeId },
    })),
  );
  deps.outbox.kick();
  await storage.audit.log({
    actorId: by,
    action: "notice.remind",
    detail: { notice: noticeId, count: waiting.length },
  });
  return { sent: waiting.length };
}

/** The report's CSV was downloaded (it holds phone numbers): audited. */
export async function recordCsvDownload(deps: BotDeps, noticeId: number, by: number) {
  await deps.storage.audit.log({ actorId: by, action: "notice.csv", detail: { notice: noticeId } });
}

/**
 * /tag and /untag: a free tag (such as `sealed`) put on or taken off every
 * household the target matches. Returns how many changed and matched.
 */
export async function tagHouseholds(
  deps: BotDeps,
  command: "tag" | "untag",
  tag: string,
  target: { parsed: Target; text: string },
  by: number,
): Promise<{ changed: number; matched: number }> {
  const { storage } = deps;
  const households = [
    ...new Set(
      (await storage.notices.audience())
        .filter((m) => matchScore(target.parsed, m) >= 0)
        .map((m) => m.householdId),
    ),
  ];
  const changed =
    command === "tag"
      ? await storage.notices.tag(households, tag, by)
      : await storage.notices.untag(households, tag);
  await storage.audit.log({
    actorId: by,
    action: `household.${command}`,
    detail: { tag, target: target.text, changed },
  });
  return { changed, matched: households.length };
}
