/**
 * A volunteer's profile, in a few taps (one free hand on the stairs): teams,
 * when they are usually free, the buildings they cover, and how the
 * published ledger shows them (their chosen name, or anonymously). Each step
 * starts from what they chose before, so changing one thing is a few
 * presses of Done. Saved at the end; /cancel leaves without saving.
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import {
  question as askQuestion,
  defineConversation,
  MAX_TRIES,
  staleButton,
} from "../../bot/conversation.js";
import { holds } from "../../bot/permissions.js";
import { cleanName, hasLetter } from "../../domain/text.js";
import { AVAILABILITY, type Availability, type Consent } from "../../domain/volunteers.js";
import {
  availabilityText,
  buildingsText,
  consentText,
  teamName,
  volunteerButtons,
} from "./render.js";
import { saveProfile, setConsent, suggestedName, VOLUNTEERS } from "./service.js";

/** The longest published name. */
export const PUBLIC_NAME_MAX = 30;

const OWN = [volunteerButtons.profile];
const answer = (step: string, value: string) => volunteerButtons.profile.data({ step, value });

interface Option {
  value: string;
  label: string;
}

function toggleKeyboard(
  step: string,
  options: readonly Option[],
  chosen: readonly string[],
  perRow: number,
  done: string,
  allLabel?: string,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (allLabel)
    keyboard.text(`${chosen.length === 0 ? "✅" : "⬜"} ${allLabel}`, answer(step, "all")).row();
  options.forEach((o, i) => {
    keyboard.text(`${chosen.includes(o.value) ? "✅" : "⬜"} ${o.label}`, answer(step, o.value));
    if ((i + 1) % perRow === 0) keyboard.row();
  });
  if (options.length % perRow !== 0) keyboard.row();
  return keyboard.text(done, answer(step, "done"));
}

/**
 * A question answered by ticking buttons, then Done. With `allLabel`, ticking
 * nothing means "all" (its own button clears the ticks). With `atLeastOne`,
 * Done with nothing ticked is answered with that text and waits.
 */
async function toggles(
  conversation: BotConversation,
  ctx: ConvContext,
  step: string,
  question: string,
  options: readonly Option[],
  initial: readonly string[],
  opts: { perRow: number; allLabel?: string; atLeastOne?: string },
): Promise<string[]> {
  let chosen = initial.filter((v) => options.some((o) => o.value === v));
  const done = ctx.t("vt-btn-profile-done");
  const keyboard = () => toggleKeyboard(step, options, chosen, opts.perRow, done, opts.allLabel);
  await ctx.reply(question, { reply_markup: keyboard() });
  // Every box may be ticked and unticked once, and a few slips besides.
  const ask = askQuestion(conversation, OWN, { tries: 2 * options.length + MAX_TRIES });
  for (;;) {
    const next = await ask.next();
    const pressed = volunteerButtons.profile.of(next);
    if (!pressed) {
      await next.reply(ctx.t("vt-use-buttons"));
      continue;
    }
    if (pressed.step !== step) {
      await staleButton(next);
      continue;
    }
    if (pressed.value === "done") {
      if (chosen.length === 0 && opts.atLeastOne) {
        await next.answerCallbackQuery({ text: opts.atLeastOne, show_alert: true });
        continue;
      }
      await next.answerCallbackQuery();
      const labels = options.filter((o) => chosen.includes(o.value)).map((o) => o.label);
      const shown =
        labels.length > 0
          ? labels.join(ctx.t("list-separator"))
          : (opts.allLabel ?? ctx.t("vt-none-chosen"));
      await next.editMessageText(`${question}\n→ ${shown}`);
      return chosen;
    }
    if (pressed.value === "all") chosen = [];
    else if (options.some((o) => o.value === pressed.value))
      chosen = chosen.includes(pressed.value)
        ? chosen.filter((v) => v !== pressed.value)
        : [...chosen, pressed.value];
    await next.answerCallbackQuery();
    await next.editMessageReplyMarkup({ reply_markup: keyboard() });
  }
}

