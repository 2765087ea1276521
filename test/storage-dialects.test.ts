/**
 * The storage foundation on every database Linli runs on: SQLite (the
 * embedded default), PGlite (PostgreSQL in this process, so `npm test`
 * exercises the PostgreSQL dialect without a server) and, when
 * TEST_POSTGRES_URL is set, a real PostgreSQL server (a throwaway database
 * is created for the run and dropped after it).
 *
 * Telegram ids need more than 32 bits: supergroup ids look like
 * -1001234567890 and user ids go past 2^32. They must come back as the same
 * JS numbers they went in as.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../storage/clock.js";
import { type DB, openDatabase } from "../storage/database.js";
import {
  type DialectName,
  dialectOf,
  int64,
  lockForUpdate,
  parseDatabaseUrl,
  parseInt8,
  stringAgg,
} from "../storage/dialect.js";
import { groupsRepo } from "../storage/groups.js";
import { householdsRepo } from "../storage/households.js";
import { kvStorage } from "../storage/kv.js";
import { outboxRepo } from "../storage/outbox.js";
import { peopleRepo } from "../storage/people.js";
import { rolesRepo } from "../storage/roles.js";
import { volunteersRepositoryStories } from "./volunteers-storage.js";

const clock: Clock = { now: () => new Date("2026-11-22T01:00:00.000Z") };

/** A user id above 2^32, and a supergroup id (negative, more than 32 bits). */
const BIG_USER = 2 ** 32 + 123_456_789;
const OTHER_USER = 7_000_000_001;
const SUPERGROUP = -1001234567890;
const MIGRATED_SUPERGROUP = -1009876543210;

const MIGRATIONS = [
  "0001_community",
  "0002_outbox",
  "0003_notices",
  "0004_requests",
  "0005_checkin",
  "0006_escalation",
  "0007_residents",
  "0008_notice_expansions",
  "0009_limits",
  "0010_grid",
  "0011_care",
  "0012_volunteers",
  "0013_groupbuy",
  "0014_medicine_rounds",
  "0015_queues",
  "0016_handled_updates",
  "0018_volunteer_work",
];

const TABLES = [
  "audit_log",
  "buildings",
  "care_activity",
  "care_checks",
  "care_plans",
  "care_runs",
  "checkin_opt_in",
  "checkin_prompts",
  "checkin_readings",
  "checkin_runs",
  "checkin_settings",
  "duty_shifts",
  "duty_status",
  "escalation_events",
  "escalation_pages",
  "escalation_settings",
  "escalations",
  "grid_messages",
  "grid_relays",
  "grid_threads",
  "grid_units",
  "grid_workers",
  "groupbuy_items",
  "groupbuy_lines",
  "groupbuy_orders",
  "groupbuys",
  "groups",
  "handled_updates",
  "household_removals",
  "household_tags",
  "households",
  "invites",
  "kv",
  "medicine_items",
  "medicine_round_handlers",
  "medicine_rounds",
  "medicine_submissions",
  "notice_deliveries",
  "notice_expansions",
  "notice_versions",
  "notices",
  "outbox",
  "people",
  "queue_goods",
  "queue_tickets",
  "queues",
  "rate_limits",
  "request_daily_summaries",
  "request_events",
  "request_group_hints",
  "requests",
  "residents",
  "roles",
  "rooms",
  "volunteer_hours",
  "volunteer_profiles",
  "volunteer_shift_people",
  "volunteer_shifts",
  "volunteer_tasks",
  "volunteer_teams",
];

