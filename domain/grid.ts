/**
 * The grid (网格): which worker looks after which doors, and the door list
 * ordered for a walk. Pure: no grammY, no SQL.
 *
 * A grid row covers a whole building (unit `*`) or one unit. A unit's main
 * worker and deputy are each read from its own row first, then from its
 * building's row: `/grid @zhang 3` then `/grid deputy @li 3-2` gives 3-2
 * Zhang as the main worker and Li as the deputy.
 */
import { type Address, compareCodes, formatUnit, splitAddress } from "./address.js";
import { careKey } from "./care.js";

/** The unit code a building-wide row carries (a real unit is letters and digits only). */
export const WHOLE_BUILDING = "*";

/** What `/grid` names: a building (`3`) or one unit (`4-1`, `3栋2单元`). */
export interface Scope {
  building: string;
  /** `*` for the whole building; "" is the one unit of a building without units. */
  unit: string;
}

export type ScopeParse = { ok: true; scope: Scope } | { ok: false; input: string };

const PART = /^[0-9A-Za-z]{1,8}$/;

/** `3` → building 3; `4-1`, `4/1`, `4栋1单元` → unit 1 of building 4. A room (three parts) is refused. */
export function parseScope(raw: string): ScopeParse {
  const parts = splitAddress(raw).map((p) => p.toUpperCase());
  if (parts.length === 0 || parts.length > 2 || !parts.every((p) => PART.test(p))) {
    return { ok: false, input: raw.slice(0, 20) };
  }
  return {
    ok: true,
    scope: { building: parts[0] as string, unit: parts[1] ?? WHOLE_BUILDING },
  };
}

/** `3` for a whole building, `3-2` for a unit. */
export function formatScope(s: Scope): string {
  return s.unit === WHOLE_BUILDING ? s.building : formatUnit(s.building, s.unit);
}

export function compareScopes(a: Scope, b: Scope): number {
  const whole = (s: Scope) => (s.unit === WHOLE_BUILDING ? 0 : 1);
  return (
    compareCodes(a.building, b.building) || whole(a) - whole(b) || compareCodes(a.unit, b.unit)
  );
}

export interface GridRow extends Scope {
  workerId: number | null;
  deputyId: number | null;
}

export interface Responsible {
  main: number | null;
  deputy: number | null;
}

/** Looks up who looks after a unit: its own row first, then its building's, field by field. */
export class GridMap {
  private readonly rows = new Map<string, GridRow>();

  constructor(rows: readonly GridRow[]) {
    for (const r of rows) this.rows.set(`${r.building}\u0000${r.unit}`, r);
  }

  /** Whether any unit has a worker at all (without one, work is not split by grid). */
  get isEmpty(): boolean {
    return [...this.rows.values()].every((r) => r.workerId === null && r.deputyId === null);
  }

  of(building: string, unit: string): Responsible {
    const own = this.rows.get(`${building}\u0000${unit}`);
    const whole = this.rows.get(`${building}\u0000${WHOLE_BUILDING}`);
    return {
      main: own?.workerId ?? whole?.workerId ?? null,
      deputy: own?.deputyId ?? whole?.deputyId ?? null,
    };
  }

  /** The row stored for exactly this scope, if any. */
  rowOf(s: Scope): GridRow | undefined {
    return this.rows.get(`${s.building}\u0000${s.unit}`);
  }

  /** Whether `personId` is the main worker or the deputy of this unit. */
  covers(personId: number, building: string, unit: string): boolean {
    const r = this.of(building, unit);
    return r.main === personId || r.deputy === personId;
  }

  /** The rows as stored, in building then unit order (building-wide rows first). */
  list(): GridRow[] {
    return [...this.rows.values()].sort(compareScopes);
  }
}

/**
 * Who gets a resident's message now: the main worker, unless they are off
 * and the deputy is on; if both are off (or there is only one of them), the
 * one there is (the unanswered-question rule then brings in the coordinators).
 */
export function currentResponder(
  r: Responsible,
  isOff: (personId: number) => boolean,
): { to: number; stepIn: boolean } | undefined {
  if (r.main !== null && !isOff(r.main)) return { to: r.main, stepIn: false };
  if (r.deputy !== null && !isOff(r.deputy)) return { to: r.deputy, stepIn: r.main !== null };
  if (r.main !== null) return { to: r.main, stepIn: false };
  if (r.deputy !== null) return { to: r.deputy, stepIn: false };
  return undefined;
}

