import { afterEach, describe, expect, it } from "vitest";
import { USER_AGENT, createFetcher } from "../../src/fetch/index.ts";
import { createLimiter } from "../../src/limiter.ts";
import { VERSION } from "../../src/version.ts";
import { type RouteServer, markdown, recordingSleep, startRouteServer } from "./fetch-routes.ts";

// Every test talks to its own 127.0.0.1 server, the source's own host, with robots.txt out of the way.
const polite = { trustedHosts: ["127.0.0.1"], ignoreRobots: true };

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("polite fetching", () => {
  let server: RouteServer;
  afterEach(() => server?.close());

  for (const [hostConcurrency, globalConcurrency, expected] of [[3, 8, 3], [3, 2, 2]] as const) {
    it(`keeps at most ${expected} requests in flight with ${hostConcurrency} per host under ${globalConcurrency} overall`, async () => {
      const held: Array<() => void> = [];
      let active = 0;
      let most = 0;
      server = await startRouteServer();
      for (let number = 0; number < 9; number += 1) {
        server.routes.set(`/doc-${number}.md`, (_request, response) => {
          active += 1;
          most = Math.max(most, active);
          held.push(() => {
            active -= 1;
            response.writeHead(200, { "content-type": "text/markdown" }).end(`# Doc ${number}`);
          });
        });
      }
      const fetcher = createFetcher({ ...polite, hostConcurrency, limiter: createLimiter({ concurrency: globalConcurrency }) });
      const all = Promise.all(Array.from({ length: 9 }, (_unused, number) => fetcher.get({ url: `${server.origin}/doc-${number}.md` })));
      let released = 0;
      while (released < 9) {
        await until(() => held.length >= Math.min(expected, 9 - released));
        // Room for requests beyond the limit to arrive, were it broken; nothing is asserted about time.
        await new Promise((resolve) => setTimeout(resolve, 25));
        const wave = held.splice(0);
        released += wave.length;
        for (const release of wave) release();
      }
      const results = await all;
      expect(most).toBe(expected);
      expect(results.map((result) => result.text)).toEqual(Array.from({ length: 9 }, (_unused, number) => `# Doc ${number}`));
    });
  }

  it("names document-it and its version in the User-Agent header", async () => {
    server = await startRouteServer({ "/a.md": markdown("# A") });
    await createFetcher(polite).get({ url: `${server.origin}/a.md` });
    expect(USER_AGENT).toBe(`document-it/${VERSION} (+https://www.npmjs.com/package/document-it)`);
    expect(server.requests[0]!.headers["user-agent"]).toBe(USER_AGENT);
  });

  it("retries a 503 after a jittered backoff and returns the 200 that follows", async () => {
    let calls = 0;
    server = await startRouteServer({
      "/flaky.md": (_request, response) => {
        calls += 1;
        if (calls === 1) response.writeHead(503).end();
        else response.writeHead(200, { "content-type": "text/markdown" }).end("# Flaky\n\nBack.");
      },
      "/down.md": { status: 503 },
    });
    const { sleep, waits } = recordingSleep();
    const fetcher = createFetcher({ ...polite, sleep, random: () => 0 });
    expect((await fetcher.get({ url: `${server.origin}/flaky.md` })).text).toBe("# Flaky\n\nBack.");
    expect(waits).toEqual([250]);
    await expect(fetcher.get({ url: `${server.origin}/down.md` })).rejects.toThrow(`HTTP 503 Service Unavailable for ${server.origin}/down.md`);
    expect(waits).toEqual([250, 250, 500]);
    expect(server.paths()).toEqual(["/flaky.md", "/flaky.md", "/down.md", "/down.md", "/down.md"]);
  });

  it("waits what Retry-After asks after a 429, in seconds or as an HTTP-date, and gives up on a wait over the limit", async () => {
    const answers: Record<string, string[]> = { "/seconds.md": ["7"], "/date.md": ["Wed, 21 Oct 2026 07:28:03 GMT"], "/forever.md": ["3600"] };
    server = await startRouteServer();
    for (const [path, retryAfter] of Object.entries(answers)) {
      server.routes.set(path, (_request, response) => {
        const next = retryAfter.shift();
        if (next) response.writeHead(429, { "retry-after": next }).end();
        else response.writeHead(200, { "content-type": "text/markdown" }).end(`# ${path}`);
      });
    }
    const { sleep, waits } = recordingSleep();
    const fetcher = createFetcher({ ...polite, sleep, random: () => 0.9, now: () => Date.parse("Wed, 21 Oct 2026 07:28:00 GMT") });
    expect((await fetcher.get({ url: `${server.origin}/seconds.md` })).text).toBe("# /seconds.md");
    expect((await fetcher.get({ url: `${server.origin}/date.md` })).text).toBe("# /date.md");
    await expect(fetcher.get({ url: `${server.origin}/forever.md` })).rejects.toThrow(
      `HTTP 429 Too Many Requests for ${server.origin}/forever.md: it asks to retry after 3600 s, over the 120 s limit`,
    );
    expect(waits).toEqual([7000, 3000]);
  });

  it("stops a redirect loop after 5 redirects", async () => {
    server = await startRouteServer({ "/loop-a": { status: 302, headers: { location: "/loop-b" } }, "/loop-b": { status: 301, headers: { location: "/loop-a" } } });
    await expect(createFetcher(polite).get({ url: `${server.origin}/loop-a` })).rejects.toThrow(`too many redirects (more than 5) starting at ${server.origin}/loop-a`);
    expect(server.paths()).toEqual(["/loop-a", "/loop-b", "/loop-a", "/loop-b", "/loop-a", "/loop-b"]);
  });

  it("follows a redirect to the final page, and refuses one to a scheme other than http(s)", async () => {
    server = await startRouteServer({
      "/moved": { status: 308, headers: { location: "/final.md" } },
      "/final.md": markdown("# Final"),
      "/to-file": { status: 302, headers: { location: "file:///etc/passwd" } },
    });
    const fetcher = createFetcher(polite);
    expect(await fetcher.get({ url: `${server.origin}/moved` })).toMatchObject({ url: `${server.origin}/final.md`, text: "# Final" });
    await expect(fetcher.get({ url: `${server.origin}/to-file` })).rejects.toThrow(
      `refusing the redirect from ${server.origin}/to-file to file:///etc/passwd: only http and https are fetched`,
    );
  });

  it("refuses a redirect to another host on a loopback address, while the source's own host is fetched", async () => {
    server = await startRouteServer({ "/secret.md": markdown("# Secret") });
    server.routes.set("/to-localhost", { status: 302, headers: { location: `http://localhost:${server.port}/secret.md` } });
    const fetcher = createFetcher(polite);
    await expect(fetcher.get({ url: `${server.origin}/to-localhost` })).rejects.toThrow(
      new RegExp(`^refusing http://localhost:${server.port}/secret.md: localhost resolves to the private address (127\\.0\\.0\\.1|::1); only the source's own host may \\(pass --allow-private to allow it\\)$`),
    );
    expect(server.paths()).toEqual(["/to-localhost"]);
    expect((await fetcher.get({ url: `${server.origin}/secret.md` })).text).toBe("# Secret");
    // Without the source's host trusted, even 127.0.0.1 is refused before any request.
    await expect(createFetcher({ ignoreRobots: true }).get({ url: `${server.origin}/secret.md` })).rejects.toThrow("127.0.0.1 resolves to the private address 127.0.0.1");
    expect(server.paths()).toEqual(["/to-localhost", "/secret.md"]);
  });

  it("checks hosts through an injected resolver, so made-up hostnames can be private or public", async () => {
    const requested: string[] = [];
    const fetch = async (input: string | URL) => (requested.push(String(input)), new Response("# Public", { headers: { "content-type": "text/markdown" } }));
    const resolveHost = async (hostname: string) => (hostname === "intranet.test" ? ["10.0.0.5"] : ["93.184.216.34"]);
    const fetcher = createFetcher({ fetch, resolveHost, ignoreRobots: true, trustedHosts: ["docs.test"] });
    await expect(fetcher.get({ url: "http://intranet.test/a.md" })).rejects.toThrow("intranet.test resolves to the private address 10.0.0.5");
    expect((await fetcher.get({ url: "http://public.test/a.md" })).text).toBe("# Public");
    expect(requested).toEqual(["http://public.test/a.md"]);
  });

  it("caps the body by Content-Length and while streaming, and times out a silent server", async () => {
    server = await startRouteServer({
      "/declared.md": markdown("x".repeat(2000), { "content-length": "2000" }),
      "/streamed.md": (_request, response) => {
        response.writeHead(200, { "content-type": "text/markdown" });
        for (let chunk = 0; chunk < 3; chunk += 1) response.write("y".repeat(600));
        response.end();
      },
      "/silent.md": () => undefined,
    });
    const fetcher = createFetcher({ ...polite, maxBytes: 1000, timeoutMs: 50, attempts: 1 });
    await expect(fetcher.get({ url: `${server.origin}/declared.md` })).rejects.toThrow(`${server.origin}/declared.md is 2000 bytes, over the 1000-byte limit`);
    await expect(fetcher.get({ url: `${server.origin}/streamed.md` })).rejects.toThrow(`${server.origin}/streamed.md is over the 1000-byte limit`);
    await expect(fetcher.get({ url: `${server.origin}/silent.md` })).rejects.toThrow(`${server.origin}/silent.md: no answer within 50 ms`);
  });

  it("reads file: URLs only for a local source", async () => {
    await expect(createFetcher(polite).get({ url: "file:///etc/hostname" })).rejects.toThrow("refusing file:///etc/hostname: file: URLs are read only for a local source");
  });
});
