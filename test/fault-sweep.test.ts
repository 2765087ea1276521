/**
 * The sweep: the main stories (registration, a notice to a unit with Got it,
 * a request taken and done, a check-in with a fever, an SOS acknowledged),
 * played once against a well-behaved fake Telegram and once against one that
 * fails like Telegram does, at seeded rates: 429s, 5xx, a user who blocked
 * the bot, "message is not modified", "query is too old", short hangs, cut
 * connections, and answers lost after an outbox send was applied.
 *
 * Under faults: the bot still answers a final /start; everything the
 * fault-free run stored is stored (the same rows, but for what only says how
 * a message went out); every resident of the unit has exactly one notice,
 * plus at most one copy per answer Telegram lost (the outbox's documented
 * duplicate bound); and nothing is retried forever: once drained, no outbox
 * row is waiting or sending, and every dead or failed row says why.
 */
import type { User } from "grammy/types";
import { describe, expect, it } from "vitest";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const VOL = u.makeUser(5001, { first_name: "Zhao", language_code: "zh-hans" });
/** Registers under faults, gets the notice, files a request, raises an SOS. */
const R1 = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
/** Registers under faults, gets the notice, reports a fever (English). */
const R2 = u.makeUser(2002, { first_name: "Chen", language_code: "en" });
/** Registered before; blocks the bot just as the faults start: every send to her is refused. */
const R4 = u.makeUser(2004, { first_name: "Sun", language_code: "zh-hans" });
const STAFF_GROUP = -1009000000009;
const UNIT = ["3-2-501", "3-2-502", "3-2-503"];
const SENDING = ["sendMessage", "editMessageText", "answerCallbackQuery"];

/**
 * Tables whose rows only say how a message went out, hold a conversation's replay log, or
 * count what a person has sent for the per-person limits (the faulted run sends one more
 * /start, to show the bot still answers, before the rows are compared).
 */
const DELIVERY_TABLES = new Set([
  "outbox",
  "kv",
  "rate_limits",
  "kysely_migration",
  "kysely_migration_lock",
]);
/** Columns that only say how or whether a message went out, or which message it was. */
const DELIVERY_COLUMN = /message_id|outbox_id|reachab/;

type Snapshot = Record<string, string[]>;

/**
 * What the stories stored: the rows (as above) that were not there, or not so,
 * before they started. Rows seeded by migrations (stamped with the real time)
 * and the community set up before are left out.
 */
function storedSince(before: Snapshot, after: Snapshot): Snapshot {
  const out: Snapshot = {};
  for (const [table, rows] of Object.entries(after)) {
    const old = new Set(before[table] ?? []);
    const added = rows.filter((r) => !old.has(r));
    if (added.length > 0) out[table] = added;
  }
  return out;
}

/** Every row of every table but the delivery ones, without delivery columns, sorted. */
async function rowsNow(h: Harness): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of await h.storage.db.introspection.getTables()) {
    if (DELIVERY_TABLES.has(table.name)) continue;
    const rows = await h.storage.db
      .selectFrom(table.name as never)
      .selectAll()
      .execute();
    out[table.name] = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row as Record<string, unknown>).filter(
            ([column]) => !DELIVERY_COLUMN.test(column),
          ),
        ),
      )
      .sort();
  }
  return out;
}

/** Presses a button by its data, on the newest message of the chat that has it. */
const press = (h: Harness, user: User, data: string, chat: number = user.id) =>
  h.press(user, h.withButton(chat, data), data);

/**
 * Everything the stories need that is not under test: the layout, the staff, the
 * staff group, and a resident registered earlier.
 */
async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], outbox: { maxAttempts: 4 } });
  await h.text(ADMIN, `/layout\n${UNIT.map((a) => a.replaceAll("-", ",")).join("\n")}`);
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
  await h.storage.roles.grant(VOL.id, "volunteer", ADMIN.id);
  for (const staff of [WORKER, COORD, VOL]) await h.text(staff, "/start");
  await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
  await h.register(R4, "3-2-503", { name: "孙奶奶" });
  await h.text(COORD, "/duty on");
  await h.drain();
  return h;
}

