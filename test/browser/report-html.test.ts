import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { launchChromium } from "../helpers/browser.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

// The callbacks given to page.evaluate run in the browser; these name what they use there (the project's
// compiler options carry no DOM library).
interface BrowserElement {
  tagName: string;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
}
declare const window: { __pwned?: unknown; location: { hash: string } };
declare const document: { body: BrowserElement; documentElement: { dataset: Record<string, string> }; querySelectorAll(selector: string): Iterable<BrowserElement> };
declare function getComputedStyle(element: BrowserElement): { backgroundColor: string };

interface Analysis {
  topics: Array<{ id: string; name: string; documentIds: string[] }>;
  documents: Array<{ record: { id: string; url: string; title: string } }>;
}

// Titles as the run reads them from test/fixtures/hostile-site (markdown H1, HTML <title>, llms.txt link text).
const ZEPPELIN = "Zeppelin </script><script>window.pwned=3</script> mooring";
const SIGNING = "Signing webhooks";
const RETRIES = "Retries </script> & backoff";
const MISSING = "Missing page (failed)";

// A page of the report with everything that would betray an escape recorded: console errors, uncaught
// errors, dialogs, and every request the page makes.
async function openReport(context: BrowserContext, url: string) {
  const problems: string[] = [];
  const requests: string[] = [];
  const page = await context.newPage();
  page.on("console", (message) => void (message.type() === "error" && problems.push(`console: ${message.text()}`)));
  page.on("pageerror", (error) => void problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("request", (request) => void requests.push(request.url()));
  await page.goto(url);
  return { page, problems, requests };
}

const visible = (page: Page, list: string) => page.locator(`#${list} li:visible`).allTextContents();
const pwned = (page: Page) => page.evaluate(() => window.__pwned);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("report.html of a real run over hostile pages, in headless Chromium", { timeout: 30_000 }, () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let reportUrl: string;
  let analysis: Analysis;
  let sourceRequests: number;
  const routed: string[] = [];
  const idOf = (suffix: string) => analysis.documents.find((entry) => entry.record.url.endsWith(suffix))!.record.id;

  beforeAll(async () => {
    server = await startStaticServer({ root: resolve("test/fixtures/hostile-site") });
    const folder = temporaryFolder();
    const out = join(folder, "out");
    const code = await main(["run", `${server.url}llms.txt`, "--out", out, "--state", join(folder, "state.db"), "--provider", "local"], {
      stdout: () => undefined,
      stderr: () => undefined,
    });
    // docs/missing.md answers 404, so the run finishes with one failed document.
    expect(code).toBe(1);
    sourceRequests = server.requests.length;
    reportUrl = pathToFileURL(join(out, "report.html")).href;
    analysis = JSON.parse(readFileSync(join(out, "analysis.json"), "utf8")) as Analysis;
    browser = await launchChromium();
    context = await browser.newContext({ colorScheme: "light" });
    // Anything the page asks of a network is refused and counted.
    await context.route(/^(?!file:)/, (route) => {
      routed.push(route.request().url());
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads with no console error, no page error, no dialog and no request but the file itself", async () => {
    const { page, problems, requests } = await openReport(context, reportUrl);
    expect(await page.locator("#document-list li").allTextContents()).toEqual([ZEPPELIN, SIGNING, RETRIES, MISSING]);
    expect(await page.locator("#detail h2").textContent()).toBe("Harbour window.__pwned=5 Docs");
    expect(problems).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    expect(routed).toEqual([]);
    expect(server.requests.length).toBe(sourceRequests);
    await page.close();
  });

  it("runs none of the pages' script, onerror or javascript: payloads, and shows them as text", async () => {
    const { page, problems, requests } = await openReport(context, reportUrl);
    const detail = await page.locator("#detail").textContent();
    // The product description is the summary with its markup dropped; the details keep theirs, as text.
    expect(detail).toContain("Harbour moors airships. Every page below carries a script payload & must stay text.");
    expect(detail).toContain("or <script>window.__pwned=8</script> the signing page.");
    // The link to javascript: in the index details stays text.
    expect(await page.locator("#detail span", { hasText: "mooring guide" }).getAttribute("title")).toBe("javascript:window.__pwned=7");
    // Fenced code in the index details is a code block holding the payload as text.
    expect(await page.locator("#detail pre code").allTextContents()).toEqual(["</script><script>window.__pwned=13</script>"]);
    const links = page.locator("#topic-list a, #document-list a");
    for (let index = 0; index < (await links.count()); index += 1) {
      await links.nth(index).click();
      // The item shows at once, its title as the detail's heading (the link may add "(failed)").
      const heading = (await page.locator("#detail h2").textContent()) ?? "";
      expect({ heading, link: (await links.nth(index).textContent())?.startsWith(heading) && heading !== "" }).toEqual({ heading, link: true });
      expect(await pwned(page)).toBeUndefined();
      // Only http(s) links and in-page links, no element with an event handler attribute, nothing loaded.
      const unsafe = await page.evaluate(() => [
        ...[...document.querySelectorAll("a[href]")].map((link) => link.getAttribute("href")!).filter((href) => !/^(https?:|#)/.test(href)),
        ...[...document.querySelectorAll("*")].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith("on"))),
        ...[...document.querySelectorAll("img, iframe, object, embed, link, meta[http-equiv=refresh]")].map((element) => element.tagName),
      ]);
      expect(unsafe).toEqual([]);
      expect(await page.locator("script").count()).toBe(2);
    }
    await page.goto(`${reportUrl}#document=${idOf("zeppelin.md")}`);
    expect(await page.locator("#detail h2").textContent()).toBe(ZEPPELIN);
    expect(await page.locator("#detail pre code").allTextContents()).toContain(
      '</script><script>window.__pwned=9</script><img src=x onerror="window.__pwned=10">',
    );
    expect(await pwned(page)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith(reportUrl))).toBe(true);
    expect(routed).toEqual([]);
    await page.close();
  });

  it("filters the topic and document lists to exactly the items matching every search term", async () => {
    const { page, problems } = await openReport(context, reportUrl);
    const search = async (query: string) => {
      await page.fill("#search", query);
      return { topics: await visible(page, "topic-list"), documents: await visible(page, "document-list") };
    };
    expect(await search("zeppelin")).toEqual({ topics: ["Script"], documents: [ZEPPELIN] });
    expect(await search("HMAC signature")).toEqual({ topics: ["Signing"], documents: [SIGNING] });
    expect(await search("mooring")).toEqual({ topics: ["Script", "Signing"], documents: [ZEPPELIN, SIGNING, RETRIES] });
    // The Script topic's overview quotes the Retries page's backoff sentence.
    expect(await search("mooring backoff")).toEqual({ topics: ["Script"], documents: [RETRIES] });
    expect(await page.locator("#graph g.node.dim").count()).toBe(4);
    expect(await search("no such words")).toEqual({ topics: [], documents: [] });
    expect(await page.locator("#no-results").isVisible()).toBe(true);
    expect(await search("")).toEqual({ topics: ["Script", "Signing"], documents: [ZEPPELIN, SIGNING, RETRIES, MISSING] });
    expect(await page.locator("#no-results").isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("draws one node per topic and document and one edge per topic–document link; a click opens the item", async () => {
    const { page, problems } = await openReport(context, reportUrl);
    const links = analysis.topics.reduce((sum, topic) => sum + topic.documentIds.length, 0);
    expect(await page.locator("#graph g.node.topic").count()).toBe(analysis.topics.length);
    expect(await page.locator("#graph g.node.document").count()).toBe(analysis.documents.length);
    expect(await page.locator("#graph line").count()).toBe(links);
    expect([analysis.topics.length, analysis.documents.length, links]).toEqual([2, 4, 3]);

    const signing = idOf("signing.md");
    await page.locator(`#graph g.node.document[data-id="${signing}"]`).click();
    expect(await page.locator("#detail h2").textContent()).toBe(SIGNING);
    expect(await page.evaluate(() => window.location.hash)).toBe(`#document=${signing}`);
    expect(await page.locator("#graph g.node.selected").getAttribute("data-id")).toBe(signing);
    expect(await page.locator("#graph line.highlight").count()).toBe(1);

    await page.locator('#graph g.node.topic[data-id="script"]').click();
    expect(await page.locator("#detail h2").textContent()).toBe("Script");
    expect(await page.locator("#detail section", { hasText: "Documents" }).locator("li").allTextContents()).toEqual([ZEPPELIN, RETRIES]);
    expect(await page.locator("#graph line.highlight").count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("follows the system's colour scheme and switches between light and dark with the toggle", async () => {
    const { page, problems } = await openReport(context, reportUrl);
    expect(await background(page)).toBe("rgb(255, 255, 255)");
    await page.click("#theme-toggle");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await background(page)).toBe("rgb(21, 23, 27)");
    expect(await page.locator("#theme-toggle").textContent()).toBe("Light mode");
    await page.click("#theme-toggle");
    expect(await background(page)).toBe("rgb(255, 255, 255)");

    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    expect(await background(page)).toBe("rgb(21, 23, 27)");
    expect(await page.locator("#theme-toggle").textContent()).toBe("Light mode");
    expect(problems).toEqual([]);
    await page.close();
  });
});