describe("database URLs", () => {
  it("names SQLite, a PostgreSQL server or PGlite", () => {
    expect(parseDatabaseUrl("sqlite:./data/linli.sqlite")).toEqual({
      kind: "sqlite",
      path: "./data/linli.sqlite",
    });
    expect(parseDatabaseUrl(":memory:")).toEqual({ kind: "sqlite", path: ":memory:" });
    expect(parseDatabaseUrl("file:///tmp/x.db")).toEqual({ kind: "sqlite", path: "/tmp/x.db" });
    expect(parseDatabaseUrl("data/linli.sqlite")).toEqual({
      kind: "sqlite",
      path: "data/linli.sqlite",
    });
    for (const url of ["postgres://linli@db:5432/linli", "postgresql://u:p@127.0.0.1/x?ssl=true"]) {
      expect(parseDatabaseUrl(url)).toEqual({ kind: "postgres", url });
    }
    expect(parseDatabaseUrl("pglite:")).toEqual({ kind: "pglite", dataDir: undefined });
    expect(parseDatabaseUrl("pglite::memory:")).toEqual({ kind: "pglite", dataDir: undefined });
    expect(parseDatabaseUrl("pglite:./data/pg")).toEqual({ kind: "pglite", dataDir: "./data/pg" });
  });

  it("reads a PostgreSQL bigint as a number, and as a BigInt only past 2^53", () => {
    expect(parseInt8("-1001234567890")).toBe(SUPERGROUP);
    expect(parseInt8(String(BIG_USER))).toBe(BIG_USER);
    expect(parseInt8("0")).toBe(0);
    expect(parseInt8("9007199254740993")).toBe(9007199254740993n);
  });
});

describe("in-memory PGlite (pglite:)", () => {
  it("each database starts migrated and empty, and is its own", async () => {
    const first = await openDatabase("pglite:");
    const second = await openDatabase("pglite:");
    try {
      await groupsRepo(first, clock).recordAdded(SUPERGROUP, "only in the first", null);
      expect((await groupsRepo(first, clock).get(SUPERGROUP))?.title).toBe("only in the first");
      expect(await groupsRepo(second, clock).get(SUPERGROUP)).toBeUndefined();
      const third = await openDatabase("pglite:");
      try {
        expect(await third.selectFrom("groups").selectAll().execute()).toEqual([]);
        const applied = await third
          .selectFrom("kysely_migration" as never)
          .select("name" as never)
          .execute();
        expect(applied).toHaveLength(MIGRATIONS.length);
      } finally {
        await third.destroy();
      }
    } finally {
      await first.destroy();
      await second.destroy();
    }
  }, 120_000); // three PGlite instances, each migrated from scratch: slow on a busy machine
});

interface Target {
  name: string;
  dialect: DialectName;
  /** The URL of a fresh, empty database. */
  setUp(): Promise<string>;
  tearDown(): Promise<void>;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "linli-dialects-"));
  scratch.push(dir);
  return dir;
}

const sqliteTarget: Target = {
  name: "SQLite",
  dialect: "sqlite",
  setUp: async () => `sqlite:${scratchDir()}/linli.sqlite`,
  tearDown: async () => {},
};

const pgliteTarget: Target = {
  name: "PGlite",
  dialect: "postgres",
  setUp: async () => `pglite:${scratchDir()}/pg`,
  tearDown: async () => {},
};

