/**
 * Health and metrics for whoever runs Linli, served beside the webhook (the
 * same port) or, in polling mode, on METRICS_PORT:
 *
 * - `/healthz`: the database answers, and this process is the sender or a
 *   standby. 200 with a small JSON body, or 503 saying what is wrong.
 * - `/metrics`: Prometheus text (prom-client): outbox depth per lane;
 *   messages sent, failed and dead, and 429s received, by this process's
 *   sender; how long updates take to handle; open escalations per kind;
 *   whether this process is the sender; and Node's own process metrics.
 *
 * Figures that live in the database (depth, open escalations) are read when
 * scraped, so every process reports the same ones; the counters are this
 * process's since it started (a standby's stay 0).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Dispatcher } from "../outbox/dispatcher.js";
import type { Storage } from "../storage/index.js";
import type { SenderRole } from "../storage/sender-lock.js";
import type { Route } from "./http.js";

export interface Observability {
  registry: Registry;
  /** Times one update; call the result when it is handled. */
  startUpdate(): () => void;
  routes(): Route[];
}

export interface ObservabilityParts {
  storage: Storage;
  dispatcher: Dispatcher;
  senderRole: () => SenderRole;
}

export function createObservability(parts: ObservabilityParts): Observability {
  const { storage, dispatcher } = parts;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "linli_" });

  new Gauge({
    name: "linli_outbox_depth",
    help: "Outbox rows waiting or being sent, per lane",
    labelNames: ["lane"] as const,
    registers: [registry],
    async collect() {
      const depth = await storage.outbox.depthByLane();
      for (const [lane, n] of Object.entries(depth)) this.set({ lane }, n);
    },
  });
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counter(
    "linli_outbox_sent_total",
    "Messages sent by this process",
    () => dispatcher.stats().sent,
  );
  counter(
    "linli_outbox_failed_total",
    "Messages failed for good by this process (blocked, chat gone, refused)",
    () => dispatcher.stats().failed,
  );
  counter(
    "linli_outbox_dead_total",
    "Messages given up after every retry, by this process",
    () => dispatcher.stats().dead,
  );
  counter(
    "linli_telegram_429_total",
    "Too Many Requests answers Telegram gave this process",
    () => dispatcher.stats().rateLimited,
  );
  new Gauge({
    name: "linli_escalations_open",
    help: "Urgent items whose ladder is still running, per kind",
    labelNames: ["kind"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const byKind = new Map<string, number>();
      for (const item of await storage.escalations.open()) {
        byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
      }
      this.set({ kind: "sos" }, 0);
      for (const [kind, n] of byKind) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: "linli_sender",
    help: "1 if this process holds the sender lock, 0 if it stands by",
    registers: [registry],
    collect() {
      this.set(parts.senderRole() === "sender" ? 1 : 0);
    },
  });
  const updates = new Histogram({
    name: "linli_update_duration_seconds",
    help: "Time to handle one Telegram update",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const healthz: Route = {
    path: "/healthz",
    async handler(_req, res) {
      const database = (await storage.ping()) ? "ok" : "unreachable";
      const sender = parts.senderRole();
      const ok = database === "ok" && (sender === "sender" || sender === "standby");
      res
        .writeHead(ok ? 200 : 503, { "content-type": "application/json" })
        .end(JSON.stringify({ ok, database, sender }));
    },
  };
  const metrics: Route = {
    path: "/metrics",
    async handler(_req, res) {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    },
  };

  return {
    registry,
    startUpdate: () => updates.startTimer(),
    routes: () => [healthz, metrics],
  };
}

/** Times every update the bot handles (webhook and polling both go through handleUpdate). */
export function timeUpdates(
  bot: { handleUpdate: (...args: never[]) => Promise<unknown> },
  observability: Observability,
): void {
  const handle = bot.handleUpdate.bind(bot) as (...args: unknown[]) => Promise<unknown>;
  (bot as { handleUpdate: (...args: unknown[]) => Promise<unknown> }).handleUpdate = async (
    ...args
  ) => {
    const done = observability.startUpdate();
    try {
      return await handle(...args);
    } finally {
      done();
    }
  };
}
