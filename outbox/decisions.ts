/**
 * What the outbox dispatcher (outbox/dispatcher.ts) does after one attempt, given
 * Telegram's answer: store it as sent, fail it for good (and mark the
 * recipient unreachable), retry after a backoff, wait out a 429, or move a
 * migrated group. Pure: no I/O.
 */

import type { OutboxFailure, OutboxMessage, Settlement } from "../storage/outbox.js";
import { isGroupChat } from "./pacing.js";
import { backoffMs, type SendVerdict } from "./send-errors.js";

/** What the dispatcher must do after one attempt. Pure. */
export interface Decision {
  /**
   * What to store. Absent: the row stays claimed and goes back to the front
   * of its lane (after a 429, or at the new id after a migration), so the
   * messages to one chat keep their order.
   */
  settlement?: Settlement;
  /** Pause this chat / this row's lane for so many ms (429). */
  pauseChatMs?: number;
  pauseLaneMs?: number;
  /** Side effects on other tables. */
  effect?:
    | { type: "reachability"; userId: number; reachability: "blocked" | "unknown" }
    | { type: "group_gone"; chatId: number }
    | { type: "migrate"; oldChatId: number; newChatId: number };
  /** For onFailed: the row ended failed or dead. */
  failure?: { status: "failed" | "dead"; kind: string; reason: string };
}

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const PERMANENT: Record<string, OutboxFailure> = {
  blocked: "blocked",
  not_started: "not_started",
  deactivated: "deactivated",
  chat_not_found: "chat_not_found",
  permanent: "bad_request",
};

/** Turns a verdict on a failed attempt into what to store and do next. */
export function decide(
  row: Pick<OutboxMessage, "id" | "chatId" | "attempts">,
  verdict: SendVerdict,
  now: Date,
  policy: RetryPolicy,
): Decision {
  const later = (ms: number) => new Date(now.getTime() + ms);
  switch (verdict.kind) {
    case "rate_limited": {
      const ms = verdict.retryAfter * 1000;
      return {
        pauseChatMs: ms,
        // A private chat gets at most 1/s from us, so its 429 is the global
        // limit: the whole lane waits. A group's 429 is most likely its own
        // 20/min (our direct replies count too): only that group waits.
        ...(isGroupChat(row.chatId) ? {} : { pauseLaneMs: ms }),
      };
    }
    case "migrated":
      return {
        effect: { type: "migrate", oldChatId: row.chatId, newChatId: verdict.newChatId },
      };
    case "transient": {
      const attempt = row.attempts + 1;
      if (attempt >= policy.maxAttempts) {
        const reason = `${verdict.reason} (after ${attempt} attempts)`;
        return {
          settlement: { id: row.id, status: "dead", reason },
          failure: { status: "dead", kind: "transient", reason },
        };
      }
      const wait = backoffMs(attempt, policy.backoffBaseMs, policy.backoffMaxMs);
      return {
        settlement: {
          id: row.id,
          status: "pending",
          at: later(wait),
          reason: verdict.reason,
          countAttempt: true,
        },
      };
    }
    default:
      return permanentDecision(row, verdict);
  }
}

/** What a failure for good means for the recipient: blocked and deleted accounts stay out of reach. */
const REACHABILITY: Partial<Record<SendVerdict["kind"], "blocked" | "unknown">> = {
  blocked: "blocked",
  deactivated: "blocked",
  // Never pressed Start (or an id Telegram doesn't know): unknown until they do.
  not_started: "unknown",
  chat_not_found: "unknown",
};

function permanentDecision(row: Pick<OutboxMessage, "id" | "chatId">, verdict: SendVerdict) {
  const failure = PERMANENT[verdict.kind] ?? "bad_request";
  const reason = verdict.kind === "permanent" ? verdict.reason : verdict.kind;
  const decision: Decision = {
    settlement: { id: row.id, status: "failed", failure, reason },
    failure: { status: "failed", kind: verdict.kind, reason },
  };
  const reachability = REACHABILITY[verdict.kind];
  if (isGroupChat(row.chatId)) {
    // Kicked, or the group is gone: the group is no longer active.
    if (verdict.kind === "chat_not_found")
      decision.effect = { type: "group_gone", chatId: row.chatId };
  } else if (reachability) {
    decision.effect = { type: "reachability", userId: row.chatId, reachability };
  }
  return decision;
}
