/** /coverage (workers, admins): who has registered, who can be reached, which rooms are missing. */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { privateOnly, requireRole } from "../../bot/permissions.js";
import { computeCoverage } from "../../domain/coverage.js";
import { splitMessage } from "../../domain/text.js";

export const coverage = new Composer<BotContext>();

coverage.command(
  "coverage",
  privateOnly(),
  requireRole("coverage.view", ["worker"]),
  async (ctx) => {
    const { storage } = ctx.deps;
    const report = computeCoverage(
      await storage.layout.rooms(),
      await storage.households.residentsWithRooms(),
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
    }
    lines.push(
      "",
      ctx.t(report.hasLayout ? "coverage-total" : "coverage-total-no-layout", report.total),
    );
    if (!report.hasLayout) lines.push(ctx.t("coverage-no-layout"));
    for (const chunk of splitMessage(lines.join("\n"))) await ctx.reply(chunk);
  },
);