/** A database of its own on the server for this run, dropped afterwards. */
function postgresTarget(serverUrl: string): Target {
  const name = `linli_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = () => new pg.Client({ connectionString: serverUrl });
  return {
    name: "PostgreSQL",
    dialect: "postgres",
    async setUp() {
      const client = admin();
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async tearDown() {
      const client = admin();
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const targets = [
  sqliteTarget,
  pgliteTarget,
  ...(POSTGRES_URL ? [postgresTarget(POSTGRES_URL)] : []),
];

describe.skipIf(POSTGRES_URL)("without TEST_POSTGRES_URL", () => {
  it("runs SQLite and PGlite only (the PostgreSQL server tests need TEST_POSTGRES_URL)", () => {
    expect(targets.map((t) => t.name)).toEqual(["SQLite", "PGlite"]);
  });
});

describe.each(targets)("storage on $name", (target) => {
  let url: string;
  let db: DB;

  beforeAll(async () => {
    url = await target.setUp();
    db = await openDatabase(url);
  });
  afterAll(async () => {
    await db?.destroy();
    await target.tearDown();
  });

  it("speaks its own dialect", () => {
    expect(dialectOf(db)).toBe(target.dialect);
  });

  it("applies every migration and creates every table", async () => {
    const applied = await db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .orderBy("name" as never)
      .execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATIONS);
    const tables = (await db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith("kysely_"))
      .sort();
    expect(tables).toEqual(TABLES);
  });

  it.runIf(target.dialect === "postgres")(
    "makes every id column bigint and the temperature double precision",
    async () => {
      const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name not like 'kysely%'`.execute(db);
      const type = (table: string, column: string) =>
        columns.rows.find((c) => c.table_name === table && c.column_name === column)?.data_type;
      // A column holding a Telegram user, chat or message id, or one of our row ids.
      const holdsId = (column: string) =>
        /(^id$|_id$|_by$|^migrated_from$|^supersedes$)/.test(column);
      const ids = columns.rows.filter(
        (c) =>
          holdsId(c.column_name) &&
          // The one-row settings table keys on 1; ref_id is any feature's key, kept as text.
          c.table_name !== "checkin_settings" &&
          c.column_name !== "ref_id",
      );
      expect(ids.length).toBeGreaterThan(60);
      expect(ids.filter((c) => c.data_type !== "bigint")).toEqual([]);
      expect(type("people", "id")).toBe("bigint");
      expect(type("groups", "chat_id")).toBe("bigint");
      expect(type("groups", "welcome_message_id")).toBe("bigint");
      expect(type("outbox", "message_id")).toBe("bigint");
      expect(type("checkin_settings", "id")).toBe("integer");
      expect(type("outbox", "ref_id")).toBe("text");
      expect(type("checkin_readings", "celsius")).toBe("double precision");
      expect(type("outbox", "attempts")).toBe("integer");
    },
  );

  it.runIf(target.dialect === "sqlite")(
    "keeps exactly the schema existing SQLite databases already have",
    async () => {
      const rows = await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master
        where name not like 'sqlite_%' order by type, name`.execute(db);
      const dump = rows.rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? ""};\n`).join("\n");
      // Captured from the migrations as they were before PostgreSQL support
      // (tables added since are appended as their migrations land).
      expect(dump).toBe(
        readFileSync(new URL("fixtures/sqlite-schema.sql", import.meta.url), "utf8"),
      );
    },
  );

  it("round-trips a Telegram id above 2^32 and a negative supergroup id through people and groups", async () => {
    const people = peopleRepo(db, clock);
    const groups = groupsRepo(db, clock);
    const roles = rolesRepo(db, clock);
    const now = clock.now().toISOString();
    // people.touch (the usual way in) still uses SQLite's group_concat: see docs/postgres-notes.md.
    await db
      .insertInto("people")
      .values({
        id: BIG_USER,
        first_name: "Wang",
        username: "WangBig",
        display_name: null,
        phone: null,
        language: null,
        reachability: "reachable",
        created_at: now,
        updated_at: now,
        forgotten_at: null,
      })
      .execute();

    const person = await people.get(BIG_USER);
    expect(person?.id).toBe(BIG_USER);
    expect(typeof person?.id).toBe("number");
    expect((await people.findByUsername("@wangbig"))?.id).toBe(BIG_USER);
    await people.setLanguage(BIG_USER, "en");
    expect((await people.get(BIG_USER))?.language).toBe("en");

    await roles.grant(BIG_USER, "coordinator", OTHER_USER);
    expect(await roles.of(BIG_USER)).toEqual(["coordinator"]);
    expect(await roles.holders()).toContainEqual(
      expect.objectContaining({ personId: BIG_USER, role: "coordinator", username: "WangBig" }),
    );

    await groups.recordAdded(SUPERGROUP, "3栋住户群", BIG_USER);
    await groups.bind(SUPERGROUP, "building", "3");
    const welcome = 2 ** 31 + 17; // past a 32-bit integer
    await groups.setWelcome(SUPERGROUP, welcome);
    const group = await groups.get(SUPERGROUP);
    expect(group).toMatchObject({
      chatId: SUPERGROUP,
      addedBy: BIG_USER,
      kind: "building",
      building: "3",
      welcomeMessageId: welcome,
      active: true,
    });
    expect(typeof group?.chatId).toBe("number");

    expect(await groups.migrate(SUPERGROUP, MIGRATED_SUPERGROUP)).toBe(true);
    expect(await groups.get(SUPERGROUP)).toBeUndefined();
    expect(await groups.get(MIGRATED_SUPERGROUP)).toMatchObject({
      chatId: MIGRATED_SUPERGROUP,
      migratedFrom: SUPERGROUP,
      building: "3",
    });
    expect((await groups.active()).map((g) => g.chatId)).toContain(MIGRATED_SUPERGROUP);

    const households = householdsRepo(db, clock, outboxRepo(db, clock));
    const registered = await households.register({
      personId: BIG_USER,
      address: { building: "3", unit: "2", room: "501" },
      displayName: "王阿姨",
      phone: null,
      members: 2,
      flags: ["over_75"],
    });
    const household = registered.household;
    expect(registered.id).toBe(household.id);
    expect(typeof household.id).toBe("number");
    expect(household).toMatchObject({ members: 2, flags: ["over_75"] });
    const view = await households.ofPerson(BIG_USER);
    expect(view).toMatchObject({ displayName: "王阿姨", household: { id: household.id } });
  });

  it("queues outbox rows for a supergroup and claims them back with the same chat id", async () => {
    const outbox = outboxRepo(db, clock);
    const ids = await outbox.enqueue([
      { chatId: SUPERGROUP, lane: "normal", method: "sendMessage", payload: { text: "a" } },
      { chatId: BIG_USER, lane: "urgent", method: "sendMessage", payload: { text: "b" } },
    ]);
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    const claimed = (await outbox.claim(100)).filter((m) => ids.includes(m.id));
    expect(claimed.map((m) => [m.chatId, m.lane, m.payload])).toEqual([
      [BIG_USER, "urgent", { text: "b" }],
      [SUPERGROUP, "normal", { text: "a" }],
    ]);
    expect((await outbox.byChat(SUPERGROUP)).map((m) => m.status)).toEqual(["sending"]);
  });

  it("keeps grammY conversation state", async () => {
    const kv = kvStorage<{ step: string }>(db, clock, "conv:");
    const key = `${SUPERGROUP}/${BIG_USER}`;
    expect(await kv.read(key)).toBeUndefined();
    await kv.write(key, { version: 1, state: { step: "room" } } as never);
    await kv.write(key, { version: 1, state: { step: "name" } } as never);
    expect(await kv.read(key)).toEqual({ version: 1, state: { step: "name" } });
    await kv.delete(key);
    expect(await kv.read(key)).toBeUndefined();
  });

  it("stringAgg joins a group's values in one string", async () => {
    await roles().grant(OTHER_USER, "worker", null);
    await roles().grant(OTHER_USER, "volunteer", null);
    const row = await db
      .selectFrom("roles")
      .select(stringAgg(db, sql.ref("role")).as("roles"))
      .where("person_id", "=", OTHER_USER)
      .executeTakeFirstOrThrow();
    expect(row.roles?.split(",").sort()).toEqual(["volunteer", "worker"]);
    const none = await db
      .selectFrom("roles")
      .select(stringAgg(db, sql.ref("role")).as("roles"))
      .where("person_id", "=", 1)
      .executeTakeFirstOrThrow();
    expect(none.roles).toBeNull();
  });

  it("int64 types a parameter where the statement can't tell its type", async () => {
    const outbox = outboxRepo(db, clock);
    const [a, b] = await outbox.enqueue([
      { chatId: 11, lane: "bulk", method: "sendMessage", payload: {} },
      { chatId: 12, lane: "bulk", method: "sendMessage", payload: {} },
    ]);
    const messageId = 2 ** 31 + 5;
    const cases = (typed: boolean) =>
      sql.join(
        [
          sql`when ${a} then ${typed ? int64(db, messageId) : messageId}`,
          sql`when ${b} then ${typed ? int64(db, null) : null}`,
        ],
        sql` `,
      );
    const update = (typed: boolean) =>
      db
        .updateTable("outbox")
        .set({ message_id: sql<number | null>`case id ${cases(typed)} end` })
        .where("id", "in", [a as number, b as number])
        .execute();
    if (target.dialect === "postgres") {
      // What int64 is for: untyped, PostgreSQL makes the CASE text.
      await expect(update(false)).rejects.toThrow(/message_id.*bigint/);
    }
    await update(true);
    expect((await outbox.get(a as number))?.messageId).toBe(messageId);
    expect((await outbox.get(b as number))?.messageId).toBeNull();
  });

  it("lockForUpdate locks the rows on PostgreSQL and leaves SQLite's query as it was", async () => {
    const ids = await outboxRepo(db, clock).enqueue(
      [31, 32, 33].map((chatId) => ({
        chatId,
        lane: "bulk" as const,
        method: "sendMessage" as const,
        payload: {},
      })),
    );
    const claimable = (q: DB) =>
      lockForUpdate(q, q.selectFrom("outbox").select("id").where("id", "in", ids).orderBy("id"), {
        skipLocked: true,
      });
    const compiled = claimable(db).compile().sql;
    if (target.dialect === "postgres") expect(compiled).toMatch(/for update skip locked$/);
    else expect(compiled).not.toMatch(/for update/);
    const rows = await db.transaction().execute((trx) => claimable(trx).execute());
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it.runIf(target.name === "PostgreSQL")(
    "two transactions claiming with SKIP LOCKED take different rows",
    async () => {
      const ids = await outboxRepo(db, clock).enqueue(
        [41, 42].map((chatId) => ({
          chatId,
          lane: "bulk" as const,
          method: "sendMessage" as const,
          payload: {},
        })),
      );
      const claimOne = (q: DB) =>
        lockForUpdate(
          q,
          q.selectFrom("outbox").select("id").where("id", "in", ids).orderBy("id").limit(1),
          { skipLocked: true },
        ).execute();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let first: number[] = [];
      let claimed = () => {};
      const firstClaimed = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      // The first claimer keeps its transaction (and its row lock) open...
      const firstTransaction = db.transaction().execute(async (trx) => {
        first = (await claimOne(trx)).map((r) => r.id);
        claimed();
        await held;
      });
      await firstClaimed;
      // ...while a second one, on another connection of the pool, claims.
      const second = (await db.transaction().execute(claimOne)).map((r) => r.id);
      release();
      await firstTransaction;
      expect(first).toEqual([ids[0]]);
      expect(second).toEqual([ids[1]]);
    },
  );

  it.runIf(target.dialect === "postgres")(
    "reads bigint results as numbers, and past 2^53 as a BigInt rather than a rounded number",
    async () => {
      const { rows } = await sql<{ chat: unknown; count: unknown; huge: unknown }>`
        select cast(${String(SUPERGROUP)} as bigint) as chat,
               (select count(*) from (values (1), (2)) as v) as count,
               cast('9007199254740993' as bigint) as huge`.execute(db);
      expect(rows[0]).toEqual({ chat: SUPERGROUP, count: 2, huge: 9007199254740993n });
    },
  );

  it("closed and opened again, applies nothing new and keeps the data", async () => {
    const kv = kvStorage<string>(db, clock, "reopen:");
    await kv.write("k", { version: 1, state: "kept" } as never);
    // One process at a time on a PGlite directory: close before opening again.
    await db.destroy();
    db = await openDatabase(url);
    const applied = await db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await kvStorage<string>(db, clock, "reopen:").read("k")).toEqual({
      version: 1,
      state: "kept",
    });
  });

  function roles() {
    return rolesRepo(db, clock);
  }

  describe("the volunteers' ledger", () => volunteersRepositoryStories(() => db));
});
