/**
 * The use cases of queue numbers: opening a queue (and posting it in the
 * building groups), a household taking a number, staff calling the next
 * number or skipping a no-show, and closing with the figures. A call's
 * messages ("N ahead", "your turn") are time-critical: they go through the
 * outbox ahead of any broadcast and ignore quiet hours. Handlers and the
 * conversation call these; nothing else changes a queue.
 */
import type { BotDeps } from "../../bot/context.js";
import { localeOf } from "../../bot/i18n.js";
import { formatAddress } from "../../domain/address.js";
import { type Good, type WaitFigures, waitFigures } from "../../domain/queue.js";
import { afterQuietHours } from "../../domain/schedule.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import type { Queue, QueueFigures, Ticket } from "../../storage/queues.js";
import { groupPostPayload, nearPayload, tr, turnPayload, unservedPayload } from "./render.js";

export interface QueueDraft {
  point: string;
  capacity: number;
  near: number;
  goods: Good[];
  photos: string[];
  /** Post it in every building group (with the link to take a number), or not. */
  announce: boolean;
}

/**
 * Opens a queue; with `announce`, one post in each building group (bulk
 * lane, after quiet hours: it is news, not a call). The post says nothing
 * about any resident.
 */
export async function openQueue(
  deps: BotDeps,
  draft: QueueDraft,
  by: number,
  bot: string,
): Promise<{ queue: Queue; groups: number }> {
  const { storage, config, clock } = deps;
  const groups = draft.announce
    ? (await storage.groups.active()).filter((g) => g.kind === "building")
    : [];
  const notBefore = afterQuietHours(clock.now(), config.quietHours, config.timezone);
  const t = tr(deps, config.defaultLocale);
  const queue = await storage.queues.create(
    {
      point: draft.point,
      openedBy: by,
      capacity: draft.capacity,
      near: draft.near,
      goods: draft.goods,
      photos: draft.photos,
    },
    (q) =>
      groups.map(
        (g): NewOutboxMessage => ({
          chatId: g.chatId,
          lane: "bulk",
          method: "sendMessage",
          notBefore,
          payload: groupPostPayload(t, q, bot),
        }),
      ),
  );
  if (groups.length > 0) deps.outbox.kick();
  await storage.audit.log({
    actorId: by,
    action: "queue.open",
    detail: { queue: queue.id, capacity: draft.capacity, near: draft.near, groups: groups.length },
  });
  return { queue, groups: groups.length };
}

export interface QueueView {
  queue: Queue;
  serving: Ticket | undefined;
  mine: { ticket: Ticket; ahead: number } | undefined;
}

/** A queue as one resident sees it: their household's number, if any. */
export async function queueView(
  deps: BotDeps,
  queueId: number,
  personId: number,
): Promise<QueueView | undefined> {
  const { storage } = deps;
  const queue = await storage.queues.get(queueId);
  if (!queue) return undefined;
  const household = await storage.households.ofPerson(personId);
  return {
    queue,
    serving: await storage.queues.serving(queueId),
    mine: household ? await storage.queues.ticket(queueId, household.household.id) : undefined,
  };
}

export async function openQueues(deps: BotDeps): Promise<Queue[]> {
  return deps.storage.queues.open();
}

export type TakeOutcome =
  | { ok: true; view: QueueView }
  | { ok: false; reason: "closed" | "gone" | "unknown" | "not-registered" }
  | { ok: false; reason: "already"; view: QueueView };

/** A household takes the next number (one per household; none when they are all gone). */
export async function takeNumber(
  deps: BotDeps,
  queueId: number,
  personId: number,
): Promise<TakeOutcome> {
  const { storage } = deps;
  const household = await storage.households.ofPerson(personId);
  if (!household) return { ok: false, reason: "not-registered" };
  const result = await storage.queues.take(queueId, {
    householdId: household.household.id,
    personId,
    address: formatAddress(household.household),
  });
  if (!result.ok && result.reason !== "already") return { ok: false, reason: result.reason };
  const view: QueueView = {
    queue: result.queue,
    serving: await storage.queues.serving(queueId),
    mine: { ticket: result.ticket, ahead: result.ahead },
  };
  if (!result.ok) return { ok: false, reason: "already", view };
  await storage.audit.log({
    actorId: personId,
    action: "queue.take",
    detail: { queue: queueId, number: result.ticket.number },
  });
  return { ok: true, view };
}

