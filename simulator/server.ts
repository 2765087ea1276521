/**
 * A fake Telegram Bot API served over real HTTP on 127.0.0.1.
 *
 * Point grammY at it with `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 * It records every call, keeps per-chat message state (sends, edits, deletes,
 * pins), simulates users who never started / blocked the bot, groups the bot
 * was removed from or that migrated to supergroups, optional rate limits (429)
 * and injected faults (see faults.ts: Telegram's errors, hangs, cut connections,
 * lost answers, an unreachable server). It never talks to the real Telegram.
 *
 * A plain Node module (no test framework imports), so it can also serve a demo.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
// Timers from node:timers are not replaced by vitest's fake timers on globalThis.
import { clearTimeout, setTimeout } from "node:timers";
import type { Chat, Update, User, UserFromGetMe } from "grammy/types";
import {
  BAD_GATEWAY_HTML,
  DESCRIPTIONS,
  type FakeApiError,
  type Fault,
  type FaultHandle,
  type FaultKind,
  FaultPlan,
  type FaultRule,
  faultError,
} from "./faults.js";
import { multipartBoundary, parseMultipart } from "./multipart.js";
import {
  callbackPress,
  groupChat,
  privateChat,
  privateContact,
  privateText,
  groupText as textInGroup,
} from "./updates.js";

export type { FakeApiError, Fault, FaultHandle, FaultKind, FaultRule } from "./faults.js";

export interface FakeLimits {
  /** Messages a second in all, counting free sends only (paid broadcasts ignore it). */
  globalPerSecond?: number;
  /**
   * Paid broadcasts: sends with allow_paid_broadcast count only here, with
   * every other send; a free send must fit both windows.
   */
  paidPerSecond?: number;
  perChatPerSecond?: number;
  perGroupPerMinute?: number;
}

export interface FakeTelegramOptions {
  /** Bot token; default "123456:TEST-TOKEN". */
  token?: string;
  /** Bot identity; default id 123456, username "linli_test_bot", first_name "Linli". */
  bot?: { id: number; username: string; first_name: string };
  /** Delay before answering every request; default 0. */
  latencyMs?: number;
  /** When set, sending methods answer 429 once a window is full. */
  limits?: FakeLimits;
  /** Private sends fail with 403 until `userStarted(id)`; default true. */
  requireStart?: boolean;
}

export type UploadedFile = { filename?: string; content: Buffer };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Uploaded files, keyed by the parameter that references them (e.g. "document"). */
  files: Record<string, UploadedFile>;
  /** Date.now() on arrival. */
  at: number;
  /** Whether the fake applied the call (true for a lostAnswer, whose answer never arrived). */
  ok: boolean;
  errorCode?: number;
  description?: string;
  result?: unknown;
  /** The injected fault that answered, delayed or cut this call. */
  fault?: FaultKind;
  /** The connection was closed without an answer (cut, lost answer, abandoned hang). */
  dropped?: boolean;
}

export interface FakeMessage {
  message_id: number;
  chat_id: number;
  text?: string;
  caption?: string;
  /** `entities` for texts, `caption_entities` for captions. */
  entities?: unknown[];
  parse_mode?: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests poke into keyboards freely
  reply_markup?: any;
  /** Sent document; `file_id` can be used with getFile. */
  document?: UploadedFile & { file_id?: string };
  photo?: UploadedFile;
  edits: number;
  deleted: boolean;
  pinned: boolean;
  /** Method that created the message (sendMessage, sendDocument, copyMessage, ...). */
  method: string;
}

/** Something a person sent in a chat (the simulator keeps it so a page can show it). */
export interface PersonMessage {
  chat_id: number;
  from: User;
  text: string;
  /** Date.now() when sent. */
  at: number;
}

/** What changed, for whoever watches the simulator (a page of phones). */
export type SimEvent =
  | { kind: "message"; chatId: number }
  | { kind: "toast"; userId: number; text: string; alert: boolean }
  | { kind: "menu"; chatId: number | undefined };

/** One line of a chat as a person sees it, oldest first. */
export type ChatEntry =
  | { seq: number; by: "bot"; message: FakeMessage }
  | { seq: number; by: "person"; message: PersonMessage };

type Params = Record<string, unknown>;
type StoredFile = {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  content: Buffer;
  undeclaredSize: boolean;
};

/** Methods that create a message; subject to rate limits and target checks. */
const SENDING_METHODS = new Set([
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "copyMessage",
  "forwardMessage",
]);

/** Thrown inside handlers; turned into `{ ok: false, ... }`. */
class ApiFailure extends Error {
  constructor(readonly error: FakeApiError) {
    super(error.description);
  }
}

