/** The buttons of /language and /forget, each defined once as typed callback data. */
import { button } from "../../bot/callback-data.js";
import { LOCALES } from "../../bot/i18n.js";

export const profileButtons = {
  language: button("lang", { locale: LOCALES }),
  forgetYes: button("forget:yes"),
  forgetNo: button("forget:no"),
};
