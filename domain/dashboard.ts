/**
 * The staff dashboard's figures, pure: the coverage grid (building → unit →
 * room, each room in one state) and the open requests by age. The check-in
 * and notice figures come from their own domain modules.
 */
import { type Address, compareCodes } from "./address.js";
import { CATEGORIES, type Category } from "./request-catalogue.js";

/**
 * A room, by what is known of it today, from worst to best:
 * none: in the layout, nobody registered;
 * registered: registered, but nobody in it can be messaged (call or visit);
 * reachable: someone can be messaged, no check-in today;
 * partial: some of the household reported today;
 * reported: everyone in the household reported today.
 */
export const ROOM_STATES = ["none", "registered", "reachable", "partial", "reported"] as const;
export type RoomState = (typeof ROOM_STATES)[number];

/** A registered household as the grid needs it. */
export interface GridHousehold extends Address {
  id: number;
  reachable: boolean;
}

export interface GridRoom {
  room: string;
  state: RoomState;
}

export interface GridUnit {
  unit: string;
  rooms: GridRoom[];
  counts: Record<RoomState, number>;
}

export interface GridBuilding {
  building: string;
  units: GridUnit[];
  counts: Record<RoomState, number>;
}

const zero = (): Record<RoomState, number> => ({
  none: 0,
  registered: 0,
  reachable: 0,
  partial: 0,
  reported: 0,
});

const RANK: Record<RoomState, number> = {
  none: 0,
  registered: 1,
  reachable: 2,
  partial: 3,
  reported: 4,
};

/**
 * The grid: every room of the layout and every registered household's room
 * (a community without a layout still gets a grid of what is registered).
 * `reportedToday` tells, per household id, "partial" or "reported"; absent
 * means nothing today. Two households in one room (it happens after a
 * correction) show the better state.
 */
export function coverageGrid(
  layout: readonly Address[],
  households: readonly GridHousehold[],
  reportedToday: ReadonlyMap<number, "partial" | "reported">,
): GridBuilding[] {
  const rooms = new Map<string, Address & { state: RoomState }>();
  const key = (a: Address) => `${a.building}\u0000${a.unit}\u0000${a.room}`;
  for (const a of layout) {
    rooms.set(key(a), { building: a.building, unit: a.unit, room: a.room, state: "none" });
  }
  for (const h of households) {
    const state: RoomState = reportedToday.get(h.id) ?? (h.reachable ? "reachable" : "registered");
    const k = key(h);
    const known = rooms.get(k);
    if (!known || RANK[state] > RANK[known.state]) {
      rooms.set(k, { building: h.building, unit: h.unit, room: h.room, state });
    }
  }

  const buildings = new Map<string, Map<string, GridRoom[]>>();
  for (const r of rooms.values()) {
    let units = buildings.get(r.building);
    if (!units) {
      units = new Map();
      buildings.set(r.building, units);
    }
    const list = units.get(r.unit) ?? [];
    list.push({ room: r.room, state: r.state });
    units.set(r.unit, list);
  }
  return [...buildings.entries()]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([building, units]) => {
      const counts = zero();
      const list = [...units.entries()]
        .sort(([a], [b]) => compareCodes(a, b))
        .map(([unit, unitRooms]) => {
          const unitCounts = zero();
          for (const r of unitRooms) {
            unitCounts[r.state]++;
            counts[r.state]++;
          }
          unitRooms.sort((a, b) => compareCodes(a.room, b.room));
          return { unit, rooms: unitRooms, counts: unitCounts };
        });
      return { building, units: list, counts };
    });
}

/** How long a request has been open, in buckets a coordinator acts on. */
export const AGE_BUCKETS = ["hour", "six_hours", "day", "three_days", "older"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Upper bounds of the buckets, in minutes (the last has none). */
const BUCKET_MINUTES = [60, 6 * 60, 24 * 60, 3 * 24 * 60];

export function ageBucket(minutes: number): AgeBucket {
  const i = BUCKET_MINUTES.findIndex((limit) => minutes < limit);
  return AGE_BUCKETS[i === -1 ? AGE_BUCKETS.length - 1 : i] as AgeBucket;
}

export interface OpenRequestAge {
  category: Category;
  createdAt: string;
}

export interface RequestAges {
  /** Categories with at least one open request, in the catalogue's order. */
  rows: Array<{ category: Category; counts: Record<AgeBucket, number>; total: number }>;
  totals: Record<AgeBucket, number>;
  total: number;
}

/** Open requests counted by category and age at `now`. */
export function requestAges(open: readonly OpenRequestAge[], now: Date): RequestAges {
  const empty = () => ({ hour: 0, six_hours: 0, day: 0, three_days: 0, older: 0 });
  const byCategory = new Map<Category, Record<AgeBucket, number>>();
  const totals = empty();
  for (const r of open) {
    const minutes = Math.max(0, (now.getTime() - Date.parse(r.createdAt)) / 60_000);
    const bucket = ageBucket(minutes);
    const counts = byCategory.get(r.category) ?? empty();
    counts[bucket]++;
    totals[bucket]++;
    byCategory.set(r.category, counts);
  }
  const rows = CATEGORIES.flatMap((category) => {
    const counts = byCategory.get(category);
    if (!counts) return [];
    return [{ category, counts, total: AGE_BUCKETS.reduce((s, b) => s + counts[b], 0) }];
  });
  return { rows, totals, total: open.length };
}
