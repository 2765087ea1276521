/**
 * The demo's page on localhost: the phones (page/), their words in both
 * languages (locales/<lang>/demo.ftl), the Chinese font (served here: many
 * machines have none, and nothing comes from a CDN), and the simulator's
 * console under /sim/.
 *
 *   GET  /                the page          GET /app.js, /app.css, /fonts/*.otf
 *   GET  /api/scene       the phones, the people and the page's words in both languages
 *   POST /api/language    {lang}: the people the visitor plays switch Telegram language
 *   *    /sim/...         the simulator's console (simulator/console.ts)
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ConsoleHandler } from "../simulator/console.js";
import { scene, words } from "./scene.js";

const page = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url));

/** Only our own files, nothing from other sites; the dashboard opens in a frame from the bot. */
const headers = (dashboardOrigin: string) => ({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": `default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src ${dashboardOrigin}; base-uri 'none'; form-action 'none'`,
});

const LanguageBody = z.object({ lang: z.enum(["zh-CN", "en"]) });

export interface DemoServerOptions {
  sim: ConsoleHandler;
  dashboardUrl: string;
}

export function createDemoServer(options: DemoServerOptions): Server {
  const { sim } = options;
  const common = headers(new URL(options.dashboardUrl).origin);
  const files = new Map<string, { type: string; body: () => Buffer }>([
    ["", { type: "text/html; charset=utf-8", body: once(() => page("index.html")) }],
    ["app.js", { type: "text/javascript; charset=utf-8", body: once(() => page("app.js")) }],
    ["app.css", { type: "text/css; charset=utf-8", body: once(() => page("app.css")) }],
  ]);
  const [regular, bold] = fontFiles();
  files.set("fonts/regular.otf", { type: "font/otf", body: once(() => readFileSync(regular)) });
  files.set("fonts/bold.otf", { type: "font/otf", body: once(() => readFileSync(bold)) });
  const sceneBody = once(() => Buffer.from(JSON.stringify({ ...scene(), words: words() })));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.slice(1);
    if (path.startsWith("sim/")) return sim(req, res, path.slice(4));
    if (req.method === "GET" && path === "api/scene") {
      return send(res, 200, "application/json; charset=utf-8", sceneBody(), common);
    }
    if (req.method === "POST" && path === "api/language") {
      const parsed = LanguageBody.safeParse(await readJson(req));
      if (!parsed.success) return send(res, 400, "text/plain", Buffer.from("bad language"), common);
      const code = parsed.data.lang === "en" ? "en" : "zh-hans";
      for (const phone of scene().phones) sim.setLanguage(phone.as, code);
      return send(res, 204, "text/plain", Buffer.alloc(0), common);
    }
    const file = req.method === "GET" || req.method === "HEAD" ? files.get(path) : undefined;
    if (!file) return send(res, 404, "text/plain", Buffer.from("Not Found"), common);
    send(res, 200, file.type, file.body(), common);
  };

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}

/** Noto Sans CJK SC from @embedpdf/fonts-sc, the font the charts and the dashboard use. */
function fontFiles(): [string, string] {
  const entry = import.meta.resolve("@embedpdf/fonts-sc");
  const dir = new URL("../fonts/", entry);
  return [
    fileURLToPath(new URL("NotoSansHans-Regular.otf", dir)),
    fileURLToPath(new URL("NotoSansHans-Bold.otf", dir)),
  ];
}

function once(make: () => Buffer): () => Buffer {
  let body: Buffer | undefined;
  return () => {
    body ??= make();
    return body;
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer,
  common: Record<string, string>,
): void {
  res.writeHead(status, {
    ...common,
    "content-type": type,
    "content-length": body.length,
    "cache-control": "no-store",
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
