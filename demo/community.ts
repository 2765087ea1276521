/**
 * The demo's neighbourhood: two buildings of two units (40 rooms), 37
 * residents, a worker, a coordinator, a volunteer and an admin, and building
 * 1's group. It is seeded the way people would build it, through the bot over
 * the simulated Telegram: the admin sends the layout, invites the staff and
 * binds the group; the residents register through the real conversation; a
 * few of them check in; the worker has sent one notice. Nothing is written to
 * the database behind the bot's back.
 */
import type { User } from "grammy/types";
import type { ConsolePerson } from "../simulator/console.js";
import type { FakeMessage, FakeTelegram } from "../simulator/server.js";
import { groupChat, makeUser, myChatMember } from "../simulator/updates.js";

export const BUILDINGS = ["1", "2"] as const;
const UNITS = ["1", "2"] as const;
const ROOMS = ["101", "102", "201", "202", "301", "302", "401", "402", "501", "502"] as const;

export const ADMIN = makeUser(100_001, { first_name: "管理员", language_code: "zh-hans" });
export const WORKER = makeUser(200_001, { first_name: "张社工", language_code: "zh-hans" });
export const COORDINATOR = makeUser(200_002, { first_name: "李值班", language_code: "zh-hans" });
export const VOLUNTEER = makeUser(200_003, { first_name: "赵志愿者", language_code: "zh-hans" });
/** The resident the visitor plays: not registered yet, so the tour starts with that. */
export const RESIDENT = makeUser(300_001, { first_name: "王阿姨", language_code: "zh-hans" });
export const RESIDENT_ROOM = "1-2-301";
/** The neighbour who speaks in building 1's group on the group's phone. */
export const NEIGHBOUR = makeUser(300_002, { first_name: "陈叔叔", language_code: "zh-hans" });
export const NEIGHBOUR_ROOM = "1-2-302";
export const GROUP_1 = -1_001_000_000_001;
export const GROUP_TITLE = "1 栋邻里群";

/** Rooms nobody registers, so the coverage grid has gaps to chase. */
const EMPTY_ROOMS = new Set([RESIDENT_ROOM, "2-1-502", "2-2-401"]);
const SURNAMES =
  "刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程";
const GIVEN = ["建国", "秀英", "桂兰", "志强", "丽华", "国庆", "玉梅", "海燕", "德明", "淑珍"];

export interface Resident {
  user: User;
  room: string;
}

/** Every room, building by building: "1-1-101", "1-1-102", ... */
export function allRooms(): string[] {
  return BUILDINGS.flatMap((b) => UNITS.flatMap((u) => ROOMS.map((r) => `${b}-${u}-${r}`)));
}

/** The residents the seed registers (the neighbour among them). */
export function seededResidents(): Resident[] {
  const rooms = allRooms().filter((r) => !EMPTY_ROOMS.has(r) && r !== NEIGHBOUR_ROOM);
  const residents = rooms.map((room, i) => ({
    user: makeUser(300_100 + i, {
      first_name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
      // A few speak English: the bot answers each in their own language.
      language_code: i % 9 === 4 ? "en" : "zh-hans",
    }),
    room,
  }));
  return [{ user: NEIGHBOUR, room: NEIGHBOUR_ROOM }, ...residents];
}

/** The people a page may speak as, with the groups they are in. */
export function consolePeople(): ConsolePerson[] {
  return [
    { user: RESIDENT, groups: [GROUP_1], phone: "13900139001" },
    { user: WORKER, groups: [] },
    { user: COORDINATOR, groups: [] },
    { user: VOLUNTEER, groups: [] },
    { user: NEIGHBOUR, groups: [GROUP_1] },
  ];
}

