/** `npm run bench`: every benchmark, one figure per line, with the machine and the date. */
import { existsSync } from "node:fs";
import { machineLine } from "./machine.js";
import { benchRegistration } from "./registration-bench.js";

console.log(`# ${machineLine()}`);
for (const line of await benchRegistration()) console.log(line);
if (existsSync(new URL("./outbox-bench.ts", import.meta.url))) {
  const { benchOutbox } = await import("./outbox-bench.js");
  for (const line of await benchOutbox()) console.log(line);
}
