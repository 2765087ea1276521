/** What a person can see and change about themselves: /me, /language, /forget. */
import { Composer, InlineKeyboard } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import { LOCALES } from "../../bot/i18n.js";
import { privateOnly } from "../../bot/permissions.js";
import { formatAddress } from "../../domain/address.js";
import { askKeyboard, myWorker, workerLinesFor } from "../grid/index.js";
import { setPersonalMenu } from "../help/index.js";
import { profileButtons } from "./render.js";
import { chooseLanguage, forgetPerson } from "./service.js";

export const profile = new Composer<BotContext>();

profile.command("me", privateOnly(), async (ctx) => {
  const view = await ctx.deps.storage.households.ofPerson(ctx.from?.id as number);
  if (!view) {
    await ctx.reply(ctx.t("me-not-registered"));
    return;
  }
  const h = view.household;
  const flagNames = (flags: readonly string[]) =>
    flags.map((f) => ctx.t(`flag-${f}`)).join(ctx.t("list-separator")) || ctx.t("reg-none");
  // What they said themselves; with others in the room, also the household as all describe it.
  const lines = [
    ctx.t("me-summary", {
      address: formatAddress(h),
      name: view.displayName ?? ctx.t("reg-none"),
      phone: view.phone ?? ctx.t("reg-none"),
      members: view.own.members,
      flags: flagNames(view.own.flags),
    }),
  ];
  if (view.others > 0) {
    lines.push(
      ctx.t("me-household", { others: view.others, members: h.members, flags: flagNames(h.flags) }),
    );
  }
  // Who their grid worker is, with the button to ask them privately.
  const mine = await myWorker(ctx.deps, ctx.from?.id as number);
  const worker = await workerLinesFor(ctx.deps, await ctx.i18n.getLocale(), ctx.from?.id as number);
  if (worker) lines.push("", ...worker);
  await ctx.reply(lines.join("\n"), {
    reply_markup: mine.type === "worker" ? askKeyboard(ctx.t) : undefined,
  });
});

profile.command("language", privateOnly(), async (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES)
    keyboard.text(ctx.t(`language-${locale}`), profileButtons.language.data({ locale }));
  await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard });
});

/** A language that isn't one of ours doesn't match the button, and gets the bot's "expired" answer. */
onButton(profile, profileButtons.language, async (ctx, { locale }) => {
  await chooseLanguage(ctx.deps, ctx.from.id, locale);
  ctx.i18n.useLocale(locale);
  await ctx.editMessageText(ctx.t("language-set"));
  // Staff: their own command menu and the dashboard's menu button in the new language.
  const roles = ctx.actor?.roles ?? new Set();
  if ([...roles].some((r) => r !== "resident"))
    await setPersonalMenu(ctx.api, ctx.deps, ctx.from.id, locale, roles);
  await ctx.answerCallbackQuery();
});

profile.command("forget", privateOnly(), async (ctx) => {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("forget-yes"), profileButtons.forgetYes.data({}))
    .text(ctx.t("forget-no"), profileButtons.forgetNo.data({}));
  await ctx.reply(ctx.t("forget-confirm"), { reply_markup: keyboard });
});

onButton(profile, profileButtons.forgetNo, async (ctx) => {
  await ctx.editMessageText(ctx.t("forget-kept"));
  await ctx.answerCallbackQuery();
});

onButton(profile, profileButtons.forgetYes, async (ctx) => {
  // Only the person themself can press it: it is in their private chat, and
  // it acts on whoever pressed, never on an id carried by the button.
  // A half-finished conversation holds what they typed (a name, a phone): it ends too.
  await ctx.conversation.exitAll();
  await forgetPerson(ctx.deps, ctx.from.id);
  await ctx.editMessageText(ctx.t("forget-done"));
  await ctx.answerCallbackQuery();
});
