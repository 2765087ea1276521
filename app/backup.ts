/**
 * `npm run backup -- <file>`: a backup of the database DATABASE_URL names
 * (from the environment or .env, as the bot reads it), taken while the bot
 * runs. SQLite: an online backup (a SQLite file); PostgreSQL: pg_dump's
 * custom format. How to restore each is in the README.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { backupDatabase } from "../storage/backup.js";

const DEFAULT_URL = "sqlite:./data/linli.sqlite";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: npm run backup -- <file>\n");
    process.exit(2);
  }
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_URL;
  const started = Date.now();
  const result = await backupDatabase(url, resolve(file));
  process.stdout.write(
    `backup of the ${result.kind === "sqlite" ? "SQLite" : "PostgreSQL"} database written to ${result.file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((error) => {
  process.stderr.write(
    `backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
