/**
 * The check-in's daily steps, decided from `deps.clock` and done once a day:
 *
 * - prompt (from the prompt time until the deadline): one message in each
 *   active building group, with a Report button that deep-links into private
 *   chat; a group bound later in the window still gets today's. Residents who
 *   opted in get a private prompt.
 * - deadline (until the final report time): one reminder to each reachable
 *   household that hasn't reported (or not for everyone), and the list of
 *   missing households by unit: to each worker for the units they look after
 *   (the grid), and the whole community's to the coordinators.
 * - report (until midnight): the day's summary to the coordinators.
 *
 * What is done is recorded in the same transaction as the outbox rows it
 * writes (checkin_prompts per group, checkin_runs per step), so a restart
 * neither loses a step nor repeats it, and a bot that starts late catches up
 * on the step whose window is open. Messages obey the quiet hours.
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { localeFor, localeOf } from "../../bot/i18n.js";
import { formatAddress } from "../../domain/address.js";
import { type CheckinSettings, type CheckinStep, dueSteps } from "../../domain/checkin-schedule.js";
import {
  type CheckinSummary,
  computeCheckinSummary,
  type RoomState,
} from "../../domain/checkin-summary.js";
import type { Role } from "../../domain/roles.js";
import { afterQuietHours } from "../../domain/schedule.js";
import type { CheckinHouseholdRow } from "../../storage/checkins.js";
import type { NewOutboxMessage, OutboxLane } from "../../storage/outbox.js";
import { loadGrid } from "../grid/index.js";
import {
  groupPromptPayload,
  missingListTexts,
  privatePromptPayload,
  reminderPayloads,
  summaryTexts,
} from "./render.js";

/** Reminders made and written at a time at the deadline. */
const REMINDER_CHUNK = 2_000;

/** How often the due-check runs (a step is at most this late). */
export const CHECKIN_INTERVAL_MS = 30_000;

export interface CheckinRun {
  date: string;
  /** Steps due now. */
  due: CheckinStep[];
  /** Groups prompted by this run. */
  groupsPrompted: number;
  /** Steps this run carried out (not those already done earlier today). */
  done: CheckinStep[];
}

const usernames = new WeakMap<Api, string>();

/** The bot's username for the deep link (asked once per Api). */
async function botUsername(api: Api): Promise<string> {
  let name = usernames.get(api);
  if (!name) {
    name = (await api.getMe()).username;
    usernames.set(api, name);
  }
  return name;
}

export async function runCheckinJobs(deps: BotDeps, api: Api): Promise<CheckinRun> {
  const { storage, clock, config } = deps;
  const settings = await storage.checkins.settings();
  const now = clock.now();
  const { date, due } = dueSteps(now, config.timezone, settings);
  const run: CheckinRun = { date, due, groupsPrompted: 0, done: [] };
  if (due.length === 0) return run;
  const notBefore = afterQuietHours(now, config.quietHours, config.timezone);
  const message = (
    chatId: number,
    lane: OutboxLane,
    payload: Record<string, unknown>,
    ref: string,
  ): NewOutboxMessage => ({
    chatId,
    lane,
    method: "sendMessage",
    payload,
    notBefore,
    ref: { type: ref, id: date },
  });

  for (const step of due) {
    if (step === "prompt") {
      const prompted = await storage.checkins.promptedGroups(date);
      const groups = (await storage.groups.active()).filter(
        (g) => g.kind === "building" && g.building && !prompted.has(g.chatId),
      );
      if (groups.length > 0) {
        const bot = await botUsername(api);
        run.groupsPrompted = await storage.checkins.promptGroups(
          date,
          groups.map((g) =>
            message(
              g.chatId,
              "normal",
              groupPromptPayload(deps, g.building as string, settings, bot),
              "checkin-prompt",
            ),
          ),
        );
      }
      if (!(await storage.checkins.isDone(date, "prompt"))) {
        const people = (await storage.checkins.optedIn()).filter(
          (p) => p.reachability !== "blocked",
        );
        const rows = people.map((p) =>
          message(
            p.personId,
            "bulk",
            privatePromptPayload(deps, localeFor(deps, p), formatAddress(p), settings),
            "checkin-private-prompt",
          ),
        );
        if (await storage.checkins.claimStep(date, "prompt", rows, { private: rows.length }))
          run.done.push("prompt");
      }
    }

    if (step === "deadline" && !(await storage.checkins.isDone(date, "deadline"))) {
      const households = await storage.checkins.households();
      const summary = computeCheckinSummary(
        date,
        households,
        await storage.checkins.forSummary(date, date),
      );
      const byId = new Map(households.map((h) => [h.id, h]));
      // One reminder per household, to its first resident who can be messaged.
      // Who gets one is decided here; the messages themselves are made a
      // chunk at a time while they are written (100,000 households).
      const reminded: Array<{ personId: number; locale: string; room: RoomState }> = [];
      for (const room of summary.incomplete) {
        const contact = byId
          .get(room.householdId)
          ?.contacts.find((c) => c.reachability === "reachable");
        if (contact)
          reminded.push({
            personId: contact.personId,
            locale: localeOf(deps, contact.language),
            room,
          });
      }
      const reminderPayload = reminderPayloads(deps, settings);
      function* reminders(): Generator<NewOutboxMessage[]> {
        for (let i = 0; i < reminded.length; i += REMINDER_CHUNK)
          yield reminded
            .slice(i, i + REMINDER_CHUNK)
            .map((r) =>
              message(r.personId, "bulk", reminderPayload(r.locale, r.room), "checkin-reminder"),
            );
      }
      // Nobody registered yet: nothing to chase, so no daily "0 households" to the staff.
      const lists =
        households.length > 0
          ? await missingLists(
              deps,
              date,
              households,
              summary,
              settings,
              new Set(reminded.map((r) => r.personId)),
            )
          : [];
      const staff = new Set(lists.map((l) => l.chatId));
      const listRows = lists.map((l) =>
        message(l.chatId, "normal", { text: l.text }, "checkin-missing"),
      );
      const claimed = await storage.checkins.claimStep(
        date,
        "deadline",
        listRows,
        {
          reminders: reminded.length,
          staff: staff.size,
          missing: summary.total.missing,
          partial: summary.total.partial,
        },
        reminders(),
      );
      if (claimed) run.done.push("deadline");
    }

    if (step === "report" && !(await storage.checkins.isDone(date, "report"))) {
      const summary = computeCheckinSummary(
        date,
        await storage.checkins.households(),
        await storage.checkins.forSummary(date, date),
      );
      const coordinators =
        summary.total.households > 0 ? await recipients(deps, ["coordinator"]) : [];
      const rows = coordinators.flatMap((s) =>
        summaryTexts(deps, s.locale, summary).map((text) =>
          message(s.personId, "normal", { text }, "checkin-summary"),
        ),
      );
      const claimed = await storage.checkins.claimStep(date, "report", rows, {
        ...summary.total,
        fevers: summary.fevers.length,
      });
      if (claimed) run.done.push("report");
    }
  }
  if (run.groupsPrompted > 0 || run.done.length > 0) deps.outbox.kick();
  return run;
}

