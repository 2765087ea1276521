/**
 * Parses a community layout: lines of `building,unit,room` (unit may be empty
 * for communities without units). An optional header line (`building,…` or
 * `楼栋,单元,房号`), a UTF-8 BOM, blank
 * lines, Windows line ends, full-width commas and semicolons are tolerated.
 * Any bad row makes the whole import fail: the caller imports nothing and
 * shows every problem with its line number. Pure.
 */
import { type Address, compareAddresses, formatAddress, parseBuilding } from "./address.js";

export type LayoutProblem =
  | { line: number; kind: "columns"; found: number }
  | { line: number; kind: "building"; value: string }
  | { line: number; kind: "unit"; value: string }
  | { line: number; kind: "room"; value: string }
  | { line: number; kind: "duplicate"; address: string; firstLine: number };

export type LayoutParse =
  | { ok: true; rooms: Address[] }
  | { ok: false; problems: LayoutProblem[] }
  | { ok: false; empty: true };

const CODE = /^[0-9A-Za-z]{1,8}$/;
/** The first cell of a header line, in English or as Chinese spreadsheets name it. */
const HEADER = /^(building|bldg|楼|栋|幢|楼栋|楼号|楼栋号|栋号|幢号)$/i;

export function parseLayout(text: string): LayoutParse {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  const rooms: Address[] = [];
  const problems: LayoutProblem[] = [];
  const seen = new Map<string, number>();

  for (const [index, raw] of lines.entries()) {
    const row = parseRow(raw, index);
    if (row === "skip") continue;
    if ("kind" in row) {
      problems.push(row);
      continue;
    }
    const key = formatAddress(row);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problems.push({ line: index + 1, kind: "duplicate", address: key, firstLine });
      continue;
    }
    seen.set(key, index + 1);
    rooms.push(row);
  }

  if (problems.length > 0) return { ok: false, problems };
  if (rooms.length === 0) return { ok: false, empty: true };
  return { ok: true, rooms: rooms.sort(compareAddresses) };
}

/** One line: a room, a problem, or "skip" for blank lines and the header. */
function parseRow(raw: string, index: number): Address | LayoutProblem | "skip" {
  const line = index + 1;
  const trimmed = raw.normalize("NFKC").trim();
  if (trimmed === "") return "skip";
  const cells = trimmed.split(/[,;\t]/).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
  if (index === 0 && HEADER.test(cells[0] ?? "")) return "skip";
  if (cells.length !== 3) return { line, kind: "columns", found: cells.length };
  const [b, u, r] = cells as [string, string, string];
  const building = parseBuilding(b);
  if (!building) return { line, kind: "building", value: b };
  const unit = u.toUpperCase();
  if (unit !== "" && !CODE.test(unit)) return { line, kind: "unit", value: u };
  const room = r.toUpperCase();
  if (!CODE.test(room) || !/\d/.test(room)) return { line, kind: "room", value: r };
  return { building, unit, room };
}
