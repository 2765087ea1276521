/** Tests of the fake Telegram server itself, driven by grammY's own API client. */
import { Api, Bot, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeTelegram, type RecordedCall } from "../simulator/server.js";
import { groupChat, makeUser, privateText } from "../simulator/updates.js";

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

describe("fault mode", () => {
  /** The HttpError a call rejects with (a network failure, not an answer). */
  async function httpError(promise: Promise<unknown>): Promise<HttpError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpError);
    return err as HttpError;
  }

  /** An Api that gives up after `seconds`, as a bot with a request timeout does. */
  const impatient = (seconds: number) =>
    new Api(fake.token, { apiRoot: fake.apiRoot, timeoutSeconds: seconds });

  const waitForCall = (method: string, check: (c: RecordedCall) => boolean = () => true) =>
    vi.waitFor(
      () => {
        const call = fake.callsTo(method).find(check);
        if (!call) throw new Error(`no ${method} call yet`);
        return call;
      },
      { interval: 5, timeout: 5000 },
    );

  it.each([
    {
      fault: { kind: "tooManyRequests", retryAfter: 7 },
      code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    },
    {
      fault: { kind: "tooManyRequests" },
      code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    },
    {
      fault: { kind: "blocked" },
      code: 403,
      description: "Forbidden: bot was blocked by the user",
    },
    {
      fault: { kind: "notModified" },
      code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    },
    {
      fault: { kind: "queryTooOld" },
      code: 400,
      description:
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    },
    { fault: { kind: "internalError" }, code: 500, description: "Internal Server Error" },
    { fault: { kind: "badGateway", json: true }, code: 502, description: "Bad Gateway" },
    {
      fault: {
        kind: "error",
        error: { error_code: 400, description: "Bad Request: chat not found" },
      },
      code: 400,
      description: "Bad Request: chat not found",
    },
  ] as const)("$fault.kind answers $code with Telegram's text and changes nothing", async (c) => {
    fake.userStarted(USER);
    const rule = fake.injectFault({ method: "sendMessage", times: 1, fault: c.fault });
    const err = await grammyError(api.sendMessage(USER, "hello"));
    expect(err.error_code).toBe(c.code);
    expect(err.description).toBe(c.description);
    expect(err.parameters).toEqual("parameters" in c ? c.parameters : {});

    expect(fake.textsIn(USER)).toEqual([]); // not applied
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({
      ok: false,
      fault: c.fault.kind,
      errorCode: c.code,
      description: c.description,
    });
    expect(fake.callsTo("sendMessage")[0]?.dropped).toBeUndefined();
    expect(rule).toMatchObject({ fired: 1, active: false });
    expect(fake.stats()).toMatchObject({ faults: 1, rateLimited: 0 });

    await api.sendMessage(USER, "again"); // used up
    expect(fake.textsIn(USER)).toEqual(["again"]);
  });

  it("answers 502 as nginx does: an HTML page, so grammY throws an HttpError", async () => {
    fake.injectFault({ method: "getMe", times: 2, fault: { kind: "badGateway" } });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`, { method: "POST" });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toContain("<title>502 Bad Gateway</title>");

    await httpError(api.getMe());
    expect(fake.callsTo("getMe").map((c) => [c.fault, c.errorCode, c.ok])).toEqual([
      ["badGateway", 502, false],
      ["badGateway", 502, false],
    ]);
    await expect(api.getMe()).resolves.toEqual(fake.botInfo);
  });

  it("keeps a rule until it is cleared, for every method when none is named", async () => {
    const rule = fake.injectFault({ fault: { kind: "internalError" } });
    expect((await grammyError(api.getMe())).error_code).toBe(500);
    expect((await grammyError(api.sendMessage(GROUP, "a"))).error_code).toBe(500);
    expect((await grammyError(api.getUpdates({ timeout: 0 }))).error_code).toBe(500);
    expect(rule).toMatchObject({ fired: 3, active: true });

    rule.clear();
    expect(rule.active).toBe(false);
    await api.sendMessage(GROUP, "b");

    fake.injectFault({ method: ["getMe", "sendMessage"], fault: { kind: "blocked" } });
    fake.injectFault({ method: "*", fault: { kind: "internalError" } });
    expect((await grammyError(api.getMe())).error_code).toBe(403);
    expect((await grammyError(api.deleteMessage(GROUP, 1))).error_code).toBe(500);
    fake.clearFaults();
    await api.sendMessage(GROUP, "c");
    expect(fake.textsIn(GROUP)).toEqual(["b", "c"]);
  });

  it("targets chats by chat_id, and answerCallbackQuery by method alone", async () => {
    fake.injectFault({ chatId: GROUP, fault: { kind: "blocked" } });
    await api.sendMessage(-43, "another group is fine");
    expect((await grammyError(api.sendMessage(GROUP, "x"))).error_code).toBe(403);
    expect((await grammyError(api.editMessageText(GROUP, 1, "y"))).error_code).toBe(403);
    // No chat_id in the call: a chat rule never matches it.
    expect(await api.answerCallbackQuery("q1")).toBe(true);

    fake.injectFault({ method: "answerCallbackQuery", times: 1, fault: { kind: "queryTooOld" } });
    const err = await grammyError(api.answerCallbackQuery("q2", { text: "Saved" }));
    expect(err.description).toMatch(/^Bad Request: query is too old/);
    expect(fake.callsTo("answerCallbackQuery").map((c) => c.fault)).toEqual([
      undefined,
      "queryTooOld",
    ]);

    // Several chats, one method.
    fake.clearFaults();
    fake.userStarted(USER);
    fake.injectFault({ method: "sendMessage", chatId: [USER, -44], fault: { kind: "cut" } });
    await httpError(api.sendMessage(USER, "u"));
    await httpError(api.sendMessage(-44, "g"));
    await api.sendMessage(GROUP, "g2");
    await api.editMessageText(GROUP, 1, "changed");
    expect(fake.textsIn(GROUP)).toEqual(["changed"]);
  });

  it("fires rate-based faults from a seeded PRNG: same seed, same calls failed", async () => {
    const pattern = async (seed: number, rate: number): Promise<boolean[]> => {
      fake.clearFaults();
      fake.injectFault({ method: "getMe", rate, seed, fault: { kind: "internalError" } });
      const failed: boolean[] = [];
      for (let i = 0; i < 60; i++) {
        failed.push(
          await api.getMe().then(
            () => false,
            () => true,
          ),
        );
      }
      return failed;
    };
    const first = await pattern(7, 0.3);
    const again = await pattern(7, 0.3);
    const other = await pattern(8, 0.3);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(35);
    expect(fake.callsTo("getMe").filter((c) => c.fault === "internalError")).toHaveLength(
      first.filter(Boolean).length + again.filter(Boolean).length + other.filter(Boolean).length,
    );

    expect((await pattern(3, 0)).some(Boolean)).toBe(false);
    expect((await pattern(3, 1)).every(Boolean)).toBe(true);
    expect(() => fake.injectFault({ rate: 1.5, fault: { kind: "cut" } })).toThrow(RangeError);
    expect(() => fake.injectFault({ times: 0, fault: { kind: "cut" } })).toThrow(RangeError);
  });

  it("stops a rate rule after `times` faults, and lets later rules try when it does not fire", async () => {
    const rare = fake.injectFault({
      method: "getMe",
      rate: 0.5,
      seed: 11,
      times: 3,
      fault: { kind: "internalError" },
    });
    fake.injectFault({ method: "getMe", fault: { kind: "blocked" } });
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await grammyError(api.getMe())).error_code);
    expect(codes.filter((c) => c === 500)).toHaveLength(3);
    expect(codes.filter((c) => c === 403)).toHaveLength(17);
    expect(rare).toMatchObject({ fired: 3, active: false });
  });

  it("folds failNext into the rules: queued failures keep their order", async () => {
    fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, 2);
    fake.failNext("sendMessage", { error_code: 0, description: "connection dropped" });
    expect((await grammyError(api.sendMessage(GROUP, "a"))).error_code).toBe(502);
    expect((await grammyError(api.sendMessage(GROUP, "b"))).error_code).toBe(502);
    await httpError(api.sendMessage(GROUP, "c"));
    await api.sendMessage(GROUP, "d");
    expect(fake.callsTo("sendMessage").map((c) => c.fault ?? "none")).toEqual([
      "error",
      "error",
      "cut",
      "none",
    ]);
    expect(fake.textsIn(GROUP)).toEqual(["d"]);
  });

  it("hangs until the client gives up, and then never applies the call", async () => {
    fake.injectFault({ method: "sendMessage", times: 1, fault: { kind: "hang" } });
    const err = await httpError(impatient(0.3).sendMessage(GROUP, "lost in the void"));
    expect(String(err.error)).toContain("timed out");

    const call = await waitForCall("sendMessage", (c) => c.dropped === true);
    expect(call).toMatchObject({ fault: "hang", ok: false, dropped: true });
    expect(fake.textsIn(GROUP)).toEqual([]);
    await api.sendMessage(GROUP, "retry");
    expect(fake.textsIn(GROUP)).toEqual(["retry"]);
  });

  it("answers a hang with `ms` late, and applies it, if the client waits", async () => {
    fake.injectFault({ method: "sendMessage", times: 1, fault: { kind: "hang", ms: 50 } });
    const msg = await api.sendMessage(GROUP, "slow but sure");
    expect(msg.text).toBe("slow but sure");
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({ fault: "hang", ok: true });
    expect(fake.textsIn(GROUP)).toEqual(["slow but sure"]);
  });

  it("holds a hang without `ms` until the fake closes", async () => {
    fake.injectFault({ method: "getMe", fault: { kind: "hang" } });
    const pending = httpError(api.getMe());
    await waitForCall("getMe");
    await fake.close();
    await pending;
    expect(fake.callsTo("getMe")[0]).toMatchObject({ fault: "hang", ok: false, dropped: true });
  });

  it("cuts the connection without an answer, and without applying the call", async () => {
    fake.injectFault({ method: "sendMessage", times: 1, fault: { kind: "cut" } });
    await httpError(api.sendMessage(GROUP, "never"));
    expect(fake.textsIn(GROUP)).toEqual([]);
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({
      fault: "cut",
      ok: false,
      dropped: true,
    });
    expect(fake.callsTo("sendMessage")[0]?.errorCode).toBeUndefined();
  });

  it("loses the answer of an applied call: the client's retry makes a duplicate", async () => {
    fake.userStarted(USER);
    fake.injectFault({ method: "sendMessage", times: 1, fault: { kind: "lostAnswer" } });
    await httpError(api.sendMessage(USER, "notice 1"));
    expect(fake.textsIn(USER)).toEqual(["notice 1"]); // it was delivered
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({
      fault: "lostAnswer",
      ok: true,
      dropped: true,
      result: { message_id: 1, text: "notice 1" },
    });

    await api.sendMessage(USER, "notice 1"); // the sender could not know
    expect(fake.textsIn(USER)).toEqual(["notice 1", "notice 1"]);
  });

  it("loses a getUpdates answer without losing the updates", async () => {
    const update = privateText(makeUser(USER), "hello");
    fake.queueUpdate(update);
    fake.injectFault({ method: "getUpdates", times: 1, fault: { kind: "lostAnswer" } });
    await httpError(api.getUpdates({ timeout: 0 }));
    expect(await api.getUpdates({ timeout: 0 })).toEqual([update]);
  });

  it("loses an error answer too: the client cannot tell a 403 from a network failure", async () => {
    fake.injectFault({ method: "sendMessage", times: 1, fault: { kind: "lostAnswer" } });
    await httpError(api.sendMessage(USER, "never started")); // 403 inside
    expect(fake.callsTo("sendMessage")[0]).toMatchObject({
      fault: "lostAnswer",
      ok: false,
      errorCode: 403,
      dropped: true,
    });
  });

  it("refuses connections while unreachable, and serves again on the same apiRoot", async () => {
    await api.getMe(); // a keep-alive connection is open
    const poll = httpError(api.getUpdates({ timeout: 30 }));
    await waitForCall("getUpdates");
    await fake.unreachable();
    await poll; // the long poll was cut

    const err = await httpError(api.getMe());
    expect((err.error as { code?: string }).code).toBe("ECONNREFUSED"); // node-fetch's FetchError
    // Telegram can't be reached at start: grammY's init keeps retrying until it can.
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    let initDone = false;
    const init = bot.init().then(() => {
      initDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150)); // a few refused attempts
    expect(initDone).toBe(false);
    expect(fake.callsTo("getMe")).toHaveLength(1); // nothing reached the fake

    await fake.reachable();
    await init;
    expect(bot.botInfo).toEqual(fake.botInfo);
    expect(fake.callsTo("getMe")).toHaveLength(2);
    await expect(api.getMe()).resolves.toEqual(fake.botInfo);
  });

  it("swallows requests in blackhole mode until the client gives up", async () => {
    await fake.unreachable("blackhole");
    const err = await httpError(impatient(0.3).getMe());
    expect(String(err.error)).toContain("timed out");
    expect(fake.calls).toEqual([]); // not recorded: nothing reached Telegram
    expect(fake.stats().unreachable).toBe(1);

    const late = httpError(api.sendMessage(GROUP, "queued behind the outage"));
    await vi.waitFor(() => expect(fake.stats().unreachable).toBe(2), { interval: 5 });
    await fake.reachable(); // held connections died with the outage
    await late;
    expect(fake.textsIn(GROUP)).toEqual([]);

    await api.sendMessage(GROUP, "back");
    expect(fake.textsIn(GROUP)).toEqual(["back"]);
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

describe("what a page of phones sees (chatLog, watch, menu buttons)", () => {
  it("keeps people's lines and the bot's messages in one order, and tells watchers each change", async () => {
    const user = makeUser(USER, { first_name: "Wang" });
    const events: unknown[] = [];
    const unwatch = fake.watch((e) => events.push(e));
    const said = fake.say(user, "/start");
    expect(said.message?.text).toBe("/start");
    // The update waits for getUpdates like any other, and the person has now pressed Start.
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([said.update_id]);
    const first = await api.sendMessage(USER, "welcome", { reply_markup: keyboard });
    fake.say(user, "thanks");
    const second = await api.sendMessage(USER, "bye");
    await api.editMessageText(USER, first.message_id, "welcome!");
    await api.deleteMessage(USER, second.message_id);

    const log = fake.chatLog(USER);
    expect(
      log.map((e) => (e.by === "bot" ? `bot:${e.message.text}` : `person:${e.message.text}`)),
    ).toEqual(["person:/start", "bot:welcome!", "person:thanks", "bot:bye"]);
    expect(log[3]?.by === "bot" && log[3].message.deleted).toBe(true);
    expect(events).toEqual([
      { kind: "message", chatId: USER },
      { kind: "message", chatId: USER },
      { kind: "message", chatId: USER },
      { kind: "message", chatId: USER },
      { kind: "message", chatId: USER },
      { kind: "message", chatId: USER },
    ]);
    unwatch();
    fake.say(user, "again");
    expect(events).toHaveLength(6);
  });

  it("a press queues a callback query; the bot's answer to it reaches watchers as a toast for the presser", async () => {
    const user = makeUser(USER);
    const msg = await api.sendMessage(GROUP, "vote", { reply_markup: keyboard });
    const events: unknown[] = [];
    fake.watch((e) => events.push(e));
    const pressed = fake.press(user, GROUP, msg.message_id, "vote:yes");
    const [update] = await api.getUpdates();
    expect(update?.callback_query).toMatchObject({
      data: "vote:yes",
      from: { id: USER },
      message: { message_id: msg.message_id, chat: { id: GROUP }, text: "vote" },
    });
    await api.answerCallbackQuery(pressed.callback_query?.id ?? "", { text: "Counted" });
    expect(events).toEqual([{ kind: "toast", userId: USER, text: "Counted", alert: false }]);
  });

  it("keeps menu buttons per chat, with a default for every chat", async () => {
    expect(fake.menuButtonFor(USER)).toBeUndefined();
    await api.setChatMenuButton({ menu_button: { type: "commands" } });
    await api.setChatMenuButton({
      chat_id: USER,
      menu_button: { type: "web_app", text: "Dashboard", web_app: { url: "https://x.org/d/" } },
    });
    expect(fake.menuButtonFor(USER)).toMatchObject({ type: "web_app", text: "Dashboard" });
    expect(fake.menuButtonFor(USER + 1)).toEqual({ type: "commands" });
  });

  it("a shared contact is the person's own, kept as a line in their chat", async () => {
    const user = makeUser(USER, { first_name: "Wang" });
    fake.shareContact(user, "13900139001");
    const [update] = await api.getUpdates();
    expect(update?.message?.contact).toMatchObject({ phone_number: "13900139001", user_id: USER });
    expect(fake.chatLog(USER).map((e) => e.message.text)).toEqual(["📱 13900139001"]);
  });
});