/**
 * Lets the outbox finish what is due, moving the clock the same way in every run
 * (backoffs and 429 waits are counted on the clock), so the stored times match.
 */
async function settle(h: Harness): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await h.drain();
    h.clock.advance(2_000);
  }
  await h.drain();
}

/** The five stories, the same keys pressed in the same order in every run. */
async function stories(h: Harness): Promise<void> {
  // Registration.
  await h.register(R1, "3-2-501", { name: "王阿姨", members: 2 });
  await h.register(R2, "3-2-502", { name: "Chen Jie", phone: "Skip" });

  // A notice to the unit; both residents press Got it.
  await h.text(WORKER, "/notice");
  await h.text(WORKER, "今晚 8 点到 10 点停水，请提前储水。");
  await h.text(WORKER, "3-2");
  for (const step of ["nt:c:nomore", "nt:c:normal", "nt:c:now", "nt:c:send"])
    await press(h, WORKER, step);
  await settle(h);
  for (const resident of [R1, R2]) await h.send(u.callbackOn(resident, resident.id, 1, "nt:ok:1"));

  // A request: filed, its card taken by the coordinator, done with a note.
  await h.text(R1, "/request");
  await press(h, R1, "rqc:cat:groceries");
  await h.text(R1, "大米 1 袋\n鸡蛋 10 个");
  await press(h, R1, "rqc:payment:on_delivery");
  await press(h, R1, "rqc:urg:today");
  await press(h, R1, "rqc:sum:send");
  await settle(h);
  // Pressed on the card in the staff group (sent or not, the press is the same).
  await h.send(u.callbackOn(COORD, STAFF_GROUP, 1, "rq:take:1"));
  await settle(h);
  await h.send(u.callbackOn(COORD, COORD.id, 1, "rq:done:1"));
  await h.text(COORD, "已送到门口");
  await settle(h);

  // A check-in with a fever.
  await h.text(R2, "/checkin");
  await h.text(R2, "38.6");
  await press(h, R2, "ci:s:cough");
  await settle(h);

  // An SOS, acknowledged by the coordinator on duty.
  await h.text(R1, "/sos 老伴摔倒了，起不来");
  await settle(h);
  const sos = (await h.storage.escalations.recent(5)).find((e) => e.kind === "sos");
  if (!sos) throw new Error("no SOS was raised");
  await h.send(u.callbackOn(COORD, COORD.id, 1, `esc:ack:${sos.id}`));
  await settle(h);
}

/** The notice messages (its Got it button) in a chat. */
const notices = (h: Harness, user: User) =>
  h.fake.messagesIn(user.id).filter((m) => buttonData(m).includes("nt:ok:1"));

