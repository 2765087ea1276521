/**
 * The pure rules of medicine rounds and queue numbers: money in whole fen,
 * reading a resident's medicine list, a list's states, the queue's
 * arithmetic (who is ahead, who is told "N ahead"), and the waiting times.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  afterItems,
  countByStatus,
  inProgress,
  PAYMENTS,
  parseMedicineList,
  ROUND_NEEDS,
  roundAccepting,
  SUBMISSION_STATUSES,
  UNAVAILABLE_REASONS,
} from "../domain/medicine-round.js";
import { formatFen, parseMoney, sumFen, yuanText } from "../domain/money.js";
import {
  aheadOf,
  nearCrossings,
  nextWaiting,
  parseGoods,
  parseWhole,
  TICKET_STATUSES,
  type TicketInLine,
  waitFigures,
} from "../domain/queue.js";

describe("money", () => {
  it.each([
    ["36", 3600],
    ["36.5", 3650],
    ["36.50", 3650],
    ["¥36.50", 3650],
    ["￥ 36.5", 3650],
    ["36元", 3600],
    ["36.5元", 3650],
    ["36块5", 3650],
    ["36元5角", 3650],
    ["36元5角2分", 3652],
    ["３６．５", 3650],
    ["0.01", 1],
    [".5", 50],
    ["3.330", 333],
    ["0", 0],
    ["1000000", 100_000_000],
  ])("reads %s as %i fen", (raw, fen) => {
    expect(parseMoney(raw)).toEqual({ ok: true, fen });
  });

  it.each([
    ["3.333", "precision"],
    ["-1", "negative"],
    ["−2.5", "negative"],
    ["1000000.01", "too-large"],
    ["99999999", "too-large"],
    ["abc", "format"],
    ["3,50", "format"],
    ["", "format"],
    ["1e3", "format"],
  ])("refuses %s (%s)", (raw, error) => {
    expect(parseMoney(raw)).toEqual({ ok: false, error });
  });

  it("formats fen by integer arithmetic, never through a float", () => {
    expect(formatFen(3650)).toBe("¥36.50");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(123456789)).toBe("¥1,234,567.89");
    expect(yuanText(1005)).toBe("10.05");
    expect(yuanText(0)).toBe("0.00");
    expect(() => formatFen(1.5)).toThrow();
    // 0.1 + 0.2 is not 0.3 in floats; in fen it is.
    expect(sumFen([10, 20])).toBe(30);
    expect(() => sumFen([10, 0.5])).toThrow();
  });
});

describe("a medicine list", () => {
  it("reads one medicine per line, with or without a separator before the amount", () => {
    const parsed = parseMedicineList(
      "硝苯地平缓释片 2盒\n1. 阿司匹林肠溶片 100mg，1瓶\n降压药两盒\n\n维生素B12 x3\nNifedipine 2 boxes",
    );
    expect(parsed).toEqual({
      ok: true,
      items: [
        { name: "硝苯地平缓释片", amount: "2盒" },
        { name: "阿司匹林肠溶片 100mg", amount: "1瓶" },
        { name: "降压药", amount: "两盒" },
        { name: "维生素B12", amount: "3" },
        { name: "Nifedipine", amount: "2 boxes" },
      ],
    });
  });

  it("does not read the digits of a name as an amount, and says which line lacks one", () => {
    expect(parseMedicineList("维生素B12")).toEqual({
      ok: false,
      error: "no-amount",
      line: "维生素B12",
    });
    expect(parseMedicineList("降压药 2盒\n胰岛素")).toMatchObject({
      error: "no-amount",
      line: "胰岛素",
    });
    expect(parseMedicineList("  \n ")).toEqual({ ok: false, error: "empty" });
    expect(
      parseMedicineList(Array.from({ length: 11 }, (_, i) => `药${i} 1盒`).join("\n")),
    ).toEqual({
      ok: false,
      error: "too-many",
    });
    expect(parseMedicineList(`${"药".repeat(61)} 1盒`)).toMatchObject({ error: "too-long" });
  });

  it("moves on once every medicine is bought or not available", () => {
    expect(afterItems([{ status: "bought" }, { status: "pending" }])).toBeNull();
    expect(afterItems([{ status: "bought" }, { status: "unavailable" }])).toBe("purchased");
    expect(afterItems([{ status: "unavailable" }, { status: "unavailable" }])).toBe("unavailable");
  });

  it("counts lists per state and what is still being worked on", () => {
    const counts = countByStatus(["submitted", "settled", "unavailable", "delivered"]);
    expect(counts).toEqual({
      submitted: 1,
      collected: 0,
      purchased: 0,
      unavailable: 1,
      delivered: 1,
      settled: 1,
    });
    expect(inProgress(counts)).toBe(2);
  });

  it("takes lists while open and before its time", () => {
    const round = { status: "open" as const, collectAt: "2026-11-23T01:00:00.000Z" };
    expect(roundAccepting(round, new Date("2026-11-23T00:59:59Z"))).toBe(true);
    expect(roundAccepting(round, new Date("2026-11-23T01:00:00Z"))).toBe(false);
    expect(roundAccepting({ ...round, status: "closed" }, new Date("2026-11-22T00:00:00Z"))).toBe(
      false,
    );
  });
});

describe("queue arithmetic", () => {
  const line = (spec: string): TicketInLine[] =>
    spec.split(" ").map((s) => {
      const [n, st, sent] = s.split(":");
      const status = ({ w: "waiting", c: "called", s: "served", k: "skipped" } as const)[
        st as "w" | "c" | "s" | "k"
      ];
      return { number: Number(n), status, nearSent: sent === "y" };
    });

  it("counts the number being served and those waiting before yours", () => {
    const tickets = line("8:s 9:k 10:c 11:w 12:w 13:w 14:w 15:w 16:w");
    expect(aheadOf(15, tickets)).toBe(5);
    expect(aheadOf(11, tickets)).toBe(1);
    expect(nextWaiting(tickets)?.number).toBe(11);
  });

  it("tells a waiting number once, when `near` or fewer are ahead", () => {
    const tickets = line("10:c 11:w:y 12:w:y 13:w:y 14:w:y 15:w 16:w");
    expect(nearCrossings(tickets, 5).map((c) => [c.ticket.number, c.ahead])).toEqual([[15, 5]]);
    // Already told: nobody new.
    expect(nearCrossings(line("10:c 11:w:y 12:w:y"), 5)).toEqual([]);
    // Several left the line at once: everyone now within reach is told, with their own count.
    expect(nearCrossings(line("20:c 21:w 22:w"), 5).map((c) => [c.ticket.number, c.ahead])).toEqual(
      [
        [21, 1],
        [22, 2],
      ],
    );
  });

  it("reads whole numbers as typed, within bounds", () => {
    expect(parseWhole("200", 1, 5000)).toBe(200);
    expect(parseWhole("２００个", 1, 5000)).toBe(200);
    expect(parseWhole("0", 1, 5000)).toBeUndefined();
    expect(parseWhole("5001", 1, 5000)).toBeUndefined();
    expect(parseWhole("2.5", 1, 5000)).toBeUndefined();
  });

  it("averages and finds the longest wait, from taking a number to being called", () => {
    const t0 = Date.parse("2026-11-22T01:00:00Z");
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    expect(
      waitFigures([
        { takenAt: at(0), calledAt: at(600) },
        { takenAt: at(0), calledAt: at(1200) },
        { takenAt: at(60), calledAt: at(121) },
      ]),
    ).toEqual({ count: 3, averageSeconds: 620, longestSeconds: 1200 });
    expect(waitFigures([])).toEqual({ count: 0, averageSeconds: null, longestSeconds: null });
  });

  it("reads goods with their price last, in whole fen", () => {
    expect(parseGoods("大米 5kg 45\n鸡蛋 30个 ¥25.50\n白菜，3.5元")).toEqual({
      ok: true,
      goods: [
        { name: "大米 5kg", priceFen: 4500 },
        { name: "鸡蛋 30个", priceFen: 2550 },
        { name: "白菜", priceFen: 350 },
      ],
    });
    expect(parseGoods("大米 3.333")).toEqual({ ok: false, error: "precision", line: "大米 3.333" });
    expect(parseGoods("大米")).toMatchObject({ ok: false, error: "no-price" });
    expect(parseGoods("45")).toMatchObject({ ok: false, error: "no-price" });
  });
});

describe("texts built from values", () => {
  /** Keys of one locale's files (core and per feature). */
  const keys = (locale: string) => {
    const root = new URL(`../locales/${locale}/`, import.meta.url);
    const found = new Set<string>();
    const files = [new URL(`../${locale}.ftl`, root)];
    for (const f of readdirSync(root)) if (f.endsWith(".ftl")) files.push(new URL(f, root));
    for (const file of files) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const key = /^([a-zA-Z][\w-]*)\s*=/.exec(line)?.[1];
        if (key) found.add(key);
      }
    }
    return found;
  };

  it("every key the rounds and the queue build from a value exists, in both languages", () => {
    const wanted = [
      ...ROUND_NEEDS.map((n) => `rd-need-${n}`),
      ...PAYMENTS.map((p) => `rd-pay-${p}`),
      ...SUBMISSION_STATUSES.map((s) => `rd-status-${s}`),
      ...UNAVAILABLE_REASONS.map((r) => `rd-reason-${r}`),
      ...["pending", "bought", "unavailable"].map((s) => `rd-item-state-${s}`),
      ...["empty", "too-many", "no-amount", "too-long"].map((e) => `rd-medicines-${e}`),
      ...["format", "past"].map((e) => `rd-when-${e}`),
      ...["unknown", "not-handler", "state", "item"].map((r) => `rd-refused-${r}`),
      ...["unknown", "not-yours", "nothing", "already"].map((r) => `rd-urgent-${r}`),
      ...["joined", "already", "unknown"].map((r) => `rd-join-${r}`),
      ...["stopped", "already", "unknown"].map((r) => `rd-stop-${r}`),
      ...["in-progress", "unknown"].map((r) => `rd-finish-${r}`),
      ...["pharmacy", "when", "needs", "note", "target"].map((e) => `rd-edit-${e}`),
      ...["number", "address", "resident", "phone", "payment", "medicine", "amount"].map(
        (c) => `rd-csv-${c}`,
      ),
      ...["medicine-state", "reason", "state", "photos", "paid"].map((c) => `rd-csv-${c}`),
      ...["submitted", "collected", "purchased", "delivered", "settled"].map(
        (c) => `rd-csv-${c}-at`,
      ),
      ...["format", "precision", "negative", "too-large"].map((e) => `money-${e}`),
      ...TICKET_STATUSES.filter((s) => s !== "waiting").map((s) => `qu-card-ticket-${s}`),
      ...["gone", "closed", "unknown", "not-registered"].map((r) => `qu-take-${r}`),
      ...["closed", "unknown"].map((r) => `qu-call-${r}`),
      ...["point", "capacity", "near", "goods", "photos", "announce"].map((e) => `qu-edit-${e}`),
      ...["empty", "too-many", "no-price", "too-long"].map((e) => `qu-goods-${e}`),
      ...["round-open", "round-submit", "round-settle", "queue-open"].map((c) => `conv-name-${c}`),
      ...["round_open", "rounds", "medicine", "queue", "queue_open", "queues"].map(
        (c) => `cmd-${c}`,
      ),
    ];
    for (const locale of ["zh-CN", "en"]) {
      const known = keys(locale);
      expect(
        wanted.filter((k) => !known.has(k)),
        locale,
      ).toEqual([]);
    }
  });
});
