// Copies what the compiled bot reads at run time next to it in dist/, at the
// same relative paths as in the source tree: the translations, the chart
// worker (plain JavaScript, loaded by URL) and the dashboard's page files.
import { cpSync, rmSync } from "node:fs";

const copies = [
  ["locales", "dist/locales"],
  ["bot/chart-worker.mjs", "dist/bot/chart-worker.mjs"],
  ["features/dashboard/page", "dist/features/dashboard/page"],
];
rmSync("dist/locales", { recursive: true, force: true });
for (const [from, to] of copies) cpSync(from, to, { recursive: true });
