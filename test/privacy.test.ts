/**
 * Private things stay private: nothing sent to a group (the staff group
 * included) carries a phone number, a temperature, a symptom or the words a
 * resident typed; whoever takes an item there gets the details privately.
 */
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { dailyRequestSummary } from "../features/requests/job.js";
import type { RecordedCall } from "../simulator/server.js";
import { buttonUrls, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const LI = u.makeUser(4001, { first_name: "Li", username: "li_coord", language_code: "zh-hans" });
/** A coordinator who has never opened a private chat with the bot. */
const ZHAO = u.makeUser(4002, { first_name: "Zhao", language_code: "en" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const GRANNY = u.makeUser(2001, {
  first_name: "Xiuying",
  username: "xiuying_w",
  language_code: "zh-hans",
});
const STAFF_GROUP = -1009000000009;
const BUILDING_GROUP = -1009000000003;

const PHONE = "13912345678";
const NAME = "王秀英";
const SOS_WORDS = "老伴摔倒了起不来";
const SYMPTOM_NOTE = "头晕恶心想吐";
const MEDICINE = "硝苯地平缓释片";
const TEMPERATURE = "38.6";

const at = (time: string, day = "2026-11-23") => `${day}T${time}:00+08:00`;

const choose = (h: Harness, user: User, data: string, chat: number = user.id) =>
  h.press(user, h.withButton(chat, data), data);

/** Everything the bot asked Telegram to show in a group: texts, captions, buttons, files. */
function groupCalls(h: Harness): RecordedCall[] {
  return h.fake.calls.filter((c) => Number(c.params.chat_id) < 0);
}

function shown(call: RecordedCall): string {
  const files = Object.values(call.files).map((f) => f.content.toString("utf8"));
  return [JSON.stringify(call.params), ...files].join("\n");
}

async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  h.clock.set(at("09:00"));
  await h.storage.roles.grant(LI.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(ZHAO.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  for (const person of [ADMIN, LI, WORKER]) await h.text(person, "/start");
  await h.text(ADMIN, "/layout\n3,2,501\n3,2,502");
  await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
  await h.bindGroup(ADMIN, BUILDING_GROUP, "3");
  await h.register(GRANNY, "3-2-501", { name: NAME, phone: PHONE });
  await h.drain();
  return h;
}

describe("what groups see", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("an SOS, a fever and an urgent request with nobody on duty: the staff group sees kind, unit and time only; takers get the details privately", async () => {
    h = await community();
    const before = h.fake.calls.length;

    // SOS, with her own words.
    await h.text(GRANNY, "/sos");
    await h.text(GRANNY, SOS_WORDS);
    // A fever with a typed symptom note.
    await h.text(GRANNY, "/checkin");
    await h.text(GRANNY, TEMPERATURE);
    await choose(h, GRANNY, "ci:s:other");
    await h.text(GRANNY, SYMPTOM_NOTE);
    // An urgent medicine request.
    await h.text(GRANNY, "/request");
    await choose(h, GRANNY, "rqc:cat:medicine");
    await h.text(GRANNY, MEDICINE);
    await h.text(GRANNY, "2 盒");
    await choose(h, GRANNY, "rqc:photos:none");
    await choose(h, GRANNY, "rqc:urg:now");
    await choose(h, GRANNY, "rqc:sum:send");
    await h.drain();

    const items = await h.storage.escalations.recent(5);
    const sos = items.find((e) => e.kind === "sos")?.id as number;
    const fever = items.find((e) => e.kind === "fever")?.id as number;
    expect(sos).toBeGreaterThan(0);
    expect(fever).toBeGreaterThan(0);

    // Nobody on duty: the staff group is paged, and it says what, where (the unit) and when.
    const page = (id: number) => h.withButton(STAFF_GROUP, `esc:ack:${id}`);
    expect(page(sos).text).toContain("SOS 紧急求助");
    expect(page(sos).text).toContain("单元：3-2");
    expect(page(sos).text).toContain("发起时间：09:00");
    expect(page(fever).text).toContain("发烧");
    const card = h.withButton(STAFF_GROUP, "rq:take:1");
    expect(card.text).toContain("单元：3-2");
    // A coordinator's private page has everything.
    const private_ = h.withButton(LI, `esc:ack:${sos}`).text ?? "";
    expect(private_).toContain(SOS_WORDS);
    expect(private_).toContain(PHONE);

    // Li takes the SOS in the staff group: the details come to her privately.
    const sosPage = page(sos);
    const feverPage = page(fever);
    await h.press(LI, sosPage, `esc:ack:${sos}`);
    expect(h.callbackAnswers().at(-1)).toContain("详细情况马上私信发给您");
    await h.drain();
    expect(sosPage.edits).toBeGreaterThan(0);
    expect(h.fake.lastMessageIn(STAFF_GROUP)?.text).not.toContain("请点下面的按钮");
    const details = h.fake
      .textsIn(LI.id)
      .find((t) => t.includes(`#${sos}`) && t.includes("只发给您"));
    expect(details).toContain(SOS_WORDS);
    expect(details).toContain(PHONE);
    expect(details).toContain("3-2-501");
    // The group's page, edited, still says who took it, and nothing more.
    const edited = h.fake.messagesIn(STAFF_GROUP).find((m) => m.text?.includes(`#${sos}`));
    expect(edited?.text).toContain("已由 Li 接手");

    // Zhao never opened a private chat: taking the fever works, the group is told to open one
    // (no details), and the link shows them once Zhao has.
    await h.press(ZHAO, feverPage, `esc:ack:${fever}`);
    expect((await h.storage.escalations.get(fever))?.acknowledgedBy).toBe(ZHAO.id);
    expect(h.callbackAnswers().at(-1)).toContain("I can't send you the details yet");
    const hint = h.last(STAFF_GROUP);
    expect(hint.text).toContain("Zhao，这件事交给您了");
    const link = buttonUrls(hint)[0] ?? "";
    expect(link).toBe(`https://t.me/${h.fake.botInfo.username}?start=esc_${fever}`);
    await h.text(ZHAO, `/start esc_${fever}`);
    expect(h.lastText(ZHAO)).toContain(TEMPERATURE);
    expect(h.lastText(ZHAO)).toContain(SYMPTOM_NOTE);
    expect(h.lastText(ZHAO)).toContain(PHONE);
    // Someone else can't read it through the link.
    await h.text(GRANNY, `/start esc_${fever}`);
    expect(h.lastText(GRANNY)).not.toContain(SYMPTOM_NOTE);

    // Li takes the request from the group: the sheet with the phone comes privately.
    await h.press(LI, card, "rq:take:1");
    await h.drain();
    const sheet = h.fake.textsIn(LI.id).find((t) => t.includes("1123-001") && t.includes(PHONE));
    expect(sheet).toContain(MEDICINE);

    // The ledger in the staff group, and the next morning's summary there.
    await h.groupText(LI, STAFF_GROUP, "/ledger");
    h.clock.set(at("00:05", "2026-11-24"));
    expect(await dailyRequestSummary(h.deps)).toBe(true);
    await h.drain();

    // Everything shown in any group since the resident's first word: sends, edits, answers.
    const calls = groupCalls(h).filter((c) => h.fake.calls.indexOf(c) >= before);
    expect(calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(["sendMessage", "editMessageText"]),
    );
    for (const call of calls) {
      const text = shown(call);
      for (const secret of [PHONE, NAME, SOS_WORDS, SYMPTOM_NOTE, MEDICINE, TEMPERATURE, "3-2-501"])
        expect(text, `${call.method} to a group`).not.toContain(secret);
    }
  });
});

/** Every value of every column of every table (the schema is read from the database). */
async function everyValue(h: Harness): Promise<Array<{ where: string; value: string }>> {
  const out: Array<{ where: string; value: string }> = [];
  const tables = await h.storage.db.introspection.getTables();
  expect(tables.length).toBeGreaterThan(25);
  for (const table of tables) {
    const rows = (await h.storage.db
      .selectFrom(table.name as never)
      .selectAll()
      .execute()) as Array<Record<string, unknown>>;
    for (const row of rows)
      for (const [column, value] of Object.entries(row))
        if (value !== null) out.push({ where: `${table.name}.${column}`, value: String(value) });
  }
  return out;
}

describe("/forget", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("forgets everywhere: every column of every table, the stored conversation, queued messages, and the export", async () => {
    h = await community();
    const STRANGER = u.makeUser(2002, { first_name: "Bo", language_code: "zh-hans" });
    const QUESTION = "我是王秀英，电话13912345678，家里没人会用手机";
    const NEW_NAME = "王秀英奶奶";
    const NEW_PHONE = "13900001111";

    // She uses everything: an SOS (and a second one, folded into it), a fever with a note,
    // an urgent request, a question on a notice.
    const AGAIN = "他还是起不来，快来人";
    await h.text(GRANNY, "/sos");
    await h.text(GRANNY, SOS_WORDS);
    await h.text(GRANNY, `/sos ${AGAIN}`);
    expect(
      (await h.storage.db.selectFrom("escalation_events").select("detail").execute()).some((e) =>
        e.detail?.includes(AGAIN),
      ),
    ).toBe(true);
    await h.text(GRANNY, "/checkin");
    await h.text(GRANNY, TEMPERATURE);
    await choose(h, GRANNY, "ci:s:other");
    await h.text(GRANNY, SYMPTOM_NOTE);
    await h.text(GRANNY, "/request");
    await choose(h, GRANNY, "rqc:cat:medicine");
    await h.text(GRANNY, MEDICINE);
    await h.text(GRANNY, "2 盒");
    await choose(h, GRANNY, "rqc:photos:none");
    await choose(h, GRANNY, "rqc:urg:now");
    await choose(h, GRANNY, "rqc:sum:send");
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "明天起凭证明进超市");
    await h.text(WORKER, "3-2");
    await choose(h, WORKER, "nt:c:nomore");
    await choose(h, WORKER, "nt:c:normal");
    await choose(h, WORKER, "nt:c:now");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    await choose(h, GRANNY, "nt:q:1");
    await h.text(GRANNY, QUESTION);
    await h.drain();
    // Li takes the SOS from her private page.
    const sos = (await h.storage.escalations.recent(5)).find((e) => e.kind === "sos")?.id;
    await choose(h, LI, `esc:ack:${sos}`);
    await h.drain();

    // At night someone registers into her room: the messages about it wait for the morning.
    h.clock.set(at("23:00"));
    await h.register(STRANGER, "3-2-501", { name: "小博", phone: "13700000000" });
    const waiting = await h.storage.db
      .selectFrom("outbox")
      .selectAll()
      .where("status", "=", "pending")
      .execute();
    expect(waiting.some((r) => r.payload.includes(NAME))).toBe(true);
    expect(waiting.some((r) => r.chat_id === GRANNY.id)).toBe(true);

    // She starts registering again, types a new name and phone, and stops half-way with /forget.
    await h.text(GRANNY, "/register");
    await h.text(GRANNY, "3-2-501");
    await h.text(GRANNY, NEW_NAME);
    await h.text(GRANNY, NEW_PHONE);
    const kv = await h.storage.db.selectFrom("kv").select("value").execute();
    expect(kv.some((r) => r.value.includes(NEW_PHONE))).toBe(true);
    const secrets = [
      NAME,
      GRANNY.first_name,
      GRANNY.username as string,
      PHONE,
      NEW_NAME,
      NEW_PHONE,
      SOS_WORDS,
      SYMPTOM_NOTE,
      MEDICINE,
      QUESTION,
      AGAIN,
    ];
    // Before: each of them is stored somewhere.
    const stored = await everyValue(h);
    for (const secret of secrets)
      expect(
        stored.some((v) => v.value.includes(secret)),
        secret,
      ).toBe(true);

    await h.text(GRANNY, "/forget");
    await choose(h, GRANNY, "forget:yes");
    expect(h.lastText(GRANNY)).toContain("已删除");

    // Telegram keeps sending her name with every update: it is not stored again.
    await h.text(GRANNY, "/start");
    await h.text(GRANNY, "/me");
    expect(h.lastText(GRANNY)).toContain("还没有登记");
    await h.drain();

    const found = (await everyValue(h)).filter((v) => secrets.some((s) => v.value.includes(s)));
    expect(found).toEqual([]);

    // What others need is still there, anonymised: the request, the urgent items, the reading.
    const request = await h.storage.requests.get(1);
    expect(request).toMatchObject({ category: "medicine", urgency: "now", personId: GRANNY.id });
    expect(request?.address).toBe("3-2-501");
    expect(await h.storage.escalations.recent(5)).toHaveLength(3);
    const readings = await h.storage.db.selectFrom("checkin_readings").selectAll().execute();
    expect(readings.map((r) => r.celsius)).toEqual([38.6]);
    // The stranger's own registration and the message to her were not sent to her.
    expect(
      (await h.storage.outbox.byChat(GRANNY.id)).filter((m) => m.status === "pending"),
    ).toEqual([]);

    // A coordinator's export shows neither her name nor her phone.
    await h.text(LI, "/export 11-23");
    const csv = h.fake.callsTo("sendDocument").at(-1)?.files.document?.content.toString("utf8");
    expect(csv).toContain("1123-001");
    for (const secret of secrets) expect(csv).not.toContain(secret);
  });
});

describe("who is stored", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("only people who use the bot: a command to it, a button, a private message; not those who sit in, join or talk in a group", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    const NEIGHBOUR = u.makeUser(5001, { first_name: "Neighbour", username: "nb_5001" });
    const JOINER = u.makeUser(5002, { first_name: "Joiner" });
    const PRESSER = u.makeUser(5003, { first_name: "Presser" });
    const stored = async () =>
      (await h.storage.db.selectFrom("people").select("id").orderBy("id").execute()).map(
        (p) => p.id,
      );
    const group = u.groupChat(BUILDING_GROUP);

    // The admin adds the bot: that alone stores nobody.
    await h.send(u.myChatMember(group, ADMIN, "left", "member", h.fake.botInfo));
    expect(await stored()).toEqual([]);
    // Talking in the group, asking for help there (answered with a hint), a command to
    // another bot, a join request: nobody is stored.
    await h.groupText(NEIGHBOUR, BUILDING_GROUP, "大家好");
    await h.groupText(NEIGHBOUR, BUILDING_GROUP, "求助：家里没药了");
    expect(h.lastText(BUILDING_GROUP)).toContain("私聊");
    await h.groupText(NEIGHBOUR, BUILDING_GROUP, "/help@some_other_bot");
    await h.send(u.chatJoinRequest(group, JOINER));
    expect(await stored()).toEqual([]);

    // A command addressed to the bot, a button press, a private message: stored.
    await h.groupText(ADMIN, BUILDING_GROUP, "/bind 3");
    expect(await stored()).toEqual([ADMIN.id]);
    await h.groupText(NEIGHBOUR, BUILDING_GROUP, `/help@${h.fake.botInfo.username}`);
    expect(await stored()).toEqual([ADMIN.id, NEIGHBOUR.id]);
    await h.send(u.callbackOn(PRESSER, BUILDING_GROUP, h.last(BUILDING_GROUP).message_id, "x"));
    expect(await stored()).toEqual([ADMIN.id, NEIGHBOUR.id, PRESSER.id]);
    await h.text(JOINER, "/start");
    expect(await stored()).toEqual([ADMIN.id, NEIGHBOUR.id, JOINER.id, PRESSER.id]);
  });
});

describe("logs", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("carry no name, phone, message text or button label, even at trace level when a reply fails", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id], logLevel: "trace", updateErrors: "keep" });
    await h.register(GRANNY, "3-2-501", { name: NAME, phone: PHONE });
    // Telegram refuses the reply that shows her details, then the one with buttons; the bot's
    // error boundary logs both.
    const failing = async (text: string) => {
      h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: test refusal" });
      await h.text(GRANNY, text);
    };
    await failing("/me");
    await failing("/forget");
    await h.text(GRANNY, "/sos");
    await h.text(GRANNY, SOS_WORDS);
    await h.drain();

    expect(h.updateErrors).toHaveLength(2);
    const log = h.logLines.join("");
    expect(log).toContain('"msg":"update failed"');
    expect(log).toContain('"method":"sendMessage"');
    expect(log).toContain("[redacted]");
    for (const secret of [NAME, PHONE, GRANNY.first_name, SOS_WORDS, "3-2-501"])
      expect(log).not.toContain(secret);
    // The labels of the buttons that failed to go out.
    expect(log).not.toContain("确认删除");
    expect(log).not.toContain("不删除");
  });
});
