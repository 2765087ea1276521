import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonData, buttonUrls, Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const GROUP = -100200300;

describe("registration", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
  });
  afterEach(() => h.close());

  /** Goes through every step after the room: name, phone (skipped), members, flags, agree. */
  async function finish(user = RESIDENT, name = "王阿姨") {
    await h.text(user, name);
    await h.text(user, "跳过");
    await h.press(user, h.withButton(user.id, "reg:members:2"), "reg:members:2");
    await h.press(user, h.withButton(user.id, "reg:flag:over_75"), "reg:flag:over_75");
    await h.press(user, h.withButton(user.id, "reg:flags:done"), "reg:flags:done");
    await h.press(user, h.withButton(user.id, "reg:save"), "reg:save");
  }

  it("an admin adds the bot to a group and binds it; a resident registers from the deep link", async () => {
    await h.send(
      u.myChatMember(u.groupChat(GROUP, "3栋住户群"), ADMIN, "left", "member", h.fake.botInfo),
    );
    expect(h.lastText(GROUP)).toContain("/bind");
    expect((await h.storage.groups.get(GROUP))?.active).toBe(true);

    await h.groupText(ADMIN, GROUP, "/bind 3");
    const welcome = h.fake.messagesIn(GROUP).find((m) => buttonUrls(m).length > 0);
    expect(welcome).toBeDefined();
    const link = buttonUrls(welcome!)[0]!;
    expect(link).toBe(`https://t.me/${h.fake.botInfo.username}?start=join_3`);
    expect(welcome!.pinned).toBe(true);
    expect(await h.storage.groups.get(GROUP)).toMatchObject({ kind: "building", building: "3" });

    await h.text(RESIDENT, "/start join_3");
    expect(h.lastText(RESIDENT)).toContain("3 栋");
    await h.text(RESIDENT, "２－５０１"); // full-width digits and dash
    await finish();

    expect(h.lastText(RESIDENT)).toContain("3-2-501");
    const view = await h.storage.households.ofPerson(RESIDENT.id);
    expect(view?.household).toMatchObject({
      building: "3",
      unit: "2",
      room: "501",
      members: 2,
      flags: ["over_75"],
    });
    expect(view?.displayName).toBe("王阿姨");
    expect(view?.phone).toBeNull();
    expect((await h.storage.people.get(RESIDENT.id))?.reachability).toBe("reachable");
  });

  it("accepts the ways people write a room", async () => {
    for (const [input, expected] of [
      ["3栋2单元501", "3-2-501"],
      ["3/2/501", "3-2-501"],
      [" 3 - 2 - 501 ", "3-2-501"],
      ["12-0304", "12-0304"],
    ] as const) {
      await h.text(RESIDENT, "/register");
      await h.text(RESIDENT, input);
      await finish();
      expect(h.lastText(RESIDENT)).toContain(expected);
    }
    // registering again updated the same person: one resident row
    const rows = await h.storage.db.selectFrom("residents").selectAll().execute();
    expect(rows).toHaveLength(1);
  });

  it("a room outside the layout is refused with a clear message and asked again", async () => {
    await h.text(ADMIN, "/layout\n3,2,501\n3,2,502");
    expect(h.lastText(ADMIN)).toContain("2");
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-999");
    expect(h.lastText(RESIDENT)).toContain("3-2-999");
    expect(h.lastText(RESIDENT)).toContain("房号表里没有");
    await h.text(RESIDENT, "abc");
    expect(h.lastText(RESIDENT)).toContain("没能看懂");
    await h.text(RESIDENT, "3-2-502");
    expect(h.lastText(RESIDENT)).toContain("称呼");
    await finish();
    expect((await h.storage.households.ofPerson(RESIDENT.id))?.household.room).toBe("502");
  });

  it("refuses a 5,000-character name, a phone of letters and someone else's contact", async () => {
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "王".repeat(5000));
    expect(h.lastText(RESIDENT)).toContain("5,000");
    await h.text(RESIDENT, "王阿姨");
    await h.text(RESIDENT, "call me maybe");
    expect(h.lastText(RESIDENT)).toContain("只能有数字");
    await h.send(
      u.privateContact(RESIDENT, { phone_number: "13800138000", first_name: "Li", user_id: 9999 }),
    );
    expect(h.lastText(RESIDENT)).toContain("别人的");
    await h.send(
      u.privateContact(RESIDENT, { phone_number: "+86 138 0013 8000", user_id: RESIDENT.id }),
    );
    expect(h.fake.textsIn(RESIDENT.id).at(-2)).toContain("号码已记下");
    expect(h.lastText(RESIDENT)).toContain("几个人");
    await h.text(RESIDENT, "99");
    expect(h.lastText(RESIDENT)).toContain("1 到 20");
    await h.text(RESIDENT, "3");
    await h.press(RESIDENT, h.withButton(RESIDENT.id, "reg:flags:done"), "reg:flags:done");
    await h.press(RESIDENT, h.withButton(RESIDENT.id, "reg:save"), "reg:save");
    const view = await h.storage.households.ofPerson(RESIDENT.id);
    expect(view).toMatchObject({ displayName: "王阿姨", phone: "+8613800138000" });
    expect(view?.household.members).toBe(3);
  });

  it("every answer can be changed from the summary before saving", async () => {
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "王阿姨");
    await h.text(RESIDENT, "13800138000");
    await h.text(RESIDENT, "1");
    await h.press(RESIDENT, h.withButton(RESIDENT.id, "reg:flags:done"), "reg:flags:done");
    await h.press(RESIDENT, h.withButton(RESIDENT.id, "reg:edit:room"), "reg:edit:room");
    await h.text(RESIDENT, "3-2-601");
    const summary = h.withButton(RESIDENT.id, "reg:save");
    expect(summary.text).toContain("3-2-601");
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeUndefined(); // nothing stored before consent
    await h.press(RESIDENT, summary, "reg:save");
    expect((await h.storage.households.ofPerson(RESIDENT.id))?.household.room).toBe("601");
  });

  it("/cancel leaves cleanly and stores nothing", async () => {
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "/cancel");
    expect(h.lastText(RESIDENT)).toContain("已取消");
    await h.text(RESIDENT, "王阿姨");
    expect(h.lastText(RESIDENT)).toContain("/help"); // no longer in the conversation
    expect(await h.storage.households.ofPerson(RESIDENT.id)).toBeUndefined();
  });

  it("/help mid-conversation answers and the question stays open", async () => {
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "/help");
    expect(h.lastText(RESIDENT)).toContain("/register");
    await h.text(RESIDENT, "3-2-501");
    expect(h.lastText(RESIDENT)).toContain("称呼");
  });
});

