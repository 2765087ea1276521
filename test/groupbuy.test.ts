/**
 * Group buys and free distributions, as whole stories against the fake
 * Telegram: a worker opens a buy, residents order with − and + in private,
 * the buy closes at its deadline, a volunteer works the door list one tap per
 * door, and the accounts add up to the fen.
 */
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runGroupbuyDeadlines } from "../features/groupbuy/index.js";
import { changeOrder, openBuy as openBuyDirect } from "../features/groupbuy/service.js";
import { buttonData, buttonTexts, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const VOLUNTEER = u.makeUser(4001, { first_name: "Li", language_code: "zh-hans" });
const GROUP3 = -1003000000003;
const GROUP4 = -1004000000004;

const residents = {
  /** Two residents of one room, 3-2-501. */
  a1: u.makeUser(2001, { first_name: "A1", language_code: "zh-hans" }),
  a2: u.makeUser(2002, { first_name: "A2", language_code: "zh-hans" }),
  b: u.makeUser(2003, { first_name: "B", language_code: "en" }),
  c: u.makeUser(2004, { first_name: "C", language_code: "zh-hans" }),
  /** Building 4: not in the buy. */
  d: u.makeUser(2005, { first_name: "D", language_code: "zh-hans" }),
};

/** Household ids, read after registration (an upsert may skip a number). */
const HH = { a: 0, b: 0, c: 0, d: 0 };
/** Item ids of the first buy: 白菜 ¥3.50, 猪肉 ¥25.00 (limit 2), 鸡蛋 ¥12.80 (limit 1). */
const ITEM = { cabbage: 1, pork: 2, eggs: 3 };

async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.storage.roles.grant(VOLUNTEER.id, "volunteer", ADMIN.id);
  await h.text(ADMIN, "/layout\n3,1,101\n3,2,501\n3,2,502\n4,1,101");
  await h.bindGroup(ADMIN, GROUP3, "3");
  await h.bindGroup(ADMIN, GROUP4, "4");
  await h.register(residents.a1, "3-2-501");
  await h.register(residents.a2, "3-2-501");
  await h.register(residents.b, "3-2-502");
  await h.register(residents.c, "3-1-101");
  await h.register(residents.d, "4-1-101");
  // The volunteer and worker have talked to the bot (they are reachable).
  await h.text(VOLUNTEER, "/help");
  await h.text(WORKER, "/help");
  for (const [key, user] of [
    ["a", residents.a1],
    ["b", residents.b],
    ["c", residents.c],
    ["d", residents.d],
  ] as const) {
    HH[key] = (await h.storage.households.ofPerson(user.id))?.household.id ?? -1;
  }
  h.fake.clearCalls();
  return h;
}

/** Presses a button on the latest message in the user's chat that offers it. */
const press = (h: Harness, user: User, data: string) =>
  h.press(user, h.withButton(user, data), data);

/** Opens a buy through the real conversation. */
async function openBuy(
  h: Harness,
  opts: {
    kind?: "buy" | "free";
    title?: string;
    items?: string;
    target?: string;
    deadline?: string;
    pickup?: string;
  } = {},
) {
  await h.text(WORKER, "/groupbuy");
  await press(h, WORKER, `gbc:${opts.kind ?? "buy"}`);
  await h.text(WORKER, opts.title ?? "平价蔬菜包");
  await h.text(WORKER, opts.items ?? "白菜 3.5\n猪肉 25元 限2\n鸡蛋 ¥12.80 限1");
  await h.text(WORKER, opts.target ?? "3");
  await h.text(WORKER, opts.deadline ?? "18:00");
  if (opts.pickup) {
    await press(h, WORKER, "gbc:pickup");
    await h.text(WORKER, opts.pickup);
  } else {
    await press(h, WORKER, "gbc:door");
  }
  await press(h, WORKER, "gbc:send");
}

/** The order card in a resident's chat (it carries the Done button while open). */
const card = (h: Harness, user: User, buy = 1) => h.withButton(user, `gb:ok:${buy}`);

