/**
 * Coverage: per building and unit, how many rooms of the layout have a
 * registered household, how many residents can be reached in private, and
 * which rooms nobody has registered ("no household left out"). Pure.
 */
import { type Address, compareCodes, formatUnit } from "./address.js";

export interface ResidentRow extends Address {
  reachability: string;
}

export interface UnitCoverage {
  building: string;
  unit: string;
  label: string;
  rooms: number;
  registered: number;
  reachable: number;
  unreachable: number;
  missing: string[];
}

export interface Coverage {
  units: UnitCoverage[];
  total: Omit<UnitCoverage, "building" | "unit" | "label" | "missing"> & { missing: number };
  hasLayout: boolean;
}

export function computeCoverage(
  layout: readonly Address[],
  residents: readonly ResidentRow[],
): Coverage {
  const units = new Map<
    string,
    UnitCoverage & { roomSet: Set<string>; registeredSet: Set<string> }
  >();
  const unitOf = (a: Address) => {
    const key = `${a.building}\u0000${a.unit}`;
    let u = units.get(key);
    if (!u) {
      u = {
        building: a.building,
        unit: a.unit,
        label: formatUnit(a.building, a.unit),
        rooms: 0,
        registered: 0,
        reachable: 0,
        unreachable: 0,
        missing: [],
        roomSet: new Set(),
        registeredSet: new Set(),
      };
      units.set(key, u);
    }
    return u;
  };
  for (const room of layout) unitOf(room).roomSet.add(room.room);
  for (const r of residents) {
    const u = unitOf(r);
    u.registeredSet.add(r.room);
    if (r.reachability === "reachable") u.reachable++;
    else u.unreachable++;
  }
  const list = [...units.values()]
    .map(({ roomSet, registeredSet, ...u }) => ({
      ...u,
      rooms: roomSet.size,
      registered: registeredSet.size,
      missing: [...roomSet].filter((room) => !registeredSet.has(room)).sort(compareCodes),
    }))
    .sort((a, b) => compareCodes(a.building, b.building) || compareCodes(a.unit, b.unit));
  const total = list.reduce(
    (t, u) => ({
      rooms: t.rooms + u.rooms,
      registered: t.registered + u.registered,
      reachable: t.reachable + u.reachable,
      unreachable: t.unreachable + u.unreachable,
      missing: t.missing + u.missing.length,
    }),
    { rooms: 0, registered: 0, reachable: 0, unreachable: 0, missing: 0 },
  );
  return { units: list, total, hasLayout: layout.length > 0 };
}
