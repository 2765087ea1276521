/**
 * One flood budget for everything the bot sends to Telegram.
 *
 * Telegram counts every message a bot sends against the same limits (about 30
 * a second in all, one a second per chat, 20 a minute per group), whether it
 * comes from a broadcast or answers someone. So there is ONE Pacer, built once
 * (app/deps.ts) and shared by:
 * - the outbox dispatcher, which asks `outboxReadyAt` before each send;
 * - the bot's API (bot/budget.ts, a transformer), which calls `take` before
 *   each direct send (a reply, an edit, a document, a photo).
 *
 * Direct sends go first: someone is waiting for them. A direct send waits
 * only for the next free global slot (a few tens of milliseconds) and for its
 * own chat's window; the outbox leaves it that slot. Several direct sends to
 * one chat leave in order, paced to the per-chat limit.
 *
 * Time is monotonic milliseconds (performance.now), as for the dispatcher.
 */
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { Pacer, type PacingLimits, type SendTicket } from "./pacing.js";

interface Waiter {
  chatId: number | undefined;
  resolve: (ticket: SendTicket) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export interface BudgetStats {
  /** Direct sends that took a slot. */
  direct: number;
  /** Direct sends that had to wait for one. */
  waited: number;
  /** Direct sends answered 429. */
  rateLimited: number;
}

export class SendBudget {
  readonly pacer: Pacer;
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly counters: BudgetStats = { direct: 0, waited: 0, rateLimited: 0 };

  constructor(
    limits: PacingLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.pacer = new Pacer(limits);
  }

  get limits(): PacingLimits {
    return this.pacer.limits;
  }

  stats(): BudgetStats {
    return { ...this.counters };
  }

  /**
   * A direct send to `chatId` (undefined: a message without a chat, such as
   * an inline edit) may start when this resolves; report its answer with
   * `answered`. Ahead of every outbox row.
   */
  take(chatId: number | undefined, signal?: AbortSignal): Promise<SendTicket> {
    this.counters.direct++;
    const now = this.now();
    if (this.waiting.length === 0 && this.readyAt(chatId, now) <= now) {
      return Promise.resolve(this.pacer.record(chatId, now));
    }
    this.counters.waited++;
    return new Promise<SendTicket>((resolve, reject) => {
      const waiter: Waiter = { chatId, resolve, reject, signal };
      if (signal) {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        waiter.onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
      this.serve();
    });
  }

  /** The request of `ticket` was answered (or failed) now. */
  answered(ticket: SendTicket): void {
    this.pacer.answered(ticket, this.now());
  }

  /** Telegram answered a direct send 429: its chat waits, for the outbox too. */
  rateLimited(chatId: number | undefined, retryAfterSeconds: number): void {
    this.counters.rateLimited++;
    if (chatId !== undefined) this.pacer.pauseChat(chatId, this.now() + retryAfterSeconds * 1000);
  }

  /**
   * When the outbox may take the next global slot (>= now): direct sends that
   * could leave by then go first.
   */
  outboxReadyAt(now: number, paid = false): number {
    if (this.waiting.length > 0) this.serve();
    const globalAt = this.pacer.globalReadyAt(now, paid);
    for (const w of this.waiting) {
      // This one takes the slot; the outbox asks again just after.
      if (this.readyAt(w.chatId, globalAt) <= globalAt) return globalAt + 1;
    }
    return globalAt;
  }

  /** Direct sends waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private readyAt(chatId: number | undefined, now: number): number {
    const globalAt = this.pacer.globalReadyAt(now);
    return chatId === undefined
      ? globalAt
      : Math.max(globalAt, this.pacer.chatReadyAt(chatId, now));
  }

  /** Starts every waiting direct send that may go now, in order per chat; sleeps until the next. */
  private serve(): void {
    const now = this.now();
    let wakeAt = Number.POSITIVE_INFINITY;
    const held = new Set<number | undefined>();
    for (let i = 0; i < this.waiting.length; i++) {
      const w = this.waiting[i] as Waiter;
      if (held.has(w.chatId)) continue; // an earlier message to this chat goes first
      const at = this.readyAt(w.chatId, now);
      if (at <= now) {
        this.waiting.splice(i--, 1);
        if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
        w.resolve(this.pacer.record(w.chatId, now));
        continue;
      }
      held.add(w.chatId);
      wakeAt = Math.min(wakeAt, at);
    }
    this.schedule(wakeAt);
  }

  private schedule(at: number): void {
    if (!Number.isFinite(at)) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.serve();
      },
      Math.max(0, Math.ceil(at - this.now())),
    );
  }
}

/** Methods that put a message in a chat or change one: each counts against the limits. */
export function countsAsMessage(method: string): boolean {
  if (method === "sendChatAction") return false;
  return (
    method.startsWith("send") ||
    method.startsWith("edit") ||
    method.startsWith("copyMessage") ||
    method.startsWith("forwardMessage") ||
    method === "stopPoll"
  );
}

/** The numeric chat a payload is for, if any (a @username or an inline message has none). */
export function chatOfPayload(payload: unknown): number | undefined {
  const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  if (typeof chatId === "number") return chatId;
  if (typeof chatId === "string" && /^-?\d+$/.test(chatId)) return Number(chatId);
  return undefined;
}