/**
 * Who gets the list of missing households, and which one. Without a grid,
 * every worker and coordinator gets the whole community's. With one, each
 * worker gets the rooms of the units they look after (main or deputy), and
 * the coordinators (or the admins, if there are none) the whole community's;
 * a worker with no units gets none.
 */
async function missingLists(
  deps: BotDeps,
  date: string,
  households: readonly CheckinHouseholdRow[],
  summary: CheckinSummary,
  settings: CheckinSettings,
  /** Who gets a reminder (one per household). */
  reminded: ReadonlySet<number>,
): Promise<Array<{ chatId: number; text: string }>> {
  const grid = await loadGrid(deps);
  const whole = (people: Array<{ personId: number; locale: string }>) =>
    people.flatMap((s) =>
      missingListTexts(deps, s.locale, summary, settings, reminded.size).map((text) => ({
        chatId: s.personId,
        text,
      })),
    );
  if (grid.isEmpty) return whole(await recipients(deps, ["worker", "coordinator"]));
  const out = whole(await recipients(deps, ["coordinator"]));
  const readings = await deps.storage.checkins.forSummary(date, date);
  for (const w of await deps.storage.checkins.staff(["worker"])) {
    const mine = households.filter((h) => grid.covers(w.personId, h.building, h.unit));
    if (mine.length === 0) continue;
    const ids = new Set(mine.map((h) => h.id));
    const own = computeCheckinSummary(
      date,
      mine,
      readings.filter((r) => ids.has(r.householdId)),
    );
    const sent = mine.filter((h) => h.contacts.some((c) => reminded.has(c.personId))).length;
    const locale = localeOf(deps, w.language);
    for (const text of missingListTexts(deps, locale, own, settings, sent, true))
      out.push({ chatId: w.personId, text });
  }
  return out;
}

/**
 * The holders of `roles`, each in their language. When nobody holds them,
 * the admins get it: the list must reach someone.
 */
async function recipients(
  deps: BotDeps,
  roles: readonly Role[],
): Promise<Array<{ personId: number; locale: string }>> {
  const { storage, config } = deps;
  let people = await storage.checkins.staff(roles);
  if (people.length === 0) {
    const admins = await storage.checkins.staff(["admin"]);
    const ids = new Set(admins.map((a) => a.personId));
    for (const id of config.adminIds) {
      if (ids.has(id)) continue;
      const person = await storage.people.get(id);
      admins.push({
        personId: id,
        language: person?.language ?? person?.telegramLanguage ?? null,
      });
    }
    people = admins;
  }
  return people.map((p) => ({ personId: p.personId, locale: localeOf(deps, p.language) }));
}