// ================================================================ the door list

/**
 * The floor of a room, from its number: the digits without the last two
 * (`501` → 5, `1203` → 12, `0304` → 3, `B1502` → 15). A room with fewer than
 * three digits (`12`, `A`) has no floor we can tell: null, walked last.
 */
export function floorOf(room: string): number | null {
  const digits = room.replace(/\D/g, "");
  if (digits.length < 3) return null;
  return Number(digits.slice(0, -2));
}

/** A code that sorts naturally as plain text: every run of digits padded ("2" → "00000002"). */
const natural = (code: string) => code.toUpperCase().replace(/\d+/g, (d) => d.padStart(12, "0"));

/**
 * A door's place in a walk as one string: building, unit, floor (unknown
 * floors last), room, each in natural order ("2" before "10").
 */
export function walkKey(a: Address): string {
  const floor = floorOf(a.room);
  const f = floor === null ? "~" : String(floor).padStart(12, "0");
  return `${natural(a.building)}\u0000${natural(a.unit)}\u0000${f}\u0000${natural(a.room)}`;
}

/** Building, unit, floor (unknown floors last), then room: the order of a walk. */
export function compareDoors(a: Address, b: Address): number {
  const ka = walkKey(a);
  const kb = walkKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Why a door is on the list. */
export const DOOR_REASONS = [
  "unregistered",
  "unreachable",
  "blocked",
  "no-checkin",
  "care-unchecked",
] as const;
export type DoorReason = (typeof DOOR_REASONS)[number];

export interface Door extends Address {
  reasons: DoorReason[];
  /** Registered names at this door (for the worker's own eyes). */
  names: string[];
}

export interface DoorInput {
  /** Rooms of the layout in the worker's units. */
  rooms: readonly Address[];
  /** Registered residents in the worker's units. */
  residents: ReadonlyArray<
    Address & { householdId: number; name: string | null; reachability: string }
  >;
  /** Households with a check-in reading today (from anyone in them). */
  reportedToday: ReadonlySet<number>;
  /** Whether today's check-in is running at all (if not, nobody is chased for it). */
  checkinEnabled: boolean;
  /** Key-care doors due today and not yet reached (keyed by `careKey`). */
  careUnchecked: ReadonlySet<string>;
}

const key = careKey;

/**
 * The doors to knock on today, in walking order: rooms nobody registered;
 * residents who never opened the bot, or blocked it; households that haven't
 * reported today's check-in; key-care people not reached today.
 */
export function doorList(input: DoorInput): Door[] {
  const doors = new Map<string, Door>();
  const door = (a: Address) => {
    const k = key(a);
    let d = doors.get(k);
    if (!d) {
      d = { building: a.building, unit: a.unit, room: a.room, reasons: [], names: [] };
      doors.set(k, d);
    }
    return d;
  };
  const add = (d: Door, reason: DoorReason) => {
    if (!d.reasons.includes(reason)) d.reasons.push(reason);
  };
  const registered = new Set<string>();
  const households = new Map<number, Address>();
  for (const r of input.residents) {
    registered.add(key(r));
    households.set(r.householdId, r);
    if (r.reachability === "reachable") continue;
    const d = door(r);
    add(d, r.reachability === "blocked" ? "blocked" : "unreachable");
    if (r.name) d.names.push(r.name);
  }
  for (const room of input.rooms) {
    if (!registered.has(key(room))) add(door(room), "unregistered");
  }
  if (input.checkinEnabled) {
    for (const [id, a] of households) {
      if (!input.reportedToday.has(id)) add(door(a), "no-checkin");
    }
  }
  for (const r of input.residents) {
    if (input.careUnchecked.has(key(r))) add(door(r), "care-unchecked");
  }
  for (const k of input.careUnchecked) {
    const [building, unit, room] = k.split("\u0000") as [string, string, string];
    add(door({ building, unit, room }), "care-unchecked");
  }
  // Names for doors listed for another reason, so the worker knows whom to ask for.
  for (const r of input.residents) {
    const d = doors.get(key(r));
    if (d && r.name && !d.names.includes(r.name)) d.names.push(r.name);
  }
  for (const d of doors.values()) d.reasons.sort((a, b) => order(a) - order(b));
  // The walking order as one sort key per door, worked out once (not in every comparison).
  const keyed = [...doors.values()].map((d) => ({ d, k: walkKey(d) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.d);
}

const order = (r: DoorReason) => DOOR_REASONS.indexOf(r);
