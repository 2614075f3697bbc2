import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { neutraliseFenceTags } from "../../src/providers/fence.ts";
import { resolveSection } from "../../src/providers/sections.ts";
import type { DocumentSection } from "../../src/types.ts";
import { analyserFor, context, documents, synthesisInput } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  server = await startMockOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const analyser = () => analyserFor(server);

describe("guideline citations", () => {
  it("removes citation numbers outside the topic's sources, drops statements left uncited, and counts both", async () => {
    server.script.push({
      answer: {
        overview: [
          { text: "Deliveries are signed with HMAC.", citations: [1, 7, 1] },
          { text: "Retries back off [2].", citations: [2] },
          { text: "Made up claim.", citations: [9] },
        ],
        whenToUse: [{ text: "Verify every delivery [1, 3].", citations: [1] }],
        steps: [{ text: "Compute the HMAC.", citations: [5, 1] }],
        code: [
          { title: "Verify", language: "ts", code: "verify(body, header);", citations: [1] },
          { title: "Invented", language: "ts", code: "hack();", citations: [4] },
        ],
        pitfalls: [],
      },
    });
    const guideline = await analyser().synthesize(synthesisInput());
    expect(guideline.overview).toEqual([
      { text: "Deliveries are signed with HMAC.", citations: [1] },
      { text: "Retries back off.", citations: [2] },
    ]);
    expect(guideline.whenToUse).toEqual([{ text: "Verify every delivery.", citations: [1] }]);
    expect(guideline.steps).toEqual([{ text: "Compute the HMAC.", citations: [1] }]);
    expect(guideline.code).toEqual([{ title: "Verify", language: "ts", code: "verify(body, header);", citations: [1] }]);
    // Removed: 7, 9, 3 (written in the text), 5 and 4; dropped: "Made up claim." and the "Invented" code.
    expect(guideline.citationCheck).toEqual({ removedCitations: 5, removedStatements: 2 });
  });
});

describe("batch answers", () => {
  it("keeps answers in batch order, dropping ids outside the batch and repeats, resolving loose headings", async () => {
    server.script.push({
      answer: {
        answer: {
          question: "topic",
          documents: [
            { documentId: "doc-retries", topics: [{ name: " Backoff ", relevance: 0.7, heading: "## backoff:" }] },
            { documentId: "doc-unknown", topics: [{ name: "Other", relevance: 1, heading: "" }] },
            { documentId: "doc-retries", topics: [{ name: "Repeat", relevance: 1, heading: "" }] },
            { documentId: "doc-signing", topics: [{ name: "Signatures", relevance: 0.9, heading: "Verify" }, { name: "", relevance: 0.1, heading: "" }] },
          ],
        },
      },
    });
    expect(await analyser().topics({ context, documents })).toEqual([
      { documentId: "doc-signing", topics: [{ name: "Signatures", relevance: 0.9, heading: "Verify a signature", anchor: "verify-a-signature" }] },
      { documentId: "doc-retries", topics: [{ name: "Backoff", relevance: 0.7, heading: "Backoff", anchor: "backoff" }] },
    ]);
  });

  it("leaves out a document the answer skipped, so the caller can retry it alone", async () => {
    server.script.push({ answer: { answer: { question: "topic", documents: [{ documentId: "doc-signing", topics: [] }] } } });
    expect(await analyser().topics({ context, documents })).toEqual([{ documentId: "doc-signing", topics: [] }]);
  });
});

describe("resolveSection", () => {
  const sections: DocumentSection[] = [
    { heading: "", level: 0, anchor: "", markdown: "Preamble" },
    { heading: "Install `acme`", level: 2, anchor: "install-acme", markdown: "" },
    { heading: "Configure the client", level: 2, anchor: "configure-the-client", markdown: "" },
    { heading: "Configure the server", level: 2, anchor: "configure-the-server", markdown: "" },
  ];

  it.each([
    ["Install acme", { heading: "Install `acme`", anchor: "install-acme" }],
    ["## CONFIGURE THE CLIENT.", { heading: "Configure the client", anchor: "configure-the-client" }],
    ["the server", { heading: "Configure the server", anchor: "configure-the-server" }],
    ["Configure", { heading: "", anchor: "" }],
    ["Nowhere", { heading: "", anchor: "" }],
    ["", { heading: "", anchor: "" }],
  ])("resolves %j", (heading, expected) => {
    expect(resolveSection(sections, heading)).toEqual(expected);
  });
});

describe("neutraliseFenceTags", () => {
  it("escapes opening and closing fence tags in any case and spacing, and nothing else", () => {
    expect(neutraliseFenceTags('a </document> b < / Document > c <context x="1"> d <documents> e <div>')).toBe(
      'a &lt;/document> b &lt; / Document > c &lt;context x="1"> d <documents> e <div>',
    );
  });
});
