/**
 * Charts beside the texts: /ledger, /checkins and /report send a PNG photo
 * with a one-line caption after their text. What the fake received is
 * compared byte for byte with the chart the test draws itself from the
 * figures it expects (the renderer is deterministic), and that chart's SVG
 * is read for the series and labels people will see.
 */
import type { User } from "grammy/types";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChartSpec, closeChartRenderer, renderSpec, type Translate } from "../bot/chart.js";
import { createI18n } from "../bot/i18n.js";
import { checkinChart } from "../features/checkin/chart.js";
import { noticeChart } from "../features/notices/chart.js";
import { ledgerChart } from "../features/requests/chart.js";
import type { FakeMessage } from "../simulator/server.js";
import { Harness, u } from "./harness.js";
import { decodePng, pngSize } from "./png.js";

afterAll(() => closeChartRenderer());

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const COORD = u.makeUser(4001, { first_name: "Li", language_code: "en" });
const STAFF_GROUP = -1009000000009;
const residents = {
  a: u.makeUser(2001, { first_name: "A", language_code: "zh-hans" }),
  b: u.makeUser(2002, { first_name: "B", language_code: "zh-hans" }),
  c: u.makeUser(2003, { first_name: "C", language_code: "zh-hans" }),
};

const i18n = createI18n("zh-CN");
const tr =
  (locale: "zh-CN" | "en"): Translate =>
  (key, vars) =>
    i18n.t(locale, key, vars);

/** The text nodes of an SVG. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);

/** The photo the bot sent last to a chat: sendPhoto, a caption, a PNG that decodes. */
function lastPhoto(h: Harness, chat: number): FakeMessage & { png: Buffer } {
  const msg = h.fake.lastMessageIn(chat);
  expect(msg?.method).toBe("sendPhoto");
  const png = msg?.photo?.content as Buffer;
  const decoded = decodePng(png);
  expect(decoded.rgba.length).toBe(decoded.width * decoded.height * 4);
  return { ...(msg as FakeMessage), png };
}

/** The test's own drawing of the chart it expects, its SVG texts, and its PNG size. */
async function expected(spec: ChartSpec) {
  const chart = await renderSpec(spec);
  return { png: chart.png, texts: texts(chart.svg), size: pngSize(chart.png) };
}

async function community(): Promise<Harness> {
  const h = await Harness.start({ adminIds: [ADMIN.id] });
  await h.storage.roles.grant(WORKER.id, "worker", ADMIN.id);
  await h.storage.roles.grant(COORD.id, "coordinator", ADMIN.id);
  await h.text(ADMIN, "/layout\n3,1,101\n3,2,501\n4,1,101");
  await h.bindGroup(ADMIN, STAFF_GROUP, "staff");
  await h.register(residents.a, "3-2-501");
  await h.register(residents.b, "3-1-101");
  await h.register(residents.c, "4-1-101");
  await h.text(COORD, "/start");
  await h.text(WORKER, "/start");
  return h;
}

const file = (h: Harness, category: "medicine" | "repair" | "groceries", by: User, day: string) =>
  h.storage.requests.create({
    day,
    category,
    details: {},
    urgency: "later",
    householdId: null,
    address: null,
    personId: by.id,
    contactId: by.id,
    subjectName: null,
    subjectPhone: null,
    filedBy: by.id,
    filedAs: "self",
    noticeId: null,
    photos: [],
  });