describe("a restart in the middle of registration", () => {
  it("resumes where it was, and an old button after the restart gets a clear answer", async () => {
    const tmp = tempDir();
    const h = await Harness.start({ databaseUrl: `${tmp.dir}/linli.sqlite` });
    try {
      await h.text(RESIDENT, "/start join_3");
      await h.text(RESIDENT, "2-501");
      await h.text(RESIDENT, "王阿姨");
      await h.restart();
      await h.text(RESIDENT, "跳过");
      expect(h.lastText(RESIDENT)).toContain("几个人");
      const membersKeyboard = h.withButton(RESIDENT, "reg:members:2");
      await h.text(RESIDENT, "2");
      await h.press(RESIDENT, h.withButton(RESIDENT.id, "reg:flags:done"), "reg:flags:done");
      const summary = h.withButton(RESIDENT.id, "reg:save");
      await h.press(RESIDENT, summary, "reg:save");
      expect((await h.storage.households.ofPerson(RESIDENT.id))?.household).toMatchObject({
        building: "3",
        unit: "2",
        room: "501",
      });

      // After another restart, a button of the finished conversation belongs to nothing.
      await h.restart();
      expect(buttonData(membersKeyboard)).toContain("reg:members:2");
      await h.press(RESIDENT, membersKeyboard, "reg:members:2");
      expect(h.callbackAnswers().at(-1)).toContain("失效");
      expect((await h.storage.households.ofPerson(RESIDENT.id))?.household.members).toBe(2);
    } finally {
      await h.close();
      tmp.remove();
    }
  });
});
