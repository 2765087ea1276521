/**
 * Stories that cross features: a coordinator in the middle of one
 * conversation takes an urgent page; a page already claimed by the outbox
 * when someone takes the item never goes out; a fever reaches the
 * coordinator on duty and the resident is told so.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acknowledge, raiseUrgent } from "../features/escalation/service.js";
import { act, fileRequest } from "../features/requests/service.js";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const LI = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const ZHAO = u.makeUser(4002, { first_name: "Zhao", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "en" });

const register = (h: Harness, user: User, address: string) =>
  h.register(user, address, { name: "Wang" });

describe("across features", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    h.clock.set("2026-11-23T09:00:00+08:00");
    await h.storage.roles.grant(LI.id, "coordinator", ADMIN.id);
    await h.storage.roles.grant(LI.id, "worker", ADMIN.id);
    await h.storage.roles.grant(ZHAO.id, "coordinator", ADMIN.id);
    await h.text(LI, "/duty on");
    await register(h, RESIDENT, "3-2-501");
    await h.drain();
  });
  afterEach(() => h.close());

  it("a coordinator writing a notice can still take an urgent page, and the notice draft stays open", async () => {
    await h.text(LI, "/notice");
    await h.text(LI, "明天停水");
    const id = await raiseUrgent(h.deps, {
      kind: "sos",
      summary: "老人摔倒",
      address: "3-2-501",
      personId: RESIDENT.id,
    });
    await h.drain();
    const page = h.withButton(LI, `esc:ack:${id}`);
    await h.press(LI, page, `esc:ack:${id}`);
    expect((await h.storage.escalations.get(id))?.acknowledgedBy).toBe(LI.id);
    expect(h.callbackAnswers().at(-1)).not.toContain("请先回答当前的问题");
    // The notice conversation still waits for its target.
    await h.text(LI, "3-2");
    expect(h.withButton(LI, "nt:c:nomore")).toBeDefined();
  });

  it("a page the outbox has already claimed does not go out once someone has taken the item", async () => {
    // A slow message to Li goes first; the page to Li waits behind it in the dispatcher.
    h.fake.setLatency(400);
    await h.storage.outbox.enqueue([
      {
        chatId: LI.id,
        lane: "urgent",
        method: "sendMessage",
        payload: { text: "earlier message" },
      },
    ]);
    h.outbox.kick();
    const id = await raiseUrgent(h.deps, {
      kind: "sos",
      summary: "fire",
      address: "3-2-501",
      personId: RESIDENT.id,
    });
    const page = async () => (await h.storage.outbox.byRef("escalation", id))[0];
    for (let i = 0; i < 200 && (await page())?.status !== "sending"; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await page())?.status).toBe("sending"); // claimed, not yet sent
    const zhao = await h.storage.people.touch(ZHAO, true);
    expect((await acknowledge(h.deps, id, zhao.person)).type).toBe("won");
    h.fake.setLatency(0);
    await h.drain();
    expect(h.fake.textsIn(LI.id)).toContain("earlier message");
    expect(h.fake.messagesIn(LI.id).filter((m) => buttonData(m).includes(`esc:ack:${id}`))).toEqual(
      [],
    );
    expect(await page()).toMatchObject({ status: "failed", failure: "cancelled" });
  });

  it("a fever reaches the coordinator on duty, and the resident is told exactly that", async () => {
    await h.text(RESIDENT, "/checkin");
    await h.text(RESIDENT, "38.6");
    await h.press(RESIDENT, h.withButton(RESIDENT, "ci:s:cough"), "ci:s:cough");
    await h.drain();
    const told = h.fake.textsIn(RESIDENT.id).join("\n");
    expect(told).toContain("The coordinator on duty has been alerted.");
    const pages = h.fake
      .messagesIn(LI.id)
      .filter((m) => buttonData(m).some((d) => d.startsWith("esc:ack:")));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.text).toContain("3-2-501");
    expect(pages[0]?.text).toContain("38.6");
    // Zhao is a coordinator but not on duty: step 1 doesn't page him.
    expect(
      h.fake.messagesIn(ZHAO.id).filter((m) => buttonData(m).some((d) => d.startsWith("esc:ack:"))),
    ).toEqual([]);
  });

  it("a registered resident keeps the SOS button: after /start and after /cancel", async () => {
    const sosButton = (m: { reply_markup?: { keyboard?: Array<Array<{ text: string }>> } }) =>
      m.reply_markup?.keyboard?.flat().some((b) => b.text.startsWith("🆘")) ?? false;
    await h.text(RESIDENT, "/start");
    expect(sosButton(h.last(RESIDENT))).toBe(true);
    await h.text(RESIDENT, "/request");
    await h.text(RESIDENT, "/cancel");
    expect(sosButton(h.last(RESIDENT))).toBe(true);
    // Someone who isn't registered gets no SOS keyboard pushed on them by /cancel.
    const stranger = u.makeUser(7001, { first_name: "X", language_code: "en" });
    await h.text(stranger, "/cancel");
    expect(sosButton(h.last(stranger))).toBe(false);
  });

  it("taking an urgent request from its card stops the escalation, and /ledger shows the time to take it", async () => {
    const filed = await fileRequest(h.deps, RESIDENT.id, {
      subject: { kind: "self" },
      category: "medicine",
      details: { medicine: "硝苯地平", quantity: "1 盒" },
      photos: [],
      urgency: "now",
      noticeId: null,
    });
    const request = await h.storage.requests.get(filed.id);
    const escalationId = request?.escalationId as number;
    expect(escalationId).toBeGreaterThan(0);
    h.clock.advance(3 * 60_000);
    await act(
      h.deps,
      { id: LI.id, roles: new Set(["coordinator"]) },
      request?.id as number,
      "take",
    );
    expect((await h.storage.escalations.get(escalationId))?.acknowledgedBy).toBe(LI.id);
    await h.drain(); // what the take sent has arrived: the ledger and its chart come last
    await h.text(LI, "/ledger");
    expect(h.lastTextMessage(LI)).toContain(
      "今天紧急事项 1 件，已有人接手 1 件，接手时间中位数 3 分钟。",
    );
  });
});
