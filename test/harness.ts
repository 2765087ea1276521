/**
 * Builds the real bot against the fake Telegram over HTTP and a fresh SQLite
 * database, with an injected clock. Tests drive it with updates and assert
 * what the fake received and what was stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { type CreateBotOptions, createBot, type LinliBot } from "../app/create-bot.js";
import { createDeps } from "../app/deps.js";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { createLogger } from "../bot/logger.js";
import { DEFAULT_REQUEST_SETTINGS } from "../domain/request-ledger.js";
import type { Dispatcher, DispatcherOptions } from "../outbox/dispatcher.js";
import { type FakeMessage, FakeTelegram } from "../simulator/server.js";
import * as u from "../simulator/updates.js";
import type { Clock } from "../storage/clock.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";

export class TestClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(date: Date | string): void {
    this.ms = new Date(date).getTime();
  }
}

export interface HarnessOptions {
  adminIds?: number[];
  /** A database file, to survive a restart; defaults to a fresh in-memory one. */
  databaseUrl?: string;
  fake?: FakeTelegram;
  clock?: TestClock;
  locale?: "zh-CN" | "en";
  /** Outbox settings; tests default to a fast dispatcher (high rate, short polls). */
  outbox?: Partial<DispatcherOptions>;
  /** Composers added after the features (a test's own feature). */
  extra?: CreateBotOptions["extra"];
  /** The bot's own logger (bot/logger.ts, redaction included) at this level; default "warn". */
  logLevel?: string;
  /** How long a long message waits for the rest of a split paste (default the bot's). */
  pasteWindowMs?: number;
  /** How long a Bot API call may take before it counts as a network error (default 10 s). */
  apiTimeoutSeconds?: number;
  /**
   * What `send` does when the bot's error boundary caught an error while handling the
   * update: "throw" (default; a test never passes over a failure) or "keep" (tests of
   * faults: the errors are in `updateErrors`).
   */
  updateErrors?: "throw" | "keep";
  /** Other settings (e.g. the dashboard's address). */
  config?: Partial<PollingConfig>;
  /** The old behaviour (benchmarks, control tests): direct replies outside the flood budget. */
  directOutsideBudget?: boolean;
  /** Background tasks (a notice's chunks after "Send it") wait for `deps.background.release()`. */
  holdBackground?: boolean;
}

/** An error the bot's error boundary logged ("update failed"). */
export interface UpdateError {
  update_id: number;
  err: { type?: string; message?: string; stack?: string };
}

type PollingConfig = Extract<Config, { mode: "polling" }>;

export function testConfig(fake: FakeTelegram, overrides: Partial<PollingConfig> = {}): Config {
  return {
    botToken: fake.token,
    apiRoot: fake.apiRoot,
    apiTimeoutSeconds: 10,
    databaseUrl: ":memory:",
    adminIds: [],
    timezone: "Asia/Shanghai",
    defaultLocale: "zh-CN",
    mode: "polling",
    logLevel: "silent",
    quietHours: "22:00-07:00",
    sendRate: 30,
    paidBroadcast: { enabled: false, ratePerSecond: 1000 },
    requests: DEFAULT_REQUEST_SETTINGS,
    grid: { answerHours: 4 },
    care: { roundAt: "08:00", silenceAt: "16:00", dayEnd: "20:00" },
    limits: { conversationTimeoutMs: 24 * 3600_000, urgentBurst: { count: 5, minutes: 10 } },
    webApp: { url: undefined, port: undefined, maxAgeSeconds: 24 * 3600 },
    volunteers: { taskMaxMinutes: 8 * 60 },
    metricsPort: undefined,
    listenHost: undefined,
    ...overrides,
  };
}

