/**
 * Turning a worker's draft into a stored notice: resolve who gets which
 * version, render each resident's message in their language, and write the
 * notice, its deliveries and every outbox row in one transaction.
 */

import type { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotDeps } from "../../bot/context.js";
import { localeOf } from "../../bot/i18n.js";
import { type PlanSummary, planNotice, summarize } from "../../domain/notice-plan.js";
import { namedBuildings, parseTarget, type Target } from "../../domain/notice-target.js";
import { afterQuietHours } from "../../domain/schedule.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import { deliveryPayload, pointerPayload, residentButtons, updatePayload } from "./render.js";

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
