import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/markdown.ts";
import { partNumber, splitDocument } from "../../src/split-document.ts";
import { countTokens } from "../../src/tokens.ts";
import type { ExtractedDocument } from "../../src/types.ts";

function documentOf(markdown: string): ExtractedDocument {
  const parsed = parseMarkdown(markdown);
  return { id: "guide", url: "file:///docs/guide.md", title: "Webhooks guide", markdown, sections: parsed.sections, codeBlocks: parsed.codeBlocks, links: ["https://example.com/"], tokens: countTokens(markdown) };
}

describe("splitDocument", () => {
  const fixture = readFileSync(new URL("../fixtures/split/long-guide.md", import.meta.url), "utf8").trim();
  // The first count loads the o200k_base ranks, which takes seconds on a busy machine.
  beforeAll(() => void countTokens("warm up"), 60_000);

  it("packs whole sections into parts at headings and cuts a section too big alone by paragraphs, under its heading again", () => {
    const document = documentOf(fixture);
    expect(document.tokens).toBe(118);
    const parts = splitDocument({ document, budgetTokens: 50 });
    const common = { url: "file:///docs/guide.md", links: [], partOf: "guide", partCount: 3 };
    expect(parts).toEqual([
      {
        ...common,
        id: "guide#part-1",
        part: 1,
        title: "Webhooks guide (part 1 of 3)",
        markdown: "# Webhooks guide\n\nRelaykit sends webhooks to your endpoint when events happen.\n\n## Signing\n\nEvery request carries a signature header. Verify it with the endpoint secret before you trust the body.",
        sections: [document.sections[0], document.sections[1]],
        codeBlocks: [],
        tokens: 39,
      },
      {
        ...common,
        id: "guide#part-2",
        part: 2,
        title: "Webhooks guide (part 2 of 3)",
        markdown: "## Retries\n\nA failed delivery is retried with exponential backoff for up to three days.\n\nThe schedule doubles the wait after each attempt, starting at one minute.",
        sections: [{ heading: "Retries", level: 2, anchor: "retries", markdown: "A failed delivery is retried with exponential backoff for up to three days.\n\nThe schedule doubles the wait after each attempt, starting at one minute." }],
        codeBlocks: [],
        tokens: 34,
      },
      {
        ...common,
        id: "guide#part-3",
        part: 3,
        title: "Webhooks guide (part 3 of 3)",
        markdown: "## Retries\n\n```ts\nrelay.retry({ maxAttempts: 12 });\n```\n\nAfter the last attempt the event moves to the dead letter queue, where you can replay it by hand.\n\n## Replay\n\nReplay sends a stored event again.",
        sections: [
          { heading: "Retries", level: 2, anchor: "retries", markdown: "```ts\nrelay.retry({ maxAttempts: 12 });\n```\n\nAfter the last attempt the event moves to the dead letter queue, where you can replay it by hand." },
          document.sections[3],
        ],
        codeBlocks: [{ language: "ts", code: "relay.retry({ maxAttempts: 12 });", anchor: "retries" }],
        tokens: 49,
      },
    ]);
    for (const part of parts) expect(countTokens(part.markdown)).toBe(part.tokens);
    expect(parts.map((part) => partNumber(part.id))).toEqual([1, 2, 3]);
    expect(partNumber("guide")).toBeUndefined();
  });

  it("keeps a document that fits in one part whole", () => {
    const parts = splitDocument({ document: documentOf(fixture), budgetTokens: 500 });
    expect(parts.map((part) => [part.id, part.title, part.markdown])).toEqual([["guide#part-1", "Webhooks guide (part 1 of 1)", fixture]]);
  });

  it("cuts a code block too big for one part by lines, fencing each piece again", () => {
    const code = Array.from({ length: 6 }, (_line, index) => `client.send({ attempt: ${index + 1}, queue: "deliveries" });`).join("\n");
    const document = documentOf(`## Sending\n\n\`\`\`ts\n${code}\n\`\`\``);
    const parts = splitDocument({ document, budgetTokens: 45 });
    const lines = code.split("\n");
    const fenced = (from: number, to: number) => `## Sending\n\n\`\`\`ts\n${lines.slice(from, to).join("\n")}\n\`\`\``;
    expect(parts.map((part) => part.markdown)).toEqual([fenced(0, 2), fenced(2, 4), fenced(4, 6)]);
    for (const part of parts) expect(part.tokens).toBeLessThanOrEqual(45);
    // The document's one code block is in none of the pieces whole, so no part claims it.
    expect(parts.map((part) => part.codeBlocks)).toEqual([[], [], []]);
  });

  it("cuts a single line too long for a part by tokens", () => {
    const line = "word ".repeat(120).trim();
    const parts = splitDocument({ document: documentOf(line), budgetTokens: 50 });
    expect(parts.map((part) => part.markdown).join("")).toBe(line);
    expect(parts.map((part) => part.tokens)).toEqual([50, 50, 20]);
  });
});
