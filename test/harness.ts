/**
 * Builds the real bot against the fake Telegram over HTTP and a fresh SQLite
 * database, with an injected clock. Tests drive it with updates and assert
 * what the fake received and what was stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import pino, { type Logger } from "pino";
import { type CreateBotOptions, createBot, type LinliBot } from "../app/create-bot.js";
import { createDeps } from "../app/deps.js";
import type { Config } from "../bot/config.js";
import type { BotDeps } from "../bot/context.js";
import { DEFAULT_REQUEST_SETTINGS } from "../domain/request-ledger.js";
import type { Dispatcher, DispatcherOptions } from "../outbox/dispatcher.js";
import type { Clock } from "../storage/clock.js";
import { openDatabase } from "../storage/database.js";
import { createStorage, type Storage } from "../storage/index.js";
import { type FakeMessage, FakeTelegram } from "./fake-telegram/server.js";
import * as u from "./fake-telegram/updates.js";

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
  /** The logger; silent by default. */
  logger?: Logger;
  /** How long a long message waits for the rest of a split paste (default the bot's). */
  pasteWindowMs?: number;
}

type PollingConfig = Extract<Config, { mode: "polling" }>;

export function testConfig(fake: FakeTelegram, overrides: Partial<PollingConfig> = {}): Config {
  return {
    botToken: fake.token,
    apiRoot: fake.apiRoot,
    databaseUrl: ":memory:",
    adminIds: [],
    timezone: "Asia/Shanghai",
    defaultLocale: "zh-CN",
    mode: "polling",
    logLevel: "silent",
    quietHours: "22:00-07:00",
    sendRate: 30,
    requests: DEFAULT_REQUEST_SETTINGS,
    limits: { conversationTimeoutMs: 24 * 3600_000, urgentBurst: { count: 5, minutes: 10 } },
    volunteers: { taskMaxMinutes: 8 * 60 },
    ...overrides,
  };
}

export class Harness {
  bot!: LinliBot;
  deps!: BotDeps;
  storage!: Storage;
  outbox!: Dispatcher;

  private constructor(
    readonly fake: FakeTelegram,
    readonly clock: TestClock,
    readonly config: Config,
    private readonly outboxOptions: Partial<DispatcherOptions>,
    private readonly extra: CreateBotOptions["extra"],
    private readonly logger: Logger,
    private readonly pasteWindowMs?: number,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fake = options.fake ?? (await FakeTelegram.start());
    const clock = options.clock ?? new TestClock(Date.parse("2026-11-22T09:00:00+08:00"));
    const config = testConfig(fake, {
      adminIds: options.adminIds ?? [],
      databaseUrl: options.databaseUrl ?? ":memory:",
      defaultLocale: options.locale ?? "zh-CN",
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
      options.logger ?? pino({ level: "silent" }),
      options.pasteWindowMs,
    );
    await h.boot();
    return h;
  }

  private async boot(): Promise<void> {
    this.storage = createStorage(await openDatabase(this.config.databaseUrl), this.clock);
    const parts = {
      config: this.config,
      storage: this.storage,
      clock: this.clock,
      logger: this.logger,
    };
    const { deps, dispatcher } = createDeps(parts, this.outboxOptions);
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
    this.outbox.kick();
    await this.outbox.idle();
  }

  /** Delivers an update as Telegram would. A private message means the user pressed Start. */
  async send(update: Update): Promise<void> {
    const chat = update.message?.chat ?? update.callback_query?.message?.chat;
    if (chat?.type === "private") this.fake.userStarted(chat.id);
    await this.bot.handleUpdate(update);
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
