/**
 * The simulator's console (simulator/console.ts), the HTTP + JSON interface a
 * page uses to watch chats and speak as people, against the real bot: what a
 * page says becomes an update the bot fetches with getUpdates, and the bot's
 * answers come back in the chat, in order. People can press only buttons that
 * are there, speak only in their own chats, and open a Mini App only where the
 * bot set one; its initData passes the bot's own check.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeServer } from "../app/http.js";
import { validateInitData } from "../bot/webapp-auth.js";
import { type ConsoleHandler, createConsole } from "../simulator/console.js";
import { Harness, u } from "./harness.js";

const ADMIN = u.makeUser(1001, { first_name: "Admin", language_code: "zh-hans" });
const WORKER = u.makeUser(3001, { first_name: "Zhang", language_code: "zh-hans" });
const RES = u.makeUser(2001, { first_name: "Wang", language_code: "zh-hans" });
const OTHER = u.makeUser(2002, { first_name: "Chen", language_code: "en" });
const GROUP = -1003000000003;
const WEB_APP_URL = "https://linli.example.org/dashboard/";

describe("the simulator's console", () => {
  let h: Harness;
  let sim: ConsoleHandler;
  let server: Server;
  let base: string;
  let offset = 0;

  beforeEach(async () => {
    h = await Harness.start({
      adminIds: [ADMIN.id],
      config: { webApp: { url: WEB_APP_URL, port: undefined, maxAgeSeconds: 3600 } },
    });
    offset = 0;
    sim = createConsole(h.fake, {
      people: [
        { user: RES, groups: [GROUP], phone: "13900139001" },
        { user: OTHER, groups: [] },
        { user: WORKER, groups: [] },
      ],
      groups: { [GROUP]: "3 栋" },
    });
    server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/sim\//, "");
      void sim(req, res, path);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sim/`;
  });
  afterEach(async () => {
    sim.close();
    await closeServer(server);
    await h.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const chat = async (id: number) => (await fetch(`${base}chats/${id}`)).json();

  /** What the bot would fetch with getUpdates, handed to it (the harness bot doesn't poll). */
  async function fetchUpdates(): Promise<Update[]> {
    const res = await fetch(`${h.fake.apiRoot}/bot${h.fake.token}/getUpdates?offset=${offset}`);
    const { result } = (await res.json()) as { result: Update[] };
    offset = (result.at(-1)?.update_id ?? offset - 1) + 1;
    return result;
  }
  async function deliver(): Promise<void> {
    for (const update of await fetchUpdates()) await h.send(update);
  }

  it("what a page says reaches the bot as an update; the chat shows both sides in order", async () => {
    expect((await post("say", { from: RES.id, text: "/register" })).status).toBe(200);
    await deliver();
    expect((await post("say", { from: RES.id, text: "3-2-501" })).status).toBe(200);
    await deliver();
    const view = await chat(RES.id);
    expect(view.title).toBe("Wang");
    expect(view.entries.map((e: { by: string }) => e.by)).toEqual([
      "person",
      "bot",
      "person",
      "bot",
    ]);
    expect(view.entries[0]).toMatchObject({ by: "person", text: "/register", fromId: RES.id });
    expect(view.entries[1].text).toBe(h.fake.textsIn(RES.id)[0]);
    expect(view.entries[3].messageId).toBe(2);
  });

  it("a button is pressed only where it is, by someone in that chat; bad requests are refused", async () => {
    await h.register(RES, "3-2-501");
    // The bot's question with the categories as buttons, in the resident's chat.
    await h.text(RES, "/request");
    const withButton = h.withButton(RES, "rqc:cat:medicine");
    const data = "rqc:cat:medicine";
    const press = { from: RES.id, chat: RES.id, message: withButton.message_id, data };
    expect((await post("press", press)).status).toBe(200);
    const [update] = await fetchUpdates();
    expect(update?.callback_query?.data).toBe(data);
    expect(update?.callback_query?.from.id).toBe(RES.id);
    expect(update?.callback_query?.message?.message_id).toBe(withButton.message_id);
    await h.send(update as Update);
    // The bot went on with the request in her chat.
    expect((await chat(RES.id)).entries.at(-1).by).toBe("bot");
    // Someone else can't press in her chat.
    expect((await post("press", { ...press, from: OTHER.id })).status).toBe(403);
    // A button that isn't on the message.
    const last = h.last(RES);
    const bogus = { from: RES.id, chat: RES.id, message: last.message_id, data: "rq:take:1" };
    expect((await post("press", bogus)).status).toBe(409);
    // Unknown people, other people's chats, groups they aren't in, bad bodies.
    expect((await post("say", { from: 999, text: "hi" })).status).toBe(403);
    expect((await post("say", { from: OTHER.id, chat: GROUP, text: "hi" })).status).toBe(403);
    expect((await post("say", { from: RES.id, text: "" })).status).toBe(400);
    expect((await post("say", "nope")).status).toBe(400);
    expect((await fetch(`${base}chats/4242`)).status).toBe(404);
    expect(await fetchUpdates()).toEqual([]);
  });

  it("speaks in a group the person is in, and shares their phone from a contact key", async () => {
    expect((await post("say", { from: RES.id, chat: GROUP, text: "大家好" })).status).toBe(200);
    expect((await post("contact", { from: RES.id })).status).toBe(200);
    expect((await post("contact", { from: OTHER.id })).status).toBe(403);
    const [inGroup, contact] = await fetchUpdates();
    expect(inGroup?.message?.chat).toMatchObject({ id: GROUP, type: "supergroup", title: "3 栋" });
    expect(inGroup?.message?.text).toBe("大家好");
    expect(contact?.message?.contact).toMatchObject({
      phone_number: "13900139001",
      user_id: RES.id,
    });
    const group = await chat(GROUP);
    expect(group.entries).toMatchObject([{ by: "person", from: "Wang", text: "大家好" }]);
  });

  it("tells a page what changed with server-sent events", async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}events`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await post("say", { from: RES.id, text: "/start" });
    let seen = "";
    while (!seen.includes("event: message")) {
      const { value } = await reader.read();
      seen += new TextDecoder().decode(value);
    }
    expect(seen).toContain(`"chatId":${RES.id}`);
    abort.abort();
  });

  it("opens the Mini App the bot put on a chat's menu button, signed so the bot accepts it", async () => {
    await h.text(ADMIN, "/invite worker");
    const link = /start=(\S+)/.exec(h.lastText(ADMIN))?.[1];
    await h.text(WORKER, `/start ${link}`);
    const view = await chat(WORKER.id);
    expect(view.menuButton).toEqual({ text: "工作台", url: WEB_APP_URL });

    const res = await post("webapp", { from: WORKER.id, chat: WORKER.id });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(`${WEB_APP_URL}#`)).toBe(true);
    const initData = new URLSearchParams(url.split("#")[1]).get("tgWebAppData");
    const check = validateInitData(initData, h.fake.token, {
      maxAgeSeconds: 3600,
      now: new Date(),
    });
    expect(check.ok && check.user.id).toBe(WORKER.id);
    // Signed with another token, the bot would refuse it.
    expect(
      validateInitData(initData, "999:OTHER", { maxAgeSeconds: 3600, now: new Date() }),
    ).toEqual({ ok: false, reason: "forged" });
    // No menu button in the resident's chat: nothing to open.
    expect((await post("webapp", { from: RES.id, chat: RES.id })).status).toBe(403);
  });
});
