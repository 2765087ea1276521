/**
 * The real bot, started exactly as in production (`app/main.ts` in its own
 * process) with settings that point it at the simulated Telegram: only the
 * API root and the token differ from a real deployment, plus a database in a
 * temporary folder and the dashboard's local address.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../app/main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

export interface BotProcess {
  child: ChildProcess;
  /** Everything the bot wrote to stderr and stdout (its log lines), for a failure message. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts app/main.ts in `cwd` (an empty folder, so no developer's .env is read) with `env`. */
export function startBot(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
