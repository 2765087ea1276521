/**
 * The pure rules of group buys: prices into whole fen, the items a worker
 * types, quantities, and a reconciliation that adds up to the fen, checked
 * on thousands of random buys against an independent sum in BigInt.
 */
import { describe, expect, it } from "vitest";
import {
  changeQuantity,
  type Door,
  deadlineProblem,
  doorDueFen,
  MAX_QTY,
  orderTotal,
  packingUnits,
  parseItems,
  parseQuantity,
  reconcile,
} from "../domain/groupbuy.js";
import { formatFen, parseMoney, sumFen, yuanText } from "../domain/money.js";

describe("money (the notations group-buy prices add to parseMoney)", () => {
  it.each([
    ["3.5", 350],
    ["3.500", 350],
    ["￥3.5", 350],
    ["３.５", 350],
    ["3块", 300],
    ["3块钱", 300],
    ["3块5毛", 350],
    ["3块50", 350],
    ["3块05", 305],
    ["5角", 50],
    ["8毛", 80],
    ["5角2分", 52],
    ["6分", 6],
    ["12.80", 1280],
    [" ¥ 25 ", 2500],
  ])("reads %s as %i fen", (text, fen) => {
    expect(parseMoney(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ["3.005", "precision"],
    ["0.125", "precision"],
    ["三块", "format"],
    ["3.5.1", "format"],
    ["角", "format"],
    ["3块500", "format"],
    ["-3", "negative"],
  ])("refuses %s (%s)", (text, error) => {
    expect(parseMoney(text)).toEqual({ ok: false, error });
  });

  it("formats whole fen, never through a float, and reads back every amount it writes", () => {
    expect(formatFen(350)).toBe("¥3.50");
    expect(formatFen(-1280)).toBe("-¥12.80");
    expect(yuanText(123456789)).toBe("1234567.89");
    expect(() => formatFen(0.1 + 0.2)).toThrow();
    expect(() => sumFen([100, 0.5])).toThrow();
    for (let fen = 0; fen <= 100_000_000; fen += 99_991) {
      expect(parseMoney(yuanText(fen))).toEqual({ ok: true, fen });
    }
    for (let fen = 1; fen < 100_000; fen += 37) {
      expect(parseMoney(formatFen(fen))).toEqual({ ok: true, fen });
    }
  });
});

describe("items", () => {
  it("reads names, prices in any accepted notation, per-unit prices and limits", () => {
    const parsed = parseItems(
      "白菜 3.5\n猪肉 25元 限2\n鸡蛋 ¥12.80/盒 限购1份\n\n5斤装大米 50\nPork belly 3元5角 limit 3\n土豆：2块5",
      "buy",
    );
    expect(parsed).toEqual({
      ok: true,
      items: [
        { name: "白菜", priceFen: 350, limit: null },
        { name: "猪肉", priceFen: 2500, limit: 2 },
        { name: "鸡蛋/盒", priceFen: 1280, limit: 1 },
        { name: "5斤装大米", priceFen: 5000, limit: null },
        { name: "Pork belly", priceFen: 350, limit: 3 },
        { name: "土豆", priceFen: 250, limit: null },
      ],
    });
  });

  it("reports every bad line at once, with its number, and refuses 3.333 rather than rounding it", () => {
    const parsed = parseItems("白菜 3.333\n猪肉\n鸡蛋 12.8 限0\n白菜 4\n¥3\n面条 1,50", "buy");
    expect(parsed).toEqual({
      ok: false,
      error: "lines",
      problems: [
        { line: 1, text: "白菜 3.333", problem: "price-too-precise" },
        { line: 2, text: "猪肉", problem: "no-price" },
        { line: 3, text: "鸡蛋 12.8 限0", problem: "limit" },
        { line: 5, text: "¥3", problem: "no-name" },
        { line: 6, text: "面条 1,50", problem: "price-format" },
      ],
    });
    const duplicate = parseItems("白菜 3\n白菜 4", "buy");
    expect(duplicate.ok === false && duplicate.error === "lines" && duplicate.problems).toEqual([
      { line: 2, text: "白菜 4", problem: "duplicate" },
    ]);
    expect(parseItems("白菜 0", "buy")).toMatchObject({ problems: [{ problem: "price-zero" }] });
    expect(parseItems("白菜 10000.01", "buy")).toMatchObject({
      problems: [{ problem: "price-too-large" }],
    });
    expect(parseItems("白菜 10000", "buy")).toMatchObject({
      ok: true,
      items: [{ priceFen: 1_000_000 }],
    });
    expect(parseItems("白菜 .5", "buy")).toMatchObject({ ok: true, items: [{ priceFen: 50 }] });
    expect(parseItems("  \n ", "buy")).toEqual({ ok: false, error: "empty" });
    const eleven = Array.from({ length: 11 }, (_, i) => `item${i} 1`).join("\n");
    expect(parseItems(eleven, "buy")).toEqual({ ok: false, error: "too-many" });
  });

  it("reads a free distribution's lines as a name and a quantity per household (1 when left out)", () => {
    expect(parseItems("蔬菜包\n鸡蛋 10\n口罩 x5\n可乐2L 限2", "free")).toEqual({
      ok: true,
      items: [
        { name: "蔬菜包", priceFen: 0, limit: 1 },
        { name: "鸡蛋", priceFen: 0, limit: 10 },
        { name: "口罩", priceFen: 0, limit: 5 },
        { name: "可乐2L", priceFen: 0, limit: 2 },
      ],
    });
    expect(parseItems("鸡蛋 0", "free")).toMatchObject({ problems: [{ problem: "limit" }] });
  });
});

describe("quantities", () => {
  const limited = { limit: 2 };
  const open = { limit: null };

  it("refuses below 0, above the limit, and absurd amounts whatever a button carried", () => {
    expect(changeQuantity(0, { add: -1 }, open)).toEqual({ ok: false, error: "negative" });
    expect(changeQuantity(0, { set: -1 }, open)).toEqual({ ok: false, error: "negative" });
    expect(changeQuantity(2, { add: 1 }, limited)).toEqual({ ok: false, error: "over-limit" });
    expect(changeQuantity(0, { set: 10_000 }, limited)).toEqual({ ok: false, error: "over-limit" });
    expect(changeQuantity(0, { set: 10_000 }, open)).toEqual({ ok: false, error: "too-many" });
    expect(changeQuantity(0, { add: 10_000 }, open)).toEqual({ ok: false, error: "too-many" });
    expect(changeQuantity(MAX_QTY, { add: 1 }, open)).toEqual({ ok: false, error: "too-many" });
    expect(changeQuantity(0, { set: 1.5 }, open)).toEqual({ ok: false, error: "format" });
    expect(changeQuantity(1, { add: 1 }, limited)).toEqual({ ok: true, qty: 2 });
    expect(changeQuantity(2, { set: 0 }, limited)).toEqual({ ok: true, qty: 0 });
  });

  it("reads a typed quantity", () => {
    expect(parseQuantity("３")).toEqual({ ok: true, qty: 3 });
    expect(parseQuantity("2份")).toEqual({ ok: true, qty: 2 });
    expect(parseQuantity("10000")).toEqual({ ok: true, qty: 10_000 });
    expect(parseQuantity("-1")).toEqual({ ok: false, error: "negative" });
    expect(parseQuantity("2.5")).toEqual({ ok: false, error: "format" });
    expect(parseQuantity("两份")).toEqual({ ok: false, error: "format" });
  });

  it("adds up an order as quantity × price", () => {
    const items = [
      { id: 1, name: "白菜", priceFen: 350 },
      { id: 2, name: "猪肉", priceFen: 2500 },
    ];
    expect(
      orderTotal(items, [
        { itemId: 1, qty: 3 },
        { itemId: 2, qty: 1 },
      ]),
    ).toBe(3550);
  });

  it("wants the deadline after residents get the announcement", () => {
    const at = new Date("2026-11-22T23:00:00Z");
    expect(deadlineProblem(new Date("2026-11-22T22:00:00Z"), at)).toBe("before-announcement");
    expect(deadlineProblem(at, at)).toBe("before-announcement");
    expect(deadlineProblem(new Date("2026-11-23T01:00:00Z"), at)).toBeNull();
  });
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

describe("reconciliation", () => {
  it("adds up to the fen on 1,000 random buys, summed independently in BigInt", () => {
    for (let seed = 1; seed <= 1_000; seed++) {
      const r = random(seed);
      const items = Array.from({ length: r.int(1, 10) }, (_, i) => ({
        id: i + 1,
        name: `item${i}`,
        priceFen: r.int(1, 1_000_000),
      }));
      const doors: Door[] = Array.from({ length: r.int(0, 40) }, (_, h) => {
        const lines = items.map((i) => {
          const qty = r.next() < 0.4 ? 0 : r.int(1, 99);
          return { itemId: i.id, qty, short: r.next() < 0.2 ? r.int(0, qty) : 0 };
        });
        const delivered = r.next() < 0.7;
        const due = doorDueFen(items, { lines });
        const paid =
          r.next() < 0.6 && due > 0
            ? { fen: due, method: r.next() < 0.5 ? ("cash" as const) : ("transfer" as const) }
            : null;
        return {
          householdId: h + 1,
          building: String(r.int(1, 5)),
          unit: String(r.int(1, 3)),
          room: String(100 + h),
          address: `x-${h}`,
          lines,
          delivered,
          paid,
        };
      });
      const rec = reconcile(items, doors);
      expect(rec.problems, `seed ${seed}`).toEqual([]);
      expect(rec.balanced).toBe(true);

      // The same figures, summed line by line in BigInt (no float, no overflow possible).
      const price = new Map(items.map((i) => [i.id, BigInt(i.priceFen)]));
      let ordered = 0n;
      let short = 0n;
      let delivered = 0n;
      let pending = 0n;
      let paid = 0n;
      let outstanding = 0n;
      for (const d of doors) {
        let due = 0n;
        for (const l of d.lines) {
          const p = price.get(l.itemId) as bigint;
          ordered += BigInt(l.qty) * p;
          short += BigInt(l.short) * p;
          due += BigInt(l.qty - l.short) * p;
          if (d.delivered) delivered += BigInt(l.qty - l.short) * p;
          else pending += BigInt(l.qty - l.short) * p;
        }
        if (d.paid) paid += BigInt(d.paid.fen);
        else outstanding += due;
      }
      const f = rec.fen;
      expect(
        [f.ordered, f.short, f.delivered, f.pending, f.paid, f.outstanding].map(BigInt),
        `seed ${seed}`,
      ).toEqual([ordered, short, delivered, pending, paid, outstanding]);
      expect(f.ordered).toBe(f.delivered + f.short + f.pending);
      expect(f.due).toBe(f.paid + f.outstanding);
      expect(f.paid).toBe(f.cash + f.transfer);
      // Per item the quantities add up, and the packing lists hold exactly what was ordered.
      const packed = new Map<number, number>();
      for (const u of packingUnits(doors)) {
        for (const [id, n] of u.totals) packed.set(id, (packed.get(id) ?? 0) + n);
      }
      const wrong = rec.items.filter(
        (i) =>
          i.ordered !== i.delivered + i.short + i.pending || (packed.get(i.id) ?? 0) !== i.ordered,
      );
      expect(wrong, `seed ${seed}`).toEqual([]);
    }
  });

  it("shows a payment that doesn't match the amount due, and a shortage above the order", () => {
    const items = [{ id: 1, name: "白菜", priceFen: 350 }];
    const door = (over: Partial<Door>): Door => ({
      householdId: 1,
      building: "3",
      unit: "2",
      room: "501",
      address: "3-2-501",
      lines: [{ itemId: 1, qty: 2, short: 0 }],
      delivered: true,
      paid: null,
      ...over,
    });
    const wrong = reconcile(items, [door({ paid: { fen: 699, method: "cash" } })]);
    expect(wrong.balanced).toBe(false);
    expect(wrong.problems).toContainEqual({
      kind: "paid-mismatch",
      address: "3-2-501",
      paidFen: 699,
      dueFen: 700,
    });
    const over = reconcile(items, [door({ lines: [{ itemId: 1, qty: 2, short: 3 }] })]);
    expect(over.problems).toContainEqual({ kind: "short-exceeds", address: "3-2-501", itemId: 1 });
    const fine = reconcile(items, [door({ paid: { fen: 700, method: "transfer" } })]);
    expect(fine.balanced).toBe(true);
    expect(fine.fen).toMatchObject({ ordered: 700, due: 700, paid: 700, transfer: 700 });
  });
});
