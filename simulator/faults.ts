/**
 * Fault injection for the fake Telegram: make it fail the way Telegram does.
 *
 *   const rule = fake.injectFault({
 *     method: "sendMessage",   // a method, a list of methods, or omitted / "*": every method
 *                              // (getUpdates and getMe included; file downloads never fail)
 *     chatId: [1001, -42],     // only calls whose `chat_id` is one of these; calls without a
 *                              // chat_id (answerCallbackQuery, getMe, ...) never match a chat
 *                              // rule, so target those by method only
 *     rate: 0.3, seed: 7,      // fire for about 30% of the matching calls, drawn from a PRNG
 *                              // seeded with `seed` (default 1): the same sequence of
 *                              // matching calls gets the same faults on every run
 *     times: 2,                // fire at most twice, then the rule is gone; default: until cleared
 *     fault: { kind: "tooManyRequests", retryAfter: 3 },
 *   });
 *   rule.fired;                // how many calls this rule has failed so far
 *   rule.clear();              // or fake.clearFaults() for all rules
 *
 * Fault kinds (`fault.kind`), with Telegram's own error texts:
 *   tooManyRequests {retryAfter=1}  429 "Too Many Requests: retry after N", parameters.retry_after N
 *   blocked                         403 "Forbidden: bot was blocked by the user" (a one-off answer;
 *                                   use fake.userBlocked() for a user who stays blocked)
 *   notModified                     400 "Bad Request: message is not modified: ..."
 *   queryTooOld                     400 "Bad Request: query is too old and response timeout
 *                                   expired or query ID is invalid"
 *   internalError                   500 "Internal Server Error"
 *   badGateway {json=false}         502 as Telegram's nginx sends it: an HTML page, so grammY
 *                                   throws an HttpError; `json: true` answers a Bot API error
 *                                   {error_code: 502, description: "Bad Gateway"} instead
 *   error {error}                   any other Bot API error; error_code <= 0 means `cut`
 *   hang {ms}                       no answer for `ms`, then the call is handled normally
 *                                   (applied and answered late). If the client gives up first,
 *                                   or the fake closes (without `ms`: hangs until one of those),
 *                                   the connection is dropped and the call is NOT applied.
 *   cut                             the connection is destroyed without an answer; not applied
 *   lostAnswer                      the call IS applied (message stored, update offset moved),
 *                                   then the connection is destroyed: the client sees a
 *                                   network error for something that happened, which is how
 *                                   duplicates are made in real life
 *
 * All of these are checked after the token and before anything else (the rate limiter,
 * blocked users, message lookups): a failed call changes nothing in the fake, except
 * `hang` (when answered) and `lostAnswer`. Rules are tried in the order they were added;
 * the first that matches and fires answers the call (a rule with a rate that does not
 * fire lets the next rule try). `failNext(method, error, times)` is a rule with
 * `{ method, times, fault: { kind: "error", error } }`, so queued failures keep their order.
 *
 * Every faulted call is in the call log: `call.fault` is the kind, `errorCode` and
 * `description` are what the client was told, `dropped` is true when the connection was
 * closed without an answer, and `ok` says whether the fake applied the call.
 *
 * Reachability, for the whole fake (not per call, and not in the call log, since no
 * request reaches Telegram):
 *   await fake.unreachable()              stops listening: connections are refused
 *                                         (ECONNREFUSED) and open ones are cut
 *   await fake.unreachable("blackhole")   keeps the port, but never answers: requests hang
 *                                         until the client gives up (like a blocked network)
 *   await fake.reachable()                back on the same apiRoot
 */
