/**
 * The grid: /grid (who looks after which building or unit; admins change
 * it), /mygrid (a worker's own doors and how residents see them), /ask and
 * the Ask button (a resident writes to their worker), Reply and Close under
 * relayed messages, a Telegram reply to a relayed message, and /doors.
 */
import { Composer } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { personName } from "../../bot/format.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import { formatScope, parseScope, type Scope } from "../../domain/grid.js";
import { parsePhone } from "../../domain/phone.js";
import type { Role } from "../../domain/roles.js";
import { cleanLine } from "../../domain/text.js";
import type { Person } from "../../storage/people.js";
import { ASK_WORKER, sentText, writeOutcomeText } from "./ask.js";
import {
  doorsText,
  type GridListRow,
  gridButtons,
  gridListText,
  myGridText,
  scopeNames,
} from "./render.js";
import {
  askWorker,
  assign,
  clearScopes,
  closeThread,
  doorsFor,
  loadGrid,
  mayAnswer,
  myWorker,
  saveWorkerSettings,
  TEXT_MAX,
  workerIds,
  writeInThread,
} from "./service.js";

export const grid = new Composer<BotContext>();

/** Who may look at the grid; changing it is for admins. */
const GRID_VIEWERS: readonly Role[] = ["coordinator", "worker"];
const NAME_MAX = 30;

const actorOf = (ctx: BotContext) => ({
  id: ctx.from?.id as number,
  roles: ctx.actor?.roles ?? new Set<Role>(),
});

async function findPerson(ctx: BotContext, ref: string): Promise<Person | undefined> {
  const { people } = ctx.deps.storage;
  return /^\d+$/.test(ref) ? people.get(Number(ref)) : people.findByUsername(ref);
}

const isPersonRef = (word: string) => /^@\w{3,32}$/.test(word) || /^\d{5,15}$/.test(word);

// =================================================================== /grid

grid.command("grid", privateOnly(), requireRole("grid.view", GRID_VIEWERS), async (ctx) => {
  const words = cleanLine(ctx.match)
    .split(" ")
    .filter((w) => w !== "");
  if (words.length === 0) return listGrid(ctx);
  const [first, ...rest] = words as [string, ...string[]];
  const lower = first.toLowerCase();
  if (!holds(ctx, ["admin"]) && !(rest.length === 0 && isPersonRef(first)))
    return refuse(ctx, "grid.assign", ["admin"]);

  if (["clear", "清除", "取消"].includes(lower)) {
    const scopes = await readScopes(ctx, rest);
    if (!scopes) return;
    const removed = await clearScopes(ctx.deps, scopes, ctx.from?.id as number);
    await ctx.reply(ctx.t("grid-cleared", { scopes: scopeNames(ctx.t, scopes), count: removed }));
    return;
  }
  const deputy = ["deputy", "代班", "副"].includes(lower);
  const [who, ...units] = deputy ? rest : words;
  if (!who || !isPersonRef(who)) {
    await ctx.reply(ctx.t("grid-usage"));
    return;
  }
  const person = await findPerson(ctx, who);
  if (!person) {
    await ctx.reply(ctx.t("grid-unknown-person", { who: who.slice(0, 40) }));
    return;
  }
  const workers = await workerIds(ctx.deps);
  if (!workers.has(person.id)) {
    await ctx.reply(ctx.t("grid-not-a-worker", { name: personName(person, person.id) }));
    return;
  }
  if (units.length === 0) return showWorker(ctx, person);
  const scopes = await readScopes(ctx, units);
  if (!scopes) return;
  const done = await assign(
    ctx.deps,
    deputy ? "deputy" : "main",
    person.id,
    scopes,
    ctx.from?.id as number,
  );
  if (!done.ok) {
    await ctx.reply(ctx.t("grid-same-person", { name: personName(person, person.id) }));
    return;
  }
  await ctx.reply(
    ctx.t(deputy ? "grid-assigned-deputy" : "grid-assigned", {
      name: personName(person, person.id),
      scopes: scopeNames(ctx.t, scopes),
    }),
  );
});

/**
 * The buildings or units typed after /grid: each must be well-formed, and,
 * when there is a room list, in it. Without a room list any well-formed unit
 * is taken (a community may set up its grid before importing rooms).
 */
async function readScopes(ctx: BotContext, words: readonly string[]): Promise<Scope[] | undefined> {
  if (words.length === 0) {
    await ctx.reply(ctx.t("grid-usage"));
    return undefined;
  }
  const scopes: Scope[] = [];
  for (const w of words) {
    const parsed = parseScope(w);
    if (!parsed.ok) {
      await ctx.reply(ctx.t("grid-bad-unit", { input: parsed.input }));
      return undefined;
    }
    scopes.push(parsed.scope);
  }
  const { storage } = ctx.deps;
  if (await storage.layout.hasLayout()) {
    const unknown: string[] = [];
    for (const s of scopes)
      if (!(await storage.grid.scopeInLayout(s))) unknown.push(formatScope(s));
    if (unknown.length > 0) {
      await ctx.reply(ctx.t("grid-unknown-unit", { units: unknown.join(ctx.t("list-separator")) }));
      return undefined;
    }
  }
  return scopes;
}

