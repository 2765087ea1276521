/**
 * A group buy in the Wuhan community: 2,546 households (every fifth with a
 * second resident), all ordering in the last 10 minutes before the deadline.
 * Each household presses + a few times on the order card and then Done,
 * through the real bot against the fake Telegram (the card is edited after
 * each press); in the two-resident households both residents press the same
 * item at the same moment. Prints presses and orders accepted per second
 * (against the 4.2 orders/s that 2,546 households in 10 minutes need), the
 * press latency, then checks every household's stored order against the
 * presses made: no lost and no double order. Finally the deadline closes the
 * buy (the supplier's totals and 3,000 final orders in one transaction).
 *
 * SQLite on disk. `GROUPBUY_BENCH_HOUSEHOLDS=100` runs a small one;
 * `GROUPBUY_BENCH_CONCURRENCY` sets how many households order at once (32).
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { User } from "grammy/types";
import { reconcile } from "../domain/groupbuy.js";
import { formatFen } from "../domain/money.js";
import { closeBuy, openBuy } from "../features/groupbuy/service.js";
import { Harness, tempDir, u } from "../test/harness.js";
import { machineLine, percentile } from "./machine.js";

const HOUSEHOLDS = Number(process.env.GROUPBUY_BENCH_HOUSEHOLDS ?? 2_546);
const CONCURRENCY = Number(process.env.GROUPBUY_BENCH_CONCURRENCY ?? 32);
const WINDOW_S = 600;

/** The items, in id order: 白菜 (no limit), 猪肉 (2 per household), 鸡蛋 (1 per household). */
const ITEMS = [
  { id: 1, name: "白菜", priceFen: 350, limit: null },
  { id: 2, name: "猪肉", priceFen: 2500, limit: 2 },
  { id: 3, name: "鸡蛋", priceFen: 1280, limit: 1 },
] as const;

/** A small seeded generator: the same presses on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Household {
  id: number;
  residents: Array<{ user: User; card: number }>;
  /** The + presses each resident makes, item ids in order. */
  presses: number[][];
}

