/**
 * The dashboard over HTTP: a plain function of the bot's dependencies that
 * returns a request handler, mounted by the app's HTTP server (app/http.ts)
 * under /dashboard/ (and reusable by anything else that serves HTTP, such as
 * a demo).
 *
 *   GET  ./             the page (its few words before sign-in in the
 *                       browser's language)
 *   GET  ./app.js, ./app.css, ./fonts/*.otf   the page's own files; nothing
 *                       comes from another site (many deployments have no internet)
 *   GET  ./api/overview the figures, for a signed-in staff member only:
 *                       `Authorization: tma <initData>`; 401 for a missing,
 *                       forged or expired sign-in, 403 for someone without a
 *                       dashboard role, and no data with either
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BotDeps } from "../../bot/context.js";
import { FONT_FILES } from "../../bot/fonts.js";
import { localeOf } from "../../bot/i18n.js";
import { unverifiedLanguage } from "../../bot/webapp-auth.js";
import { checkAccess, dashboardView, refusalView } from "./service.js";

/** Handles one request; `path` is what follows the mount point ("", "app.js", "api/overview"). */
export type DashboardHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<void>;

interface StaticFile {
  type: string;
  body: Buffer;
  /** Seconds a browser may keep it. */
  maxAge: number;
}

const page = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url));

/** The page's files, read once. Fonts are large (8 MB each) and read when asked for. */
function staticFiles(): Map<string, () => StaticFile> {
  const js = page("app.js");
  const css = page("app.css");
  const files = new Map<string, () => StaticFile>([
    ["app.js", () => ({ type: "text/javascript; charset=utf-8", body: js, maxAge: 300 })],
    ["app.css", () => ({ type: "text/css; charset=utf-8", body: css, maxAge: 300 })],
  ]);
  const [regular, bold] = FONT_FILES;
  for (const [name, file] of [
    ["fonts/regular.otf", regular],
    ["fonts/bold.otf", bold],
  ] as const) {
    // Read on each request, not kept: 16 MiB the bot would otherwise hold for good,
    // for files a browser asks for about once a week (maxAge).
    files.set(name, () => ({
      type: "font/otf",
      body: readFileSync(file as string),
      maxAge: 7 * 24 * 3600,
    }));
  }
  return files;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Security headers on every answer: no sniffing, no referrer, only our own files. */
const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache = "no-store",
): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": cache,
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));

/** "tma <initData>" from the Authorization header. */
function initDataOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const m = /^tma (.+)$/.exec(header.trim());
  return m?.[1];
}

/** The first language of Accept-Language ("zh-CN,zh;q=0.9" → "zh-CN"). */
function browserLanguage(req: IncomingMessage): string | undefined {
  const header = req.headers["accept-language"];
  return typeof header === "string" ? header.split(",")[0]?.split(";")[0]?.trim() : undefined;
}

export function createDashboard(deps: BotDeps): DashboardHandler {
  const files = staticFiles();
  const template = page("index.html").toString("utf8");

  /** The page, with the words it needs before anyone is signed in. */
  const html = (req: IncomingMessage) => {
    const locale = localeOf(deps, browserLanguage(req));
    const t = (key: string) => escapeHtml(deps.i18n.t(locale, key));
    return template
      .replace('<html lang="zh-CN">', `<html lang="${locale}">`)
      .replaceAll("{{title}}", t("dash-title"))
      .replaceAll("{{refresh}}", t("dash-refresh"))
      .replaceAll("{{failed}}", t("dash-loading-failed"));
  };

  return async (req, res, path) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...COMMON_HEADERS, allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "" || path === "index.html") {
      send(res, 200, "text/html; charset=utf-8", html(req));
      return;
    }
    if (path === "api/overview") {
      const initData = initDataOf(req);
      const access = await checkAccess(
        deps,
        initData,
        unverifiedLanguage(initData) ?? browserLanguage(req),
      );
      if (!access.ok) {
        deps.logger.info({ status: access.status, reason: access.reason }, "dashboard refused");
        json(res, access.status, {
          error: access.reason,
          ...refusalView(deps, access.locale, access.reason),
        });
        return;
      }
      json(res, 200, await dashboardView(deps, access.locale));
      return;
    }
    const file = files.get(path)?.();
    if (file) {
      send(res, 200, file.type, file.body, `private, max-age=${file.maxAge}`);
      return;
    }
    json(res, 404, { error: "not found" });
  };
}
