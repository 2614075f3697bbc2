import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLlmsTxt, type LlmsTxt } from "../../src/llms-txt.ts";

const fixture = readFileSync(new URL("../fixtures/units/llms.txt", import.meta.url), "utf8");

const expectedFixture: LlmsTxt = {
  title: "Acme API",
  summary: "Acme sends webhooks and retries failed deliveries.",
  info: "Acme is an HTTP API.\nKeys are per project.\n\n```md\n## Not a section\n```",
  sections: {
    Docs: [
      { title: "Quickstart", url: "https://x.dev/a/quickstart.md", description: "Start here" },
      { title: "Webhooks", url: "https://x.dev/guides/webhooks.md", description: "" },
      { title: "Foo", url: "https://en.wikipedia.org/wiki/Foo_(bar)", description: "Background" },
    ],
    Optional: [{ title: "Changelog", url: "https://x.dev/changelog.md", description: "History" }],
  },
};

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
    expect(parsed.sections).toEqual({ Docs: [{ title: "B", url: "https://x.dev/a/b.md", description: "" }] });
  });

  it("keeps URLs as written when no base URL is given", () => {
    const parsed = parseLlmsTxt("# T\n\n## Docs\n\n- [B](b.md): notes\n");
    expect(parsed.sections).toEqual({ Docs: [{ title: "B", url: "b.md", description: "notes" }] });
  });

  it("ignores a `## x` line inside a fenced block of a section", () => {
    const text = "# T\n\n## Docs\n\n- [A](https://x.dev/a.md)\n\n~~~\n## Fake\n- [Hidden](https://x.dev/hidden.md)\n~~~\n\n- [B](https://x.dev/b.md)\n";
    expect(parseLlmsTxt(text).sections).toEqual({
      Docs: [
        { title: "A", url: "https://x.dev/a.md", description: "" },
        { title: "B", url: "https://x.dev/b.md", description: "" },
      ],
    });
  });

  it("accepts `*` bullets, angle-bracketed URLs and titled links", () => {
    const text = '# T\n\n## Docs\n\n* [A](<https://x.dev/a.md>): one\n- [B](https://x.dev/b.md "Title"): two\n';
    expect(parseLlmsTxt(text).sections).toEqual({
      Docs: [
        { title: "A", url: "https://x.dev/a.md", description: "one" },
        { title: "B", url: "https://x.dev/b.md", description: "two" },
      ],
    });
  });

  it("leaves summary and info undefined when the file has only a title and sections", () => {
    expect(parseLlmsTxt("# Only title\n## Empty\n")).toEqual({ title: "Only title", summary: undefined, info: undefined, sections: { Empty: [] } });
  });

  it("ignores an H2 that comes before any H1", () => {
    expect(parseLlmsTxt("## Early\n- [A](a.md)\n")).toEqual({ title: undefined, summary: undefined, info: undefined, sections: {} });
  });
});