export class Harness {
  bot!: LinliBot;
  deps!: BotDeps;
  storage!: Storage;
  outbox!: Dispatcher;
  /** Errors the bot's boundary caught, oldest first (it logs them and apologises). */
  readonly updateErrors: UpdateError[] = [];
  /** Every log line the bot wrote at `logLevel` and above, as written (JSON), oldest first. */
  readonly logLines: string[] = [];
  /** Every log line at warn and above (pino JSON, parsed), oldest first. */
  readonly warnings: Array<Record<string, unknown> & { level: number; msg?: string }> = [];

  private constructor(
    readonly fake: FakeTelegram,
    readonly clock: TestClock,
    readonly config: Config,
    private readonly outboxOptions: Partial<DispatcherOptions>,
    private readonly extra: CreateBotOptions["extra"],
    private readonly onUpdateError: "throw" | "keep",
    private readonly logLevel: string,
    private readonly pasteWindowMs?: number,
    private readonly directOutsideBudget = false,
    private readonly holdBackground = false,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fake = options.fake ?? (await FakeTelegram.start());
    const clock = options.clock ?? new TestClock(Date.parse("2026-11-22T09:00:00+08:00"));
    const config = testConfig(fake, {
      ...options.config,
      adminIds: options.adminIds ?? [],
      // LINLI_TEST_DATABASE_URL=pglite: runs any end-to-end file on the PostgreSQL dialect.
      databaseUrl: options.databaseUrl ?? process.env.LINLI_TEST_DATABASE_URL ?? ":memory:",
      defaultLocale: options.locale ?? "zh-CN",
      apiTimeoutSeconds: options.apiTimeoutSeconds ?? 10,
    });
    const h = new Harness(
      fake,
      clock,
      config,
      {
        ratePerSecond: 1000,
        perChatPerSecond: 1000,
        perGroupPerMinute: 100_000,
        pollIntervalMs: 20,
        backoffBaseMs: 10,
        ...options.outbox,
      },
      options.extra,
      options.updateErrors ?? "throw",
      options.logLevel ?? "warn",
      options.pasteWindowMs,
      options.directOutsideBudget,
      options.holdBackground,
    );
    await h.boot();
    return h;
  }

  private async boot(): Promise<void> {
    this.storage = createStorage(await openDatabase(this.config.databaseUrl), this.clock);
    // Nothing printed; every line is kept (logLines), warnings and errors parsed, and
    // the error boundary's "update failed" lines fail `send` (see HarnessOptions.updateErrors).
    const logger = createLogger(this.logLevel, {
      write: (line: string) => {
        this.logLines.push(line);
        const entry = JSON.parse(line) as UpdateError &
          Record<string, unknown> & { level: number; msg?: string };
        if (entry.level < 40) return;
        this.warnings.push(entry);
        if (entry.msg === "update failed") this.updateErrors.push(entry);
      },
    });
    const parts = { config: this.config, storage: this.storage, clock: this.clock, logger };
    const { deps, dispatcher } = createDeps(parts, this.outboxOptions, {
      directOutsideBudget: this.directOutsideBudget,
      holdBackground: this.holdBackground,
    });
    this.deps = deps;
    this.outbox = dispatcher;
    this.bot = createBot(deps, {
      botInfo: this.fake.botInfo,
      extra: this.extra,
      pasteWindowMs: this.pasteWindowMs,
    });
    await this.outbox.start();
  }

  /** Simulates a crash and a new process: the old bot and dispatcher are dropped, the database reopened. */
  async restart(): Promise<void> {
    this.outbox.crash();
    await this.storage.close();
    await this.boot();
  }

  /** Lets the outbox send everything that is due. */
  async drain(): Promise<void> {
    await this.deps.background.idle();
    this.outbox.kick();
    await this.outbox.idle();
  }

  /** Delivers an update as Telegram would. A private message means the user pressed Start. */
  async send(update: Update): Promise<void> {
    const chat = update.message?.chat ?? update.callback_query?.message?.chat;
    if (chat?.type === "private") this.fake.userStarted(chat.id);
    const before = this.updateErrors.length;
    await this.bot.handleUpdate(update);
    const failed = this.updateErrors[before];
    if (failed && this.onUpdateError === "throw") {
      const error = new Error(`update ${failed.update_id} failed: ${failed.err.message}`);
      error.stack = `${error.message}\n${failed.err.stack ?? ""}`;
      throw error;
    }
  }

