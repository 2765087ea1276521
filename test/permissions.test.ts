/**
 * Every command and every staff button, tried by someone without the role:
 * refused politely, in their language, and written to the audit log, with
 * nothing done. The list comes from features/help/command-list.ts, so a new staff
 * command is covered as soon as it is listed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { raiseUrgent } from "../features/escalation/service.js";
import { COMMANDS } from "../features/help/command-list.js";
import { sendNotice } from "../features/notices/service.js";
import { fileRequest } from "../features/requests/service.js";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const GROUP = -1003000000003;

describe("permissions", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.register(RESIDENT, "3-2-501");
    await h.bindGroup(ADMIN, GROUP, "3");
    h.fake.clearCalls();
  });
  afterEach(() => h.close());

  const staffCommands = COMMANDS.filter((c) => c.roles.length > 0 && c.where !== "group");

  it.each(staffCommands.map((c) => [c.name, c.roles.join(",")]))(
    "/%s (for %s) is refused to a resident, audited, and does nothing",
    async (name) => {
      const before = await h.storage.db.selectFrom("audit_log").selectAll().execute();
      await h.text(RESIDENT, `/${name}`);
      const reply = h.lastText(RESIDENT);
      expect(reply).toMatch(/^抱歉，只有.+可以做这件事。/);
      const after = await h.storage.db.selectFrom("audit_log").selectAll().execute();
      const added = after.slice(before.length);
      expect(added.map((r) => r.outcome)).toEqual(["denied"]);
      expect(added[0]?.actor_id).toBe(RESIDENT.id);
      // Nothing but the refusal was sent anywhere.
      expect(h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id !== RESIDENT.id)).toEqual(
        [],
      );
    },
  );

  it("/bind in a group by a resident is refused and audited", async () => {
    await h.groupText(RESIDENT, GROUP, "/bind 5");
    expect(h.lastText(GROUP)).toMatch(/^抱歉，只有管理员可以做这件事。/);
    expect((await h.storage.groups.get(GROUP))?.building).toBe("3");
  });

  it.each([
    "esc:ack:1",
    "esc:no:1",
    "rq:take:1",
    "rq:assign:1",
    "rq:to:1:2001",
    "rq:done:1",
    "rq:cant:1",
    "nt:remind:1",
    "nt:csv:1",
  ])("the staff button %s pressed by a resident is refused", async (data) => {
    // The things the buttons act on exist: escalation #1, request #1, notice #1.
    await raiseUrgent(h.deps, {
      kind: "sos",
      summary: "test",
      address: "3-2-501",
      personId: RESIDENT.id,
    });
    await fileRequest(h.deps, RESIDENT.id, {
      subject: { kind: "self" },
      category: "gas",
      details: { gas_problem: "empty" },
      photos: [],
      urgency: "today",
      noticeId: null,
    });
    const notice = {
      versions: [{ target: "3", text: "通知", entities: null }],
      urgency: "normal" as const,
    };
    await sendNotice(h.deps, { ...notice, sendAt: null, supersedes: null }, ADMIN.id, "bot");
    await h.drain();
    const before = await h.storage.db.selectFrom("audit_log").selectAll().execute();
    h.fake.clearCalls();

    await h.send(u.callbackOn(RESIDENT, RESIDENT.id, 1, data));
    const answers = h.fake.callsTo("answerCallbackQuery");
    expect(answers).toHaveLength(1);
    expect(String(answers[0]?.params.text)).toMatch(/^抱歉，只有.+可以做这件事。/);
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
    expect(h.fake.callsTo("sendDocument")).toEqual([]);
    const added = (await h.storage.db.selectFrom("audit_log").selectAll().execute()).slice(
      before.length,
    );
    expect(added.map((r) => [r.actor_id, r.outcome])).toEqual([[RESIDENT.id, "denied"]]);
    expect((await h.storage.escalations.get(1))?.acknowledgedBy).toBeNull();
    expect((await h.storage.requests.get(1))?.status).toBe("new");
  });

  it.each(COMMANDS.filter((c) => c.where === "private").map((c) => [c.name]))(
    "/%s sent in a building group by an admin gets an answer there and changes nothing",
    async (name) => {
      await h.groupText(ADMIN, GROUP, `/${name}`);
      const replies = h.fake.callsTo("sendMessage").filter((c) => c.params.chat_id === GROUP);
      expect(replies).toHaveLength(1);
      expect(String(replies[0]?.params.text)).toMatch(/私聊|没有进行中的操作|按钮/);
      for (const table of ["notices", "requests", "escalations", "invites"] as const) {
        expect(await h.storage.db.selectFrom(table).selectAll().execute()).toEqual([]);
      }
    },
  );
});
