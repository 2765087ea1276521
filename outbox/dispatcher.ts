/**
 * The outbox dispatcher: drains the outbox table to Telegram within
 * Telegram's flood limits, sharing one budget across every message the bot
 * sends. It is generic: it knows no feature; what a feature needs to hear
 * about a row comes in as hooks (onSent, onFailed, stillWanted).
 *
 * - Lanes: urgent > normal > bulk. Rows are claimed in small batches (about
 *   half a second of sending), and a kick or a poll claims higher-lane rows
 *   even when the buffer is full, so an urgent ping never waits for a
 *   broadcast.
 * - Flow control: sliding windows, as Telegram counts them: `ratePerSecond`
 *   in any second (spread by a token bucket into bursts of at most 20 ms
 *   worth), 1 per second per chat, 20 per minute per group. Each window
 *   counts a request from when it may have reached Telegram (see "pacing"),
 *   plus a small margin. Up to `concurrency` requests are in flight, so
 *   latency doesn't cap throughput. Messages to one chat go one at a time,
 *   in order; a row whose chat is busy for long goes back to the table.
 * - Failures (send-errors.ts): 429 → the row waits `retry_after`, and
 *   so does its chat, and for a private chat its lane (not a failed attempt);
 *   403 → the recipient is marked unreachable and the row failed, never
 *   retried; migrated group → the group and its rows move, and the row is
 *   sent again at once; 5xx and network → exponential backoff, then dead
 *   with the reason. A retry after backoff may overtake a later message to
 *   the same chat.
 * - Restart-safe: each result is written before its in-flight slot is
 *   released, so after a crash at most `concurrency` rows were sent without
 *   being recorded; `start()` puts rows left `sending` back in the queue.
 *   Results that finish together share one transaction.
 *
 * The flow-control maths is in pacing.ts and the verdicts in
 * decisions.ts; this file does the I/O.
 *
 * Pacing runs on real monotonic time (performance.now, setTimeout); the times
 * stored in the table (not_before, sent_at) come from the injected clock.
 * Only one dispatcher may run per database (with PostgreSQL and several
 * processes, hold an advisory lock around `start()`).
 */
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Clock } from "../storage/clock.js";
import type { Storage } from "../storage/index.js";
import {
  LANE_PRIORITY,
  type OutboxMessage,
  type OutboxRepo,
  outboxRepo,
  type Settlement,
} from "../storage/outbox.js";
import { SendBudget } from "./budget.js";
import { type Decision, decide, type RetryPolicy } from "./decisions.js";
import type { Pacer, SendTicket } from "./pacing.js";
import { classifySendFailure, type SendVerdict, toSendFailure } from "./send-errors.js";

// The pure parts live beside this file; re-exported for the tests and benches.
export * from "./decisions.js";
export * from "./pacing.js";

export interface SentInfo {
  messageId: number | null;
}

export interface FailedInfo {
  status: "failed" | "dead";
  /** The verdict: blocked, not_started, deactivated, chat_not_found, permanent, transient. */
  kind: string;
  reason: string;
}

export interface DispatcherOptions {
  storage: Storage;
  /** A raw Api WITHOUT auto-retry: the dispatcher handles 429 itself. */
  api: Api;
  clock: Clock;
  logger: Logger;
  /**
   * The flood budget shared with the bot's direct sends (outbox/budget.ts).
   * Without one, the dispatcher makes its own from the rates below, and
   * the bot's replies are not counted in it.
   */
  budget?: SendBudget;
  /** Global messages per second (default 30); ignored with `budget`. */
  ratePerSecond?: number;
  perChatPerSecond?: number;
  perGroupPerMinute?: number;
  /** The paid rate (PacingLimits.paidPerSecond); ignored with `budget`. */
  paidPerSecond?: number;
  /**
   * Paid broadcasts: bulk rows are sent with allow_paid_broadcast and paced
   * to the budget's paid rate (PacingLimits.paidPerSecond) instead of the free one.
   */
  paidBroadcast?: boolean;
  /** Requests in flight at once (default 32); also the bound on duplicates after a crash. */
  concurrency?: number;
  /** Transient failures before a row is dead (default 5). */
  maxAttempts?: number;
  /** Backoff after the n-th transient failure: base × 2^(n-1), capped (default 1 s, 5 min). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Look for due rows at least this often, even without a kick (default 500 ms). */
  pollIntervalMs?: number;
  /** Claimed rows kept in memory (default max(concurrency, rate/2): about 0.5 s of sending). */
  bufferSize?: number;
  /** A row whose chat can't take it within this time goes back to the table (default 2 s). */
  deferAfterMs?: number;
  /** Abort a request after this long (default 30 s); counts as a network error. */
  requestTimeoutMs?: number;
  /** Called after a row is recorded as sent (e.g. to keep a notice delivery's message_id). */
  onSent?: (row: OutboxMessage, info: SentInfo) => void | Promise<void>;
  /**
   * Asked just before a row is sent: false cancels it (recorded as failed,
   * "cancelled"). For messages that may stop being wanted while claimed,
   * such as a page for an item someone has just taken. Keep it cheap; it is
   * called for every row.
   */
  stillWanted?: (row: OutboxMessage) => boolean | Promise<boolean>;
  /** Called after a row is recorded as failed for good or dead. */
  onFailed?: (row: OutboxMessage, info: FailedInfo) => void | Promise<void>;
}

