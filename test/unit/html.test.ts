import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown, looksLikeHtml } from "../../src/html.ts";

describe("htmlToMarkdown", () => {
  it("keeps the main content as markdown: code fence with language and a GFM table; drops page chrome", () => {
    const html = readFileSync(new URL("../fixtures/units/page.html", import.meta.url), "utf8");
    expect(htmlToMarkdown(html)).toEqual({
      title: "Install guide",
      markdown: "# Install\n\nRun the **installer**.\n\n```ts\nconst a = 1;\n```\n\n| Name | Type |\n| --- | --- |\n| id | string |",
    });
  });

  it("falls back to the body and takes the title from the first H1 when there is no <title>", () => {
    const html = "<html><body><nav>Menu</nav><h1>Hello</h1><p>World</p><script>x()</script><footer>Foot</footer></body></html>";
    expect(htmlToMarkdown(html)).toEqual({ title: "Hello", markdown: "# Hello\n\nWorld" });
  });

  it("prefers an <article> over the rest of the body", () => {
    expect(htmlToMarkdown("<body><div>Sidebar</div><article><p>Text</p></article></body>").markdown).toBe("Text");
  });

  it("reads the language from lang- and data-language, and lengthens the fence around backticks", () => {
    const html = '<main><pre class="lang-py"><code>print(1)</code></pre><pre data-language="sh"><code>a ``` b</code></pre></main>';
    expect(htmlToMarkdown(html).markdown).toBe("```py\nprint(1)\n```\n\n````sh\na ``` b\n````");
  });
});

describe("looksLikeHtml", () => {
  it.each([
    ["<!DOCTYPE html><html></html>", true],
    ["  \n<html lang=en>", true],
    ["<body>", true],
    ["# Title\n<div>inline html</div>", false],
    ["plain text", false],
  ])("%j → %s", (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});
