/** What a person changes about themselves: their language, and /forget. */
import type { BotDeps } from "../../bot/context.js";
import type { Locale } from "../../bot/i18n.js";
import { forgetVolunteer } from "../volunteers/index.js";

export async function chooseLanguage(deps: BotDeps, personId: number, locale: Locale) {
  await deps.storage.people.setLanguage(personId, locale);
}

/**
 * Removes the person's name, username and phone, and what they typed,
 * everywhere (storage/forget.ts lists it table by table); rows others need
 * stay, anonymised. Audited (by id).
 */
export async function forgetPerson(deps: BotDeps, personId: number): Promise<void> {
  await deps.storage.privacy.forget(personId);
  await forgetVolunteer(deps, personId);
  await deps.storage.audit.log({ actorId: personId, action: "person.forget" });
}