/** Waits for something the bot does; gives up with the reason after `ms`. */
async function until<T>(check: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`the demo's bot did not answer in time: ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const buttonData = (m: FakeMessage): string[] =>
  ((m.reply_markup?.inline_keyboard ?? []) as Array<Array<{ callback_data?: string }>>)
    .flat()
    .flatMap((b) => (b.callback_data ? [b.callback_data] : []));

/** A person talking to the bot in their private chat, waiting for its answers. */
class Speaker {
  constructor(
    private readonly fake: FakeTelegram,
    readonly user: User,
  ) {}

  private count = () => this.fake.messagesIn(this.user.id).length;

  /** A fingerprint of the chat: messages and edits. */
  private state = () =>
    this.fake
      .messagesIn(this.user.id)
      .map((m) => `${m.edits}${m.deleted ? "d" : ""}`)
      .join(",");

  /** Waits for the bot to answer, then for the chat to stay still a moment. */
  private async answered(before: string, what: string): Promise<void> {
    await until(() => (this.state() !== before ? true : undefined), `${this.user.id}: ${what}`);
    let last = this.state();
    for (;;) {
      await new Promise((r) => setTimeout(r, 120));
      const now = this.state();
      if (now === last) return;
      last = now;
    }
  }

  /** Says `text` and waits for the bot's answer; returns the first message of it. */
  async say(text: string): Promise<FakeMessage> {
    const before = this.count();
    const state = this.state();
    this.fake.say(this.user, text);
    await this.answered(state, text);
    return this.fake.messagesIn(this.user.id)[before] as FakeMessage;
  }

  /** The latest message in the chat. */
  last(): FakeMessage | undefined {
    return this.fake.messagesIn(this.user.id).at(-1);
  }

  /** Presses the button `data` (prefix `data` if it ends in ":") on the latest message offering it. */
  async press(data: string): Promise<void> {
    const match = (d: string) => (data.endsWith(":") ? d.startsWith(data) : d === data);
    const msg = await until(
      () =>
        [...this.fake.messagesIn(this.user.id)]
          .reverse()
          .find((m) => !m.deleted && buttonData(m).some(match)),
      `${this.user.id}: a button ${data}`,
    );
    const exact = buttonData(msg).find(match) as string;
    const state = this.state();
    this.fake.press(this.user, this.user.id, msg.message_id, exact);
    await this.answered(state, `after ${exact}`);
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Builds the community through the running bot. `progress` hears each stage. */
export async function seedCommunity(
  fake: FakeTelegram,
  progress: (stage: string) => void = () => {},
): Promise<void> {
  const admin = new Speaker(fake, ADMIN);
  progress("layout");
  const layout = allRooms()
    .map((r) => r.replaceAll("-", ","))
    .join("\n");
  await admin.say(`/layout\n${layout}`);

  progress("staff");
  for (const [user, role] of [
    [WORKER, "worker"],
    [COORDINATOR, "coordinator"],
    [VOLUNTEER, "volunteer"],
  ] as const) {
    const invite = await admin.say(`/invite ${role}`);
    const code = /start=(role_[\w-]+)/.exec(invite.text ?? "")?.[1];
    if (!code) throw new Error(`the bot gave no invite link for ${role}`);
    await new Speaker(fake, user).say(`/start ${code}`);
  }
  await new Speaker(fake, COORDINATOR).say("/duty on");

  progress("group");
  const group = groupChat(GROUP_1, GROUP_TITLE);
  const groupCount = () => fake.messagesIn(GROUP_1).length;
  const before = groupCount();
  fake.queueUpdate(myChatMember(group, ADMIN, "left", "member", botUser(fake)));
  await until(() => (groupCount() > before ? true : undefined), "the bot greeting the group");
  const beforeBind = groupCount();
  fake.say(ADMIN, "/bind 1", group);
  await until(() => (groupCount() > beforeBind ? true : undefined), "/bind 1");

  progress("residents");
  const residents = seededResidents();
  await inParallel(residents, 8, async ({ user, room }) => {
    const r = new Speaker(fake, user);
    await r.say("/register");
    await r.say(room);
    await r.say(user.first_name);
    await r.say(`1380013${String(user.id % 10_000).padStart(4, "0")}`);
    await r.say(String(1 + (user.id % 3)));
    await r.press("reg:flags:done");
    await r.press("reg:save");
  });

  progress("checkins");
  // About half the households report today (everyone in them), so the grid shows gaps.
  await inParallel(
    residents.filter((_, i) => i % 2 === 0),
    8,
    async ({ user }) => {
      const r = new Speaker(fake, user);
      const status = await r.say("/checkin");
      const members = buttonData(status).filter((d) => d.startsWith("ci:m:"));
      for (const [i, member] of (members.length > 0 ? members : [undefined]).entries()) {
        if (member) await r.press(member);
        await r.say(`36.${4 + ((user.id + i) % 4)}`);
        await r.press("ci:s:fine");
      }
    },
  );

  progress("notice");
  const worker = new Speaker(fake, WORKER);
  await worker.say("/notice");
  await worker.say(
    "明天上午 9 点到 11 点，2 栋在楼下空地做核酸检测，请带好身份证，排队时保持一米距离。",
  );
  await worker.say("2");
  await worker.press("nt:c:nomore");
  await worker.press("nt:c:normal");
  await worker.press("nt:c:now");
  await worker.press("nt:c:send");
}

function botUser(fake: FakeTelegram): User {
  const { id, first_name, username } = fake.botInfo;
  return { id, is_bot: true, first_name, username };
}
