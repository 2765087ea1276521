/**
 * The day's check-in in figures: completion by building and unit, the
 * fevers, the households still missing (reachable in private or not, so the
 * worker knows whom to call or visit), and a trend over several days. Pure:
 * the households and readings are passed in.
 *
 * A household is complete when every member (the count from registration)
 * has a reading today, partial when some have, missing when none has.
 */
import { ByUnit, formatAddress, type UnitKey } from "./address.js";
import { isFever } from "./temperature.js";

export const SYMPTOMS = ["fine", "cough", "sore_throat", "other"] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export interface CheckinHousehold {
  id: number;
  building: string;
  unit: string;
  room: string;
  members: number;
  /** At least one of its residents can be sent a private message. */
  reachable: boolean;
}

export interface CheckinReading {
  householdId: number;
  /** 1-based: member 1 of 3. */
  member: number;
  /** Local date, "2026-11-22". */
  date: string;
  celsius: number;
  symptom: Symptom;
  note?: string | null;
}

export interface RoomState {
  householdId: number;
  room: string;
  address: string;
  reachable: boolean;
  reported: number;
  members: number;
}

export interface UnitSummary {
  building: string;
  unit: string;
  /** "3-2", or "12" for a building without units. */
  label: string;
  households: number;
  complete: number;
  partial: number;
  missing: number;
  /** Rooms with no reading at all, in room order. */
  missingRooms: RoomState[];
  /** Rooms where some members but not all have reported. */
  partialRooms: RoomState[];
}

export interface BuildingSummary {
  building: string;
  households: number;
  complete: number;
  partial: number;
  missing: number;
}

export interface FeverRow {
  householdId: number;
  address: string;
  member: number;
  celsius: number;
  symptom: Symptom;
  note: string | null;
}

export interface Totals {
  households: number;
  complete: number;
  partial: number;
  missing: number;
  /** Missing households that can be reminded in private. */
  missingReachable: number;
  /** Missing households nobody can message: they need a call or a visit. */
  missingUnreachable: number;
  /** Members of all households (readings expected). */
  people: number;
  /** Readings received for those members. */
  readings: number;
}

export interface CheckinSummary {
  date: string;
  units: UnitSummary[];
  buildings: BuildingSummary[];
  total: Totals;
  fevers: FeverRow[];
  /** Every household that is not complete (missing or partial), for reminders. */
  incomplete: RoomState[];
}

const collator = new Intl.Collator("en", { numeric: true });
const compare = collator.compare;

/** Percent complete, rounded down so 99.6% never shows as 100%. */
export function completionRate(complete: number, households: number): number {
  return households === 0 ? 0 : Math.floor((complete * 100) / households);
}

/** Set bits in a 32-bit mask. */
function bitCount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The members who reported in these readings, a bit per member (registration
 * allows at most 20), per household: 100,000 households cost no allocations
 * beyond the households that reported.
 */
function reportedMasks(readings: readonly CheckinReading[]): Map<number, number> {
  const masks = new Map<number, number>();
  for (const r of readings) {
    if (r.member < 1 || r.member > 31) continue;
    masks.set(r.householdId, (masks.get(r.householdId) ?? 0) | (1 << (r.member - 1)));
  }
  return masks;
}

/** Members of a household of `members` who reported: those beyond its size don't count. */
function reportedOf(mask: number | undefined, members: number): number {
  if (mask === undefined || members < 1) return 0;
  return bitCount(mask & (members >= 31 ? 0x7fffffff : (1 << members) - 1));
}

