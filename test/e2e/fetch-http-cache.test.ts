import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { openDatabase } from "../../src/database.ts";
import { createFetcher } from "../../src/fetch/index.ts";
import { sha256 } from "../../src/hash.ts";
import { createHttpCache } from "../../src/http-cache.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type RouteServer, startRouteServer } from "./fetch-routes.ts";

const TYPES: Record<string, string> = { md: "text/markdown; charset=utf-8", txt: "text/plain; charset=utf-8", html: "text/html; charset=utf-8" };

function filesOf(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? filesOf(join(folder, name)) : [join(folder, name)]));
}

describe("conditional requests", () => {
  let server: RouteServer;
  afterEach(() => server?.close());

  it("stores ETag and Last-Modified, sends them back, and reuses the stored body on 304", async () => {
    const lastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
    let etagBody = "# Tagged\n\nFirst version.";
    server = await startRouteServer({
      "/tagged.md": (request, response) => {
        const etag = `"${sha256(etagBody).slice(0, 8)}"`;
        if (request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
        response.writeHead(200, { "content-type": "text/markdown", etag }).end(etagBody);
      },
      "/dated.md": (request, response) => {
        if (request.headers["if-modified-since"] === lastModified) return void response.writeHead(304).end();
        response.writeHead(200, { "content-type": "text/markdown", "last-modified": lastModified }).end("# Dated");
      },
      "/plain.md": { headers: { "content-type": "text/markdown" }, body: "# Plain" },
    });
    const cache = createHttpCache({ database: openDatabase({ path: ":memory:" }) });
    const fetcher = createFetcher({ cache, trustedHosts: ["127.0.0.1"], ignoreRobots: true });
    const get = async (path: string) => {
      const { text, fromCache } = await fetcher.get({ url: `${server.origin}${path}` });
      return { text, fromCache };
    };
    expect(await get("/tagged.md")).toEqual({ text: "# Tagged\n\nFirst version.", fromCache: false });
    expect(await get("/tagged.md")).toEqual({ text: "# Tagged\n\nFirst version.", fromCache: true });
    etagBody = "# Tagged\n\nSecond version.";
    expect(await get("/tagged.md")).toEqual({ text: "# Tagged\n\nSecond version.", fromCache: false });
    expect(await get("/tagged.md")).toEqual({ text: "# Tagged\n\nSecond version.", fromCache: true });
    expect(await get("/dated.md")).toEqual({ text: "# Dated", fromCache: false });
    expect(await get("/dated.md")).toEqual({ text: "# Dated", fromCache: true });
    expect(await get("/plain.md")).toEqual({ text: "# Plain", fromCache: false });
    expect(await get("/plain.md")).toEqual({ text: "# Plain", fromCache: false });

    const conditional = server.requests.map((request) => [request.path, request.headers["if-none-match"] ?? request.headers["if-modified-since"] ?? null]);
    expect(conditional).toEqual([
      ["/tagged.md", null],
      ["/tagged.md", `"${sha256("# Tagged\n\nFirst version.").slice(0, 8)}"`],
      ["/tagged.md", `"${sha256("# Tagged\n\nFirst version.").slice(0, 8)}"`],
      ["/tagged.md", `"${sha256("# Tagged\n\nSecond version.").slice(0, 8)}"`],
      ["/dated.md", null],
      ["/dated.md", lastModified],
      ["/plain.md", null],
      ["/plain.md", null],
    ]);
  });

  it("makes a second run over an unchanged site conditional: every document answers 304 and is analysed from the stored copy", async () => {
    const statuses: Array<[string, number]> = [];
    server = await startRouteServer();
    for (const file of filesOf("examples")) {
      const body = readFileSync(file);
      const etag = `"${sha256(body.toString("utf8")).slice(0, 16)}"`;
      server.routes.set(`/${relative("examples", file)}`, (request, response) => {
        const status = request.headers["if-none-match"] === etag ? 304 : 200;
        statuses.push([request.url ?? "", status]);
        if (status === 304) return void response.writeHead(304, { etag }).end();
        response.writeHead(200, { "content-type": TYPES[file.split(".").pop()!] ?? "text/plain", etag }).end(body);
      });
    }
    const folder = temporaryFolder();
    const run = async (name: string) => {
      const code = await main(["run", `${server.origin}/llms.txt`, "--out", join(folder, name), "--state", join(folder, "state.db"), "--run-id", name], {
        stdout: () => undefined,
        stderr: () => undefined,
      });
      return { code, manifest: JSON.parse(readFileSync(join(folder, name, "run.json"), "utf8")) as RunManifest };
    };
    const first = await run("first");
    const firstStatuses = statuses.splice(0);
    const second = await run("second");
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(second.manifest.documents.map((document) => document.contentHash)).toEqual(first.manifest.documents.map((document) => document.contentHash));
    expect(firstStatuses.every(([, status]) => status === 200)).toBe(true);
    // The index and the 14 documents: each asked again with its ETag, and each answered 304.
    expect(statuses).toHaveLength(15);
    expect(statuses.filter(([, status]) => status !== 304)).toEqual([]);
  });
});
