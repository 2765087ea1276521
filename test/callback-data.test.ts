/** Typed callback data: one definition builds, recognises and reads a button's data. */
import { describe, expect, it } from "vitest";
import { button } from "../bot/callback-data.js";

describe("typed callback data", () => {
  const take = button("rq:take", { id: "int" });
  const to = button("rq:to", { id: "int", volunteer: "int" });
  const lang = button("lang", { locale: ["zh-CN", "en"] as const });
  const answer = button("rqc", { step: "str", value: "str" });
  const done = button("ci:done");

  it("builds the same bytes the bot always sent", () => {
    expect(take.data({ id: 12 })).toBe("rq:take:12");
    expect(to.data({ id: 1, volunteer: 2001 })).toBe("rq:to:1:2001");
    expect(lang.data({ locale: "en" })).toBe("lang:en");
    expect(done.data({})).toBe("ci:done");
    expect(answer.data({ step: "sum", value: "f:list" })).toBe("rqc:sum:f:list");
  });

  it("reads its own data back, typed", () => {
    expect(take.read("rq:take:12")).toEqual({ id: 12 });
    expect(to.read("rq:to:1:2001")).toEqual({ id: 1, volunteer: 2001 });
    expect(lang.read("lang:zh-CN")).toEqual({ locale: "zh-CN" });
    expect(done.read("ci:done")).toEqual({});
    // The last field takes the rest of the data.
    expect(answer.read("rqc:sum:f:list")).toEqual({ step: "sum", value: "f:list" });
  });

  it("does not match another button's data, or a value its fields can't hold", () => {
    expect(take.read("rq:to:1:2001")).toBeUndefined();
    expect(take.read("rq:take:abc")).toBeUndefined();
    expect(take.read("rq:take:12:3")).toBeUndefined();
    expect(take.read("rq:takeover:1")).toBeUndefined();
    expect(lang.read("lang:xx")).toBeUndefined();
    expect(done.read("ci:done:1")).toBeUndefined();
    expect(done.read(undefined)).toBeUndefined();
    expect(take.pattern.test("rq:take:7")).toBe(true);
    expect(take.pattern.test("rq:claim:7")).toBe(false);
  });

  it("reads the button pressed in an update", () => {
    expect(take.of({ callbackQuery: { data: "rq:take:3" } })).toEqual({ id: 3 });
    expect(take.of({})).toBeUndefined();
  });

  it("refuses to build data Telegram would reject, when it is built", () => {
    const long = button("x", { note: "str" });
    expect(long.data({ note: "a".repeat(62) })).toHaveLength(64);
    expect(() => long.data({ note: "a".repeat(63) })).toThrow(/65 bytes; Telegram allows 64/);
    // Bytes, not characters: 21 Chinese characters are 63 bytes.
    expect(() => long.data({ note: "药".repeat(21) })).toThrow(/65 bytes/);
  });

  it("refuses values its fields can't carry", () => {
    expect(() => take.data({ id: 1.5 })).toThrow(/id cannot be 1.5/);
    expect(() => lang.data({ locale: "fr" as "en" })).toThrow(/locale cannot be "fr"/);
    expect(() => answer.data({ step: "a:b", value: "c" })).toThrow(/step cannot be/);
    expect(() => answer.data({ step: "", value: "c" })).toThrow(/step cannot be/);
  });
});
