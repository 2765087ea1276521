/**
 * The one-sender rule: of all the processes on one database, exactly one
 * sends the outbox (Telegram's flood limits are per bot token, so two senders
 * would each spend the whole budget).
 *
 * On a PostgreSQL server the sender holds a session-level advisory lock
 * (`pg_try_advisory_lock`) on a connection of its own, not one from the pool:
 * a pooled connection is handed to other queries and may be closed by the
 * pool, and the lock would go with it. The other processes are standbys: they
 * try the lock every `pollMs` (1 s) on their own connection. When the sender
 * dies, even by kill -9, its socket closes, the server frees the lock at once,
 * and a standby has it within one poll. The sender LISTENs on the
 * `linli_outbox` channel on the same connection; every enqueue NOTIFYs it on
 * commit (`notifySender` in outbox.ts), so a row written by any process is
 * heard at once, not at the next poll.
 *
 * If the sender's connection fails (the server restarted, the network was
 * cut), the lock is gone: `onLost` is called and the caller must stop sending
 * at once. A network cut is noticed by the heartbeat (a query every few
 * seconds) and TCP keepalive.
 *
 * SQLite is one process by design (one file, one writer): the lock is taken
 * at once. So is PGlite's (one session in this process; it is for tests).
 */
import type pg from "pg";
import type { DB } from "./database.js";
import { targetOf } from "./database.js";
import { loadPg } from "./dialect.js";
import { OUTBOX_CHANNEL } from "./outbox.js";

export { OUTBOX_CHANNEL };

export type SenderRole = "standby" | "sender" | "lost" | "released";

export interface SenderLock {
  /** Resolves when this process becomes the sender (at once on SQLite and PGlite). */
  readonly acquired: Promise<void>;
  /** Resolves after the first try at the lock: sender, or standby. */
  readonly firstTry: Promise<SenderRole>;
  role(): SenderRole;
  /** Gives the lock up (or stops waiting for it) and closes its connection. */
  release(): Promise<void>;
}

export interface SenderLockOptions {
  /** What the lock is named (its key is a hash of it); one per bot. Default "linli:sender". */
  name?: string;
  /** How often a standby tries the lock (default 1,000 ms). */
  pollMs?: number;
  /** How often the sender checks its connection is alive (default 2,000 ms). */
  heartbeatMs?: number;
  /** A NOTIFY arrived: rows were enqueued somewhere. */
  onNotify?: (lane: string) => void;
  /** The lock was lost (the connection failed): stop sending now. */
  onLost?: (error: unknown) => void;
  /** A standby's failed attempt (the server unreachable for a while), for the log. */
  onError?: (error: unknown) => void;
}

export function senderLock(db: DB, options: SenderLockOptions = {}): SenderLock {
  const target = targetOf(db);
  if (target?.kind !== "postgres") return singleProcessLock();
  return new AdvisorySenderLock(target.url, options);
}

function singleProcessLock(): SenderLock {
  let role: SenderRole = "sender";
  return {
    acquired: Promise.resolve(),
    firstTry: Promise.resolve(role),
    role: () => role,
    async release() {
      role = "released";
    },
  };
}

class AdvisorySenderLock implements SenderLock {
  readonly acquired: Promise<void>;
  readonly firstTry: Promise<SenderRole>;
  private tried: (role: SenderRole) => void = () => {};
  private state: SenderRole = "standby";
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private resolveAcquired: () => void = () => {};
  private readonly name: string;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly url: string,
    private readonly options: SenderLockOptions,
  ) {
    this.name = options.name ?? "linli:sender";
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.acquired = new Promise((resolve) => {
      this.resolveAcquired = resolve;
    });
    this.firstTry = new Promise((resolve) => {
      this.tried = resolve;
    });
    void this.attempt();
  }

  role(): SenderRole {
    return this.state;
  }

  async release(): Promise<void> {
    if (this.state === "released") return;
    this.state = "released";
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    // Closing the session frees the lock.
    if (client) await client.end().catch(() => {});
  }

  /** One try at the lock; a standby schedules the next. */
  private async attempt(): Promise<void> {
    if (this.state !== "standby") return;
    try {
      const client = this.client ?? (await this.connect());
      const result = await client.query<{ ok: boolean }>(
        "select pg_try_advisory_lock(hashtext($1)) as ok",
        [this.name],
      );
      if (this.state !== "standby") return;
      if (result.rows[0]?.ok) {
        await client.query(`listen ${OUTBOX_CHANNEL}`);
        this.state = "sender";
        this.resolveAcquired();
        this.schedule(() => this.heartbeat(), this.heartbeatMs);
        this.tried("sender");
        return;
      }
    } catch (error) {
      // A standby whose connection failed opens a new one at the next try.
      this.dropClient();
      this.options.onError?.(error);
    }
    this.tried(this.state);
    this.schedule(() => this.attempt(), this.pollMs);
  }

  private async heartbeat(): Promise<void> {
    if (this.state !== "sender") return;
    try {
      await this.client?.query("select 1");
      this.schedule(() => this.heartbeat(), this.heartbeatMs);
    } catch (error) {
      this.lose(error);
    }
  }

  private async connect(): Promise<pg.Client> {
    const driver = await loadPg();
    const client = new driver.Client({
      connectionString: this.url,
      application_name: "linli-sender",
      keepAlive: true,
    });
    client.on("error", (error) => {
      if (this.client !== client) return;
      if (this.state === "sender") this.lose(error);
      else this.dropClient();
    });
    client.on("end", () => {
      if (this.client === client && this.state === "sender") {
        this.lose(new Error("the sender's connection closed"));
      }
    });
    client.on("notification", (message) => {
      if (message.channel === OUTBOX_CHANNEL) this.options.onNotify?.(message.payload ?? "");
    });
    this.client = client;
    await client.connect();
    return client;
  }

  private lose(error: unknown): void {
    if (this.state !== "sender") return;
    this.state = "lost";
    if (this.timer) clearTimeout(this.timer);
    this.dropClient();
    this.options.onLost?.(error);
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    if (client) void client.end().catch(() => {});
  }

  private schedule(next: () => Promise<void>, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void next(), ms);
    this.timer.unref();
  }
}
