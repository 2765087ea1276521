/** Storage: the repositories the bot and the jobs use. The only door to SQL. */
import { sql } from "kysely";
import { auditRepo } from "./audit.js";
import { careRepo } from "./care.js";
import { checkinsRepo } from "./checkins.js";
import type { Clock } from "./clock.js";
import { type DB, openDatabase } from "./database.js";
import { escalationsRepo } from "./escalations.js";
import { forgetRepo } from "./forget.js";
import { gridRepo } from "./grid.js";
import { groupbuysRepo } from "./groupbuys.js";
import { groupsRepo } from "./groups.js";
import { householdsRepo } from "./households.js";
import { invitesRepo } from "./invites.js";
import { jsonStore, kvRows, kvStorage, type PendingConversation } from "./kv.js";
import { layoutRepo } from "./layout.js";
import { limitsRepo } from "./limits.js";
import { noticesRepo } from "./notices.js";
import { outboxRepo } from "./outbox.js";
import { peopleRepo } from "./people.js";
import { queuesRepo } from "./queues.js";
import { requestsRepo } from "./requests.js";
import { rolesRepo } from "./roles.js";
import { roundsRepo } from "./rounds.js";
import { updatesRepo } from "./updates.js";
import { volunteersRepo } from "./volunteers.js";

export function createStorage(db: DB, clock: Clock) {
  const outbox = outboxRepo(db, clock);
  return {
    db,
    people: peopleRepo(db, clock),
    roles: rolesRepo(db, clock),
    invites: invitesRepo(db, clock),
    layout: layoutRepo(db, clock),
    households: householdsRepo(db, clock, outbox),
    groups: groupsRepo(db, clock),
    audit: auditRepo(db, clock),
    outbox,
    notices: noticesRepo(db, clock, outbox),
    requests: requestsRepo(db, clock, outbox),
    checkins: checkinsRepo(db, clock, outbox),
    escalations: escalationsRepo(db, clock, outbox),
    privacy: forgetRepo(db, clock),
    grid: gridRepo(db, clock, outbox),
    care: careRepo(db, clock, outbox),
    groupbuys: groupbuysRepo(db, clock, outbox),
    limits: limitsRepo(db, clock),
    volunteers: volunteersRepo(db, clock, outbox),
    rounds: roundsRepo(db, clock, outbox),
    queues: queuesRepo(db, clock, outbox),
    updates: updatesRepo(db, clock),
    conversationState: kvStorage<import("@grammyjs/conversations").ConversationData>(
      db,
      clock,
      "conv:",
    ),
    /** The same rows, for housekeeping (ending conversations nobody answers). */
    conversationRows: kvRows(db, clock, outbox, "conv:"),
    /** Per chat: a conversation waiting for "leave the open one?" to be answered. */
    pendingEntries: jsonStore<PendingConversation>(db, clock, "enter:"),
    pendingRows: kvRows(db, clock, outbox, "enter:"),
    /** The database answers (for /healthz); false if it fails or takes longer than `ms`. */
    ping: (ms = 2000) => ping(db, ms),
    close: () => db.destroy(),
  };
}

export type Storage = ReturnType<typeof createStorage>;

async function ping(db: DB, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openStorage(url: string, clock: Clock): Promise<Storage> {
  return createStorage(await openDatabase(url), clock);
}
