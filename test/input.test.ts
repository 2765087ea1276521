/**
 * Input: names lose invisible formatting and need a letter; the layout CSV is
 * capped on what is downloaded and read in the encodings Chinese Excel
 * writes; pressing "assign" twice offers the task once. Plus the pure rules
 * underneath (the limiter's decision, encoding detection, name cleaning).
 */
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../domain/limits.js";
import { cleanName, hasLetter } from "../domain/text.js";
import { decodeText } from "../domain/text-encoding.js";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "张", language_code: "zh-hans" });
const VOL = u.makeUser(5001, { first_name: "刘", language_code: "zh-hans" });
const RESIDENT = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });

/** "楼栋,单元,房号" in GBK, as Excel in China saves "CSV (逗号分隔)". */
const GBK_HEADER = Buffer.from([
  0xc2, 0xa5, 0xb6, 0xb0, 0x2c, 0xb5, 0xa5, 0xd4, 0xaa, 0x2c, 0xb7, 0xbf, 0xba, 0xc5,
]);
const ROWS = "\r\n3,1,101\r\n3,1,102\r\n";
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

describe("input", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("names lose zero-width and right-to-left characters and must contain a letter", async () => {
    h = await Harness.start();
    await h.text(RESIDENT, "/register");
    await h.text(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "\u200B\u200D\u2060");
    expect(h.lastText(RESIDENT)).toContain("称呼不能为空");
    await h.text(RESIDENT, "🙂🙂 123");
    expect(h.lastText(RESIDENT)).toContain("称呼里至少要有一个字");
    await h.text(RESIDENT, "\u3164\uFFA0");
    expect(h.lastText(RESIDENT)).toContain("称呼不能为空");
    await h.text(RESIDENT, "王\u200B阿\u202E姨\u2066");
    expect(h.lastText(RESIDENT)).toContain("电话");
    await h.text(RESIDENT, "跳过");
    await h.text(RESIDENT, "1");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:flags:done"), "reg:flags:done");
    await h.press(RESIDENT, h.withButton(RESIDENT, "reg:save"), "reg:save");
    const view = await h.storage.households.ofPerson(RESIDENT.id);
    expect(view?.displayName).toBe("王阿姨");

    // A Telegram name with a right-to-left override is shown cleaned on a page.
    h.fake.clearCalls();
    await h.storage.roles.grant(COORD.id, "coordinator", null);
    await h.text(COORD, "/duty on");
    const sneaky = u.makeUser(6001, { first_name: "\u202Enimda\u200B", language_code: "zh-hans" });
    await h.text(sneaky, "/sos 帮帮我");
    await h.drain();
    const page = h.fake.messagesIn(COORD.id).find((m) => m.text?.includes("帮帮我"));
    expect(page?.text).toContain("nimda");
    expect(page?.text).not.toMatch(/[\u202E\u200B]/);
  });

  it("the layout CSV is read as GBK, UTF-16 (with or without BOM) or UTF-8, and says which", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    const send = async (content: Buffer, name = "layout.csv") => {
      const fileId = h.fake.addFile(content);
      await h.send(
        u.privateDocument(ADMIN, {
          file_id: fileId,
          file_name: name,
          mime_type: "text/csv",
          file_size: content.length,
        }),
      );
      return h.lastText(ADMIN);
    };
    let reply = await send(Buffer.concat([GBK_HEADER, Buffer.from(ROWS)]));
    expect(reply).toContain("文件按 GBK/GB18030 编码读取");
    expect(reply).toContain("新增 2 个房间");

    const table = `楼栋,单元,房号\r\n4,1,101\r\n4,1,102\r\n`;
    reply = await send(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(table, "utf16le")]));
    expect(reply).toContain("UTF-16 (Unicode)");
    expect(reply).toContain("新增 2 个房间");
    reply = await send(Buffer.from(table.replaceAll("4,", "5,"), "utf16le"));
    expect(reply).toContain("UTF-16 (Unicode)");
    expect(reply).toContain("新增 2 个房间");
    reply = await send(utf16be(table.replaceAll("4,", "6,")));
    expect(reply).toContain("UTF-16 BE");
    expect(reply).toContain("新增 2 个房间");
    reply = await send(Buffer.from(`\uFEFF${table.replaceAll("4,", "7,")}`));
    expect(reply).toContain("UTF-8");
    expect(reply).toContain("新增 2 个房间");

    expect(await h.storage.layout.roomExists({ building: "3", unit: "1", room: "101" })).toBe(true);
    expect(await h.storage.layout.roomExists({ building: "6", unit: "1", room: "102" })).toBe(true);
  });

  it("the byte cap holds for what is downloaded, whatever size was declared", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    const big = Buffer.from("3,1,101\n".repeat(400_000)); // 3.2 MB
    const fileId = h.fake.addFile(big, undefined, { undeclaredSize: true });
    await h.send(u.privateDocument(ADMIN, { file_id: fileId, file_name: "layout.csv" }));
    expect(h.lastText(ADMIN)).toContain("文件太大了（最大 2 MB）");
    expect(await h.storage.layout.hasLayout()).toBe(false);
    // A small one without a declared size is read as usual.
    const small = h.fake.addFile("3,1,101\n", undefined, { undeclaredSize: true });
    await h.send(u.privateDocument(ADMIN, { file_id: small, file_name: "layout.csv" }));
    expect(h.lastText(ADMIN)).toContain("新增 1 个房间");
  });

  it("pressing the volunteer's button twice sends the volunteer one offer, not two", async () => {
    h = await Harness.start({ adminIds: [ADMIN.id] });
    await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
    await h.storage.roles.grant(VOL.id, "volunteer", ADMIN.id);
    for (const person of [COORD, VOL]) await h.text(person, "/start");
    await h.register(RESIDENT, "3-2-501");
    await h.text(RESIDENT, "/request");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:cat:other"), "rqc:cat:other");
    await h.text(RESIDENT, "帮忙把米扛上五楼");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:urg:today"), "rqc:urg:today");
    await h.press(RESIDENT, h.withButton(RESIDENT, "rqc:sum:send"), "rqc:sum:send");
    await h.drain();

    const to = `rq:to:1:${VOL.id}`;
    await h.press(COORD, h.withButton(COORD, "rq:assign:1"), "rq:assign:1");
    const list = h.withButton(COORD, to);
    await h.press(COORD, list, to);
    await h.press(COORD, list, to);
    expect(h.callbackAnswers().at(-1)).toContain("已经派给 刘 了，没有重复发送");
    // And from a second list, opened again.
    await h.press(COORD, h.withButton(COORD, "rq:assign:1"), "rq:assign:1");
    await h.press(COORD, h.withButton(COORD, to), to);
    await h.drain();
    const offers = h.fake.messagesIn(VOL.id).filter((m) => buttonData(m).includes("rq:accept:1"));
    expect(offers).toHaveLength(1);
    const events = await h.storage.db
      .selectFrom("request_events")
      .select("action")
      .where("action", "=", "assign")
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe("the rules underneath", () => {
  it("the limiter allows a burst of `count`, then one per interval, and survives the clock going back", () => {
    const limit = { count: 3, perMs: 60_000 };
    let tat: number | undefined;
    const at = (now: number) => {
      const d = decide(limit, tat, now);
      if (d.allowed) tat = d.tat;
      return d.allowed;
    };
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    expect(at(19_999)).toBe(false);
    expect(at(20_000)).toBe(true);
    expect(at(20_000)).toBe(false);
    // Quiet for a long while: the whole burst again.
    expect([at(500_000), at(500_000), at(500_000), at(500_000)]).toEqual([true, true, true, false]);
    // The clock went back by hours: not locked out.
    expect(at(10_000)).toBe(true);
  });

  it("detects the encoding by BOM, zero bytes, UTF-8 validity, then GB18030", () => {
    const gbk = decodeText(GBK_HEADER);
    expect(gbk).toEqual({ ok: true, text: "楼栋,单元,房号", encoding: "GB18030", bom: false });
    expect(decodeText(Buffer.from("3,1,101"))).toMatchObject({ ok: true, encoding: "UTF-8" });
    expect(decodeText(Buffer.from("楼栋"))).toMatchObject({ ok: true, encoding: "UTF-8" });
    expect(decodeText(Buffer.from("3,1", "utf16le"))).toMatchObject({
      ok: true,
      text: "3,1",
      encoding: "UTF-16LE",
    });
    expect(decodeText(utf16be("3,1"))).toMatchObject({ ok: true, encoding: "UTF-16BE" });
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x33]))).toMatchObject({
      text: "3",
      bom: true,
    });
    expect(decodeText(Buffer.from([0xff, 0xff, 0xff]))).toEqual({ ok: false });
  });

  it("cleans names", () => {
    expect(cleanName("  王\u200B阿姨\u202E ")).toBe("王阿姨");
    expect(cleanName("Li\u00ADLi\tWang")).toBe("LiLi Wang");
    expect(cleanName("\u3164")).toBe("");
    expect(hasLetter("🙂 123")).toBe(false);
    expect(hasLetter("李")).toBe(true);
  });
});
