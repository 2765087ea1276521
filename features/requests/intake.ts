/**
 * /request: the guided intake in private chat. Staff first say for whom (
 * themselves, a household by its room, or someone who isn't registered);
 * a resident who isn't registered registers first and comes straight back.
 * Then the category (buttons), the category's own questions, the urgency,
 * and a summary where any answer can be changed before it is sent.
 *
 * Conversation code replays: every database read and the filing itself go
 * through `conversation.external`.
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, MAX_TRIES, staleButton } from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import { holds } from "../../bot/permissions.js";
import { type Address, formatAddress, parseAddress } from "../../domain/address.js";
import { parsePhone } from "../../domain/phone.js";
import {
  CATEGORIES,
  CATEGORY_FIELDS,
  type Category,
  type FieldSpec,
  forcedUrgency,
  isCategory,
  NAME_MAX,
  PHOTOS_MAX,
  parseCount,
  SHORT_MAX,
  TEXT_MAX,
  URGENCIES,
  type Urgency,
} from "../../domain/request-catalogue.js";
import type { Role } from "../../domain/roles.js";
import { cleanName, hasLetter } from "../../domain/text.js";
import { sosKeyboard } from "../escalation/index.js";
import { registration } from "../registration/index.js";
import { bare, questions } from "./ask.js";
import { detailLines, requestButtons, urgencyLabel } from "./render.js";
import { type RequestDraft, type Subject, submitRequest } from "./service.js";

/** Who may file a request for someone else. */
const STAFF: readonly Role[] = ["volunteer", "coordinator", "worker"];

/** What the intake may start with (JSON: it is stored with the conversation). */
export interface IntakePreset {
  category?: string | null;
  /** For whom, already known (a key-care check that needs something): not asked. */
  subject?: Subject | null;
}

async function requestIntake(
  conversation: BotConversation,
  ctx: ConvContext,
  preset?: IntakePreset | null,
): Promise<void> {
  const me = ctx.from?.id as number;
  const who = await conversation.external(async (c) => ({
    staff: holds(c, STAFF),
    registered: (await c.deps.storage.households.ofPerson(me)) !== undefined,
  }));
  const subject: Subject =
    who.staff && preset?.subject
      ? preset.subject
      : who.staff
        ? await askSubject(conversation, ctx)
        : { kind: "self" };
  if (subject.kind === "self" && !who.registered) {
    await ctx.reply(ctx.t("rq-register-first"));
    await registration(conversation, ctx, null, null);
    await ctx.reply(ctx.t("rq-back-to-request"));
  }

  const category =
    preset?.category && isCategory(preset.category)
      ? preset.category
      : await askCategory(conversation, ctx);
  const draft: RequestDraft = {
    subject,
    category,
    details: {},
    photos: [],
    urgency: "today",
    noticeId: null,
  };
  for (const field of CATEGORY_FIELDS[category]) await askField(conversation, ctx, draft, field);
  draft.urgency = await askUrgency(conversation, ctx, draft);

  for (;;) {
    const choice = await confirm(conversation, ctx, draft, who.staff);
    if (choice === "send") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "subject") draft.subject = await askSubject(conversation, ctx);
    if (choice === "urgency") draft.urgency = await askUrgency(conversation, ctx, draft);
    if (choice === "category") {
      draft.category = await askCategory(conversation, ctx);
      draft.details = {};
      draft.photos = [];
      draft.noticeId = null;
      for (const field of CATEGORY_FIELDS[draft.category])
        await askField(conversation, ctx, draft, field);
      draft.urgency = await askUrgency(conversation, ctx, draft);
    }
    if (choice.startsWith("f:")) {
      const field = CATEGORY_FIELDS[draft.category].find((f) => f.key === choice.slice(2));
      if (field) {
        await askField(conversation, ctx, draft, field);
        const forced = forcedUrgency(draft.category, draft.details);
        if (forced) draft.urgency = forced;
      }
    }
  }

  // Filing for someone else needs a staff role still held now, not only at the start.
  if (draft.subject.kind !== "self") {
    const still = await conversation.external((c) => holds(c, STAFF));
    if (!still) {
      await ctx.reply(ctx.t("rq-role-gone"), { reply_markup: { remove_keyboard: true } });
      return;
    }
  }
  const filed = await conversation.external(async (c) => {
    const r = await submitRequest(c.deps, me, draft);
    return r.ok ? { ok: true as const, number: r.request.number } : { ok: false as const };
  });
  // The reply keyboard used for a phone question goes; a resident gets their 🆘 key back.
  const resident = draft.subject.kind === "self" || who.registered;
  const keyboard = resident ? sosKeyboard(ctx) : { remove_keyboard: true as const };
  if (!filed.ok) {
    await ctx.reply(ctx.t("rq-limited"), { reply_markup: keyboard });
    return;
  }
  const lines = [ctx.t("rq-filed", { number: filed.number })];
  if (draft.subject.kind !== "self") lines.push(ctx.t("rq-filed-proxy"));
  if (draft.urgency === "now") lines.push(ctx.t("rq-filed-urgent"));
  await ctx.reply(lines.join("\n\n"), { reply_markup: keyboard });
}

