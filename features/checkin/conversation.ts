/**
 * Reporting temperatures, in private chat: the member (a button per member
 * of the household, skipped for a household of one), the temperature
 * (checked, Fahrenheit converted and confirmed back), how they feel; then
 * the next member until everyone has reported. Staff use the same
 * conversation for a household at the door (/checkin_for).
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, MAX_TRIES, question, staleButton } from "../../bot/conversation.js";
import { clockTime } from "../../bot/format.js";
import { holds } from "../../bot/permissions.js";
import { formatAddress } from "../../domain/address.js";
import { SYMPTOMS, type Symptom } from "../../domain/checkin-summary.js";
import type { Role } from "../../domain/roles.js";
import { localDate } from "../../domain/schedule.js";
import { formatCelsius, parseTemperature } from "../../domain/temperature.js";
import { cleanLine } from "../../domain/text.js";
import { checkinButtons } from "./render.js";
import { type SaveResult, saveReading } from "./service.js";

/** Its own buttons (not "Report now": pressed here, it asks to start over). */
const OWN = [
  checkinButtons.member,
  checkinButtons.done,
  checkinButtons.symptom,
  checkinButtons.fahrenheitYes,
  checkinButtons.fahrenheitNo,
  checkinButtons.noteSkip,
];
const NOTE_MAX = 100;
/** Who may report for another household at the door (/checkin_for). */
const PROXY_ROLES: readonly Role[] = ["worker", "coordinator", "volunteer"];

interface HouseholdInfo {
  id: number;
  address: string;
  members: number;
}

interface TodayReading {
  member: number;
  celsius: number;
  symptom: Symptom;
  note: string | null;
  time: string;
}

/**
 * `householdId` and `proxy` are set by /checkin_for (staff at the door);
 * without them the person reports for their own household.
 */
async function checkinConversation(
  conversation: BotConversation,
  ctx: ConvContext,
  householdId?: number | null,
  proxy?: boolean | null,
): Promise<void> {
  const userId = ctx.from?.id as number;
  const isProxy = proxy === true && typeof householdId === "number";
  const household = await conversation.external(async (c): Promise<HouseholdInfo | null> => {
    const { checkins } = c.deps.storage;
    const h = isProxy
      ? await checkins.household(householdId as number)
      : await checkins.householdOf(userId);
    return h ? { id: h.id, address: formatAddress(h), members: h.members } : null;
  });
  if (!household) {
    await ctx.reply(ctx.t("checkin-not-registered"));
    return;
  }
  if (isProxy)
    await ctx.reply(
      ctx.t("checkin-for-start", { address: household.address, members: household.members }),
    );
  const single = household.members === 1;

  for (;;) {
    const { date, today } = await conversation.external((c) => readingsToday(c.deps, household.id));
    const member = single ? 1 : await askMember(conversation, ctx, household, date, today);
    if (member === "done") {
      const reported = today.filter((r) => r.member <= household.members).length;
      await ctx.reply(
        isProxy
          ? ctx.t("checkin-proxy-done", {
              address: household.address,
              reported,
              members: household.members,
            })
          : ctx.t("checkin-finished-partial", { reported, members: household.members }),
      );
      return;
    }
    const earlier = today.find((r) => r.member === member);
    if (earlier)
      await ctx.reply(
        ctx.t(single && !isProxy ? "checkin-already-reported-single" : "checkin-already-reported", {
          member,
          celsius: formatCelsius(earlier.celsius),
          time: earlier.time,
        }),
      );
    const celsius = await askTemperature(conversation, ctx, member, single && !isProxy);
    const { symptom, note } = await askSymptom(conversation, ctx);
    // At the door for another household: the staff role is checked again before saving.
    if (isProxy && !(await conversation.external((c) => holds(c, PROXY_ROLES)))) {
      await ctx.reply(ctx.t("checkin-proxy-role-gone"));
      return;
    }
    const result = await conversation.external((c) =>
      saveReading(c.deps, {
        householdId: household.id,
        member,
        celsius,
        symptom,
        note,
        reportedBy: userId,
        proxy: isProxy,
      }),
    );
    await ctx.reply(savedText(ctx, result, { member, celsius, symptom, note, single, isProxy }));
    if (isProxy && (single || result.reported >= result.members)) {
      await ctx.reply(
        ctx.t("checkin-proxy-done", {
          address: household.address,
          reported: result.reported,
          members: result.members,
        }),
      );
      return;
    }
    if (single) {
      await ctx.reply(ctx.t("checkin-single-done"));
      return;
    }
    if (result.reported >= result.members) {
      await ctx.reply(ctx.t("checkin-all-done", { members: result.members }));
      return;
    }
  }
}

