/**
 * Flow control for the outbox dispatcher (outbox/dispatcher.ts): sliding windows as
 * Telegram counts them, a token bucket that spreads the global rate, and the
 * Pacer that combines the global, per-chat and per-group limits. Pure maths:
 * time is passed in (milliseconds, monotonic), so the unit tests drive it.
 */

// Pure flow-control maths: time is passed in (milliseconds, monotonic).
//
// Telegram counts a message when the request reaches it, we count it when we
// send it. The two differ by the request's one-way delay, which is constant
// only in a quiet steady state: a fresh connection (TCP, TLS), a slow network
// moment or a busy event loop delays some requests more than others, and
// then Telegram sees more of them in one second than we sent in one. So each
// window entry counts from the send time plus the request's round trip in
// excess of the fastest one seen (a conservative estimate of how late it
// arrived), plus a small fixed margin.

/** Fixed extra time added to every window, for the jitter the round trips don't show. */
export function safetyMarginMs(windowMs: number): number {
  return Math.max(25, windowMs * 0.01);
}

/**
 * At most `limit` events in any `windowMs`. Keeps the last `limit` events:
 * their send times and, once answered, their round trips.
 */
export class SlidingWindow {
  /** Ring buffers indexed by sequence number % limit. */
  private readonly sentAt: number[] = [];
  private readonly roundTrip: number[] = [];
  /** Events recorded so far; also the next sequence number. */
  private count = 0;
  /** The latest estimated arrival among events that left the ring. */
  private evictedArrival = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limit: number,
    /** May change (the Pacer widens its global window after a 429). */
    public windowMs: number,
  ) {
    if (!(limit >= 1)) throw new RangeError("SlidingWindow needs a limit of at least 1");
  }

  /** Earliest time (>= now) at which one more event fits. */
  availableAt(now: number, fastestRoundTrip = Number.POSITIVE_INFINITY): number {
    if (this.count < this.limit) return now;
    const oldest = Math.max(this.arrival(this.count, fastestRoundTrip), this.evictedArrival);
    return Math.max(now, oldest + this.windowMs);
  }

  /**
   * When an event could happen if `ahead` other events go first, each as early
   * as it may. `availableAfter(now, 0)` is `availableAt(now)`.
   */
  availableAfter(now: number, ahead: number, fastestRoundTrip = Number.POSITIVE_INFINITY): number {
    if (ahead <= 0) return this.availableAt(now, fastestRoundTrip);
    const first = Math.max(0, this.count - this.limit);
    const arrivals: number[] = [];
    for (let seq = first; seq < this.count; seq++)
      arrivals.push(this.arrival(seq, fastestRoundTrip));
    let floor = this.evictedArrival;
    let at = now;
    for (let i = 0; i <= ahead; i++) {
      at =
        arrivals.length < this.limit
          ? now
          : Math.max(now, Math.max(arrivals[0] as number, floor) + this.windowMs);
      arrivals.push(at);
      if (arrivals.length > this.limit) floor = Math.max(floor, arrivals.shift() as number);
    }
    return at;
  }

  /** An event starts at `at`; returns its sequence number, for `answered`. */
  record(at: number, fastestRoundTrip = Number.POSITIVE_INFINITY): number {
    const seq = this.count++;
    const slot = seq % this.limit;
    if (seq >= this.limit) {
      // The slot's previous event leaves the ring; keep how late it may have arrived.
      this.evictedArrival = Math.max(this.evictedArrival, this.arrival(seq, fastestRoundTrip));
    }
    this.sentAt[slot] = at;
    this.roundTrip[slot] = 0;
    return seq;
  }

  /** Event `seq` was answered after `roundTripMs`. Ignored once it has left the ring. */
  answered(seq: number, roundTripMs: number): void {
    if (seq < this.count - this.limit || seq >= this.count) return;
    this.roundTrip[seq % this.limit] = roundTripMs;
  }

  /** The most recent event's send time, or -Infinity. */
  lastAt(): number {
    return this.count === 0
      ? Number.NEGATIVE_INFINITY
      : (this.sentAt[(this.count - 1) % this.limit] as number);
  }

  /** Latest time the event in `seq`'s slot may have reached the server. */
  private arrival(seq: number, fastestRoundTrip: number): number {
    const slot = seq % this.limit;
    const late = Math.max(0, (this.roundTrip[slot] as number) - fastestRoundTrip);
    return (this.sentAt[slot] as number) + late;
  }
}

