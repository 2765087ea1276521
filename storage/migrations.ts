/**
 * Schema migrations, applied at start (and on every fresh test database).
 * Each migration is a file in migrations/; append new ones to the list, and
 * never change what one that has shipped does to a database that applied it.
 * One set serves SQLite and PostgreSQL: column types come from
 * `columnTypes(db)` (dialect.ts), which gives SQLite exactly the types it
 * always had (test/storage-dialects.test.ts compares the SQLite schema with
 * test/fixtures/sqlite-schema.sql).
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { community } from "./migrations/0001-community.js";
import { outbox } from "./migrations/0002-outbox.js";
import { notices } from "./migrations/0003-notices.js";
import { requests } from "./migrations/0004-requests.js";
import { checkin } from "./migrations/0005-checkin.js";
import { escalation } from "./migrations/0006-escalation.js";
import { residents } from "./migrations/0007-residents.js";
import { noticeExpansions } from "./migrations/0008-notice-expansions.js";
import { limits } from "./migrations/0009-limits.js";
import { grid } from "./migrations/0010-grid.js";
import { care } from "./migrations/0011-care.js";
import { volunteers } from "./migrations/0012-volunteers.js";
import { groupbuy } from "./migrations/0013-groupbuy.js";
import { medicineRounds } from "./migrations/0014-medicine-rounds.js";
import { queues } from "./migrations/0015-queues.js";
import { handledUpdates } from "./migrations/0016-handled-updates.js";
import { volunteerWork } from "./migrations/0018-volunteer-work.js";

const migrations: Record<string, Migration> = {
  "0001_community": community,
  "0002_outbox": outbox,
  "0003_notices": notices,
  "0004_requests": requests,
  "0005_checkin": checkin,
  "0006_escalation": escalation,
  "0007_residents": residents,
  "0008_notice_expansions": noticeExpansions,
  "0009_limits": limits,
  "0010_grid": grid,
  "0011_care": care,
  "0012_volunteers": volunteers,
  "0013_groupbuy": groupbuy,
  "0014_medicine_rounds": medicineRounds,
  "0015_queues": queues,
  "0016_handled_updates": handledUpdates,
  "0018_volunteer_work": volunteerWork,
};

class InlineProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // 0008 landed after 0009-0015 had shipped: a database that applied those
  // gets 0008 next instead of refusing to start.
  const migrator = new Migrator({
    db,
    provider: new InlineProvider(),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ""}`, {
      cause: error,
    });
  }
}
