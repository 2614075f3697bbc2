import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";

/** A static file server on 127.0.0.1 that records every request and can be told to answer otherwise for a path. */
export interface StaticServer {
  /** Base URL, ending in "/". */
  url: string;
  /** Every request path, in order. */
  requests: string[];
  /** Path → handler that replaces the file answer. */
  overrides: Map<string, (request: IncomingMessage, response: ServerResponse) => void | Promise<void>>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { ".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8" };

/** Serves `root` on an ephemeral port of 127.0.0.1. */
export async function startStaticServer(options: { root: string }): Promise<StaticServer> {
  const requests: string[] = [];
  const overrides: StaticServer["overrides"] = new Map();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requests.push(path);
    const override = overrides.get(path);
    if (override) return void (await override(request, response));
    const file = normalize(join(options.root, path));
    if (!file.startsWith(normalize(options.root))) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    overrides,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