/**
 * Smooths a rate: `ratePerSecond` tokens a second, at most `capacity` saved up.
 * Unlike a window anchored on past sends, a timer that fires late loses
 * nothing: the tokens accrued meanwhile are still there.
 */
export class TokenBucket {
  private tokens: number;
  private at = Number.NEGATIVE_INFINITY;

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Earliest time (>= now) at which a token is there. */
  availableAt(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? now : now + ((1 - this.tokens) * 1000) / this.ratePerSecond;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    const accrued = Number.isFinite(this.at) ? ((now - this.at) * this.ratePerSecond) / 1000 : 0;
    this.tokens = Math.min(this.capacity, this.tokens + accrued);
    this.at = now;
  }
}

const MAX_EXTRA_MARGIN_MS = 400;

/** `perWindow` events per `windowMs` (fractions allowed: 0.5/s = 1 per 2 s), plus the margin. */
function windowFor(perWindow: number, windowMs: number): SlidingWindow {
  if (perWindow >= 1) {
    return new SlidingWindow(Math.floor(perWindow), windowMs + safetyMarginMs(windowMs));
  }
  const spread = windowMs / perWindow;
  return new SlidingWindow(1, spread + safetyMarginMs(spread));
}

export interface PacingLimits {
  ratePerSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
  /**
   * Paid broadcasts (allow_paid_broadcast): up to this many messages a second
   * in all. Paid sends count only here; free sends count here and in
   * `ratePerSecond`. Unset: no paid sends.
   */
  paidPerSecond?: number;
}

interface ChatPace {
  perChat: SlidingWindow;
  /** Groups only (chat_id < 0). */
  perGroup?: SlidingWindow;
  pausedUntil: number;
}

/** What `Pacer.record` hands out, to report the answer with `Pacer.answered`. */
export interface SendTicket {
  sentAt: number;
  /** Sequence in the free global window (free sends only). */
  global?: number;
  /** Sequence in the paid (total) window, when there is one. */
  paid?: number;
  /** Undefined for a message without a chat (an inline edit). */
  pace?: ChatPace;
  perChat?: number;
  perGroup?: number;
}

/** Group chat ids are negative; private chats (users) are positive. */
export function isGroupChat(chatId: number): boolean {
  return chatId < 0;
}

/**
 * All the flood limits together: the global rate (a hard sliding window, and
 * a token bucket that spreads it out in bursts of at most 20 ms worth);
 * per-chat and per-group windows; 429 pauses per chat and per lane.
 */
export class Pacer {
  private readonly global: SlidingWindow;
  private readonly globalWindowMs: number;
  /** Added to the global window after unexpected 429s. */
  private extraMarginMs = 0;
  private widenedAt = 0;
  private readonly smooth: TokenBucket;
  /** Paid broadcasts: every send, at the paid rate. */
  private readonly paidGlobal?: SlidingWindow;
  private readonly paidSmooth?: TokenBucket;
  private readonly chats = new Map<number, ChatPace>();
  private readonly lanePausedUntil: number[] = [0, 0, 0];
  /** The fastest round trip seen: what a request that was not held up takes. */
  private fastest = Number.POSITIVE_INFINITY;

  constructor(readonly limits: PacingLimits) {
    this.global = windowFor(limits.ratePerSecond, 1000);
    this.globalWindowMs = this.global.windowMs;
    const burst = Math.max(2, Math.floor(limits.ratePerSecond / 50));
    this.smooth = new TokenBucket(limits.ratePerSecond, burst);
    if (limits.paidPerSecond !== undefined && limits.paidPerSecond > limits.ratePerSecond) {
      this.paidGlobal = windowFor(limits.paidPerSecond, 1000);
      this.paidSmooth = new TokenBucket(
        limits.paidPerSecond,
        Math.max(2, Math.floor(limits.paidPerSecond / 50)),
      );
    }
  }

  /** Whether paid sends are configured. */
  get paidEnabled(): boolean {
    return this.paidGlobal !== undefined;
  }

  /** When the global rate allows the next send (a paid one: the paid rate only). */
  globalReadyAt(now: number, paid = false): number {
    const total =
      this.paidGlobal && this.paidSmooth
        ? Math.max(this.paidGlobal.availableAt(now, this.fastest), this.paidSmooth.availableAt(now))
        : now;
    if (paid && this.paidGlobal) return total;
    return Math.max(
      total,
      this.global.availableAt(now, this.fastest),
      this.smooth.availableAt(now),
    );
  }

  laneReadyAt(priority: number, now: number): number {
    return Math.max(now, this.lanePausedUntil[priority] ?? 0);
  }

