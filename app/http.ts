/**
 * The bot's one HTTP server and its route table: the staff dashboard under
 * /dashboard/, and in webhook mode Telegram's updates (every path no route
 * claims, as before). It listens on PORT in webhook mode, or on WEB_PORT in
 * polling mode. Other pages (health, metrics) mount here as more routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";

/** Handles a request; `rest` is the path after the route's prefix ("" for an exact match). */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
) => Promise<void> | void;

export interface Route {
  /** "/healthz" matches exactly; a prefix ending in "/" ("/dashboard/") matches what is under it. */
  path: string;
  handler: RouteHandler;
}

export interface HttpOptions {
  routes: readonly Route[];
  /** For a path no route claims (the webhook); 404 without it. */
  fallback?: RouteHandler;
  logger: Logger;
}

/** The route for a path, and the rest of the path after its prefix. */
export function matchRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; rest: string } | undefined {
  for (const route of routes) {
    if (route.path.endsWith("/")) {
      if (pathname.startsWith(route.path)) {
        return { route, rest: pathname.slice(route.path.length) };
      }
    } else if (pathname === route.path) {
      return { route, rest: "" };
    }
  }
  return undefined;
}

export function createHttpServer(options: HttpOptions): Server {
  const { routes, fallback, logger } = options;
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    // "/dashboard" without its slash: relative links on the page need it.
    const folder = routes.find((r) => r.path.endsWith("/") && r.path === `${url.pathname}/`);
    if (folder && (req.method === "GET" || req.method === "HEAD")) {
      res.writeHead(301, { location: `${folder.path}${url.search}` }).end();
      return;
    }
    const match = matchRoute(routes, url.pathname);
    const handle = async () => {
      if (match) await match.route.handler(req, res, match.rest);
      else if (fallback) await fallback(req, res, url.pathname);
      else res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    };
    handle().catch((err: unknown) => {
      logger.error({ err, path: match?.route.path ?? "fallback" }, "http request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
}

/** Listens on `port`, on every interface unless `host` names one (e.g. 127.0.0.1). */
export function listen(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
