import { afterEach, describe, expect, it } from "vitest";
import { extractDocument } from "../../src/extract.ts";
import { createFetcher } from "../../src/fetch/index.ts";
import { type RouteServer, startRouteServer } from "./fetch-routes.ts";

// “Café” — naïve in windows-1252: 0x93 and 0x94 are curly quotes, 0x97 an em dash, 0xE9 é and 0xEF ï.
const CP1252 = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x97, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]);
const TEXT = "“Café” — naïve";

describe("charset of fetched pages", () => {
  let server: RouteServer;
  afterEach(() => server?.close());

  it("decodes windows-1252 named by the Content-Type header and by a <meta> of the page", async () => {
    const page = (meta: string) => Buffer.concat([Buffer.from(`<!doctype html><html><head>${meta}<title>T</title></head><body><main><h1>Menu</h1><p>`), CP1252, Buffer.from("</p></main></body></html>")]);
    server = await startRouteServer({
      "/header.txt": { headers: { "content-type": "text/plain; charset=windows-1252" }, body: CP1252 },
      "/meta-charset.html": { headers: { "content-type": "text/html" }, body: page('<meta charset="windows-1252">') },
      "/meta-http-equiv.html": { headers: { "content-type": "text/html" }, body: page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">') },
    });
    const fetcher = createFetcher({ trustedHosts: ["127.0.0.1"], ignoreRobots: true });
    expect((await fetcher.get({ url: `${server.origin}/header.txt` })).text).toBe(TEXT);
    for (const path of ["/meta-charset.html", "/meta-http-equiv.html"]) {
      const entry = { id: path, url: `${server.origin}${path}`, title: path, section: "Docs", optional: false };
      expect((await extractDocument({ entry, fetcher })).markdown).toBe(`# Menu\n\n${TEXT}`);
    }
  });
});
