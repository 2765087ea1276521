/**
 * "Send it" latency (issue 11, benchmark 2): a worker composes a notice to
 * everyone through the real conversation (the real bot, the fake Telegram
 * over HTTP, SQLite on disk), presses "Send it", and we time the press to
 * the moment the fake receives "Notice #… is on its way". Sizes from
 * CONFIRM_BENCH_SIZES (default 1000,10000,100000).
 *
 * "Before" in the same run: the old confirm stored the notice, every
 * delivery and every outbox row in one transaction before answering
 * (`sendNotice`, kept for tests); it is timed on the same database, as the
 * lower bound of what that answer took.
 */
import { pathToFileURL } from "node:url";
import { sendNotice } from "../features/notices/service.js";
import { Harness, tempDir, u } from "../test/harness.js";
import { machineLine } from "./machine.js";
import { seedResidents } from "./notices-bench.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "en" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "en" });
const TEXT = "Water off tomorrow 8:00-12:00 in the whole community.";

async function confirmAt(residents: number): Promise<string> {
  const tmp = tempDir();
  const h = await Harness.start({
    adminIds: [ADMIN.id],
    databaseUrl: `${tmp.dir}/bench.sqlite`,
    locale: "en",
    // The drain is not measured here: keep it slow and out of the way.
    outbox: { ratePerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20, pollIntervalMs: 500 },
  });
  try {
    await seedResidents(h.storage, residents);
    await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
    h.clock.set(new Date("2026-11-22T10:00:00+08:00"));
    const choose = (data: string) => h.press(WORKER, h.withButton(WORKER, data), data);
    await h.text(WORKER, "/notice");
    await h.text(WORKER, TEXT);
    await h.text(WORKER, "all");
    await choose("nt:c:nomore");
    await choose("nt:c:normal");
    await choose("nt:c:now");
    // The worker reads the preview before pressing (its three messages used the chat's window).
    await new Promise((r) => setTimeout(r, 1500));
    const pressed = Date.now();
    await choose("nt:c:send");
    const answer = h.fake
      .callsTo("sendMessage")
      .find((c) => String(c.params.text ?? "").startsWith("Notice #1 is on its way"));
    const answeredMs = answer ? answer.at - pressed : Number.NaN;
    // The chunks written after the answer: all in, counted from the press.
    await h.deps.background.idle();
    const expandedMs = Date.now() - pressed;
    const deliveries = await h.storage.db
      .selectFrom("notice_deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();

    // Before: everything in one transaction, then the answer.
    const before = performance.now();
    await sendNotice(
      h.deps,
      {
        versions: [{ target: "all", text: TEXT, entities: null }],
        urgency: "normal",
        sendAt: null,
        supersedes: null,
      },
      WORKER.id,
      "linli_bench_bot",
    );
    const beforeMs = performance.now() - before;
    return `confirm at ${residents.toLocaleString("en")} residents: answered ${answeredMs} ms after the press (goal < 300 ms); ${Number(deliveries.n).toLocaleString("en")} deliveries all written ${expandedMs.toFixed(0)} ms after the press; before (one transaction, then the answer): ${beforeMs.toFixed(0)} ms`;
  } finally {
    await h.close();
    tmp.remove();
  }
}

export async function benchConfirm(): Promise<string[]> {
  const sizes = (process.env.CONFIRM_BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
  const lines: string[] = [];
  for (const size of sizes) lines.push(await confirmAt(size));
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchConfirm()) console.log(line);
}
