/**
 * Registration end to end: the real bot, the fake Telegram over HTTP, SQLite
 * on disk. Each registration is 7 updates (deep link, room, name, phone,
 * members, flags done, save). Prints updates per second, one chat at a time
 * and with many residents at once.
 */
import { pathToFileURL } from "node:url";
import { Harness, tempDir, u } from "../test/harness.js";
import { machineLine } from "./machine.js";

async function registerOne(h: Harness, id: number): Promise<number> {
  const user = u.makeUser(id, { first_name: `R${id}`, language_code: "zh-hans" });
  await h.text(user, "/start join_3");
  await h.text(user, `2-${100 + (id % 900)}`);
  await h.text(user, "王阿姨");
  await h.text(user, "跳过");
  await h.press(user, h.withButton(user, "reg:members:2"), "reg:members:2");
  await h.press(user, h.withButton(user, "reg:flags:done"), "reg:flags:done");
  await h.press(user, h.withButton(user, "reg:save"), "reg:save");
  return 7;
}

export async function benchRegistration(): Promise<string[]> {
  const tmp = tempDir();
  const h = await Harness.start({ databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  try {
    const lines: string[] = [];
    for (const parallel of [1, 50]) {
      const residents = 400;
      const started = performance.now();
      let updates = 0;
      let next = 0;
      const base = parallel * 1_000_000;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < residents) {
            const id = base + next++;
            const sent = await registerOne(h, id);
            updates += sent;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      lines.push(
        `registration: ${residents} residents, ${parallel} at once: ${Math.round(updates / seconds)} updates/s (${((seconds * 1000) / residents).toFixed(1)} ms per registration)`,
      );
    }
    const stored = await h.storage.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    lines.push(`registration: ${stored.n} residents stored (expected 800)`);
    return lines;
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchRegistration()) console.log(line);
}