// ============================================================ waiting

const { input, data, choose, askText, pressedAt } = questions(requestButtons.intake);

// ============================================================ subject

async function askSubject(conversation: BotConversation, ctx: ConvContext): Promise<Subject> {
  const kind = await choose(
    conversation,
    ctx,
    "for",
    ctx.t("rq-ask-for-whom"),
    [
      { value: "self", label: ctx.t("rq-for-self") },
      { value: "household", label: ctx.t("rq-for-household") },
      { value: "unregistered", label: ctx.t("rq-for-unregistered") },
    ],
    1,
  );
  if (kind === "self") return { kind: "self" };
  if (kind === "household") {
    const address = await askRoom(conversation, ctx, ctx.t("rq-ask-household-room"), false);
    return { kind: "household", address: address as Address };
  }
  const name = await askName(conversation, ctx);
  for (;;) {
    const phone = await askPhone(conversation, ctx);
    const address = await askRoom(conversation, ctx, ctx.t("rq-ask-unregistered-room"), true);
    if (phone !== null || address !== null) return { kind: "unregistered", name, phone, address };
    await ctx.reply(ctx.t("rq-need-phone-or-room"));
  }
}

async function askName(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  const name = await askText(conversation, ctx, "name", ctx.t("rq-ask-subject-name"), {
    max: 1000,
    parse: (value) => {
      const line = cleanName(value);
      if (!hasLetter(line)) return { ok: false, error: ctx.t("reg-name-no-letter") };
      return line.length <= NAME_MAX
        ? { ok: true, value: line }
        : { ok: false, error: ctx.t("reg-name-too-long", { length: line.length, max: NAME_MAX }) };
    },
  });
  return name ?? "";
}

async function askPhone(conversation: BotConversation, ctx: ConvContext): Promise<string | null> {
  return askText(conversation, ctx, "phone", ctx.t("rq-ask-subject-phone"), {
    max: 100,
    skipLabel: ctx.t("rq-skip"),
    parse: (value) => {
      const parsed = parsePhone(value);
      return parsed.ok
        ? { ok: true, value: parsed.phone }
        : { ok: false, error: ctx.t(`reg-phone-${parsed.error}`) };
    },
  });
}

/** A room, checked against the layout (when there is one). */
async function askRoom(
  conversation: BotConversation,
  ctx: ConvContext,
  question: string,
  optional: boolean,
): Promise<Address | null> {
  return askText<Address>(conversation, ctx, "room", question, {
    max: 100,
    skipLabel: optional ? ctx.t("rq-skip") : undefined,
    parse: async (value) => {
      const parsed = parseAddress(value);
      if (!parsed.ok)
        return { ok: false, error: ctx.t(`reg-address-${parsed.error}`, { example: "3-2-501" }) };
      const address = parsed.address;
      const known = await conversation.external(async (c) => {
        const layout = c.deps.storage.layout;
        return !(await layout.hasLayout()) || (await layout.roomExists(address));
      });
      return known
        ? { ok: true, value: address }
        : { ok: false, error: ctx.t("reg-address-unknown", { address: formatAddress(address) }) };
    },
  });
}

// ============================================================ the request

