/**
 * A broadcast while people use the bot (issue 11, benchmark 1): the real bot
 * (Harness: the real createBot and outbox, SQLite on disk) sends a notice to
 * 5,000 residents at 30/s through the fake Telegram (flood limits on: 30/s,
 * 1/s per chat, 20/min per group; 50 ms latency). While it drains, 50
 * residents use the bot: /notices, "Got it" on the notice they received,
 * /help, and five of them send an SOS (/sos, paging the coordinator on duty
 * through the outbox's urgent lane). Reports the whole bot's send rate (broadcast plus replies) as a
 * ratio to 30/s, the 429s, reply latency p50/p99 (update in → handled), lost
 * and duplicate notices.
 *
 * Two modes in one run: "after" (one budget) and "before" (replies outside
 * the outbox's budget, the old way). INTERACTIVE_BENCH_RESIDENTS (default
 * 5000), INTERACTIVE_BENCH_USERS (default 50), INTERACTIVE_BENCH_MODES
 * (default "after,before").
 */
import { pathToFileURL } from "node:url";
import { countsAsMessage } from "../outbox/budget.js";
import { FakeTelegram } from "../simulator/server.js";
import { buttonData, Harness, tempDir, u } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";
import { seedResidents } from "./notices-bench.js";

const FIRST = 10_000_000; // seedResidents' first person id
const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "en" });
const COORD = u.makeUser(1002, { first_name: "Li", language_code: "en" });
const TEXT = "Nucleic acid testing tomorrow 7:00 at the west gate.";

async function run(mode: "after" | "before", residents: number, users: number): Promise<string> {
  const tmp = tempDir();
  const limits = { perChatPerSecond: 1, perGroupPerMinute: 20 };
  const fake = await FakeTelegram.start({
    latencyMs: 50,
    limits: { globalPerSecond: 30, ...limits },
  });
  const h = await Harness.start({
    fake,
    adminIds: [ADMIN.id],
    databaseUrl: `${tmp.dir}/bench.sqlite`,
    locale: "en",
    outbox: { ratePerSecond: 30, ...limits, pollIntervalMs: 500 },
    directOutsideBudget: mode === "before",
    // Counted, not fatal: the old way's replies meet 429s that auto-retry gives up on.
    updateErrors: "keep",
  });
  try {
    await seedResidents(h.storage, residents);
    for (let i = 0; i < residents; i++) fake.userStarted(FIRST + i);
    h.clock.set(new Date("2026-11-22T10:00:00+08:00"));
    await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
    await h.text(COORD, "/duty on");
    const { sendNotice } = await import("../features/notices/service.js");
    await sendNotice(
      h.deps,
      {
        versions: [{ target: "all", text: TEXT, entities: null }],
        urgency: "normal",
        sendAt: null,
        supersedes: null,
      },
      ADMIN.id,
      "linli_bench_bot",
    );
    const started = Date.now();
    h.outbox.kick();

    // The people using the bot: the first `users` residents, spread over the notice's order.
    const people = Array.from({ length: users }, (_, i) =>
      u.makeUser(FIRST + Math.floor((i * residents) / users), {
        first_name: `P${i}`,
        language_code: "en",
      }),
    );
    const latencies: number[] = [];
    let sos = 5;
    let draining = true;
    const act = async (person: ReturnType<typeof u.makeUser>, step: number) => {
      const got = fake.messagesIn(person.id).find((m) => buttonData(m)[0]?.startsWith("nt:ok"));
      const t = performance.now();
      if (step === 2 && sos > 0) {
        sos--;
        await h.send(u.privateText(person, "/sos The old man next door fell and can't get up"));
      } else if (step % 3 === 1 && got) {
        const data = buttonData(got)[0] as string;
        await h.send(u.callbackOn(person, person.id, got.message_id, data));
      } else {
        await h.send(u.privateText(person, step % 3 === 0 ? "/notices" : "/help"));
      }
      latencies.push(performance.now() - t);
    };
    const actors = people.map(async (person, i) => {
      // Each person acts every 2-4 s while the broadcast drains.
      await new Promise((r) => setTimeout(r, (i * 2000) / users));
      for (let step = 0; draining; step++) {
        await act(person, step);
        await new Promise((r) => setTimeout(r, 2000 + ((i * 37 + step * 91) % 2000)));
      }
    });
    // Until every resident has the notice (escalation steps stay scheduled for later).
    const isNotice = (markup: unknown) => JSON.stringify(markup ?? "").includes("nt:ok");
    const deadline = Date.now() + Number(process.env.INTERACTIVE_BENCH_TIMEOUT_MS ?? 30 * 60_000);
    while (Date.now() < deadline) {
      const c = await h.storage.outbox.counts();
      const noticed = fake.callsTo("sendMessage").filter((c) => isNotice(c.params.reply_markup));
      if (noticed.length >= residents && c.sending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    draining = false;
    await Promise.all(actors);
    const seconds = (Date.now() - started) / 1000;

    const sends = fake.calls.filter((c) => countsAsMessage(c.method) && c.at >= started);
    // The notice itself (its Got it button), not /notices listing it.
    const bulk = sends.filter((c) => isNotice(c.params.reply_markup));
    const first = Math.min(...bulk.map((c) => c.at));
    const last = Math.max(...bulk.map((c) => c.at));
    const inWindow = sends.filter((c) => c.at >= first && c.at <= last).length;
    const ratio = inWindow / ((last - first) / 1000) / 30;
    let lost = 0;
    let duplicates = 0;
    for (let i = 0; i < residents; i++) {
      const n = fake.messagesIn(FIRST + i).filter((m) => isNotice(m.reply_markup)).length;
      if (n === 0) lost++;
      else duplicates += n - 1;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return [
      `broadcast under load (${mode === "after" ? "one budget" : "before: replies outside the budget"}):`,
      `${residents.toLocaleString("en")} residents, ${users} people using the bot (${latencies.length} updates);`,
      `whole bot ${(inWindow / ((last - first) / 1000)).toFixed(2)} msg/s, ratio ${ratio.toFixed(3)} to 30/s (goal >= 0.95);`,
      `${fake.stats().rateLimited} 429s (goal 0); reply p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms;`,
      `${h.updateErrors.length} updates failed (goal 0); lost ${lost}, duplicates ${duplicates}; ${seconds.toFixed(0)} s in all`,
    ].join(" ");
  } finally {
    await h.close();
    tmp.remove();
  }
}

export async function benchInteractive(): Promise<string[]> {
  const residents = Number(process.env.INTERACTIVE_BENCH_RESIDENTS ?? 5000);
  const users = Number(process.env.INTERACTIVE_BENCH_USERS ?? 50);
  const modes = (process.env.INTERACTIVE_BENCH_MODES ?? "after,before").split(",") as Array<
    "after" | "before"
  >;
  const lines: string[] = [];
  for (const mode of modes) lines.push(await run(mode, residents, users));
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchInteractive()) console.log(line);
}
