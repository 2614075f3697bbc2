import { describe, expect, it } from "vitest";
import { relateDocuments } from "../../src/relate.ts";
import { candidateNames, checkTopicGroups, collectTopicCandidates } from "../../src/topic-candidates.ts";

const mention = (name: string, relevance = 1) => ({ name, relevance, heading: "", anchor: "" });
const documents = [
  { id: "a", url: "https://x.dev/a", links: [], topics: [mention("Auth", 0.9), mention("Webhooks", 0.4)] },
  { id: "b", url: "https://x.dev/b", links: [], topics: [mention("Authentication", 0.5), mention("webhook", 0.6)] },
  { id: "c", url: "https://x.dev/c", links: [], topics: [mention("Sign-in", 0.3), mention("Signing", 0.8)] },
];

describe("topic candidates", () => {
  it("names each candidate left after the spelling merge once, sorted", () => {
    expect(candidateNames(collectTopicCandidates({ documents }))).toEqual(["Auth", "Authentication", "Sign In", "Signing", "Webhook"]);
  });

  it("keeps only known names, each in its first group, and groups of two or more", () => {
    const names = ["Auth", "Authentication", "Sign In", "Signing", "Webhook"];
    const groups = [["Authentication", " Auth ", "Login"], ["Sign In", "Auth"], ["Webhook", "Webhook"], ["Signing", "Sign In", "Signing"]];
    expect(checkTopicGroups({ names, groups })).toEqual([["Authentication", "Auth"], ["Signing", "Sign In"]]);
  });

  it("folds each synonym group into its heaviest candidate before topics are chosen", () => {
    const relations = relateDocuments({ documents, synonyms: [["Authentication", "Auth", "Sign In"]] });
    expect(relations.topics.map((topic) => [topic.id, topic.aliases, topic.documentIds, topic.weight])).toEqual([
      ["auth", ["Auth", "Authentication", "Sign-in"], ["a", "b", "c"], 1.7],
      ["webhook", ["Webhooks", "webhook"], ["b", "a"], 1],
    ]);
    expect(relations.documentTopics).toEqual({ a: ["auth", "webhook"], b: ["auth", "webhook"], c: ["auth"] });
  });
});
