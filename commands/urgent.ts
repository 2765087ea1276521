/**
 * The one door for urgent items: a fever from the check-in, a request marked
 * urgent, an SOS, an admin's /page. Features call `raiseUrgent`; what happens
 * next (paging coordinators) lives behind it.
 *
 * Until the escalation ladder exists, an urgent item goes at once to every
 * coordinator (and admin) through the outbox's urgent lane.
 */
import type { BotDeps } from "../bot/context.js";
import { localeOf } from "./notices/render.js";

export type UrgentKind = "fever" | "request" | "sos" | "page";

export interface UrgentItem {
  kind: UrgentKind;
  /** One line saying what is happening, already in words (a symptom list, a request summary...). */
  summary: string;
  /** The household's unit tag, e.g. 3-2-501, if known. */
  address?: string | null;
  phone?: string | null;
  /** The resident concerned, if known. */
  personId?: number | null;
  /** Who raised it (a resident, or a staff member on their behalf). */
  raisedBy?: number | null;
  /** What caused it, to find it again (e.g. { type: "checkin", id: 12 }). */
  ref?: { type: string; id: number | string };
}

/** Pages the people who must know. Returns how many were paged. */
export async function raiseUrgent(deps: BotDeps, item: UrgentItem): Promise<number> {
  const { storage, i18n } = deps;
  const holders = await storage.roles.holders();
  const ids = new Set<number>([
    ...holders
      .filter((h) => h.role === "coordinator" || h.role === "admin")
      .map((h) => h.person_id),
    ...deps.config.adminIds,
  ]);
  const rows = [];
  for (const id of ids) {
    const person = await storage.people.get(id);
    const locale = localeOf(deps, person?.language ?? person?.telegram_language);
    const text = i18n.t(locale, "urgent-page", {
      kind: i18n.t(locale, `urgent-kind-${item.kind}`),
      address: item.address ?? i18n.t(locale, "urgent-no-address"),
      summary: item.summary,
      phone: item.phone ?? i18n.t(locale, "urgent-no-phone"),
    });
    rows.push({
      chatId: id,
      lane: "urgent" as const,
      method: "sendMessage" as const,
      payload: { text },
      ref: item.ref,
    });
  }
  await storage.outbox.enqueue(rows);
  await storage.audit.log({
    actorId: item.raisedBy ?? null,
    action: `urgent.${item.kind}`,
    detail: { address: item.address ?? null, paged: rows.length, ref: item.ref ?? null },
  });
  deps.outbox.kick();
  return rows.length;
}
