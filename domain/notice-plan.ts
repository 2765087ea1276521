/**
 * Who gets which version of a notice. Pure: a list of residents with their
 * household facts in, one entry per recipient out, plus the counts the
 * preview shows.
 */
import { formatAddress } from "./address.js";
import { type HouseholdFacts, pickVersion, type Target } from "./notice-target.js";

export interface Resident extends HouseholdFacts {
  personId: number;
  householdId: number;
  reachability: string;
}

export interface PlannedDelivery<R extends Resident> {
  resident: R;
  version: number;
  address: string;
}

export interface PlanSummary {
  recipients: number;
  reachable: number;
  unreachable: number;
  perVersion: number[];
  /** One recipient's unit tag, for the preview. */
  sampleAddress: string | null;
  /** Building → its units that get the notice, for the group pointers. */
  units: Record<string, string[]>;
}

export function planNotice<R extends Resident>(
  targets: readonly Target[],
  residents: readonly R[],
): PlannedDelivery<R>[] {
  const planned: PlannedDelivery<R>[] = [];
  for (const resident of residents) {
    const version = pickVersion(targets, resident);
    if (version >= 0) planned.push({ resident, version, address: formatAddress(resident) });
  }
  return planned;
}

export function summarize(
  planned: readonly PlannedDelivery<Resident>[],
  versions: number,
): PlanSummary {
  const perVersion = Array.from({ length: versions }, () => 0);
  const units: Record<string, Set<string>> = {};
  let reachable = 0;
  for (const p of planned) {
    perVersion[p.version] = (perVersion[p.version] ?? 0) + 1;
    if (p.resident.reachability === "reachable") reachable++;
    const inBuilding = units[p.resident.building] ?? new Set<string>();
    inBuilding.add(p.resident.unit);
    units[p.resident.building] = inBuilding;
  }
  return {
    recipients: planned.length,
    reachable,
    unreachable: planned.length - reachable,
    perVersion,
    sampleAddress: planned[0]?.address ?? null,
    units: Object.fromEntries(Object.entries(units).map(([b, set]) => [b, [...set].sort()])),
  };
}

/** How long a notice's delivery takes, in the unit a person reads it in. */
export type DeliveryEstimate =
  | { unit: "seconds" }
  | { unit: "minutes"; minutes: number }
  | { unit: "hours"; hours: number; minutes: number };

/**
 * The outbox keeps about 95% of the rate it is allowed (the margins it keeps
 * below Telegram's windows, measured in bench/outbox-bench.ts).
 */
export const SEND_EFFICIENCY = 0.95;

/** `messages` sent at `ratePerSecond`: under a minute, about N minutes, or about H h M min. */
export function estimateDelivery(messages: number, ratePerSecond: number): DeliveryEstimate {
  const seconds = messages / (ratePerSecond * SEND_EFFICIENCY);
  if (seconds < 60) return { unit: "seconds" };
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return { unit: "minutes", minutes };
  return { unit: "hours", hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
