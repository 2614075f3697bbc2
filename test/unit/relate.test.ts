import { describe, expect, it } from "vitest";
import { relateDocuments, type RelateInput } from "../../src/relate.ts";
import { collectTopicCandidates } from "../../src/topic-candidates.ts";
import type { TopicMention } from "../../src/types.ts";

function mention(name: string, relevance: number): TopicMention {
  return { name, relevance, heading: "", anchor: "" };
}

const documents: RelateInput[] = [
  {
    id: "d1",
    url: "https://x.dev/a.md",
    links: ["https://x.dev/c.md", "https://x.dev/missing.md", "https://x.dev/a.md"],
    topics: [mention("Retries", 0.9), mention("Webhook Signing", 0.5), mention("Solo", 0.2)],
  },
  { id: "d2", url: "https://x.dev/b.md", links: [], topics: [mention("retry", 0.8), mention("webhook-signing", 0.6)] },
  { id: "d3", url: "https://x.dev/c.md", links: [], topics: [mention("Billing", 0.7), mention("Invoices", 0.3)] },
];

describe("relateDocuments", () => {
  it("merges names across case and plural, keeps shared topics plus an uncovered document's best topic", () => {
    expect(relateDocuments({ documents }).topics).toEqual([
      { id: "retry", name: "Retry", aliases: ["Retries", "retry"], documentIds: ["d1", "d2"], weight: 1.7, relatedTopicIds: ["webhook-signing"] },
      { id: "webhook-signing", name: "Webhook Signing", aliases: ["Webhook Signing", "webhook-signing"], documentIds: ["d2", "d1"], weight: 1.1, relatedTopicIds: ["retry"] },
      { id: "billing", name: "Billing", aliases: ["Billing"], documentIds: ["d3"], weight: 0.7, relatedTopicIds: [] },
    ]);
  });

  it("maps each document to its topic ids", () => {
    expect(relateDocuments({ documents }).documentTopics).toEqual({ d1: ["retry", "webhook-signing"], d2: ["retry", "webhook-signing"], d3: ["billing"] });
  });

  it("folds synonyms into the candidates a caller collected already, as into its own", () => {
    const synonyms = [["Billing", "Invoice"]];
    const candidates = collectTopicCandidates({ documents });
    expect(relateDocuments({ documents, synonyms, candidates })).toEqual(relateDocuments({ documents, synonyms }));
    expect(candidates.get("invoice")?.key).toBe("billing");
  });

  it("relates documents by links (ignoring self and unknown URLs) before documents sharing two topics", () => {
    expect(relateDocuments({ documents }).relatedDocuments).toEqual({ d1: ["d3", "d2"], d2: ["d1"], d3: [] });
  });

  it("does not relate documents that share only one topic", () => {
    const result = relateDocuments({
      documents: [
        { id: "p", url: "https://x.dev/p.md", links: [], topics: [mention("Auth", 0.5), mention("Keys", 0.5)] },
        { id: "q", url: "https://x.dev/q.md", links: [], topics: [mention("auth", 0.5), mention("Logs", 0.5)] },
      ],
    });
    expect(result.topics.map((topic) => topic.id)).toEqual(["auth"]);
    expect(result.relatedDocuments).toEqual({ p: [], q: [] });
  });

  it("caps shared topics at maxTopics but still covers every document", () => {
    expect(relateDocuments({ documents, maxTopics: 1 }).topics.map((topic) => topic.id)).toEqual(["retry", "billing"]);
  });

  it("gives the same topics whatever the document order", () => {
    expect(relateDocuments({ documents: [...documents].reverse() }).topics).toEqual(relateDocuments({ documents }).topics);
  });

  it("numbers topic ids whose names slugify alike", () => {
    const result = relateDocuments({
      documents: [
        { id: "p", url: "https://x.dev/p.md", links: [], topics: [mention("Café", 0.9), mention("Cafe", 0.4)] },
        { id: "q", url: "https://x.dev/q.md", links: [], topics: [mention("café", 0.8), mention("cafe", 0.3)] },
      ],
    });
    expect(result.topics.map((topic) => [topic.id, topic.aliases])).toEqual([
      ["cafe", ["Café", "café"]],
      ["cafe-2", ["Cafe", "cafe"]],
    ]);
  });

  it("returns nothing for no documents", () => {
    expect(relateDocuments({ documents: [] })).toEqual({ topics: [], documentTopics: {}, relatedDocuments: {} });
  });
});

describe("relateDocuments merges near-duplicate topic names", () => {
  const mention = (name: string, relevance = 1) => ({ name, relevance, heading: "", anchor: "" });
  it("folds spacing variants and one-letter typos into the heavier spelling", () => {
    const relations = relateDocuments({
      documents: [
        { id: "a", url: "https://x.dev/a", links: [], topics: [mention("Rate Limit"), mention("Idempotency Key")] },
        { id: "b", url: "https://x.dev/b", links: [], topics: [mention("Ratelimit", 0.5), mention("Idempotancy Key", 0.5)] },
        { id: "c", url: "https://x.dev/c", links: [], topics: [mention("Rate-limits", 0.8)] },
      ],
    });
    expect(relations.topics.map((topic) => [topic.id, topic.documentIds, topic.aliases])).toEqual([
      ["rate-limit", ["a", "c", "b"], ["Rate Limit", "Rate-limits", "Ratelimit"]],
      ["idempotency-key", ["a", "b"], ["Idempotancy Key", "Idempotency Key"]],
    ]);
  });
});