async function askCategory(conversation: BotConversation, ctx: ConvContext): Promise<Category> {
  const value = await choose(
    conversation,
    ctx,
    "cat",
    ctx.t("rq-ask-category"),
    CATEGORIES.map((c) => ({ value: c, label: ctx.t(`rq-cat-${c}`) })),
  );
  return value as Category;
}

async function askUrgency(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: RequestDraft,
): Promise<Urgency> {
  const forced = forcedUrgency(draft.category, draft.details);
  if (forced) return forced;
  const value = await choose(
    conversation,
    ctx,
    "urg",
    ctx.t("rq-ask-urgency"),
    URGENCIES.map((u) => ({ value: u, label: ctx.t(`rq-urgency-choice-${u}`) })),
    1,
  );
  return value as Urgency;
}

/** Asks one of the category's questions and stores the answer in the draft. */
async function askField(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: RequestDraft,
  field: FieldSpec,
): Promise<void> {
  const question = ctx.t(`rq-ask-${field.key}`, { max: TEXT_MAX, photos: PHOTOS_MAX });
  const set = (value: string | null) => {
    if (value === null) delete draft.details[field.key];
    else draft.details[field.key] = value;
  };
  switch (field.kind) {
    case "text":
    case "list":
      set(
        await askText(conversation, ctx, field.key, question, { max: TEXT_MAX, kind: field.kind }),
      );
      return;
    case "short":
      set(
        await askText(conversation, ctx, field.key, question, {
          max: SHORT_MAX,
          skipLabel: field.optional ? ctx.t("rq-skip") : undefined,
        }),
      );
      return;
    case "choice": {
      const value = await choose(
        conversation,
        ctx,
        field.key,
        question,
        (field.options ?? []).map((o) => ({ value: o, label: ctx.t(`rq-opt-${field.key}-${o}`) })),
      );
      set(value);
      if (field.key === "gas_problem" && value === "leak")
        await ctx.reply(ctx.t("rq-gas-leak-safety"));
      return;
    }
    case "count":
      set(String(await askCount(conversation, ctx, field.key, question)));
      return;
    case "photos":
      draft.photos = await askPhotos(conversation, ctx, question);
      return;
    case "notice": {
      const id = await askNotice(conversation, ctx, draft);
      draft.noticeId = id;
      set(id === null ? null : String(id));
      return;
    }
  }
}

async function askCount(
  conversation: BotConversation,
  ctx: ConvContext,
  step: string,
  question: string,
): Promise<number> {
  const keyboard = new InlineKeyboard();
  for (let n = 1; n <= 4; n++) keyboard.text(String(n), data(step, String(n)));
  await ctx.reply(question, { reply_markup: keyboard });
  const ask = input(conversation);
  for (;;) {
    const answer = await ask.next();
    const pressed = pressedAt(answer, step);
    if (answer.callbackQuery && pressed === undefined) {
      await staleButton(answer);
      continue;
    }
    if (pressed !== undefined) await answer.answerCallbackQuery();
    const n = parseCount(pressed ?? answer.message?.text ?? "");
    if (n !== undefined) return n;
    await answer.reply(ctx.t("rq-count-invalid"), { reply_markup: keyboard });
  }
}

/** Up to PHOTOS_MAX photos, or none: "No photo" / "That's all". */
async function askPhotos(
  conversation: BotConversation,
  ctx: ConvContext,
  question: string,
): Promise<string[]> {
  const photos: string[] = [];
  const none = new InlineKeyboard().text(ctx.t("rq-no-photo"), data("photos", "none"));
  const enough = new InlineKeyboard().text(ctx.t("rq-photos-done"), data("photos", "done"));
  await ctx.reply(question, { reply_markup: none });
  const ask = input(conversation, PHOTOS_MAX + MAX_TRIES);
  for (;;) {
    const answer = await ask.next();
    const pressed = pressedAt(answer, "photos");
    if (pressed === "none" || pressed === "done") {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return photos;
    }
    if (answer.callbackQuery) {
      await staleButton(answer);
      continue;
    }
    const photo = answer.message?.photo?.at(-1);
    if (photo) {
      photos.push(photo.file_id);
      if (photos.length >= PHOTOS_MAX) {
        await answer.reply(ctx.t("rq-photos-enough", { count: photos.length }));
        return photos;
      }
      await answer.reply(ctx.t("rq-photo-received", { count: photos.length, max: PHOTOS_MAX }), {
        reply_markup: enough,
      });
      continue;
    }
    const text = answer.message?.text;
    if (text !== undefined && bare(text) === bare(ctx.t("rq-no-photo"))) return photos;
    if (text !== undefined && photos.length > 0 && bare(text) === bare(ctx.t("rq-photos-done")))
      return photos;
    await answer.reply(ctx.t("rq-photo-expected"), {
      reply_markup: photos.length > 0 ? enough : none,
    });
  }
}