describe("charts beside the texts", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await community();
  });
  afterEach(() => h.close());

  it("/ledger: the last 7 days by category and state, in private and in the staff group", async () => {
    h.clock.set("2026-11-19T10:00:00+08:00");
    await file(h, "groceries", residents.c, "2026-11-19");
    h.clock.set("2026-11-22T09:00:00+08:00");
    await file(h, "medicine", residents.a, "2026-11-22");
    await file(h, "repair", residents.b, "2026-11-22");
    // Filed before the 7 days: not in the chart.
    await file(h, "repair", residents.b, "2026-11-10");

    await h.text(COORD, "/ledger");
    const photo = lastPhoto(h, COORD.id);
    expect(photo.caption).toBe(
      "Requests of the last 7 days: by category, by the day filed, and the resolution rate",
    );
    // The text went first.
    const sent = h.fake.messagesIn(COORD.id);
    expect(sent.at(-2)?.text).toContain("Request ledger");

    const dates = [16, 17, 18, 19, 20, 21, 22].map((d) => `2026-11-${d}`);
    const want = await expected(
      ledgerChart(
        {
          dates,
          cells: [
            { date: "2026-11-19", category: "groceries", status: "new", count: 1 },
            { date: "2026-11-22", category: "medicine", status: "new", count: 1 },
            { date: "2026-11-22", category: "repair", status: "new", count: 1 },
          ],
        },
        tr("en"),
      ),
    );
    expect(pngSize(photo.png)).toEqual(want.size);
    expect(photo.png.equals(want.png)).toBe(true);
    expect(want.texts).toEqual(
      expect.arrayContaining([
        "Requests, last 7 days",
        "3 received, 0 done: 0% resolved",
        "Medicine (1)",
        "Repairs (1)",
        "Groceries (1)",
        "Waiting",
      ]),
    );

    // In the staff group the chart follows the ledger too (counts only: nothing private).
    await h.groupText(COORD, STAFF_GROUP, "/ledger");
    const inGroup = lastPhoto(h, STAFF_GROUP);
    expect(inGroup.png.equals(want.png)).toBe(true);
  });

  it("/checkins: completion per building today and the 7-day trend", async () => {
    const household = async (user: User) =>
      (await h.storage.checkins.householdOf(user.id))?.id as number;
    const reading = async (user: User, date: string) =>
      h.storage.checkins.record({
        householdId: await household(user),
        member: 1,
        date,
        celsius: 36.5,
        symptom: "fine",
        note: null,
        reportedBy: user.id,
        proxy: false,
      });
    await reading(residents.a, "2026-11-22");
    await reading(residents.a, "2026-11-21");
    await reading(residents.c, "2026-11-21");

    await h.text(WORKER, "/checkins");
    const photo = lastPhoto(h, WORKER.id);
    expect(photo.caption).toBe("今天各栋的打卡完成率，和近 7 天的走势");
    const want = await expected(
      checkinChart(
        {
          date: "2026-11-22",
          buildings: [
            { building: "3", households: 2, complete: 1, partial: 0 },
            { building: "4", households: 1, complete: 0, partial: 0 },
          ],
          trend: [
            { date: "2026-11-16", rate: 0 },
            { date: "2026-11-17", rate: 0 },
            { date: "2026-11-18", rate: 0 },
            { date: "2026-11-19", rate: 0 },
            { date: "2026-11-20", rate: 0 },
            { date: "2026-11-21", rate: 66 },
            { date: "2026-11-22", rate: 33 },
          ],
        },
        tr("zh-CN"),
      ),
    );
    expect(pngSize(photo.png)).toEqual(want.size);
    expect(photo.png.equals(want.png)).toBe(true);
    expect(want.texts).toEqual(
      expect.arrayContaining(["合计 3 户，报全 1 户（33%）", "3 栋", "4 栋", "近 7 天的完成率"]),
    );
  });

  it("/report: the notice's delivery per unit, after the live report", async () => {
    const choose = (data: string) => h.press(WORKER, h.withButton(WORKER, data), data);
    h.fake.userBlocked(residents.c.id);
    await h.text(WORKER, "/notice");
    await h.text(WORKER, "明天上午 9 点全员核酸");
    await h.text(WORKER, "all");
    await choose("nt:c:nomore");
    await choose("nt:c:normal");
    await choose("nt:c:now");
    await choose("nt:c:send");
    await h.drain();
    const notice = h.fake.messagesIn(residents.a.id).find((m) => m.text?.startsWith("【"));
    const ok = notice?.reply_markup.inline_keyboard[0][0].callback_data as string;
    await h.press(residents.a, notice as FakeMessage, ok);

    await h.text(WORKER, "/report");
    const photo = lastPhoto(h, WORKER.id);
    expect(photo.caption).toBe("通知 #1 各单元的送达和确认（2026-11-22 09:00）");
    expect(h.fake.messagesIn(WORKER.id).at(-2)?.text).toContain("#1");
    const want = await expected(
      noticeChart(
        {
          id: 1,
          units: [
            { label: "3-1", confirmed: 0, unconfirmed: 1, queued: 0, unreachable: 0 },
            { label: "3-2", confirmed: 1, unconfirmed: 0, queued: 0, unreachable: 0 },
            { label: "4-1", confirmed: 0, unconfirmed: 0, queued: 0, unreachable: 1 },
          ],
        },
        tr("zh-CN"),
      ),
    );
    expect(pngSize(photo.png)).toEqual(want.size);
    expect(photo.png.equals(want.png)).toBe(true);
    expect(want.texts).toEqual(
      expect.arrayContaining(["通知 #1 送达情况", "合计 3 人：已确认 1，无法送达 1", "3-2", "4-1"]),
    );
  });
});