function fail(error_code: number, description: string, parameters?: Params): never {
  throw new ApiFailure(
    parameters ? { error_code, description, parameters } : { error_code, description },
  );
}

export class FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  calls: RecordedCall[] = [];

  private latencyMs: number;
  private limits: FakeLimits | undefined;
  private readonly requireStart: boolean;

  private readonly started = new Set<number>();
  private readonly blocked = new Set<number>();
  private readonly removed = new Set<number>();
  private readonly migrated = new Map<number, number>();
  private readonly cannotPin = new Set<number>();
  private readonly messages = new Map<number, FakeMessage[]>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly faults = new FaultPlan();
  /** Hung calls, woken with "closing" by close(). */
  private readonly holds = new Set<() => void>();
  /** Requests swallowed while unreachable("blackhole"); destroyed when reachable again. */
  private readonly blackholed = new Set<ServerResponse>();
  private reachability: "up" | "refuse" | "blackhole" = "up";
  /** Time and chat of every send that passed the rate limiter (pruned after 60 s). */
  /**
   * When recent sends happened, for the flood limits: every send and the free
   * (not paid) ones in the last second, and each chat's in the last minute.
   * Kept per window so a check costs the window's size, not the whole log's
   * (at 1,000/s a minute of sends scanned per send made the fake the bottleneck).
   */
  private readonly recentAll = new TimeWindow(1000);
  private readonly recentFree = new TimeWindow(1000);
  private readonly recentByChat = new Map<number, TimeWindow>();
  private sendsSinceSweep = 0;
  private updates: Update[] = [];
  /** Pending getUpdates long polls; called with `closing=true` on close(). */
  private readonly pollers = new Set<(closing: boolean) => void>();
  private readonly counters = {
    requests: 0,
    rateLimited: 0,
    sentMessages: 0,
    faults: 0,
    unreachable: 0,
  };
  private fileCounter = 0;
  private closed = false;
  /** Order of everything said in every chat, the bot's messages and people's alike. */
  private seq = 0;
  private readonly order = new WeakMap<FakeMessage, number>();
  private readonly said = new Map<number, Array<{ seq: number; message: PersonMessage }>>();
  private readonly listeners = new Set<(event: SimEvent) => void>();
  /** Menu buttons set with setChatMenuButton; key 0 is the default for every chat. */
  private readonly menuButtons = new Map<number, Params>();
  /** Who pressed each callback query the bot may still answer. */
  private readonly pressedBy = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    private readonly port: number,
    apiRoot: string,
    opts: FakeTelegramOptions,
  ) {
    this.apiRoot = apiRoot;
    this.token = opts.token ?? "123456:TEST-TOKEN";
    const bot = opts.bot ?? { id: 123456, username: "linli_test_bot", first_name: "Linli" };
    this.botInfo = {
      ...bot,
      is_bot: true,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.latencyMs = opts.latencyMs ?? 0;
    this.limits = opts.limits;
    this.requireStart = opts.requireStart ?? true;
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTelegram(server, port, `http://127.0.0.1:${port}`, opts);
    server.on("request", (req, res) => {
      fake.handle(req, res).catch(() => res.destroy());
    });
    return fake;
  }

  // ---------------------------------------------------------------- queries

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  messagesIn(chatId: number): FakeMessage[] {
    return [...(this.messages.get(chatId) ?? [])];
  }

  lastMessageIn(chatId: number): FakeMessage | undefined {
    return this.messages.get(chatId)?.at(-1);
  }

  textsIn(chatId: number): string[] {
    return this.messagesIn(chatId)
      .filter((m) => !m.deleted)
      .map((m) => m.text ?? m.caption ?? "");
  }

  /** A chat as its members see it: the bot's messages and what people said, in order. */
  chatLog(chatId: number): ChatEntry[] {
    const bot: ChatEntry[] = (this.messages.get(chatId) ?? []).map((message) => ({
      seq: this.order.get(message) ?? 0,
      by: "bot",
      message,
    }));
    const people: ChatEntry[] = (this.said.get(chatId) ?? []).map(({ seq, message }) => ({
      seq,
      by: "person",
      message,
    }));
    return [...bot, ...people].sort((a, b) => a.seq - b.seq);
  }

  /** The menu button the bot set for a chat (or for all chats), if any. */
  menuButtonFor(chatId: number): Params | undefined {
    return this.menuButtons.get(chatId) ?? this.menuButtons.get(0);
  }

  /** Calls `listener` on every change a page may want to show; returns the unsubscribe. */
  watch(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --------------------------------------------------- people (for polling bots)

  /**
   * `from` writes `text` in a chat (their private chat with the bot, or a group): the
   * update is queued for getUpdates, and the line kept for chatLog. In a private chat
   * this means the person has pressed Start.
   */
  say(from: User, text: string, chat: Chat = privateChat(from)): Update {
    if (chat.type === "private") this.userStarted(from.id);
    const update =
      chat.type === "private" ? privateText(from, text) : textInGroup(from, chat, text);
    this.keep(chat.id, { chat_id: chat.id, from, text, at: Date.now() });
    this.queueUpdate(update);
    return update;
  }

  /** `from` shares their own phone number (a contact button on a reply keyboard). */
  shareContact(from: User, phone: string): Update {
    this.userStarted(from.id);
    const update = privateContact(from, { phone_number: phone });
    this.keep(from.id, { chat_id: from.id, from, text: `📱 ${phone}`, at: Date.now() });
    this.queueUpdate(update);
    return update;
  }

  /** `from` presses the inline button `data` under the bot's message `messageId` in `chatId`. */
  press(from: User, chatId: number, messageId: number, data: string): Update {
    const msg = this.findMessage(chatId, messageId);
    const chat: Chat = chatId > 0 ? privateChat(from) : groupChat(chatId);
    const update = callbackPress(
      from,
      msg?.text !== undefined
        ? { chat, message_id: messageId, text: msg.text }
        : { chat, message_id: messageId },
      data,
    );
    const id = update.callback_query?.id;
    if (id) this.pressedBy.set(id, from.id);
    this.queueUpdate(update);
    return update;
  }

  private keep(chatId: number, message: PersonMessage): void {
    const list = this.said.get(chatId) ?? [];
    list.push({ seq: ++this.seq, message });
    this.said.set(chatId, list);
    this.emit({ kind: "message", chatId });
  }

  private emit(event: SimEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a watcher's failure is not Telegram's
      }
    }
  }

  /**
   * Requests received, 429s from the rate limiter, messages stored, calls failed by an
   * injected fault, and requests swallowed while unreachable("blackhole").
   */
  stats(): {
    requests: number;
    rateLimited: number;
    sentMessages: number;
    faults: number;
    unreachable: number;
  } {
    return { ...this.counters };
  }

  // ------------------------------------------------------------- scenarios

  /** The user pressed Start (also undoes a block). */
  userStarted(userId: number): void {
    this.started.add(userId);
    this.blocked.delete(userId);
  }

  userBlocked(userId: number): void {
    this.blocked.add(userId);
  }

  botRemovedFrom(chatId: number): void {
    this.removed.add(chatId);
  }

  migrateGroup(oldId: number, newId: number): void {
    this.migrated.set(oldId, newId);
  }

  setCanPin(chatId: number, canPin: boolean): void {
    if (canPin) this.cannotPin.delete(chatId);
    else this.cannotPin.add(chatId);
  }

  /**
   * Stores a file; returns a file_id usable with getFile and the download URL.
   * `undeclaredSize`: getFile gives no file_size and the download comes
   * chunked, without a content-length (the size is known only by reading it).
   */
  addFile(
    content: string | Buffer,
    filePath?: string,
    options: { undeclaredSize?: boolean } = {},
  ): string {
    const n = ++this.fileCounter;
    const file: StoredFile = {
      file_id: `BQACAgIAAxkBAAI-fake-${n}`,
      file_unique_id: `AgAD-fake-${n}`,
      file_path: filePath ?? `documents/file_${n}`,
      content: typeof content === "string" ? Buffer.from(content) : content,
      undeclaredSize: options.undeclaredSize ?? false,
    };
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file.file_id;
  }

  /** Adds a fault rule (see faults.ts); it stays until used up or cleared. */
  injectFault(rule: FaultRule): FaultHandle {
    return this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * The next `times` calls to `method` fail with `error`, before any other check.
   * An `error_code` <= 0 simulates a network failure: the connection is dropped
   * without an answer (grammY throws an HttpError). A fault rule like any other.
   */
  failNext(method: string, error: FakeApiError, times = 1): FaultHandle {
    return this.faults.add({ method, times, fault: { kind: "error", error } });
  }

  /**
   * Telegram can't be reached. "refuse" (default) stops listening, so connections are
   * refused, and cuts the open ones; "blackhole" accepts connections and never answers.
   */
  async unreachable(mode: "refuse" | "blackhole" = "refuse"): Promise<void> {
    if (this.closed) throw new Error("the fake is closed");
    if (this.reachability !== "up") await this.reachable();
    this.reachability = mode;
    if (mode === "blackhole") return;
    // The network went away: open connections (keep-alive ones and long polls) die too.
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Telegram is back, on the same apiRoot. */
  async reachable(): Promise<void> {
    if (this.closed) throw new Error("the fake is closed");
    const was = this.reachability;
    this.reachability = "up";
    if (was === "blackhole") {
      // Those connections timed out in the meantime; the client has to connect again.
      for (const res of [...this.blackholed]) res.destroy();
      this.blackholed.clear();
    } else if (was === "refuse") {
      await new Promise<void>((resolve, reject) => {
        this.server.once("error", reject);
        this.server.listen({ port: this.port, host: "127.0.0.1", backlog: 4096 }, () => {
          this.server.off("error", reject);
          resolve();
        });
      });
    }
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  setLimits(limits: FakeLimits | undefined): void {
    this.limits = limits;
  }

  queueUpdate(update: Update): void {
    this.updates.push(update);
    for (const wake of this.pollers) wake(false);
  }

  clearCalls(): void {
    this.calls = [];
  }

  /** Stops the server; pending long polls answer [] first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.pollers]) wake(true);
    for (const wake of [...this.holds]) wake();
    for (const res of [...this.blackholed]) res.destroy();
    this.blackholed.clear();
    await new Promise<void>((resolve) => {
      // Answers with an error if unreachable() already stopped listening; fine either way.
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Give just-written answers a tick to flush, then drop what is left.
      setTimeout(() => this.server.closeAllConnections(), 10);
    });
  }

  // ------------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.reachability === "blackhole") {
      // Never answered and not recorded: the request did not reach Telegram.
      this.counters.unreachable++;
      req.resume();
      this.blackholed.add(res);
      res.once("close", () => this.blackholed.delete(res));
      return;
    }
    this.counters.requests++;
    const at = Date.now();
    const url = new URL(req.url ?? "/", this.apiRoot);

    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      req.resume();
      return this.serveFile(res, download[1] ?? "", decodeURIComponent(download[2] ?? ""));
    }
    const route = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return respond(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    const [, token = "", method = ""] = route;
    // Record on arrival so `calls` keeps arrival order; filled in below.
    const call: RecordedCall = { method, params: {}, files: {}, at, ok: false };
    this.calls.push(call);

    try {
      const parsed = parseRequest(req.headers["content-type"] ?? "", await readBody(req), url);
      call.params = parsed.params;
      call.files = parsed.files;
      if (this.latencyMs > 0) await delay(this.latencyMs);
      if (token !== this.token) fail(401, "Unauthorized");
      const fault = this.faults.pick(method, call.params);
      if (fault) {
        call.fault = fault.kind;
        this.counters.faults++;
        if (!(await this.beforeDispatch(fault, call, res))) return;
      }
      const result = await this.dispatch(method, call, res);
      call.ok = true;
      call.result = result;
      if (fault?.kind === "lostAnswer") return drop(call, res);
      respond(res, 200, { ok: true, result });
    } catch (err) {
      const error: FakeApiError =
        err instanceof ApiFailure
          ? err.error
          : { error_code: 500, description: `Internal Server Error: ${String(err)}` };
      call.errorCode = error.error_code;
      call.description = error.description;
      if (call.fault === "lostAnswer") return drop(call, res); // the error answer is lost too
      const status = error.error_code >= 400 && error.error_code <= 599 ? error.error_code : 500;
      respond(res, status, { ok: false, ...error });
    }
  }

  /**
   * Plays an injected fault before the call is dispatched. Throws the fault's Bot API
   * error, or returns false when the call is finished (cut, 502 page, abandoned hang),
   * or true to go on with the call normally (an answered hang, a lost answer).
   */
  private async beforeDispatch(
    fault: Fault,
    call: RecordedCall,
    res: ServerResponse,
  ): Promise<boolean> {
    switch (fault.kind) {
      case "cut":
        drop(call, res);
        return false;
      case "lostAnswer":
        return true;
      case "hang": {
        const outcome = await this.hold(res, fault.ms);
        if (outcome === "elapsed") return true;
        drop(call, res); // the client gave up or the fake is closing: never applied
        return false;
      }
      case "badGateway":
        if (fault.json) break;
        call.errorCode = 502;
        call.description = DESCRIPTIONS.badGateway;
        respondRaw(res, 502, "text/html", BAD_GATEWAY_HTML);
        return false;
      default:
        break;
    }
    const error = faultError(fault);
    if (error) throw new ApiFailure(error);
    return true;
  }

  /** Waits `ms` (forever if undefined) unless the client leaves or the fake closes. */
  private hold(
    res: ServerResponse,
    ms: number | undefined,
  ): Promise<"elapsed" | "gone" | "closing"> {
    if (res.destroyed || res.socket?.destroyed !== false) return Promise.resolve("gone");
    return new Promise((resolve) => {
      const finish = (outcome: "elapsed" | "gone" | "closing") => {
        if (timer) clearTimeout(timer);
        this.holds.delete(wake);
        res.off("close", onGone);
        resolve(outcome);
      };
      const wake = () => finish("closing");
      const onGone = () => finish("gone");
      const timer = ms === undefined ? undefined : setTimeout(() => finish("elapsed"), ms);
      this.holds.add(wake);
      res.once("close", onGone);
    });
  }

  private serveFile(res: ServerResponse, token: string, path: string): void {
    const file = this.filesByPath.get(path);
    if (token !== this.token || !file) {
      const [error_code, description] =
        token !== this.token ? [401, "Unauthorized"] : [404, "Not Found"];
      respond(res, error_code, { ok: false, error_code, description });
      return;
    }
    if (file.undeclaredSize) {
      // Chunked: the reader learns the size only by reading (and may stop early).
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let at = 0; at < file.content.length; at += 64 * 1024) {
        res.write(file.content.subarray(at, at + 64 * 1024));
      }
      res.end();
      return;
    }
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": file.content.length,
    });
    res.end(file.content);
  }

  // --------------------------------------------------------------- methods

  private dispatch(method: string, call: RecordedCall, res: ServerResponse): unknown {
    const p = call.params;
    if (SENDING_METHODS.has(method)) return this.send(method, p, call.files);
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "getUpdates":
        return this.getUpdates(p, res);
      case "editMessageText":
      case "editMessageCaption":
      case "editMessageReplyMarkup":
        return this.edit(method, p);
      case "deleteMessage": {
        const msg = this.findMessage(p.chat_id, p.message_id);
        if (!msg) fail(400, "Bad Request: message to delete not found");
        msg.deleted = true;
        this.emit({ kind: "message", chatId: msg.chat_id });
        return true;
      }
      case "pinChatMessage": {
        if (this.cannotPin.has(Number(p.chat_id))) {
          fail(400, "Bad Request: not enough rights to manage pinned messages in the chat");
        }
        const msg = this.findMessage(p.chat_id, p.message_id);
        if (msg) msg.pinned = true;
        return true;
      }
      case "unpinChatMessage": {
        const msg = this.findMessage(p.chat_id, p.message_id);
        if (msg) msg.pinned = false;
        return true;
      }
      case "getFile": {
        const file = this.files.get(String(p.file_id));
        if (!file) fail(400, "Bad Request: invalid file_id");
        const { file_id, file_unique_id, file_path, content, undeclaredSize } = file;
        if (undeclaredSize) return { file_id, file_unique_id, file_path };
        return { file_id, file_unique_id, file_size: content.length, file_path };
      }
      case "getChat":
        return {
          ...this.chatFor(toChatId(p.chat_id)),
          accent_color_id: 0,
          max_reaction_count: 11,
          accepted_gift_types: {
            unlimited_gifts: false,
            limited_gifts: false,
            unique_gifts: false,
            premium_subscription: false,
            gifts_from_channels: false,
          },
        };
      case "getChatMember":
        return this.chatMember(toChatId(p.chat_id), Number(p.user_id));
      case "getWebhookInfo":
        return {
          url: "",
          has_custom_certificate: false,
          pending_update_count: this.updates.length,
        };
      case "answerCallbackQuery": {
        const id = String(p.callback_query_id ?? "");
        const userId = this.pressedBy.get(id);
        this.pressedBy.delete(id);
        if (userId !== undefined && typeof p.text === "string" && p.text !== "") {
          this.emit({ kind: "toast", userId, text: p.text, alert: p.show_alert === true });
        }
        return true;
      }
      case "setChatMenuButton": {
        const chatId = p.chat_id === undefined ? undefined : toChatId(p.chat_id);
        const button = (p.menu_button as Params | undefined) ?? { type: "default" };
        this.menuButtons.set(chatId ?? 0, button);
        this.emit({ kind: "menu", chatId });
        return true;
      }
      default:
        // setMyCommands, sendChatAction, unknown methods, ...
        return true;
    }
  }

  /** sendMessage / sendDocument / sendPhoto / copyMessage / forwardMessage. */
  private send(method: string, p: Params, files: Record<string, UploadedFile>): unknown {
    const chatId = toChatId(p.chat_id);
    const now = Date.now();
    const paid = p.allow_paid_broadcast === true || p.allow_paid_broadcast === "true";
    this.checkRateLimits(chatId, now, paid);
    this.recordSend(chatId, now, paid);
    this.checkTarget(chatId);

    const msg = this.buildMessage(method, chatId, p, files);
    validateMessage(msg);
    const list = this.messages.get(chatId) ?? [];
    list.push(msg);
    this.messages.set(chatId, list);
    this.order.set(msg, ++this.seq);
    this.counters.sentMessages++;
    this.emit({ kind: "message", chatId });
    // copyMessage answers a MessageId, the others a full Message.
    return method === "copyMessage" ? { message_id: msg.message_id } : this.toMessage(msg);
  }

  private buildMessage(
    method: string,
    chatId: number,
    p: Params,
    files: Record<string, UploadedFile>,
  ): FakeMessage {
    const msg: FakeMessage = {
      message_id: (this.messages.get(chatId)?.length ?? 0) + 1,
      chat_id: chatId,
      edits: 0,
      deleted: false,
      pinned: false,
      method,
    };
    if (typeof p.parse_mode === "string") msg.parse_mode = p.parse_mode;
    if (p.reply_markup !== undefined) msg.reply_markup = p.reply_markup;

    if (method === "sendMessage") {
      msg.text = typeof p.text === "string" ? p.text : "";
      if (Array.isArray(p.entities)) msg.entities = p.entities;
    } else if (method === "copyMessage" || method === "forwardMessage") {
      // Copy what we know about the source; messages from users are unknown here.
      const src = this.findMessage(p.from_chat_id, p.message_id);
      if (src?.text !== undefined) msg.text = src.text;
      if (src?.caption !== undefined) msg.caption = src.caption;
      if (src?.entities) msg.entities = src.entities;
      if (src?.document) msg.document = src.document;
      if (src?.photo) msg.photo = src.photo;
      if (method === "copyMessage" && typeof p.caption === "string") msg.caption = p.caption;
    } else {
      if (typeof p.caption === "string") msg.caption = p.caption;
      if (Array.isArray(p.caption_entities)) msg.entities = p.caption_entities;
      const field = method === "sendDocument" ? "document" : "photo";
      const file = files[field] ?? this.knownFile(p[field]);
      if (method === "sendDocument") {
        // Register the upload so the returned file_id works with getFile.
        const name = file.filename ?? "document";
        msg.document = { ...file, file_id: this.addFile(file.content, `documents/${name}`) };
      } else {
        msg.photo = file;
      }
    }
    return msg;
  }

  /** Content of a file re-sent by file_id (or URL); empty if unknown. */
  private knownFile(ref: unknown): UploadedFile {
    const file = typeof ref === "string" ? this.files.get(ref) : undefined;
    if (!file) return { content: Buffer.alloc(0) };
    return { filename: file.file_path.split("/").at(-1), content: file.content };
  }

  private edit(method: string, p: Params): unknown {
    if (p.inline_message_id !== undefined) return true;
    const msg = this.findMessage(p.chat_id, p.message_id);
    if (!msg) fail(400, "Bad Request: message to edit not found");

    const next = { ...msg, reply_markup: p.reply_markup };
    if (method === "editMessageText") {
      if (msg.text === undefined) fail(400, "Bad Request: there is no text in the message to edit");
      next.text = typeof p.text === "string" ? p.text : "";
      next.entities = Array.isArray(p.entities) ? p.entities : undefined;
      next.parse_mode = typeof p.parse_mode === "string" ? p.parse_mode : undefined;
    } else if (method === "editMessageCaption") {
      if (msg.text !== undefined) {
        fail(400, "Bad Request: there is no caption in the message to edit");
      }
      next.caption = typeof p.caption === "string" ? p.caption : undefined;
      next.entities = Array.isArray(p.caption_entities) ? p.caption_entities : undefined;
    }
    const sameMarkup = markupKey(next.reply_markup) === markupKey(msg.reply_markup);
    if (next.text === msg.text && next.caption === msg.caption && sameMarkup) {
      fail(400, DESCRIPTIONS.notModified);
    }
    validateMessage(next);
    Object.assign(msg, next, { edits: msg.edits + 1 });
    this.emit({ kind: "message", chatId: msg.chat_id });
    return this.toMessage(msg, true);
  }

  private getUpdates(p: Params, res: ServerResponse): Update[] | Promise<Update[]> {
    const offset = typeof p.offset === "number" ? p.offset : undefined;
    const limit = typeof p.limit === "number" && p.limit > 0 ? p.limit : 100;
    const timeout = typeof p.timeout === "number" ? p.timeout : 0;
    // A positive offset confirms (forgets) all earlier updates, like Telegram.
    if (offset !== undefined && offset > 0) {
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    }
    const take = () => this.updates.slice(0, limit);
    if (take().length > 0 || timeout <= 0 || this.closed) return take();

    return new Promise((resolve) => {
      const finish = (closing: boolean) => {
        clearTimeout(timer);
        this.pollers.delete(wake);
        res.off("close", onClientGone);
        resolve(closing ? [] : take());
      };
      const wake = (closing: boolean) => {
        if (closing || take().length > 0) finish(closing);
      };
      const onClientGone = () => finish(true); // grammY aborted the poll
      const timer = setTimeout(() => finish(false), timeout * 1000);
      this.pollers.add(wake);
      res.once("close", onClientGone);
    });
  }

  // --------------------------------------------------------------- helpers

  /** Remembers a send for the flood limits; chats quiet for a minute are forgotten now and then. */
  private recordSend(chatId: number, now: number, paid: boolean): void {
    this.recentAll.push(now);
    if (!paid) this.recentFree.push(now);
    let chat = this.recentByChat.get(chatId);
    if (!chat) {
      chat = new TimeWindow(60_000);
      this.recentByChat.set(chatId, chat);
    }
    chat.push(now);
    if (++this.sendsSinceSweep >= 10_000) {
      this.sendsSinceSweep = 0;
      for (const [id, window] of this.recentByChat) {
        if (window.times(now).length === 0) this.recentByChat.delete(id);
      }
    }
  }

  /** Throws 429 if sending to `chatId` now would exceed a configured window. */
  private checkRateLimits(chatId: number, now: number, paid = false): void {
    const limits = this.limits;
    if (!limits) return;

    let waitMs = 0;
    const check = (times: number[], limit: number | undefined, windowMs: number) => {
      if (limit === undefined) return;
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length < limit) return;
      // Room for one more send opens when this entry leaves the window.
      const freeing = inWindow[inWindow.length - limit];
      waitMs = Math.max(waitMs, freeing === undefined ? windowMs : freeing + windowMs - now);
    };
    const chat = this.recentByChat.get(chatId)?.times(now) ?? [];
    check(this.recentAll.times(now), limits.paidPerSecond, 1000);
    if (!paid) check(this.recentFree.times(now), limits.globalPerSecond, 1000);
    check(chat, limits.perChatPerSecond, 1000);
    if (chatId < 0) check(chat, limits.perGroupPerMinute, 60_000);

    if (waitMs > 0) {
      this.counters.rateLimited++;
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
  }

  /** Blocked users, users who never started, removed and migrated groups. */
  private checkTarget(chatId: number): void {
    if (chatId > 0) {
      if (this.blocked.has(chatId)) fail(403, "Forbidden: bot was blocked by the user");
      if (this.requireStart && !this.started.has(chatId)) {
        fail(403, "Forbidden: bot can't initiate conversation with a user");
      }
      return;
    }
    const newId = this.migrated.get(chatId);
    if (newId !== undefined) {
      fail(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: newId,
      });
    }
    if (this.removed.has(chatId)) fail(403, "Forbidden: bot was kicked from the group chat");
  }

  private findMessage(chatId: unknown, messageId: unknown): FakeMessage | undefined {
    const list = this.messages.get(Number(chatId));
    const msg = list?.[Number(messageId) - 1];
    return msg && !msg.deleted ? msg : undefined;
  }

  private chatFor(chatId: number): Params {
    if (chatId > 0) return { id: chatId, type: "private", first_name: "User" };
    const type = chatId <= -1_000_000_000_000 ? "supergroup" : "group";
    return { id: chatId, type, title: "Group" };
  }

  private chatMember(chatId: number, userId: number): Params {
    if (userId === this.botInfo.id) {
      return {
        status: "administrator",
        user: this.botUser(),
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: false,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: !this.cannotPin.has(chatId),
        can_send_welcome_messages: false,
      };
    }
    return { status: "member", user: { id: userId, is_bot: false, first_name: "User" } };
  }

  private botUser(): Params {
    const { id, first_name, username } = this.botInfo;
    return { id, is_bot: true, first_name, username };
  }

  /** The Bot API `Message` object for a stored message. */
  private toMessage(msg: FakeMessage, edited = false): Params {
    const out: Params = {
      message_id: msg.message_id,
      from: this.botUser(),
      chat: this.chatFor(msg.chat_id),
      date: Math.floor(Date.now() / 1000),
    };
    if (edited) out.edit_date = out.date;
    if (msg.text !== undefined) {
      out.text = msg.text;
      if (msg.entities) out.entities = msg.entities;
    }
    if (msg.caption !== undefined) {
      out.caption = msg.caption;
      if (msg.entities) out.caption_entities = msg.entities;
    }
    if (msg.document) {
      out.document = {
        file_id: msg.document.file_id,
        file_unique_id: `${msg.document.file_id}-unique`,
        file_name: msg.document.filename,
        file_size: msg.document.content.length,
      };
    }
    if (msg.photo) {
      const size = msg.photo.content.length;
      out.photo = [
        {
          file_id: "photo-fake",
          file_unique_id: "photo-fake-u",
          width: 90,
          height: 90,
          file_size: size,
        },
      ];
    }
    // Only inline keyboards are echoed back by Telegram.
    if (msg.reply_markup?.inline_keyboard?.length) out.reply_markup = msg.reply_markup;
    return out;
  }
}