async function names(ctx: BotContext, ids: Iterable<number | null>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of ids) {
    if (id === null || out.has(id)) continue;
    out.set(id, personName(await ctx.deps.storage.people.get(id), id));
  }
  return out;
}

async function listGrid(ctx: BotContext): Promise<void> {
  const map = await loadGrid(ctx.deps);
  const rows = map.list();
  const who = await names(
    ctx,
    rows.flatMap((r) => [r.workerId, r.deputyId]),
  );
  const listed: GridListRow[] = rows
    .filter((r) => r.workerId !== null || r.deputyId !== null)
    .map((r) => ({
      scope: r,
      main: r.workerId === null ? null : (who.get(r.workerId) ?? null),
      deputy: r.deputyId === null ? null : (who.get(r.deputyId) ?? null),
    }));
  const gaps = (await ctx.deps.storage.grid.knownUnits())
    .filter((u) => map.of(u.building, u.unit).main === null)
    .sort((a, b) => formatScope(a).localeCompare(formatScope(b), "en", { numeric: true }))
    .map((u) => formatScope(u));
  for (const chunk of gridListText(ctx.t, listed, gaps)) await ctx.reply(chunk);
}

async function showWorker(ctx: BotContext, person: Person): Promise<void> {
  const rows = (await loadGrid(ctx.deps)).list();
  const main = rows.filter((r) => r.workerId === person.id);
  const deputy = rows.filter((r) => r.deputyId === person.id);
  const name = personName(person, person.id);
  if (main.length === 0 && deputy.length === 0) {
    await ctx.reply(ctx.t("grid-worker-nothing", { name }));
    return;
  }
  const lines = [ctx.t("grid-worker-main", { name, scopes: scopeNames(ctx.t, main) || "—" })];
  if (deputy.length > 0)
    lines.push(ctx.t("grid-worker-deputy", { scopes: scopeNames(ctx.t, deputy) }));
  await ctx.reply(lines.join("\n"));
}

// ================================================================= /mygrid

grid.command("mygrid", privateOnly(), requireRole("grid.mine", ["worker"]), async (ctx) => {
  const me = ctx.from?.id as number;
  const [word = "", ...rest] = cleanLine(ctx.match).split(" ");
  const arg = rest.join(" ");
  const key = word.toLowerCase();
  const on = ["on", "开", "开启", "上班", "在岗"];
  const off = ["off", "关", "关闭", "休息", "不在"];
  const show = async (prefix?: string) => {
    const rows = (await loadGrid(ctx.deps)).list();
    const text = myGridText(ctx.t, {
      main: rows.filter((r) => r.workerId === me),
      deputy: rows.filter((r) => r.deputyId === me),
      profile: await ctx.deps.storage.grid.profile(me),
      username: ctx.from?.username ?? null,
    });
    await ctx.reply(prefix ? `${prefix}\n\n${text}` : text);
  };
  if (key === "") return show();
  if (key === "name" || key === "称呼") {
    const name = cleanLine(arg);
    if (name === "" || name.length > NAME_MAX) {
      await ctx.reply(ctx.t("mygrid-name-invalid", { max: NAME_MAX }));
      return;
    }
    await saveWorkerSettings(ctx.deps, me, { shownName: name });
    return show(ctx.t("mygrid-saved"));
  }
  if (key === "phone" || key === "电话") {
    if (off.includes(arg.toLowerCase())) {
      await saveWorkerSettings(ctx.deps, me, { shownPhone: null });
      return show(ctx.t("mygrid-saved"));
    }
    const phone = parsePhone(arg);
    if (!phone.ok) {
      await ctx.reply(ctx.t("mygrid-phone-invalid"));
      return;
    }
    await saveWorkerSettings(ctx.deps, me, { shownPhone: phone.phone });
    return show(ctx.t("mygrid-saved"));
  }
  if (key === "account" || key === "账号") {
    const value = arg.toLowerCase();
    if (!on.includes(value) && !off.includes(value)) {
      await ctx.reply(ctx.t("mygrid-usage"));
      return;
    }
    await saveWorkerSettings(ctx.deps, me, { shareAccount: on.includes(value) });
    return show(ctx.t("mygrid-saved"));
  }
  if (on.includes(key) || off.includes(key)) {
    await saveWorkerSettings(ctx.deps, me, { away: off.includes(key) });
    return show(ctx.t(off.includes(key) ? "mygrid-now-away" : "mygrid-now-on"));
  }
  await ctx.reply(ctx.t("mygrid-usage"));
});

// ==================================================================== /ask

