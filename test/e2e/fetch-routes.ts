import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A canned answer. */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A route: a canned answer, or a handler that writes its own. */
export type Route = Answer | ((request: IncomingMessage, response: ServerResponse) => void | Promise<void>);

/** One request the server saw. */
export interface SeenRequest {
  /** Path and query. */
  path: string;
  headers: IncomingHttpHeaders;
}

/** An HTTP server on 127.0.0.1 answering from a route table (404 elsewhere) and recording every request. */
export interface RouteServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  port: number;
  requests: SeenRequest[];
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  paths(): string[];
  close(): Promise<void>;
}

/** Starts a route server; routes are keyed by path and query (`/a?b=1`). */
export async function startRouteServer(routes: Record<string, Route> = {}): Promise<RouteServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    requests.push({ path, headers: request.headers });
    const route = table.get(path);
    if (!route) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (typeof route === "function") return void (await route(request, response));
    response.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    routes: table,
    paths: () => requests.map((request) => request.path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A markdown answer. */
export function markdown(body: string, headers: Record<string, string> = {}): Answer {
  return { headers: { "content-type": "text/markdown; charset=utf-8", ...headers }, body };
}

/** An HTML answer. */
export function html(body: string, headers: Record<string, string> = {}): Answer {
  return { headers: { "content-type": "text/html; charset=utf-8", ...headers }, body };
}

/** Sleep that records what it was asked and waits for nothing. */
export function recordingSleep(): { sleep: (milliseconds: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (milliseconds) => void waits.push(milliseconds) };
}
