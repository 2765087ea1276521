/**
 * Nobody takes over someone else's household: care needs are kept per
 * resident and combined for the room, the room's residents and the staff
 * are told when someone new registers into it, and a worker can remove a
 * wrong resident (audited; they can't simply register back).
 */
import type { User } from "grammy/types";
import { Kysely, type Migration, Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteDialect } from "../storage/dialect.js";
import type { CareFlag } from "../storage/households.js";
import { community as m1 } from "../storage/migrations/0001-community.js";
import { outbox as m2 } from "../storage/migrations/0002-outbox.js";
import { notices as m3 } from "../storage/migrations/0003-notices.js";
import { requests as m4 } from "../storage/migrations/0004-requests.js";
import { checkin as m5 } from "../storage/migrations/0005-checkin.js";
import { escalation as m6 } from "../storage/migrations/0006-escalation.js";
import { residents } from "../storage/migrations/0007-residents.js";
import type { Database } from "../storage/schema.js";
import { buttonData, Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "en" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "en" });
const OLD_LADY = u.makeUser(2001, { first_name: "Xiuying", language_code: "en" });
const STRANGER = u.makeUser(2002, { first_name: "Bo", username: "bo_li", language_code: "en" });
const OUTSIDER = u.makeUser(2003, { first_name: "Qiang", language_code: "en" });

const OLD_MIGRATIONS: Record<string, Migration> = {
  "0001_community": m1,
  "0002_outbox": m2,
  "0003_notices": m3,
  "0004_requests": m4,
  "0005_checkin": m5,
  "0006_escalation": m6,
};

const A_PHONE = "13912345678";
const B_PHONE = "13587654321";

async function registerWith(
  h: Harness,
  user: User,
  address: string,
  opts: { name: string; phone: string; members: number; flags: CareFlag[] },
): Promise<void> {
  await h.text(user, "/register");
  await h.text(user, address);
  await h.text(user, opts.name);
  await h.text(user, opts.phone);
  await h.text(user, String(opts.members));
  for (const flag of opts.flags) {
    await h.press(user, h.withButton(user, `reg:flag:${flag}`), `reg:flag:${flag}`);
  }
  await h.press(user, h.withButton(user, "reg:flags:done"), "reg:flags:done");
  await h.press(user, h.withButton(user, "reg:save"), "reg:save");
}

async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id], locale: "en" });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.text(WORKER, "/start");
  await h.text(ADMIN, "/start");
  await registerWith(h, OLD_LADY, "3-2-501", {
    name: "Granny Wang",
    phone: A_PHONE,
    members: 1,
    flags: ["lives_alone", "over_75"],
  });
  await h.drain();
  h.fake.clearCalls();
  return h;
}

