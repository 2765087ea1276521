/**
 * Requests end to end: the real bot, the fake Telegram over HTTP, SQLite on
 * disk. Each resident files a medicine request through the whole intake:
 * /request, category, medicine, quantity, no photo, by when, urgency, send
 * (8 conversation steps). Prints steps per second with one resident at a
 * time and with 100 residents filing at once, while the outbox sends the
 * cards to the staff group and a coordinator.
 */
import { pathToFileURL } from "node:url";
import type { User } from "grammy/types";
import { Harness, tempDir, u } from "../test/harness.js";
import { machineLine } from "./machine.js";

const STEPS = 8;

async function fileOne(h: Harness, user: User): Promise<number> {
  const press = (data: string) => h.press(user, h.withButton(user, data), data);
  await h.text(user, "/request");
  await press("rqc:cat:medicine");
  await h.text(user, "硝苯地平缓释片");
  await h.text(user, "2 盒");
  await press("rqc:photos:none");
  await press("rqc:urg:today");
  await press("rqc:sum:send");
  return STEPS;
}

async function residents(h: Harness, base: number, count: number): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < count; i++) {
    const user = u.makeUser(base + i, { first_name: `R${i}`, language_code: "zh-hans" });
    await h.storage.people.touch(user, true);
    await h.storage.households.register({
      personId: user.id,
      address: { building: "3", unit: String(1 + (i % 6)), room: String(101 + i) },
      displayName: `住户${i}`,
      phone: "13800138000",
      members: 1,
      flags: [],
    });
    users.push(user);
  }
  return users;
}

export async function benchRequests(): Promise<string[]> {
  const tmp = tempDir();
  const h = await Harness.start({ databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  try {
    const coordinator = u.makeUser(900, { first_name: "值班", language_code: "zh-hans" });
    await h.storage.roles.grant(coordinator.id, "coordinator", null);
    await h.text(coordinator, "/start");
    const staff = -1009000000009;
    await h.send(u.myChatMember(u.groupChat(staff), coordinator, "left", "member", h.fake.botInfo));
    await h.storage.groups.bind(staff, "staff", null);

    const lines: string[] = [];
    for (const [parallel, count] of [
      [1, 50],
      [100, 100],
    ] as const) {
      const users = await residents(h, parallel * 1_000_000, count);
      const started = performance.now();
      const steps = await Promise.all(
        Array.from({ length: parallel }, async (_, lane) => {
          let done = 0;
          for (let i = lane; i < users.length; i += parallel)
            done += await fileOne(h, users[i] as User);
          return done;
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const total = steps.reduce((a, b) => a + b, 0);
      lines.push(
        `requests: ${count} residents, ${parallel} at once: ${Math.round(total / seconds)} conversation steps/s (${((seconds * 1000) / count).toFixed(1)} ms per request, ${STEPS} steps each)`,
      );
    }
    await h.drain();
    const stored = await h.storage.db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const numbers = await h.storage.db
      .selectFrom("requests")
      .select((eb) => eb.fn.count<number>("number").distinct().as("n"))
      .executeTakeFirstOrThrow();
    lines.push(
      `requests: ${stored.n} stored with ${numbers.n} distinct numbers (expected 150); ${h.fake.messagesIn(staff).length} cards in the staff group`,
    );
    return lines;
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchRequests()) console.log(line);
}