/** Reporting, as a conversation of its own: for one's household, or at the door for another. */
export const CHECKIN = defineConversation("checkin", checkinConversation, {
  // At the door (/checkin_for) it needs a staff role; for one's own household nothing.
  rolesNeeded: (args) => (args[1] === true ? PROXY_ROLES : undefined),
  // A household of 20 reports in one go: a member, a reading and a symptom each, and some slips.
  maxAnswers: 6 * 20,
});

/** Today's current readings of a household (JSON, for `external`). */
async function readingsToday(
  deps: ConvContext["deps"],
  householdId: number,
): Promise<{ date: string; today: TodayReading[] }> {
  const date = localDate(deps.clock.now(), deps.config.timezone);
  const rows = await deps.storage.checkins.readings(date, date, householdId);
  const today = rows.map((r) => ({
    member: r.member,
    celsius: r.celsius,
    symptom: r.symptom,
    note: r.note ?? null,
    time: clockTime(new Date(r.reportedAt), deps.config.timezone),
  }));
  return { date, today };
}

async function askMember(
  conversation: BotConversation,
  ctx: ConvContext,
  household: HouseholdInfo,
  date: string,
  today: TodayReading[],
): Promise<number | "done"> {
  const byMember = new Map(today.map((r) => [r.member, r]));
  const lines = [ctx.t("checkin-status-title", { address: household.address, date })];
  const keyboard = new InlineKeyboard();
  for (let m = 1; m <= household.members; m++) {
    const r = byMember.get(m);
    lines.push(
      r
        ? ctx.t("checkin-status-done", {
            member: m,
            celsius: formatCelsius(r.celsius),
            symptom: symptomText(ctx, r.symptom, r.note),
          })
        : ctx.t("checkin-status-missing", { member: m }),
    );
    keyboard.text(
      r
        ? ctx.t("checkin-member-button-done", { member: m, celsius: formatCelsius(r.celsius) })
        : ctx.t("checkin-member-button", { member: m }),
      checkinButtons.member.data({ n: m }),
    );
    if (m % 2 === 0) keyboard.row();
  }
  if (household.members % 2 === 1) keyboard.row();
  keyboard.text(ctx.t("checkin-done-button"), checkinButtons.done.data({}));
  await ctx.reply(`${lines.join("\n")}\n\n${ctx.t("checkin-ask-member")}`, {
    reply_markup: keyboard,
  });

  const unknown = (member: string) =>
    ctx.t("checkin-member-unknown", { members: household.members, member });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    if (checkinButtons.done.of(answer)) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return "done";
    }
    const pressed = checkinButtons.member.of(answer);
    if (pressed !== undefined) {
      const n = pressed.n;
      if (!(n >= 1 && n <= household.members)) {
        await answer.answerCallbackQuery({
          text: unknown(String(n).slice(0, 5)),
          show_alert: true,
        });
        continue;
      }
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return n;
    }
    if (answer.callbackQuery) {
      await staleButton(answer);
      continue;
    }
    // Typing the member's number works too.
    const typed = answer.message?.text?.normalize("NFKC").trim();
    if (typed !== undefined && /^\d{1,2}$/.test(typed)) {
      const n = Number(typed);
      if (n >= 1 && n <= household.members) return n;
      await answer.reply(unknown(typed));
      continue;
    }
    await answer.reply(ctx.t("checkin-member-use-buttons"));
  }
}

async function askTemperature(
  conversation: BotConversation,
  ctx: ConvContext,
  member: number,
  single: boolean,
): Promise<number> {
  await ctx.reply(
    single
      ? ctx.t("checkin-ask-temperature-single")
      : ctx.t("checkin-ask-temperature-member", { member }),
  );
  // The reading and, for a bare 93–110, the °F question: one question with room for both.
  const ask = question(conversation, OWN, { tries: 2 * MAX_TRIES });
  let answer = await ask.next();
  for (;;) {
    if (answer.callbackQuery) {
      await staleButton(answer);
      answer = await ask.next();
      continue;
    }
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply(ctx.t("checkin-temp-not-text"));
      answer = await ask.next();
      continue;
    }
    const input = cleanLine(text).slice(0, 20);
    const parsed = parseTemperature(text);
    if (!parsed.ok) {
      const unit = parsed.unit === "F" ? "℉" : "℃";
      const shown =
        parsed.unit === "F"
          ? `${parsed.value}${unit} (${formatCelsius(parsed.celsius ?? 0)}℃)`
          : `${parsed.value}${unit}`;
      await answer.reply(
        ctx.t(`checkin-temp-${parsed.error}`, {
          input,
          shown,
          suggestion: parsed.suggestion ?? "",
        }),
      );
      answer = await ask.next();
      continue;
    }
    const celsius = formatCelsius(parsed.celsius);
    if (!parsed.assumedFahrenheit) {
      if (parsed.unit === "F")
        await answer.reply(ctx.t("checkin-f-converted", { value: parsed.value, celsius }));
      return parsed.celsius;
    }
    // A bare 93–110 is read as °F: say so, and let the person confirm.
    const keyboard = new InlineKeyboard()
      .text(ctx.t("checkin-f-yes", { celsius }), checkinButtons.fahrenheitYes.data({}))
      .row()
      .text(ctx.t("checkin-f-no"), checkinButtons.fahrenheitNo.data({}));
    await answer.reply(ctx.t("checkin-temp-fahrenheit", { value: parsed.value, celsius }), {
      reply_markup: keyboard,
    });
    for (;;) {
      const reply = await ask.next();
      if (checkinButtons.fahrenheitYes.of(reply)) {
        await reply.answerCallbackQuery();
        await reply.editMessageReplyMarkup();
        return parsed.celsius;
      }
      if (checkinButtons.fahrenheitNo.of(reply)) {
        await reply.answerCallbackQuery();
        await reply.editMessageReplyMarkup();
        await reply.reply(ctx.t("checkin-f-again"));
        answer = await ask.next();
        break;
      }
      if (reply.message?.text !== undefined) {
        // Typed a new reading instead of pressing: take that one.
        answer = reply;
        break;
      }
      if (reply.callbackQuery) await staleButton(reply);
      else await reply.reply(ctx.t("checkin-f-use-buttons"));
    }
  }
}

