/** Tests of the fake Telegram server itself, driven by grammY's own API client. */
import { Api, Bot, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeTelegram } from "./server.js";
import { groupChat, makeUser, privateText } from "./updates.js";

const USER = 1001;
const GROUP = -42;
const SUPERGROUP = -1001234567890;
const keyboard = { inline_keyboard: [[{ text: "Yes", callback_data: "vote:yes" }]] };

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

/** The GrammyError a call rejects with (fails the test if it resolves). */
async function grammyError(promise: Promise<unknown>): Promise<GrammyError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

describe("basics", () => {
  it("answers getMe with the bot info and rejects a wrong token", async () => {
    expect(await api.getMe()).toEqual(fake.botInfo);
    expect(fake.botInfo).toMatchObject({ id: 123456, username: "linli_test_bot", is_bot: true });

    const wrong = new Api("1:WRONG", { apiRoot: fake.apiRoot });
    const err = await grammyError(wrong.getMe());
    expect(err.error_code).toBe(401);
    expect(err.description).toBe("Unauthorized");
  });

  it("records unknown methods and answers true", async () => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/someFutureMethod`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 5, flag: true }),
    });
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(fake.callsTo("someFutureMethod")[0]?.params).toEqual({ chat_id: 5, flag: true });
  });
});

describe("private chats", () => {
  it("refuses users who never started the bot, then delivers after /start", async () => {
    const err = await grammyError(api.sendMessage(USER, "hello"));
    expect(err.error_code).toBe(403);
    expect(err.description).toBe("Forbidden: bot can't initiate conversation with a user");

    fake.userStarted(USER);
    const msg = await api.sendMessage(USER, "hello", { reply_markup: keyboard });
    expect(msg).toMatchObject({
      message_id: 1,
      chat: { id: USER, type: "private" },
      text: "hello",
    });
    expect(msg.from?.id).toBe(fake.botInfo.id);

    const calls = fake.callsTo("sendMessage");
    expect(calls.map((c) => c.ok)).toEqual([false, true]);
    expect(calls[0]?.errorCode).toBe(403);
    expect(calls[1]?.params).toMatchObject({
      chat_id: USER,
      text: "hello",
      reply_markup: keyboard,
    });
    expect(fake.textsIn(USER)).toEqual(["hello"]);
    expect(fake.lastMessageIn(USER)?.reply_markup).toEqual(keyboard);
    expect(fake.stats()).toMatchObject({ sentMessages: 1 });
  });

  it("refuses users who blocked the bot", async () => {
    fake.userStarted(USER);
    fake.userBlocked(USER);
    const err = await grammyError(api.sendMessage(USER, "hi"));
    expect(err.error_code).toBe(403);
    expect(err.description).toBe("Forbidden: bot was blocked by the user");
  });
});

describe("groups", () => {
  it("accepts any group and types chats by id", async () => {
    expect((await api.sendMessage(GROUP, "a")).chat.type).toBe("group");
    expect((await api.sendMessage(SUPERGROUP, "b")).chat.type).toBe("supergroup");
  });

  it("reports migration with migrate_to_chat_id", async () => {
    fake.migrateGroup(GROUP, SUPERGROUP);
    const err = await grammyError(api.sendMessage(GROUP, "hi"));
    expect(err.error_code).toBe(400);
    expect(err.description).toBe("Bad Request: group chat was upgraded to a supergroup chat");
    expect(err.parameters.migrate_to_chat_id).toBe(SUPERGROUP);
  });

  it("refuses groups the bot was removed from", async () => {
    fake.botRemovedFrom(GROUP);
    const err = await grammyError(api.sendMessage(GROUP, "hi"));
    expect(err.error_code).toBe(403);
    expect(err.description).toBe("Forbidden: bot was kicked from the group chat");
  });
});

describe("editing, deleting, pinning", () => {
  it("edits messages and detects 'not modified'", async () => {
    const { message_id } = await api.sendMessage(GROUP, "v1", { reply_markup: keyboard });

    const same = await grammyError(
      api.editMessageText(GROUP, message_id, "v1", { reply_markup: keyboard }),
    );
    expect(same.error_code).toBe(400);
    expect(same.description).toMatch(/^Bad Request: message is not modified/);

    await api.editMessageText(GROUP, message_id, "v2", { reply_markup: keyboard });
    await api.editMessageReplyMarkup(GROUP, message_id); // removes the keyboard
    const msg = fake.lastMessageIn(GROUP);
    expect(msg).toMatchObject({ text: "v2", edits: 2 });
    expect(msg?.reply_markup).toBeUndefined();

    const missing = await grammyError(api.editMessageText(GROUP, 99, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");
  });

  it("deletes messages", async () => {
    await api.sendMessage(GROUP, "a");
    await api.sendMessage(GROUP, "b");
    expect(await api.deleteMessage(GROUP, 1)).toBe(true);
    expect(fake.textsIn(GROUP)).toEqual(["b"]);
    expect(fake.messagesIn(GROUP)[0]?.deleted).toBe(true);
    const err = await grammyError(api.deleteMessage(GROUP, 1));
    expect(err.description).toBe("Bad Request: message to delete not found");
  });

  it("pins only with rights", async () => {
    const { message_id } = await api.sendMessage(GROUP, "notice");
    fake.setCanPin(GROUP, false);
    const err = await grammyError(api.pinChatMessage(GROUP, message_id));
    expect(err.error_code).toBe(400);
    expect(err.description).toBe(
      "Bad Request: not enough rights to manage pinned messages in the chat",
    );

    fake.setCanPin(GROUP, true);
    expect(await api.pinChatMessage(GROUP, message_id)).toBe(true);
    expect(fake.lastMessageIn(GROUP)?.pinned).toBe(true);
  });
});

describe("rate limits", () => {
  it("enforces a per-chat window with 429 and retry_after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] }); // only the clock; real timers keep HTTP working
    vi.setSystemTime(1_700_000_000_000);
    fake.setLimits({ perChatPerSecond: 1 });

    await api.sendMessage(GROUP, "first");
    const err = await grammyError(api.sendMessage(GROUP, "second"));
    expect(err.error_code).toBe(429);
    expect(err.description).toBe("Too Many Requests: retry after 1");
    expect(err.parameters.retry_after).toBe(1);
    await api.sendMessage(-43, "other chat is fine");

    vi.setSystemTime(1_700_000_000_999); // window still holds "first"
    await grammyError(api.sendMessage(GROUP, "third"));
    vi.setSystemTime(1_700_000_001_000); // "first" left the window; rejections did not count
    await api.sendMessage(GROUP, "fourth");

    expect(fake.textsIn(GROUP)).toEqual(["first", "fourth"]);
    expect(fake.stats().rateLimited).toBe(2);
  });

  it("enforces global and per-group-minute windows", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_700_000_000_000);
    fake.setLimits({ globalPerSecond: 2, perGroupPerMinute: 2 });
    fake.userStarted(USER);

    await api.sendMessage(GROUP, "g1");
    await api.sendMessage(USER, "u1");
    expect((await grammyError(api.sendMessage(USER, "u2"))).error_code).toBe(429); // global

    vi.setSystemTime(1_700_000_010_000);
    await api.sendMessage(GROUP, "g2");
    const err = await grammyError(api.sendMessage(GROUP, "g3")); // 2 per minute used
    expect(err.parameters.retry_after).toBe(50);
    await api.sendMessage(USER, "u3"); // private chats ignore the group window

    fake.setLimits(undefined);
    await api.sendMessage(GROUP, "g4");
  });
});

describe("files", () => {
  it("receives multipart uploads with parsed fields", async () => {
    fake.userStarted(USER);
    const csv = "flat,needs\n12,insulin\n";
    const msg = await api.sendDocument(USER, new InputFile(Buffer.from(csv), "needs report.csv"), {
      caption: "Report",
      reply_markup: keyboard,
    });
    expect(msg.document?.file_name).toBe("needs report.csv");

    const call = fake.callsTo("sendDocument")[0];
    expect(call?.params).toMatchObject({
      chat_id: USER,
      caption: "Report",
      reply_markup: keyboard,
    });
    expect(call?.files.document?.filename).toBe("needs report.csv");
    expect(call?.files.document?.content.toString()).toBe(csv);
    expect(fake.lastMessageIn(USER)?.document?.content.toString()).toBe(csv);
    expect(fake.textsIn(USER)).toEqual(["Report"]);

    // The sent document can be fetched back.
    const file = await api.getFile(msg.document?.file_id ?? "");
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await res.text()).toBe(csv);
  });

  it("serves files added by the test", async () => {
    const fileId = fake.addFile("%PDF-fake", "documents/lease.pdf");
    const file = await api.getFile(fileId);
    expect(file).toMatchObject({ file_id: fileId, file_size: 9, file_path: "documents/lease.pdf" });
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("%PDF-fake");

    const err = await grammyError(api.getFile("nope"));
    expect(err.description).toBe("Bad Request: invalid file_id");
  });
});

describe("getUpdates", () => {
  const alice = makeUser(USER, { first_name: "Alice" });

  it("returns queued updates and forgets confirmed ones", async () => {
    const u1 = privateText(alice, "/start");
    const u2 = privateText(alice, "hello");
    fake.queueUpdate(u1);
    fake.queueUpdate(u2);
    expect(await api.getUpdates({ timeout: 0 })).toEqual([u1, u2]);
    expect(await api.getUpdates({ offset: u2.update_id, timeout: 0 })).toEqual([u2]);
    expect(await api.getUpdates({ offset: u2.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it("long-polls until an update arrives", async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 5 });
    const update = privateText(alice, "late");
    setTimeout(() => fake.queueUpdate(update), 50);
    expect(await poll).toEqual([update]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("ends pending polls with [] on close", async () => {
    const poll = api.getUpdates({ timeout: 30 });
    await new Promise((r) => setTimeout(r, 20)); // let the request arrive
    await fake.close();
    expect(await poll).toEqual([]);
  });
});

describe("fault injection", () => {
  it("fails the next calls of a method, before any other check", async () => {
    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 2);
    expect((await grammyError(api.sendMessage(GROUP, "a"))).error_code).toBe(500);
    expect((await grammyError(api.sendMessage(GROUP, "b"))).error_code).toBe(500);
    await api.sendMessage(GROUP, "c");
    expect(fake.textsIn(GROUP)).toEqual(["c"]);
    expect(fake.callsTo("sendMessage").map((c) => c.ok)).toEqual([false, false, true]);
  });

  it("simulates network failures with error_code 0", async () => {
    fake.failNext("getMe", { error_code: 0, description: "connection reset" });
    await expect(api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(api.getMe()).resolves.toEqual(fake.botInfo);
  });

  it("delays answers by the configured latency", async () => {
    fake.setLatency(60);
    const started = Date.now();
    await api.sendMessage(GROUP, "slow");
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe("with a real grammY bot", () => {
  it("serves long polling end to end", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command("start", (ctx) => ctx.reply(`Hi ${ctx.from?.first_name}`));
    fake.userStarted(USER);
    fake.queueUpdate(privateText(makeUser(USER, { first_name: "Alice" }), "/start"));

    const running = bot.start({ timeout: 5 });
    await vi.waitFor(() => expect(fake.textsIn(USER)).toEqual(["Hi Alice"]), { interval: 5 });
    await bot.stop();
    await running;
    expect(fake.callsTo("getMe")).toHaveLength(1);
    expect(fake.callsTo("deleteWebhook")).toHaveLength(1);
  });
});

describe("update builders", () => {
  it("builds command entities and group chats", () => {
    const u = privateText(makeUser(7), "/start ref_abc");
    expect(u.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(groupChat(-1001).type).toBe("group");
    expect(groupChat(SUPERGROUP).type).toBe("supergroup");
  });
});