export function computeCheckinSummary(
  date: string,
  households: readonly CheckinHousehold[],
  readings: readonly CheckinReading[],
): CheckinSummary {
  const today = readings.filter((r) => r.date === date);
  const counts = reportedMasks(today);
  const feverHouseholds = new Set(
    today.filter((r) => isFever(r.celsius)).map((r) => r.householdId),
  );
  const units = new ByUnit<Omit<UnitSummary, keyof UnitKey>>(() => ({
    households: 0,
    complete: 0,
    partial: 0,
    missing: 0,
    missingRooms: [],
    partialRooms: [],
  }));
  const buildings = new Map<string, BuildingSummary>();
  const total: Totals = {
    households: 0,
    complete: 0,
    partial: 0,
    missing: 0,
    missingReachable: 0,
    missingUnreachable: 0,
    people: 0,
    readings: 0,
  };
  const incomplete: RoomState[] = [];
  const byId = new Map<number, CheckinHousehold>();

  for (const h of households) {
    if (feverHouseholds.has(h.id)) byId.set(h.id, h);
    const u = units.get(h);
    let b = buildings.get(h.building);
    if (!b) {
      b = { building: h.building, households: 0, complete: 0, partial: 0, missing: 0 };
      buildings.set(h.building, b);
    }
    const reported = reportedOf(counts.get(h.id), h.members);
    u.households++;
    b.households++;
    total.households++;
    total.people += h.members;
    total.readings += reported;
    if (reported >= h.members) {
      u.complete++;
      b.complete++;
      total.complete++;
      continue;
    }
    const state: RoomState = {
      householdId: h.id,
      room: h.room,
      address: formatAddress(h),
      reachable: h.reachable,
      reported,
      members: h.members,
    };
    incomplete.push(state);
    if (reported === 0) {
      u.missing++;
      b.missing++;
      total.missing++;
      if (h.reachable) total.missingReachable++;
      else total.missingUnreachable++;
      u.missingRooms.push(state);
    } else {
      u.partial++;
      b.partial++;
      total.partial++;
      u.partialRooms.push(state);
    }
  }

  const byRoom = (a: RoomState, b: RoomState) => compare(a.room, b.room);
  const unitList = units.rows();
  for (const u of unitList) {
    u.missingRooms.sort(byRoom);
    u.partialRooms.sort(byRoom);
  }

  const fevers: FeverRow[] = [];
  for (const r of today) {
    const h = byId.get(r.householdId);
    if (!h || !isFever(r.celsius)) continue;
    fevers.push({
      householdId: h.id,
      address: formatAddress(h),
      member: r.member,
      celsius: r.celsius,
      symptom: r.symptom,
      note: r.note ?? null,
    });
  }
  fevers.sort((a, b) => compare(a.address, b.address) || a.member - b.member);

  return {
    date,
    units: unitList,
    buildings: [...buildings.values()].sort((a, b) => compare(a.building, b.building)),
    total,
    fevers,
    incomplete,
  };
}

export interface TrendDay {
  date: string;
  households: number;
  complete: number;
  partial: number;
  missing: number;
  fevers: number;
  /** Percent of households complete. */
  rate: number;
}

/**
 * Completion day by day. Every day is measured against today's list of
 * households (who registered since counts as missing on earlier days).
 */
export function computeTrend(
  dates: readonly string[],
  households: readonly CheckinHousehold[],
  readings: readonly CheckinReading[],
): TrendDay[] {
  const byDate = new Map<string, CheckinReading[]>();
  for (const d of dates) byDate.set(d, []);
  for (const r of readings) byDate.get(r.date)?.push(r);
  const ids = new Set(households.map((h) => h.id));
  return dates.map((date) => {
    const day = byDate.get(date) ?? [];
    const counts = reportedMasks(day);
    let complete = 0;
    let partial = 0;
    for (const h of households) {
      const n = reportedOf(counts.get(h.id), h.members);
      if (n >= h.members) complete++;
      else if (n > 0) partial++;
    }
    const fevers = day.filter((r) => ids.has(r.householdId) && isFever(r.celsius)).length;
    return {
      date,
      households: households.length,
      complete,
      partial,
      missing: households.length - complete - partial,
      fevers,
      rate: completionRate(complete, households.length),
    };
  });
}
