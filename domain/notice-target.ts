/**
 * Who a notice is for. Workers type a target: `all` (全部), buildings `3`,
 * units `3-2`, rooms `3-2-501`, tags `#sealed` or care flags `#over_75`,
 * several separated by commas or spaces, and "all except …"
 * (`all except 3-2` / `全部 除 3-2`). Pure: parsing, matching a household,
 * and how specific a match is (a resident who matches two versions of a
 * notice gets the more specific one).
 */
import { splitAddress } from "./address.js";

export type Selector =
  | { kind: "building"; building: string }
  /** Two parts: building-unit, or building-room where there are no units. */
  | { kind: "pair"; building: string; second: string }
  | { kind: "room"; building: string; unit: string; room: string }
  | { kind: "tag"; tag: string };

export interface Target {
  all: boolean;
  include: Selector[];
  exclude: Selector[];
}

export type TargetParse =
  | { ok: true; target: Target }
  | { ok: false; error: "empty" | "bad-part"; part?: string };

export interface HouseholdFacts {
  building: string;
  unit: string;
  room: string;
  tags: readonly string[];
}

const ALL = /^(all|everyone|全部|所有人?|全体)$/i;
const EXCEPT = /^(except|but|除了?|不含|排除)$/i;
const CODE = /^[0-9A-Za-z]{1,8}$/;
const TAG = /^[#＃]([\p{L}\p{N}_-]{1,30})$/u;

/** Tags are compared case-insensitively; care flags are tags too (`#over_75`). */
export function normalizeTag(tag: string): string {
  return tag.normalize("NFKC").toLowerCase();
}

function parseSelector(token: string): Selector | undefined {
  const tag = TAG.exec(token.normalize("NFKC"));
  if (tag) return { kind: "tag", tag: normalizeTag(tag[1] as string) };
  const parts = splitAddress(token).map((p) => p.toUpperCase());
  if (!parts.every((p) => CODE.test(p))) return undefined;
  const [a, b, c] = parts as [string, string?, string?];
  if (parts.length === 1) return { kind: "building", building: a };
  if (parts.length === 2) return { kind: "pair", building: a, second: b as string };
  if (parts.length === 3)
    return { kind: "room", building: a, unit: b as string, room: c as string };
  return undefined;
}

export function parseTarget(raw: string): TargetParse {
  const tokens = raw
    .normalize("NFKC")
    .split(/[\s,，、;；]+/)
    .filter((t) => t !== "");
  if (tokens.length === 0) return { ok: false, error: "empty" };
  const target: Target = { all: false, include: [], exclude: [] };
  let excluding = false;
  for (const token of tokens) {
    if (ALL.test(token)) {
      target.all = true;
      continue;
    }
    if (EXCEPT.test(token)) {
      excluding = true;
      continue;
    }
    const selector = parseSelector(token);
    if (!selector) return { ok: false, error: "bad-part", part: token.slice(0, 30) };
    (excluding ? target.exclude : target.include).push(selector);
  }
  if (!target.all && target.include.length === 0) return { ok: false, error: "empty" };
  return { ok: true, target };
}

/** How specifically a selector names a household: 0 no match; room 4, unit 3, tag 2, building 1. */
export function selectorScore(s: Selector, h: HouseholdFacts): number {
  switch (s.kind) {
    case "building":
      return h.building === s.building ? 1 : 0;
    case "pair":
      if (h.building !== s.building) return 0;
      if (h.unit === s.second) return 3;
      return h.unit === "" && h.room === s.second ? 4 : 0;
    case "room":
      return h.building === s.building && h.unit === s.unit && h.room === s.room ? 4 : 0;
    case "tag":
      return h.tags.includes(s.tag) ? 2 : 0;
  }
}

/**
 * How well a target matches a household: -1 not at all, 0 only through
 * "all", otherwise the best selector's score. Exclusions win.
 */
export function matchScore(t: Target, h: HouseholdFacts): number {
  if (t.exclude.some((s) => selectorScore(s, h) > 0)) return -1;
  const best = Math.max(0, ...t.include.map((s) => selectorScore(s, h)));
  if (best > 0) return best;
  return t.all ? 0 : -1;
}

/**
 * Picks the version of a notice for a household: the one whose target
 * matches most specifically; on a tie, the later version (it was written as
 * the exception). Returns the index, or -1 when no version matches.
 */
export function pickVersion(targets: readonly Target[], h: HouseholdFacts): number {
  let chosen = -1;
  let best = -1;
  targets.forEach((t, i) => {
    const score = matchScore(t, h);
    if (score >= 0 && score >= best) {
      best = score;
      chosen = i;
    }
  });
  return chosen;
}

/** Buildings a target names explicitly (to check they exist before sending). */
export function namedBuildings(t: Target): string[] {
  const named = [...t.include, ...t.exclude].flatMap((s) => (s.kind === "tag" ? [] : [s.building]));
  return [...new Set(named)];
}