async function askSymptom(
  conversation: BotConversation,
  ctx: ConvContext,
): Promise<{ symptom: Symptom; note: string | null }> {
  const keyboard = new InlineKeyboard();
  SYMPTOMS.forEach((s, i) => {
    keyboard.text(ctx.t(`checkin-symptom-${s}`), checkinButtons.symptom.data({ symptom: s }));
    if (i % 2 === 1) keyboard.row();
  });
  await ctx.reply(ctx.t("checkin-ask-symptom"), { reply_markup: keyboard });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const choice = checkinButtons.symptom.of(answer)?.symptom;
    if (choice !== undefined) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      const note = choice === "other" ? await askNote(conversation, ctx) : null;
      return { symptom: choice, note };
    }
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(ctx.t("checkin-symptom-use-buttons"));
  }
}

async function askNote(conversation: BotConversation, ctx: ConvContext): Promise<string | null> {
  await ctx.reply(ctx.t("checkin-ask-note", { max: NOTE_MAX }), {
    reply_markup: new InlineKeyboard().text(
      ctx.t("checkin-note-skip"),
      checkinButtons.noteSkip.data({}),
    ),
  });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    if (checkinButtons.noteSkip.of(answer)) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return null;
    }
    if (answer.callbackQuery) {
      await staleButton(answer);
      continue;
    }
    const text = answer.message?.text;
    const note = text === undefined ? "" : cleanLine(text);
    if (note === "") {
      await answer.reply(ctx.t("conv-expected-text"));
      continue;
    }
    if (note.length > NOTE_MAX) {
      await answer.reply(ctx.t("checkin-note-too-long", { length: note.length, max: NOTE_MAX }));
      continue;
    }
    return note;
  }
}

function savedText(
  ctx: ConvContext,
  result: SaveResult,
  r: {
    member: number;
    celsius: number;
    symptom: Symptom;
    note: string | null;
    single: boolean;
    isProxy: boolean;
  },
): string {
  const celsius = formatCelsius(r.celsius);
  const lines = [
    ctx.t("checkin-saved", {
      who:
        r.single && !r.isProxy
          ? ctx.t("checkin-who-you")
          : ctx.t("checkin-who-member", { member: r.member }),
      celsius,
      symptom: symptomText(ctx, r.symptom, r.note),
    }),
  ];
  if (result.replaced)
    lines.push(
      ctx.t("checkin-replaced", {
        time: result.replaced.time,
        celsius: formatCelsius(result.replaced.celsius),
      }),
    );
  // Who was alerted, as the escalation ladder paged them.
  const who = ctx.t(`checkin-alerted-${Math.min(result.alerted?.step ?? 1, 3)}`, {
    count: result.alerted?.paged ?? 0,
  });
  if (result.alert === "known") lines.push(ctx.t("checkin-fever-known"));
  else if (result.alert === "raised" && r.isProxy)
    lines.push(ctx.t("checkin-fever-proxy", { who }));
  else if (result.alert === "raised") {
    lines.push(ctx.t("checkin-fever", { celsius, who }));
    lines.push(
      result.phone
        ? ctx.t("checkin-fever-phone", { phone: result.phone })
        : ctx.t("checkin-fever-no-phone"),
    );
  }
  return lines.join("\n");
}

function symptomText(ctx: ConvContext, symptom: Symptom, note: string | null): string {
  const label = ctx.t(`checkin-symptom-${symptom}`);
  return note ? `${label}: ${note}` : label;
}
