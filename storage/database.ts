/**
 * Opens the database named by DATABASE_URL and applies migrations. Which
 * database a URL names, and how each is opened, is in dialect.ts; nothing
 * outside storage/ knows about better-sqlite3, pg or PGlite.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { type Dialect, Kysely } from "kysely";
import {
  createPGlite,
  type DatabaseTarget,
  parseDatabaseUrl,
  pgliteDialect,
  postgresDialect,
  sqliteDialect,
} from "./dialect.js";
import { migrateToLatest } from "./migrations.js";
import type { Database } from "./schema.js";

export { dialectOf, parseDatabaseUrl, sqlitePath } from "./dialect.js";

export type DB = Kysely<Database>;

/**
 * - `sqlite:./data/linli.sqlite`, `file:…`, a bare path or `:memory:`: SQLite
 *   (the file and its folder are created on first start);
 * - `postgres://user@host:5432/db` (or `postgresql://`): a PostgreSQL server;
 * - `pglite:` (in memory) or `pglite:<directory>`: PostgreSQL in this process
 *   (tests and development).
 */
export async function openDatabase(url: string): Promise<DB> {
  const target = parseDatabaseUrl(url);
  const db = await openTarget(target);
  targets.set(db, target);
  return db;
}

/** Which database each open DB is on (for what needs a connection of its own). */
const targets = new WeakMap<DB, DatabaseTarget>();

/** The database a DB was opened on; undefined for one opened otherwise (openPGlite). */
export function targetOf(db: DB): DatabaseTarget | undefined {
  return targets.get(db);
}

async function openTarget(target: DatabaseTarget): Promise<DB> {
  let dialect: Dialect;
  switch (target.kind) {
    case "sqlite":
      if (target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true });
      dialect = sqliteDialect(target.path);
      break;
    case "postgres":
      dialect = await postgresDialect(target.url);
      break;
    case "pglite":
      if (target.dataDir !== undefined) mkdirSync(target.dataDir, { recursive: true });
      dialect = await pgliteDialect(
        target.dataDir === undefined
          ? await createPGlite({ image: await migratedImage() })
          : await createPGlite({ dataDir: target.dataDir }),
      );
      break;
  }
  return migrated(new Kysely<Database>({ dialect }));
}

/**
 * A database on a PGlite instance the caller made (e.g. one loaded from a
 * migrated snapshot); the database owns it from now on and closes it.
 */
export async function openPGlite(pglite: PGlite): Promise<DB> {
  return migrated(new Kysely<Database>({ dialect: await pgliteDialect(pglite) }));
}

async function migrated(db: DB): Promise<DB> {
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

let image: Promise<Blob> | undefined;

/**
 * The data directory of a freshly migrated PGlite, made once per process, to
 * start each in-memory PGlite from: initdb and the migrations take seconds,
 * loading the image well under one (docs/postgres-notes.md has the figures).
 * Each database loaded from it is still its own.
 */
function migratedImage(): Promise<Blob> {
  image ??= (async () => {
    const pglite = await createPGlite();
    const db = await openPGlite(pglite);
    try {
      return await pglite.dumpDataDir("none");
    } finally {
      await db.destroy();
    }
  })();
  return image;
}
