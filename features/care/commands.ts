/**
 * The key-care round: /care (today's round: done, due, overdue, outcomes),
 * /care list, /care add and /care remove (people added by hand with a
 * reason), /care plan (call or visit, every N days, by whom), and the one-tap
 * outcome buttons under each task.
 */
import { Composer } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { clockTime, personName } from "../../bot/format.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import { type Address, formatAddress, parseAddress } from "../../domain/address.js";
import { CARE_TEAM, parsePlanWords } from "../../domain/care.js";
import type { Role } from "../../domain/roles.js";
import { cleanLine } from "../../domain/text.js";
import { startIntake } from "../requests/index.js";
import { careButtons, listText, recordedLine, roundText, teamLabel } from "./render.js";
import {
  addByHand,
  changePlan,
  claimCheck,
  listView,
  mineFilter,
  onList,
  recordOutcome,
  removeByHand,
  roundView,
} from "./service.js";

export const care = new Composer<BotContext>();

/** Who sees the round and records outcomes; who changes the list and plans. */
const CARE_STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];
const CARE_PLANNERS: readonly Role[] = ["worker", "coordinator"];
/** Who claims a check posted to a volunteers' team. */
const CLAIMERS: readonly Role[] = ["volunteer"];
const REASON_MAX = 100;

const actorOf = (ctx: BotContext) => ({
  id: ctx.from?.id as number,
  roles: ctx.actor?.roles ?? new Set<Role>(),
});

care.command("care", privateOnly(), requireRole("care.view", CARE_STAFF), async (ctx) => {
  const [word = "", ...rest] = cleanLine(ctx.match).split(" ");
  const sub = word.toLowerCase();
  const whole = holds(ctx, ["coordinator"]);
  if (sub === "" || sub === "all" || sub === "全部") return showRound(ctx, whole);
  if (sub === "list" || sub === "名单") return showList(ctx, whole);
  if (!holds(ctx, CARE_PLANNERS)) return refuse(ctx, `care.${sub}`, CARE_PLANNERS);
  if (sub === "add" || sub === "加") return add(ctx, rest);
  if (sub === "remove" || sub === "删") return remove(ctx, rest);
  if (sub === "plan" || sub === "计划") return plan(ctx, rest);
  await ctx.reply(ctx.t("care-usage"));
});

/** Coordinators and admins see the whole community; workers and volunteers their own doors. */
async function showRound(ctx: BotContext, whole: boolean): Promise<void> {
  const mine = whole ? undefined : await mineFilter(ctx.deps, ctx.from?.id as number);
  const view = await roundView(ctx.deps, mine);
  const texts = roundText(ctx.deps, ctx.t, {
    ...view,
    roundAt: ctx.deps.config.care.roundAt,
    whole,
  });
  for (const chunk of texts) await ctx.reply(chunk);
}

async function showList(ctx: BotContext, whole: boolean): Promise<void> {
  const { rows, names } = await listView(ctx.deps);
  const mine = whole ? undefined : await mineFilter(ctx.deps, ctx.from?.id as number);
  const shown = mine
    ? rows.filter((r) => mine({ ...r.entry, responsibleId: r.responsibleId }))
    : rows;
  for (const chunk of listText(ctx.t, shown, names, whole)) await ctx.reply(chunk);
}

/** The room typed first; with a room list, it must be in it. */
async function readRoom(ctx: BotContext, raw: string | undefined): Promise<Address | undefined> {
  const parsed = parseAddress(raw ?? "");
  if (!parsed.ok) {
    await ctx.reply(ctx.t("care-bad-room", { input: (raw ?? "").slice(0, 20) }));
    return undefined;
  }
  const { layout } = ctx.deps.storage;
  if ((await layout.hasLayout()) && !(await layout.roomExists(parsed.address))) {
    await ctx.reply(ctx.t("care-unknown-room", { address: formatAddress(parsed.address) }));
    return undefined;
  }
  return parsed.address;
}

async function add(ctx: BotContext, words: string[]): Promise<void> {
  const [room, ...reasonWords] = words;
  const reason = cleanLine(reasonWords.join(" "));
  if (!room || reason === "") {
    await ctx.reply(ctx.t("care-add-usage"));
    return;
  }
  if (reason.length > REASON_MAX) {
    await ctx.reply(ctx.t("care-reason-too-long", { length: reason.length, max: REASON_MAX }));
    return;
  }
  const address = await readRoom(ctx, room);
  if (!address) return;
  await addByHand(ctx.deps, address, reason, ctx.from?.id as number);
  await ctx.reply(ctx.t("care-added", { address: formatAddress(address), reason }));
}

async function remove(ctx: BotContext, words: string[]): Promise<void> {
  const address = await readRoom(ctx, words[0]);
  if (!address) return;
  if (await removeByHand(ctx.deps, address, ctx.from?.id as number)) {
    const still = await onList(ctx.deps, address);
    await ctx.reply(
      ctx.t(still ? "care-removed-flags-remain" : "care-removed", {
        address: formatAddress(address),
      }),
    );
    return;
  }
  const entry = await onList(ctx.deps, address);
  await ctx.reply(
    ctx.t(entry ? "care-remove-flags" : "care-not-on-list", { address: formatAddress(address) }),
  );
}

