import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.ts";
import { type RouteServer, markdown, recordingSleep, startRouteServer } from "./fetch-routes.ts";

describe("robots.txt", () => {
  let server: RouteServer;
  afterEach(() => server?.close());

  it("is read once per host, and a disallowed URL fails with the reason and the way around it", async () => {
    server = await startRouteServer({
      "/robots.txt": { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private/\n\nUser-agent: document-it\nDisallow: /drafts/\n" },
      "/public.md": markdown("# Public"),
      "/private/page.md": markdown("# Private"),
      "/drafts/next.md": markdown("# Draft"),
    });
    const fetcher = createFetcher({ trustedHosts: ["127.0.0.1"] });
    expect((await fetcher.get({ url: `${server.origin}/public.md` })).text).toBe("# Public");
    // document-it has its own group, so the * group's /private/ does not apply to it.
    expect((await fetcher.get({ url: `${server.origin}/private/page.md` })).text).toBe("# Private");
    await expect(fetcher.get({ url: `${server.origin}/drafts/next.md` })).rejects.toThrow(
      `${server.origin}/drafts/next.md is disallowed by ${server.origin}/robots.txt for document-it; pass --ignore-robots to fetch it anyway`,
    );
    expect(server.paths()).toEqual(["/robots.txt", "/public.md", "/private/page.md"]);
  });

  it("is not consulted with ignoreRobots", async () => {
    server = await startRouteServer({ "/robots.txt": { body: "User-agent: *\nDisallow: /\n" }, "/page.md": markdown("# Page") });
    expect((await createFetcher({ trustedHosts: ["127.0.0.1"], ignoreRobots: true }).get({ url: `${server.origin}/page.md` })).text).toBe("# Page");
    expect(server.paths()).toEqual(["/page.md"]);
  });

  it("allows everything when it is missing, and nothing when it keeps answering 5xx", async () => {
    server = await startRouteServer({ "/page.md": markdown("# Page") });
    const { sleep } = recordingSleep();
    expect((await createFetcher({ trustedHosts: ["127.0.0.1"], sleep }).get({ url: `${server.origin}/page.md` })).text).toBe("# Page");
    server.routes.set("/robots.txt", { status: 503 });
    await expect(createFetcher({ trustedHosts: ["127.0.0.1"], sleep }).get({ url: `${server.origin}/page.md` })).rejects.toThrow(
      `${server.origin}/page.md is disallowed by ${server.origin}/robots.txt for document-it (it answered HTTP 503, which RFC 9309 reads as "disallow everything"); pass --ignore-robots to fetch it anyway`,
    );
    expect(server.paths()).toEqual(["/robots.txt", "/page.md", "/robots.txt", "/robots.txt"]);
  });
});
