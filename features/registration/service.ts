/** Storing a registration: the household for the room, the person's name and phone, their link. */
import type { BotDeps } from "../../bot/context.js";
import type { Household, Registration } from "../../storage/households.js";

/** One transaction; registering again moves or updates the same record. */
export async function register(deps: BotDeps, registration: Registration): Promise<Household> {
  return deps.storage.households.register(registration);
}
