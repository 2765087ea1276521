/**
 * The real entry point (app/main.ts) as a child process, for the tests that
 * run several of them: start with exactly the given environment, read its
 * JSON log lines, wait for one, kill it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../app/main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

export interface MainProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Parsed log lines with this message. */
  logged(msg: string): Array<Record<string, unknown>>;
  exit: Promise<number | null>;
}

/** Starts `app/main.ts` in `cwd` (an empty folder, so no developer's .env is read). */
export function startMain(env: Record<string, string>, cwd: string): MainProcess {
  const child = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logged: (msg) =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === msg),
    exit,
  };
}

export async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