async function plan(ctx: BotContext, words: string[]): Promise<void> {
  const [room, ...rest] = words;
  if (!room) {
    await ctx.reply(ctx.t("care-plan-usage"));
    return;
  }
  const address = await readRoom(ctx, room);
  if (!address) return;
  const entry = await onList(ctx.deps, address);
  if (!entry) {
    await ctx.reply(ctx.t("care-not-on-list", { address: formatAddress(address) }));
    return;
  }
  const parsed = parsePlanWords(rest.join(" "));
  if (!parsed.ok) {
    await ctx.reply(
      parsed.error === "days"
        ? ctx.t("care-plan-days")
        : parsed.error === "word"
          ? ctx.t("care-plan-word", { word: parsed.word ?? "" })
          : ctx.t("care-plan-usage"),
    );
    return;
  }
  let responsibleId: number | null | undefined;
  let team: string | null | undefined;
  if (parsed.who?.kind === "worker") responsibleId = null;
  if (parsed.who?.kind === "volunteers") {
    const teams = await ctx.deps.storage.volunteers.teams();
    if (!teams.some((x) => x.key === CARE_TEAM)) {
      await ctx.reply(ctx.t("care-plan-no-team"));
      return;
    }
    team = CARE_TEAM;
  }
  if (parsed.who?.kind === "person") {
    const { storage } = ctx.deps;
    const ref = parsed.who.ref;
    const person = /^\d+$/.test(ref)
      ? await storage.people.get(Number(ref))
      : await storage.people.findByUsername(ref);
    const roles = person ? await storage.roles.of(person.id) : [];
    if (!person || !roles.some((r) => r === "volunteer" || r === "worker")) {
      await ctx.reply(
        ctx.t("care-plan-not-staff", { who: person ? personName(person, person.id) : ref }),
      );
      return;
    }
    responsibleId = person.id;
  }
  const saved = await changePlan(
    ctx.deps,
    entry,
    {
      ...(parsed.method ? { method: parsed.method } : {}),
      ...(parsed.everyDays ? { everyDays: parsed.everyDays } : {}),
      ...(responsibleId !== undefined ? { responsibleId } : {}),
      ...(team !== undefined ? { team } : {}),
    },
    ctx.from?.id as number,
  );
  const who =
    saved.responsibleId !== null
      ? personName(await ctx.deps.storage.people.get(saved.responsibleId), saved.responsibleId)
      : saved.team !== null
        ? teamLabel(ctx.t, saved.team)
        : ctx.t("care-plan-by-worker");
  await ctx.reply(
    ctx.t("care-plan-saved", {
      address: formatAddress(address),
      method: ctx.t(`care-method-${saved.method}`),
      every:
        saved.everyDays === 1
          ? ctx.t("care-every-day")
          : ctx.t("care-every-days", { days: saved.everyDays }),
      who,
    }),
  );
}

/**
 * One tap records a check's outcome. Only the person responsible, the
 * unit's worker or deputy, coordinators and admins may; the first tap wins.
 * "Needs something" then opens a request for that household.
 */
onButton(care, careButtons.outcome, async (ctx, { id, o }) => {
  if (!holds(ctx, CARE_STAFF)) return refuse(ctx, "care.outcome", CARE_STAFF);
  const result = await recordOutcome(ctx.deps, id, actorOf(ctx), o);
  if (result.type === "unknown") {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  if (result.type === "denied") {
    await ctx.answerCallbackQuery({
      text: result.responsible
        ? ctx.t("care-not-yours", { name: result.responsible })
        : ctx.t("care-not-yours-nobody"),
      show_alert: true,
    });
    return;
  }
  if (result.type === "already") {
    await ctx.answerCallbackQuery({
      text: ctx.t("care-already", {
        outcome: ctx.t(`care-outcome-${result.check.status}`),
        name: result.by,
        time: result.time,
      }),
      show_alert: true,
    });
    return;
  }
  const me = personName(ctx.actor?.person, ctx.from.id);
  const time = clockTime(ctx.deps.clock.now(), ctx.deps.config.timezone);
  const notes = [recordedLine(ctx.t, result.outcome, me, time)];
  if (result.followUp)
    notes.push(ctx.t(result.followUpToTeam ? "care-retry-posted" : "care-retry-sent"));
  if (result.escalation !== null)
    notes.push(ctx.t("care-escalated-now", { id: result.escalation }));
  // The task shows what was recorded and loses its buttons (an old message without its text:
  // only the buttons go).
  const text = ctx.callbackQuery.message?.text;
  if (text) await ctx.editMessageText(`${text}\n\n${notes.join("\n")}`).catch(() => undefined);
  else await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (result.outcome === "needs" && ctx.chat?.type === "private") {
    await ctx.reply(ctx.t("care-needs-request", { address: formatAddress(result.check) }));
    const { building, unit, room } = result.check;
    await startIntake(ctx, { subject: { kind: "household", address: { building, unit, room } } });
  }
  // Answered last, after the work.
  await ctx.answerCallbackQuery({ text: notes.join("\n") });
});

/**
 * "I'll do it" on a key-care check posted to a volunteers' team: the first
 * claim wins; the volunteer gets the whole task (names, phone, the outcome
 * buttons) privately, and their hours run until the outcome is recorded.
 */
onButton(care, careButtons.claim, async (ctx, { id }) => {
  if (!holds(ctx, CLAIMERS)) return refuse(ctx, "care.claim", CLAIMERS);
  const result = await claimCheck(ctx.deps, id, actorOf(ctx), await ctx.i18n.getLocale());
  if (result.type !== "ok") {
    const text =
      result.type === "taken"
        ? ctx.t("care-claim-taken", { name: result.by })
        : result.type === "closed"
          ? ctx.t("care-claim-closed")
          : ctx.t("button-expired");
    // "denied" is not reached: the role was checked above (the service checks it too).
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.answerCallbackQuery({ text, show_alert: true });
    return;
  }
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.api.sendMessage(ctx.from.id, result.payload.text, {
    reply_markup: result.payload.reply_markup,
  });
  await ctx.answerCallbackQuery({ text: ctx.t("care-claimed") });
});