async function askConsent(
  conversation: BotConversation,
  ctx: ConvContext,
  suggested: string,
): Promise<{ consent: Consent; name: string | null }> {
  const question = ctx.t("vt-ask-consent", { name: suggested });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("vt-btn-consent-named", { name: suggested }), answer("consent", "named"))
    .row()
    .text(ctx.t("vt-btn-consent-other"), answer("consent", "other"))
    .row()
    .text(ctx.t("vt-btn-consent-anonymous"), answer("consent", "anonymous"));
  await ctx.reply(question, { reply_markup: keyboard });
  let choice: string | undefined;
  const ask = askQuestion(conversation, OWN);
  for (;;) {
    const next = await ask.next();
    const pressed = volunteerButtons.profile.of(next);
    if (pressed?.step === "consent") {
      choice = pressed.value;
      await next.answerCallbackQuery();
      await next.editMessageReplyMarkup();
      break;
    }
    if (pressed) await staleButton(next);
    else await next.reply(ctx.t("vt-use-buttons"), { reply_markup: keyboard });
  }
  if (choice === "anonymous") return { consent: "anonymous", name: null };
  if (choice === "named") return { consent: "named", name: suggested };
  await ctx.reply(ctx.t("vt-ask-public-name", { max: PUBLIC_NAME_MAX }));
  const askName = askQuestion(conversation, OWN);
  for (;;) {
    const next = await askName.next();
    if (next.callbackQuery) {
      await staleButton(next);
      continue;
    }
    const text = next.message?.text;
    const name = text === undefined ? "" : cleanName(text);
    if (!hasLetter(name) || name.length > PUBLIC_NAME_MAX) {
      await next.reply(ctx.t("vt-public-name-bad", { max: PUBLIC_NAME_MAX }));
      continue;
    }
    return { consent: "named", name };
  }
}

async function volunteerProfile(conversation: BotConversation, ctx: ConvContext): Promise<void> {
  const me = ctx.from?.id as number;
  const known = await conversation.external(async (c) => ({
    teams: await c.deps.storage.volunteers.teams(),
    buildings: await c.deps.storage.volunteers.buildings(),
    profile: (await c.deps.storage.volunteers.profile(me)) ?? null,
    suggested: await suggestedName(c.deps, me),
  }));
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);

  await ctx.reply(ctx.t("vt-profile-intro"));
  const teams = await toggles(
    conversation,
    ctx,
    "team",
    ctx.t("vt-ask-teams"),
    known.teams.map((x) => ({ value: x.key, label: teamName(t, x.key, known.teams) })),
    known.profile?.teams ?? [],
    { perRow: 2, atLeastOne: ctx.t("vt-teams-at-least-one") },
  );
  const availability = (await toggles(
    conversation,
    ctx,
    "slot",
    ctx.t("vt-ask-availability"),
    AVAILABILITY.map((a) => ({ value: a, label: ctx.t(`vt-slot-${a}`) })),
    known.profile?.availability ?? [],
    { perRow: 3 },
  )) as Availability[];
  const buildings =
    known.buildings.length === 0
      ? []
      : await toggles(
          conversation,
          ctx,
          "building",
          ctx.t("vt-ask-buildings"),
          // Telegram shows up to 100 buttons; a community with more buildings gets the first 90.
          known.buildings.slice(0, 90).map((b) => ({ value: b, label: b })),
          known.profile?.buildings ?? [],
          { perRow: 4, allLabel: ctx.t("vt-buildings-all") },
        );
  const consent = await askConsent(conversation, ctx, known.profile?.publicName ?? known.suggested);

  // The role is checked again at the last step: it may have been taken back meanwhile.
  const allowed = await conversation.external((c) => holds(c, VOLUNTEERS));
  if (!allowed) {
    await ctx.reply(ctx.t("conv-role-gone"));
    return;
  }
  const saved = await conversation.external(async (c) => {
    await saveProfile(c.deps, me, { teams, availability, buildings });
    await setConsent(c.deps, me, consent.consent, consent.name);
    return (await c.deps.storage.volunteers.profile(me)) ?? null;
  });
  await ctx.reply(
    ctx.t("vt-profile-saved", {
      teams: teams.map((k) => teamName(t, k, known.teams)).join(ctx.t("list-separator")),
      availability: availabilityText(t, availability),
      buildings: buildingsText(t, buildings),
      consent: consentText(t, saved ?? undefined),
    }),
  );
}

/** The profile as a conversation of its own (/volunteer). */
export const VOLUNTEER_PROFILE = defineConversation("volunteer-profile", volunteerProfile, {
  rolesNeeded: () => VOLUNTEERS,
  // Up to 90 buildings to tick: more answers than a form of a few questions.
  maxAnswers: 120,
});
