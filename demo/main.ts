/**
 * `npm run demo`: Linli on a simulated Telegram, no token needed. Prints the
 * page's address; Ctrl+C stops the bot and deletes the demo's database.
 * DEMO_PORT chooses the page's port (default 8090; a free one if it is taken).
 */
import { z } from "zod";
import { startDemo } from "./demo.js";

const say = (line: string) => process.stdout.write(`${line}\n`);
const Port = z.coerce.number().int().min(0).max(65535).default(8090);

async function main(): Promise<void> {
  const port = Port.safeParse(process.env.DEMO_PORT || undefined);
  if (!port.success) {
    process.stderr.write("DEMO_PORT must be a port number, e.g. DEMO_PORT=9000 npm run demo\n");
    process.exit(1);
  }
  const wanted = port.data;
  say("Linli demo: starting the simulated Telegram, the bot and a seeded community…");
  const progress = (stage: string) => say(`  ${stage}`);
  // Ctrl+C while the community is being seeded stops the bot and deletes the data too.
  const starting = new AbortController();
  const interrupt = () => starting.abort();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const demo = await startDemo({ port: wanted, progress, signal: starting.signal }).catch(
    (err: unknown) => {
      if (starting.signal.aborted) {
        say("Stopped.");
        process.exit(0);
      }
      throw err;
    },
  );
  process.off("SIGINT", interrupt);
  process.off("SIGTERM", interrupt);
  say("");
  say(`  Open ${demo.url} in your browser.`);
  say("  Ctrl+C stops the demo (its data is deleted).");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say("Stopping the demo…");
    await demo.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  demo.bot.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`The bot stopped (status ${code}):\n${demo.bot.output()}\n`);
    void demo.stop().then(() => process.exit(1));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `The demo could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
