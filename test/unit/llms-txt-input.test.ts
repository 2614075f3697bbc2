import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "../../src/llms-txt/index.ts";
import { expectedParse, fixturePath, parseFixture } from "../helpers/llms-txt-fixtures.ts";

describe("parseLlmsTxt: input that is not an llms.txt", () => {
  it("reports an empty file (conformance 0)", () => {
    const expected = expectedParse({ diagnostics: [{ code: "empty-file", severity: "error", line: 1, message: "the file is empty" }], conformance: 0 });
    expect(parseFixture("empty.txt")).toEqual(expected);
    expect(parseLlmsTxt("\uFEFF \r\n\t\n", {})).toEqual(expected);
  });

  it("reports HTML served as llms.txt (conformance 0)", () => {
    expect(parseFixture("html-page.txt")).toEqual(
      expectedParse({
        diagnostics: [{ code: "html-input", severity: "error", line: 1, message: "the input is an HTML page, not markdown (a server may have answered with its web page)" }],
        conformance: 0,
      }),
    );
  });

  it("reports binary input (conformance 0)", () => {
    const binary = readFileSync(fixturePath("binary.bin")).toString("utf8");
    expect(parseLlmsTxt(binary, {})).toEqual(expectedParse({ diagnostics: [{ code: "binary-input", severity: "error", line: 1, message: "the input is binary, not text" }], conformance: 0 }));
  });

  it("gives conformance 0 unusable, 1 no H1, 2 H1 only, 3 H1 and summary, 4 with links", () => {
    const levels = {
      "empty.txt": parseFixture("empty.txt").conformance,
      "html-page.txt": parseFixture("html-page.txt").conformance,
      "no-h1.txt": parseFixture("no-h1.txt").conformance,
      "title-only.txt": parseFixture("title-only.txt").conformance,
      "H1 and a section without links": parseLlmsTxt("# T\n\n## Empty\n").conformance,
      "title-summary.txt": parseFixture("title-summary.txt").conformance,
      "h1-then-h2.txt": parseFixture("h1-then-h2.txt").conformance,
    };
    expect(levels).toEqual({
      "empty.txt": 0,
      "html-page.txt": 0,
      "no-h1.txt": 1,
      "title-only.txt": 2,
      "H1 and a section without links": 2,
      "title-summary.txt": 3,
      "h1-then-h2.txt": 4,
    });
  });

  it("reports an H1 without text as an error, and no title", () => {
    expect(parseLlmsTxt("#\n\n> Summary\n")).toEqual(
      expectedParse({ summary: "Summary", titleLine: 1, summaryLine: 3, diagnostics: [{ code: "empty-title", severity: "error", line: 1, message: "the H1 has no text" }], conformance: 1 }),
    );
  });

  it("keeps relative links as written when the base URL is not a URL, and says why", () => {
    expect(parseLlmsTxt("# T\n\n> S\n\n## Docs\n\n- [B](b.md)\n", { baseUrl: "not a url" }).diagnostics).toEqual([
      { code: "invalid-base-url", severity: "warning", line: 1, message: 'base URL "not a url" is not a URL; relative links are kept as written' },
      { code: "relative-link", severity: "info", line: 7, message: '"b.md" is relative and there is no base URL; kept as written' },
    ]);
  });

  it("reads file: links only next to a local llms.txt", () => {
    const text = "# T\n\n> S\n\n## Docs\n\n- [Local](file:///docs/a.md)\n";
    expect(parseLlmsTxt(text, { baseUrl: "file:///docs/llms.txt" }).sections).toEqual({ Docs: [{ title: "Local", url: "file:///docs/a.md", kind: "document", line: 7 }] });
    expect(parseLlmsTxt(text, { baseUrl: "https://x.dev/llms.txt" }).diagnostics).toEqual([
      { code: "empty-section", severity: "warning", line: 5, message: 'section "Docs" lists no links' },
      { code: "unsupported-scheme", severity: "warning", line: 7, message: '"file:///docs/a.md" uses file:, which document-it does not read; the link "Local" is skipped' },
    ]);
  });

  it("never throws, whatever the string", () => {
    const pathological = [
      "[".repeat(50_000),
      ">".repeat(50_000),
      "`".repeat(50_000),
      "*a".repeat(25_000),
      "<a ".repeat(20_000),
      "\\".repeat(50_000),
      Array.from({ length: 2_000 }, (_, depth) => `${"  ".repeat(depth)}- [x](y)`).join("\n"),
      `# T\n## S\n${"- [a](".repeat(10_000)}`,
      "# \uD800 lone surrogate\n## \uDFFF\n- [\uD800](\uDC00)\n",
    ];
    let state = 7;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const alphabet = ["#", "# ", "## ", "\n", "\r", "\r\n", ">", "- ", "* ", "1. ", "[", "]", "(", ")", "<", ">", "`", "~~~", ":", " ", "a", "é", "\uD83D", "\u0000", "\uFFFD", "http://", "../", "#x"];
    const randomInputs = Array.from({ length: 500 }, () => Array.from({ length: Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
    const conformances = new Set<number>();
    for (const input of [...pathological, ...randomInputs]) conformances.add(parseLlmsTxt(input, { baseUrl: "https://x.dev/llms.txt" }).conformance);
    expect([...conformances].every((level) => level >= 0 && level <= 4)).toBe(true);
    expect(() => parseLlmsTxt(undefined as unknown as string)).not.toThrow();
  });
});
