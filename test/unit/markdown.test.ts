import { describe, expect, it } from "vitest";
import { findLinks, parseMarkdown, stripFrontMatter, stripInlineMarkdown } from "../../src/markdown.ts";

describe("parseMarkdown", () => {
  const markdown = [
    "Intro text.",
    "",
    "# Guide",
    "",
    "Body.",
    "",
    "## Setup",
    "",
    "```TS title=example",
    "const a = 1;",
    "# not a heading",
    "```",
    "",
    "## Setup",
    "",
    "~~~",
    "## not a heading",
    "~~~",
  ].join("\n");

  it("splits at headings, but not inside ``` or ~~~ fences, keeping a preamble section", () => {
    expect(parseMarkdown(markdown).sections).toEqual([
      { heading: "", level: 0, anchor: "", markdown: "Intro text." },
      { heading: "Guide", level: 1, anchor: "guide", markdown: "Body." },
      { heading: "Setup", level: 2, anchor: "setup", markdown: "```TS title=example\nconst a = 1;\n# not a heading\n```" },
      { heading: "Setup", level: 2, anchor: "setup-1", markdown: "~~~\n## not a heading\n~~~" },
    ]);
  });

  it("collects code blocks with their lower-cased language and the anchor of their section", () => {
    expect(parseMarkdown(markdown).codeBlocks).toEqual([
      { language: "ts", code: "const a = 1;\n# not a heading", anchor: "setup" },
      { language: "", code: "## not a heading", anchor: "setup-1" },
    ]);
  });

  it("takes the title from the first H1 (even after an H2), without inline markup", () => {
    const parsed = parseMarkdown("## Before\n\n# The `run` *command*\n\n# Second\n");
    expect(parsed.title).toBe("The run command");
    expect(parsed.sections.map((section) => section.anchor)).toEqual(["before", "the-run-command", "second"]);
  });

  it("has no title and no preamble section for a document that starts with an H2", () => {
    const parsed = parseMarkdown("## Only\ntext");
    expect(parsed.title).toBeUndefined();
    expect(parsed.sections).toEqual([{ heading: "Only", level: 2, anchor: "only", markdown: "text" }]);
  });

  it("does not close a four-backtick fence with three backticks", () => {
    const parsed = parseMarkdown("# A\n````md\n```\n# inner\n````\n# B\n");
    expect(parsed.sections.map((section) => section.heading)).toEqual(["A", "B"]);
    expect(parsed.codeBlocks).toEqual([{ language: "md", code: "```\n# inner", anchor: "a" }]);
  });

  it("runs an unclosed fence to the end of the document", () => {
    expect(parseMarkdown("# A\n```js\nx\n# y").codeBlocks).toEqual([{ language: "js", code: "x\n# y", anchor: "a" }]);
  });

  it("reads CRLF input like LF input", () => {
    expect(parseMarkdown("# A\r\ntext\r\n## B\r\nmore\r\n")).toEqual(parseMarkdown("# A\ntext\n## B\nmore\n"));
  });

  it("lists the links of the document", () => {
    expect(parseMarkdown("# A\nSee [b](b.md) and [c](https://x.dev/c).").links).toEqual(["b.md", "https://x.dev/c"]);
  });
});

describe("stripFrontMatter", () => {
  it("removes a YAML block and reads its key/value pairs, unquoting values", () => {
    expect(stripFrontMatter('---\ntitle: "Hello: world"\nslug: intro\n---\n# Body\n')).toEqual({
      body: "# Body\n",
      frontMatter: { title: "Hello: world", slug: "intro" },
    });
  });

  it("leaves a document without front matter unchanged", () => {
    expect(stripFrontMatter("# Body\n---\nx: y\n---\n")).toEqual({ body: "# Body\n---\nx: y\n---\n", frontMatter: {} });
  });
});

describe("findLinks", () => {
  it("returns inline link destinations once each, in order, skipping code spans and fenced code", () => {
    const markdown = ['[a](https://x.dev/a) [b](./b.md "Title") [again](https://x.dev/a) `[c](c.md)`', "```", "[d](d.md)", "```", "[e](<e.md>)"].join("\n");
    expect(findLinks(markdown)).toEqual(["https://x.dev/a", "./b.md", "e.md"]);
  });
});

describe("stripInlineMarkdown", () => {
  it("drops emphasis, code ticks and link syntax and collapses whitespace", () => {
    expect(stripInlineMarkdown("  **Bold**   _it_ `code` [link](https://x.dev) ![img](i.png) ")).toBe("Bold it code link img");
  });
});
