/**
 * Opens the database named by DATABASE_URL and applies migrations. The only
 * module that knows about better-sqlite3.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrations.js";
import type { Database } from "./schema.js";

export type DB = Kysely<Database>;

/** `sqlite:./data/linli.sqlite`, `file:...`, a bare path, or `:memory:`. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^(sqlite|file):(\/\/)?/, "");
  return path === "" ? ":memory:" : path;
}

export async function openDatabase(url: string): Promise<DB> {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as unknown as Kysely<unknown>);
  return db;
}
