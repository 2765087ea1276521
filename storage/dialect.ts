/**
 * What differs between the databases Linli runs on, in one place:
 *
 * - which database a DATABASE_URL names, and the Kysely dialect that opens it:
 *   SQLite (better-sqlite3, the embedded default), PostgreSQL (`pg`, a pool),
 *   or PGlite (PostgreSQL compiled to WebAssembly, in-process: what `npm test`
 *   uses to exercise the PostgreSQL dialect without a server);
 * - the column types the migrations use;
 * - SQL functions that are spelled differently (`stringAgg`, `int64`).
 *
 * PGlite is reached through its own node-postgres adapter
 * (`@electric-sql/pglite/node-postgres`), so Kysely's PostgresDialect with a
 * `pg` pool is the one code path for both PostgreSQL servers and PGlite: same
 * driver, same type parsers, same errors. The pool has one client for PGlite
 * (a PGlite instance is a single session), which also serialises transactions
 * the way better-sqlite3's one connection does.
 */
import type { PGlite } from "@electric-sql/pglite";
import SQLite from "better-sqlite3";
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Dialect,
  type Expression,
  type Kysely,
  PostgresAdapter,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  type RawBuilder,
  type SelectQueryBuilder,
  SqliteDialect,
  sql,
} from "kysely";
import type pg from "pg";

export type DialectName = "sqlite" | "postgres";

/** The database a DATABASE_URL names. */
export type DatabaseTarget =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string }
  /** `dataDir` undefined: in memory, gone when closed. */
  | { kind: "pglite"; dataDir: string | undefined };

/**
 * - `postgres://…` or `postgresql://…`: a PostgreSQL server;
 * - `pglite:` (in memory) or `pglite:<directory>`: PGlite, in this process;
 * - anything else is SQLite: `sqlite:<path>`, `file:<path>`, a bare path or `:memory:`.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
  if (/^pglite:/i.test(url)) {
    const dir = url.replace(/^pglite:(\/\/)?/i, "");
    return { kind: "pglite", dataDir: dir === "" || dir === ":memory:" ? undefined : dir };
  }
  return { kind: "sqlite", path: sqlitePath(url) };
}

/** `sqlite:./data/linli.sqlite`, `file:...`, a bare path, or `:memory:`. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^(sqlite|file):(\/\/)?/, "");
  return path === "" ? ":memory:" : path;
}

/** A Kysely instance or transaction, of any schema. */
export type AnyDatabase = Pick<Kysely<unknown>, "getExecutor">;

/** Which SQL a database speaks; works on a transaction too. */
export function dialectOf(db: AnyDatabase): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// ------------------------------------------------------------------ opening

/** SQLite's page cache, in KiB. */
export const SQLITE_CACHE_KIB = 4096;

export function sqliteDialect(path: string): Dialect {
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // better-sqlite3 builds SQLite with a 16 MiB page cache per connection; the
  // bot's working set is small (recent outbox rows, indexes), and the
  // operating system caches the file anyway. 4 MiB keeps the process under
  // its memory goal (bench/README.md, "memory").
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  return new SqliteDialect({ database: sqlite });
}

/**
 * The `pg` driver, loaded only when a PostgreSQL database is opened: a bot on
 * SQLite doesn't carry it (about 5 MiB of memory).
 */
export async function loadPg(): Promise<typeof pg> {
  return (await import("pg")).default;
}

/** PostgreSQL's type id of int8 (BIGINT). */
const INT8 = 20;

/**
 * BIGINT (int8) values as JS numbers. `pg` returns them as strings by
 * default, because an int8 can exceed 2^53. Ours can't: Telegram promises
 * user and chat ids fit in 52 bits (supergroups are like -1001234567890),
 * and our row ids and counts are far below. A value that would lose
 * precision comes back as a BigInt, which fails loudly (in arithmetic with
 * numbers, in JSON) instead of silently naming another chat.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : (BigInt(text) as unknown as number);
}

/** pg's type parsers with int8 → number; per pool, so nothing global is changed. */
export function pgTypes(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8 && format !== "binary"
        ? parseInt8
        : driver.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
  };
}

export async function postgresDialect(url: string): Promise<Dialect> {
  const driver = await loadPg();
  const pool = new driver.Pool({
    connectionString: url,
    types: pgTypes(driver),
    application_name: "linli",
  });
  // An idle client's error (the server restarted, a connection was cut) is
  // emitted on the pool and would end the process as an unhandled 'error'.
  // The pool drops that client and the next query opens a new one; a query
  // running on it fails on its own.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}

/** Kysely's PostgresDriver over a pool on PGlite; closing the database closes PGlite too. */
class PGliteDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly pglite: PGlite,
  ) {
    super(config);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    if (!this.pglite.closed) await this.pglite.close();
  }
}

class PGliteDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly pglite: PGlite,
  ) {
    super(config);
  }

  override createDriver() {
    return new PGliteDriver(this.config, this.pglite);
  }
}

/**
 * A Kysely dialect on a PGlite instance, which the database then owns (closing
 * the database closes it). PGlite is a development dependency, loaded only here.
 */
