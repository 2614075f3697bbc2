import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "../../src/llms-txt/index.ts";
import { renderReport } from "../../src/report/index.ts";
import { createReportInput } from "../fixtures/report-input.ts";

describe("the llms.txt of the guidelines", { timeout: 60_000 }, () => {
  for (const outputUrl of ["https://guides.example.com/acme/", "file:///srv/guides/acme%20webhooks/"]) {
    it(`is v2-conformant to our own parser, level 4 with no diagnostic, under ${outputUrl}`, () => {
      const files = renderReport(createReportInput(), { outputUrl });
      const parsed = parseLlmsTxt(files.get("llms.txt")!, { baseUrl: new URL("llms.txt", outputUrl).href });
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.conformance).toBe(4);
      expect(parsed.title).toBe("Acme Webhooks guidelines");
      expect(parsed.summary).toMatch(/^Implementation guidelines for Acme Webhooks/);
      expect(parsed.orderedSections.map((section) => section.name)).toEqual(["Guidelines", "Topics", "Documents", "Optional"]);

      // Every link names a rendered file, and every page a reader needs is listed.
      const linked = parsed.orderedSections.flatMap((section) => section.links.map((link) => link.url));
      for (const url of linked) {
        expect(url.startsWith(outputUrl), url).toBe(true);
        expect(files.has(decodeURIComponent(url.slice(outputUrl.length))), url).toBe(true);
      }
      const pages = [...files.keys()].filter((path) => path !== "llms.txt");
      expect(linked.map((url) => decodeURIComponent(url.slice(outputUrl.length))).sort()).toEqual(pages.sort());
    });
  }

  it("describes failed documents by their failure and optional files in the Optional section", () => {
    const parsed = parseLlmsTxt(renderReport(createReportInput(), { outputUrl: "https://guides.example.com/" }).get("llms.txt")!);
    const documents = parsed.sections["Documents"]!;
    expect(documents.find((link) => link.title === "Broken page")?.desc).toBe("failed at fetch: HTTP 404 Not Found");
    expect(parsed.orderedSections.at(-1)).toMatchObject({ name: "Optional", optional: true });
    expect(parsed.sections["Optional"]!.map((link) => link.url)).toContain("https://guides.example.com/run.json");
  });
});
