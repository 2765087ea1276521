/**
 * What a failed Bot API send means, and what to do about it. Pure: no grammY,
 * no SQL. The dispatcher (outbox/dispatcher.ts) acts on the verdict.
 *
 * Telegram's descriptions are not a stable API, so the checks look for the
 * characteristic words, lower-cased, and anything unknown falls back on the
 * error code: 4xx is permanent, 5xx transient.
 */

/** A Bot API error answer (`{ ok: false, error_code, description, parameters }`). */
export interface TelegramErrorAnswer {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A request that got no answer: connection refused or reset, timeout, DNS... */
export interface NetworkFailure {
  network: string;
}

export type SendFailure = TelegramErrorAnswer | NetworkFailure;

export type SendVerdict =
  /** Too many requests: wait `retryAfter` seconds, then try again (not a failed attempt). */
  | { kind: "rate_limited"; retryAfter: number }
  /** The group became a supergroup: send to `newChatId` at once. */
  | { kind: "migrated"; newChatId: number }
  /** The user blocked the bot. Permanent. */
  | { kind: "blocked" }
  /** The user never pressed Start. Permanent until they do. */
  | { kind: "not_started" }
  /** The account was deleted. Permanent. */
  | { kind: "deactivated" }
  /** The chat is gone or the bot is not in it (kicked, removed). Permanent. */
  | { kind: "chat_not_found" }
  /** Anything else the server refused (bad text, bad markup...). Never retried. */
  | { kind: "permanent"; reason: string }
  /** 5xx, network: retried with backoff, then dead. */
  | { kind: "transient"; reason: string };

/** Default wait when a 429 carries no usable retry_after. */
const DEFAULT_RETRY_AFTER = 1;

export function classifySendFailure(failure: SendFailure): SendVerdict {
  if ("network" in failure) return { kind: "transient", reason: `network: ${failure.network}` };

  const { error_code: code, parameters } = failure;
  const description = failure.description ?? "";
  const text = description.toLowerCase();

  if (code === 429) return { kind: "rate_limited", retryAfter: retryAfterOf(failure) };
  const newChatId = parameters?.migrate_to_chat_id;
  if (typeof newChatId === "number" && newChatId !== 0) return { kind: "migrated", newChatId };

  if (code === 403) return classifyForbidden(text, description);
  if (code === 400 && (text.includes("chat not found") || text.includes("peer_id_invalid"))) {
    return { kind: "chat_not_found" };
  }
  // 401: a wrong or revoked token. Retrying lets a fixed deployment still deliver.
  if (code === 401 || code >= 500 || code <= 0) {
    return { kind: "transient", reason: `${code}: ${description}` };
  }
  return { kind: "permanent", reason: `${code}: ${description}` };
}

/** 403 Forbidden: the recipient can't be reached. */
function classifyForbidden(text: string, description: string): SendVerdict {
  if (text.includes("blocked by the user")) return { kind: "blocked" };
  if (text.includes("user is deactivated")) return { kind: "deactivated" };
  if (text.includes("initiate conversation")) return { kind: "not_started" };
  if (
    text.includes("kicked") ||
    text.includes("not a member") ||
    text.includes("chat not found") ||
    text.includes("group chat was deleted")
  ) {
    return { kind: "chat_not_found" };
  }
  // e.g. "not enough rights to send text messages to the chat".
  return { kind: "permanent", reason: `403: ${description}` };
}

/** Seconds to wait: `parameters.retry_after`, else "retry after N" in the text, else 1. */
function retryAfterOf(failure: TelegramErrorAnswer): number {
  const fromParams = failure.parameters?.retry_after;
  if (typeof fromParams === "number" && fromParams > 0) return fromParams;
  const match = /retry after (\d+)/i.exec(failure.description ?? "");
  const fromText = match ? Number(match[1]) : Number.NaN;
  return fromText > 0 ? fromText : DEFAULT_RETRY_AFTER;
}

/**
 * Reads a thrown error: anything carrying a numeric `error_code` (grammY's
 * GrammyError) is an answer from the server; anything else (grammY's
 * HttpError, a fetch failure) is a network failure.
 */
export function toSendFailure(err: unknown): SendFailure {
  if (typeof err === "object" && err !== null && "error_code" in err) {
    const e = err as Partial<TelegramErrorAnswer>;
    if (typeof e.error_code === "number") {
      return {
        error_code: e.error_code,
        description: typeof e.description === "string" ? e.description : "",
        ...(e.parameters ? { parameters: e.parameters } : {}),
      };
    }
  }
  return { network: err instanceof Error ? err.message : String(err) };
}

/**
 * Exponential backoff for the n-th transient failure (1-based): base, 2×base,
 * 4×base... capped at `max`.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
}