export async function pgliteDialect(pglite: PGlite): Promise<Dialect> {
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const config = createPgConfig(pglite);
  const driver = await loadPg();
  const pool = new driver.Pool({
    // The adapter stands in for the socket: host, user and the rest are placeholders.
    ...config,
    connection: config.connection,
    types: pgTypes(driver),
    // One session: a second client would share it, and its transactions.
    max: 1,
    // Keep the one client: reconnecting buys nothing in-process.
    idleTimeoutMillis: 0,
  } as pg.PoolConfig);
  return new PGliteDialect({ pool }, pglite);
}

/**
 * A new PGlite: in memory, or in a directory (kept across restarts), or in
 * memory loaded from an image another one dumped (`dumpDataDir`).
 */
export async function createPGlite(
  where: { dataDir?: string; image?: Blob } = {},
): Promise<PGlite> {
  let module: typeof import("@electric-sql/pglite");
  try {
    module = await import("@electric-sql/pglite");
  } catch (cause) {
    throw new Error(
      "pglite: databases need the @electric-sql/pglite package (a development dependency): run npm install",
      { cause },
    );
  }
  return module.PGlite.create({ dataDir: where.dataDir, loadDataDir: where.image });
}

// ------------------------------------------------------------------ schema

/**
 * Column types for the migrations, so one set of migrations serves every
 * database and SQLite keeps exactly the schema it always had.
 */
export interface ColumnTypes {
  /**
   * Any id: a Telegram user, chat or message id, or a reference to one of our
   * rows. SQLite's integer is already 64-bit; PostgreSQL's is 32-bit, so it is
   * bigint there (a supergroup id like -1001234567890 needs more than 32 bits).
   */
  id: ColumnDataType;
  /** A small whole number or a 0/1 flag: integer on both. */
  int: ColumnDataType;
  /**
   * A floating-point number. SQLite's real is 8 bytes; PostgreSQL's real is
   * 4 (37.3 would be stored as 37.29999923…, and `>= 37.3` would be false),
   * so it is double precision there.
   */
  real: ColumnDataType;
  /**
   * Arguments for `addColumn(name, ...autoId)`: a primary key numbered by the
   * database. SQLite: `integer primary key autoincrement`; PostgreSQL:
   * `bigint generated by default as identity` (an explicit id may still be
   * inserted, as on SQLite).
   */
  autoId: readonly [ColumnDataType, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder];
}

export function columnTypes(db: AnyDatabase): ColumnTypes {
  if (dialectOf(db) === "postgres") {
    return {
      id: "bigint",
      int: "integer",
      real: "double precision",
      autoId: ["bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity()],
    };
  }
  return {
    id: "integer",
    int: "integer",
    real: "real",
    autoId: ["integer", (c) => c.primaryKey().autoIncrement()],
  };
}

// ------------------------------------------------------------- expressions

/**
 * The values of a group joined into one string with `separator`:
 * SQLite `group_concat(x, sep)`, PostgreSQL `string_agg(x, sep)` (which
 * needs text, so the value is cast). Order is unspecified on both.
 */
export function stringAgg(
  db: AnyDatabase,
  value: Expression<unknown>,
  separator = ",",
): RawBuilder<string | null> {
  return dialectOf(db) === "postgres"
    ? sql<string | null>`string_agg(cast(${value} as text), ${sql.lit(separator)})`
    : sql<string | null>`group_concat(${value}, ${sql.lit(separator)})`;
}

/**
 * A bound parameter typed as a 64-bit integer. PostgreSQL must know a
 * parameter's type where the context does not tell it: in `case id when $1
 * then $2 … end` the results default to text, and assigning that to a bigint
 * column fails. SQLite needs no cast.
 */
export function int64(db: AnyDatabase, value: number | null): RawBuilder<number | null> {
  return dialectOf(db) === "postgres"
    ? sql<number | null>`cast(${value} as bigint)`
    : sql<number | null>`${value}`;
}

/**
 * Locks the selected rows until the transaction ends (PostgreSQL `FOR
 * UPDATE`), so another transaction can't change them between this read and
 * the write that follows; with `skipLocked`, rows another transaction holds
 * are passed over instead of waited for (`FOR UPDATE SKIP LOCKED`: how two
 * claimers take different rows). SQLite has no row locks and needs none: one
 * connection runs one transaction at a time, so the query is left as it is.
 */
export function lockForUpdate<DB, TB extends keyof DB, O>(
  db: AnyDatabase,
  query: SelectQueryBuilder<DB, TB, O>,
  options: { skipLocked?: boolean } = {},
): SelectQueryBuilder<DB, TB, O> {
  if (dialectOf(db) !== "postgres") return query;
  const locked = query.forUpdate();
  return options.skipLocked ? locked.skipLocked() : locked;
}

/**
 * Serialises the transactions that take the same `key` until each ends
 * (PostgreSQL `pg_advisory_xact_lock(hashtext(key))`): for a read-then-write
 * no row lock can cover, such as "the next number of the day". SQLite runs
 * one transaction at a time already, so nothing is done there.
 */
export async function lockKeyForTransaction(trx: AnyDatabase, key: string): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx as Kysely<unknown>);
}
