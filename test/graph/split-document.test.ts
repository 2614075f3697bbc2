import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisCacheKey } from "../../graphs/analyse-batch.ts";
import type { Services } from "../../graphs/services.ts";
import { createLocalAnalyser } from "../../src/local/index.ts";
import { mergeSummaries, mergeTopics } from "../../src/merge-analysis.ts";
import { documentIdFor } from "../../src/source-index.ts";
import { contentText } from "../helpers/mock-openai-answers.ts";
import type { DocumentPart } from "../../src/split-document.ts";
import { countTokens } from "../../src/tokens.ts";
import type { DocumentRecord, DocumentSummary, DocumentTopics, GlobalContext } from "../../src/types.ts";
import { createHarness, temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { createRecordingAnalyser } from "../helpers/recording-analyser.ts";

// One word in one paragraph: if it shows up in graph state, document text leaked into it.
const MARKER = "quokkafrost";
const STEPS = ["Create the endpoint", "Store the secret", "Verify signatures", "Handle retries", "Replay events", "Rotate secrets", "Monitor deliveries", "Close the endpoint"];

/** A folder of three documents: a short one, a long one in eight sections, and another short one. */
function writeDocs(folder: string): string {
  const docs = join(folder, "docs");
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, "a-overview.md"), "# Overview\n\nRelaykit delivers webhooks to your endpoint and retries failed deliveries.\n");
  const sections = STEPS.map((step, index) =>
    [
      `## ${step}`,
      `To ${step.toLowerCase()}, open the Relaykit dashboard and choose the webhook endpoint you want to change. Each endpoint keeps its own signing secret, retry schedule and delivery log, so a change to one endpoint never touches another.${index === 5 ? ` The ${MARKER} setting stays off.` : ""}`,
      `The API does the same: call the endpoints resource with the endpoint id and the fields to change. The response holds the endpoint as it is now, including the time of its last delivery attempt and the number of attempts still pending.`,
      "```ts\n" + `await relay.endpoints.update("ep_${index + 1}", { step: "${step}" });\n` + "```",
    ].join("\n\n"),
  );
  writeFileSync(join(docs, "b-guide.md"), `# Endpoint guide\n\nEverything about webhook endpoints, step by step.\n\n${sections.join("\n\n")}\n`);
  writeFileSync(join(docs, "c-limits.md"), "# Limits\n\nAn account may have 20 endpoints; each receives at most 50 deliveries a second.\n");
  return docs;
}

const guideOf = (documents: Record<string, DocumentRecord>) => Object.values(documents).find((record) => record.url.endsWith("b-guide.md"))!;

