import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonUrls, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const OLD = -4001;
const NEW = -1004001000000;

describe("groups", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
  });
  afterEach(() => h.close());

  const addBot = (by = ADMIN, chatId = OLD) =>
    h.send(u.myChatMember(u.groupChat(chatId, "住户群"), by, "left", "member", h.fake.botInfo));

  it("someone who is not an admin adds the bot: it says an admin must bind it", async () => {
    await addBot(RESIDENT);
    expect(h.lastText(OLD)).toContain("需要社区管理员");
    expect((await h.storage.groups.get(OLD))?.kind).toBeNull();
  });

  it("/bind by a non-admin is refused and audited; /bind in private is explained", async () => {
    await addBot(RESIDENT);
    await h.groupText(RESIDENT, OLD, "/bind 3");
    expect(h.lastText(OLD)).toContain("只有管理员");
    expect((await h.storage.groups.get(OLD))?.kind).toBeNull();
    const denied = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.action)).toEqual(["group.bind"]);

    await h.text(ADMIN, "/bind 3");
    expect(h.lastText(ADMIN)).toContain("不能在私聊里用");
  });

  it("bad building names and unknown buildings are refused", async () => {
    await addBot();
    await h.groupText(ADMIN, OLD, "/bind");
    expect(h.lastText(OLD)).toContain("/bind 3");
    await h.groupText(ADMIN, OLD, "/bind 3 and 4");
    expect(h.lastText(OLD)).toContain("不是有效的楼栋号");
    await h.text(ADMIN, "/layout\n3,2,501");
    await h.groupText(ADMIN, OLD, "/bind 9");
    expect(h.lastText(OLD)).toContain("没有 9 栋");
    expect((await h.storage.groups.get(OLD))?.kind).toBeNull();
  });

  it("without the right to pin, it says what it needs", async () => {
    h.fake.setCanPin(OLD, false);
    await addBot();
    await h.groupText(ADMIN, OLD, "/bind 3");
    const welcome = h.fake.messagesIn(OLD).find((m) => buttonUrls(m).length > 0);
    expect(welcome?.pinned).toBe(false);
    expect(h.lastText(OLD)).toContain("置顶消息");
  });

  it("/bind staff marks the coordinators' group", async () => {
    await addBot();
    await h.groupText(ADMIN, OLD, "/bind staff");
    expect(await h.storage.groups.get(OLD)).toMatchObject({ kind: "staff", building: null });
    expect(h.lastText(OLD)).toContain("值班人员群");
  });

  it("a group upgraded to a supergroup keeps its binding", async () => {
    await addBot();
    await h.groupText(ADMIN, OLD, "/bind 3");
    await h.send(u.migrateToSupergroup(u.groupChat(OLD), NEW, ADMIN));
    await h.send(u.migrateFromGroup(NEW, OLD, ADMIN)); // Telegram sends both; the second changes nothing
    expect(await h.storage.groups.get(OLD)).toBeUndefined();
    expect(await h.storage.groups.get(NEW)).toMatchObject({
      kind: "building",
      building: "3",
      migratedFrom: OLD,
      active: true,
    });
  });

  it("removing the bot marks the group inactive, keeps the row, and later messages there are ignored", async () => {
    await addBot();
    await h.groupText(ADMIN, OLD, "/bind 3");
    await h.send(u.myChatMember(u.groupChat(OLD), ADMIN, "member", "kicked", h.fake.botInfo));
    expect(await h.storage.groups.get(OLD)).toMatchObject({
      active: false,
      kind: "building",
      building: "3",
    });

    const before = h.fake.calls.length;
    await h.groupText(ADMIN, OLD, "/bind 5");
    expect(h.fake.calls.length).toBe(before); // nothing sent to a group we are not in
    expect((await h.storage.groups.get(OLD))?.building).toBe("3");

    // Added back: the binding is still there.
    await addBot();
    expect(h.lastText(OLD)).toContain("3 栋");
    expect((await h.storage.groups.get(OLD))?.active).toBe(true);
  });

  it("/help in a group lists only what works there", async () => {
    await addBot();
    await h.groupText(RESIDENT, OLD, "/help");
    const text = h.lastText(OLD);
    expect(text).toContain("/help");
    expect(text).not.toContain("/bind");
    await h.groupText(ADMIN, OLD, "/help");
    expect(h.lastText(OLD)).toContain("/bind");
  });
});

describe("my data", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "王阿姨");
    await h.text(RESIDENT, "13800138000");
    await h.text(RESIDENT, "1");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:flag:lives_alone"), "reg:flag:lives_alone");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:flags:done"), "reg:flags:done");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:save"), "reg:save");
  });
  afterEach(() => h.close());

  it("/me shows what is stored", async () => {
    await h.text(RESIDENT, "/me");
    const text = h.lastText(RESIDENT);
    expect(text).toContain("3-2-501");
    expect(text).toContain("13800138000");
    expect(text).toContain("独居");
  });

  it("/forget deletes personal data after confirmation and keeps the audit trail", async () => {
    await h.text(RESIDENT, "/forget");
    await h.press(RESIDENT, h.withButton(RESIDENT, "forget:no"), "forget:no");
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeDefined();

    await h.text(RESIDENT, "/forget");
    await h.press(RESIDENT, h.withButton(RESIDENT, "forget:yes"), "forget:yes");
    expect(h.lastText(RESIDENT)).toContain("已删除");
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeUndefined();
    const person = await h.storage.people.get(RESIDENT.id);
    expect(person).toMatchObject({
      displayName: null,
      phone: null,
      firstName: null,
      username: null,
    });
    expect(person?.forgottenAt).not.toBeNull();
    const household = await h.storage.db.selectFrom("households").selectAll().executeTakeFirst();
    expect(household).toMatchObject({ room: "501", lives_alone: 0 });
    const audit = await h.storage.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "person.forget")
      .execute();
    expect(audit).toHaveLength(1);

    await h.text(RESIDENT, "/me");
    expect(h.lastText(RESIDENT)).toContain("还没有登记");
  });

  it("/language switches to English and it sticks", async () => {
    await h.text(RESIDENT, "/language");
    await h.press(RESIDENT, h.withButton(RESIDENT, "lang:en"), "lang:en");
    expect(h.lastText(RESIDENT)).toBe("Language set to English.");
    await h.text(RESIDENT, "/me");
    expect(h.lastText(RESIDENT)).toContain("What is stored about you");
  });

  it("a crafted language button is refused", async () => {
    await h.send(u.callbackOn(RESIDENT, RESIDENT.id, 1, "lang:xx"));
    expect(h.callbackAnswers().at(-1)).toContain("失效");
    expect((await h.storage.people.get(RESIDENT.id))?.language).toBeNull();
  });
});
