/**
 * Registration's use cases: storing a registration (and telling a room's
 * residents and the staff when someone new registers into it), and a
 * worker taking a wrong resident out of a room, or letting them back.
 */
import type { BotDeps } from "../../bot/context.js";
import { dateTime, personName } from "../../bot/format.js";
import { localeFor } from "../../bot/i18n.js";
import { type Address, formatAddress } from "../../domain/address.js";
import { afterQuietHours } from "../../domain/schedule.js";
import {
  type CareFlag,
  type Household,
  type Registered,
  type Registration,
  RemovedFromRoom,
  type RoomResident,
} from "../../storage/households.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";

/** Who is told about the residents of a room: the workers, or the admins if there are none. */
async function roomStaff(deps: BotDeps): Promise<Array<{ personId: number; locale: string }>> {
  const holders = await deps.storage.roles.holders();
  let ids = holders.filter((h) => h.role === "worker").map((h) => h.personId);
  if (ids.length === 0) {
    ids = [
      ...holders.filter((h) => h.role === "admin").map((h) => h.personId),
      ...deps.config.adminIds,
    ];
  }
  const out: Array<{ personId: number; locale: string }> = [];
  for (const id of new Set(ids)) {
    const person = await deps.storage.people.get(id);
    if (person?.reachability === "blocked") continue;
    out.push({ personId: id, locale: localeFor(deps, person) });
  }
  return out;
}

const JOIN_REF = "household-join";

/** To the room's residents and the staff: who registered into the room, and when. No phone. */
function joinMessages(
  deps: BotDeps,
  r: Registration,
  registered: Registered,
  staff: ReadonlyArray<{ personId: number; locale: string }>,
): NewOutboxMessage[] {
  const { config, clock, i18n } = deps;
  const now = clock.now();
  const time = dateTime(now, config.timezone);
  const address = formatAddress(r.address);
  // Not at night: it can wait for the morning, like a normal notice.
  const notBefore = afterQuietHours(now, config.quietHours, config.timezone);
  const ref = { type: JOIN_REF, id: registered.household.id };
  const out: NewOutboxMessage[] = [];
  for (const other of registered.others) {
    if (other.reachability === "blocked" || other.personId === r.personId) continue;
    const locale = localeFor(deps, other);
    out.push({
      chatId: other.personId,
      lane: "normal",
      method: "sendMessage",
      notBefore,
      payload: {
        text: i18n.t(locale, "reg-joined-resident", { name: r.displayName, address, time }),
      },
      ref,
    });
  }
  const residents = new Set(registered.others.map((o) => o.personId));
  const flags = new Set<CareFlag>(registered.others.flatMap((o) => o.own.flags));
  for (const s of staff) {
    if (s.personId === r.personId || residents.has(s.personId)) continue;
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(s.locale, key, vars);
    const lines = [
      t("reg-joined-staff", {
        address,
        name: r.displayName,
        time,
        count: registered.others.length,
        others: registered.others.map((o) => personName(o, o.personId)).join(t("list-separator")),
      }),
    ];
    if (flags.size > 0) {
      lines.push(
        t("reg-joined-staff-needs", {
          flags: [...flags].map((f) => t(`flag-${f}`)).join(t("list-separator")),
        }),
      );
    }
    lines.push(t("reg-joined-staff-check", { address }));
    out.push({
      chatId: s.personId,
      lane: "normal",
      method: "sendMessage",
      notBefore,
      payload: { text: lines.join("\n") },
      ref,
    });
  }
  return out;
}

/**
 * One transaction; registering again moves or updates the same record and
 * never changes another resident's answers. Someone new to a room that
 * already has residents: they and the staff are told (through the outbox).
 */
export async function register(
  deps: BotDeps,
  registration: Registration,
): Promise<({ ok: true } & Registered) | { ok: false; reason: "removed" }> {
  const staff = await roomStaff(deps);
  let outcome: Registered;
  try {
    outcome = await deps.storage.households.register(registration, (registered) =>
      registered.joinedOthers ? joinMessages(deps, registration, registered, staff) : [],
    );
  } catch (error) {
    if (!(error instanceof RemovedFromRoom)) throw error;
    await deps.storage.audit.log({
      actorId: registration.personId,
      action: "household.register",
      outcome: "denied",
      detail: { reason: "removed" },
    });
    return { ok: false, reason: "removed" };
  }
  if (outcome.joinedOthers) {
    deps.outbox.kick();
    await deps.storage.audit.log({
      actorId: registration.personId,
      action: "household.join",
      detail: { household: outcome.household.id, others: outcome.others.length },
    });
  }
  return { ok: true, ...outcome };
}

/** Whether a worker removed this person from the room (registration asks for another one). */
export function removedFrom(deps: BotDeps, personId: number, address: Address): Promise<boolean> {
  return deps.storage.households.isRemovedFrom(personId, address);
}

/** A room's residents and the people removed from it, for /residents. */
export function roomOf(deps: BotDeps, address: Address) {
  return deps.storage.households.room(address);
}

export type RemoveOutcome =
  | { ok: true; resident: RoomResident; household: Household }
  | { ok: false; reason: "unknown" };

/**
 * A worker takes a person out of a room: the resident link goes (their
 * answers no longer count for the household), they can't register into the
 * room again until a worker allows it, they are told privately, and it is
 * audited.
 */
export async function removeResident(
  deps: BotDeps,
  by: number,
  householdId: number,
  personId: number,
): Promise<RemoveOutcome> {
  const { storage, i18n } = deps;
  const household = await storage.households.byId(householdId);
  const room = household && (await storage.households.room(household));
  const resident = room?.residents.find((r) => r.personId === personId);
  if (!household || !resident) return { ok: false, reason: "unknown" };
  const locale = localeFor(deps, resident);
  const done = await storage.households.remove(householdId, personId, by, () =>
    resident.reachability === "blocked"
      ? []
      : [
          {
            chatId: personId,
            lane: "normal",
            method: "sendMessage",
            payload: {
              text: i18n.t(locale, "res-removed-you", { address: formatAddress(household) }),
            },
            ref: { type: "household-remove", id: householdId },
          },
        ],
  );
  if (!done) return { ok: false, reason: "unknown" };
  deps.outbox.kick();
  await storage.audit.log({
    actorId: by,
    action: "household.remove",
    detail: { household: householdId, person: personId },
  });
  return { ok: true, resident, household };
}

/** Lets a removed person register into the room again. Audited. */
export async function allowAgain(
  deps: BotDeps,
  by: number,
  householdId: number,
  personId: number,
): Promise<boolean> {
  const allowed = await deps.storage.households.allowAgain(householdId, personId);
  if (allowed) {
    await deps.storage.audit.log({
      actorId: by,
      action: "household.allow",
      detail: { household: householdId, person: personId },
    });
  }
  return allowed;
}
