/**
 * The simulator's console: an HTTP + JSON interface (with server-sent events)
 * through which a page watches chats and speaks as the people in them. It
 * drives the bot only as Telegram would (updates for getUpdates), so the bot
 * can't tell a page from people on real phones.
 *
 * Mounted under a prefix by whoever serves the page (the demo mounts it at
 * /sim/); `path` is what follows the prefix:
 *
 *   GET  chats/<id>     { id, title, entries, keyboard, menuButton } for a chat
 *   GET  file/<chat>/<message>   the photo (or document) of a bot's message
 *   GET  events         server-sent events: `message` {chatId} when a chat changed (a message sent, edited or deleted, or a person spoke),
 *                       `toast` {userId, text, alert} when the bot answered a button
 *                       press, `menu` {chatId} when a menu button changed
 *   POST say            {from, chat?, text}: a person writes (chat: a group id;
 *                       their private chat without it)
 *   POST contact        {from}: a person shares their phone number (a contact button)
 *   POST press          {from, chat, message, data}: a person presses an inline button
 *   POST webapp         {from, chat}: a person opens the chat's Web App menu button;
 *                       answers {url}, the page's address with signed initData
 *
 * `from` must be one of the people the console was given (a page can't invent
 * users), and `chat` a chat they are in.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { User } from "grammy/types";
import { z } from "zod";
import type { FakeMessage, FakeTelegram, SimEvent } from "./server.js";
import { groupChat } from "./updates.js";
import { signedInitData, webAppLaunchUrl } from "./webapp.js";

/** A person the page may speak as, and the groups they are in. */
export interface ConsolePerson {
  user: User;
  groups: number[];
  /** What a contact button shares. */
  phone?: string;
}

export interface ConsoleOptions {
  people: ConsolePerson[];
  /** Group titles by chat id. */
  groups: Record<number, string>;
  /** Longest text a page may send (Telegram's limit). */
  maxText?: number;
}

