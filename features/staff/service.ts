/** Staff roles' use cases: an invite link, redeeming it, revoking a role. Each is audited. */
import { randomBytes } from "node:crypto";
import type { BotDeps } from "../../bot/context.js";
import { endConversationsNeeding } from "../../bot/conversation.js";
import type { GrantableRole, Role } from "../../domain/roles.js";
import type { RedeemResult } from "../../storage/invites.js";

/** How long an invite link works. */
export const INVITE_TTL_MS = 48 * 3600 * 1000;

/** A single-use code for `role`, and when it stops working. */
export async function createInvite(
  deps: BotDeps,
  role: GrantableRole,
  by: number,
): Promise<{ code: string; expires: Date }> {
  const code = randomBytes(12).toString("base64url");
  const expires = await deps.storage.invites.create(code, role, by, INVITE_TTL_MS);
  await deps.storage.audit.log({ actorId: by, action: "role.invite", detail: { role } });
  return { code, expires };
}

/** Uses an invite code: the role is granted once, to whoever opens the link first. */
export async function redeemInvite(
  deps: BotDeps,
  code: string,
  personId: number,
): Promise<RedeemResult> {
  const result = await deps.storage.invites.redeem(code, personId, deps.config.adminIds);
  await deps.storage.audit.log({
    actorId: personId,
    action: "invite.redeem",
    outcome: result.ok ? "ok" : "denied",
    detail: result.ok ? { role: result.role } : { reason: result.reason },
  });
  return result;
}

/**
 * Takes a role away. Their open conversations that needed it (a notice being
 * composed, a check-in at someone's door...) end at once, and they are told.
 * Returns whether they held it, the roles they keep, and the conversations ended.
 */
export async function revokeRole(
  deps: BotDeps,
  by: number | null,
  personId: number,
  role: GrantableRole,
): Promise<{ had: boolean; left: Set<Role>; ended: string[] }> {
  const { storage, config } = deps;
  const had = await storage.roles.revoke(personId, role);
  const left = new Set<Role>(await storage.roles.of(personId));
  const held = new Set(left);
  if (config.adminIds.includes(personId)) held.add("admin");
  const ended = had ? await endConversationsNeeding(deps, personId, held, role) : [];
  await storage.audit.log({
    actorId: by,
    action: "role.revoke",
    detail: { person: personId, role, had, ended },
  });
  return { had, left, ended };
}