/** Which notice a policy question is about: the resident's notices in force, or none. */
async function askNotice(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: RequestDraft,
): Promise<number | null> {
  if (draft.subject.kind !== "self") return null;
  const me = ctx.from?.id as number;
  const tz = ctx.deps.config.timezone;
  const notices = await conversation.external(async (c) =>
    (await c.deps.storage.notices.inForceFor(me, 3)).map((n) => ({ id: n.id, at: n.sendAt })),
  );
  if (notices.length === 0) return null;
  const value = await choose(
    conversation,
    ctx,
    "notice",
    ctx.t("rq-ask-notice"),
    [
      ...notices.map((n) => ({
        value: String(n.id),
        label: ctx.t("rq-notice-button", { id: n.id, time: dateTime(new Date(n.at), tz) }),
      })),
      { value: "none", label: ctx.t("rq-notice-none") },
    ],
    1,
  );
  return value === "none" ? null : Number(value);
}

// ============================================================ summary

type Choice = "send" | "cancel" | "subject" | "urgency" | "category" | `f:${string}`;

function subjectText(ctx: ConvContext, s: Subject): string {
  if (s.kind === "self") return ctx.t("rq-for-self");
  if (s.kind === "household")
    return ctx.t("rq-summary-household", { address: formatAddress(s.address) });
  return ctx.t("rq-summary-unregistered", {
    name: s.name,
    phone: s.phone ?? ctx.t("rq-no-phone"),
    address: s.address ? formatAddress(s.address) : ctx.t("rq-no-room"),
  });
}

async function confirm(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: RequestDraft,
  staff: boolean,
): Promise<Choice> {
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const lines = [
    ctx.t("rq-summary-title"),
    ...(staff ? [ctx.t("rq-summary-for", { subject: subjectText(ctx, draft.subject) })] : []),
    ctx.t("rq-summary-category", { category: ctx.t(`rq-cat-${draft.category}`) }),
    ...detailLines(t, draft.category, draft.details, draft.photos.length),
    ctx.t("rq-summary-urgency", { urgency: urgencyLabel(t, draft.urgency) }),
    "",
    ctx.t("rq-summary-hint"),
  ];
  const keyboard = new InlineKeyboard().text(ctx.t("rq-send"), data("sum", "send")).row();
  const edits: Array<[Choice, string]> = [
    ...CATEGORY_FIELDS[draft.category].map(
      (f) =>
        [`f:${f.key}`, ctx.t("rq-edit", { field: ctx.t(`rq-field-${f.key}`) })] as [Choice, string],
    ),
    ["urgency", ctx.t("rq-edit", { field: ctx.t("rq-field-urgency") })],
    ["category", ctx.t("rq-edit", { field: ctx.t("rq-field-category") })],
    ...(staff
      ? [["subject", ctx.t("rq-edit", { field: ctx.t("rq-field-subject") })] as [Choice, string]]
      : []),
  ];
  edits.forEach(([choice, label], i) => {
    keyboard.text(label, data("sum", choice));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("rq-cancel"), data("sum", "cancel"));
  const valid = new Set<string>(["send", "cancel", ...edits.map(([c]) => c)]);
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  const ask = input(conversation);
  for (;;) {
    const answer = await ask.next();
    const value = pressedAt(answer, "sum");
    if (value !== undefined && valid.has(value)) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      return value as Choice;
    }
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(ctx.t("rq-summary-use-buttons"));
  }
}

/** The intake, as a conversation of its own (/request, Ask for help). */
export const REQUEST_INTAKE = defineConversation("request", requestIntake);