// ------------------------------------------------------------ free helpers

/** Telegram's size limits and callback_data limit, to catch bot bugs early. */
function validateMessage(msg: FakeMessage): void {
  if (msg.method === "sendMessage" && msg.text === "")
    fail(400, "Bad Request: message text is empty");
  // Limits apply to the text after entity parsing; only check plain text exactly.
  if (!msg.parse_mode && (msg.text?.length ?? 0) > 4096)
    fail(400, "Bad Request: message is too long");
  if (!msg.parse_mode && (msg.caption?.length ?? 0) > 1024) {
    fail(400, "Bad Request: message caption is too long");
  }
  const rows: unknown = msg.reply_markup?.inline_keyboard;
  if (!Array.isArray(rows)) return;
  for (const row of rows) {
    for (const button of Array.isArray(row) ? row : []) {
      const data = (button as { callback_data?: unknown }).callback_data;
      if (typeof data === "string" && Buffer.byteLength(data) > 64) {
        fail(400, "Bad Request: BUTTON_DATA_INVALID");
      }
    }
  }
}

/** Comparable form of a reply_markup; an empty inline keyboard equals none. */
function markupKey(markup: unknown): string {
  const rows = (markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  if (markup === undefined || markup === null || (Array.isArray(rows) && rows.length === 0)) {
    return "none";
  }
  return JSON.stringify(markup);
}

function toChatId(value: unknown): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id === 0) fail(400, "Bad Request: chat not found");
  return id;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  respondRaw(res, status, "application/json", JSON.stringify(body));
}