export type ConsoleHandler = ((
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<void>) & {
  /** Changes a person's Telegram language (what the bot reads in `from.language_code`). */
  setLanguage(userId: number, code: string): void;
  /** Ends every open event stream (before the server closes). */
  close(): void;
};

/** A button as a page shows it. */
export interface ButtonView {
  text: string;
  data?: string;
  url?: string;
  webApp?: string;
}

/** A reply-keyboard key: its text is sent, or (contact) the person's phone is shared. */
export interface KeyView {
  text: string;
  contact?: boolean;
}

export interface EntryView {
  seq: number;
  by: "bot" | "person";
  /** The bot's message id (for presses); absent for what people said. */
  messageId?: number;
  from?: string;
  fromId?: number;
  text: string;
  entities: Array<{ type: string; offset: number; length: number; url?: string }>;
  photo?: string;
  document?: string;
  buttons: ButtonView[][];
  edited: boolean;
  pinned: boolean;
}

export interface ChatView {
  id: number;
  title: string;
  entries: EntryView[];
  /** The reply keyboard in force (the last one the bot sent, unless removed since). */
  keyboard: KeyView[][];
  menuButton: { text: string; url: string } | undefined;
}

const userId = z.number().int().positive();
const chatId = z
  .number()
  .int()
  .refine((n) => n !== 0);
const SayBody = z.object({ from: userId, chat: chatId.optional(), text: z.string().min(1) });
const PressBody = z.object({
  from: userId,
  chat: chatId,
  message: z.number().int().positive(),
  data: z.string().min(1).max(64),
});
const WebAppBody = z.object({ from: userId, chat: chatId });
const ContactBody = z.object({ from: userId });

/** Longest body a page may post. */
const MAX_BODY = 16 * 1024;

export function createConsole(fake: FakeTelegram, options: ConsoleOptions): ConsoleHandler {
  const people = new Map(options.people.map((p) => [p.user.id, { ...p, user: { ...p.user } }]));
  const maxText = options.maxText ?? 4096;
  const streams = new Set<ServerResponse>();

  const title = (id: number) =>
    id > 0 ? (people.get(id)?.user.first_name ?? String(id)) : (options.groups[id] ?? String(id));

  const mayUse = (from: number, chat: number) =>
    chat === from || (people.get(from)?.groups.includes(chat) ?? false);

  const view = (id: number): ChatView => {
    const entries: EntryView[] = [];
    let keyboard: KeyView[][] = [];
    for (const entry of fake.chatLog(id)) {
      if (entry.by === "person") {
        const m = entry.message;
        entries.push({
          seq: entry.seq,
          by: "person",
          from: m.from.first_name,
          fromId: m.from.id,
          text: m.text,
          entities: [],
          buttons: [],
          edited: false,
          pinned: false,
        });
        continue;
      }
      const m = entry.message;
      const markup = m.reply_markup as Record<string, unknown> | undefined;
      if (markup?.remove_keyboard) keyboard = [];
      if (Array.isArray(markup?.keyboard)) keyboard = keyboardOf(markup.keyboard);
      if (m.deleted) continue;
      entries.push(botEntry(id, entry.seq, m));
    }
    const menu = fake.menuButtonFor(id);
    const webApp = menu?.type === "web_app" ? (menu.web_app as { url?: unknown }) : undefined;
    return {
      id,
      title: title(id),
      entries,
      keyboard,
      menuButton:
        typeof webApp?.url === "string"
          ? { text: String(menu?.text ?? ""), url: webApp.url }
          : undefined,
    };
  };

  const send = (event: SimEvent) => {
    const line = `event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(line);
  };
  const unwatch = fake.watch(send);

  const handler = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const parts = path.split("/");
    if (req.method === "GET" && parts[0] === "chats" && parts.length === 2) {
      const id = Number(parts[1]);
      if (!Number.isSafeInteger(id) || !knownChat(id)) return json(res, 404, { error: "no chat" });
      return json(res, 200, view(id));
    }
    if (req.method === "GET" && parts[0] === "file" && parts.length === 3) {
      const msg = fake.messagesIn(Number(parts[1]))[Number(parts[2]) - 1];
      const file = msg && !msg.deleted ? (msg.photo ?? msg.document) : undefined;
      if (!file || !knownChat(Number(parts[1]))) return json(res, 404, { error: "no file" });
      res.writeHead(200, {
        "content-type": msg?.photo ? imageType(file.content) : "application/octet-stream",
        "content-length": file.content.length,
        "cache-control": "no-store",
      });
      res.end(file.content);
      return;
    }
    if (req.method === "GET" && path === "events") {
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write("retry: 1000\n\n");
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    if (req.method === "POST" && ["say", "press", "webapp", "contact"].includes(path)) {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString("utf8"));
      } catch {
        return json(res, 400, { error: "not JSON" });
      }
      return act(path, body, res);
    }
    json(res, 404, { error: "not found" });
  };

  const knownChat = (id: number) => people.has(id) || options.groups[id] !== undefined;

  const act = (path: string, body: unknown, res: ServerResponse) => {
    if (path === "say") {
      const p = SayBody.safeParse(body);
      if (!p.success) return json(res, 400, { error: "bad request" });
      const person = people.get(p.data.from);
      const chat = p.data.chat ?? p.data.from;
      if (!person || !mayUse(p.data.from, chat)) return json(res, 403, { error: "not theirs" });
      const text = p.data.text.slice(0, maxText);
      fake.say(person.user, text, chat > 0 ? undefined : groupChat(chat, title(chat)));
      return json(res, 200, { ok: true });
    }
    if (path === "contact") {
      const p = ContactBody.safeParse(body);
      const person = p.success ? people.get(p.data.from) : undefined;
      if (!person?.phone) return json(res, 403, { error: "no phone to share" });
      fake.shareContact(person.user, person.phone);
      return json(res, 200, { ok: true });
    }
    if (path === "press") {
      const p = PressBody.safeParse(body);
      if (!p.success) return json(res, 400, { error: "bad request" });
      const person = people.get(p.data.from);
      if (!person || !mayUse(p.data.from, p.data.chat)) {
        return json(res, 403, { error: "not theirs" });
      }
      // Only a button that is there can be pressed.
      const msg = fake.messagesIn(p.data.chat)[p.data.message - 1];
      const offered = msg && !msg.deleted && buttonsOf(msg).some((b) => b.data === p.data.data);
      if (!offered) return json(res, 409, { error: "no such button" });
      fake.press(person.user, p.data.chat, p.data.message, p.data.data);
      return json(res, 200, { ok: true });
    }
    const p = WebAppBody.safeParse(body);
    if (!p.success) return json(res, 400, { error: "bad request" });
    const person = people.get(p.data.from);
    const menu = view(p.data.chat).menuButton;
    if (!person || !mayUse(p.data.from, p.data.chat) || !menu) {
      return json(res, 403, { error: "no web app here" });
    }
    const initData = signedInitData(fake.token, person.user, new Date());
    return json(res, 200, { url: webAppLaunchUrl(menu.url, initData) });
  };

  return Object.assign(handler, {
    setLanguage(id: number, code: string) {
      const person = people.get(id);
      if (person) person.user.language_code = code;
    },
    close() {
      unwatch();
      for (const res of streams) res.end();
      streams.clear();
    },
  });
}

function botEntry(chatId: number, seq: number, m: FakeMessage): EntryView {
  const entry: EntryView = {
    seq,
    by: "bot",
    messageId: m.message_id,
    text: m.text ?? m.caption ?? "",
    entities: Array.isArray(m.entities) ? (m.entities as EntryView["entities"]) : [],
    buttons: inlineKeyboardOf(m),
    edited: m.edits > 0,
    pinned: m.pinned,
  };
  if (m.photo) entry.photo = `file/${chatId}/${m.message_id}`;
  if (m.document) entry.document = m.document.filename ?? "document";
  return entry;
}

function inlineKeyboardOf(m: FakeMessage): ButtonView[][] {
  const rows: unknown = m.reply_markup?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.map((row) =>
    (Array.isArray(row) ? row : []).map((b: Record<string, unknown>) => {
      const button: ButtonView = { text: String(b.text ?? "") };
      if (typeof b.callback_data === "string") button.data = b.callback_data;
      if (typeof b.url === "string") button.url = b.url;
      const webApp = b.web_app as { url?: unknown } | undefined;
      if (typeof webApp?.url === "string") button.webApp = webApp.url;
      return button;
    }),
  );
}

function buttonsOf(m: FakeMessage): ButtonView[] {
  return inlineKeyboardOf(m).flat();
}

function keyboardOf(rows: unknown[]): KeyView[][] {
  return rows.map((row) =>
    (Array.isArray(row) ? row : []).map((b: unknown): KeyView => {
      if (typeof b === "string") return { text: b };
      const key = b as { text?: unknown; request_contact?: unknown };
      return key.request_contact === true
        ? { text: String(key.text ?? ""), contact: true }
        : { text: String(key.text ?? "") };
    }),
  );
}

function imageType(content: Buffer): string {
  if (content.subarray(0, 4).toString("hex") === "89504e47") return "image/png";
  if (content.subarray(0, 2).toString("hex") === "ffd8") return "image/jpeg";
  return "application/octet-stream";
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
