import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.ts";
import { type RouteServer, startRouteServer } from "./fetch-routes.ts";

// The fetcher's own transport (node:http), as every run uses it: the source's own host, robots.txt out of the way.
const polite = { trustedHosts: ["127.0.0.1"], ignoreRobots: true };
const text = "# Café\n\nThe same page, however it travels.\n";

describe("the fetcher's transport", () => {
  let server: RouteServer;
  afterEach(() => server?.close());

  it("asks for a compressed answer and decodes gzip, deflate and br", async () => {
    const compressed = { gzip: gzipSync(text), deflate: deflateSync(text), br: brotliCompressSync(text) };
    server = await startRouteServer(
      Object.fromEntries(Object.entries(compressed).map(([coding, body]) => [`/${coding}.md`, { headers: { "content-type": "text/markdown; charset=utf-8", "content-encoding": coding }, body }])),
    );
    const fetcher = createFetcher(polite);
    for (const coding of Object.keys(compressed)) expect((await fetcher.get({ url: `${server.origin}/${coding}.md` })).text, coding).toBe(text);
    expect(server.requests.map((request) => request.headers["accept-encoding"])).toEqual(["gzip, deflate, br", "gzip, deflate, br", "gzip, deflate, br"]);
  });

  it("decodes deflate sent raw, without its zlib wrapper, as fetch does", async () => {
    server = await startRouteServer({ "/raw.md": { headers: { "content-type": "text/markdown; charset=utf-8", "content-encoding": "deflate" }, body: deflateRawSync(text) } });
    expect((await createFetcher(polite).get({ url: `${server.origin}/raw.md` })).text).toBe(text);
  });

  it("caps the decoded bytes, not the compressed ones", async () => {
    server = await startRouteServer({ "/bomb.md": { headers: { "content-type": "text/markdown", "content-encoding": "gzip" }, body: gzipSync("z".repeat(50_000)) } });
    await expect(createFetcher({ ...polite, maxBytes: 10_000, attempts: 1 }).get({ url: `${server.origin}/bomb.md` })).rejects.toThrow(`${server.origin}/bomb.md is over the 10000-byte limit`);
  });

  it("reuses its connections", async () => {
    const sockets = new Set<unknown>();
    server = await startRouteServer();
    for (let number = 0; number < 6; number += 1) {
      server.routes.set(`/doc-${number}.md`, (request, response) => {
        sockets.add(request.socket);
        response.writeHead(200, { "content-type": "text/markdown" }).end(`# Doc ${number}`);
      });
    }
    const fetcher = createFetcher(polite);
    for (let number = 0; number < 6; number += 1) await fetcher.get({ url: `${server.origin}/doc-${number}.md` });
    expect(sockets.size).toBe(1);
  });

  it("stops at once when the run is cancelled, and says so", async () => {
    server = await startRouteServer({ "/slow.md": () => undefined });
    const controller = new AbortController();
    const pending = createFetcher({ ...polite, signal: controller.signal }).get({ url: `${server.origin}/slow.md` });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toThrow(`${server.origin}/slow.md: cancelled`);
  });

  it("names the reason when nothing listens", async () => {
    server = await startRouteServer();
    const origin = server.origin;
    await server.close();
    await expect(createFetcher({ ...polite, attempts: 1 }).get({ url: `${origin}/gone.md` })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("treats an answer cut short as a transient failure and asks again", async () => {
    let asked = 0;
    server = await startRouteServer({
      "/cut.md": (_request, response) => {
        asked += 1;
        if (asked === 1) {
          response.writeHead(200, { "content-type": "text/markdown", "content-length": "100" });
          response.write("# Cut");
          setTimeout(() => response.socket?.destroy(), 10);
          return;
        }
        response.writeHead(200, { "content-type": "text/markdown" }).end("# Whole");
      },
    });
    const fetcher = createFetcher({ ...polite, attempts: 2, sleep: async () => undefined });
    expect((await fetcher.get({ url: `${server.origin}/cut.md` })).text).toBe("# Whole");
    expect(asked).toBe(2);
  });
});
