import { describe, expect, it } from "vitest";
import { renderSources } from "../../src/providers/synthesis-sources.ts";
import type { DocumentSummary, SynthesisInput } from "../../src/types.ts";
import { synthesisInput } from "../fixtures/openai-batch.ts";

const analysed: DocumentSummary = {
  documentId: "doc-signing",
  summary: "How deliveries are signed.",
  concepts: [{ name: "Signature", description: "An HMAC of the body.", importance: 9, heading: "Signing", anchor: "signing" }],
  implementationNotes: [{ title: "Verify", steps: ["Compute the HMAC", "Compare in constant time"], heading: "Verify a signature", anchor: "verify-a-signature" }],
  codePatterns: [{ name: "Verify a delivery", language: "md", code: "Run:\n```sh\nverify\n```\n", whenToUse: "On every delivery", heading: "", anchor: "" }],
};

function withSources(count: number): SynthesisInput {
  const input = synthesisInput();
  const [first] = input.sources;
  return { ...input, sources: Array.from({ length: count }, () => ({ ...first!, summary: analysed })) };
}

describe("renderSources", () => {
  it("sends the document's analysis, then the section the topic named, not the rest of the document", () => {
    const [source] = renderSources(withSources(1), 24_000, ["verify-a-signature"]).split("\n\n<document ");
    expect(source).toBe(
      [
        '<document number="1" id="doc-signing" url="https://acme.test/docs/signing.md" title="Signing">',
        "Summary: How deliveries are signed.",
        "",
        "Concepts:",
        "- Signature: An HMAC of the body.",
        "",
        "Implementation notes:",
        "- Verify: Compute the HMAC; Compare in constant time",
        "",
        "Code patterns:",
        "- Verify a delivery: On every delivery",
        "````md",
        "Run:",
        "```sh",
        "verify",
        "```",
        "````",
        "",
        "Section about this topic:",
        "## Verify a signature",
        "",
        "Compute the HMAC and compare it.",
        "",
        "```ts",
        "verify(body, header);",
        "```",
        "</document>",
      ].join("\n"),
    );
  });

  it("takes the document's opening when the topic named no section of it", () => {
    expect(renderSources(withSources(1), 24_000, [""])).toContain("Section about this topic:\n# Signing\n\nEvery delivery carries a signature.\n</document>");
  });

  it("cuts the section to what the source's share leaves after the analysis, and leaves it out when nothing is left", () => {
    const input = withSources(1);
    const long = "A sentence about signing that goes on. ".repeat(400);
    input.sources[0] = { ...input.sources[0]!, document: { ...input.sources[0]!.document, sections: [{ heading: "Signing", level: 1, anchor: "signing", markdown: long }] } };
    const cut = renderSources(input, 600, ["signing"]);
    expect(cut).toContain("Section about this topic:\n# Signing\n\nA sentence about signing");
    expect(cut).toContain("\n\n[… cut to fit]\n</document>");
    expect(cut.length).toBeLessThan(long.length / 2);
    // 20 sources share 600 tokens: each gets the 500-token floor, which the analysis nearly fills.
    const crowded = renderSources({ ...input, sources: Array.from({ length: 20 }, () => ({ ...input.sources[0]!, summary: { ...analysed, summary: "word ".repeat(480) } })) }, 600, ["signing"]);
    expect(crowded).not.toContain("Section about this topic:");
    expect(crowded.match(/<document number=/g)).toHaveLength(20);
  });
});