describe("the stories under faults", () => {
  it("the bot answers, nothing stored is lost, one notice each (plus lost answers), nothing retried forever", async () => {
    // Fault-free: what the stories store.
    const clean = await community();
    const cleanBefore = await rowsNow(clean);
    await stories(clean);
    // The stories did what they say.
    expect(await clean.storage.requests.get(1)).toMatchObject({
      status: "done",
      handlerId: COORD.id,
      lastNote: "已送到门口",
    });
    const raised = await clean.storage.escalations.recent(5);
    expect(raised.find((e) => e.kind === "sos")).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: COORD.id,
    });
    expect(raised.length).toBe(2); // the SOS and the fever
    const confirmed = (await clean.storage.notices.deliveries(1)).filter((d) => d.confirmedAt);
    expect(confirmed.map((d) => d.personId).sort()).toEqual([R1.id, R2.id]);
    const readings = await clean.storage.db.selectFrom("checkin_readings").selectAll().execute();
    expect(readings.map((r) => r.celsius)).toEqual([38.6]);
    for (const resident of [R1, R2, R4]) expect(notices(clean, resident)).toHaveLength(1);
    const expected = storedSince(cleanBefore, await rowsNow(clean));
    // The stories' own tables are all in it.
    for (const table of ["people", "households", "residents", "notices", "notice_deliveries"])
      expect(Object.keys(expected)).toContain(table);
    for (const table of ["requests", "request_events", "checkin_readings", "escalations"])
      expect(Object.keys(expected)).toContain(table);
    await clean.close();

    // The same stories against a Telegram that fails.
    const h = await community();
    const before = await rowsNow(h);
    const { fake } = h;
    const rules = [
      // She blocked the bot: every send to her is refused.
      fake.injectFault({ chatId: R4.id, fault: { kind: "blocked" } }),
      fake.injectFault({
        method: "answerCallbackQuery",
        rate: 0.5,
        seed: 11,
        fault: { kind: "queryTooOld" },
      }),
      fake.injectFault({
        method: "editMessageText",
        rate: 0.4,
        seed: 12,
        fault: { kind: "notModified" },
      }),
      fake.injectFault({
        method: SENDING,
        rate: 0.05,
        seed: 13,
        times: 1,
        fault: { kind: "tooManyRequests", retryAfter: 1 },
      }),
      fake.injectFault({
        method: SENDING,
        rate: 0.05,
        seed: 14,
        times: 1,
        fault: { kind: "internalError" },
      }),
      fake.injectFault({
        method: SENDING,
        rate: 0.04,
        seed: 15,
        times: 1,
        fault: { kind: "badGateway" },
      }),
      fake.injectFault({ method: SENDING, rate: 0.1, seed: 16, fault: { kind: "hang", ms: 150 } }),
      fake.injectFault({ method: SENDING, rate: 0.05, seed: 17, times: 2, fault: { kind: "cut" } }),
      // Applied, then the answer is lost: mostly the outbox's sends (the notices, the
      // cards in the staff group); a reply hit this way is sent twice.
      fake.injectFault({
        method: "sendMessage",
        chatId: [R1.id, R2.id, STAFF_GROUP],
        rate: 0.3,
        seed: 18,
        times: 3,
        fault: { kind: "lostAnswer" },
      }),
    ];
    await stories(h);

    // Every kind of fault was met.
    const met = new Set(fake.calls.map((c) => c.fault).filter(Boolean));
    for (const kind of [
      "blocked",
      "queryTooOld",
      "notModified",
      "tooManyRequests",
      "internalError",
      "hang",
      "cut",
      "lostAnswer",
    ])
      expect(met, `no ${kind} fault was met`).toContain(kind);

    // Alive: a final /start is answered.
    for (const rule of rules) rule.clear();
    await h.text(R2, "/start");
    expect(h.lastText(R2)).toContain("You are already registered");

    // Nothing retried forever: drained with the clock moving, no row is left waiting.
    for (let i = 0; i < 20; i++) {
      await h.drain();
      h.clock.advance(60_000);
    }
    const rows = await h.storage.db.selectFrom("outbox").selectAll().execute();
    expect(rows.filter((r) => r.status === "pending" || r.status === "sending")).toEqual([]);
    for (const row of rows.filter((r) => r.status === "dead" || r.status === "failed"))
      expect(row.last_error ?? row.failure, `outbox row ${row.id} has no reason`).toBeTruthy();

    // One notice each; a copy more only where Telegram applied a send and lost its answer.
    for (const resident of [R1, R2]) {
      const lostAnswers = fake
        .callsTo("sendMessage")
        .filter(
          (c) =>
            c.params.chat_id === resident.id &&
            c.fault === "lostAnswer" &&
            JSON.stringify(c.params.reply_markup ?? "").includes("nt:ok:1"),
        ).length;
      expect(notices(h, resident)).toHaveLength(1 + lostAnswers);
    }
    expect(notices(h, R4)).toEqual([]);
    expect((await h.storage.people.get(R4.id))?.reachability).toBe("blocked");

    // Nothing stored is lost: the same rows as the fault-free run.
    expect(storedSince(before, await rowsNow(h))).toEqual(expected);
    await h.close();
  }, 120_000);
});
