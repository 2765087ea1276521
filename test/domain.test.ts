import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatAddress, parseAddress, parseBuilding } from "../domain/address.js";
import { computeCoverage } from "../domain/coverage.js";
import { parseLayout } from "../domain/layout-csv.js";
import { parsePhone } from "../domain/phone.js";
import { mayAct } from "../domain/roles.js";
import { splitMessage } from "../domain/text.js";

describe("parseAddress", () => {
  it.each([
    ["3-2-501", "3-2-501"],
    ["3栋2单元501", "3-2-501"],
    ["3栋2单元501室", "3-2-501"],
    ["3号楼2单元501", "3-2-501"],
    ["3/2/501", "3-2-501"],
    ["３－２－５０１", "3-2-501"],
    ["  3 2 501 ", "3-2-501"],
    ["12-0304", "12-0304"],
    ["a-1-101", "A-1-101"],
  ])("reads %s as %s", (input, expected) => {
    const r = parseAddress(input);
    expect(r.ok && formatAddress(r.address)).toBe(expected);
  });

  it("uses the known building for short answers", () => {
    const r = parseAddress("2-501", "3");
    expect(r.ok && r.address).toEqual({ building: "3", unit: "2", room: "501" });
    const single = parseAddress("0304", "12");
    expect(single.ok && single.address).toEqual({ building: "12", unit: "", room: "0304" });
  });

  it.each([
    ["abc", "format"],
    ["", "empty"],
    ["3-2-5-0-1", "format"],
    ["3-2-ab", "format"],
    ["1".repeat(50), "too-long"],
    ["3-2-501!", "format"],
  ])("refuses %s (%s)", (input, error) => {
    expect(parseAddress(input)).toEqual({ ok: false, error });
  });

  it("reads building codes", () => {
    expect(parseBuilding("3")).toBe("3");
    expect(parseBuilding("3栋")).toBe("3");
    expect(parseBuilding("b")).toBe("B");
    expect(parseBuilding("3 4")).toBeUndefined();
    expect(parseBuilding("")).toBeUndefined();
  });
});

describe("parsePhone", () => {
  it("accepts common forms", () => {
    expect(parsePhone("138 0013 8000")).toEqual({ ok: true, phone: "13800138000" });
    expect(parsePhone("+86 138-0013-8000")).toEqual({ ok: true, phone: "+8613800138000" });
    expect(parsePhone("(029) 8888 6666")).toEqual({ ok: true, phone: "02988886666" });
    expect(parsePhone("１３８００１３８０００")).toEqual({ ok: true, phone: "13800138000" });
  });
  it("refuses letters and wrong lengths", () => {
    expect(parsePhone("call me")).toEqual({ ok: false, error: "letters" });
    expect(parsePhone("12345")).toEqual({ ok: false, error: "length" });
    expect(parsePhone("1".repeat(16))).toEqual({ ok: false, error: "length" });
  });
});

describe("parseLayout", () => {
  it("reads a CSV with a header, a BOM, CRLF and an empty unit", () => {
    const r = parseLayout("\uFEFFbuilding,unit,room\r\n3,2,501\r\n3,2,502\r\n12,,0304\r\n\r\n");
    expect(r).toEqual({
      ok: true,
      rooms: [
        { building: "3", unit: "2", room: "501" },
        { building: "3", unit: "2", room: "502" },
        { building: "12", unit: "", room: "0304" },
      ],
    });
  });
  it("reports every bad row with its line, and imports nothing", () => {
    const r = parseLayout("3,2,501\n3,2\n3,2,501\nx y,1,101\n3,2,abc");
    expect(r.ok).toBe(false);
    expect(!r.ok && "problems" in r && r.problems).toEqual([
      { line: 2, kind: "columns", found: 2 },
      { line: 3, kind: "duplicate", address: "3-2-501", firstLine: 1 },
      { line: 4, kind: "building", value: "x y" },
      { line: 5, kind: "room", value: "abc" },
    ]);
  });
  it("says when there is nothing", () => {
    expect(parseLayout("building,unit,room\n\n")).toEqual({ ok: false, empty: true });
  });
});

describe("computeCoverage", () => {
  it("counts registered rooms, reachability and lists the missing rooms per unit", () => {
    const layout = ["101", "102", "201", "202"].map((room) => ({ building: "3", unit: "2", room }));
    layout.push({ building: "12", unit: "", room: "0304" });
    const residents = [
      { building: "3", unit: "2", room: "101", reachability: "reachable" },
      { building: "3", unit: "2", room: "101", reachability: "blocked" },
      { building: "3", unit: "2", room: "202", reachability: "reachable" },
    ];
    const c = computeCoverage(layout, residents);
    expect(c.units.map((x) => x.label)).toEqual(["3-2", "12"]);
    expect(c.units[0]).toMatchObject({
      rooms: 4,
      registered: 2,
      reachable: 2,
      unreachable: 1,
      missing: ["102", "201"],
    });
    expect(c.units[1]).toMatchObject({ rooms: 1, registered: 0, missing: ["0304"] });
    expect(c.total).toEqual({ rooms: 5, registered: 2, reachable: 2, unreachable: 1, missing: 3 });
  });
});

describe("roles and text", () => {
  it("admins may do everything; others need one of the roles", () => {
    expect(mayAct(new Set(["admin"]), ["worker"])).toBe(true);
    expect(mayAct(new Set(["worker"]), ["worker"])).toBe(true);
    expect(mayAct(new Set(["volunteer"]), ["worker"])).toBe(false);
  });
  it("splits long reports at line ends under Telegram's limit", () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
    const parts = splitMessage(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4000)).toBe(true);
    expect(parts.join("\n")).toBe(text);
  });
});

describe("locales", () => {
  /** Keys of a locale: its core file (locales/zh-CN.ftl) plus any feature files (locales/zh-CN/*.ftl). */
  const keys = (locale: string) => {
    const root = new URL("../locales/", import.meta.url);
    const files = [`${locale}.ftl`];
    try {
      for (const f of readdirSync(new URL(`${locale}/`, root))) {
        if (f.endsWith(".ftl")) files.push(`${locale}/${f}`);
      }
    } catch {
      // no feature files for this locale
    }
    const found = new Set<string>();
    for (const file of files) {
      for (const line of readFileSync(new URL(file, root), "utf8").split("\n")) {
        const key = /^([a-zA-Z][\w-]*)\s*=/.exec(line)?.[1];
        if (key) found.add(key);
      }
    }
    return found;
  };

  it("English has every key of zh-CN and no more", () => {
    expect([...keys("en")].sort()).toEqual([...keys("zh-CN")].sort());
  });

  it("every literal key the code translates exists", () => {
    const known = keys("zh-CN");
    const missing: string[] = [];
    for (const dir of ["app", "bot", "features", "outbox"]) {
      const folder = new URL(`../${dir}/`, import.meta.url);
      const files = (readdirSync(folder, { recursive: true }) as string[]).filter((f) =>
        f.endsWith(".ts"),
      );
      for (const file of files) {
        const source = readFileSync(new URL(file, folder), "utf8");
        // ctx.t("key") and i18n.t(locale, "key")
        for (const m of source.matchAll(/\bt\((?:[a-zA-Z.]+,\s*)?"([a-z][a-z0-9-]*)"/g)) {
          if (!known.has(m[1] as string)) missing.push(`${dir}/${file}: ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
