/**
 * Storing a reading and what follows from it: the audit line, a fever paged
 * through the one door for urgent items (`raiseUrgent`), and a correction
 * note to the coordinators when a fever turns out to have been a typo.
 */

import type { BotDeps } from "../../bot/context.js";
import { clockTime } from "../../bot/format.js";
import { inEveryLanguage, localeOf } from "../../bot/i18n.js";
import { formatAddress } from "../../domain/address.js";
import type { CheckinSettings } from "../../domain/checkin-schedule.js";
import type { Symptom } from "../../domain/checkin-summary.js";
import { localDate } from "../../domain/schedule.js";
import { formatCelsius, isFever } from "../../domain/temperature.js";
import { raiseUrgentDetailed } from "../escalation/index.js";
import { symptomLabel } from "./render.js";

export interface SaveInput {
  householdId: number;
  member: number;
  celsius: number;
  symptom: Symptom;
  note: string | null;
  reportedBy: number;
  proxy: boolean;
}

/** JSON only: it comes back out of `conversation.external`. */
export interface SaveResult {
  date: string;
  /** The reading this one replaced today, if any. */
  replaced: { celsius: number; time: string } | null;
  fever: boolean;
  /** raised: a new urgent item; known: this member's fever was already raised today (no new page). */
  alert: "raised" | "known" | null;
  /** Who the fever alert reached first: the ladder's step (1 on duty, 2 all coordinators, 3 admins) and how many. */
  alerted: { step: number; paged: number } | null;
  phone: string | null;
  /** Members of the household with a reading today, and its size. */
  reported: number;
  members: number;
}

export async function saveReading(deps: BotDeps, input: SaveInput): Promise<SaveResult> {
  const { storage, config, i18n } = deps;
  const date = localDate(deps.clock.now(), config.timezone);
  const household = await storage.checkins.household(input.householdId);
  if (!household) throw new Error(`household ${input.householdId} is not registered`);
  const { reading, replaced } = await storage.checkins.record({ ...input, date });
  const fever = isFever(reading.celsius);
  await storage.audit.log({
    actorId: input.reportedBy,
    action: input.proxy ? "checkin.proxy" : "checkin.report",
    detail: {
      household: household.id,
      member: input.member,
      reading: reading.id,
      replaced: replaced?.id ?? null,
      fever,
    },
  });

  const address = formatAddress(household);
  let alert: SaveResult["alert"] = null;
  let alerted: SaveResult["alerted"] = null;
  const feverBefore = replaced !== null && isFever(replaced.celsius);
  if (fever && feverBefore) alert = "known";
  if (fever && !feverBefore) {
    // The one door for urgent items: who is paged, and how it escalates, lives behind it.
    const raised = await raiseUrgentDetailed(deps, {
      kind: "fever",
      // In each language, so each coordinator reads it in theirs.
      summary: inEveryLanguage((locale) =>
        i18n.t(locale, "checkin-fever-summary", {
          member: input.member,
          celsius: formatCelsius(reading.celsius),
          symptom: symptomLabel(deps, locale, reading.symptom, reading.note),
          proxy: input.proxy ? i18n.t(locale, "checkin-proxy-note") : "",
        }),
      ),
      address,
      phone: household.phone,
      personId: input.proxy ? (household.contacts[0]?.personId ?? null) : input.reportedBy,
      raisedBy: input.reportedBy,
      ref: { type: "checkin", id: reading.id },
    });
    alert = "raised";
    alerted = { step: raised.step, paged: raised.paged };
  } else if (!fever && feverBefore) {
    await sendCorrection(deps, address, input.member, reading.celsius, replaced.celsius);
  }

  const today = await storage.checkins.readings(date, date, household.id);
  const reported = new Set(today.filter((r) => r.member <= household.members).map((r) => r.member))
    .size;
  return {
    date,
    replaced: replaced
      ? {
          celsius: replaced.celsius,
          time: clockTime(new Date(replaced.reportedAt), config.timezone),
        }
      : null,
    fever,
    alert,
    alerted,
    phone: household.phone,
    reported,
    members: household.members,
  };
}

/** A paged fever was a typo: the people who were paged hear that it is corrected. */
async function sendCorrection(
  deps: BotDeps,
  address: string,
  member: number,
  celsius: number,
  old: number,
): Promise<void> {
  const { storage, i18n, config } = deps;
  const staff = await storage.checkins.staff(["coordinator", "admin"]);
  const ids = new Map(staff.map((s) => [s.personId, s.language]));
  for (const id of config.adminIds) {
    if (!ids.has(id)) {
      const person = await storage.people.get(id);
      ids.set(id, person?.language ?? person?.telegramLanguage ?? null);
    }
  }
  const rows = [...ids].map(([chatId, language]) => ({
    chatId,
    lane: "normal" as const,
    method: "sendMessage" as const,
    payload: {
      text: i18n.t(localeOf(deps, language), "checkin-correction", {
        address,
        member,
        celsius: formatCelsius(celsius),
        old: formatCelsius(old),
      }),
    },
    ref: { type: "checkin-correction", id: address },
  }));
  await storage.outbox.enqueue(rows);
  deps.outbox.kick();
}

/** Turns the private morning prompt on or off for a resident. Audited. */
export async function setMorningPrompt(deps: BotDeps, personId: number, on: boolean) {
  await deps.storage.checkins.setOptIn(personId, on);
  await deps.storage.audit.log({ actorId: personId, action: "checkin.remind", detail: { on } });
}

/** New times (or on/off) for the daily steps. Audited with what changed. */
export async function changeSettings(
  deps: BotDeps,
  settings: CheckinSettings,
  changed: readonly string[],
  by: number | null,
): Promise<void> {
  await deps.storage.checkins.saveSettings(settings, by);
  await deps.storage.audit.log({
    actorId: by,
    action: "checkin.settings",
    detail: { ...settings, changed },
  });
}