/**
 * The messages of one call: "your turn" to the number called (urgent lane:
 * it is the moment), "N ahead" to those who just came within the queue's
 * distance (normal lane: they have a few minutes). Both ahead of any
 * broadcast (bulk), and neither waits for quiet hours.
 */
function callMessages(
  deps: BotDeps,
  m: { queue: Queue; called: Ticket | undefined; near: Array<{ ticket: Ticket; ahead: number }> },
): NewOutboxMessage[] {
  const t = (ticket: Ticket) => tr(deps, localeOf(deps, ticket.language));
  const out: NewOutboxMessage[] = [];
  if (m.called) {
    out.push({
      chatId: m.called.personId,
      lane: "urgent",
      method: "sendMessage",
      payload: turnPayload(t(m.called), m.queue, m.called),
    });
  }
  for (const { ticket, ahead } of m.near) {
    out.push({
      chatId: ticket.personId,
      lane: "normal",
      method: "sendMessage",
      payload: nearPayload(t(ticket), m.queue, ticket, ahead),
    });
  }
  return out;
}

export type CallOutcome =
  | { ok: true; queue: Queue; called: Ticket | undefined; ended: Ticket | undefined }
  | { ok: false; reason: "stale" | "closed" | "unknown"; queue: Queue | undefined };

/**
 * "next" or "skip" pressed on a panel that showed `seen` calls: the next
 * number is called once, however many presses arrive at the same moment.
 */
export async function callNext(
  deps: BotDeps,
  queueId: number,
  seen: number,
  kind: "next" | "skip",
  by: number,
): Promise<CallOutcome> {
  const result = await deps.storage.queues.call(queueId, seen, kind, (m) => callMessages(deps, m));
  if (!result.ok) return result;
  deps.outbox.kick();
  if (result.called || result.ended) {
    await deps.storage.audit.log({
      actorId: by,
      action: `queue.${kind}`,
      detail: {
        queue: queueId,
        called: result.called?.number ?? null,
        ended: result.ended?.number ?? null,
      },
    });
  }
  return result;
}

export interface Panel {
  queue: Queue;
  serving: Ticket | undefined;
  figures: QueueFigures;
}

/** The staff's panel, as the queue now is. */
export async function panel(deps: BotDeps, queueId: number): Promise<Panel | undefined> {
  const { storage } = deps;
  const queue = await storage.queues.get(queueId);
  if (!queue) return undefined;
  return {
    queue,
    serving: await storage.queues.serving(queueId),
    figures: await storage.queues.figures(queueId),
  };
}

export type CloseOutcome =
  | { ok: true; queue: Queue; figures: QueueFigures; waits: WaitFigures }
  | { ok: false; queue: Queue | undefined };

/**
 * Closes a queue: the figures (served, skipped, not called; average and
 * longest wait from taking a number to being called), and a word to those
 * still waiting, sent at once (they may be on their way: like a call, it
 * ignores quiet hours).
 */
export async function closeQueue(
  deps: BotDeps,
  queueId: number,
  by: number,
): Promise<CloseOutcome> {
  const result = await deps.storage.queues.close(queueId, by, (queue, unserved) =>
    unserved.map((ticket) => ({
      chatId: ticket.personId,
      lane: "normal" as const,
      method: "sendMessage" as const,
      payload: unservedPayload(tr(deps, localeOf(deps, ticket.language)), queue, ticket),
    })),
  );
  if (!result.ok) return result;
  deps.outbox.kick();
  const waits = waitFigures(result.figures.servedTimes);
  await deps.storage.audit.log({
    actorId: by,
    action: "queue.close",
    detail: {
      queue: queueId,
      served: result.figures.served,
      skipped: result.figures.skipped,
      unserved: result.figures.unserved,
      averageSeconds: waits.averageSeconds,
      longestSeconds: waits.longestSeconds,
    },
  });
  return { ...result, waits };
}
