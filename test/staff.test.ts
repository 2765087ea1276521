import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", username: "zhang_sg", language_code: "en" });
const OTHER = u.makeUser(3002, { first_name: "Li", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });

function inviteCode(text: string): string {
  const m = /start=role_([\w-]+)/.exec(text);
  if (!m) throw new Error(`no invite link in: ${text}`);
  return m[1] as string;
}

async function deniedRows(h: Harness) {
  return h.storage.db.selectFrom("audit_log").selectAll().where("outcome", "=", "denied").execute();
}

describe("roles and invites", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
  });
  afterEach(() => h.close());

  it("an admin invites a worker; the link gives the role once; /roles and /revoke", async () => {
    await h.text(ADMIN, "/invite worker");
    const code = inviteCode(h.lastText(ADMIN));

    // Before the invite, the worker is refused /coverage, politely and in their language.
    await h.text(WORKER, "/coverage");
    expect(h.lastText(WORKER)).toContain(
      "Sorry, only an admin or a social worker or a coordinator can do this",
    );

    await h.text(WORKER, `/start role_${code}`);
    expect(h.lastText(WORKER)).toContain("You are now a social worker");
    expect(await h.storage.roles.of(WORKER.id)).toEqual(["worker"]);
    const menu = h.fake.callsTo("setMyCommands").at(-1);
    expect(menu?.params.scope).toEqual({ type: "chat", chat_id: WORKER.id });
    expect(JSON.stringify(menu?.params.commands)).toContain("coverage");

    await h.text(WORKER, "/coverage");
    expect(h.lastText(WORKER)).not.toContain("Sorry");

    // The same link a second time, by someone else: refused, no role.
    await h.text(OTHER, `/start role_${code}`);
    expect(h.lastText(OTHER)).toContain("已经被使用过");
    expect(await h.storage.roles.of(OTHER.id)).toEqual([]);

    await h.text(ADMIN, "/roles");
    expect(h.lastText(ADMIN)).toContain("社工: Zhang (3001)");
    expect(h.lastText(ADMIN)).toContain(`管理员: ${ADMIN.id}`);

    await h.text(ADMIN, "/revoke @zhang_sg worker");
    expect(h.lastText(ADMIN)).toContain("已收回");
    expect(await h.storage.roles.of(WORKER.id)).toEqual([]);
    await h.text(WORKER, "/coverage");
    expect(h.lastText(WORKER)).toContain("Sorry");
  });

  it("an expired invite is refused", async () => {
    await h.text(ADMIN, "/invite coordinator");
    const code = inviteCode(h.lastText(ADMIN));
    h.clock.advance(48 * 3600 * 1000 + 1);
    await h.text(OTHER, `/start role_${code}`);
    expect(h.lastText(OTHER)).toContain("已过期");
    expect(await h.storage.roles.of(OTHER.id)).toEqual([]);
    await h.text(OTHER, "/start role_made-up-code");
    expect(h.lastText(OTHER)).toContain("无效");
  });

  it("non-admins are refused every admin command, and each refusal is audited", async () => {
    for (const command of ["/invite worker", "/roles", "/revoke 3001 worker", "/layout\n3,2,501"]) {
      await h.text(RESIDENT, command);
      expect(h.lastText(RESIDENT)).toBe(
        "抱歉，只有管理员可以做这件事。如有需要，请联系社区管理员。",
      );
    }
    const denied = await deniedRows(h);
    expect(denied.map((r) => r.action)).toEqual([
      "role.invite",
      "role.list",
      "role.revoke",
      "layout.import",
    ]);
    expect(denied.every((r) => r.actor_id === RESIDENT.id)).toBe(true);
    expect(await h.storage.layout.hasLayout()).toBe(false);
  });

  it("bad arguments get a usage message and change nothing", async () => {
    await h.text(ADMIN, "/invite king");
    expect(h.lastText(ADMIN)).toContain("用法：/invite");
    await h.text(ADMIN, "/invite resident");
    expect(h.lastText(ADMIN)).toContain("用法：/invite");
    await h.text(ADMIN, "/revoke @nobody worker");
    expect(h.lastText(ADMIN)).toContain("找不到");
    await h.text(ADMIN, `/revoke ${ADMIN.id} admin`);
    expect(h.lastText(ADMIN)).toContain("ADMIN_IDS");
    expect(await h.storage.db.selectFrom("invites").selectAll().execute()).toEqual([]);
  });

  it("admin commands in a group are sent to private chat", async () => {
    await h.groupText(ADMIN, -100999, "/invite worker");
    expect(h.lastText(-100999)).toContain("私聊");
    expect(await h.storage.db.selectFrom("invites").selectAll().execute()).toEqual([]);
  });
});