/** /ask and the Ask button: a registered resident with a worker writes one message. */
export async function startAsk(ctx: BotContext, text?: string): Promise<void> {
  const me = ctx.from?.id as number;
  const mine = await myWorker(ctx.deps, me);
  if (mine.type === "not-registered") {
    await ctx.reply(ctx.t("grid-not-registered"));
    return;
  }
  if (mine.type === "none") {
    await ctx.reply(ctx.t("grid-no-worker"));
    return;
  }
  const body = text?.trim() ?? "";
  if (body === "") return enterConversation(ctx, ASK_WORKER, null);
  if (body.length > TEXT_MAX) {
    await ctx.reply(ctx.t("grid-too-long", { length: body.length, max: TEXT_MAX }));
    return;
  }
  await ctx.reply(sentText(ctx, await askWorker(ctx.deps, me, body)));
}

grid.command("ask", privateOnly(), (ctx) => startAsk(ctx, ctx.match));

onButton(grid, gridButtons.ask, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (ctx.chat?.type !== "private") return;
  await startAsk(ctx);
});

/** Reply under a relayed message: the thread's resident, or someone who may answer it. */
onButton(grid, gridButtons.reply, async (ctx, { t: threadId }) => {
  const thread = await ctx.deps.storage.grid.thread(threadId);
  if (!thread) {
    await ctx.answerCallbackQuery({ text: ctx.t("grid-thread-unknown"), show_alert: true });
    return;
  }
  const actor = actorOf(ctx);
  const resident = thread.residentId === actor.id;
  if (!resident && !(await mayAnswer(ctx.deps, thread, actor))) {
    await refuse(ctx, "grid.answer", ["worker", "coordinator"]);
    return;
  }
  if (thread.status !== "open") {
    await ctx.answerCallbackQuery({
      text: ctx.t(resident ? "grid-closed-resident" : "grid-closed-staff"),
      show_alert: true,
    });
    return;
  }
  await ctx.answerCallbackQuery();
  await enterConversation(ctx, ASK_WORKER, threadId);
});

onButton(grid, gridButtons.close, async (ctx, { t: threadId }) => {
  const outcome = await closeThread(ctx.deps, threadId, actorOf(ctx));
  if (outcome === "denied") return refuse(ctx, "grid.close", ["worker", "coordinator"]);
  await ctx.answerCallbackQuery({
    text: ctx.t(`grid-close-${outcome}`),
    show_alert: outcome !== "closed",
  });
  if (outcome === "closed") await ctx.editMessageReplyMarkup().catch(() => undefined);
});

/**
 * A Telegram reply to a message the bot relayed goes into that message's
 * thread, from either side. Anything else goes on.
 */
grid.chatType("private").on("message", async (ctx, next) => {
  const replied = ctx.msg.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id) return next();
  if (ctx.msg.text?.startsWith("/")) return next();
  const threadId = await ctx.deps.storage.grid.threadOfRelay(ctx.chat.id, replied.message_id);
  if (threadId === undefined) return next();
  const text = ctx.msg.text?.trim() ?? "";
  if (text === "") {
    await ctx.reply(ctx.t("grid-text-only"));
    return;
  }
  if (text.length > TEXT_MAX) {
    await ctx.reply(ctx.t("grid-too-long", { length: text.length, max: TEXT_MAX }));
    return;
  }
  const written = await writeInThread(ctx.deps, threadId, actorOf(ctx), text);
  if (written.type === "denied") return refuse(ctx, "grid.answer", ["worker", "coordinator"]);
  await ctx.reply(writeOutcomeText(ctx, written, ctx.from.id));
});

// ================================================================== /doors

/** /doors: the worker's doors for today; admins and coordinators may name a worker. */
grid.command(
  "doors",
  privateOnly(),
  requireRole("grid.doors", ["worker", "coordinator"]),
  async (ctx) => {
    const arg = cleanLine(ctx.match);
    let workerId = ctx.from?.id as number;
    let who: string | null = null;
    if (arg !== "") {
      if (!holds(ctx, ["coordinator"])) return refuse(ctx, "grid.doors.other", ["coordinator"]);
      const person = isPersonRef(arg) ? await findPerson(ctx, arg) : undefined;
      if (!person) {
        await ctx.reply(ctx.t("grid-unknown-person", { who: arg.slice(0, 40) }));
        return;
      }
      workerId = person.id;
      who = personName(person, person.id);
    }
    const map = await loadGrid(ctx.deps);
    const assigned = map.list().some((r) => r.workerId === workerId || r.deputyId === workerId);
    if (!assigned) {
      await ctx.reply(who ? ctx.t("grid-worker-nothing", { name: who }) : ctx.t("doors-no-units"));
      return;
    }
    const view = await doorsFor(ctx.deps, workerId);
    for (const chunk of doorsText(ctx.t, { who, ...view })) await ctx.reply(chunk);
  },
);
