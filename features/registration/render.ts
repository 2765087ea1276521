/**
 * What registration shows besides its questions' words: the buttons (each
 * defined once, as typed callback data) and the keyboards made of them.
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BaseContext } from "../../bot/context.js";
import { CARE_FLAGS, type CareFlag } from "../../storage/households.js";

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
