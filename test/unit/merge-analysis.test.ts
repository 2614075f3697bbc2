import { describe, expect, it } from "vitest";
import { mergeSummaries, mergeTopics } from "../../src/merge-analysis.ts";
import type { DocumentSummary } from "../../src/types.ts";

const at = (heading: string) => ({ heading, anchor: heading.toLowerCase() });

describe("merging the answers of a split document's parts", () => {
  it("joins the summaries, keeps the most important mention of a concept, and drops repeated notes and code", () => {
    const first: DocumentSummary = {
      documentId: "guide#part-1",
      summary: "Covers signing.",
      concepts: [
        { name: "Endpoint secret", description: "Signs requests.", importance: 6, ...at("Signing") },
        { name: "Webhook", description: "An HTTP callback.", importance: 9, ...at("Webhooks guide") },
      ],
      implementationNotes: [{ title: "Verify a signature", steps: ["Read the header."], ...at("Signing") }],
      codePatterns: [{ name: "Verify", language: "ts", code: "relay.verify(body);", whenToUse: "On receipt.", ...at("Signing") }],
    };
    const second: DocumentSummary = {
      documentId: "guide#part-2",
      summary: "Covers retries. ",
      concepts: [
        { name: "endpoint secrets", description: "Rotated yearly.", importance: 8, ...at("Rotation") },
        { name: "Retry schedule", description: "Backoff.", importance: 7, ...at("Retries") },
      ],
      implementationNotes: [{ title: "verify a signature", steps: ["Again."], ...at("Retries") }],
      codePatterns: [
        { name: "Verify again", language: "ts", code: "relay.verify(body);\n", whenToUse: "Twice.", ...at("Retries") },
        { name: "Retry", language: "ts", code: "relay.retry();", whenToUse: "On failure.", ...at("Retries") },
      ],
    };
    expect(mergeSummaries({ documentId: "guide", parts: [first, second] })).toEqual({
      documentId: "guide",
      summary: "Covers signing. Covers retries.",
      concepts: [
        { name: "endpoint secrets", description: "Rotated yearly.", importance: 8, ...at("Rotation") },
        { name: "Webhook", description: "An HTTP callback.", importance: 9, ...at("Webhooks guide") },
        { name: "Retry schedule", description: "Backoff.", importance: 7, ...at("Retries") },
      ],
      implementationNotes: [{ title: "Verify a signature", steps: ["Read the header."], ...at("Signing") }],
      codePatterns: [
        { name: "Verify", language: "ts", code: "relay.verify(body);", whenToUse: "On receipt.", ...at("Signing") },
        { name: "Retry", language: "ts", code: "relay.retry();", whenToUse: "On failure.", ...at("Retries") },
      ],
    });
  });

  it("weights a topic's relevance by the tokens of the parts that name it and keeps the heading of its strongest mention", () => {
    const merged = mergeTopics({
      documentId: "guide",
      parts: [
        { tokens: 300, topics: { documentId: "guide#part-1", topics: [{ name: "Webhooks", relevance: 0.8, ...at("Webhooks guide") }, { name: "Signing", relevance: 0.6, ...at("Signing") }] } },
        { tokens: 100, topics: { documentId: "guide#part-2", topics: [{ name: "webhook", relevance: 1, ...at("Retries") }, { name: "Retries", relevance: 0.9, ...at("Retries") }] } },
      ],
    });
    expect(merged).toEqual({
      documentId: "guide",
      topics: [
        // 0.8 × 3/4 + 1 × 1/4; the second part's mention is the stronger one.
        { name: "webhook", relevance: 0.85, ...at("Retries") },
        { name: "Signing", relevance: 0.45, ...at("Signing") },
        { name: "Retries", relevance: 0.225, ...at("Retries") },
      ],
    });
  });
});
