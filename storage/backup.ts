/**
 * Backups of the database DATABASE_URL names, taken while the bot runs:
 *
 * - SQLite: SQLite's online backup API (better-sqlite3 `.backup`), page by
 *   page, consistent even while the bot writes. The result is an ordinary
 *   SQLite file: restore by stopping the bot and putting it in place of the
 *   database file (and removing the old `-wal` and `-shm` beside it).
 * - PostgreSQL: `pg_dump --format=custom` (one consistent snapshot; writers
 *   are not blocked). Restore with `pg_restore --clean --if-exists
 *   --no-owner -d <url> <file>` into a stopped bot's database, or into a new
 *   empty database. pg_dump must be installed, and not older than the server.
 * - PGlite is for tests and development: no backup.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { parseDatabaseUrl } from "./dialect.js";

export interface BackupResult {
  kind: "sqlite" | "postgres";
  file: string;
}

export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const target = parseDatabaseUrl(url);
  mkdirSync(dirname(file), { recursive: true });
  switch (target.kind) {
    case "sqlite": {
      if (target.path === ":memory:")
        throw new Error("an in-memory database has nothing to back up");
      const source = new SQLite(target.path, { fileMustExist: true });
      try {
        await source.backup(file);
      } finally {
        source.close();
      }
      return { kind: "sqlite", file };
    }
    case "postgres":
      await run("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, target.url]);
      return { kind: "postgres", file };
    case "pglite":
      throw new Error("pglite: databases are for tests and development and have no backup");
  }
}

/** Restores a pg_dump backup into the (empty or stopped bot's) database at `url`. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await run("pg_restore", ["--clean", "--if-exists", "--no-owner", `--dbname=${url}`, file]);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", (error) =>
      reject(
        new Error(`${command} could not be started (is it installed?): ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (status ${code}): ${stderr.trim()}`));
    });
  });
}
