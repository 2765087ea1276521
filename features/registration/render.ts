/**
 * What registration shows besides its questions' words: the buttons (each
 * defined once, as typed callback data) and the keyboards made of them, and
 * a worker's view of a room's residents (/residents).
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BaseContext } from "../../bot/context.js";
import { dateTime, personName } from "../../bot/format.js";
import { formatAddress } from "../../domain/address.js";
import {
  CARE_FLAGS,
  type CareFlag,
  type Household,
  type RemovedResident,
  type RoomResident,
} from "../../storage/households.js";

/** The answers the summary lets a person change. */
export const EDITABLE = ["room", "name", "phone", "members", "flags"] as const;
export type Editable = (typeof EDITABLE)[number];

/** Registration's buttons; a press of any other button goes on to the rest of the bot. */
export const registrationButtons = {
  members: button("reg:members", { n: "int" }),
  flag: button("reg:flag", { flag: CARE_FLAGS }),
  flagsDone: button("reg:flags:done"),
  save: button("reg:save"),
  edit: button("reg:edit", { field: EDITABLE }),
};

/** 1 to 6 as buttons (more can be typed). */
export function membersKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let n = 1; n <= 6; n++) keyboard.text(String(n), registrationButtons.members.data({ n }));
  return keyboard;
}

/** One button per care flag, ticked when chosen, and Done. */
export function flagsKeyboard(ctx: BaseContext, chosen: readonly CareFlag[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const flag of CARE_FLAGS) {
    const mark = chosen.includes(flag) ? "✅ " : "⬜ ";
    keyboard.text(mark + ctx.t(`flag-${flag}`), registrationButtons.flag.data({ flag })).row();
  }
  return keyboard.text(ctx.t("reg-flags-done"), registrationButtons.flagsDone.data({}));
}

/** Agree and save, then one button per answer to change. */
export function summaryKeyboard(ctx: BaseContext): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("reg-agree"), registrationButtons.save.data({}))
    .row();
  EDITABLE.forEach((field, i) => {
    keyboard.text(ctx.t(`reg-edit-${field}`), registrationButtons.edit.data({ field }));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

// ============================================================ /residents

/** A worker's buttons on a room's list of residents. `h` the household, `p` the person. */
export const residentButtons = {
  /** Remove this resident: asks first. */
  remove: button("res:rm", { h: "int", p: "int" }),
  /** Yes, remove. */
  removeYes: button("res:rmy", { h: "int", p: "int" }),
  /** No, keep. */
  removeNo: button("res:rmn"),
  /** Let a removed person register into the room again. */
  allow: button("res:ok", { h: "int", p: "int" }),
};

/** A person on the list: the name they gave, else Telegram's. */
export function residentLabel(r: {
  personId: number;
  displayName: string | null;
  firstName: string | null;
  username: string | null;
}): string {
  return personName(r, r.personId);
}

/** A room's residents (each with what they said and a Remove button) and those removed from it. */
export function roomPayload(
  ctx: BaseContext,
  room: { household: Household; residents: RoomResident[]; removed: RemovedResident[] },
) {
  const tz = ctx.deps.config.timezone;
  const address = formatAddress(room.household);
  const flagNames = (flags: readonly CareFlag[]) =>
    flags.map((f) => ctx.t(`flag-${f}`)).join(ctx.t("list-separator")) || ctx.t("reg-none");
  const lines = [
    room.residents.length === 0
      ? ctx.t("res-title-empty", { address })
      : ctx.t("res-title", { address, count: room.residents.length }),
  ];
  const keyboard = new InlineKeyboard();
  room.residents.forEach((r, i) => {
    const name = residentLabel(r);
    lines.push(
      ctx.t("res-line", {
        n: i + 1,
        name,
        time: dateTime(r.registeredAt, tz),
        members: r.own.members,
        flags: flagNames(r.own.flags),
        reachable: ctx.t(r.reachability === "reachable" ? "res-reachable" : "res-unreachable"),
      }),
    );
    keyboard
      .text(
        ctx.t("res-btn-remove", { n: i + 1, name }),
        residentButtons.remove.data({ h: room.household.id, p: r.personId }),
      )
      .row();
  });
  if (room.residents.length > 1) {
    lines.push(
      ctx.t("res-combined", {
        members: room.household.members,
        flags: flagNames(room.household.flags),
      }),
    );
  }
  if (room.removed.length > 0) {
    lines.push("", ctx.t("res-removed-title"));
    for (const r of room.removed) {
      const name = residentLabel(r);
      lines.push(ctx.t("res-removed-line", { name, time: dateTime(r.removedAt, tz) }));
      keyboard
        .text(
          ctx.t("res-btn-allow", { name }),
          residentButtons.allow.data({ h: room.household.id, p: r.personId }),
        )
        .row();
    }
  }
  return {
    text: lines.join("\n"),
    ...(keyboard.inline_keyboard.length > 0 ? { reply_markup: keyboard } : {}),
  };
}

/** "Remove X from 3-2-501?" with Yes / No. */
export function confirmRemoveKeyboard(ctx: BaseContext, h: number, p: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("res-btn-remove-yes"), residentButtons.removeYes.data({ h, p }))
    .text(ctx.t("res-btn-remove-no"), residentButtons.removeNo.data({}));
}
