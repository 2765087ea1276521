/** Staff roles: /invite <role> (a single-use deep link), /roles, /revoke. Admins only. */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { dateTime, personName } from "../../bot/format.js";
import { privateOnly, requireRole } from "../../bot/permissions.js";
import { isGrantableRole } from "../../domain/roles.js";
import { splitMessage } from "../../domain/text.js";
import { setPersonalMenu } from "../help/index.js";
import { createInvite, revokeRole } from "./service.js";

export const staff = new Composer<BotContext>();

staff.command("invite", privateOnly(), requireRole("role.invite", ["admin"]), async (ctx) => {
  const role = ctx.match.trim().toLowerCase();
  if (!isGrantableRole(role)) {
    await ctx.reply(ctx.t("invite-usage"));
    return;
  }
  const { code, expires } = await createInvite(ctx.deps, role, ctx.from?.id as number);
  await ctx.reply(
    ctx.t("invite-link", {
      role: ctx.t(`role-${role}`),
      link: `https://t.me/${ctx.me.username}?start=role_${code}`,
      expires: dateTime(expires, ctx.deps.config.timezone),
    }),
  );
});

staff.command("roles", privateOnly(), requireRole("role.list", ["admin"]), async (ctx) => {
  const holders = await ctx.deps.storage.roles.holders();
  const lines = holders.map(
    (h) => `${ctx.t(`role-${h.role}`)}: ${personName(h, "—")} (${h.personId})`,
  );
  for (const id of ctx.deps.config.adminIds) {
    lines.push(`${ctx.t("role-admin")}: ${id} ${ctx.t("roles-from-config")}`);
  }
  const text = [ctx.t("roles-title"), ...(lines.length ? lines : [ctx.t("roles-none")])].join("\n");
  for (const chunk of splitMessage(text)) await ctx.reply(chunk);
});

staff.command("revoke", privateOnly(), requireRole("role.revoke", ["admin"]), async (ctx) => {
  const [who, roleArg] = ctx.match.trim().split(/\s+/);
  const role = roleArg?.toLowerCase() ?? "";
  if (!who || !isGrantableRole(role)) {
    await ctx.reply(ctx.t("revoke-usage"));
    return;
  }
  const { storage, config } = ctx.deps;
  const person = /^\d+$/.test(who)
    ? await storage.people.get(Number(who))
    : await storage.people.findByUsername(who);
  if (!person) {
    await ctx.reply(ctx.t("revoke-unknown-person", { who: who.slice(0, 40) }));
    return;
  }
  if (role === "admin" && config.adminIds.includes(person.id)) {
    await ctx.reply(ctx.t("revoke-config-admin"));
    return;
  }
  const { had, left, ended } = await revokeRole(ctx.deps, ctx.from?.id ?? null, person.id, role);
  if (!had) {
    await ctx.reply(
      ctx.t("revoke-not-held", { who: personName(person, "—"), role: ctx.t(`role-${role}`) }),
    );
    return;
  }
  await setPersonalMenu(
    ctx.api,
    ctx.deps,
    person.id,
    person.language ?? config.defaultLocale,
    left,
  );
  const done = ctx.t("revoke-done", { who: personName(person, "—"), role: ctx.t(`role-${role}`) });
  const closed = ended.map((id) => ctx.t(`conv-name-${id}`)).join(ctx.t("list-separator"));
  await ctx.reply(
    ended.length > 0 ? `${done}\n${ctx.t("revoke-ended-conversations", { names: closed })}` : done,
  );
});