function respondRaw(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Closes the connection without an answer; the client sees a network error. */
function drop(call: RecordedCall, res: ServerResponse): void {
  call.dropped = true;
  res.destroy();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// ----------------------------------------------------------- request parsing

/** Form fields that hold integers (multipart and query strings only carry strings). */
const NUMERIC_FIELDS = new Set([
  "chat_id",
  "from_chat_id",
  "message_id",
  "message_thread_id",
  "reply_to_message_id",
  "user_id",
  "offset",
  "limit",
  "timeout",
  "cache_time",
  "until_date",
  "duration",
  "width",
  "height",
]);

/** Form fields that are free text and must never be JSON-decoded. */
const TEXT_FIELDS = new Set(["text", "caption", "title", "description", "query", "url", "data"]);

function decodeField(key: string, value: string): unknown {
  if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (TEXT_FIELDS.has(key)) return value;
  if (value === "true" || value === "false") return value === "true";
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** Params from the query string plus a JSON, multipart or urlencoded body. */
function parseRequest(
  contentType: string,
  body: Buffer,
  url: URL,
): { params: Params; files: Record<string, UploadedFile> } {
  const params: Params = {};
  const files: Record<string, UploadedFile> = {};
  for (const [k, v] of url.searchParams) params[k] = decodeField(k, v);
  if (body.length === 0) return { params, files };

  const type = contentType.toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const uploads = new Map<string, UploadedFile>();
    for (const part of parseMultipart(body, multipartBoundary(contentType) ?? "")) {
      if (part.filename === undefined) {
        params[part.name] = decodeField(part.name, part.content.toString("utf8"));
      } else {
        uploads.set(part.name, { filename: part.filename, content: part.content });
      }
    }
    // grammY sends `document=attach://<id>` plus a file part named <id>.
    for (const [key, value] of Object.entries(params)) {
      const id = typeof value === "string" && value.startsWith("attach://") ? value.slice(9) : "";
      const file = uploads.get(id);
      if (file) {
        files[key] = file;
        uploads.delete(id);
      }
    }
    for (const [name, file] of uploads) files[name] = file; // e.g. nested media
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = decodeField(k, v);
  } else {
    try {
      Object.assign(params, JSON.parse(body.toString("utf8")));
    } catch {
      fail(400, "Bad Request: can't parse JSON");
    }
  }
  return { params, files };
}

/** Times (ms) within the last `spanMs`, oldest first; older ones are dropped as it is read. */
class TimeWindow {
  private list: number[] = [];
  private head = 0;
  constructor(private readonly spanMs: number) {}

  push(at: number): void {
    this.list.push(at);
  }

  /** The times after `now - spanMs`. */
  times(now: number): number[] {
    const cutoff = now - this.spanMs;
    while (this.head < this.list.length && (this.list[this.head] as number) <= cutoff) this.head++;
    // Compact now and then, so the array doesn't grow for ever.
    if (this.head > 1024 && this.head * 2 > this.list.length) {
      this.list = this.list.slice(this.head);
      this.head = 0;
    }
    return this.head === 0 ? this.list : this.list.slice(this.head);
  }
}
