import { afterEach, describe, expect, it } from "vitest";
import { extractDocument } from "../../src/extract.ts";
import { DOCUMENT_ACCEPT, createFetchHosts, createFetcher, fetchPreferringMarkdown } from "../../src/fetch/index.ts";
import { type RouteServer, html, markdown, startRouteServer } from "./fetch-routes.ts";

const page = (body: string, head = "") => `<!doctype html><html><head><title>Page</title>${head}</head><body><nav>Menu</nav><main>${body}</main><footer>©</footer></body></html>`;

describe("markdown first", () => {
  let server: RouteServer;
  afterEach(() => server?.close());
  const fetcher = () => createFetcher({ trustedHosts: ["127.0.0.1"], ignoreRobots: true });

  it("asks for markdown in the first request, and stops there when the answer is markdown", async () => {
    server = await startRouteServer({
      "/negotiated": (request, response) => {
        if (request.headers.accept?.startsWith("text/markdown")) response.writeHead(200, { "content-type": "text/markdown" }).end("# Negotiated");
        else response.writeHead(200, { "content-type": "text/html" }).end(page("<h1>Negotiated</h1>"));
      },
    });
    const document = await fetchPreferringMarkdown({ url: `${server.origin}/negotiated`, fetcher: fetcher() });
    expect(document).toMatchObject({ text: "# Negotiated", isHtml: false });
    expect(server.paths()).toEqual(["/negotiated"]);
    expect(server.requests[0]!.headers.accept).toBe(DOCUMENT_ACCEPT);
  });

  it("follows the page's rel=alternate markdown link", async () => {
    server = await startRouteServer({
      "/guide": html(page("<h1>Guide</h1><p>HTML body.</p>", '<link rel="alternate" type="text/markdown" href="/raw/guide.md">')),
      "/raw/guide.md": markdown("# Guide\n\nMarkdown body."),
    });
    expect(await fetchPreferringMarkdown({ url: `${server.origin}/guide`, fetcher: fetcher() })).toMatchObject({ url: `${server.origin}/raw/guide.md`, text: "# Guide\n\nMarkdown body.", isHtml: false });
    expect(server.paths()).toEqual(["/guide", "/raw/guide.md"]);
  });

  it("tries the .md forms of the URL: appended, then the extension replaced", async () => {
    server = await startRouteServer({ "/page.html": html(page("<h1>Page</h1>")), "/page.md": markdown("# Page\n\nFrom markdown.") });
    expect(await fetchPreferringMarkdown({ url: `${server.origin}/page.html`, fetcher: fetcher() })).toMatchObject({ text: "# Page\n\nFrom markdown.", isHtml: false });
    expect(server.paths()).toEqual(["/page.html", "/page.html.md", "/page.md"]);
  });

  it("converts a .md URL that answers HTML, and does not trust a variant that answers HTML", async () => {
    server = await startRouteServer({
      "/disguised.md": html(page("<h1>Disguised</h1><p>Converted <strong>body</strong>.</p><pre><code class=\"language-ts\">const a = 1;</code></pre>")),
      "/spa/page": html(page("<h1>Real page</h1>")),
      "/spa/page.md": html(page("<h1>App shell</h1>")),
    });
    const entry = (path: string) => ({ id: path, url: `${server.origin}${path}`, title: path, section: "Docs", optional: false });
    expect((await extractDocument({ entry: entry("/disguised.md"), fetcher: fetcher() })).markdown).toBe("# Disguised\n\nConverted **body**.\n\n```ts\nconst a = 1;\n```");
    expect((await extractDocument({ entry: entry("/spa/page"), fetcher: fetcher() })).markdown).toBe("# Real page");
    expect(server.paths()).toEqual(["/disguised.md", "/spa/page", "/spa/page.md"]);
  });

  it("stops probing a host for .md forms after three documents without any", async () => {
    server = await startRouteServer();
    for (let number = 1; number <= 4; number += 1) server.routes.set(`/n${number}`, html(page(`<h1>N${number}</h1>`)));
    const hosts = createFetchHosts({ concurrency: 4 });
    const shared = createFetcher({ hosts, trustedHosts: ["127.0.0.1"], ignoreRobots: true });
    for (let number = 1; number <= 4; number += 1) {
      expect(await fetchPreferringMarkdown({ url: `${server.origin}/n${number}`, fetcher: shared, hosts })).toMatchObject({ isHtml: true });
    }
    expect(server.paths()).toEqual(["/n1", "/n1.md", "/n2", "/n2.md", "/n3", "/n3.md", "/n4"]);
  });
});
