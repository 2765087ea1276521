/**
 * The dashboard's use cases: who may open it (the sign-in checked, then the
 * role), and the community at a glance, as a view with every text already in
 * the reader's language. Reads only; it changes nothing but the audit log.
 */
import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import { type Locale, localeFor, localeOf } from "../../bot/i18n.js";
import { validateInitData } from "../../bot/webapp-auth.js";
import { completionRate, computeCheckinSummary } from "../../domain/checkin-summary.js";
import {
  AGE_BUCKETS,
  coverageGrid,
  ROOM_STATES,
  type RoomState,
  requestAges,
} from "../../domain/dashboard.js";
import { computeNoticeReport } from "../../domain/notice-report.js";
import { isOpen } from "../../domain/request-states.js";
import { mayAct, type Role } from "../../domain/roles.js";
import { localDate } from "../../domain/schedule.js";

/** Who may open the dashboard (admins always): the staff who see coverage or the ledger. */
export const DASHBOARD_ROLES: readonly Role[] = ["worker", "coordinator"];

/** How many notices the dashboard lists. */
const NOTICES_SHOWN = 5;

export type Access =
  | { ok: true; userId: number; locale: Locale }
  | { ok: false; status: 401 | 403; reason: string; locale: Locale };

/**
 * The sign-in and the role, for every API call: a forged, expired or missing
 * initData is 401; a valid one of someone without a dashboard role is 403
 * (audited, like any refusal). `fallbackLanguage` picks the language of a
 * refusal when nobody could be identified.
 */
export async function checkAccess(
  deps: BotDeps,
  initData: string | undefined,
  fallbackLanguage: string | undefined,
): Promise<Access> {
  const { config, storage, clock } = deps;
  const check = validateInitData(initData, config.botToken, {
    maxAgeSeconds: config.webApp.maxAgeSeconds,
    now: clock.now(),
  });
  if (!check.ok) {
    return {
      ok: false,
      status: 401,
      reason: check.reason === "expired" ? "expired" : "unauthorized",
      locale: localeOf(deps, fallbackLanguage),
    };
  }
  const { user } = check;
  const person = await storage.people.get(user.id);
  const locale = person ? localeFor(deps, person) : localeOf(deps, user.languageCode);
  const roles = new Set<Role>(await storage.roles.of(user.id));
  if (config.adminIds.includes(user.id)) roles.add("admin");
  if (!mayAct(roles, DASHBOARD_ROLES)) {
    await storage.audit.log({
      actorId: user.id,
      action: "dashboard.view",
      outcome: "denied",
      detail: { via: "web app" },
    });
    return { ok: false, status: 403, reason: "forbidden", locale };
  }
  return { ok: true, userId: user.id, locale };
}

/** A refusal as the page shows it. */
export function refusalView(deps: BotDeps, locale: Locale, reason: string) {
  const t = (key: string) => deps.i18n.t(locale, key);
  return { lang: locale, title: t("dash-error-title"), message: t(`dash-error-${reason}`) };
}

export interface RoomCell {
  room: string;
  state: RoomState;
}

/** Everything the page shows, texts included. */
export interface DashboardView {
  lang: Locale;
  title: string;
  updated: string;
  refresh: string;
  grid: {
    title: string;
    hint: string;
    legend: Array<{ state: RoomState; label: string }>;
    empty: string | null;
    buildings: Array<{
      title: string;
      summary: string;
      units: Array<{ title: string; rooms: RoomCell[] }>;
    }>;
  };
  requests: {
    title: string;
    hint: string;
    empty: string | null;
    columns: string[];
    rows: Array<{ label: string; counts: number[]; total: number }>;
    total: { label: string; counts: number[]; total: number };
  };
  checkin: {
    title: string;
    empty: string | null;
    note: string | null;
    total: string;
    buildings: Array<{ label: string; line: string; complete: number; partial: number }>;
  };
  notices: {
    title: string;
    empty: string | null;
    legend: Array<{ key: string; label: string }>;
    items: Array<{
      heading: string;
      urgent: string | null;
      excerpt: string;
      figures: string;
      parts: { confirmed: number; unconfirmed: number; queued: number; unreachable: number };
    }>;
  };
}

/** The first line of a notice, cut to a phone's width. */
function excerpt(text: string): string {
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}

