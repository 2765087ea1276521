/**
 * /coverage (workers, coordinators, admins): who has registered, who can be
 * reached, which rooms are missing, and which rooms noted care needs;
 * `/coverage mine` for a worker's own units.
 */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { privateOnly, requireRole } from "../../bot/permissions.js";
import { compareCodes } from "../../domain/address.js";
import { computeCoverage } from "../../domain/coverage.js";
import { cleanLine, splitMessage } from "../../domain/text.js";
import { unitsOf } from "../grid/index.js";

export const coverage = new Composer<BotContext>();

coverage.command(
  "coverage",
  privateOnly(),
  requireRole("coverage.view", ["worker", "coordinator"]),
  async (ctx) => {
    const { storage } = ctx.deps;
    const arg = cleanLine(ctx.match).toLowerCase();
    let rooms = await storage.layout.rooms();
    let residents = await storage.households.residentsWithRooms();
    // `/coverage mine`: only the units this worker looks after (the grid).
    if (arg === "mine" || arg === "我的") {
      const mine = await unitsOf(ctx.deps, ctx.from?.id as number);
      rooms = mine ? rooms.filter(mine) : [];
      residents = mine ? residents.filter(mine) : [];
      if (rooms.length === 0 && residents.length === 0) {
        await ctx.reply(ctx.t("coverage-mine-none"));
        return;
      }
      await ctx.reply(ctx.t("coverage-mine"));
    }
    const report = computeCoverage(rooms, residents);
    // Rooms whose residents noted care needs (any resident's answer counts), by unit.
    const careNeeds = (await storage.households.withCareNeeds()).sort((a, b) =>
      compareCodes(a.room, b.room),
    );
    if (report.units.length === 0) {
      await ctx.reply(ctx.t("coverage-empty"));
      return;
    }
    const lines = [ctx.t("coverage-title"), ""];
    for (const u of report.units) {
      lines.push(
        ctx.t(report.hasLayout ? "coverage-unit" : "coverage-unit-no-layout", {
          unit: u.label,
          registered: u.registered,
          rooms: u.rooms,
          reachable: u.reachable,
          unreachable: u.unreachable,
        }),
      );
      if (u.missing.length > 0) {
        lines.push(ctx.t("coverage-missing", { rooms: u.missing.join(", ") }));
      }
      const needs = careNeeds.filter((n) => n.building === u.building && n.unit === u.unit);
      if (needs.length > 0) {
        const rooms = needs.map((n) =>
          ctx.t("coverage-needs-room", {
            room: n.room,
            flags: n.flags.map((f) => ctx.t(`flag-${f}`)).join(ctx.t("list-separator")),
          }),
        );
        lines.push(ctx.t("coverage-needs", { rooms: rooms.join(ctx.t("list-separator")) }));
      }
    }
    lines.push(
      "",
      ctx.t(report.hasLayout ? "coverage-total" : "coverage-total-no-layout", report.total),
    );
    if (!report.hasLayout) lines.push(ctx.t("coverage-no-layout"));
    for (const chunk of splitMessage(lines.join("\n"))) await ctx.reply(chunk);
  },
);
