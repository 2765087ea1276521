/**
 * Household addresses: `building-unit-room`, e.g. `3-2-501`, or `building-room`
 * for communities without units (`12-0304`). Pure functions, no grammY, no SQL.
 */

export interface Address {
  building: string;
  /** "" when the community has no units. */
  unit: string;
  room: string;
}

export type AddressError = "empty" | "format" | "too-long";

export type ParseResult = { ok: true; address: Address } | { ok: false; error: AddressError };

const PART = /^[0-9A-Za-z]{1,8}$/;
const MAX_INPUT = 40;

/**
 * Turns what people type into parts: NFKC folds full-width digits and
 * punctuation (`３－２－５０１`), Chinese markers (栋/号楼/单元/室/号) and any of
 * `- / \ . , 、 _` or spaces separate the parts.
 */
export function splitAddress(raw: string): string[] {
  const text = raw
    .normalize("NFKC")
    .trim()
    .replace(/[—–－]/g, "-")
    .replace(/(号楼|幢|栋|座|楼|單元|单元|室|号|號)/g, " ")
    .replace(/[\s\-/\\.,，、_]+/g, " ")
    .trim();
  return text === "" ? [] : text.split(" ");
}

/**
 * Parses an address. When the building is already known (the deep link from a
 * building group), `2-501` means unit 2 room 501 of that building and `501`
 * means room 501 with no unit; a full `3-2-501` is taken as typed (a
 * neighbour may have passed the link on from another building's group). Without a known building, three parts are building-unit-room and
 * two parts are building-room.
 */
export function parseAddress(raw: string, knownBuilding?: string | null): ParseResult {
  if (raw.trim() === "") return { ok: false, error: "empty" };
  if (raw.length > MAX_INPUT) return { ok: false, error: "too-long" };
  const parts = splitAddress(raw).map((p) => p.toUpperCase());
  if (parts.length === 0 || !parts.every((p) => PART.test(p)))
    return { ok: false, error: "format" };
  const room = parts.at(-1) as string;
  if (!/\d/.test(room)) return { ok: false, error: "format" };

  if (parts.length === 3) {
    return { ok: true, address: { building: parts[0] as string, unit: parts[1] as string, room } };
  }
  if (knownBuilding) {
    const building = knownBuilding.toUpperCase();
    if (parts.length === 2)
      return { ok: true, address: { building, unit: parts[0] as string, room } };
    if (parts.length === 1) return { ok: true, address: { building, unit: "", room } };
    return { ok: false, error: "format" };
  }
  if (parts.length === 2)
    return { ok: true, address: { building: parts[0] as string, unit: "", room } };
  return { ok: false, error: "format" };
}

/** A building code as admins type it in `/bind 3` or a CSV: 1–8 letters or digits. */
export function parseBuilding(raw: string): string | undefined {
  const text = raw
    .normalize("NFKC")
    .trim()
    .replace(/(号楼|栋|幢|座|楼)$/, "")
    .toUpperCase();
  return PART.test(text) ? text : undefined;
}

/** `3-2-501`, or `12-0304` without a unit. */
export function formatAddress(a: Address): string {
  return a.unit === "" ? `${a.building}-${a.room}` : `${a.building}-${a.unit}-${a.room}`;
}

/** `3-2`, or `12` for a building without units: the heading rooms are grouped under. */
export function formatUnit(building: string, unit: string): string {
  return unit === "" ? building : `${building}-${unit}`;
}

/**
 * The unit of a stored address ("3-2-501" → "3-2", "3-501" → "3"): what a
 * group may be told about where something is. Null if there is none.
 */
export function unitOfAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const parsed = parseAddress(address);
  return parsed.ok ? formatUnit(parsed.address.building, parsed.address.unit) : null;
}

/** One collator for every comparison: `localeCompare` with options builds a new one each call. */
const NATURAL = new Intl.Collator("en", { numeric: true });

/** Natural order: "2" < "10", then text. */
export function compareCodes(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

export function compareAddresses(a: Address, b: Address): number {
  return (
    compareCodes(a.building, b.building) ||
    compareCodes(a.unit, b.unit) ||
    compareCodes(a.room, b.room)
  );
}

/** What every per-unit row of a report starts with. */
export interface UnitKey {
  building: string;
  unit: string;
  /** `3-2`, or `12` for a building without units. */
  label: string;
}

/**
 * Per-unit tallies for reports (coverage, check-in, notice delivery): a row
 * is made on first use, and `rows()` lists them in natural building and unit
 * order.
 */
export class ByUnit<T extends object> {
  private readonly map = new Map<string, T & UnitKey>();

  constructor(private readonly make: () => T) {}

  get(a: { building: string; unit: string }): T & UnitKey {
    const key = `${a.building}\u0000${a.unit}`;
    let row = this.map.get(key);
    if (!row) {
      row = {
        ...this.make(),
        building: a.building,
        unit: a.unit,
        label: formatUnit(a.building, a.unit),
      };
      this.map.set(key, row);
    }
    return row;
  }

  rows(): Array<T & UnitKey> {
    return [...this.map.values()].sort(
      (a, b) => compareCodes(a.building, b.building) || compareCodes(a.unit, b.unit),
    );
  }
}
