/** Roles and who may do what. Pure, no grammY, no SQL. */

export const ROLES = ["admin", "worker", "coordinator", "volunteer", "resident"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an admin can hand out with /invite (resident comes from registering). */
export const GRANTABLE_ROLES = ["admin", "worker", "coordinator", "volunteer"] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export function isGrantableRole(value: string): value is GrantableRole {
  return (GRANTABLE_ROLES as readonly string[]).includes(value);
}

export const STAFF_ROLES: readonly Role[] = ["admin", "worker", "coordinator", "volunteer"];

/** An admin may do everything; otherwise the caller needs one of `allowed`. */
export function mayAct(held: ReadonlySet<Role>, allowed: readonly Role[]): boolean {
  if (held.has("admin")) return true;
  return allowed.some((r) => held.has(r));
}
