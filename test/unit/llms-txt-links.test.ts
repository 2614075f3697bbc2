import { describe, expect, it } from "vitest";
import { FIXTURE_BASE_URL, MISSING_SUMMARY, expectedParse, parseFixture } from "../helpers/llms-txt-fixtures.ts";

describe("parseLlmsTxt: links", () => {
  it("keeps balanced parentheses in a URL", () => {
    expect(parseFixture("parentheses.txt").sections).toEqual({
      Background: [{ title: "Foo", url: "https://en.wikipedia.org/wiki/Foo_(bar)", desc: "the (bar) sense", kind: "document", line: 5 }],
    });
  });

  it("drops a link title from the URL, in double or single quotes", () => {
    expect(parseFixture("link-title.txt").sections).toEqual({
      Docs: [
        { title: "a", url: "https://x.dev/u", desc: "notes", kind: "document", line: 5 },
        { title: "b", url: "https://x.dev/v", desc: "more", kind: "document", line: 6 },
      ],
    });
  });

  it("reads `<...>` destinations, with spaces and a lone parenthesis", () => {
    expect(parseFixture("angle-destination.txt").sections).toEqual({
      Docs: [
        { title: "Guide", url: "https://x.dev/my%20guide.md", desc: "spaces need angle brackets", kind: "document", line: 5 },
        { title: "Paren", url: "https://x.dev/a)b.md", kind: "document", line: 6 },
      ],
    });
  });

  it("never reads sections or links inside a ``` fence, in the details or in a section", () => {
    expect(parseFixture("fence-backticks.txt")).toEqual(
      expectedParse({
        title: "Acme",
        info: "```md\n## Not a section\n- [Hidden](https://x.dev/hidden.md)\n```",
        titleLine: 1,
        orderedSections: [{ name: "Docs", line: 8, optional: false, links: [{ title: "A", url: "https://x.dev/a.md", kind: "document", line: 10 }] }],
        diagnostics: [MISSING_SUMMARY, { code: "prose-in-section", severity: "info", line: 12, message: 'a code block in section "Docs" is not part of its file list' }],
        conformance: 4,
      }),
    );
  });

  it("never reads sections or links inside a ~~~ fence", () => {
    expect(parseFixture("fence-tildes.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [{ name: "Docs", line: 3, optional: false, links: [{ title: "A", url: "https://x.dev/a.md", kind: "document", line: 10 }] }],
        diagnostics: [MISSING_SUMMARY, { code: "prose-in-section", severity: "info", line: 5, message: 'a code block in section "Docs" is not part of its file list' }],
        conformance: 4,
      }),
    );
  });

  it(`resolves relative links against the llms.txt's own URL (${FIXTURE_BASE_URL}) and says so`, () => {
    expect(parseFixture("relative-links.txt")).toEqual(
      expectedParse({
        title: "Acme",
        titleLine: 1,
        orderedSections: [
          {
            name: "Docs",
            line: 3,
            optional: false,
            links: [
              { title: "B", url: "https://x.dev/a/b.md", kind: "document", line: 5 },
              { title: "Root", url: "https://x.dev/c.md", kind: "document", line: 6 },
              { title: "Up", url: "https://x.dev/d.md#part", kind: "document", line: 7 },
              { title: "Absolute", url: "https://other.dev/e.md", kind: "document", line: 8 },
            ],
          },
        ],
        diagnostics: [
          MISSING_SUMMARY,
          { code: "relative-link", severity: "info", line: 5, message: '"b.md" resolved to https://x.dev/a/b.md' },
          { code: "relative-link", severity: "info", line: 6, message: '"/c.md" resolved to https://x.dev/c.md' },
          { code: "relative-link", severity: "info", line: 7, message: '"../d.md#part" resolved to https://x.dev/d.md#part' },
        ],
        conformance: 4,
      }),
    );
  });

  it("tells nested llms.txt and llms-full.txt links from documents", () => {
    expect(parseFixture("link-kinds.txt").sections).toEqual({
      Indexes: [
        { title: "API index", url: "https://x.dev/api/llms.txt", desc: "the API's own llms.txt", kind: "llms-txt", line: 5 },
        { title: "Everything", url: "https://x.dev/llms-full.txt", kind: "llms-full-txt", line: 6 },
        { title: "Page", url: "https://x.dev/page.md", kind: "document", line: 7 },
      ],
    });
  });

  const lineEndsExpected = expectedParse({
    title: "Acme",
    summary: "Webhooks, delivered.",
    titleLine: 1,
    summaryLine: 3,
    orderedSections: [
      {
        name: "Docs",
        line: 5,
        optional: false,
        links: [
          { title: "A", url: "https://x.dev/a.md", desc: "First", kind: "document", line: 7 },
          { title: "B", url: "https://x.dev/a/b.md", kind: "document", line: 8 },
        ],
      },
    ],
    diagnostics: [{ code: "relative-link", severity: "info", line: 8, message: '"b.md" resolved to https://x.dev/a/b.md' }],
    conformance: 4,
  });

  it("reads a file with a BOM and CRLF line ends", () => {
    expect(parseFixture("bom-crlf.txt")).toEqual(lineEndsExpected);
  });

  it("reads a file with CR-only line ends, with the same line numbers", () => {
    expect(parseFixture("cr-only.txt")).toEqual(lineEndsExpected);
  });
});
