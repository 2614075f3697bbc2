import { TextEncoder } from "node:util";
import { describe, expect, it } from "vitest";
import {
  assertAddressAllowed,
  backoffDelay,
  decodeBody,
  isPrivateAddress,
  markdownAlternates,
  markdownVariantUrls,
  parseLinkHeader,
  parseRetryAfter,
} from "../../src/fetch/index.ts";

describe("Retry-After and backoff", () => {
  const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
  it("reads delta-seconds and HTTP-dates, and ignores what is neither", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("doubles the wait per attempt, capped, times a jitter factor in [0.5, 1.5)", () => {
    expect(backoffDelay({ attempt: 1, random: () => 0 })).toBe(250);
    expect(backoffDelay({ attempt: 3, random: () => 0.5 })).toBe(2000);
    expect(backoffDelay({ attempt: 10, random: () => 0.5 })).toBe(8000);
  });
});

describe("private address check", () => {
  it("knows loopback, private, link-local and mapped addresses from public ones", () => {
    const privateOnes = ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1%eth0", "fd00::1", "::ffff:127.0.0.1", "not-an-address"];
    const publicOnes = ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111"];
    expect(privateOnes.filter((address) => !isPrivateAddress(address))).toEqual([]);
    expect(publicOnes.filter((address) => isPrivateAddress(address))).toEqual([]);
  });

  it("resolves a hostname and refuses it when any address is private, unless trusted or allowed", async () => {
    const asked: string[] = [];
    const addresses: Record<string, string[]> = { "internal.test": ["93.184.216.34", "10.0.0.7"], "public.test": ["93.184.216.34"] };
    const resolveHost = async (hostname: string) => (asked.push(hostname), addresses[hostname] ?? []);
    const guard = (url: string, extra: { allowPrivate?: boolean; trustedHosts?: string[] } = {}) =>
      assertAddressAllowed({ url: new URL(url), allowPrivate: extra.allowPrivate ?? false, trustedHosts: extra.trustedHosts ?? [], resolveHost });
    await expect(guard("http://internal.test/a")).rejects.toThrow(
      "refusing http://internal.test/a: internal.test resolves to the private address 10.0.0.7; only the source's own host may (pass --allow-private to allow it)",
    );
    await expect(guard("http://[::1]:8080/a")).rejects.toThrow("::1 resolves to the private address ::1");
    await expect(guard("http://public.test/a")).resolves.toBeUndefined();
    await expect(guard("http://internal.test/a", { trustedHosts: ["internal.test"] })).resolves.toBeUndefined();
    await expect(guard("http://internal.test/a", { allowPrivate: true })).resolves.toBeUndefined();
    // Trusted and allowed hosts are not even looked up.
    expect(asked).toEqual(["internal.test", "public.test"]);
  });
});

describe("links and markdown variants", () => {
  it("parses a Link header with several links, quoted and bare parameters, and several relations", () => {
    const header = '</llms.txt>; rel="describedby"; type="text/markdown", <https://cdn.test/page.md>; rel="alternate describedby"; type=text/markdown, <bad url>; rel=x';
    expect(parseLinkHeader(header, "https://docs.test/guide/intro")).toEqual([
      { url: "https://docs.test/llms.txt", rel: ["describedby"], type: "text/markdown" },
      { url: "https://cdn.test/page.md", rel: ["alternate", "describedby"], type: "text/markdown" },
      { url: "https://docs.test/guide/bad%20url", rel: ["x"] },
    ]);
  });

  it("finds markdown alternates in the Link header and in <link> tags, not other alternates", () => {
    const html = '<html><head><link rel="alternate" type="text/markdown" href="intro.md"><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>';
    expect(markdownAlternates({ pageUrl: "https://docs.test/guide/intro", html, linkHeader: '</raw/intro.md>; rel=alternate; type="text/markdown"' })).toEqual([
      "https://docs.test/raw/intro.md",
      "https://docs.test/guide/intro.md",
    ]);
  });

  it("makes the .md forms of a page URL by style", () => {
    expect(markdownVariantUrls("https://docs.test/guide/intro#top")).toEqual([{ style: "append", url: "https://docs.test/guide/intro.md" }]);
    expect(markdownVariantUrls("https://docs.test/guide/intro.html")).toEqual([
      { style: "append", url: "https://docs.test/guide/intro.html.md" },
      { style: "replace", url: "https://docs.test/guide/intro.md" },
    ]);
    expect(markdownVariantUrls("https://docs.test/guide/")).toEqual([
      { style: "index-html", url: "https://docs.test/guide/index.html.md" },
      { style: "index", url: "https://docs.test/guide/index.md" },
    ]);
    expect(markdownVariantUrls("https://docs.test/guide/intro.md")).toEqual([]);
  });
});

describe("charset", () => {
  // “Café” in windows-1252: curly quotes are 0x93/0x94 and é is 0xE9, none of them valid UTF-8 on their own.
  const cafe = new Uint8Array([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]);
  const withMeta = (meta: string) => new Uint8Array([...new TextEncoder().encode(`<html><head>${meta}</head><body>`), ...cafe, ...new TextEncoder().encode("</body></html>")]);

  it("decodes by the byte order mark, then the header, then an HTML meta declaration", () => {
    expect(decodeBody({ bytes: cafe, contentType: "text/plain; charset=windows-1252" })).toBe("“Café”");
    expect(decodeBody({ bytes: cafe, contentType: 'text/plain; charset="ISO-8859-1"' })).toBe("“Café”");
    expect(decodeBody({ bytes: withMeta('<meta charset="windows-1252">'), contentType: "text/html" })).toContain("<body>“Café”</body>");
    expect(decodeBody({ bytes: withMeta('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), contentType: "" })).toContain("<body>“Café”</body>");
    expect(decodeBody({ bytes: new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), contentType: "text/plain; charset=windows-1252" })).toBe("hi");
  });

  it("does not take a meta declaration from a markdown page, which may quote HTML", () => {
    expect(decodeBody({ bytes: withMeta('<meta charset="windows-1252">'), contentType: "text/markdown" })).toContain("<body>\uFFFDCaf\uFFFD</body>");
  });
});
