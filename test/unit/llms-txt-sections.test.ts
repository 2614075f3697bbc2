import { describe, expect, it } from "vitest";
import { MISSING_SUMMARY, expectedParse, parseFixture } from "../helpers/llms-txt-fixtures.ts";

describe("parseLlmsTxt: what sections hold", () => {
  it("reads `*`, `+` and ordered items, and reports prose and items without a link", () => {
    expect(parseFixture("prose-in-section.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          {
            name: "Docs",
            line: 3,
            optional: false,
            links: [
              { title: "Quickstart", url: "https://x.dev/quickstart.md", desc: "Start here", kind: "document", line: 7 },
              { title: "Webhooks", url: "https://x.dev/webhooks.md", kind: "document", line: 9 },
              { title: "Signing", url: "https://x.dev/signing.md", kind: "document", line: 11 },
              { title: "Retries", url: "https://x.dev/retries.md", kind: "document", line: 12 },
            ],
          },
        ],
        diagnostics: [
          MISSING_SUMMARY,
          { code: "prose-in-section", severity: "info", line: 5, message: 'text in section "Docs" is not part of its file list' },
          { code: "item-without-link", severity: "warning", line: 8, message: 'a list item of section "Docs" has no [name](url) link' },
        ],
        conformance: 4,
      }),
    );
  });

  it("reads nested items, and reports a grouping item that has text but no link", () => {
    expect(parseFixture("nested-items.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          {
            name: "Docs",
            line: 3,
            optional: false,
            links: [
              { title: "Start", url: "https://x.dev/start.md", kind: "document", line: 6 },
              { title: "Deploy", url: "https://x.dev/deploy.md", kind: "document", line: 7 },
              { title: "Reference", url: "https://x.dev/reference.md", kind: "document", line: 8 },
              { title: "CLI", url: "https://x.dev/cli.md", kind: "document", line: 9 },
            ],
          },
        ],
        diagnostics: [MISSING_SUMMARY, { code: "item-without-link", severity: "warning", line: 5, message: 'a list item of section "Docs" has no [name](url) link' }],
        conformance: 4,
      }),
    );
  });

  it("reports, line by line, everything wrong with a messy file and still reads what it can", () => {
    expect(parseFixture("problems.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 3,
        summaryLine: 5,
        orderedSections: [
          {
            name: "Docs",
            line: 7,
            optional: false,
            links: [
              { title: "A", url: "https://x.dev/a.md#one", kind: "document", line: 12 },
              { title: "Loose", url: "https://x.dev/loose.md", desc: "not in a list", kind: "document", line: 14 },
            ],
          },
          { name: "Empty", line: 16, optional: false, links: [] },
          { name: "Second title", line: 18, optional: false, links: [{ title: "A again", url: "https://x.dev/a.md#two", kind: "document", line: 20 }] },
        ],
        diagnostics: [
          { code: "h1-not-first", severity: "warning", line: 3, message: "the H1 should open the file; content from line 1 comes before it" },
          { code: "empty-summary", severity: "warning", line: 5, message: "the summary blockquote is empty" },
          { code: "item-without-link", severity: "warning", line: 9, message: 'a list item of section "Docs" has no [name](url) link' },
          { code: "unsupported-scheme", severity: "warning", line: 10, message: '"mailto:team@x.dev" uses mailto:, which document-it does not read; the link "Mail" is skipped' },
          { code: "invalid-url", severity: "error", line: 11, message: '"https://exa mple.dev/" is not a valid URL; the link "Broken" is skipped' },
          { code: "link-outside-list", severity: "warning", line: 14, message: 'the link "Loose" is not a list item; write it as "- [name](url)"' },
          { code: "empty-section", severity: "warning", line: 16, message: 'section "Empty" lists no links' },
          { code: "multiple-h1", severity: "warning", line: 18, message: 'a second H1 "Second title"; read as a section' },
          { code: "duplicate-link", severity: "warning", line: 20, message: "https://x.dev/a.md is listed 2 times (lines 12, 20)" },
        ],
        conformance: 4,
      }),
    );
  });
});
