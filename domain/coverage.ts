/**
 * Coverage: per building and unit, how many rooms of the layout have a
 * registered household, how many residents can be reached in private, and
 * which rooms nobody has registered ("no household left out"). Pure.
 */
import { type Address, ByUnit, compareCodes } from "./address.js";

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
  const units = new ByUnit(() => ({
    reachable: 0,
    unreachable: 0,
    roomSet: new Set<string>(),
    registeredSet: new Set<string>(),
  }));
  for (const room of layout) units.get(room).roomSet.add(room.room);
  for (const r of residents) {
    const u = units.get(r);
    u.registeredSet.add(r.room);
    if (r.reachability === "reachable") u.reachable++;
    else u.unreachable++;
  }
  const list = units.rows().map(({ roomSet, registeredSet, ...u }) => ({
    ...u,
    rooms: roomSet.size,
    registered: registeredSet.size,
    missing: [...roomSet].filter((room) => !registeredSet.has(room)).sort(compareCodes),
  }));
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