export async function benchGroupbuy(): Promise<string[]> {
  const tmp = tempDir();
  const h = await Harness.start({ databaseUrl: `sqlite:${tmp.dir}/bench.sqlite` });
  try {
    const { storage } = h;
    h.clock.set("2026-11-22T17:50:00+08:00");
    await storage.roles.grant(1, "worker", null);

    // 2,546 households in 31 buildings × 4 units × 21 rooms; every fifth has a second resident.
    const households: Household[] = [];
    const next = random(2546);
    let people = 0;
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const address = {
        building: String(1 + Math.floor(i / 84)),
        unit: String(1 + Math.floor((i % 84) / 21)),
        room: String(101 + (i % 21)),
      };
      const count = i % 5 === 0 ? 2 : 1;
      let householdId = 0;
      const residents: Household["residents"] = [];
      for (let r = 0; r < count; r++) {
        const user = u.makeUser(10_000_000 + people++, {
          first_name: `R${i}`,
          language_code: "zh-hans",
        });
        await storage.people.touch(user, true);
        h.fake.userStarted(user.id);
        householdId = (
          await storage.households.register({
            personId: user.id,
            address,
            displayName: `R${i}`,
            phone: null,
            members: count,
            flags: [],
          })
        ).id;
        residents.push({ user, card: 0 });
      }
      // Each resident presses + 1 to 4 times on random items (some over a limit, refused).
      const presses = residents.map(() =>
        Array.from({ length: 1 + Math.floor(next() * 4) }, () => 1 + Math.floor(next() * 3)),
      );
      households.push({ id: householdId, residents, presses });
    }

    // Open the buy (deadline in 10 minutes) and deliver the cards through the outbox.
    const opened = await openBuy(
      h.deps,
      {
        kind: "buy",
        title: "平价蔬菜包",
        items: ITEMS.map(({ name, priceFen, limit }) => ({ name, priceFen, limit })),
        target: "all",
        deadline: "2026-11-22T10:00:00.000Z",
        delivery: "door",
        pickup: null,
      },
      1,
      "linli_bot",
    );
    let t = performance.now();
    await h.drain();
    const announceMs = performance.now() - t;
    for (const hh of households) {
      for (const r of hh.residents) {
        const card = h.fake.messagesIn(r.user.id).find((m) => m.text?.includes("🛒 团购"));
        if (!card) throw new Error(`no card for ${r.user.id}`);
        r.card = card.message_id;
      }
    }

    // Everyone orders at once, CONCURRENCY households at a time.
    const latencies: number[] = [];
    let presses = 0;
    const press = async (user: User, card: number, data: string) => {
      const started = performance.now();
      await h.send(u.callbackOn(user, user.id, card, data));
      latencies.push(performance.now() - started);
      presses++;
    };
    const order = async (hh: Household) => {
      const longest = Math.max(...hh.presses.map((p) => p.length));
      for (let k = 0; k < longest; k++) {
        // The residents of one room press at the same moment.
        await Promise.all(
          hh.residents.map((r, i) => {
            const item = hh.presses[i]?.[k];
            return item === undefined
              ? undefined
              : press(r.user, r.card, `gb:q:${opened.id}:${item}:1`);
          }),
        );
      }
      const first = hh.residents[0] as Household["residents"][number];
      await press(first.user, first.card, `gb:ok:${opened.id}`);
    };
    const queue = [...households];
    t = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let hh = queue.shift(); hh; hh = queue.shift()) await order(hh);
      }),
    );
    const orderSeconds = (performance.now() - t) / 1000;

    // Every household's stored order against the presses it made.
    let lost = 0;
    let double = 0;
    let expectedFen = 0;
    const stored = new Map(
      (await storage.groupbuys.orders(opened.id)).map((o) => [o.householdId, o]),
    );
    for (const hh of households) {
      const o = stored.get(hh.id);
      for (const item of ITEMS) {
        const pressed = hh.presses.flat().filter((i) => i === item.id).length;
        const expected = Math.min(pressed, item.limit ?? 99);
        expectedFen += expected * item.priceFen;
        const got = o?.lines.find((l) => l.itemId === item.id)?.qty ?? 0;
        if (got < expected) lost += expected - got;
        if (got > expected) double += got - expected;
      }
    }

    h.clock.set("2026-11-22T18:00:00+08:00");
    t = performance.now();
    await closeBuy(h.deps, opened.id);
    const closeMs = performance.now() - t;
    const rows = await storage.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ref_type", "=", "groupbuy")
      .executeTakeFirstOrThrow();
    // Besides the announcements: the summary to the worker and the final orders.
    const finals = { n: Number(rows.n) - opened.counts.recipients - 1 };
    const rec = reconcile(
      await storage.groupbuys.items(opened.id),
      await storage.groupbuys.orders(opened.id),
    );

    latencies.sort((a, b) => a - b);
    const n = (x: number) => x.toLocaleString("en");
    return [
      `groupbuy: ${n(HOUSEHOLDS)} households (${n(people)} residents) ordering at once (${CONCURRENCY} households in flight, the two residents of a room pressing together): ${n(presses)} presses in ${orderSeconds.toFixed(1)} s = ${(presses / orderSeconds).toFixed(0)} presses/s, ${(HOUSEHOLDS / orderSeconds).toFixed(1)} orders/s (the last 10 minutes need ${(HOUSEHOLDS / WINDOW_S).toFixed(1)} orders/s)`,
      `groupbuy: press → card edited: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      `groupbuy: stored orders against presses made: ${lost} lost, ${double} double; ordered ${formatFen(rec.fen.ordered)} (expected ${formatFen(expectedFen)}), accounts ${rec.balanced ? "balanced" : "NOT balanced"}`,
      `groupbuy: announcing to ${n(opened.counts.recipients)} residents through the outbox (fake at test speed): ${(announceMs / 1000).toFixed(1)} s; closing (supplier's totals + ${n(finals.n)} final orders in one transaction): ${closeMs.toFixed(0)} ms`,
    ];
  } finally {
    await h.close();
    tmp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(machineLine());
  for (const line of await benchGroupbuy()) console.log(line);
}
