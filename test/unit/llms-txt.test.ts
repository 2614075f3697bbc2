import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLlmsTxt } from "../../src/llms-txt/index.ts";
import { MISSING_SUMMARY, expectedParse } from "../helpers/llms-txt-fixtures.ts";

const fixture = readFileSync(new URL("../fixtures/units/llms.txt", import.meta.url), "utf8");

const expectedFixture = expectedParse({
  title: "Acme API",
  summary: "Acme sends webhooks and retries failed deliveries.",
  info: "Acme is an HTTP API.\nKeys are per project.\n\n```md\n## Not a section\n```",
  titleLine: 1,
  summaryLine: 3,
  orderedSections: [
    {
      name: "Docs",
      line: 13,
      optional: false,
      links: [
        { title: "Quickstart", url: "https://x.dev/a/quickstart.md", desc: "Start here", kind: "document", line: 15 },
        { title: "Webhooks", url: "https://x.dev/guides/webhooks.md", kind: "document", line: 16 },
        { title: "Foo", url: "https://en.wikipedia.org/wiki/Foo_(bar)", desc: "Background", kind: "document", line: 17 },
      ],
    },
    { name: "Optional", line: 21, optional: true, links: [{ title: "Changelog", url: "https://x.dev/changelog.md", desc: "History", kind: "document", line: 23 }] },
  ],
  diagnostics: [
    { code: "relative-link", severity: "info", line: 15, message: '"quickstart.md" resolved to https://x.dev/a/quickstart.md' },
    { code: "prose-in-section", severity: "info", line: 19, message: 'text in section "Docs" is not part of its file list' },
    { code: "relative-link", severity: "info", line: 23, message: '"/changelog.md" resolved to https://x.dev/changelog.md' },
  ],
  conformance: 4,
});

describe("parseLlmsTxt", () => {
  it("reads title, joined summary, details up to the first H2, and link sections with resolved URLs", () => {
    expect(parseLlmsTxt(fixture, { baseUrl: "https://x.dev/a/llms.txt" })).toEqual(expectedFixture);
  });

  it("gives the same result for a file with a BOM and CRLF line endings", () => {
    const windows = `\uFEFF${fixture.replace(/\n/g, "\r\n")}`;
    expect(parseLlmsTxt(windows, { baseUrl: "https://x.dev/a/llms.txt" })).toEqual(expectedFixture);
  });

  it("resolves a relative URL against the folder of the base URL", () => {
    const parsed = parseLlmsTxt("# T\n\n## Docs\n\n- [B](b.md)\n", { baseUrl: "https://x.dev/a/llms.txt" });
    expect(parsed.sections).toEqual({ Docs: [{ title: "B", url: "https://x.dev/a/b.md", kind: "document", line: 5 }] });
  });

  it("keeps URLs as written when no base URL is given", () => {
    const parsed = parseLlmsTxt("# T\n\n## Docs\n\n- [B](b.md): notes\n");
    expect(parsed.sections).toEqual({ Docs: [{ title: "B", url: "b.md", desc: "notes", kind: "document", line: 5 }] });
  });

  it("ignores a `## x` line inside a fenced block of a section", () => {
    const text = "# T\n\n## Docs\n\n- [A](https://x.dev/a.md)\n\n~~~\n## Fake\n- [Hidden](https://x.dev/hidden.md)\n~~~\n\n- [B](https://x.dev/b.md)\n";
    expect(parseLlmsTxt(text).sections).toEqual({
      Docs: [
        { title: "A", url: "https://x.dev/a.md", kind: "document", line: 5 },
        { title: "B", url: "https://x.dev/b.md", kind: "document", line: 12 },
      ],
    });
  });

  it("accepts `*` bullets, angle-bracketed URLs and titled links", () => {
    const text = '# T\n\n## Docs\n\n* [A](<https://x.dev/a.md>): one\n- [B](https://x.dev/b.md "Title"): two\n';
    expect(parseLlmsTxt(text).sections).toEqual({
      Docs: [
        { title: "A", url: "https://x.dev/a.md", desc: "one", kind: "document", line: 5 },
        { title: "B", url: "https://x.dev/b.md", desc: "two", kind: "document", line: 6 },
      ],
    });
  });

  it("leaves summary and info undefined when the file has only a title and sections", () => {
    expect(parseLlmsTxt("# Only title\n## Empty\n")).toEqual(
      expectedParse({
        title: "Only title",
        titleLine: 1,
        orderedSections: [{ name: "Empty", line: 2, optional: false, links: [] }],
        diagnostics: [MISSING_SUMMARY, { code: "empty-section", severity: "warning", line: 2, message: 'section "Empty" lists no links' }],
        conformance: 2,
      }),
    );
  });

  // The placeholder parser dropped such a section; a linter shows what it found and says what is wrong instead.
  it("reads an H2 that comes before any H1, and reports the missing H1", () => {
    expect(parseLlmsTxt("## Early\n- [A](a.md)\n")).toEqual(
      expectedParse({
        orderedSections: [{ name: "Early", line: 1, optional: false, links: [{ title: "A", url: "a.md", kind: "document", line: 2 }] }],
        diagnostics: [
          { code: "missing-h1", severity: "error", line: 1, message: 'the file has no H1 title ("# Name"), the one part the format requires' },
          { code: "relative-link", severity: "info", line: 2, message: '"a.md" is relative and there is no base URL; kept as written' },
        ],
        conformance: 1,
      }),
    );
  });

  it("reads emphasis around a link, dash separators and markdown in the notes", () => {
    const text = "# T\n\n## Docs\n\n- **[A](https://x.dev/a.md):** uses `serve()`\n- [B](https://x.dev/b.md) - see [C](https://x.dev/c.md)\n";
    expect(parseLlmsTxt(text).sections).toEqual({
      Docs: [
        { title: "A", url: "https://x.dev/a.md", desc: "uses `serve()`", kind: "document", line: 5 },
        { title: "B", url: "https://x.dev/b.md", desc: "see [C](https://x.dev/c.md)", kind: "document", line: 6 },
      ],
    });
  });
});