describe("households", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("a second registrant never erases the first one's care needs, and the first one and the workers are told", async () => {
    h = await community();
    h.clock.set("2026-11-22T10:05:00+08:00");
    await registerWith(h, STRANGER, "3-2-501", {
      name: "Mr Bo",
      phone: B_PHONE,
      members: 2,
      flags: [],
    });
    expect(h.lastText(STRANGER)).toContain("Registered: 3-2-501");
    expect(h.lastText(STRANGER)).toContain("Someone else is already registered in this room");
    await h.drain();

    // A's own answers are untouched.
    await h.text(OLD_LADY, "/me");
    const me = h.lastText(OLD_LADY);
    expect(me).toContain("Care needs: Lives alone, Over 75");
    expect(me).toContain("People in the household: 1");
    expect(me).toContain("One other person is registered in this room");
    // B sees what B said, and the household combined.
    await h.text(STRANGER, "/me");
    expect(h.lastText(STRANGER)).toContain("Care needs: none");
    expect(h.lastText(STRANGER)).toContain(
      "All of you together: 2 people in the household; care needs: Lives alone, Over 75",
    );
    // The household, as everything else reads it: the largest size, every flag anyone ticked.
    const household = (await h.storage.households.ofPerson(OLD_LADY.id))?.household;
    expect(household).toMatchObject({ members: 2, flags: ["lives_alone", "over_75"] });

    // /coverage lists the room's needs.
    await h.text(WORKER, "/coverage");
    expect(h.lastText(WORKER)).toContain("Care needs: 501 (Lives alone, Over 75)");

    // A is told who registered and when; nothing more about B (no phone, no Telegram name).
    const told = h.fake.textsIn(OLD_LADY.id).filter((t) => t.includes("registered in your room"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Mr Bo registered in your room 3-2-501 on 2026-11-22 10:05");
    expect(told[0]).not.toContain(B_PHONE);
    expect(told[0]).not.toContain("bo_li");
    // The worker is told too, with the room's care needs; the admin (not a worker) is not.
    const staff = h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("🏠"));
    expect(staff).toHaveLength(1);
    expect(staff[0]).toContain("3-2-501: Mr Bo registered on 2026-11-22 10:05");
    expect(staff[0]).toContain("Already registered in this room: Granny Wang");
    expect(staff[0]).toContain("Care needs on record for this room: Lives alone, Over 75");
    expect(staff[0]).toContain("/residents 3-2-501");
    expect(staff[0]).not.toContain(B_PHONE);
    expect(staff[0]).not.toContain(A_PHONE);
    expect(h.fake.textsIn(ADMIN.id).filter((t) => t.startsWith("🏠"))).toHaveLength(0);

    // B registering again (same room) or A updating her details tells nobody again.
    h.fake.clearCalls();
    await registerWith(h, STRANGER, "3-2-501", {
      name: "Mr Bo",
      phone: B_PHONE,
      members: 1,
      flags: [],
    });
    await registerWith(h, OLD_LADY, "3-2-501", {
      name: "Granny Wang",
      phone: A_PHONE,
      members: 1,
      flags: ["lives_alone", "over_75", "chronic_medicine"],
    });
    await h.drain();
    expect(h.fake.textsIn(WORKER.id).filter((t) => t.startsWith("🏠"))).toHaveLength(1);
    expect(
      h.fake.textsIn(OLD_LADY.id).filter((t) => t.includes("registered in your")),
    ).toHaveLength(1);
    expect((await h.storage.households.ofPerson(STRANGER.id))?.household).toMatchObject({
      members: 1,
      flags: ["lives_alone", "over_75", "chronic_medicine"],
    });
  });

  it("a worker removes a wrong resident (audited); they are told and can't register back until allowed", async () => {
    h = await community();
    await registerWith(h, STRANGER, "3-2-501", {
      name: "Mr Bo",
      phone: B_PHONE,
      members: 3,
      flags: ["reduced_mobility"],
    });
    await h.drain();

    // Someone who isn't a worker can neither list nor remove.
    await h.text(STRANGER, "/residents 3-2-501");
    expect(h.lastText(STRANGER)).toContain("only an admin or a social worker");
    await h.text(WORKER, "/residents 3-2-501");
    const list = h.last(WORKER);
    expect(list.text).toContain("3-2-501: 2 registered");
    expect(list.text).toContain("1. Granny Wang");
    expect(list.text).toContain("says 1 people; care needs: Lives alone, Over 75");
    expect(list.text).toContain("2. Mr Bo");
    expect(list.text).not.toContain(A_PHONE);
    const household = (await h.storage.households.ofPerson(STRANGER.id))?.household;
    const hid = household?.id as number;
    const remove = `res:rm:${hid}:${STRANGER.id}`;
    expect(buttonData(list)).toContain(remove);
    await h.press(OUTSIDER, list, remove);
    expect(h.callbackAnswers().at(-1)).toContain("only an admin or a social worker");
    await h.press(OUTSIDER, list, `res:rmy:${hid}:${STRANGER.id}`);
    expect(await h.storage.households.ofPerson(STRANGER.id)).toBeDefined();

    // The worker asks, then confirms.
    await h.press(WORKER, list, remove);
    const confirm = h.last(WORKER);
    expect(confirm.text).toContain("Remove Mr Bo from 3-2-501?");
    await h.press(WORKER, confirm, `res:rmy:${hid}:${STRANGER.id}`);
    expect(h.last(WORKER).text).toBe("Removed Mr Bo from 3-2-501. They have been told.");
    await h.drain();
    expect(h.lastText(STRANGER)).toContain(
      "Community staff have removed your registration for room 3-2-501",
    );
    expect(await h.storage.households.ofPerson(STRANGER.id)).toBeUndefined();
    // The household is again what its remaining resident said.
    expect((await h.storage.households.ofPerson(OLD_LADY.id))?.household).toMatchObject({
      members: 1,
      flags: ["lives_alone", "over_75"],
    });
    const audit = await h.storage.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "outcome", "detail"])
      .where("action", "like", "household.%")
      .orderBy("id")
      .execute();
    expect(audit.filter((a) => a.outcome === "denied").length).toBeGreaterThanOrEqual(2);
    expect(audit.find((a) => a.action === "household.remove" && a.outcome === "ok")).toMatchObject({
      actor_id: WORKER.id,
      detail: JSON.stringify({ household: hid, person: STRANGER.id }),
    });
    // A second press on the old question changes nothing.
    await h.press(WORKER, confirm, `res:rmy:${hid}:${STRANGER.id}`);
    expect(
      (
        await h.storage.db
          .selectFrom("audit_log")
          .selectAll()
          .where("action", "=", "household.remove")
          .where("outcome", "=", "ok")
          .execute()
      ).length,
    ).toBe(1);

    // They can't just register back into the room.
    await h.text(STRANGER, "/register");
    await h.text(STRANGER, "3-2-501");
    expect(h.lastText(STRANGER)).toContain("you can't register in that room again yourself");
    await h.text(STRANGER, "/cancel");

    // Until a worker lets them.
    await h.text(WORKER, "/residents 3-2-501");
    const again = h.last(WORKER);
    expect(again.text).toContain("Removed by staff");
    expect(again.text).toContain("Mr Bo");
    await h.press(WORKER, again, `res:ok:${hid}:${STRANGER.id}`);
    expect(h.callbackAnswers().at(-1)).toBe("Mr Bo may register in 3-2-501 again.");
    await registerWith(h, STRANGER, "3-2-501", {
      name: "Mr Bo",
      phone: B_PHONE,
      members: 1,
      flags: [],
    });
    expect(await h.storage.households.ofPerson(STRANGER.id)).toBeDefined();
  });
});

describe("migration 0007", () => {
  it("gives each resident already registered what their household had", async () => {
    const db = new Kysely<Database>({ dialect: sqliteDialect(":memory:") });
    try {
      const before = { ...OLD_MIGRATIONS };
      const migrate = (migrations: Record<string, Migration>) =>
        new Migrator({
          db,
          provider: { getMigrations: async () => migrations },
        }).migrateToLatest();
      await migrate(before);
      const now = new Date().toISOString();
      const household = await db
        .insertInto("households")
        .values({
          building: "3",
          unit: "2",
          room: "501",
          members: 3,
          lives_alone: 0,
          over_75: 1,
          reduced_mobility: 0,
          chronic_medicine: 1,
          created_at: now,
          updated_at: now,
        } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("residents")
        .values({ person_id: 7, household_id: household.id, registered_at: now } as never)
        .execute();
      await migrate({ ...before, "0007_residents": residents });
      expect(await db.selectFrom("residents").selectAll().execute()).toEqual([
        {
          person_id: 7,
          household_id: household.id,
          registered_at: now,
          members: 3,
          lives_alone: 0,
          over_75: 1,
          reduced_mobility: 0,
          chronic_medicine: 1,
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
