import { afterEach, describe, expect, it } from "vitest";
import { createFetcher } from "../../src/fetch/index.ts";
import { readSource } from "../../src/source.ts";
import { type RouteServer, html, markdown, startRouteServer } from "./fetch-routes.ts";

const INDEX = "# Product\n\n> One line.\n\n## Docs\n\n- [Start](/start.md): first steps\n";
const plain = (body: string) => ({ headers: { "content-type": "text/plain; charset=utf-8" }, body });

describe("discovering the llms.txt of a site", () => {
  let server: RouteServer;
  let other: RouteServer | undefined;
  afterEach(async () => {
    await server?.close();
    await other?.close();
    other = undefined;
  });
  const read = (path: string, maxIndexDepth?: number) =>
    readSource({ source: `${server.origin}${path}`, fetcher: createFetcher({ trustedHosts: ["127.0.0.1"], ignoreRobots: true }), ...(maxIndexDepth === undefined ? {} : { maxIndexDepth }) });
  const summary = async (path: string, maxIndexDepth?: number) => {
    const index = await read(path, maxIndexDepth);
    return { source: index.source.replace(server.origin, ""), entries: index.entries.map((entry) => [entry.url.replace(server.origin, ""), entry.section, entry.optional]) };
  };

  it("follows rel=describedby in the HTTP Link header first", async () => {
    server = await startRouteServer({
      "/start": html("<html><head><link rel=\"describedby\" href=\"/from-html.txt\"></head><body>Hi</body></html>", { link: '</meta/index.txt>; rel="describedby"; type="text/markdown"' }),
      "/meta/index.txt": plain(INDEX),
      "/from-html.txt": plain(INDEX),
    });
    expect(await summary("/start")).toEqual({ source: "/meta/index.txt", entries: [["/start.md", "Docs", false]] });
    expect(server.paths()).toEqual(["/start", "/meta/index.txt"]);
  });

  it("follows <link rel=describedby> in the HTML", async () => {
    server = await startRouteServer({ "/docs/page": html('<html><head><link rel="describedby" href="../custom/llms.txt"></head><body>Hi</body></html>'), "/custom/llms.txt": plain(INDEX) });
    expect(await summary("/docs/page")).toEqual({ source: "/custom/llms.txt", entries: [["/start.md", "Docs", false]] });
    expect(server.paths()).toEqual(["/docs/page", "/custom/llms.txt"]);
  });

  it("follows describedby from a markdown page too", async () => {
    server = await startRouteServer({ "/guide.md": markdown("# Guide\n\n## Part\n\n- [x](/x.md)\n", { link: '</llms.txt>; rel="describedby"' }), "/llms.txt": plain(INDEX) });
    expect(await summary("/guide.md")).toEqual({ source: "/llms.txt", entries: [["/start.md", "Docs", false]] });
  });

  it("then tries llms.txt in the page's folder and each parent, most specific first", async () => {
    server = await startRouteServer({ "/docs/guide/intro": html("<html><body>Intro</body></html>"), "/docs/llms.txt": plain(INDEX), "/llms.txt": plain("# Root\n\n## Docs\n\n- [Root](/root.md)\n") });
    expect(await summary("/docs/guide/intro")).toEqual({ source: "/docs/llms.txt", entries: [["/start.md", "Docs", false]] });
    expect(server.paths()).toEqual(["/docs/guide/intro", "/docs/guide/llms.txt", "/docs/llms.txt"]);
  });

  it("ends with /llms.txt, skipping an HTML answer on the way", async () => {
    server = await startRouteServer({ "/a/b": html("<html><body>B</body></html>"), "/a/llms.txt": html("<html><body>Not found page</body></html>"), "/llms.txt": plain(INDEX) });
    expect(await summary("/a/b")).toEqual({ source: "/llms.txt", entries: [["/start.md", "Docs", false]] });
    expect(server.paths()).toEqual(["/a/b", "/a/llms.txt", "/llms.txt"]);
  });

  it("says what it tried when a page has no llms.txt", async () => {
    server = await startRouteServer({ "/lonely": html("<html><body>Alone</body></html>") });
    await expect(read("/lonely")).rejects.toThrow(
      `${server.origin}/lonely is an HTML page and no llms.txt was found for it (tried describedby links, the page's folder and its parents, and /llms.txt)`,
    );
  });

  it("follows nested llms.txt files once each, so a cycle ends, with their own sections and the source host on every entry", async () => {
    server = await startRouteServer({
      "/llms.txt": plain("# Root\n\n## Docs\n\n- [Guide](/guide.md)\n- [Sub index](/sub/llms.txt)\n\n## Optional\n\n- [Extra index](/extra/llms.txt)\n"),
      "/sub/llms.txt": plain("# Sub\n\n## API\n\n- [Reference](ref.md)\n- [Back to root](/llms.txt)\n- [Itself](/sub/llms.txt)\n- [Guide again](/guide.md)\n"),
      "/extra/llms.txt": plain("# Extra\n\n## Recipes\n\n- [Recipe](recipe.md)\n- [Sub again](/sub/llms.txt)\n"),
    });
    expect(await summary("/llms.txt")).toEqual({
      source: "/llms.txt",
      entries: [
        ["/guide.md", "Docs", false],
        ["/sub/ref.md", "API", false],
        ["/extra/recipe.md", "Recipes", true],
      ],
    });
    expect(server.paths()).toEqual(["/llms.txt", "/sub/llms.txt", "/extra/llms.txt"]);
    expect(new Set((await read("/llms.txt")).entries.map((entry) => entry.sourceHost))).toEqual(new Set(["127.0.0.1"]));
  });

  it("stops at the depth limit and keeps deeper, unreadable or off-site indexes as documents", async () => {
    other = await startRouteServer({ "/llms.txt": plain(INDEX) });
    server = await startRouteServer({
      "/llms.txt": plain(`# Root\n\n## Docs\n\n- [One](/one/llms.txt)\n- [Missing](/missing/llms.txt)\n- [Elsewhere](${other.origin}/llms.txt)\n`),
      "/one/llms.txt": plain("# One\n\n## One\n\n- [A](a.md)\n- [Two](/two/llms.txt)\n"),
      "/two/llms.txt": plain("# Two\n\n## Two\n\n- [B](b.md)\n"),
    });
    expect((await summary("/llms.txt", 1)).entries).toEqual([
      ["/one/a.md", "One", false],
      ["/two/llms.txt", "One", false],
      ["/missing/llms.txt", "Docs", false],
      [`${other.origin}/llms.txt`, "Docs", false],
    ]);
    expect(server.paths()).toEqual(["/llms.txt", "/one/llms.txt", "/missing/llms.txt"]);
    expect(other.paths()).toEqual([]);
    expect((await summary("/llms.txt", 0)).entries.map(([url]) => url)).toEqual(["/one/llms.txt", "/missing/llms.txt", `${other.origin}/llms.txt`]);
  });
});
