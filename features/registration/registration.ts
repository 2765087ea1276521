/**
 * Registration: a guided conversation in private chat. Room (checked against
 * the layout), how to address the person, an optional phone number, household
 * size, care flags; then a summary where any answer can be changed, and
 * consent before anything is stored.
 */
import { Keyboard } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, question, staleButton } from "../../bot/conversation.js";
import { type Address, formatAddress, parseAddress } from "../../domain/address.js";
import { parsePhone } from "../../domain/phone.js";
import { cleanName, hasLetter } from "../../domain/text.js";
import type { CareFlag } from "../../storage/households.js";
import { sosKeyboard } from "../escalation/index.js";
import { workerLinesFor } from "../grid/index.js";
import {
  type Editable,
  flagsKeyboard,
  membersKeyboard,
  registrationButtons,
  summaryKeyboard,
} from "./render.js";
import { register, removedFrom } from "./service.js";

/** Its own buttons; any other button pressed meanwhile goes on to the rest of the bot. */
const OWN = Object.values(registrationButtons);
const NAME_MAX = 30;
const MEMBERS_MAX = 20;

interface Draft {
  address: Address;
  name: string;
  phone: string | null;
  members: number;
  flags: CareFlag[];
}

export async function registration(
  conversation: BotConversation,
  ctx: ConvContext,
  building?: string | null,
  after?: string | null,
): Promise<void> {
  const draft: Draft = {
    address: await askAddress(conversation, ctx, building),
    name: await askName(conversation, ctx),
    phone: await askPhone(conversation, ctx),
    members: await askMembers(conversation, ctx),
    flags: await askFlags(conversation, ctx, []),
  };
  for (;;) {
    const choice = await confirm(conversation, ctx, draft);
    if (choice === "save") break;
    if (choice === "room") draft.address = await askAddress(conversation, ctx, undefined);
    if (choice === "name") draft.name = await askName(conversation, ctx);
    if (choice === "phone") draft.phone = await askPhone(conversation, ctx);
    if (choice === "members") draft.members = await askMembers(conversation, ctx);
    if (choice === "flags") draft.flags = await askFlags(conversation, ctx, draft.flags);
  }
  const userId = ctx.from?.id as number;
  const outcome = await conversation.external(async (c) => {
    const stored = await register(c.deps, {
      personId: userId,
      address: draft.address,
      displayName: draft.name,
      phone: draft.phone,
      members: draft.members,
      flags: draft.flags,
    });
    return stored.ok
      ? { ok: true as const, told: stored.joinedOthers ? stored.others.length : 0 }
      : stored;
  });
  const address = formatAddress(draft.address);
  if (!outcome.ok) {
    // A worker removed them from this room while they were answering.
    await ctx.reply(ctx.t("reg-address-removed", { address }), {
      reply_markup: { remove_keyboard: true },
    });
    return;
  }
  const done = ctx.t("reg-done", { address, name: draft.name });
  const shared = outcome.told > 0 ? `\n${ctx.t("reg-done-shared", { count: outcome.told })}` : "";
  // Who their grid worker is, if the unit has one (the name the worker chose to show).
  const worker = await conversation.external(async (c) =>
    workerLinesFor(c.deps, await c.i18n.getLocale(), userId),
  );
  const workerText = worker ? `\n\n${worker.join("\n")}` : "";
  // The reply keyboard's 🆘 button replaces the phone keyboard and stays under the chat.
  await ctx.reply(done + shared + workerText, { reply_markup: sosKeyboard(ctx) });
  if (after) await ctx.reply(ctx.t("reg-continue", { command: after }));
}

async function askAddress(
  conversation: BotConversation,
  ctx: ConvContext,
  building?: string | null,
): Promise<Address> {
  const me = ctx.from?.id as number;
  await ctx.reply(
    building ? ctx.t("reg-ask-room-in-building", { building }) : ctx.t("reg-ask-address"),
  );
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined) {
      await rejectNonText(answer);
      continue;
    }
    const parsed = parseAddress(text, building);
    if (!parsed.ok) {
      await answer.reply(
        ctx.t(`reg-address-${parsed.error}`, { example: building ? "2-501" : "3-2-501" }),
      );
      continue;
    }
    const address = parsed.address;
    const check = await conversation.external(async (c) => {
      const layout = c.deps.storage.layout;
      if ((await layout.hasLayout()) && !(await layout.roomExists(address))) return "unknown";
      return (await removedFrom(c.deps, me, address)) ? "removed" : "ok";
    });
    if (check !== "ok") {
      await answer.reply(ctx.t(`reg-address-${check}`, { address: formatAddress(address) }));
      continue;
    }
    return address;
  }
}

