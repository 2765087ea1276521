/**
 * The record of urgent items for staff: the latest items with their status,
 * and one item's timeline (created, paged whom and when with the message
 * ids, can't-take-its, who took it and how long that took).
 */
import type { BotDeps } from "../../bot/context.js";
import { clockSeconds, dateTime, personName } from "../../bot/format.js";
import type { Escalation, PageView } from "../../storage/escalations.js";
import { duration, itemFacts, kindName } from "./render.js";
import { summaryIn } from "./summary.js";

async function nameById(deps: BotDeps, id: number | null): Promise<string> {
  if (id === null) return "?";
  return personName(await deps.storage.people.get(id), id);
}

function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

export async function statusText(deps: BotDeps, locale: string, esc: Escalation): Promise<string> {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  if (esc.acknowledgedBy !== null && esc.acknowledgedAt !== null) {
    return t("esc-status-acknowledged", {
      name: await nameById(deps, esc.acknowledgedBy),
      after: duration(deps, locale, secondsBetween(esc.createdAt, esc.acknowledgedAt)),
    });
  }
  if (esc.status === "unacknowledged") return t("esc-status-unacknowledged");
  return t("esc-status-open", { step: esc.step });
}

/** The latest items, newest first. */
export async function listText(deps: BotDeps, locale: string, limit = 15): Promise<string> {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  const items = await deps.storage.escalations.recent(limit);
  if (items.length === 0) return t("esc-list-none");
  const lines = [t("esc-list-title")];
  for (const esc of items) {
    lines.push(
      t("esc-list-line", {
        id: String(esc.id),
        time: dateTime(new Date(esc.createdAt), deps.config.timezone).slice(5), // 11-23 09:00
        kind: kindName(deps, locale, esc.kind),
        address: esc.address ?? esc.personLabel ?? "",
        status: await statusText(deps, locale, esc),
      }),
    );
  }
  return lines.join("\n");
}

async function pageLine(deps: BotDeps, locale: string, page: PageView): Promise<string> {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  const to =
    page.personId === null
      ? t("esc-tl-group", { chat: String(page.chatId) })
      : await nameById(deps, page.personId);
  const state = page.outboxStatus ?? "pending";
  let status =
    state === "sent"
      ? t("esc-tl-page-sent", {
          time: clockSeconds(page.sentAt ?? page.pagedAt, deps.config.timezone),
          message: String(page.messageId ?? "?"),
        })
      : state === "failed" || state === "dead"
        ? t(`esc-tl-page-${state}`, { reason: page.lastError ?? state })
        : t(`esc-tl-page-${state}`);
  if (page.editOutboxId !== null) status += t("esc-tl-page-edited");
  return t("esc-tl-page", { to, status });
}

/** One item's whole story, or undefined if there is no such item. */
export async function timelineText(
  deps: BotDeps,
  locale: string,
  id: number,
): Promise<string | undefined> {
  const { storage } = deps;
  const esc = await storage.escalations.get(id);
  if (!esc) return undefined;
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  const pages = await storage.escalations.pages(id);
  const events = await storage.escalations.timeline(id);
  const lines = [
    t("esc-tl-title", { id: String(esc.id), kind: kindName(deps, locale, esc.kind) }),
    ...itemFacts(t, locale, esc),
    await statusText(deps, locale, esc),
    "",
  ];
  for (const e of events) {
    const time = clockSeconds(e.at, deps.config.timezone);
    const detail = e.detail ?? {};
    switch (e.type) {
      case "created":
        lines.push(t("esc-tl-created", { time, name: await nameById(deps, e.actorId) }));
        break;
      case "step": {
        const step = Number(detail.step);
        const round = Number(detail.round);
        lines.push(t("esc-tl-step", { time, step, round, count: Number(detail.paged) }));
        for (const p of pages.filter((p) => p.step === step && p.round === round)) {
          lines.push(await pageLine(deps, locale, p));
        }
        break;
      }
      case "nobody":
        lines.push(t("esc-tl-nobody", { time, step: Number(detail.step) }));
        break;
      case "declined":
        lines.push(t("esc-tl-declined", { time, name: await nameById(deps, e.actorId) }));
        break;
      case "acknowledged":
        lines.push(
          t("esc-tl-acknowledged", {
            time,
            name: await nameById(deps, e.actorId),
            after: duration(deps, locale, secondsBetween(esc.createdAt, e.at)),
          }),
        );
        break;
      case "cancelled":
        lines.push(t("esc-tl-cancelled", { time, count: Number(detail.pages) }));
        break;
      case "gave-up":
        lines.push(t("esc-tl-gave-up", { time }));
        break;
      case "again":
        lines.push(t("esc-tl-again", { time, line: summaryIn(String(detail.line ?? ""), locale) }));
        break;
    }
  }
  return lines.join("\n");
}