export async function dashboardView(deps: BotDeps, locale: Locale): Promise<DashboardView> {
  const { storage, clock, config } = deps;
  const tz = config.timezone;
  const now = clock.now();
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);

  // Today's check-in, which also colours the grid.
  const today = localDate(now, tz);
  const households = await storage.checkins.households();
  const readings = await storage.checkins.forSummary(today, today);
  const summary = computeCheckinSummary(today, households, readings);
  const reported = new Map<number, "partial" | "reported">(
    households.map((h) => [h.id, "reported"] as const),
  );
  for (const r of summary.incomplete) {
    if (r.reported > 0) reported.set(r.householdId, "partial");
    else reported.delete(r.householdId);
  }
  const grid = coverageGrid(await storage.layout.rooms(), households, reported);

  // Open requests by age.
  const open = (await storage.requests.forLedger(now)).filter((r) => isOpen(r.status));
  const ages = requestAges(open, now);

  // The latest notices with their delivery.
  const notices = [];
  for (const n of await storage.notices.recent(NOTICES_SHOWN)) {
    const { total } = computeNoticeReport(await storage.notices.deliveries(n.id));
    const first = (await storage.notices.versions(n.id))[0];
    const unreachable = total.notStarted + total.blocked + total.failed;
    notices.push({
      heading: t("dash-notice-heading", { id: n.id, time: dateTime(new Date(n.sendAt), tz) }),
      urgent: n.urgency === "urgent" ? t("dash-notice-urgent") : null,
      excerpt: excerpt(first?.text ?? ""),
      figures: t("dash-notice-figures", {
        recipients: total.recipients,
        delivered: total.sent,
        confirmed: total.confirmed,
        queued: total.queued,
        unreachable,
      }),
      parts: {
        confirmed: total.confirmed,
        unconfirmed: total.unconfirmed,
        queued: total.queued,
        unreachable,
      },
    });
  }

  const settings = await storage.checkins.settings();
  return {
    lang: locale,
    title: t("dash-title"),
    updated: t("dash-updated", { time: dateTime(now, tz) }),
    refresh: t("dash-refresh"),
    grid: {
      title: t("dash-grid-title"),
      hint: t("dash-grid-hint"),
      legend: ROOM_STATES.map((state) => ({ state, label: t(`dash-state-${state}`) })),
      empty: grid.length === 0 ? t("dash-grid-empty") : null,
      buildings: grid.map((b) => {
        const rooms = ROOM_STATES.reduce((s, state) => s + b.counts[state], 0);
        return {
          title: t("dash-building", { building: b.building }),
          summary: t("dash-building-summary", {
            registered: rooms - b.counts.none,
            rooms,
            reported: b.counts.reported + b.counts.partial,
          }),
          units: b.units.map((u) => ({
            title: u.unit === "" ? t("dash-unit-none") : t("dash-unit", { unit: u.unit }),
            rooms: u.rooms,
          })),
        };
      }),
    },
    requests: {
      title: t("dash-requests-title"),
      hint: t("dash-requests-hint"),
      empty: ages.total === 0 ? t("dash-requests-empty") : null,
      columns: [
        t("dash-requests-category"),
        ...AGE_BUCKETS.map((b) => t(`dash-age-${b}`)),
        t("dash-requests-total"),
      ],
      rows: ages.rows.map((r) => ({
        label: t(`chart-cat-${r.category}`),
        counts: AGE_BUCKETS.map((b) => r.counts[b]),
        total: r.total,
      })),
      total: {
        label: t("dash-requests-total"),
        counts: AGE_BUCKETS.map((b) => ages.totals[b]),
        total: ages.total,
      },
    },
    checkin: {
      title: t("dash-checkin-title"),
      empty: summary.buildings.length === 0 ? t("dash-checkin-empty") : null,
      note: settings.enabled ? null : t("dash-checkin-off"),
      total: t("dash-checkin-total", {
        complete: summary.total.complete,
        households: summary.total.households,
        rate: completionRate(summary.total.complete, summary.total.households),
      }),
      buildings: summary.buildings.map((b) => ({
        label: t("dash-building", { building: b.building }),
        line: t("dash-checkin-line", {
          complete: b.complete,
          households: b.households,
          partial: b.partial,
        }),
        complete: completionRate(b.complete, b.households),
        partial: completionRate(b.partial, b.households),
      })),
    },
    notices: {
      title: t("dash-notices-title"),
      empty: notices.length === 0 ? t("dash-notices-empty") : null,
      legend: ["confirmed", "unconfirmed", "queued", "unreachable"].map((key) => ({
        key,
        label: t(`dash-notice-${key}`),
      })),
      items: notices,
    },
  };
}
