/**
 * The one door for urgent items: a fever from the check-in, a request marked
 * urgent, an SOS, an admin's /page. Features call `raiseUrgent`; behind it
 * runs the escalation ladder (commands/escalation/ladder.ts): the on-duty
 * coordinators are paged through the outbox's urgent lane, then everyone
 * else step by step until someone presses "I'm on it".
 */
import type { BotDeps } from "../../bot/context.js";
import { type Raised, raise } from "./service.js";

export type { Raised } from "./service.js";

export type UrgentKind = "fever" | "request" | "sos" | "page";

export interface UrgentItem {
  kind: UrgentKind;
  /** One line saying what is happening, already in words (a symptom list, a request summary...). */
  summary: string;
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
    summary: item.summary,
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