describe("group buys", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  const lastAnswer = () => h.callbackAnswers().at(-1) ?? "";

  it("from opening to reconciliation: three households, one changes its order, one pays twice; not one cent wrong", async () => {
    await openBuy(h);
    expect(h.lastText(WORKER)).toContain("团购 #1 已发布：面向 3 户（4 人，其中 0 人无法私信）");
    await h.drain();

    // Every resident of the three households got the card privately, tagged with their room.
    const a1Card = card(h, residents.a1);
    expect(a1Card.text).toContain("【3-2-501】\n🛒 团购 #1：平价蔬菜包");
    expect(a1Card.text).toContain("· 猪肉 ¥25.00（每户限 2 份）");
    expect(a1Card.text).toContain("⏰ 下单截止：2026-11-22 18:00");
    expect(buttonData(a1Card)).toEqual([
      "gb:q:1:1:-1",
      "gb:n:1:1",
      "gb:q:1:1:1",
      "gb:q:1:2:-1",
      "gb:n:1:2",
      "gb:q:1:2:1",
      "gb:q:1:3:-1",
      "gb:n:1:3",
      "gb:q:1:3:1",
      "gb:ok:1",
    ]);
    expect(card(h, residents.a2).text).toContain("【3-2-501】");
    expect(card(h, residents.b).text).toContain("Group buy #1");
    expect(card(h, residents.c).text).toContain("【3-1-101】");
    expect(h.fake.messagesIn(residents.d.id).filter((m) => m.text?.includes("团购"))).toEqual([]);
    // One short pointer in building 3's group: no order, no amount; nothing in building 4's.
    const pointers = h.fake.messagesIn(GROUP3).filter((m) => m.text?.includes("平价蔬菜包"));
    expect(pointers).toHaveLength(1);
    expect(pointers[0]?.text).toContain("3-1、3-2");
    expect(h.fake.messagesIn(GROUP4).filter((m) => m.text?.includes("平价蔬菜包"))).toEqual([]);

    // Household A: A1 takes two cabbages and a pork; A2 (same room) sees that order and adds a pork.
    await press(h, residents.a1, "gb:q:1:1:1");
    expect(lastAnswer()).toBe("白菜：1 份，合计 ¥3.50");
    await press(h, residents.a1, "gb:q:1:1:1");
    await press(h, residents.a1, "gb:q:1:2:1");
    expect(card(h, residents.a1).text).toContain(
      "白菜 × 2 = ¥7.00\n猪肉 × 1 = ¥25.00\n合计 ¥32.00",
    );
    await press(h, residents.a2, "gb:q:1:2:1");
    expect(card(h, residents.a2).text).toContain(
      "白菜 × 2 = ¥7.00\n猪肉 × 2 = ¥50.00\n合计 ¥57.00",
    );
    // Over the limit of 2 pork per household.
    await press(h, residents.a2, "gb:q:1:2:1");
    expect(lastAnswer()).toBe("每户最多 2 份。");

    // Household B (English): one box of eggs; a second is over the limit; − on nothing is refused.
    await press(h, residents.b, "gb:q:1:3:1");
    await press(h, residents.b, "gb:q:1:3:1");
    expect(lastAnswer()).toBe("At most 1 per household.");
    await press(h, residents.b, "gb:q:1:1:-1");
    expect(lastAnswer()).toBe("A quantity can't be less than 0.");
    // A forged button asking for 10,000 cabbages.
    await h.send(
      u.callbackOn(residents.b, residents.b.id, card(h, residents.b).message_id, "gb:q:1:1:10000"),
    );
    expect(lastAnswer()).toBe("That's too many: at most 99 of each.");
    expect(card(h, residents.b).text).toContain("鸡蛋 × 1 = ¥12.80\nTotal ¥12.80");

    // Household C changes its order: types 10000 and -1 (refused), then 3, then presses − once.
    await press(h, residents.c, "gb:n:1:1");
    expect(h.lastText(residents.c)).toBe(
      "您家要几份“白菜”？请写一个数字（0 到 99），写 0 就是不要。",
    );
    await h.text(residents.c, "10000");
    expect(h.lastText(residents.c)).toBe("数量太多了，每样最多 99 份。");
    await h.text(residents.c, "-1");
    expect(h.lastText(residents.c)).toBe("数量不能少于 0。");
    await h.text(residents.c, "3");
    expect(h.lastText(residents.c)).toBe("好的，“白菜”改成 3 份，合计 ¥10.50。");
    expect(card(h, residents.c).text).toContain("白菜 × 3 = ¥10.50");
    await press(h, residents.c, "gb:q:1:1:-1");
    await press(h, residents.c, "gb:ok:1");
    expect(h.lastText(residents.c)).toBe(
      "✅ 已记下您家（3-1-101）团购 #1 的订单：白菜×2，合计 ¥7.00。2026-11-22 18:00 截止前还可以改。",
    );

    // Someone the buy wasn't offered to presses a forwarded card's button.
    await h.send(u.callbackOn(residents.d, residents.d.id, 99, "gb:q:1:1:1"));
    expect(lastAnswer()).toBe("这次不面向您家所在的楼栋或人群。");

    // The deadline: the buy closes once, the worker gets the supplier's totals, each household its order.
    h.clock.set("2026-11-22T18:00:00+08:00");
    expect(await runGroupbuyDeadlines(h.deps)).toBe(1);
    expect(await runGroupbuyDeadlines(h.deps)).toBe(0);
    await h.drain();
    const summary = h.fake.messagesIn(WORKER.id).find((m) => m.text?.startsWith("⏰ #1 已截止"));
    expect(summary?.text).toContain(
      "合计数量（向供应商订货）：\n· 白菜 4 份 × ¥3.50 = ¥14.00\n· 猪肉 2 份 × ¥25.00 = ¥50.00\n· 鸡蛋 1 份 × ¥12.80 = ¥12.80\n应收合计 ¥76.80",
    );
    expect(buttonData(summary!)).toEqual([
      "gb:pack:1",
      "gb:csv:1",
      "gb:bld:1",
      "gb:rec:1",
      "gb:v:1",
      "gb:list",
    ]);
    for (const user of [residents.a1, residents.a2]) {
      expect(h.lastText(user)).toBe(
        "【3-2-501】\n团购 #1“平价蔬菜包”已截止。您家的订单：白菜×2、猪肉×2，应付 ¥57.00，可以付现金或转账。\n志愿者会送到您家门口。",
      );
    }
    expect(h.lastText(residents.b)).toContain("Your household's order: 鸡蛋×1, to pay ¥12.80");

    // Too late to change.
    await press(h, residents.a1, "gb:q:1:1:1");
    expect(lastAnswer()).toBe("#1 已经截止，不能再改了。");
    expect(
      buttonData(h.fake.messagesIn(residents.a1.id).find((m) => m.text?.includes("🛒 团购 #1"))!),
    ).toEqual([]);
    expect((await h.storage.groupbuys.order(1, HH.a))?.lines.map((l) => l.qty)).toEqual([2, 2, 0]);

    // The volunteer: packing lists, the CSV, then the door list of building 3.
    await h.text(VOLUNTEER, "/groupbuys");
    expect(h.lastText(VOLUNTEER)).toContain(
      "#1 🛒 平价蔬菜包 · 已截止 · 截止 2026-11-22 18:00 · 下单 3/3 户 · ¥76.80",
    );
    await press(h, VOLUNTEER, "gb:v:1");
    await press(h, VOLUNTEER, "gb:pack:1");
    expect(h.lastText(VOLUNTEER)).toBe(
      [
        "📦 #1“平价蔬菜包”分拣清单",
        "",
        "【3-1】1 户",
        "本单元合计：白菜×2",
        "101：白菜×2 · ¥7.00",
        "",
        "【3-2】2 户",
        "本单元合计：白菜×2 猪肉×2 鸡蛋×1",
        "501：白菜×2 猪肉×2 · ¥57.00",
        "502：鸡蛋×1 · ¥12.80",
      ].join("\n"),
    );
    await press(h, VOLUNTEER, "gb:csv:1");
    const csv = h.fake
      .messagesIn(VOLUNTEER.id)
      .find((m) => m.document)
      ?.document?.content.toString("utf8");
    expect(csv?.split("\r\n")).toEqual([
      "\uFEFF楼栋,单元,房号,白菜,猪肉,鸡蛋,应付(元),缺货,已送达,付款方式,已付(元)",
      "3,1,101,2,0,0,7.00,,,,",
      "3,1,3-1 小计,2,0,0,7.00",
      "3,2,501,2,2,0,57.00,,,,",
      "3,2,502,0,0,1,12.80,,,,",
      "3,2,3-2 小计,2,2,1,69.80",
      ",,合计,4,2,1,76.80",
      "",
    ]);

    await press(h, VOLUNTEER, "gb:bld:1");
    await press(h, VOLUNTEER, "gb:doors:1:0:3");
    const list = h.withButton(VOLUNTEER, "gb:doors:1:0:3");
    expect(list.text).toBe(
      [
        "🚚 #1 · 3栋（第 1/1 页，共 3 户）",
        "1-101：白菜×2 · ¥7.00 · 未送 · 未付",
        "2-501：白菜×2 猪肉×2 · ¥57.00 · 未送 · 未付",
        "2-502：鸡蛋×1 · ¥12.80 · 未送 · 未付",
      ].join("\n"),
    );

    // A: delivered, paid cash. B: delivered, paid by transfer, and the transfer pressed twice.
    await press(h, VOLUNTEER, `gb:dv:1:${HH.a}:0:l`);
    expect(lastAnswer()).toBe("✅ 3-2-501 已送达");
    await press(h, VOLUNTEER, `gb:pay:1:${HH.a}:0:cash:l`);
    expect(lastAnswer()).toBe("💵 3-2-501 已收 ¥57.00（现金）");
    await press(h, VOLUNTEER, `gb:dv:1:${HH.b}:0:l`);
    await press(h, VOLUNTEER, `gb:pay:1:${HH.b}:0:transfer:l`);
    await h.send(
      u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, `gb:pay:1:${HH.b}:0:transfer:l`),
    );
    expect(lastAnswer()).toBe("3-2-502 已经记过付款：¥12.80（转账），不会重复记账。");
    await h.send(
      u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, `gb:pay:1:${HH.b}:0:cash:l`),
    );
    expect(lastAnswer()).toBe("3-2-502 已经记过付款：¥12.80（转账），不会重复记账。");
    await press(h, VOLUNTEER, `gb:dv:1:${HH.b}:0:l`);
    expect(lastAnswer()).toBe("3-2-502 已经标记过送达了。");

    // C: one cabbage short, recorded on the door's details, then delivered; not paid yet.
    await press(h, VOLUNTEER, `gb:dd:1:${HH.c}:0`);
    await press(h, VOLUNTEER, `gb:sh:1:${HH.c}:0:1:1`);
    expect(h.withButton(VOLUNTEER, `gb:dv:1:${HH.c}:0:d`).text).toContain(
      "白菜：订 2，缺 1，实送 1\n¥3.50 · 未送 · 未付",
    );
    await press(h, VOLUNTEER, `gb:dv:1:${HH.c}:0:d`);
    // Settled once delivered: the shortage can't move any more.
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, `gb:sh:1:${HH.c}:0:1:-1`));
    expect(lastAnswer()).toBe("已送达或已收款，缺货不能再改；点错了可以先在这户的详情里撤销。");

    // Back from the door to the list, the buildings and the summary; then the accounts.
    await press(h, VOLUNTEER, "gb:doors:1:0:3");
    await press(h, VOLUNTEER, "gb:bld:1");
    await press(h, VOLUNTEER, "gb:v:1");
    expect(h.withButton(VOLUNTEER, "gb:rec:1").text).toContain("已送达 3/3 户，已付款 2/3 户。");
    await press(h, VOLUNTEER, "gb:rec:1");
    expect(h.lastText(VOLUNTEER)).toBe(
      [
        "🧾 #1“平价蔬菜包”对账（2026-11-22 18:00）",
        "数量：订购 = 已送 + 缺货（+ 未送）",
        "· 白菜：4 = 3 + 1",
        "· 猪肉：2 = 2 + 0",
        "· 鸡蛋：1 = 1 + 0",
        "货款：订购 ¥76.80 = 已送 ¥73.30 + 缺货 ¥3.50",
        "应收 ¥73.30 = 已收 ¥69.80（现金 ¥57.00，转账 ¥12.80）+ 未收 ¥3.50",
        "户数：下单 3，已送 3，已付 2，未付 1",
        "未付：3-1-101 ¥3.50",
        "✅ 账目相符，一分不差。",
      ].join("\n"),
    );
    await press(h, VOLUNTEER, "gb:bld:1");
    await press(h, VOLUNTEER, "gb:doors:1:0:3");
    await press(h, VOLUNTEER, `gb:pay:1:${HH.c}:0:cash:l`);
    expect(lastAnswer()).toBe("💵 3-1-101 已收 ¥3.50（现金）");
    expect(h.withButton(VOLUNTEER, "gb:doors:1:0:3").text).toContain(
      "1-101：白菜×2 · ¥3.50 · ✅ 已送 · 💵 已付（现金）",
    );
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, "gb:rec:1"));
    expect(h.lastText(VOLUNTEER)).toContain(
      "应收 ¥73.30 = 已收 ¥73.30（现金 ¥60.50，转账 ¥12.80）+ 未收 ¥0.00\n户数：下单 3，已送 3，已付 3，未付 0\n✅ 账目相符，一分不差。",
    );

    // Stored once each; the second transfer and the cash after it are refused in the audit log.
    const b = await h.storage.groupbuys.order(1, HH.b);
    expect(b?.paid).toEqual({ fen: 1280, method: "transfer" });
    expect((await h.storage.groupbuys.order(1, HH.c))?.paid).toEqual({ fen: 350, method: "cash" });
    const paidLog = (await h.storage.audit.recent(100))
      .filter((r) => r.action === "groupbuy.paid")
      .reverse();
    expect(
      paidLog.map((r) => [r.detail?.household, r.outcome, r.detail?.fen ?? r.detail?.refused]),
    ).toEqual([
      [HH.a, "ok", 5700],
      [HH.b, "ok", 1280],
      [HH.b, "denied", "already"],
      [HH.b, "denied", "already"],
      [HH.c, "ok", 350],
    ]);

    // The households were told, privately: delivered, and a receipt with the amount.
    await h.drain();
    expect(h.fake.textsIn(residents.a2.id)).toContain(
      "【3-2-501】\n收款确认：“平价蔬菜包”（#1）已收到您家 ¥57.00（现金），谢谢！如果金额不对，请联系社区。",
    );
    expect(h.fake.textsIn(residents.c.id)).toContain(
      "【3-1-101】\n您家的“平价蔬菜包”（#1）已经送到门口了，请及时拿进屋。",
    );
    expect(
      h.fake.textsIn(residents.b.id).filter((t) => t.includes("Payment received")),
    ).toHaveLength(1);

    // Nothing a household ordered, and no amount, ever reached a group.
    for (const group of [GROUP3, GROUP4]) {
      for (const text of h.fake.textsIn(group)) {
        expect(text).not.toMatch(/¥|白菜|猪肉|鸡蛋|501|502|101/);
      }
    }
  });

  it("deliveries go to the supplies team as tasks; a volunteer takes back a wrong tap (audited) and the accounts still add up to the fen", async () => {
    const VOL2 = u.makeUser(4002, { first_name: "Zhao", language_code: "zh-hans" });
    await h.storage.roles.grant(VOL2.id, "volunteer", ADMIN.id);
    await h.text(VOL2, "/help");
    for (const v of [VOLUNTEER, VOL2])
      await h.storage.volunteers.saveProfile(v.id, {
        teams: ["supplies"],
        availability: [],
        buildings: [],
      });
    await openBuy(h);
    await h.drain();
    await press(h, residents.a1, "gb:q:1:1:1");
    await press(h, residents.a2, "gb:q:1:2:1");
    await press(h, residents.b, "gb:q:1:3:1");
    await press(h, residents.c, "gb:n:1:1");
    await h.text(residents.c, "3");
    h.fake.clearCalls();

    // The deadline: building 3's three doors are posted to the supplies team, once.
    h.clock.set("2026-11-22T18:00:00+08:00");
    await runGroupbuyDeadlines(h.deps);
    await runGroupbuyDeadlines(h.deps);
    await h.drain();
    const post = h.withButton(VOLUNTEER, "gb:tk:1:3");
    const post2 = h.withButton(VOL2, "gb:tk:1:3");
    expect(post.text).toContain("团购 #1“平价蔬菜包”：送到 3 号楼 3 户");
    expect(h.fake.messagesIn(VOL2.id).filter((m) => m.text?.includes("送到 3 号楼"))).toHaveLength(
      1,
    );
    // The post carries no room, order or amount.
    expect(post.text).not.toMatch(/¥|白菜|501|502|101/);

    // Zhao claims it first and gets the door list; Li is told who has it.
    await h.press(VOL2, post2, "gb:tk:1:3");
    expect(lastAnswer()).toBe("3 号楼的送货交给您了，名单在下面，每送一户点一下。");
    const list = h.withButton(VOL2, "gb:doors:1:0:3");
    expect(list.text).toContain("🚚 #1 · 3栋（第 1/1 页，共 3 户）");
    await h.press(VOLUNTEER, post, "gb:tk:1:3");
    expect(lastAnswer()).toBe("Zhao 已经认领了这栋楼的送货。");
    // The door list lost on the stairs: /tasks lists the building, and "Open" brings the list back.
    await h.text(VOL2, "/tasks");
    expect(h.fake.textsIn(VOL2.id)).toContain("你正在办的（1 件），点“打开”再看门牌清单或走访：");
    const held = h.withButton(VOL2, "gb:tk:1:3");
    expect(buttonTexts(held)).toEqual(["📋 打开"]);
    const lists = () => h.fake.messagesIn(VOL2.id).filter((m) => m.text?.includes("🚚 #1 · 3栋"));
    expect(lists()).toHaveLength(1);
    await h.press(VOL2, held, "gb:tk:1:3");
    expect(lastAnswer()).toBe("这栋楼的送货已经是您的了。");
    expect(lists()).toHaveLength(2);
    // Pressing again claimed nothing new: still Zhao's one task.
    expect(
      await h.storage.db.selectFrom("volunteer_tasks").select(["status", "claimed_by"]).execute(),
    ).toEqual([{ status: "claimed", claimed_by: VOL2.id }]);
    // Li's post now says who took it, without its button.
    await h.drain();
    const settled = h.fake.messagesIn(VOLUNTEER.id).find((m) => m.message_id === post.message_id);
    expect(settled?.text).toContain("Zhao");
    expect(buttonData(settled!)).toEqual([]);

    // 45 minutes of doors: A delivered and paid "cash" (a mistake: they paid by transfer), B
    // delivered by mistake (nobody was home).
    h.clock.set("2026-11-22T18:15:00+08:00");
    await press(h, VOL2, `gb:dv:1:${HH.a}:0:l`);
    await press(h, VOL2, `gb:pay:1:${HH.a}:0:cash:l`);
    await press(h, VOL2, `gb:dv:1:${HH.b}:0:l`);
    await press(h, VOL2, `gb:pay:1:${HH.b}:0:transfer:l`);
    // Li, who didn't press it and is no worker, can't take Zhao's tap back.
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, 1, `gb:un:1:${HH.a}:0:p`));
    expect(lastAnswer()).toBe("只有记下“已收款”的志愿者，或社工、协调员，才能撤销。");
    // Zhao takes back the cash from A's details, then records the transfer.
    await press(h, VOL2, `gb:dd:1:${HH.a}:0`);
    expect(buttonData(h.last(VOL2))).toContain(`gb:un:1:${HH.a}:0:p`);
    await press(h, VOL2, `gb:un:1:${HH.a}:0:p`);
    expect(lastAnswer()).toBe("↩️ 已撤销 3-2-501 的“已收款”。对账随之更新。");
    // Pressed again on the old message: nothing to take back.
    await h.send(u.callbackOn(VOL2, VOL2.id, list.message_id, `gb:un:1:${HH.a}:0:p`));
    expect(lastAnswer()).toBe("3-2-501 现在没有记“已收款”，不用撤销。");
    await press(h, VOL2, `gb:pay:1:${HH.a}:0:transfer:d`);
    expect(lastAnswer()).toBe("💵 3-2-501 已收 ¥28.50（转账）");
    // The worker takes back B's delivery; the door can then be worked again.
    await h.send(u.callbackOn(WORKER, WORKER.id, 1, `gb:un:1:${HH.b}:0:d`));
    expect(lastAnswer()).toBe("↩️ 已撤销 3-2-502 的“已送达”。对账随之更新。");
    expect((await h.storage.groupbuys.order(1, HH.b))?.delivered).toBe(false);

    // Still open: the task isn't done while a door of the building waits.
    expect((await h.storage.volunteers.taskByRef("groupbuy-delivery", "1:3"))?.status).toBe(
      "claimed",
    );
    h.clock.set("2026-11-22T18:45:00+08:00");
    await press(h, VOL2, "gb:doors:1:0:3");
    await press(h, VOL2, `gb:dv:1:${HH.b}:0:l`);
    await press(h, VOL2, `gb:dv:1:${HH.c}:0:l`);
    await press(h, VOL2, `gb:pay:1:${HH.c}:0:cash:l`);
    // The building's last door: the task is done, and Zhao has 45 minutes in the ledger.
    const task = await h.storage.volunteers.taskByRef("groupbuy-delivery", "1:3");
    expect([task?.status, task?.claimedBy]).toEqual(["done", VOL2.id]);
    expect((await h.storage.volunteers.entriesOf(VOL2.id)).map((e) => [e.team, e.minutes])).toEqual(
      [["supplies", 45]],
    );

    // The worker finds C's bag still at the gate: "delivered" taken back after the task closed.
    // The task is Zhao's again and its 45 minutes leave the ledger: hours and task agree.
    h.clock.set("2026-11-22T18:50:00+08:00");
    await h.send(u.callbackOn(WORKER, WORKER.id, 1, `gb:un:1:${HH.c}:0:d`));
    expect(lastAnswer()).toBe("↩️ 已撤销 3-1-101 的“已送达”。对账随之更新。");
    const reopened = await h.storage.volunteers.taskByRef("groupbuy-delivery", "1:3");
    expect([reopened?.status, reopened?.claimedBy, reopened?.doneAt]).toEqual([
      "claimed",
      VOL2.id,
      null,
    ]);
    expect(await h.storage.volunteers.entriesOf(VOL2.id)).toEqual([]);
    await h.drain();
    expect(h.fake.textsIn(VOL2.id)).toContain(
      "↩️ #1“平价蔬菜包”：Zhang 撤销了 3-1-101 的“已送达”。3 号楼的送货又回到您手上，等最后一户送到，时长再记上。",
    );
    // Delivered for real at 19:00: done again, one entry, counted from the same claim.
    h.clock.set("2026-11-22T19:00:00+08:00");
    await press(h, VOL2, "gb:doors:1:0:3");
    await press(h, VOL2, `gb:dv:1:${HH.c}:0:l`);
    const redone = await h.storage.volunteers.taskByRef("groupbuy-delivery", "1:3");
    expect([redone?.status, redone?.claimedBy]).toEqual(["done", VOL2.id]);
    expect((await h.storage.volunteers.entriesOf(VOL2.id)).map((e) => [e.team, e.minutes])).toEqual(
      [["supplies", 60]],
    );
    await h.text(VOL2, "/myhours");
    expect(h.lastText(VOL2)).toContain("1 小时");

    // The accounts add up to the fen, the undone cash nowhere in them.
    await h.send(u.callbackOn(VOL2, VOL2.id, list.message_id, "gb:rec:1"));
    expect(h.lastText(VOL2)).toContain(
      "应收 ¥51.80 = 已收 ¥51.80（现金 ¥10.50，转账 ¥41.30）+ 未收 ¥0.00\n户数：下单 3，已送 3，已付 3，未付 0\n✅ 账目相符，一分不差。",
    );
    // Audited: what was taken back, by whom, and the refusal.
    const undoLog = (await h.storage.audit.recent(200))
      .filter((r) => r.action.startsWith("groupbuy.undo_"))
      .reverse();
    expect(
      undoLog.map((r) => [r.action, r.outcome, r.actorId, r.detail?.household, r.detail?.fen]),
    ).toEqual([
      ["groupbuy.undo_paid", "denied", VOLUNTEER.id, HH.a, undefined],
      ["groupbuy.undo_paid", "ok", VOL2.id, HH.a, 2850],
      ["groupbuy.undo_delivered", "ok", WORKER.id, HH.b, undefined],
      ["groupbuy.undo_delivered", "ok", WORKER.id, HH.c, undefined],
    ]);
    expect(undoLog.at(-1)?.detail?.removedHours).toEqual([
      { entry: expect.any(Number), minutes: 45 },
    ]);
    // The household was told of the correction, privately.
    await h.drain();
    expect(h.fake.textsIn(residents.a2.id)).toContain(
      "【3-2-501】\n更正：“平价蔬菜包”（#1）刚才误记收到您家 ¥28.50，这条收款已撤销。如果您确实付过，请联系社区。",
    );
    expect(h.fake.textsIn(residents.b.id).some((t) => t.includes("Correction"))).toBe(true);

    // Nothing a resident typed, no order and no amount, reached a group.
    for (const group of [GROUP3, GROUP4]) {
      for (const text of h.fake.textsIn(group)) {
        expect(text).not.toMatch(/¥|白菜|猪肉|鸡蛋|501|502|101|28\.50|10\.50/);
      }
    }
  });

  it("a close whose delivery posts were lost in a crash is posted by the next run, once; pickup posts nothing", async () => {
    await h.storage.volunteers.saveProfile(VOLUNTEER.id, {
      teams: ["supplies"],
      availability: [],
      buildings: [],
    });
    await openBuy(h);
    await openBuy(h, { title: "自提菜", pickup: "东门 18:30" });
    await h.drain();
    await press(h, residents.a1, "gb:q:1:1:1");
    await press(h, residents.a1, "gb:q:2:4:1");
    h.clock.set("2026-11-22T18:00:00+08:00");
    // The crash: both buys closed in the database (storage only), the process gone before the posts.
    for (const id of [1, 2]) expect(await h.storage.groupbuys.close(id, () => [])).toBe(true);
    expect(await h.storage.volunteers.openTasks()).toEqual([]);
    // The next run (after a restart) finds nothing to close, and posts what is missing.
    expect(await runGroupbuyDeadlines(h.deps)).toBe(0);
    await runGroupbuyDeadlines(h.deps);
    await h.drain();
    const tasks = await h.storage.volunteers.openTasks();
    expect(tasks.map((t) => [t.kind, t.building, t.claimData])).toEqual([
      ["delivery", "3", "gb:tk:1:3"],
    ]);
    expect(
      h.fake.messagesIn(VOLUNTEER.id).filter((m) => m.text?.includes("送到 3 号楼")),
    ).toHaveLength(1);
  });

  it("the role is checked again at the last step of opening a buy", async () => {
    await h.text(WORKER, "/groupbuy");
    await press(h, WORKER, "gbc:buy");
    await h.text(WORKER, "平价蔬菜包");
    await h.text(WORKER, "白菜 3.5");
    await h.text(WORKER, "3");
    await h.text(WORKER, "18:00");
    await press(h, WORKER, "gbc:door");
    // Taken back in the database while the preview waits (no /revoke to end the conversation).
    await h.storage.roles.revoke(WORKER.id, "worker");
    await press(h, WORKER, "gbc:send");
    expect(h.lastText(WORKER)).toContain("您的角色已被收回，所以这次的内容没有保存");
    expect(await h.storage.groupbuys.recent(5)).toEqual([]);
  });

  it("two residents of one room pressing + at the same moment: neither press is lost", async () => {
    await openBuy(h);
    await h.drain();
    const a1 = card(h, residents.a1);
    const a2 = card(h, residents.a2);
    for (let i = 0; i < 10; i++) {
      await Promise.all([
        h.press(residents.a1, a1, "gb:q:1:1:1"),
        h.press(residents.a2, a2, "gb:q:1:1:1"),
      ]);
    }
    const order = await h.storage.groupbuys.order(1, HH.a);
    expect(order?.lines.find((l) => l.itemId === ITEM.cabbage)?.qty).toBe(20);
    expect(order?.version).toBe(20);
    expect(order?.totalFen).toBe(7000);
  });

  it("a write that names a version someone else already changed is refused, and the change re-applied", async () => {
    await openBuy(h);
    const stale = await h.storage.groupbuys.order(1, HH.a);
    const write = (qty: number) =>
      h.storage.groupbuys.writeOrder({
        buyId: 1,
        householdId: HH.a,
        expectedVersion: stale?.version ?? -1,
        lines: [{ itemId: ITEM.cabbage, qty }],
        totalFen: qty * 350,
        by: residents.a1.id,
      });
    expect(await write(1)).toBe("ok");
    expect(await write(5)).toBe("conflict");
    expect((await h.storage.groupbuys.order(1, HH.a))?.lines[0]?.qty).toBe(1);
    // After the deadline, even the right version is refused.
    h.clock.set("2026-11-22T18:00:00+08:00");
    const now = await h.storage.groupbuys.order(1, HH.a);
    expect(
      await h.storage.groupbuys.writeOrder({
        buyId: 1,
        householdId: HH.a,
        expectedVersion: now?.version ?? -1,
        lines: [{ itemId: ITEM.cabbage, qty: 2 }],
        totalFen: 700,
        by: residents.a1.id,
      }),
    ).toBe("closed");
  });

  it("refuses a price like 3.333, a deadline already past, and a group nobody lives in, politely", async () => {
    await h.text(WORKER, "/groupbuy");
    await press(h, WORKER, "gbc:buy");
    await h.text(WORKER, "蔬菜包");
    await h.text(WORKER, "白菜 3.333\n猪肉 25");
    expect(h.lastText(WORKER)).toBe(
      "下面几行有问题：\n第 1 行“白菜 3.333”：价格最多到分（小数点后两位），例如 3.33\n请改好后，把全部商品重新发一遍。",
    );
    await h.text(WORKER, "白菜 3.33\n猪肉 25");
    await h.text(WORKER, "9");
    expect(h.lastText(WORKER)).toBe("社区里没有这些楼栋：9。请核对后重新输入。");
    await h.text(WORKER, "#nobody_has_this");
    expect(h.lastText(WORKER)).toBe("这个范围里没有已登记的住户，请换一个范围。");
    await h.text(WORKER, "3-2");
    await h.text(WORKER, "08:00");
    expect(h.lastText(WORKER)).toBe("这个时间已经过去了。请写一个以后的时间，例如 明天 8:00。");
    await h.text(WORKER, "明天 8:00");
    await press(h, WORKER, "gbc:pickup");
    await h.text(WORKER, "3栋门口，明天 9:00-11:00");
    const preview = h.fake.textsIn(WORKER.id);
    expect(preview.at(-2)).toContain(
      "【3-2-501】\n🛒 团购 #…：蔬菜包\n· 白菜 ¥3.33\n· 猪肉 ¥25.00\n📍 自取：3栋门口，明天 9:00-11:00",
    );
    expect(preview.at(-1)).toContain("面向 2 户，共 3 人：可以私信 3 人，无法私信 0 人");
    expect(await h.storage.db.selectFrom("groupbuys").selectAll().execute()).toEqual([]);
    await press(h, WORKER, "gbc:cancel");
    expect(await h.storage.db.selectFrom("groupbuys").selectAll().execute()).toEqual([]);
    expect(
      await h.storage.db
        .selectFrom("outbox")
        .selectAll()
        .where("ref_type", "=", "groupbuy")
        .execute(),
    ).toEqual([]);
  });

  it("opened during quiet hours: announcements wait for the morning, and the deadline must come after", async () => {
    h.clock.set("2026-11-22T23:00:00+08:00");
    await h.text(WORKER, "/groupbuy");
    await press(h, WORKER, "gbc:buy");
    await h.text(WORKER, "早餐包");
    await h.text(WORKER, "包子 2");
    await h.text(WORKER, "全部");
    await h.text(WORKER, "明天 6:00");
    expect(h.lastText(WORKER)).toBe(
      "住户要到 2026-11-23 07:00 才会收到通知（免打扰时段），截止时间请定在这之后。",
    );
    await h.text(WORKER, "明天 10:00");
    await press(h, WORKER, "gbc:door");
    expect(h.lastText(WORKER)).toContain("现在是免打扰时段，住户会在 2026-11-23 07:00 收到。");
    await press(h, WORKER, "gbc:send");
    await h.drain();
    expect(h.fake.messagesIn(residents.a1.id).filter((m) => m.text?.includes("早餐包"))).toEqual(
      [],
    );
    const rows = await h.storage.db
      .selectFrom("outbox")
      .selectAll()
      .where("ref_type", "=", "groupbuy")
      .execute();
    expect(rows).toHaveLength(5 + 2); // five residents, two building groups
    expect(new Set(rows.map((r) => [r.lane, r.not_before].join(" ")))).toEqual(
      new Set(["bulk 2026-11-22T23:00:00.000Z"]),
    );
    h.clock.set("2026-11-23T07:00:00+08:00");
    await h.drain();
    expect(card(h, residents.a1).text).toContain("早餐包");
  });

  it("a free distribution to the key-care households: no prices, a household can decline, lists without money", async () => {
    await h.text(WORKER, "/tag keycare 3-1-101 3-2-502");
    await openBuy(h, {
      kind: "free",
      title: "爱心菜",
      items: "蔬菜包\n鸡蛋 10",
      target: "#keycare",
    });
    expect(h.lastText(WORKER)).toContain("免费发放 #1 已发布：面向 2 户（2 人");
    await h.drain();
    const c = card(h, residents.c);
    expect(c.text).toContain("🎁 免费发放 #1：爱心菜\n· 蔬菜包，每户 1 份\n· 鸡蛋，每户 10 份");
    expect(c.text).toContain("蔬菜包 × 1\n鸡蛋 × 10");
    expect(c.text).not.toContain("¥");
    expect(h.fake.messagesIn(residents.a1.id).filter((m) => m.text?.includes("爱心菜"))).toEqual(
      [],
    );
    // No pointer in the building groups: it would say which units have a key-care household.
    for (const group of [GROUP3, GROUP4])
      expect(
        h.fake.textsIn(group).filter((t) => t.includes("爱心菜") || t.includes("3-1")),
      ).toEqual([]);
    // More than the share is refused; B declines both.
    await press(h, residents.c, "gb:q:1:1:1");
    expect(lastAnswer()).toBe("每户最多 1 份。");
    await press(h, residents.b, "gb:q:1:1:-1");
    await press(h, residents.b, "gb:n:1:2");
    await h.text(residents.b, "0");
    expect(card(h, residents.b).text).toContain("Your household doesn't need it this time.");

    h.clock.set("2026-11-22T18:00:00+08:00");
    await runGroupbuyDeadlines(h.deps);
    await h.drain();
    const summary = h.fake.messagesIn(WORKER.id).find((m) => m.text?.startsWith("⏰ #1 已截止"));
    expect(summary?.text).toContain("合计数量（向供应商订货）：\n· 蔬菜包 1 份\n· 鸡蛋 10 份");
    expect(summary?.text).not.toContain("¥");
    expect(h.lastText(residents.c)).toBe(
      "【3-1-101】\n免费发放 #1“爱心菜”名单已定。您家会收到：蔬菜包×1、鸡蛋×10。\n志愿者会送到您家门口。",
    );
    expect(h.fake.textsIn(residents.b.id).filter((t) => t.includes("list is final"))).toEqual([]);

    await h.text(VOLUNTEER, "/groupbuys");
    await press(h, VOLUNTEER, "gb:v:1");
    await press(h, VOLUNTEER, "gb:bld:1");
    await press(h, VOLUNTEER, "gb:doors:1:0:3");
    const list = h.withButton(VOLUNTEER, "gb:doors:1:0:3");
    expect(list.text).toBe("🚚 #1 · 3栋（第 1/1 页，共 1 户）\n1-101：蔬菜包×1 鸡蛋×10 · 未送");
    expect(buttonData(list).filter((d) => d.startsWith("gb:pay"))).toEqual([]);
    await press(h, VOLUNTEER, `gb:dv:1:${HH.c}:0:l`);
    await h.send(
      u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, `gb:pay:1:${HH.c}:0:cash:l`),
    );
    expect(lastAnswer()).toBe("免费发放不用收钱。");
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, "gb:csv:1"));
    const csv = h.fake
      .messagesIn(VOLUNTEER.id)
      .find((m) => m.document)
      ?.document?.content.toString("utf8");
    expect(csv?.split("\r\n")).toEqual([
      "\uFEFF楼栋,单元,房号,蔬菜包,鸡蛋,缺货,已送达",
      "3,1,101,1,10,,是",
      "3,1,3-1 小计,1,10",
      ",,合计,1,10",
      "",
    ]);
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, list.message_id, "gb:rec:1"));
    expect(h.lastText(VOLUNTEER)).toBe(
      [
        "🧾 #1“爱心菜”对账（2026-11-22 18:00）",
        "数量：订购 = 已送 + 缺货（+ 未送）",
        "· 蔬菜包：1 = 1 + 0",
        "· 鸡蛋：10 = 10 + 0",
        "户数：需要 1，已送 1",
        "✅ 数量相符。",
      ].join("\n"),
    );
  });

  it("checks roles on every staff button and keeps residents to their own household", async () => {
    await openBuy(h);
    await h.drain();
    await press(h, residents.a1, "gb:q:1:1:1");
    h.clock.set("2026-11-22T18:00:00+08:00");
    await runGroupbuyDeadlines(h.deps);
    await h.drain();
    const before = (await h.storage.audit.recent(500)).length;
    h.fake.clearCalls();
    for (const data of [
      "gb:list",
      "gb:v:1",
      "gb:pack:1",
      "gb:csv:1",
      "gb:rec:1",
      "gb:bld:1",
      "gb:doors:1:0:3",
      `gb:dd:1:${HH.a}:0`,
      `gb:dv:1:${HH.a}:0:l`,
      `gb:pay:1:${HH.a}:0:cash:l`,
      `gb:sh:1:${HH.a}:0:1:1`,
      `gb:un:1:${HH.a}:0:d`,
      `gb:un:1:${HH.a}:0:p`,
      "gb:tk:1:3",
      "gb:close:1",
    ]) {
      await h.send(u.callbackOn(residents.a1, residents.a1.id, 1, data));
      expect(lastAnswer(), data).toMatch(/^抱歉，只有.+可以做这件事。/);
    }
    // A volunteer may work the doors but not close a buy.
    await h.send(u.callbackOn(VOLUNTEER, VOLUNTEER.id, 1, "gb:close:1"));
    expect(lastAnswer()).toMatch(/^抱歉，只有管理员或社工或值班人员可以做这件事。/);
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
    expect(h.fake.callsTo("sendDocument")).toEqual([]);
    const after = await h.storage.audit.recent(500);
    const denied = after.slice(0, after.length - before);
    expect(denied.every((r) => r.outcome === "denied")).toBe(true);
    expect(denied).toHaveLength(16);
    const a = await h.storage.groupbuys.order(1, HH.a);
    expect([a?.delivered, a?.paid, a?.lines[0]?.short]).toEqual([false, null, 0]);

    // /orders shows a resident their own household's order only.
    await h.text(residents.a2, "/orders");
    expect(h.lastText(residents.a2)).toContain("【3-2-501】");
    expect(h.lastText(residents.a2)).toContain("白菜 × 1 = ¥3.50");
    expect(h.lastText(residents.a2)).toContain("应付 ¥3.50（还没付）");
    await h.text(residents.d, "/orders");
    expect(h.lastText(residents.d)).toBe("您家目前没有团购或发放。");
  });

  it("the door list pages 8 doors at a time and stays on its page after a tap", async () => {
    // Eleven more households in building 5, registered directly (registration has its own tests).
    for (let i = 0; i < 11; i++) {
      const user = u.makeUser(6000 + i, { first_name: `R${i}` });
      await h.storage.people.touch(user, true);
      await h.storage.households.register({
        personId: user.id,
        address: { building: "5", unit: "1", room: String(101 + i) },
        displayName: `R${i}`,
        phone: null,
        members: 1,
        flags: [],
      });
    }
    const { id } = await openBuyDirect(
      h.deps,
      {
        kind: "buy",
        title: "米",
        items: [{ name: "米", priceFen: 5000, limit: 1 }],
        target: "5",
        deadline: "2026-11-22T10:00:00.000Z",
        delivery: "door",
        pickup: null,
      },
      WORKER.id,
      "bot",
    );
    for (let i = 0; i < 11; i++)
      expect((await changeOrder(h.deps, id, 6000 + i, 1, { add: 1 })).ok).toBe(true);
    h.clock.set("2026-11-22T18:00:00+08:00");
    await runGroupbuyDeadlines(h.deps);

    await h.text(VOLUNTEER, "/groupbuys");
    await press(h, VOLUNTEER, `gb:v:${id}`);
    await press(h, VOLUNTEER, `gb:bld:${id}`);
    await press(h, VOLUNTEER, `gb:doors:${id}:0:5`);
    const first = h.withButton(VOLUNTEER, `gb:doors:${id}:1:5`);
    expect(first.text?.split("\n")[0]).toBe("🚚 #1 · 5栋（第 1/2 页，共 11 户）");
    expect(first.text?.split("\n")).toHaveLength(9);
    expect(first.text).toContain("1-108：米×1 · ¥50.00 · 未送 · 未付");
    await press(h, VOLUNTEER, `gb:doors:${id}:1:5`);
    const second = h.withButton(VOLUNTEER, `gb:doors:${id}:0:5`);
    expect(second.text?.split("\n")).toEqual([
      "🚚 #1 · 5栋（第 2/2 页，共 11 户）",
      "1-109：米×1 · ¥50.00 · 未送 · 未付",
      "1-110：米×1 · ¥50.00 · 未送 · 未付",
      "1-111：米×1 · ¥50.00 · 未送 · 未付",
    ]);
    const last = buttonData(second).find((d) => d.startsWith(`gb:dv:${id}:`)) as string;
    expect(last).toMatch(/:1:l$/);
    await press(h, VOLUNTEER, last);
    expect(h.withButton(VOLUNTEER, `gb:doors:${id}:0:5`).text).toContain(
      "1-109：米×1 · ¥50.00 · ✅ 已送 · 未付",
    );
  });

  it("a worker closes a buy early; the close runs once", async () => {
    await openBuy(h);
    await h.drain();
    await press(h, residents.b, "gb:q:1:3:1");
    await h.text(WORKER, "/groupbuys");
    await press(h, WORKER, "gb:v:1");
    expect(h.withButton(WORKER, "gb:close:1").text).toContain(
      "订购中：已下单 1 户（面向 3 户，通知了 4 人）。",
    );
    await h.send(
      u.callbackOn(WORKER, WORKER.id, h.withButton(WORKER, "gb:close:1").message_id, "gb:pack:1"),
    );
    expect(lastAnswer()).toBe("截止以后才有分拣清单和送货名单。要提前的话，可以点“现在截止”。");
    await press(h, WORKER, "gb:close:1");
    expect(lastAnswer()).toBe("#1 已截止，汇总会发给开团的人。");
    expect(await runGroupbuyDeadlines(h.deps)).toBe(0);
    await h.drain();
    expect(h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("⏰ #1 已截止"))).toHaveLength(1);
    expect(
      h.fake.textsIn(residents.b.id).filter((t) => t.includes("is closed. Your household's order")),
    ).toHaveLength(1);
    await press(h, residents.b, "gb:q:1:3:-1");
    expect(lastAnswer()).toBe("#1 is closed: it can't be changed any more.");
  });
  it("a deadline in quiet hours: the creator's summary and the final orders wait for the morning", async () => {
    await openBuy(h, { deadline: "23:00" });
    await h.drain();
    await press(h, residents.b, "gb:q:1:3:1");
    h.fake.clearCalls();
    h.clock.set("2026-11-22T23:00:00+08:00");
    expect(await runGroupbuyDeadlines(h.deps)).toBe(1);
    await h.drain();
    // Closed at 23:00 (orders can't change), but nobody is woken up by it.
    expect((await h.storage.groupbuys.get(1))?.status).toBe("closed");
    expect(h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("⏰ #1"))).toEqual([]);
    expect(h.fake.textsIn(residents.b.id).filter((t) => t.includes("is closed"))).toEqual([]);
    const rows = await h.storage.db
      .selectFrom("outbox")
      .select(["chat_id", "not_before"])
      .where("ref_type", "=", "groupbuy")
      .where("chat_id", "=", WORKER.id)
      .execute();
    expect(rows.map((r) => r.not_before)).toEqual(["2026-11-22T23:00:00.000Z"]);
    h.clock.set("2026-11-23T07:00:00+08:00");
    await h.drain();
    expect(h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("⏰ #1 已截止"))).toHaveLength(1);
    expect(
      h.fake.textsIn(residents.b.id).filter((t) => t.includes("is closed. Your household's order")),
    ).toHaveLength(1);
  });

  it("the creator closing early at night gets the summary at once", async () => {
    await openBuy(h, { deadline: "23:30" });
    await h.drain();
    await press(h, residents.b, "gb:q:1:3:1");
    h.clock.set("2026-11-22T22:30:00+08:00");
    await h.text(WORKER, "/groupbuys");
    await press(h, WORKER, "gb:v:1");
    await press(h, WORKER, "gb:close:1");
    await h.drain();
    expect(h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("⏰ #1 已截止"))).toHaveLength(1);
    // The residents' final orders still wait for the morning.
    expect(
      h.fake.textsIn(residents.b.id).filter((t) => t.includes("is closed. Your household's order")),
    ).toHaveLength(0);
  });
});