/** The error part of a failed Bot API answer. */
export interface FakeApiError {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

export type Fault =
  | { kind: "tooManyRequests"; retryAfter?: number }
  | { kind: "blocked" }
  | { kind: "notModified" }
  | { kind: "queryTooOld" }
  | { kind: "internalError" }
  | { kind: "badGateway"; json?: boolean }
  | { kind: "error"; error: FakeApiError }
  | { kind: "hang"; ms?: number }
  | { kind: "cut" }
  | { kind: "lostAnswer" };

export type FaultKind = Fault["kind"];

export interface FaultRule {
  /** A method, several, or "*" / omitted for every method. */
  method?: string | readonly string[];
  /** Only calls whose chat_id is one of these. */
  chatId?: number | string | readonly (number | string)[];
  /** Probability (0..1) that a matching call fails; default 1. */
  rate?: number;
  /** Seed of the rule's PRNG (used with `rate`); default 1. */
  seed?: number;
  /** Fail at most this many calls; default: until cleared. */
  times?: number;
  fault: Fault;
}

export interface FaultHandle {
  /** Calls this rule has failed so far. */
  readonly fired: number;
  /** False once cleared or used up. */
  readonly active: boolean;
  clear(): void;
}

export const DESCRIPTIONS = {
  blocked: "Forbidden: bot was blocked by the user",
  notModified:
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  queryTooOld: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  internalError: "Internal Server Error",
  badGateway: "Bad Gateway",
} as const;

export const tooManyRequests = (retryAfter: number): FakeApiError => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

/** What nginx in front of the Bot API answers when the backend is down. */
export const BAD_GATEWAY_HTML =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** The Bot API error a fault answers with, or undefined for connection-level faults. */
export function faultError(fault: Fault): FakeApiError | undefined {
  switch (fault.kind) {
    case "tooManyRequests":
      return tooManyRequests(fault.retryAfter ?? 1);
    case "blocked":
      return { error_code: 403, description: DESCRIPTIONS.blocked };
    case "notModified":
      return { error_code: 400, description: DESCRIPTIONS.notModified };
    case "queryTooOld":
      return { error_code: 400, description: DESCRIPTIONS.queryTooOld };
    case "internalError":
      return { error_code: 500, description: DESCRIPTIONS.internalError };
    case "badGateway":
      return { error_code: 502, description: DESCRIPTIONS.badGateway };
    case "error":
      return fault.error;
    default:
      return undefined;
  }
}

interface ActiveRule {
  methods: Set<string> | undefined;
  chats: Set<string> | undefined;
  rate: number | undefined;
  next: () => number;
  remaining: number;
  fired: number;
  active: boolean;
  fault: Fault;
}

/** The ordered list of fault rules; `pick` decides the fault (if any) for one call. */
export class FaultPlan {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): FaultHandle {
    const { rate, times } = rule;
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new RangeError(`fault rate must be within 0..1, got ${rate}`);
    }
    if (times !== undefined && !(Number.isInteger(times) && times > 0)) {
      throw new RangeError(`fault times must be a positive integer, got ${times}`);
    }
    const fault = normalize(rule.fault);
    const methods = rule.method === undefined || rule.method === "*" ? undefined : rule.method;
    const chats = rule.chatId;
    const active: ActiveRule = {
      methods:
        methods === undefined
          ? undefined
          : new Set(typeof methods === "string" ? [methods] : methods),
      chats:
        chats === undefined
          ? undefined
          : new Set((Array.isArray(chats) ? chats : [chats]).map((c) => String(c))),
      rate,
      next: mulberry32(rule.seed ?? 1),
      remaining: times ?? Number.POSITIVE_INFINITY,
      fired: 0,
      active: true,
      fault,
    };
    this.rules.push(active);
    const remove = () => {
      active.active = false;
      this.rules = this.rules.filter((r) => r !== active);
    };
    return {
      get fired() {
        return active.fired;
      },
      get active() {
        return active.active;
      },
      clear: remove,
    };
  }

  clear(): void {
    for (const rule of this.rules) rule.active = false;
    this.rules = [];
  }

  /** The fault for a call to `method` with these params, counting it against its rule. */
  pick(method: string, params: Record<string, unknown>): Fault | undefined {
    const chatId = params.chat_id;
    for (const rule of this.rules) {
      if (rule.methods && !rule.methods.has(method)) continue;
      if (rule.chats) {
        if (chatId === undefined || chatId === null || !rule.chats.has(String(chatId))) continue;
      }
      if (rule.rate !== undefined && rule.next() >= rule.rate) continue;
      rule.fired++;
      if (--rule.remaining <= 0) {
        rule.active = false;
        this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule.fault;
    }
    return undefined;
  }
}

/** `error` with a non-positive code is a cut connection (how failNext spelled it). */
function normalize(fault: Fault): Fault {
  if (fault.kind === "error" && fault.error.error_code <= 0) return { kind: "cut" };
  if (fault.kind === "hang" && fault.ms !== undefined && !(fault.ms >= 0)) {
    throw new RangeError(`hang ms must be >= 0, got ${fault.ms}`);
  }
  if (fault.kind === "tooManyRequests" && fault.retryAfter !== undefined) {
    if (!(Number.isInteger(fault.retryAfter) && fault.retryAfter > 0)) {
      throw new RangeError(`retryAfter must be a positive integer, got ${fault.retryAfter}`);
    }
  }
  return fault;
}

/** A small seeded PRNG (mulberry32): uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
