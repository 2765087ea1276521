/**
 * `npm run bench`: every benchmark in this folder (`*-bench.ts`, each exporting
 * an async `bench…()` that returns its figures), one figure per line, after a
 * line naming the machine and the date, and each figure carries them too. `npm run bench -- outbox` runs only
 * the files whose name contains "outbox".
 */
import { readdirSync } from "node:fs";
import { machineLine } from "./machine.js";

const only = process.argv[2];
const files = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith("-bench.ts") && (!only || f.includes(only)))
  .sort();

const machine = machineLine();
const today = new Date().toISOString().slice(0, 10);
console.log(`# ${machine}`);
for (const file of files) {
  const module = (await import(`./${file.replace(/\.ts$/, ".js")}`)) as Record<string, unknown>;
  const run = Object.entries(module).find(
    ([name, value]) => name.startsWith("bench") && typeof value === "function",
  );
  if (!run) continue;
  console.log(`## ${file}`);
  // Each figure on one line with the machine and the date (unless it says them already).
  for (const line of await (run[1] as () => Promise<string[]>)()) {
    console.log(line.includes(today) ? line : `${line} (${machine})`);
  }
}