describe("layout import", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
  });
  afterEach(() => h.close());

  it("imports a CSV document with a BOM", async () => {
    const fileId = h.fake.addFile(
      "\uFEFFbuilding,unit,room\r\n3,1,101\r\n3,1,102\r\n3,2,101\r\n",
      "documents/layout.csv",
    );
    await h.send(
      u.privateDocument(ADMIN, { file_id: fileId, file_name: "layout.csv", mime_type: "text/csv" }),
    );
    expect(h.lastText(ADMIN)).toContain("新增 3 个房间");
    expect(await h.storage.layout.rooms()).toHaveLength(3);
  });

  it("a file with any bad row imports nothing and lists each problem by line", async () => {
    const fileId = h.fake.addFile(
      "building,unit,room\n3,1,101\n3,1\n3,1,101\n",
      "documents/bad.csv",
    );
    await h.send(
      u.privateDocument(ADMIN, { file_id: fileId, file_name: "bad.csv", mime_type: "text/csv" }),
    );
    const reply = h.lastText(ADMIN);
    expect(reply).toContain("什么都没有导入");
    expect(reply).toContain("第 3 行：需要 3 列");
    expect(reply).toContain("第 4 行：3-1-101 重复了（第 2 行已经有）");
    expect(await h.storage.layout.hasLayout()).toBe(false);
  });

  it("a document from a non-admin is refused and not downloaded", async () => {
    const fileId = h.fake.addFile("3,1,101\n");
    await h.send(u.privateDocument(RESIDENT, { file_id: fileId, file_name: "x.csv" }));
    expect(h.lastText(RESIDENT)).toContain("只有管理员");
    expect(h.fake.callsTo("getFile")).toHaveLength(0);
  });

  it("a non-CSV document is refused", async () => {
    const fileId = h.fake.addFile("%PDF");
    await h.send(
      u.privateDocument(ADMIN, {
        file_id: fileId,
        file_name: "x.pdf",
        mime_type: "application/pdf",
      }),
    );
    expect(h.lastText(ADMIN)).toContain(".csv");
  });
});

describe("coverage", () => {
  it("shows registered and missing rooms per unit and reachability", async () => {
    const h = await Harness.start({ adminIds: [ADMIN.id] });
    try {
      await h.text(ADMIN, "/layout\n3,2,501\n3,2,502\n3,2,601\n5,1,101");
      await h.storage.people.touch(RESIDENT, true);
      await h.storage.households.register({
        personId: RESIDENT.id,
        address: { building: "3", unit: "2", room: "501" },
        displayName: "王阿姨",
        phone: null,
        members: 2,
        flags: [],
      });
      await h.storage.people.touch(OTHER, false); // registered by staff later: never pressed Start
      await h.storage.households.register({
        personId: OTHER.id,
        address: { building: "5", unit: "1", room: "101" },
        displayName: "李",
        phone: null,
        members: 1,
        flags: [],
      });
      await h.text(ADMIN, "/coverage");
      const text = h.lastText(ADMIN);
      expect(text).toContain("3-2：已登记 1/3 户，可私信 1 人，无法私信 0 人");
      expect(text).toContain("未登记：502, 601");
      expect(text).toContain("5-1：已登记 1/1 户，可私信 0 人，无法私信 1 人");
      expect(text).toContain("合计：已登记 2/4 户，还有 2 户未登记");
    } finally {
      await h.close();
    }
  });
});