export interface DispatcherStats {
  sent: number;
  failed: number;
  dead: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Attempts that will be retried (5xx, network, migration). */
  retried: number;
  inFlight: number;
  buffered: number;
}

export interface Dispatcher {
  /** Puts rows a crash left `sending` back in the queue, then starts sending. */
  start(): Promise<void>;
  /** Stops claiming, waits for the requests in flight, and hands unsent claimed rows back. */
  stop(): Promise<void>;
  /** Look for due rows now (call after enqueuing, once the transaction committed). */
  kick(): void;
  /** Resolves when nothing is due, buffered or in flight (rows scheduled later don't count). For tests. */
  idle(): Promise<void>;
  /**
   * Test hook simulating a crash: stops at once, abandons the requests in
   * flight and never records their results.
   */
  crash(): void;
  stats(): DispatcherStats;
}

/** A finished attempt waiting to be written. */
interface Completion {
  row: OutboxMessage;
  /** The chat the request went to (a migration changes `row.chatId`). */
  chatId: number;
  decision: Decision;
  sent?: SentInfo;
  /** Holds an in-flight slot (deferred rows don't). */
  inFlight: boolean;
}

const LANES = Object.values(LANE_PRIORITY).length;
const PRUNE_EVERY_MS = 10_000;
/** How long a result may wait for others to share its transaction. */
const WRITE_DELAY_MS = 5;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  return new OutboxDispatcher(options);
}

class OutboxDispatcher implements Dispatcher {
  private readonly repo: OutboxRepo;
  private readonly log: Logger;
  private readonly budget: SendBudget;
  private readonly pacer: Pacer;
  /** The lane sent as paid broadcasts, or -1. */
  private readonly paidLane: number;
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly bufferSize: number;
  private readonly pollIntervalMs: number;
  private readonly deferAfterMs: number;
  private readonly requestTimeoutMs: number;

  private running = false;
  private crashed = false;
  /** Claimed rows, one FIFO per lane. */
  private readonly lanes: OutboxMessage[][] = Array.from({ length: LANES }, () => []);
  private buffered = 0;
  private inFlight = 0;
  private readonly busyChats = new Set<number>();
  /** False once a claim came back short: don't query again until a kick, a poll or a retry. */
  private maybeDue = true;
  private refilling = false;
  private refillAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private nextPollAt = 0;
  private lastPrune = 0;
  private readonly toWrite: Completion[] = [];
  private writing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly hooks = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private readonly counters = { sent: 0, failed: 0, dead: 0, rateLimited: 0, retried: 0 };

