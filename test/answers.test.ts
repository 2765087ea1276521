/**
 * Answering a button never fails the action it belongs to: Telegram refusing
 * the answer ("query is too old"), or the answer getting no reply at all,
 * changes nothing in what the press does; and handlers do their work first
 * and answer last.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const NEIGHBOUR = u.makeUser(2002, { first_name: "Li", language_code: "en" });

describe("answering buttons", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("a registration whose every button answer Telegram refuses as too old still completes and is stored", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.text(ADMIN, "/layout\n3,2,501");
    const refused = h.fake.injectFault({
      method: "answerCallbackQuery",
      fault: { kind: "queryTooOld" },
    });
    await h.register(RESIDENT, "3-2-501", { name: "王阿姨", members: 2 });

    // Two presses (flags done, save), each answered and refused.
    expect(refused.fired).toBe(2);
    expect(h.fake.callsTo("answerCallbackQuery").every((c) => c.errorCode === 400)).toBe(true);
    const view = await h.storage.households.ofPerson(RESIDENT.id);
    expect(view?.household).toMatchObject({ building: "3", unit: "2", room: "501", members: 2 });
    expect(view?.displayName).toBe("王阿姨");
    expect(h.lastText(RESIDENT)).toContain("3-2-501");
    expect(h.fake.textsIn(RESIDENT.id).join("\n")).not.toContain("出了点问题");
    // Expected refusals are not worth a warning.
    expect(h.warnings).toEqual([]);
  });

  it("answers that get no reply at all (the connection is cut every time) are logged, and the registration completes", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.text(ADMIN, "/layout\n3,2,502");
    h.fake.injectFault({ method: "answerCallbackQuery", fault: { kind: "cut" } });
    await h.register(NEIGHBOUR, "3-2-502", { name: "Li Wei" });

    expect((await h.storage.households.ofPerson(NEIGHBOUR.id))?.household.room).toBe("502");
    // Each answer was tried three times (two quick retries), then given up with a warning.
    expect(h.fake.callsTo("answerCallbackQuery")).toHaveLength(6);
    // One warning for each, though the conversation replays its recorded calls (and
    // their failures) at every later step.
    const warned = h.warnings.filter((w) => w.msg?.startsWith("answering a button failed"));
    expect(warned).toHaveLength(2);
    expect(warned.every((w) => w.level === 40)).toBe(true);
    expect(h.updateErrors).toEqual([]);
  });

  it("outside a conversation too: Got it on a notice is recorded when the answer is refused, and nobody is told something went wrong", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    await h.text(ADMIN, "/layout\n3,2,501");
    await h.register(RESIDENT, "3-2-501");
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "今晚停水");
    await h.text(WORKER, "3-2-501");
    for (const step of ["nt:c:nomore", "nt:c:normal", "nt:c:now", "nt:c:send"])
      await h.press(WORKER, h.withButton(WORKER, step), step);
    await h.drain();

    h.fake.injectFault({ method: "answerCallbackQuery", fault: { kind: "queryTooOld" } });
    await h.press(RESIDENT, h.withButton(RESIDENT, "nt:ok:1"), "nt:ok:1");
    const [delivery] = await h.storage.notices.deliveries(1);
    expect(delivery?.confirmedAt).toBeTruthy();
    expect(h.fake.textsIn(RESIDENT.id).join("\n")).not.toContain("出了点问题");
    expect(h.updateErrors).toEqual([]);
  });

  it("handlers do the work first and answer last: Report now, Leave the unfinished conversation, a language", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    const order = () =>
      h.fake.calls
        .filter((c) => c.method !== "getMe")
        .map((c) => c.method)
        .filter((m, i, all) => i === 0 || all[i - 1] !== m);

    // "Report now" from someone not registered: told to register, then answered.
    h.fake.clearCalls();
    await h.press(RESIDENT, { chat_id: RESIDENT.id, message_id: 1 } as never, "ci:go");
    expect(order()).toEqual(["sendMessage", "answerCallbackQuery"]);

    // In the middle of registering, /request asks to leave it; Yes takes the buttons off,
    // starts the request (its first question), and only then answers.
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "/request");
    const ask = h.last(RESIDENT);
    const leave = buttonData(ask).find((d) => d.startsWith("cv:leave:")) as string;
    h.fake.clearCalls();
    await h.press(RESIDENT, ask, leave);
    expect(order()).toEqual(["editMessageReplyMarkup", "sendMessage", "answerCallbackQuery"]);

    await h.text(NEIGHBOUR, "/language");

    // A language: the message says so, then the press is answered.
    h.fake.clearCalls();
    await h.press(NEIGHBOUR, h.withButton(NEIGHBOUR, "lang:en"), "lang:en");
    expect(order()).toEqual(["editMessageText", "answerCallbackQuery"]);
  });
});

describe("edits that change nothing", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("an edit Telegram calls 'not modified' is done: a request whose every edit is refused that way is still filed", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.text(ADMIN, "/layout\n3,2,501");
    await h.register(RESIDENT, "3-2-501");
    const refused = h.fake.injectFault({
      method: "editMessageText",
      fault: { kind: "notModified" },
    });
    const choose = (data: string) => h.press(RESIDENT, h.withButton(RESIDENT, data), data);
    await h.text(RESIDENT, "/request");
    await choose("rqc:cat:groceries");
    await h.text(RESIDENT, "大米 1 袋");
    await choose("rqc:payment:on_delivery");
    await choose("rqc:urg:today");
    await choose("rqc:sum:send");

    // Each choice edits its question to show the answer; Telegram refused them all.
    expect(refused.fired).toBeGreaterThanOrEqual(3);
    expect(await h.storage.requests.get(1)).toMatchObject({ category: "groceries", status: "new" });
    expect(h.lastText(RESIDENT)).toContain("1122-001");
  });
});