describe("a document over the batch budget is analysed in parts and merged (invariant 4)", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("openai: each part goes fenced with the document id within the budget; one merged answer reaches the output; a re-run asks nothing", async () => {
    const folder = temporaryFolder();
    const { app, config, services } = createHarness({ folder, configuration: { provider: "openai", baseUrl: mock.baseUrl, model: "mock-small", batchTokens: 1000 } });
    const result = await app.invoke({ source: writeDocs(folder) }, config());
    const guide = guideOf(result.documents);
    expect(Object.values(result.documents).map((record) => record.status)).toEqual(["analysed", "analysed", "analysed"]);
    const partCount = result.splits[guide.id]!.length;
    expect(partCount).toBeGreaterThanOrEqual(2);
    const partIds = Array.from({ length: partCount }, (_part, index) => `${guide.id}#part-${index + 1}`);

    const batchRequests = mock.completions().filter((request) => /Question: (summarize|topic)\./.test(contentText(request.body.messages.at(-1).content)));
    const fenced: Record<string, string[]> = { summarize: [], topic: [] };
    for (const request of batchRequests) {
      const texts: string[] = request.body.messages.map((message: { content: unknown }) => contentText(message.content));
      // Within budget: every message of the request, counted as the planner counts.
      expect(countTokens(texts.join("\n"))).toBeLessThanOrEqual(1000);
      const question = /Question: (summarize|topic)\./.exec(texts.at(-1)!)![1]!;
      for (const match of texts.join("\n").matchAll(/<document id="([^"]+)" url="[^"]*" title="([^"]*)">/g)) fenced[question]!.push(`${match[1]} ${match[2]}`);
    }
    const expectedParts = partIds.map((id, index) => `${id} Endpoint guide (part ${index + 1} of ${partCount})`);
    for (const question of ["summarize", "topic"]) {
      expect(fenced[question]!.filter((entry) => entry.startsWith(guide.id)).sort()).toEqual([...expectedParts].sort());
    }

    // The merged answers: one per question for the document, built from the parts' answers, pointing at its headings.
    const summary = services.store.get<DocumentSummary>(guide.summaryHash!)!;
    const topics = services.store.get<DocumentTopics>(guide.topicsHash!)!;
    const { summaries, partTopics } = partAnswers({ services, contextHash: result.contextHash!, partHashes: result.splits[guide.id]! });
    expect(summary).toEqual(mergeSummaries({ documentId: guide.id, parts: summaries }));
    expect(topics).toEqual(mergeTopics({ documentId: guide.id, parts: partTopics }));
    // The mock answers every part alone in its batch with "Summary 1" and the concepts "Name 1" and "Name 2".
    expect(summary.summary).toBe(Array.from({ length: partCount }, () => "Summary 1").join(" "));
    expect(summary.concepts.map((concept) => [concept.name, concept.heading, concept.anchor])).toEqual([
      ["Name 1", "Endpoint guide", "endpoint-guide"],
      ["Name 2", STEPS[0], "create-the-endpoint"],
    ]);
    const analysis = JSON.parse(readFileSync(join(folder, "out", "analysis.json"), "utf8")) as { documents: Array<{ record: { id: string }; summary: unknown; topics: unknown }> };
    const entry = analysis.documents.find((item) => item.record.id === guide.id)!;
    expect(entry.summary).toEqual(summary);
    expect(entry.topics).toEqual(topics);

    const before = mock.completions().length;
    const rerun = await app.invoke({ source: join(folder, "docs") }, config("thread-2"));
    // The merged answers are cached under the document's own key, so the planner does not even split it again.
    expect(rerun.splits).toEqual({});
    expect(guideOf(rerun.documents).summaryHash).toBe(guide.summaryHash);
    const again = mock.completions().slice(before).map((request) => contentText(request.body.messages.at(-1).content).split("\n")[0]!);
    // Only the context question is asked again (it is not cached); no part, merge or synthesis is.
    expect(again.filter((line) => !line.startsWith("The documents below"))).toEqual([]);
  }, 120_000);

  it("local: parts are asked in batches, merged into the answer the parts give, cached, and no text enters graph state", async () => {
    const folder = temporaryFolder();
    const analyser = createRecordingAnalyser();
    const { app, config, services } = createHarness({ folder, configuration: { batchTokens: 400, maxBatchDocuments: 8 }, services: { analyser } });
    const result = await app.invoke({ source: writeDocs(folder) }, config());
    const guide = guideOf(result.documents);
    expect(guide.status).toBe("analysed");
    const partHashes = result.splits[guide.id]!;
    const parts = partHashes.map((hash) => services.store.get<DocumentPart>(hash)!);
    expect(parts.map((part) => part.id)).toEqual(partHashes.map((_hash, index) => `${guide.id}#part-${index + 1}`));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.tokens).toBeLessThanOrEqual(400);
    // Batches are packed by tokens: the overview shares the first part's batch.
    const summarizeCalls = analyser.calls.filter((call) => call.question === "summarize");
    expect(summarizeCalls.flatMap((call) => call.ids).filter((id) => id.startsWith(guide.id)).sort()).toEqual(parts.map((part) => part.id).sort());
    expect(summarizeCalls.some((call) => call.ids.length > 1 && call.ids.some((id) => id.startsWith(`${guide.id}#`)))).toBe(true);

    // The merged answer is what the local analyser says of each part, merged.
    const context = services.store.get<GlobalContext>(result.contextHash!)!;
    const local = createLocalAnalyser();
    const documents = parts.map((part) => ({ ...part, section: guide.section }));
    const summaries = await local.summarize({ context, documents });
    const partTopics = await local.topics({ context, documents });
    expect(services.store.get(guide.summaryHash!)).toEqual(mergeSummaries({ documentId: guide.id, parts: summaries }));
    expect(services.store.get(guide.topicsHash!)).toEqual(mergeTopics({ documentId: guide.id, parts: partTopics.map((topics, index) => ({ topics, tokens: parts[index]!.tokens })) }));
    for (const concept of services.store.get<DocumentSummary>(guide.summaryHash!)!.concepts) expect(["", "Endpoint guide", ...STEPS]).toContain(concept.heading);

    // Invariant 1: the parts' text is in the content store, never in any checkpoint of the run.
    expect(parts.some((part) => part.markdown.includes(MARKER))).toBe(true);
    for await (const snapshot of app.getStateHistory(config())) expect(JSON.stringify([snapshot.values, snapshot.tasks])).not.toContain(MARKER);

    const calls = analyser.calls.length;
    const rerun = await app.invoke({ source: join(folder, "docs") }, config("thread-2"));
    expect(analyser.calls.slice(calls).filter((call) => call.question !== "synthesize")).toEqual([]);
    expect(rerun.splits).toEqual({});
    expect(guideOf(rerun.documents).summaryHash).toBe(guide.summaryHash);
  }, 120_000);

  it("a failed part fails its document with the part's reason; the other documents are analysed", async () => {
    const folder = temporaryFolder();
    const docs = writeDocs(folder);
    const guideId = documentIdFor(pathToFileURL(join(docs, "b-guide.md")).href);
    const analyser = createRecordingAnalyser({ failFor: [`${guideId}#part-2`] });
    const { app, config } = createHarness({ folder, configuration: { batchTokens: 400 }, services: { analyser } });
    const result = await app.invoke({ source: docs }, config());
    const guide = result.documents[guideId]!;
    expect(guide.status).toBe("failed");
    expect(["summarize", "topic"]).toContain(guide.failure!.stage);
    expect(guide.failure!.reason).toBe(`part 2 of the document: analyser refused document ${guideId}#part-2`);
    expect(Object.values(result.documents).filter((record) => record.id !== guideId).map((record) => record.status)).toEqual(["analysed", "analysed"]);
  }, 120_000);
});

function partAnswers(options: { services: Services; contextHash: string; partHashes: string[] }): { summaries: DocumentSummary[]; partTopics: Array<{ topics: DocumentTopics; tokens: number }> } {
  const { store, analyser } = options.services;
  const answer = <T>(question: "summarize" | "topic", contentHash: string) =>
    store.get<T>(store.getCached(analysisCacheKey({ question, provider: analyser.provider, model: analyser.model, answerVersion: analyser.answerVersions?.[question], contentHash, contextHash: options.contextHash }))!)!;
  return {
    summaries: options.partHashes.map((hash) => answer<DocumentSummary>("summarize", hash)),
    partTopics: options.partHashes.map((hash) => ({ topics: answer<DocumentTopics>("topic", hash), tokens: store.get<DocumentPart>(hash)!.tokens })),
  };
}