async function askName(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  await ctx.reply(ctx.t("reg-ask-name"));
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined) {
      await rejectNonText(answer);
      continue;
    }
    const name = cleanName(text);
    if (name === "") {
      await answer.reply(ctx.t("reg-name-empty"));
      continue;
    }
    if (!hasLetter(name)) {
      await answer.reply(ctx.t("reg-name-no-letter"));
      continue;
    }
    if (name.length > NAME_MAX) {
      await answer.reply(ctx.t("reg-name-too-long", { length: name.length, max: NAME_MAX }));
      continue;
    }
    return name;
  }
}

async function askPhone(conversation: BotConversation, ctx: ConvContext): Promise<string | null> {
  const skip = ctx.t("reg-phone-skip");
  const keyboard = new Keyboard()
    .requestContact(ctx.t("reg-phone-share"))
    .row()
    .text(skip)
    .resized()
    .oneTime();
  await ctx.reply(ctx.t("reg-ask-phone"), { reply_markup: keyboard });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const contact = answer.message?.contact;
    if (contact) {
      if (contact.user_id !== answer.from?.id) {
        await answer.reply(ctx.t("reg-phone-not-yours"), { reply_markup: keyboard });
        continue;
      }
      const parsed = parsePhone(contact.phone_number);
      if (parsed.ok) return done(answer, parsed.phone);
    }
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply(ctx.t("reg-phone-expected"), { reply_markup: keyboard });
      continue;
    }
    if (text.trim() === skip) return done(answer, null);
    const parsed = parsePhone(text);
    if (!parsed.ok) {
      await answer.reply(ctx.t(`reg-phone-${parsed.error}`), { reply_markup: keyboard });
      continue;
    }
    return done(answer, parsed.phone);
  }

  async function done(answer: ConvContext, phone: string | null) {
    await answer.reply(phone ? ctx.t("reg-phone-saved") : ctx.t("reg-phone-skipped"), {
      reply_markup: { remove_keyboard: true },
    });
    return phone;
  }
}

async function askMembers(conversation: BotConversation, ctx: ConvContext): Promise<number> {
  await ctx.reply(ctx.t("reg-ask-members", { max: MEMBERS_MAX }), {
    reply_markup: membersKeyboard(),
  });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const pressed = registrationButtons.members.of(answer);
    if (answer.callbackQuery && pressed === undefined) {
      await staleButton(answer);
      continue;
    }
    if (pressed !== undefined) await answer.answerCallbackQuery();
    const typed = answer.message?.text?.normalize("NFKC").trim();
    const n =
      pressed?.n ?? (typed !== undefined && /^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN);
    if (!(n >= 1 && n <= MEMBERS_MAX)) {
      await answer.reply(ctx.t("reg-members-invalid", { max: MEMBERS_MAX }));
      continue;
    }
    return n;
  }
}

async function askFlags(
  conversation: BotConversation,
  ctx: ConvContext,
  initial: CareFlag[],
): Promise<CareFlag[]> {
  let chosen = [...initial];
  await ctx.reply(ctx.t("reg-ask-flags"), { reply_markup: flagsKeyboard(ctx, chosen) });
  // Ticking and unticking four boxes takes several presses.
  const ask = question(conversation, OWN, { tries: 20 });
  for (;;) {
    const answer = await ask.next();
    if (!answer.callbackQuery) {
      await answer.reply(ctx.t("reg-flags-use-buttons"));
      continue;
    }
    if (registrationButtons.flagsDone.of(answer)) {
      await answer.answerCallbackQuery();
      return chosen;
    }
    const flag = registrationButtons.flag.of(answer)?.flag;
    if (!flag) {
      await staleButton(answer);
      continue;
    }
    chosen = chosen.includes(flag) ? chosen.filter((f) => f !== flag) : [...chosen, flag];
    await answer.answerCallbackQuery();
    await answer.editMessageReplyMarkup({ reply_markup: flagsKeyboard(ctx, chosen) });
  }
}

type Choice = "save" | Editable;

async function confirm(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: Draft,
): Promise<Choice> {
  const flags = draft.flags.map((f) => ctx.t(`flag-${f}`)).join(ctx.t("list-separator"));
  const summary = ctx.t("reg-summary", {
    address: formatAddress(draft.address),
    name: draft.name,
    phone: draft.phone ?? ctx.t("reg-none"),
    members: draft.members,
    flags: flags || ctx.t("reg-none"),
  });
  await ctx.reply(`${summary}\n\n${ctx.t("reg-consent")}`, { reply_markup: summaryKeyboard(ctx) });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const choice = registrationButtons.save.of(answer)
      ? "save"
      : registrationButtons.edit.of(answer)?.field;
    if (choice) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return choice;
    }
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(ctx.t("reg-confirm-use-buttons"));
  }
}

async function rejectNonText(answer: ConvContext): Promise<void> {
  if (answer.callbackQuery) await staleButton(answer);
  else await answer.reply(answer.t("conv-expected-text"));
}

/** Registration as a conversation of its own (/register, a building group's deep link). */
export const REGISTRATION = defineConversation("register", registration);
