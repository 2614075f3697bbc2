import { describe, expect, it } from "vitest";
import { MISSING_SUMMARY, expectedParse, parseFixture } from "../helpers/llms-txt-fixtures.ts";

describe("parseLlmsTxt: the parts of the file", () => {
  it("reads a file that is only an H1 (conformance 2)", () => {
    expect(parseFixture("title-only.txt")).toEqual(expectedParse({ title: "Title only", titleLine: 1, diagnostics: [MISSING_SUMMARY], conformance: 2 }));
  });

  it("reads an H1 and a summary with details and no sections (conformance 3)", () => {
    expect(parseFixture("title-summary.txt")).toEqual(
      expectedParse({ title: "Acme", summary: "Acme sends webhooks.", info: "Acme is an HTTP API.", titleLine: 1, summaryLine: 3, diagnostics: [], conformance: 3 }),
    );
  });

  it("reads sections from a file without an H1, and reports it (conformance 1)", () => {
    expect(parseFixture("no-h1.txt")).toEqual(
      expectedParse({
        info: "Acme is an HTTP API.",
        orderedSections: [{ name: "Docs", line: 3, optional: false, links: [{ title: "A", url: "https://x.dev/a.md", kind: "document", line: 5 }] }],
        diagnostics: [{ code: "missing-h1", severity: "error", line: 1, message: 'the file has no H1 title ("# Name"), the one part the format requires' }],
        conformance: 1,
      }),
    );
  });

  it("reads an H1 followed at once by an H2 (conformance 4)", () => {
    expect(parseFixture("h1-then-h2.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          { name: "Docs", line: 2, optional: false, links: [{ title: "Quickstart", url: "https://x.dev/quickstart.md", desc: "Start here", kind: "document", line: 3 }] },
          { name: "API", line: 4, optional: false, links: [{ title: "REST", url: "https://x.dev/rest.md", kind: "document", line: 5 }] },
        ],
        diagnostics: [MISSING_SUMMARY],
        conformance: 4,
      }),
    );
  });

  it("joins a multi-line blockquote into one summary", () => {
    expect(parseFixture("multiline-summary.txt")).toEqual(
      expectedParse({
        title: "Acme",
        summary: "Acme sends webhooks and retries failed deliveries. It is open source.",
        info: "Details here.",
        titleLine: 1,
        summaryLine: 3,
        diagnostics: [],
        conformance: 3,
      }),
    );
  });

  it("keeps the Optional section and flags it as secondary", () => {
    expect(parseFixture("optional.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          { name: "Docs", line: 3, optional: false, links: [{ title: "A", url: "https://x.dev/a.md", kind: "document", line: 5 }] },
          { name: "Optional", line: 7, optional: true, links: [{ title: "Changelog", url: "https://x.dev/changelog.md", desc: "History", kind: "document", line: 9 }] },
        ],
        diagnostics: [MISSING_SUMMARY],
        conformance: 4,
      }),
    );
  });

  it("keeps H3 headings inside their H2 section and reports headings in the details", () => {
    expect(parseFixture("h3-in-section.txt")).toEqual(
      expectedParse({
        title: "Acme",
        info: "### Before sections",
        titleLine: 1,
        orderedSections: [
          {
            name: "Docs",
            line: 5,
            optional: false,
            links: [
              { title: "A", url: "https://x.dev/a.md", kind: "document", line: 7 },
              { title: "B", url: "https://x.dev/b.md", kind: "document", line: 11 },
            ],
          },
        ],
        diagnostics: [
          MISSING_SUMMARY,
          { code: "heading-in-details", severity: "warning", line: 3, message: "an H3 before the first H2; the details part holds no headings" },
          { code: "subheading-in-section", severity: "info", line: 9, message: 'an H3 does not start a section; what follows stays in "Docs"' },
        ],
        conformance: 4,
      }),
    );
  });

  it("merges two sections of the same name into the first", () => {
    expect(parseFixture("duplicate-sections.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          {
            name: "Docs",
            line: 3,
            optional: false,
            links: [
              { title: "A", url: "https://x.dev/a.md", kind: "document", line: 5 },
              { title: "C", url: "https://x.dev/c.md", kind: "document", line: 13 },
            ],
          },
          { name: "API", line: 7, optional: false, links: [{ title: "B", url: "https://x.dev/b.md", kind: "document", line: 9 }] },
        ],
        diagnostics: [MISSING_SUMMARY, { code: "duplicate-section", severity: "warning", line: 11, message: 'section "Docs" appeared before (line 3); its links are merged into it' }],
        conformance: 4,
      }),
    );
  });
});