  text(from: User, text: string): Promise<void> {
    return this.send(u.privateText(from, text));
  }

  groupText(from: User, chatId: number, text: string): Promise<void> {
    return this.send(u.groupText(from, u.groupChat(chatId), text));
  }

  /** Presses a button (by its data) on a message the bot sent. */
  press(from: User, message: FakeMessage, data: string): Promise<void> {
    return this.send(u.callbackOn(from, message.chat_id, message.message_id, data));
  }

  /** The last message the bot sent to a chat. */
  last(chat: ChatRef): FakeMessage {
    const chatId = idOf(chat);
    const msg = this.fake.lastMessageIn(chatId);
    if (!msg) throw new Error(`no message in chat ${chatId}`);
    return msg;
  }

  lastText(chat: ChatRef): string {
    return this.last(chat).text ?? "";
  }

  /** The last text message in a chat, passing over photos sent after it (a chart beside a report). */
  lastTextMessage(chat: ChatRef): string {
    const chatId = idOf(chat);
    const found = [...this.fake.messagesIn(chatId)].reverse().find((m) => m.text !== undefined);
    if (!found) throw new Error(`no text message in chat ${chatId}`);
    return found.text ?? "";
  }

  /** The last message in a chat that has a button with this data. */
  withButton(chat: ChatRef, data: string): FakeMessage {
    const chatId = idOf(chat);
    const found = [...this.fake.messagesIn(chatId)]
      .reverse()
      .find((m) => buttonData(m).includes(data));
    if (!found) throw new Error(`no message in chat ${chatId} has a button ${data}`);
    return found;
  }

  /**
   * Registers a resident through the real conversation: room, name, phone
   * (typed, or "跳过"/"Skip" to skip), household size, no care flags, consent.
   */
  async register(
    user: User,
    address: string,
    opts: { name?: string; phone?: string; members?: number } = {},
  ): Promise<void> {
    await this.text(user, "/register");
    await this.text(user, address);
    await this.text(user, opts.name ?? user.first_name);
    await this.text(user, opts.phone ?? "13800138000");
    await this.text(user, String(opts.members ?? 1));
    await this.press(user, this.withButton(user, "reg:flags:done"), "reg:flags:done");
    await this.press(user, this.withButton(user, "reg:save"), "reg:save");
  }

  /** An admin adds the bot to a group and binds it to a building, or `staff`. */
  async bindGroup(admin: User, chatId: number, binding: string): Promise<void> {
    await this.send(
      u.myChatMember(u.groupChat(chatId), admin, "left", "member", this.fake.botInfo),
    );
    await this.groupText(admin, chatId, `/bind ${binding}`);
  }

  /** Answers given to callback queries, newest last. */
  callbackAnswers(): string[] {
    return this.fake.callsTo("answerCallbackQuery").map((c) => String(c.params.text ?? ""));
  }

  async close(): Promise<void> {
    await this.outbox.stop();
    await this.storage.close();
    await this.fake.close();
  }
}

/** A chat id, or a user (their private chat). */
export type ChatRef = number | { id: number };
const idOf = (chat: ChatRef) => (typeof chat === "number" ? chat : chat.id);

export function buttonData(message: FakeMessage): string[] {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as Array<
    Array<{ callback_data?: string }>
  >;
  return rows.flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}

/** The labels of a message's inline buttons, row by row, flattened. */
export function buttonTexts(message: FakeMessage): string[] {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as Array<Array<{ text: string }>>;
  return rows.flat().map((b) => b.text);
}

export function buttonUrls(message: FakeMessage): string[] {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as Array<Array<{ url?: string }>>;
  return rows.flat().flatMap((b) => (b.url ? [b.url] : []));
}

/** A temporary directory for database files, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "linli-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { u };