  constructor(private readonly opts: DispatcherOptions) {
    for (const key of ["ratePerSecond", "perChatPerSecond", "perGroupPerMinute", "concurrency"]) {
      const value = opts[key as keyof DispatcherOptions];
      if (value !== undefined && !(typeof value === "number" && value > 0)) {
        throw new RangeError(`outbox: ${key} must be a positive number`);
      }
    }
    this.repo = outboxRepo(opts.storage.db, opts.clock);
    this.log = opts.logger.child({ module: "outbox" });
    this.budget =
      opts.budget ??
      new SendBudget({
        ratePerSecond: opts.ratePerSecond ?? 30,
        perChatPerSecond: opts.perChatPerSecond ?? 1,
        perGroupPerMinute: opts.perGroupPerMinute ?? 20,
        paidPerSecond: opts.paidPerSecond,
      });
    this.pacer = this.budget.pacer;
    this.paidLane = opts.paidBroadcast && this.pacer.paidEnabled ? LANE_PRIORITY.bulk : -1;
    const limits = this.pacer.limits;
    const ratePerSecond =
      this.paidLane >= 0 ? (limits.paidPerSecond ?? limits.ratePerSecond) : limits.ratePerSecond;
    this.policy = {
      maxAttempts: opts.maxAttempts ?? 5,
      backoffBaseMs: opts.backoffBaseMs ?? 1000,
      backoffMaxMs: opts.backoffMaxMs ?? 300_000,
    };
    this.concurrency = opts.concurrency ?? 32;
    this.bufferSize = opts.bufferSize ?? Math.max(this.concurrency, Math.ceil(ratePerSecond / 2));
    this.pollIntervalMs = opts.pollIntervalMs ?? 500;
    this.deferAfterMs = opts.deferAfterMs ?? 2000;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
  }

  // ------------------------------------------------------------ public API

  async start(): Promise<void> {
    if (this.running) return;
    if (this.crashed) throw new Error("a crashed dispatcher can't be restarted; create a new one");
    const recovered = await this.repo.recoverInFlight();
    if (recovered > 0) this.log.warn({ recovered }, "outbox: rows left in flight requeued");
    this.running = true;
    this.log.info({ limits: this.pacer.limits, concurrency: this.concurrency }, "outbox started");
    this.kick();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.clearTimer();
    await this.drained();
    const unsent = this.lanes.flatMap((lane) => lane.splice(0).map((row) => row.id));
    this.buffered = 0;
    await this.repo.release(unsent);
    this.resolveIdle();
    this.log.info(this.stats(), "outbox stopped");
  }