  /** When `chatId` may receive a message, if `ahead` of its messages go first. */
  chatReadyAt(chatId: number, now: number, ahead = 0): number {
    const pace = this.chats.get(chatId);
    if (!pace) return ahead === 0 ? now : this.fresh(chatId).perChat.availableAfter(now, ahead);
    let at = Math.max(now, pace.pausedUntil, pace.perChat.availableAfter(now, ahead, this.fastest));
    if (pace.perGroup) at = Math.max(at, pace.perGroup.availableAfter(now, ahead, this.fastest));
    return at;
  }

  /** A request to `chatId` (undefined: no chat) starts now; `paid` with allow_paid_broadcast. */
  record(chatId: number | undefined, now: number, paid = false): SendTicket {
    if (this.extraMarginMs > 0 && now - this.widenedAt > 30_000) this.narrowGlobal(now);
    const ticket: SendTicket = { sentAt: now };
    if (this.paidGlobal && this.paidSmooth) {
      this.paidSmooth.take(now);
      ticket.paid = this.paidGlobal.record(now, this.fastest);
    }
    if (!(paid && this.paidGlobal)) {
      this.smooth.take(now);
      ticket.global = this.global.record(now, this.fastest);
    }
    if (chatId === undefined) return ticket;
    const pace = this.chats.get(chatId) ?? this.fresh(chatId);
    this.chats.set(chatId, pace);
    ticket.pace = pace;
    ticket.perChat = pace.perChat.record(now, this.fastest);
    if (pace.perGroup) ticket.perGroup = pace.perGroup.record(now, this.fastest);
    return ticket;
  }

  /** The request answered (or failed) at `now`. */
  answered(ticket: SendTicket, now: number): void {
    const roundTrip = now - ticket.sentAt;
    this.fastest = Math.min(this.fastest, roundTrip);
    if (ticket.global !== undefined) this.global.answered(ticket.global, roundTrip);
    if (ticket.paid !== undefined) this.paidGlobal?.answered(ticket.paid, roundTrip);
    if (ticket.perChat !== undefined) ticket.pace?.perChat.answered(ticket.perChat, roundTrip);
    if (ticket.perGroup !== undefined) ticket.pace?.perGroup?.answered(ticket.perGroup, roundTrip);
  }

  /**
   * Telegram refused a send we paced within the global limit. Doubles an
   * extra margin on the global window (25 ms, 50 ms... at most 400 ms); it
   * halves again after each 30 s without another.
   */
  widenGlobal(now: number): void {
    this.extraMarginMs = Math.min(MAX_EXTRA_MARGIN_MS, Math.max(25, this.extraMarginMs * 2));
    this.widenedAt = now;
    this.global.windowMs = this.globalWindowMs + this.extraMarginMs;
  }

  private narrowGlobal(now: number): void {
    this.extraMarginMs = this.extraMarginMs < 50 ? 0 : this.extraMarginMs / 2;
    this.widenedAt = now;
    this.global.windowMs = this.globalWindowMs + this.extraMarginMs;
  }

  pauseChat(chatId: number, until: number): void {
    const pace = this.chats.get(chatId) ?? this.fresh(chatId);
    pace.pausedUntil = Math.max(pace.pausedUntil, until);
    this.chats.set(chatId, pace);
  }

  pauseLane(priority: number, until: number): void {
    this.lanePausedUntil[priority] = Math.max(this.lanePausedUntil[priority] ?? 0, until);
  }

  /** Forgets chats whose windows and pauses are all over (keeps memory flat over 100,000 chats). */
  prune(now: number): void {
    for (const [chatId, pace] of this.chats) {
      // Each chat is kept as long as its own longest window (a second for a
      // private chat, a minute for a group): at 1,000 messages a second that is
      // the difference between about 1,000 chats held and 60,000.
      const windowMs = Math.max(pace.perChat.windowMs, pace.perGroup?.windowMs ?? 0);
      const keep = windowMs + MAX_EXTRA_MARGIN_MS + 5_000;
      const last = Math.max(pace.perChat.lastAt(), pace.perGroup?.lastAt() ?? -Infinity);
      if (pace.pausedUntil <= now && last < now - keep) this.chats.delete(chatId);
    }
  }

  private fresh(chatId: number): ChatPace {
    const { perChatPerSecond, perGroupPerMinute } = this.limits;
    const pace: ChatPace = { perChat: windowFor(perChatPerSecond, 1000), pausedUntil: 0 };
    if (isGroupChat(chatId)) pace.perGroup = windowFor(perGroupPerMinute, 60_000);
    return pace;
  }
}
