/**
 * The import rule of the layout (docs/ARCHITECTURE.md), checked by
 * `npm run lint`. From the bottom up:
 *
 *   domain/    imports nothing of ours
 *   storage/   domain/
 *   outbox/    storage/, domain/
 *   bot/       storage/, domain/, outbox/ (never a feature)
 *   features/  bot/, domain/, storage/, outbox/, and another feature only
 *              through that feature's index.ts
 *   app/       everything (and sees each feature through its index.ts)
 *
 *   simulator/ the simulated Telegram (Bot API fake): domain/ at most; used by the
 *              tests, the benchmarks and the demo, never by the bot
 *   demo/      `npm run demo`: simulator/, bot/, domain/; starts app/main.ts as a
 *              process (never imports app/)
 *
 * Nothing imports app/ except the tests and the benchmarks. A broken rule is
 * reported with both files: "rule-name: from.ts → to.ts".
 */
const OURS = "^(app|bot|features|outbox|storage|domain|simulator|demo)/";

module.exports = {
  forbidden: [
    {
      name: "nothing-imports-app",
      comment: "app/ assembles everything; only tests and benchmarks may import it.",
      severity: "error",
      from: { pathNot: "^(app|test|bench)/" },
      to: { path: "^app/" },
    },
    {
      name: "domain-imports-nothing",
      comment: "domain/ is pure rules: no grammY, no SQL, nothing else of ours.",
      severity: "error",
      from: { path: "^domain/" },
      to: { path: OURS, pathNot: "^domain/" },
    },
    {
      name: "storage-imports-only-domain",
      comment: "storage/ may use the domain's types and rules, nothing above it.",
      severity: "error",
      from: { path: "^storage/" },
      to: { path: OURS, pathNot: "^(storage|domain)/" },
    },
    {
      name: "outbox-knows-no-feature",
      comment: "outbox/ is generic: storage/ and domain/ only; feature hooks are wired in app/.",
      severity: "error",
      from: { path: "^outbox/" },
      to: { path: OURS, pathNot: "^(outbox|storage|domain)/" },
    },
    {
      name: "bot-imports-no-feature",
      comment: "bot/ is the kernel every feature imports; it imports no feature.",
      severity: "error",
      from: { path: "^bot/" },
      to: { path: OURS, pathNot: "^(bot|outbox|storage|domain)/" },
    },
    {
      name: "feature-through-index",
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: "error",
      from: { path: "^features/([^/]+)/" },
      to: {
        path: "^features/[^/]+/",
        pathNot: ["^features/$1/", "^features/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "app-sees-features-through-index",
      comment: "app/ installs what a feature's index.ts offers, never its insides.",
      severity: "error",
      from: { path: "^app/" },
      to: { path: "^features/[^/]+/", pathNot: "^features/[^/]+/index\\.ts$" },
    },
    {
      name: "simulator-stands-alone",
      comment:
        "The simulated Telegram knows nothing of the bot (domain/ at most), like the real one.",
      severity: "error",
      from: { path: "^simulator/" },
      to: { path: OURS, pathNot: "^(simulator|domain)/" },
    },
    {
      name: "only-tests-and-demo-use-the-simulator",
      comment:
        "The bot runs against any Bot API; only tests, benchmarks and the demo start the simulator.",
      severity: "error",
      from: { path: OURS, pathNot: "^(simulator|demo)/" },
      to: { path: "^simulator/" },
    },
    {
      name: "demo-runs-the-bot-as-it-ships",
      comment:
        "The demo starts app/main.ts as a process; it uses simulator/, bot/ and domain/ only.",
      severity: "error",
      from: { path: "^demo/" },
      to: { path: OURS, pathNot: "^(demo|simulator|bot|domain)/" },
    },
    {
      name: "nothing-imports-the-demo",
      comment: "The demo is a program of its own; only its browser test looks into it.",
      severity: "error",
      from: { pathNot: "^(demo|test)/" },
      to: { path: "^demo/" },
    },
    {
      name: "no-test-code-in-the-bot",
      comment: "Production code never imports tests or benchmarks.",
      severity: "error",
      from: { path: OURS },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "no-circular",
      comment: "Import cycles make the load order matter; break them through index.ts or bot/.",
      severity: "error",
      from: { path: OURS },
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API that dependency-cruiser can use; swc parses the sources.
    parser: "swc",
    // Type-only imports count too: a type from another feature's insides is still a dependency.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
