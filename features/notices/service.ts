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
import { type PlanSummary, planNotice, summarize } from "../../domain/notice-plan.js";
import {
  matchScore,
  namedBuildings,
  parseTarget,
  type Target,
} from "../../domain/notice-target.js";
import { cleanText } from "../../domain/request-catalogue.js";
import { afterQuietHours } from "../../domain/schedule.js";
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

export async function sendNotice(
  deps: BotDeps,
  draft: Draft,
  createdBy: number,
  bot: string,
): Promise<{ id: number; summary: PlanSummary }> {
  const { storage, config, clock } = deps;
  const planned = planNotice(targetsOf(draft), await storage.notices.audience());
  const summary = summarize(planned, draft.versions.length);
  const due = draft.sendAt ? new Date(draft.sendAt) : clock.now();
  // Urgent notices go now, even at night; normal ones wait for the morning.
  const notBefore =
    draft.urgency === "urgent" ? due : afterQuietHours(due, config.quietHours, config.timezone);
  // Fever alerts and escalations keep the urgent lane to themselves.
  const lane = draft.urgency === "urgent" ? "normal" : "bulk";
  const message = (chatId: number, payload: Record<string, unknown>): NewOutboxMessage => ({
    chatId,
    lane,
    method: "sendMessage",
    notBefore,
    payload,
  });

  const groups = (await storage.groups.active()).filter((g) => g.kind === "building" && g.building);
  const pointers = groups.flatMap((g) => {
    const units = summary.units[g.building as string];
    return units ? [message(g.chatId, pointerPayload(deps, g.building as string, units, bot))] : [];
  });
  const old = draft.supersedes === null ? [] : await storage.notices.deliveries(draft.supersedes);
  const updates = old
    .filter((d) => d.outboxStatus === "sent")
    .map((d) =>
      message(
        d.personId,
        updatePayload(deps, config.defaultLocale, d.address, draft.supersedes as number),
      ),
    );

  const id = await storage.notices.create({
    createdBy,
    urgency: draft.urgency,
    sendAt: due,
    versions: draft.versions,
    deliveries: (noticeId) => {
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
        const v = draft.versions[p.version] as DraftVersion;
        const buttonsOf = buttonsFor(localeOf(deps, p.resident.language));
        return {
          ...base,
          message: message(
            p.resident.personId,
            deliveryPayload(buttonsOf, p.address, v.text, v.entities),
          ),
        };
      });
    },
    pointers,
    supersedes: draft.supersedes ?? undefined,
    updates,
  });
  deps.outbox.kick();
  return { id, summary };
}

/** Sends (or schedules) a worker's notice, audited with its targets and counts. */
export async function publishNotice(
  deps: BotDeps,
  draft: Draft,
  sender: number,
  bot: string,
): Promise<{ id: number; recipients: number }> {
  const result = await sendNotice(deps, draft, sender, bot);
  await deps.storage.audit.log({
    actorId: sender,
    action: "notice.send",
    detail: {
      notice: result.id,
      targets: draft.versions.map((v) => v.target),
      urgency: draft.urgency,
      sendAt: draft.sendAt,
      recipients: result.summary.recipients,
      supersedes: draft.supersedes,
    },
  });
  return { id: result.id, recipients: result.summary.recipients };
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