  kick(): void {
    this.maybeDue = true;
    void this.refill();
  }

  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.kick();
    return idle;
  }

  crash(): void {
    this.running = false;
    this.crashed = true;
    this.clearTimer();
    for (const lane of this.lanes) lane.length = 0;
    this.buffered = 0;
    this.toWrite.length = 0;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.resolveIdle();
  }

  stats(): DispatcherStats {
    return { ...this.counters, inFlight: this.inFlight, buffered: this.buffered };
  }

  // -------------------------------------------------------------- the loop

  /** Starts every send the limits allow now, then sleeps until the next one could. */
  private pump(): void {
    if (!this.running) return;
    const now = performance.now();
    let wakeAt = Number.POSITIVE_INFINITY;
    while (this.inFlight < this.concurrency && this.buffered > 0) {
      // The bot's direct sends, waiting for a slot, go first (outboxReadyAt leaves them theirs).
      const freeAt = this.budget.outboxReadyAt(now, false);
      const paidAt = this.paidLane >= 0 ? this.budget.outboxReadyAt(now, true) : freeAt;
      if (freeAt > now && paidAt > now) {
        wakeAt = Math.min(freeAt, paidAt);
        break;
      }
      const pick = this.pick(now, freeAt <= now, paidAt <= now);
      if (!pick.row) {
        wakeAt = Math.min(
          pick.wakeAt,
          freeAt > now ? freeAt : Number.POSITIVE_INFINITY,
          paidAt > now ? paidAt : Number.POSITIVE_INFINITY,
        );
        break;
      }
      this.send(pick.row, now);
    }
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.pacer.prune(now);
      this.lastPrune = now;
    }
    const low = this.buffered <= this.bufferSize / 2;
    if (low && this.maybeDue && !this.refilling) void this.refill();
    this.schedule(Math.min(wakeAt, this.nextPollAt));
    this.checkIdle();
  }

  /**
   * The first buffered row, best lane first, whose chat may receive it now.
   * Rows whose chat won't be free for a while go back to the table.
   */
  private pick(
    now: number,
    freeReady: boolean,
    paidReady: boolean,
  ): { row?: OutboxMessage; wakeAt: number } {
    let wakeAt = Number.POSITIVE_INFINITY;
    for (let p = 0; p < LANES; p++) {
      const lane = this.lanes[p] as OutboxMessage[];
      if (lane.length === 0) continue;
      if (!(p === this.paidLane ? paidReady : freeReady)) continue;
      const laneAt = this.pacer.laneReadyAt(p, now);
      if (laneAt > now) {
        wakeAt = Math.min(wakeAt, laneAt);
        continue;
      }
      // Messages to the same chat wait behind each other, in order; a chat
      // with a request in flight waits for its answer.
      let ahead: Map<number, number> | undefined;
      for (let i = 0; i < lane.length; i++) {
        const row = lane[i] as OutboxMessage;
        const queued = ahead?.get(row.chatId) ?? 0;
        const readyAt = this.pacer.chatReadyAt(row.chatId, now, queued);
        if (readyAt - now > this.deferAfterMs) {
          lane.splice(i--, 1);
          this.defer(row, readyAt - now);
          continue;
        }
        const first = queued === 0 && !this.busyChats.has(row.chatId);
        if (first && readyAt <= now) {
          lane.splice(i, 1);
          this.buffered--;
          return { row, wakeAt };
        }
        ahead ??= new Map();
        ahead.set(row.chatId, queued + 1);
        if (first) wakeAt = Math.min(wakeAt, readyAt);
      }
    }
    return { wakeAt };
  }

  /** Back to the table until its chat is free, so it doesn't hold up other chats. */
  private defer(row: OutboxMessage, waitMs: number): void {
    this.buffered--;
    const at = new Date(this.opts.clock.now().getTime() + waitMs);
    const settlement: Settlement = {
      id: row.id,
      status: "pending",
      at,
      reason: null,
      countAttempt: false,
    };
    this.complete({ row, chatId: row.chatId, decision: { settlement }, inFlight: false });
  }

  private send(row: OutboxMessage, now: number): void {
    this.inFlight++;
    this.busyChats.add(row.chatId);
    const ticket = this.pacer.record(row.chatId, now, row.priority === this.paidLane);
    this.attempt(row, ticket).then(
      (completion) => this.complete(completion),
      (err: unknown) => {
        // Only a bug gets here; the row stays `sending` until the next start.
        this.log.error({ err, id: row.id }, "outbox: attempt crashed");
        this.release(row.chatId);
      },
    );
  }

  /** One request; never throws for a Telegram or network error. */
  private async attempt(row: OutboxMessage, ticket: SendTicket): Promise<Completion> {
    const chatId = row.chatId;
    if (this.opts.stillWanted && !(await this.opts.stillWanted(row))) {
      this.pacer.answered(ticket, performance.now());
      const settlement: Settlement = {
        id: row.id,
        status: "failed",
        failure: "cancelled",
        reason: "cancelled: no longer wanted",
      };
      return { row, chatId, decision: { settlement }, inFlight: true };
    }
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await this.call(row) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.pacer.answered(ticket, performance.now());
    if (outcome.ok) {
      const messageId = messageIdOf(outcome.result);
      const settlement: Settlement = { id: row.id, status: "sent", messageId };
      return { row, chatId, decision: { settlement }, sent: { messageId }, inFlight: true };
    }
    const verdict = classifySendFailure(toSendFailure(outcome.error));
    const decision = decide(row, verdict, this.opts.clock.now(), this.policy);
    this.onVerdict(row, verdict, decision);
    return { row, chatId, decision, inFlight: true };
  }

  /** The Bot API call a row stands for: its method with its payload and chat. */
  private call(row: OutboxMessage): Promise<unknown> {
    const raw = this.opts.api.raw as unknown as Record<string, RawCall | undefined>;
    const method = raw[row.method];
    if (!method) {
      // A 400, so the row fails for good instead of being retried.
      return Promise.reject({ error_code: 400, description: `unsupported method ${row.method}` });
    }
    const payload: Record<string, unknown> = { ...row.payload, chat_id: row.chatId };
    if (row.priority === this.paidLane) payload.allow_paid_broadcast = true;
    return method(payload, AbortSignal.timeout(this.requestTimeoutMs));
  }

  /** In-memory consequences of a failure: pauses, and the rows of a migrated group. */
  private onVerdict(row: OutboxMessage, verdict: SendVerdict, decision: Decision): void {
    const now = performance.now();
    if (decision.pauseChatMs) this.pacer.pauseChat(row.chatId, now + decision.pauseChatMs);
    if (decision.pauseLaneMs) {
      // The global limit: wait, and keep a wider distance from it from now on.
      this.pacer.pauseLane(row.priority, now + decision.pauseLaneMs);
      this.pacer.widenGlobal(now);
    }
    if (verdict.kind === "rate_limited") {
      this.counters.rateLimited++;
      this.log.warn({ chatId: row.chatId, retryAfter: verdict.retryAfter }, "outbox: 429");
    } else if (verdict.kind === "migrated") {
      const oldChatId = row.chatId;
      for (const lane of this.lanes) {
        for (const r of lane) if (r.chatId === oldChatId) r.chatId = verdict.newChatId;
      }
      row.chatId = verdict.newChatId;
    }
  }

  // ------------------------------------------------------------- results

  /**
   * Queues a result for the writer; its slot is released once it is stored.
   * The writer waits a few milliseconds so that results arriving together
   * share one transaction (one per message costs more than the sending).
   */
  private complete(completion: Completion): void {
    if (this.crashed) return;
    this.toWrite.push(completion);
    if (this.writing || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.write();
    }, WRITE_DELAY_MS);
  }

  /** Writes queued results in batches: one transaction for all that finished meanwhile. */
  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.toWrite.length > 0 && !this.crashed) {
        const batch = this.toWrite.splice(0);
        const stored = await this.store(batch);
        if (this.crashed) return;
        for (const c of batch) {
          if (stored) this.finish(c);
          else if (c.inFlight) this.release(c.chatId);
        }
        this.pump(); // slots were freed: don't wait for the writer to run dry
      }
    } finally {
      this.writing = false;
    }
    this.pump();
  }

  /**
   * Effects that must precede the rows (a migration), the rows, then the
   * rest. False if the database keeps failing: the rows stay `sending`, and
   * the next start puts them back in the queue.
   */
  private async store(batch: Completion[]): Promise<boolean> {
    for (let tries = 1; ; tries++) {
      try {
        for (const c of batch) {
          const effect = c.decision.effect;
          if (effect?.type === "migrate") await this.migrate(effect.oldChatId, effect.newChatId);
        }
        await this.repo.settle(batch.flatMap((c) => c.decision.settlement ?? []));
        for (const c of batch) await this.applyEffect(c.decision.effect);
        return true;
      } catch (err) {
        if (tries >= 5 || this.crashed) {
          this.log.error({ err, rows: batch.length }, "outbox: results not stored");
          return false;
        }
        this.log.warn({ err, tries }, "outbox: storing results failed, retrying");
        await sleep(250 * 2 ** tries);
      }
    }
  }

  private async migrate(oldChatId: number, newChatId: number): Promise<void> {
    await this.opts.storage.groups.migrate(oldChatId, newChatId);
    const moved = await this.repo.moveChat(oldChatId, newChatId);
    this.log.info({ oldChatId, newChatId, moved }, "outbox: group migrated");
  }

  private async applyEffect(effect: Decision["effect"]): Promise<void> {
    if (effect?.type === "reachability") {
      await this.opts.storage.people.setReachability(effect.userId, effect.reachability);
    } else if (effect?.type === "group_gone") {
      await this.opts.storage.groups.markInactive(effect.chatId);
    }
  }

  /** After a result is stored: counters, slot, hooks. */
  private finish(c: Completion): void {
    if (c.inFlight) this.release(c.chatId);
    const s = c.decision.settlement;
    if (!s) {
      // Back to the front of its lane: it was the oldest there.
      (this.lanes[c.row.priority] as OutboxMessage[]).unshift(c.row);
      this.buffered++;
      if (c.decision.effect?.type === "migrate") this.counters.retried++;
    } else if (s.status === "pending") {
      this.maybeDue = true; // the table has a row again; the claim finds it when due
      if (c.inFlight) this.counters.retried++;
    } else if (s.status === "sent") {
      this.counters.sent++;
      if (c.sent) this.hook(() => this.opts.onSent?.(c.row, c.sent as SentInfo));
    } else {
      this.counters[s.status]++;
      const failure = c.decision.failure;
      if (s.status === "dead") this.log.warn({ id: c.row.id, reason: s.reason }, "outbox: dead");
      if (failure) this.hook(() => this.opts.onFailed?.(c.row, failure));
    }
  }

  private release(chatId: number): void {
    this.inFlight--;
    this.busyChats.delete(chatId);
  }

  private hook(call: () => void | Promise<void>): void {
    const run = (async () => {
      try {
        await call();
      } catch (err) {
        this.log.error({ err }, "outbox: hook failed");
      }
    })();
    this.hooks.add(run);
    void run.finally(() => this.hooks.delete(run));
  }

  // ------------------------------------------------------------- claiming

  /** Claims rows (one refill at a time; a kick during a refill runs another). */
  private async refill(): Promise<void> {
    if (!this.running) return;
    if (this.refilling) {
      this.refillAgain = true;
      return;
    }
    this.refilling = true;
    try {
      do {
        this.refillAgain = false;
        await this.claim();
      } while (this.refillAgain && this.running);
    } catch (err) {
      this.log.error({ err }, "outbox: claim failed");
      this.maybeDue = false; // try again at the next poll, not in a tight loop
    } finally {
      this.refilling = false;
    }
    this.pump();
  }

  /**
   * Below half full: fill the buffer in priority order. Otherwise claim only
   * rows that should overtake the buffered ones (urgent first), up to
   * `concurrency` of them.
   */
  private async claim(): Promise<void> {
    this.nextPollAt = performance.now() + this.pollIntervalMs;
    if (this.buffered <= this.bufferSize / 2) {
      const want = this.bufferSize - this.buffered;
      const rows = await this.repo.claim(want);
      this.add(rows);
      if (rows.length < want) await this.noteExhausted();
      return;
    }
    const worst = this.worstBufferedLane();
    for (let p = 0; p < worst; p++) {
      const better = this.bufferedAtOrAbove(p);
      if (better < this.concurrency) {
        this.add(await this.repo.claim(this.concurrency - better, { maxPriority: p }));
      }
    }
  }

  /** Nothing more is due: sleep until the earliest scheduled row (at most one poll interval). */
  private async noteExhausted(): Promise<void> {
    this.maybeDue = false;
    const due = await this.repo.nextDueAt();
    if (!due) return;
    const inMs = due.getTime() - this.opts.clock.now().getTime();
    const at = performance.now() + Math.max(0, inMs);
    if (at < this.nextPollAt) this.nextPollAt = at;
  }

  private add(rows: OutboxMessage[]): void {
    if (!this.running) {
      // Stopped while claiming: hand them straight back.
      void this.repo.release(rows.map((r) => r.id));
      return;
    }
    for (const row of rows) (this.lanes[row.priority] as OutboxMessage[]).push(row);
    this.buffered += rows.length;
  }

  private worstBufferedLane(): number {
    for (let p = LANES - 1; p >= 0; p--) if ((this.lanes[p]?.length ?? 0) > 0) return p;
    return -1;
  }

  private bufferedAtOrAbove(priority: number): number {
    let n = 0;
    for (let p = 0; p <= priority; p++) n += this.lanes[p]?.length ?? 0;
    return n;
  }

  // --------------------------------------------------------------- timers

  private schedule(at: number): void {
    if (!this.running || !Number.isFinite(at)) return;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, at - performance.now()));
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    if (performance.now() >= this.nextPollAt) {
      this.kick(); // the poll: rows enqueued without a kick, retries now due
      return;
    }
    this.pump();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  // ----------------------------------------------------------- waiting

  private checkIdle(): void {
    if (this.idleWaiters.length === 0) return;
    const quiet = !this.refilling && !this.writing && this.inFlight === 0;
    if (quiet && this.buffered === 0 && !this.maybeDue) this.resolveIdle();
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves when no request is in flight, no result unwritten and no hook running. */
  private async drained(): Promise<void> {
    while (this.inFlight > 0 || this.writing || this.refilling || this.toWrite.length > 0) {
      await sleep(5);
    }
    await Promise.all([...this.hooks]);
  }
}

type RawCall = (payload: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>;

/** message_id of a sent or edited Message; null for `true` (inline edits). */
function messageIdOf(result: unknown): number | null {
  if (typeof result === "object" && result !== null && "message_id" in result) {
    const id = (result as { message_id: unknown }).message_id;
    return typeof id === "number" ? id : null;
  }
  return null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
