/**
 * A role taken back is taken back: /revoke ends the person's open staff
 * conversations, the staff conversations check the role again at their last
 * step, and invites made by someone who is no longer an admin stop working.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const SECOND_ADMIN = u.makeUser(1002, {
  first_name: "Zhou",
  username: "zhou",
  language_code: "en",
});
const WORKER = u.makeUser(3001, {
  first_name: "Zhang",
  username: "zhang_w",
  language_code: "zh-hans",
});
const VOLUNTEER = u.makeUser(5001, {
  first_name: "Liu",
  username: "liu_v",
  language_code: "zh-hans",
});
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const NEWCOMER = u.makeUser(7001, { first_name: "Sun", language_code: "zh-hans" });

const choose = (h: Harness, user: typeof WORKER, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** The worker composes a notice for 3-2-501 up to the preview, and stops there. */
async function composeUpToPreview(h: Harness): Promise<void> {
  await h.text(WORKER, "/notice");
  await h.text(WORKER, "今晚 8 点停水两小时，请提前储水");
  await h.text(WORKER, "3-2-501");
  await choose(h, WORKER, "nt:c:nomore");
  await choose(h, WORKER, "nt:c:urgent");
  await choose(h, WORKER, "nt:c:now");
  expect(h.lastText(WORKER)).toContain("收件人 1 人");
}

/** Everything the resident received that looks like a notice (tagged with their room). */
const noticesTo = (h: Harness) =>
  h.fake.messagesIn(RESIDENT.id).filter((m) => m.text?.startsWith("【"));

describe("a role taken back is taken back", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    for (const person of [ADMIN, WORKER]) await h.text(person, "/start");
    await h.register(RESIDENT, "3-2-501");
    await h.drain();
  });
  afterEach(() => h.close());

  it("a worker revoked between the preview and Send: no resident receives anything, and the worker is told", async () => {
    await composeUpToPreview(h);
    const preview = h.withButton(WORKER, "nt:c:send");

    await h.text(ADMIN, "/revoke @zhang_w worker");
    expect(h.lastText(ADMIN)).toContain("已收回 Zhang 的社工角色");
    expect(h.lastText(ADMIN)).toContain("未完成的「通知编写」已关闭");
    await h.drain();
    expect(h.lastText(WORKER)).toContain("您的社工角色已被收回，未完成的「通知编写」已关闭");

    await h.press(WORKER, preview, "nt:c:send");
    await h.drain();
    expect(noticesTo(h)).toHaveLength(0);
    expect(await h.storage.db.selectFrom("notices").select("id").execute()).toHaveLength(0);
    expect(h.callbackAnswers().at(-1)).toContain("按钮已经失效");
  });

  it("the notice composer checks the role again when Send is pressed", async () => {
    await composeUpToPreview(h);
    // Taken back by another way than /revoke (or while the press was already on its way).
    await h.storage.roles.revoke(WORKER.id, "worker");
    await choose(h, WORKER, "nt:c:send");
    await h.drain();
    expect(h.lastText(WORKER)).toContain("您的社工角色已被收回，所以这条通知没有发给任何人");
    expect(noticesTo(h)).toHaveLength(0);
    expect(await h.storage.db.selectFrom("notices").select("id").execute()).toHaveLength(0);
  });

  it("/revoke ends only the conversations that needed the role", async () => {
    await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
    await h.text(VOLUNTEER, "/start");
    await h.register(VOLUNTEER, "3-2-502");
    // The volunteer reports for their own household: no role needed for that.
    await h.text(VOLUNTEER, "/checkin");
    const open = async () =>
      (await h.storage.db.selectFrom("kv").select("key").execute()).map((r) => r.key);
    expect(await open()).toContain(`conv:${VOLUNTEER.id}`);
    await h.text(ADMIN, "/revoke @liu_v volunteer");
    expect(h.lastText(ADMIN)).not.toContain("已关闭");
    expect(await open()).toContain(`conv:${VOLUNTEER.id}`);
    await h.text(VOLUNTEER, "36.6");
    expect(h.lastText(VOLUNTEER)).toContain("身体感觉");
  });

  it("at the door: a check-in for another household is not saved once the role is gone", async () => {
    await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
    await h.text(VOLUNTEER, "/start");
    await h.text(VOLUNTEER, "/checkin_for 3-2-501");
    await h.text(VOLUNTEER, "36.6");
    await h.storage.roles.revoke(VOLUNTEER.id, "volunteer");
    await choose(h, VOLUNTEER, "ci:s:fine");
    expect(h.lastText(VOLUNTEER)).toContain("这次体温没有保存");
    expect(await h.storage.db.selectFrom("checkin_readings").select("id").execute()).toHaveLength(
      0,
    );
  });

  it("unused invites made by an admin who is no longer admin stop working", async () => {
    await h.storage.roles.grant(SECOND_ADMIN.id, "admin", ADMIN.id);
    await h.text(SECOND_ADMIN, "/invite volunteer");
    const link = /start=role_([\w-]+)/.exec(h.lastText(SECOND_ADMIN))?.[1] as string;
    await h.text(ADMIN, "/invite volunteer");
    const fromConfigAdmin = /start=role_([\w-]+)/.exec(h.lastText(ADMIN))?.[1] as string;

    await h.text(ADMIN, "/revoke @zhou admin");
    await h.text(NEWCOMER, `/start role_${link}`);
    expect(h.lastText(NEWCOMER)).toContain("发出它的人已经不是管理员了");
    expect(await h.storage.roles.of(NEWCOMER.id)).toEqual([]);

    // A link from an admin who still is one works.
    await h.text(NEWCOMER, `/start role_${fromConfigAdmin}`);
    expect(h.lastText(NEWCOMER)).toContain("欢迎");
    expect(await h.storage.roles.of(NEWCOMER.id)).toEqual(["volunteer"]);
  });
});
