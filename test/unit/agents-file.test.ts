import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.ts";
import { countTokens } from "../../src/tokens.ts";
import type { ReportInput, Statement, TopicGuideline } from "../../src/types.ts";
import { createReportInput } from "../fixtures/report-input.ts";
import { markdownLinks } from "../helpers/output-links.ts";

// Twelve topics of descending weight, each with twelve cited statements and a code example, from two sources each.
function largeInput(): ReportInput {
  const input = createReportInput();
  input.topics = [];
  input.guidelines = [];
  for (let topic = 0; topic < 12; topic += 1) {
    const id = `topic-${String.fromCharCode(97 + topic)}`;
    const statements = (kind: string): Statement[] =>
      Array.from({ length: 3 }, (_, index) => ({ text: `${kind} ${index} of ${id}: keep the delivery worker idempotent and log every retry with its attempt number.`, citations: [1 + (index % 2)] }));
    const sources = [1, 2].map((number) => ({
      number,
      documentId: number === 1 ? "doc-a" : "doc-b",
      url: `https://example.com/docs/${id}/${number}.md`,
      title: `${id} source ${number}`,
      heading: "Usage",
      anchor: "usage",
    }));
    const guideline: TopicGuideline = {
      topicId: id,
      name: `Topic ${id}`,
      overview: statements("Overview"),
      whenToUse: statements("When"),
      steps: statements("Step"),
      code: [{ title: `Example of ${id}`, language: "ts", code: "await client.send({ id });\n".repeat(6), citations: [2] }],
      pitfalls: statements("Pitfall"),
      relatedTopicIds: [],
      sources,
    };
    // The weights are given out of order, so the file's order comes from them and not from the list.
    input.topics.push({ id, name: guideline.name, aliases: [], documentIds: ["doc-a"], weight: [5, 12, 3, 9, 1, 7, 11, 2, 8, 4, 10, 6][topic]!, relatedTopicIds: [] });
    input.guidelines.push(guideline);
  }
  return input;
}

function agentsFile(input: ReportInput, budget: number): string {
  return renderReport(input, { agentsBudget: budget }).get("AGENTS.md")!;
}

function topicHeadings(content: string): string[] {
  return content.split("\n").filter((line) => line.startsWith("## ")).map((line) => line.slice(3));
}

// The first render loads the o200k_base ranks, which takes seconds on a busy machine.
describe("AGENTS.md", { timeout: 60_000 }, () => {
  const input = largeInput();
  const total = 12 * 13 + 1;

  it.each([500, 800, 1500, 3000, 8000])("fits a budget of %i tokens and says how many rules it left out", (budget) => {
    const content = agentsFile(input, budget);
    expect(countTokens(content)).toBeLessThanOrEqual(budget);
    const included = content.split("\n").filter((line) => /^- .* \[\d+\](?: \[\d+\])*$/.test(line)).length;
    const footer = content.trimEnd().split("\n").at(-1)!;
    if (included === total) expect(footer).toBe(`Nothing was left out: all ${total} rules fit within the ${budget}-token budget.`);
    else expect(footer).toMatch(new RegExp(`^Left out to stay within the ${budget}-token budget: ${total - included} of ${total} rules, \\d+ of them whole topics\\.`));
    expect(included).toBeGreaterThan(0);
  });

  it("uses more of a larger budget", () => {
    const sizes = [800, 1500, 3000, 8000].map((budget) => countTokens(agentsFile(input, budget)));
    expect(sizes).toEqual([...sizes].sort((first, second) => first - second));
    expect(sizes[3]! - sizes[0]!).toBeGreaterThan(3000);
  });

  it("puts the product first, then topics by weight, and keeps that order when it cuts", () => {
    const byWeight = [...input.topics].sort((first, second) => second.weight - first.weight).map((topic) => `Topic ${topic.id}`);
    expect(topicHeadings(agentsFile(input, 20_000))).toEqual(["About Acme Webhooks", ...byWeight]);
    const cut = topicHeadings(agentsFile(input, 1500));
    expect(cut.length).toBeLessThan(byWeight.length + 1);
    expect(cut).toEqual(["About Acme Webhooks", ...byWeight.slice(0, cut.length - 1)]);
  });

  it("cites every rule, and every citation is a source of the guideline it came from", () => {
    const content = agentsFile(input, 8000);
    const definitions = new Map([...content.matchAll(/^\[(\d+)\]: <([^>]+)> "/gm)].map((match) => [match[1]!, match[2]!]));
    const sourceUrls = new Set(input.guidelines.flatMap((guideline) => guideline.sources.map((source) => `${source.url}#${source.anchor}`)));
    sourceUrls.add(input.index.source);
    for (const line of content.split("\n").filter((text) => text.startsWith("- "))) {
      const labels = [...line.matchAll(/\[(\d+)\]/g)].map((match) => match[1]!);
      expect(labels.length, line).toBeGreaterThan(0);
      for (const label of labels) expect(sourceUrls.has(definitions.get(label) ?? ""), `${line} → [${label}]`).toBe(true);
    }
    // markdown-it reads each definition as a link, so an agent's markdown reader sees them too.
    expect(new Set(markdownLinks(content).filter((href) => href.startsWith("https://example.com/docs/topic-"))).size).toBe(definitions.size - 1);
  });

  it("links each topic to its full guideline and leaves uncited statements out, saying so", () => {
    const content = agentsFile(createReportInput(), 8000);
    expect(content).toContain("Full guideline: [topics/webhook-signing.md](topics/webhook-signing.md)");
    expect(content.trimEnd().split("\n").at(-1)).toBe("Nothing was left out: all 7 rules fit within the 8000-token budget. 1 statement without a citation never enters this file.");
  });
});
