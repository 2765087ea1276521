/**
 * Notices at city scale: resolving a target over 100,000 residents, and
 * storing a notice for 100,000 recipients (notice, deliveries and outbox rows
 * in one transaction), SQLite on disk.
 */
import { pathToFileURL } from "node:url";
import pino from "pino";
import { Background } from "../bot/background.js";
import type { BotDeps } from "../bot/context.js";
import { createI18n } from "../bot/i18n.js";
import { planNotice } from "../domain/notice-plan.js";
import { parseTarget } from "../domain/notice-target.js";
import { sendNotice } from "../features/notices/service.js";
import { FakeTelegram } from "../simulator/server.js";
import { openDatabase } from "../storage/database.js";
import { createStorage } from "../storage/index.js";
import { TestClock, tempDir, testConfig } from "../test/harness.js";
import { machineLine } from "./machine.js";

const RESIDENTS = 100_000;

/** `count` residents (person ids 10,000,000 + n), one household each, in 200 buildings. */
export async function seedResidents(
  storage: ReturnType<typeof createStorage>,
  count = RESIDENTS,
): Promise<void> {
  const now = new Date().toISOString();
  const db = storage.db;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, count - i) }, (_, k) => i + k);
      await trx
        .insertInto("people")
        .values(
          batch.map((n) => ({
            id: 10_000_000 + n,
            first_name: null,
            username: null,
            display_name: `R${n}`,
            phone: null,
            language: null,
            reachability: "reachable" as const,
            created_at: now,
            updated_at: now,
            forgotten_at: null,
          })),
        )
        .execute();
      await trx
        .insertInto("households")
        .values(
          batch.map((n) => ({
            building: String(1 + (n % 200)),
            unit: String(1 + ((n >> 8) % 6)),
            room: String(100 + (n % 2000)) + String(n),
            members: 2,
            lives_alone: 0,
            over_75: n % 7 === 0 ? 1 : 0,
            reduced_mobility: 0,
            chronic_medicine: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
  // One resident per household, in id order.
  const ids = await db.selectFrom("households").select("id").orderBy("id").execute();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += 5000) {
      await trx
        .insertInto("residents")
        .values(
          ids.slice(i, i + 5000).map((h, k) => ({
            person_id: 10_000_000 + i + k,
            household_id: h.id,
            registered_at: now,
          })),
        )
        .execute();
    }
  });
}

export async function benchNotices(): Promise<string[]> {
  const tmp = tempDir();
  const fake = await FakeTelegram.start();
  const clock = new TestClock(Date.now());
  const config = testConfig(fake, { databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  const storage = createStorage(await openDatabase(config.databaseUrl), clock);
  try {
    await seedResidents(storage);
    const deps: BotDeps = {
      config,
      storage,
      clock,
      logger: pino({ level: "silent" }),
      outbox: { kick() {} },
      background: new Background(pino({ level: "silent" })),
      i18n: createI18n(config.defaultLocale),
      keys: [],
      conversations: [],
    };
    const lines: string[] = [];

    let t = performance.now();
    const audience = await storage.notices.audience();
    const loaded = performance.now() - t;
    const target = parseTarget("all except 3-2");
    if (!target.ok) throw new Error("target");
    t = performance.now();
    const planned = planNotice([target.target], audience);
    const resolved = performance.now() - t;
    lines.push(
      `notices: resolve "all except 3-2" over ${audience.length} residents: load ${loaded.toFixed(0)} ms + match ${resolved.toFixed(0)} ms (${planned.length} recipients)`,
    );

    t = performance.now();
    const { summary } = await sendNotice(
      deps,
      {
        versions: [
          { target: "all", text: "停水通知：明天 8:00-12:00 全小区停水。", entities: null },
        ],
        urgency: "normal",
        sendAt: null,
        supersedes: null,
      },
      1,
      "linli_bot",
    );
    const stored = performance.now() - t;
    const rows = await storage.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    lines.push(
      `notices: send to ${summary.recipients} residents (plan, render, one transaction for notice + deliveries + ${rows.n} outbox rows): ${stored.toFixed(0)} ms`,
    );
    return lines;
  } finally {
    await storage.close();
    await fake.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchNotices()) console.log(line);
}
