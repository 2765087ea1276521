/**
 * Photos through the outbox: a request card is followed, in the private chat
 * of each coordinator who gets it, by the resident's photos (sendPhoto by
 * file_id, a row like any other in the one send budget); never in a group.
 * A photo row survives a crash while it is on the wire.
 */
import type { Update, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { Role } from "../domain/roles.js";
import { Harness, tempDir, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "张", language_code: "zh-hans" });
const COORD2 = u.makeUser(4002, { first_name: "Lee", language_code: "en" });
const VOL = u.makeUser(5001, { first_name: "李", language_code: "zh-hans" });
const RES = u.makeUser(2001, { first_name: "王", language_code: "zh-hans" });
const STAFF_GROUP = -1009000000009;
const GROUP3 = -1003000000003;

const choose = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

async function community(databaseUrl?: string): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], databaseUrl });
  const grants: Array<[User, Role]> = [
    [COORD, "coordinator"],
    [COORD2, "coordinator"],
    [VOL, "volunteer"],
  ];
  for (const [user, role] of grants) {
    await h.storage.roles.grant(user.id, role, ADMIN.id);
    await h.text(user, "/start");
  }
  await h.text(ADMIN, "/layout\n3,2,501");
  await h.bindGroup(ADMIN, GROUP3, "3");
  await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
  await h.register(RES, "3-2-501", { name: "王阿姨" });
  h.fake.clearCalls();
  return h;
}

/** A photo the resident sends: stored in the fake, so a resend by file_id carries its bytes. */
function photoFrom(h: Harness, user: User, bytes: Buffer): { update: Update; fileId: string } {
  const fileId = h.fake.addFile(bytes, `photos/${bytes.length}.jpg`);
  const update = u.privatePhoto(user);
  for (const size of update.message?.photo ?? []) size.file_id = fileId;
  return { update, fileId };
}

/** A repair request with two photos, through the real intake. */
async function fileRepairWithPhotos(h: Harness): Promise<string[]> {
  const first = photoFrom(h, RES, Buffer.from("first photo: the leaking pipe"));
  const second = photoFrom(h, RES, Buffer.from("second photo: the wet ceiling"));
  await h.text(RES, "/request");
  await choose(h, RES, "rqc:cat:repair");
  await h.text(RES, "厨房水管漏水");
  await h.send(first.update);
  await h.send(second.update);
  await choose(h, RES, "rqc:photos:done");
  await choose(h, RES, "rqc:urg:today");
  await choose(h, RES, "rqc:sum:send");
  expect(h.lastText(RES)).toContain("1122-001");
  return [first.fileId, second.fileId];
}

describe("photos through the outbox", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("a card in a coordinator's private chat is followed by the resident's photos; the groups get none", async () => {
    h = await community();
    const ids = await fileRepairWithPhotos(h);
    await h.drain();

    for (const [coord, caption] of [
      [COORD, "1122-001 的照片"],
      [COORD2, "1122-001, photo"],
    ] as const) {
      const chat = h.fake.messagesIn(coord.id);
      const card = chat.findIndex((m) => m.text?.includes("1122-001"));
      expect(card).toBeGreaterThanOrEqual(0);
      const photos = chat.slice(card + 1).filter((m) => m.method === "sendPhoto");
      expect(photos.map((m) => m.caption)).toEqual([`${caption} 1/2`, `${caption} 2/2`]);
      expect(photos.map((m) => m.photo?.content.toString())).toEqual([
        "first photo: the leaking pipe",
        "second photo: the wet ceiling",
      ]);
    }
    // Sent by file_id (nothing uploaded), through the outbox; in order within each chat
    // (two chats are sent to side by side, so the order between them is not fixed).
    const calls = h.fake.callsTo("sendPhoto");
    for (const coord of [COORD, COORD2]) {
      const mine = calls.filter((c) => Number(c.params.chat_id) === coord.id);
      expect(mine.map((c) => c.params.photo)).toEqual([ids[0], ids[1]]);
    }
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => Object.keys(c.files).length === 0)).toBe(true);
    const rows = (await h.storage.outbox.byRef("request-photo", 1)).map((r) => [
      r.chatId,
      r.method,
      r.status,
    ]);
    expect(rows).toEqual([
      [COORD.id, "sendPhoto", "sent"],
      [COORD.id, "sendPhoto", "sent"],
      [COORD2.id, "sendPhoto", "sent"],
      [COORD2.id, "sendPhoto", "sent"],
    ]);
    // The staff group and the building group see the card's kind, never a photo.
    for (const group of [STAFF_GROUP, GROUP3]) {
      expect(h.fake.messagesIn(group).filter((m) => m.photo !== undefined)).toEqual([]);
    }
    expect(h.fake.messagesIn(VOL.id).filter((m) => m.photo !== undefined)).toEqual([]);
  });

  it("a photo on the wire when the bot crashes is sent after the restart", async () => {
    const tmp = tempDir();
    try {
      h = await community(`sqlite:${tmp.dir}/db.sqlite`);
      // Telegram doesn't answer the photos: they stay `sending` when the process dies.
      h.fake.injectFault({ method: "sendPhoto", fault: { kind: "hang" } });
      const ids = await fileRepairWithPhotos(h);
      h.outbox.kick();
      const sending = async () =>
        (await h.storage.outbox.byRef("request-photo", 1)).filter((r) => r.status === "sending");
      for (let i = 0; i < 200 && (await sending()).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect((await sending()).length).toBeGreaterThan(0);

      await h.restart();
      h.fake.clearFaults();
      await h.drain();
      const delivered = (chat: number) =>
        h.fake
          .messagesIn(chat)
          .filter((m) => m.method === "sendPhoto")
          .map((m) => m.photo?.content.toString());
      for (const coord of [COORD, COORD2]) {
        expect(new Set(delivered(coord.id))).toEqual(
          new Set(["first photo: the leaking pipe", "second photo: the wet ceiling"]),
        );
      }
      const rows = await h.storage.outbox.byRef("request-photo", 1);
      expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
      expect(rows.map((r) => r.payload.photo)).toEqual([ids[0], ids[1], ids[0], ids[1]]);
    } finally {
      await h.close();
      h = await Harness.start(); // afterEach closes one
      tmp.remove();
    }
  });

  it("an outbox photo must be a file_id: bytes are refused at enqueue", async () => {
    h = await Harness.start();
    await expect(
      h.storage.outbox.enqueue([
        {
          chatId: COORD.id,
          lane: "normal",
          method: "sendPhoto",
          payload: { photo: { source: "bytes" } },
        },
      ]),
    ).rejects.toThrow(/file_id/);
  });
});
