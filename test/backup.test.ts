/**
 * `npm run backup -- <file>` while the database is open, then a restore as
 * the README says, and the data is there: SQLite always; PostgreSQL when
 * TEST_POSTGRES_URL is set and pg_dump is installed.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restorePostgres } from "../storage/backup.js";
import { openStorage, type Storage } from "../storage/index.js";
import { tempDir } from "./harness.js";
import { scratchPostgres } from "./postgres.js";

const BACKUP = fileURLToPath(new URL("../app/backup.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
const SERVER = process.env.TEST_POSTGRES_URL;
const HAS_PG_DUMP = spawnSync("pg_dump", ["--version"]).status === 0;
const clock = { now: () => new Date("2026-11-23T01:00:00.000Z") };
const GROUP = -1003000000003;

/** Runs the backup script as `npm run backup -- <file>` does, with this DATABASE_URL. */
function backup(
  url: string,
  file: string,
  cwd: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", TSX, BACKUP, file], {
      cwd,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("exit", (code) => resolve({ code, out }));
  });
}

async function seed(storage: Storage): Promise<number[]> {
  await storage.roles.grant(2 ** 32 + 7, "coordinator", 1001);
  await storage.groups.recordAdded(GROUP, "3 栋", 1001);
  await storage.groups.bind(GROUP, "building", "3");
  return storage.outbox.enqueue([
    { chatId: GROUP, lane: "normal", method: "sendMessage", payload: { text: "保留" } },
  ]);
}

async function expectSeeded(storage: Storage, ids: number[]): Promise<void> {
  expect(await storage.roles.of(2 ** 32 + 7)).toEqual(["coordinator"]);
  expect((await storage.groups.get(GROUP))?.building).toBe("3");
  expect((await storage.outbox.get(ids[0] as number))?.payload).toEqual({ text: "保留" });
  // Numbering goes on after the restored rows.
  const [next] = await storage.outbox.enqueue([
    { chatId: GROUP, lane: "bulk", method: "sendMessage", payload: {} },
  ]);
  expect(next).toBeGreaterThan(ids[0] as number);
}

describe("backups", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("SQLite: an online backup of the open database, restored by putting the file in place", async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const url = `sqlite:${dir}/data/linli.sqlite`;
    const live = await openStorage(url, clock);
    cleanups.push(() => live.close());
    const ids = await seed(live);

    const result = await backup(url, "backups/linli-backup.sqlite", dir);
    expect(result.out).toContain("written to");
    expect(result.code).toBe(0);
    // Written after the backup: not in it.
    await live.roles.grant(99, "volunteer", 1001);

    copyFileSync(`${dir}/backups/linli-backup.sqlite`, `${dir}/restored.sqlite`);
    const restored = await openStorage(`sqlite:${dir}/restored.sqlite`, clock);
    cleanups.push(() => restored.close());
    await expectSeeded(restored, ids);
    expect(await restored.roles.of(99)).toEqual([]);
  });

  it("a missing file name is explained", async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", TSX, BACKUP], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stderr.on("data", (d) => {
        out += d;
      });
      child.on("exit", (code) => resolve({ code, out }));
    });
    expect(result.code).toBe(2);
    expect(result.out).toContain("usage: npm run backup -- <file>");
  });

  it.runIf(SERVER && HAS_PG_DUMP)(
    "PostgreSQL: pg_dump of the live database, pg_restore into an empty one",
    async () => {
      const { dir, remove } = tempDir();
      cleanups.push(remove);
      const source = await scratchPostgres(SERVER as string, "backup");
      cleanups.push(() => source.drop());
      const live = await openStorage(source.url, clock);
      cleanups.push(() => live.close());
      const ids = await seed(live);

      const result = await backup(source.url, "linli.dump", dir);
      expect(result.out).toContain("PostgreSQL database written to");
      expect(result.code).toBe(0);

      const target = await scratchPostgres(SERVER as string, "restore");
      cleanups.push(() => target.drop());
      await restorePostgres(target.url, `${dir}/linli.dump`);
      const restored = await openStorage(target.url, clock);
      cleanups.push(() => restored.close());
      await expectSeeded(restored, ids);
    },
    60_000,
  );
});
